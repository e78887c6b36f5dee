# SPDX-License-Identifier: LGPL-3.0-or-later
# gfcert derive: outcomes, exit codes, records equal to proofs/, and
# certificates whose symbolic_facts list is edited are rejected by verify.
. "$top_srcdir/tests/tap.sh"
cases=$top_srcdir/tests/cases
data=$top_srcdir/data
proofs=$top_srcdir/proofs
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-derive.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - # SKIP $*"; }

# --- derive on the three models ------------------------------------------
run_gfcert "$o" "$e" derive fc1
check "fc1: exit 0" test "$rc" -eq 0
for c in fc1.gradient_field fc1.conservation fc1.predictor_field \
         fc1.warped_mirror fc1.not_mirror_witness; do
    check "fc1: $c PROVED" grep -q "^PROVED     $c " "$o"
done
check "fc1: warped identity in d = 2 and 3" \
    grep -q '^PROVED     fc1.warped_mirror (d = 2 and 3)$' "$o"
check "fc1: the exact witness -1/60" grep -q \
    '^           witness: d_2 G_11 - d_1 G_21 = -1/60 at a = 2, delta = 1/2, beta = (1, 2, 3)$' "$o"
check "fc1: no FAILED line" sh -c "! grep -q FAILED '$o'"
run_gfcert "$o" "$e" derive fc1 --dim 2
check "fc1 --dim 2: witness -1/42 (sympy)" \
    grep -q 'd_2 G_11 - d_1 G_21 = -1/42 at a = 2, delta = 11/4' "$o"
run_gfcert "$o" "$e" derive fc1 --dim=1
check "fc1 --dim=1: exit 0, no witness in one dimension" \
    sh -c "test $rc -eq 0 && grep -q '^PROVED     fc1.mirror_symmetry' '$o'"

run_gfcert "$o" "$e" derive diag
check "diag: exit 0" test "$rc" -eq 0
for c in diag.gradient_field diag.conservation diag.mirror_identity \
         diag.mirror_symmetry; do
    check "diag: $c PROVED" grep -q "^PROVED     $c " "$o"
done
check "diag: no witness" grep -q '^           no witness:' "$o"

run_gfcert "$o" "$e" derive fc --neurons 3 --dim 6
check "fc m = 3, d = 6: exit 0, conservation PROVED" \
    sh -c "test $rc -eq 0 && grep -q '^PROVED     fc.conservation (d = 6)' '$o'"
check "fc: says 3 hidden neurons" grep -q '3 hidden neurons, d = 6' "$o"

# --- bad usage ----------------------------------------------------------
for args in "fc1 --dim 7" "fc1 --dim 0" "fc1 --dim x" "fc --neurons 7" \
            "fc1 --neurons 2" "resnet" "" "fc1 fc" "fc1 --frobnicate" \
            "fc1 --dim" "fc1 --record"; do
    # shellcheck disable=SC2086
    run_gfcert "$o" "$e" derive $args
    check "derive $args: exit 2 with a message" \
        sh -c "test $rc -eq 2 && grep -q 'gfcert: derive: ' '$e'"
done
run_gfcert "$o" "$e" derive fc1 --dim 7
check "--dim 7: the message names the limit" \
    grep -q -- "--dim expects an integer from 1 to 6, not '7'" "$e"
run_gfcert "$o" "$e" derive fc1 --record "$tmp/no/such/dir/r.json"
check "unwritable --record: exit 2 naming the file" \
    sh -c "test $rc -eq 2 && grep -q 'no/such/dir/r.json' '$e'"
run_gfcert "$o" "$e" derive --help
check "derive --help: exit 0, usage on stdout" \
    sh -c "test $rc -eq 0 && grep -q '^usage: gfcert derive MODEL' '$o'"

# --- records: deterministic and equal to the ones in proofs/ -------------
for m in diag fc1 fc; do
    run_gfcert "$o" "$e" derive "$m" --record "$tmp/r1-$m.json"
    run_gfcert "$o" "$e" derive "$m" --record "$tmp/r2-$m.json"
    check "$m: the record is byte-identical on a second run" \
        cmp -s "$tmp/r1-$m.json" "$tmp/r2-$m.json"
    check "$m: the record equals proofs/derive-$m.json (else run make regen-symbolic)" \
        cmp -s "$tmp/r1-$m.json" "$proofs/derive-$m.json"
done
check "fc1 record: the witness value as exact text" \
    grep -q '"value": "-1/60"' "$tmp/r1-fc1.json"
check "diag record: mirror_symmetry PROVED without a witness" \
    sh -c "grep -A5 '\"diag.mirror_symmetry\"' '$tmp/r1-diag.json' | grep -q '\"witness\": null'"
GFCERT=$GFCERT sh "$proofs/regen-symbolic.sh" "$tmp" >"$o" 2>"$e"
check "regen-symbolic.sh writes the three records" \
    sh -c "cmp -s '$tmp/derive-fc.json' '$proofs/derive-fc.json' && cmp -s '$tmp/derive-diag.json' '$proofs/derive-diag.json'"

# --- certificates name their facts; verify re-proves them ----------------
run_gfcert "$tmp/c-diag.json" "$e" certify "$cases/b05_diag_decimal_string.json" --json --quiet
check "diag certificate lists its facts before the schedule" \
    sh -c "grep -A3 '\"symbolic_facts\"' '$tmp/c-diag.json' | grep -q 'diag.mirror_identity' && grep -A4 '\"symbolic_facts\"' '$tmp/c-diag.json' | grep -q '\"schedule\"'"
run_gfcert "$tmp/c-fc1.json" "$e" certify "$cases/b03_fc1_tiny_balanced.json" --json --quiet
check "fc1 certificate names fc1.warped_mirror with its record" \
    grep -q '{"name": "fc1.warped_mirror", "record": "proofs/derive-fc1.json"}' "$tmp/c-fc1.json"
run_gfcert "$tmp/c-fc.json" "$e" certify "$data/fc_identical_m2.json" --json --quiet
check "fc certificate names fc.conservation" \
    grep -q '{"name": "fc.conservation", "record": "proofs/derive-fc.json"}' "$tmp/c-fc.json"
run_gfcert "$tmp/c-flow.json" "$e" flow "$cases/b05_diag_decimal_string.json" --json --quiet
check "a flow certificate relies on no fact" \
    grep -q '"symbolic_facts": \[\],' "$tmp/c-flow.json"
for c in diag fc1 fc flow; do
    run_gfcert "$o" "$e" verify "$tmp/c-$c.json"
    check "verify accepts the $c certificate" test "$rc" -ne 2
done

if command -v python3 >/dev/null 2>&1; then
    edit() { # edit IN OUT PYTHON-STATEMENT (on the list f)
        python3 - "$1" "$2" "$3" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
f = c["symbolic_facts"]
exec(sys.argv[3])
json.dump(c, open(sys.argv[2], "w"), indent=1)
PY
    }
    rejected() { # rejected DESCRIPTION FILE WORD
        run_gfcert "$o" "$e" verify "$2"
        check "$1: rejected (exit 2) naming symbolic_facts and $3" \
            sh -c "test $rc -eq 2 && grep -q 'symbolic_facts' '$e' && grep -qF '$3' '$e'"
    }
    edit "$tmp/c-fc1.json" "$tmp/t1.json" 'f.pop()'
    rejected "fact removed" "$tmp/t1.json" "fc1.warped_mirror"
    edit "$tmp/c-fc1.json" "$tmp/t2.json" 'f[1]["name"] = "fc1.warped_mirrors"'
    rejected "fact renamed" "$tmp/t2.json" "fc1.warped_mirrors"
    edit "$tmp/c-fc1.json" "$tmp/t3.json" 'f[1]["name"] = "fc.conservation"; f[1]["record"] = "proofs/derive-fc.json"'
    rejected "fact of another model" "$tmp/t3.json" "fc1.warped_mirror"
    edit "$tmp/c-fc1.json" "$tmp/t4.json" 'f.reverse()'
    rejected "facts reordered" "$tmp/t4.json" "fc1.conservation"
    edit "$tmp/c-fc1.json" "$tmp/t5.json" 'f.append({"name": "diag.mirror_identity", "record": "proofs/derive-diag.json"})'
    rejected "extra fact" "$tmp/t5.json" "diag.mirror_identity"
    edit "$tmp/c-fc1.json" "$tmp/t6.json" 'f[0]["record"] = "proofs/derive-diag.json"'
    rejected "wrong record" "$tmp/t6.json" "fc1.conservation"
    edit "$tmp/c-fc1.json" "$tmp/t7.json" 'del c["symbolic_facts"]'
    rejected "list missing" "$tmp/t7.json" "missing"
    edit "$tmp/c-fc1.json" "$tmp/t8.json" 'f[0]["proved"] = True'
    rejected "an entry with an extra key" "$tmp/t8.json" "exactly"
    edit "$tmp/c-diag.json" "$tmp/t9.json" 'f.pop(0)'
    rejected "diag: conservation removed" "$tmp/t9.json" "diag.conservation"
    edit "$tmp/c-flow.json" "$tmp/t10.json" 'f.append({"name": "diag.conservation", "record": "proofs/derive-diag.json"})'
    rejected "flow certificate claiming a fact" "$tmp/t10.json" "diag.conservation"
    edit "$tmp/c-fc1.json" "$tmp/t11.json" 'pass'
    run_gfcert "$o" "$e" verify "$tmp/t11.json"
    check "the unedited list, re-serialised, still verifies" test "$rc" -eq 0
else
    skip "python3 not installed (edited symbolic_facts)"
fi
# output that cannot be written is a failure (exit 4), never a silent 0
if [ -w /dev/full ]; then
    run_gfcert /dev/full "$e" derive diag
    check "derive to a full device: exit 4, says so" \
        sh -c "test $rc -eq 4 && grep -q 'cannot write the output' '$e'"
else
    skip "/dev/full is not available"
fi
done_testing
