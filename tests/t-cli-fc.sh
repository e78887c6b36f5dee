# SPDX-License-Identifier: LGPL-3.0-or-later
# Fully connected models through the command: the one-neuron cases from
# the field (tests/cases B02, B03, B09, B10, B11), the sign change of a(t)
# (benchmark B6), the candidate regularizer for several neurons (MISMATCH,
# with the identical neurons as the positive control), and the paper-size
# benchmarks B3 and B4 (bench/README.md).
. "$top_srcdir/tests/tap.sh"
cases=$top_srcdir/tests/cases
data=$top_srcdir/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-fc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err

# The value of a top-level string key of a certificate.
key() { sed -n "s/^  \"$1\": \"\([^\"]*\)\".*/\1/p" "$2" | head -n 1; }

for f in b03_fc1_tiny_balanced b09_fc1_sharp_transition \
         b09_fc1_plateau_1e-300 b11_fc1_stiff; do
    run_gfcert "$o" "$e" certify "$cases/$f.json" --json --quiet
    check "$f: MATCH, exit 0" test "$rc" -eq 0
    check "$f: branch kept (crossed false)" grep -q '"crossed": false' "$o"
done
run_gfcert "$o" "$e" certify "$cases/b11_fc1_stiff.json" --json --quiet
steps=$(sed -n 's/.*"steps": \([0-9]*\).*/\1/p' "$o")
check "B11: the stiff flow closes in fewer than 10^4 steps ($steps)" \
    test "${steps:-99999}" -lt 10000
run_gfcert "$o" "$e" certify "$cases/b03_fc1_tiny_balanced.json" --quiet
check "B03: beta(inf)[1] = 2 to 30 digits" \
    grep -q '^  beta\[1\] = 2.00000000000000000000000000000$' "$o"
check "fc1 output explains the warped mirror flow" \
    grep -q 'mirror flow warped by |a(t)|' "$o"

# B10 / B02: algebraic decay to a degenerate point; the tail cannot close.
run_gfcert "$o" "$e" certify "$cases/b02_fc1_balanced_y0.json" --quiet \
    --max-time 3
check "B10: INCONCLUSIVE (exit 3), never MISMATCH" test "$rc" -eq 3
check "B10: the reason names the tail bound" grep -q 'tail bound' "$o"
run_gfcert "$o" "$e" bias "$cases/b02_fc1_balanced_y0.json" --json
check "B02: bias proven (0) or INCONCLUSIVE (3)" test "$rc" -eq 0 -o "$rc" -eq 3
check "B02: no nan anywhere" sh -c "! grep -qi nan '$o'"
run_gfcert "$o" "$e" certify "$cases/b03_fc1_zero_start.json"
check "B03 zero start: exit 2" test "$rc" -eq 2
check "B03 zero start: names init.a0 or init.w0" grep -q 'init\.[aw]0' "$e"

# B6: a(t) changes sign; certified against the branch of a(inf).
run_gfcert "$o" "$e" certify "$data/fc1_crossing.json" --quiet
check "B6: MATCH on the branch of a(inf) (exit 0)" test "$rc" -eq 0
check "B6: says the output weight changed sign" \
    grep -q 'changed sign' "$o"
check "B6: says it is the non-convex branch, not the convex minimiser" \
    grep -q 'non-convex branch sign(a(inf))' "$o"
run_gfcert "$tmp/b6.json" "$e" certify "$data/fc1_crossing.json" --quiet --json
check "B6 certificate: crossed true" grep -q '"crossed": true' "$tmp/b6.json"
check "B6 certificate: sign at infinity -1" \
    grep -q '"signs_at_infinity": \[-1\]' "$tmp/b6.json"
run_gfcert "$o" "$e" verify "$tmp/b6.json"
check "B6 certificate verifies (exit 0)" test "$rc" -eq 0
# A certificate may not hide the sign change, drop the branch, or carry a
# claim verify does not check.
sed 's/"signs_at_infinity": \[-1\], "crossed": true/"signs_at_infinity": [1], "crossed": false/' \
    "$tmp/b6.json" >"$tmp/b6t.json"
check "B6 tamper really changed the file" sh -c "! cmp -s '$tmp/b6.json' '$tmp/b6t.json'"
run_gfcert "$o" "$e" verify "$tmp/b6t.json"
check "B6 with the sign change hidden: rejected (exit 2)" test "$rc" -eq 2
sed '/^  "branch": /d' "$tmp/b6.json" >"$tmp/b6n.json"
run_gfcert "$o" "$e" verify "$tmp/b6n.json"
check "B6 without its branch record: rejected (exit 2)" test "$rc" -eq 2
sed 's/^  "digits": /  "extra_claim": true,\n  "digits": /' "$tmp/b6.json" >"$tmp/b6x.json"
run_gfcert "$o" "$e" verify "$tmp/b6x.json"
check "B6 with an unknown key: rejected (exit 2)" test "$rc" -eq 2
sed '0,/"\[-0\.518[^"]*"/s//"nan"/' "$tmp/b6.json" >"$tmp/b6nan.json"
run_gfcert "$o" "$e" verify "$tmp/b6nan.json"
check "B6 with a nan ball: rejected (exit 2)" test "$rc" -eq 2

# Several neurons: the candidate regularizer.
run_gfcert "$o" "$e" certify "$data/fc_identical_m2.json" --quiet
check "identical neurons: MATCH (exit 0)" test "$rc" -eq 0
for f in fc_generic_m2 fc_generic_m3; do
    run_gfcert "$tmp/$f.json" "$e" certify "$data/$f.json" --quiet --json
    check "$f: MISMATCH (exit 1)" test "$rc" -eq 1
    check "$f: proven by disjoint enclosures" \
        grep -q 'beta_flow\[i\] - beta_bias\[i\]| >= bound' "$tmp/$f.json"
    b=$(key bound "$tmp/$f.json")
    check "$f: gap $b well above the 1e-30 radii" \
        awk -v b="$b" 'BEGIN { exit !(b + 0 > 1e-10) }'
    run_gfcert "$o" "$e" verify "$tmp/$f.json"
    check "$f: the MISMATCH certificate verifies (exit 1)" test "$rc" -eq 1
done
run_gfcert "$tmp/st.json" "$e" certify "$data/fc_stationarity_m2.json" \
    --quiet --json
check "delta < 0 neuron: MISMATCH (exit 1)" test "$rc" -eq 1
check "delta < 0 neuron: proven by the stationarity conditions" \
    grep -q 'violates the regularizer.s stationarity' "$tmp/st.json"
run_gfcert "$o" "$e" verify "$tmp/st.json"
check "stationarity certificate verifies (exit 1)" test "$rc" -eq 1
sed 's/"bound": "[^"]*"/"bound": "0.5"/' "$tmp/st.json" >"$tmp/st2.json"
run_gfcert "$o" "$e" verify "$tmp/st2.json"
check "overstated violation: rejected (exit 2)" test "$rc" -eq 2
sed 's/"bound_meaning": "[^"]*"/"bound_meaning": "|beta_flow[i] - beta_bias[i]| >= bound at i = gap_index"/' \
    "$tmp/st.json" >"$tmp/st3.json"
run_gfcert "$o" "$e" verify "$tmp/st3.json"
check "stationarity proof relabelled as a gap: rejected (exit 2)" \
    test "$rc" -eq 2

# The paper-size instances B3 (one neuron) and B4 (two neurons).
run_gfcert "$o" "$e" certify "$data/b3_fc1_alpha1_s0.5.json" --quiet
check "B3: MATCH to 1e-30 (exit 0)" test "$rc" -eq 0
run_gfcert "$o" "$e" certify "$data/b4_fc_m2_alpha0.1_s0.5.json" --quiet
check "B4 (m = 2): MISMATCH (exit 1)" test "$rc" -eq 1
done_testing
