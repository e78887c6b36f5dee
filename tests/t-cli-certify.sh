# SPDX-License-Identifier: LGPL-3.0-or-later
# gfcert certify, flow and verify: verdicts on the cases from the field,
# byte-identical certificates, verify accepting the true and rejecting the
# tampered, and a deliberately wrong regularizer never accepted.
. "$top_srcdir/tests/tap.sh"
cases=$top_srcdir/tests/cases
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-cert.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - # SKIP $*"; }

# --- the cases from the field: MATCH through the flow too ---------------
for f in b05_diag_decimal_string b05_diag_decimal_number \
         b07_diag_alpha1e-12 b07_diag_alpha1e-12_mirror \
         b07_diag_alpha1e-300 b20_diag_fsolve_trap b20_diag_symmetric \
         b12_fortran b16_diag_locale b13_v2 b17_csv; do
    run_gfcert "$o" "$e" certify "$cases/$f.json" --quiet
    check "$f: MATCH, exit 0" test "$rc" -eq 0
    check "$f: says MATCH with a bound" \
        grep -q '^verdict    MATCH: ||beta(inf) - beta_Q||_inf <= ' "$o"
done
run_gfcert "$o" "$e" certify "$cases/b05_diag_decimal_string.json" --quiet
check "B05: beta(inf)[1] printed with 30 certified digits" \
    grep -q '^  beta\[1\] = 0.100000000000000000000000000000$' "$o"
run_gfcert "$o" "$e" certify "$cases/b07_diag_alpha1e-300.json" --quiet
check "B07 alpha=1e-300: beta(inf)[1] = -1" \
    grep -q '^  beta\[1\] = -1.00000000000000000000000000000$' "$o"
check "B07: no nan or inf in the output" \
    sh -c "! grep -qiE '(^|[^a-z])nan|\\+/- inf|= -?inf' '$o'"

# --- certificates: deterministic, verified, tampering rejected ---------
b05=$cases/b05_diag_decimal_string.json
run_gfcert "$o" "$e" certify "$b05" --quiet --out "$tmp/c1.json"
check "--out: exit 0" test "$rc" -eq 0
run_gfcert "$tmp/c2.json" "$e" certify "$b05" --json --quiet
check "--json prints the certificate, byte-identical to a second run" \
    cmp -s "$tmp/c1.json" "$tmp/c2.json"
for key in '"verdict": "MATCH"' '"bound": "' '"beta_flow"' '"beta_bias"' \
           '"lambda"' '"tail"' '"lambda_min_K_lower"' '"schedule"' \
           '"precision"' '"sha256"' '"tool": "gfcert '; do
    check "certificate holds $key" grep -qF "$key" "$tmp/c1.json"
done
run_gfcert "$o" "$e" verify "$tmp/c1.json"
check "verify accepts the certificate (exit 0)" test "$rc" -eq 0
check "verify says verified MATCH" grep -q '^verified   MATCH' "$o"

# B06: a midpoint digit changed by more than the radius
sed '0,/"\[0\.1000/s//"[0.1001/' "$tmp/c1.json" >"$tmp/t1.json"
check "tamper 1 really changed the file" sh -c "! cmp -s '$tmp/c1.json' '$tmp/t1.json'"
run_gfcert "$o" "$e" verify "$tmp/t1.json"
check "changed midpoint digit: rejected (exit 2)" test "$rc" -eq 2
check "changed midpoint digit: names beta_flow" grep -q 'beta_flow' "$e"
# a radius replaced by a smaller one
sed '0,/+\/- [0-9.]*e-[0-9]*\]/s//+\/- 1e-90]/' "$tmp/c1.json" >"$tmp/t2.json"
run_gfcert "$o" "$e" verify "$tmp/t2.json"
check "shrunken radius: rejected (exit 2)" test "$rc" -eq 2
check "shrunken radius: names beta_flow" grep -q 'beta_flow' "$e"
# a changed verdict
sed 's/"verdict": "MATCH"/"verdict": "MISMATCH"/' "$tmp/c1.json" >"$tmp/t3.json"
run_gfcert "$o" "$e" verify "$tmp/t3.json"
check "changed verdict: rejected (exit 2)" test "$rc" -eq 2
# a smaller claimed bound than proven
sed 's/"bound": "[^"]*"/"bound": "1e-80"/' "$tmp/c1.json" >"$tmp/t4.json"
run_gfcert "$o" "$e" verify "$tmp/t4.json"
check "understated bound: rejected (exit 2)" test "$rc" -eq 2
check "understated bound: names bound" grep -q 'bound' "$e"
# a shortened schedule
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/c1.json" "$tmp/t5.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
s = c["schedule"]
s["h"].pop(); s["order"].pop(); s["steps"] -= 1
json.dump(c, open(sys.argv[2], "w"))
PY
    run_gfcert "$o" "$e" verify "$tmp/t5.json"
    check "shortened schedule: rejected (exit 2)" test "$rc" -eq 2
else
    skip "python3 not installed (shortened schedule)"
fi
# a different problem
run_gfcert "$o" "$e" verify "$tmp/c1.json" "$cases/b16_diag_locale.json"
check "different problem: rejected (exit 2)" test "$rc" -eq 2
check "different problem: names sha256" grep -q 'sha256' "$e"

# one digit of a tail constant, of a step size; steps dropped mid-way
bump() # FILE KEY OUT: the first digit of the string after "KEY": changed
{
    d=$(grep -o "\"$2\": \[*\"[0-9]" "$1" | head -n 1 | tail -c 2)
    n=$(( (d % 9) + 1 ))
    sed "0,/\"$2\": \(\[*\)\"$d/s//\"$2\": \1\"$n/" "$1" >"$3"
}
bump "$tmp/c1.json" err_T "$tmp/t6.json"
check "tamper 6 really changed err_T" sh -c "! cmp -s '$tmp/c1.json' '$tmp/t6.json'"
run_gfcert "$o" "$e" verify "$tmp/t6.json"
check "changed tail constant: rejected (exit 2)" test "$rc" -eq 2
check "changed tail constant: names tail.err_T" grep -q 'tail\.err_T' "$e"
bump "$tmp/c1.json" h "$tmp/t7.json"
check "tamper 7 really changed a step" sh -c "! cmp -s '$tmp/c1.json' '$tmp/t7.json'"
run_gfcert "$o" "$e" verify "$tmp/t7.json"
check "changed step size: rejected (exit 2)" test "$rc" -eq 2
check "changed step size: names the schedule's end time tail.T" \
    grep -q 'tail\.T' "$e"
steps=$(grep -o '"steps": [0-9]*' "$tmp/c1.json" | grep -o '[0-9]*$')
sed -e 's/"h": \["\([^"]*\)", "[^"]*", "[^"]*",/"h": ["\1",/' \
    -e 's/"order": \[\([0-9]*\), [0-9]*, [0-9]*,/"order": [\1,/' \
    -e "s/\"steps\": $steps,/\"steps\": $((steps - 2)),/" \
    "$tmp/c1.json" >"$tmp/t8.json"
check "tamper 8 dropped steps 2 and 3 consistently" \
    test "$(grep -c "\"steps\": $((steps - 2))," "$tmp/t8.json")" -eq 1
run_gfcert "$o" "$e" verify "$tmp/t8.json"
check "steps dropped mid-way: rejected (exit 2)" test "$rc" -eq 2
check "steps dropped mid-way: names tail.T" grep -q 'tail\.T' "$e"
sed 's/"verdict": "MATCH"/"verdict": "INCONCLUSIVE"/' "$tmp/c1.json" >"$tmp/t9.json"
run_gfcert "$o" "$e" verify "$tmp/t9.json"
check "MATCH turned INCONCLUSIVE: rejected (exit 2)" test "$rc" -eq 2
check "changed verdict: names verdict" grep -q 'verdict' "$e"
sed '/"beta_bias"/{n;s/"\[0\.1000/"[0.1001/}' "$tmp/c1.json" >"$tmp/t10.json"
check "tamper 10 really changed beta_bias" sh -c "! cmp -s '$tmp/c1.json' '$tmp/t10.json'"
run_gfcert "$o" "$e" verify "$tmp/t10.json"
check "changed beta_bias digit: rejected, names beta_bias" \
    sh -c "test $rc -eq 2 && grep -q beta_bias '$e'"

sed '/"lambda"/{n;s/"\[0\.0249/"[0.0259/}' "$tmp/c1.json" >"$tmp/t12.json"
check "tamper 12 really changed lambda" sh -c "! cmp -s '$tmp/c1.json' '$tmp/t12.json'"
run_gfcert "$o" "$e" verify "$tmp/t12.json"
check "lambda moved off the root: rejected, names lambda" \
    sh -c "test $rc -eq 2 && grep -q 'lambda: neither the Krawczyk' '$e'"
# verified at another working precision; a bad --prec is bad usage
run_gfcert "$o" "$e" verify "$tmp/c1.json" --prec 256
check "verify --prec 256 (above the recorded 163): exit 0" test "$rc" -eq 0
run_gfcert "$o" "$e" verify --prec=400 "$tmp/c1.json"
check "verify --prec=400: exit 0" test "$rc" -eq 0
sed 's/"err_T": "[^"]*"/"err_T": "1e-80"/' "$tmp/c1.json" >"$tmp/t11.json"
run_gfcert "$o" "$e" verify "$tmp/t11.json" --prec 256
check "understated err_T at --prec 256: rejected, names tail.err_T" \
    sh -c "test $rc -eq 2 && grep -q 'tail\.err_T' '$e'"
run_gfcert "$o" "$e" verify "$tmp/c1.json" --prec 8
check "verify --prec 8: exit 2, names --prec" \
    sh -c "test $rc -eq 2 && grep -q -- --prec '$e'"

# --- soundness: a wrong k is never accepted ----------------------------
# The start alpha = 1, s = 0 gives k = 4; each file claims a k off by a
# small relative amount (1e-6 down to 1e-8), or a slightly wrong k on one
# coordinate only.
i=0
for spec in '1, 3|0.5|"4.000004"' '1, 2|1|"4.0004"' '3, 1|-2|"3.996"' \
            '1, 1|1|["4", "4.00000004"]' '2, -1|0.25|"4.04"'; do
    i=$((i + 1))
    x=${spec%%|*}; rest=${spec#*|}; y=${rest%%|*}; k=${rest#*|}
    cat >"$tmp/wrong$i.json" <<JSON
{"model": "diag", "X": [[$x]], "y": ["$y"],
 "init": {"alpha": "1", "s": "0"},
 "regularizer": {"name": "paper", "k": $k}}
JSON
    run_gfcert "$o" "$e" certify "$tmp/wrong$i.json" --quiet --digits 20
    check "wrong k ($spec): never MATCH (exit $rc)" test "$rc" -eq 1 -o "$rc" -eq 3
    check "wrong k ($spec): MISMATCH proven" test "$rc" -eq 1
done

# --- the default, the flow command, limits, bad usage -------------------
run_gfcert "$o" "$e" certify --digits 6 --quiet
check "no problem: exit 0" test "$rc" -eq 0
check "no problem: first line says it is the built-in default" \
    sh -c "head -n 1 '$o' | grep -q 'built-in default'"
run_gfcert "$o" "$e" flow "$b05" --quiet --trajectory "$tmp/traj.csv"
check "flow: exit 0" test "$rc" -eq 0
check "flow --trajectory: header" \
    sh -c "head -n 1 '$tmp/traj.csv' | grep -q '^t,loss,loss_radius,distance,distance_radius$'"
check "flow --trajectory: one row per step" \
    test "$(wc -l <"$tmp/traj.csv")" -gt 10
run_gfcert "$o" "$e" flow "$b05" --quiet --out "$tmp/flow.json"
check "flow --out: exit 0" test "$rc" -eq 0
check "flow certificate: kind flow, verdict ENCLOSED, no beta_bias" \
    sh -c "grep -q '\"kind\": \"flow\"' '$tmp/flow.json' \
           && grep -q '\"verdict\": \"ENCLOSED\"' '$tmp/flow.json' \
           && ! grep -q beta_bias '$tmp/flow.json'"
run_gfcert "$o" "$e" verify "$tmp/flow.json"
check "flow certificate verifies (exit 0)" test "$rc" -eq 0
# a flow certificate claims the enclosure to its digits, nothing more
sed 's/"digits": 30,/"digits": 60,/' "$tmp/flow.json" >"$tmp/f1.json"
run_gfcert "$o" "$e" verify "$tmp/f1.json"
check "flow certificate with digits raised to 60: rejected, names beta_flow" \
    sh -c "test $rc -eq 2 && grep -q 'beta_flow: a ball is wider' '$e'"
sed 's/"bound": null/"bound": "1e-300"/' "$tmp/flow.json" >"$tmp/f2.json"
run_gfcert "$o" "$e" verify "$tmp/f2.json"
check "flow certificate claiming a bound: rejected, names bound" \
    sh -c "test $rc -eq 2 && grep -q 'bound: null expected' '$e'"
sed 's/"bias_proven": false,/"bias_proven": false, "beta_bias": ["[5 +\/- 0]", "[7 +\/- 0]"],/' \
    "$tmp/flow.json" >"$tmp/f3.json"
check "tamper f3 added beta_bias" grep -q '"beta_bias"' "$tmp/f3.json"
run_gfcert "$o" "$e" verify "$tmp/f3.json"
check "flow certificate claiming beta_bias: rejected" test "$rc" -eq 2
# keys inside nested objects are claims too
sed 's/"T": /"extra": "0", "T": /' "$tmp/c1.json" >"$tmp/k1.json"
run_gfcert "$o" "$e" verify "$tmp/k1.json"
check "unknown key tail.extra: rejected by name" \
    sh -c "test $rc -eq 2 && grep -q 'tail.extra' '$e'"
sed 's/"sha256": /"wstar": "0", "sha256": /' "$tmp/c1.json" >"$tmp/k2.json"
run_gfcert "$o" "$e" verify "$tmp/k2.json"
check "unknown key problem.wstar: rejected by name" \
    sh -c "test $rc -eq 2 && grep -q 'problem.wstar' '$e'"
# an untrusted precision cannot make verify run for days
sed 's/"precision": [0-9]*/"precision": 16777216/' "$tmp/c1.json" >"$tmp/p1.json"
run_gfcert "$o" "$e" verify "$tmp/p1.json"
check "precision 2^24: refused at once, names precision and --max-prec" \
    sh -c "test $rc -eq 2 && grep -q 'precision: .*--max-prec' '$e'"
# a negative radius is not gfcert's text
sed '0,/+\/- \([0-9]\)/s//+\/- -\1/' "$tmp/c1.json" >"$tmp/r1.json"
check "tamper r1 made a radius negative" grep -q '+/- -' "$tmp/r1.json"
run_gfcert "$o" "$e" verify "$tmp/r1.json"
check "negative radius: rejected" test "$rc" -eq 2
run_gfcert "$o" "$e" certify "$b05" --quiet --digits=12
check "--digits=12 means --digits 12" \
    grep -q 'requested 1e-12' "$o"
run_gfcert "$o" "$e" certify "$b05" --quiet --out "$tmp/no/such/dir/c.json"
check "unwritable --out: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" flow "$b05" --quiet --trajectory "$tmp/no/such/dir/t.csv"
check "unwritable --trajectory: exit 2 before any integration" \
    sh -c "test $rc -eq 2 && ! grep -q verdict '$o' && grep -q -- --trajectory '$e'"
run_gfcert "$o" "$e" certify "$cases/b04_diag_near_duplicate.json" \
    --quiet --max-time 1
check "B04 near-duplicate with --max-time 1: INCONCLUSIVE (exit 3)" \
    test "$rc" -eq 3
check "and the reason names the time limit" grep -q 'time limit' "$o"
run_gfcert "$o" "$e" certify "$cases/b04_diag_near_duplicate.json" \
    --quiet --max-time 1 --out "$tmp/inc.json"
run_gfcert "$o" "$e" verify "$tmp/inc.json"
check "an INCONCLUSIVE certificate verifies with exit 3" test "$rc" -eq 3
sed 's/"bound": null/"bound": "1e-99"/' "$tmp/inc.json" >"$tmp/inc2.json"
run_gfcert "$o" "$e" verify "$tmp/inc2.json"
check "INCONCLUSIVE with a claimed bound: rejected, names bound" \
    sh -c "test $rc -eq 2 && grep -q 'bound: null expected' '$e'"
sed 's/"bias_proven": false,/"bias_proven": false, "lambda": ["[7 +\/- 1]"],/' \
    "$tmp/inc.json" >"$tmp/inc3.json"
check "tamper inc3 added a lone lambda" grep -q '"lambda"' "$tmp/inc3.json"
run_gfcert "$o" "$e" verify "$tmp/inc3.json"
check "INCONCLUSIVE with a lone lambda claim: rejected" test "$rc" -eq 2
run_gfcert "$o" "$e" certify "$b05" --digits zero
check "--digits zero: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" certify "$tmp/none.json"
check "missing problem: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" verify "$tmp/none.json"
check "verify of a missing certificate: exit 2" test "$rc" -eq 2
echo '{"format": "something else"}' >"$tmp/bad.json"
run_gfcert "$o" "$e" verify "$tmp/bad.json"
check "verify of a foreign JSON: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" frobnicate
check "unknown command: exit 2" test "$rc" -eq 2

# --- B16: the same bytes under a comma-decimal locale --------------------
if locale -a 2>/dev/null | grep -qi '^de_DE.utf-\?8$'; then
    LC_ALL=C run_gfcert "$tmp/l1" "$e" certify "$cases/b16_diag_locale.json" --json
    LC_ALL=de_DE.UTF-8 run_gfcert "$tmp/l2" "$e" certify "$cases/b16_diag_locale.json" --json
    check "B16: certificate identical under de_DE.UTF-8 and C" cmp -s "$tmp/l1" "$tmp/l2"
else
    skip "locale de_DE.UTF-8 is not installed"
fi
done_testing
