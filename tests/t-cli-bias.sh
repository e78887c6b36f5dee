# SPDX-License-Identifier: LGPL-3.0-or-later
# gfcert bias: exit statuses, --json keys, identical bytes for equal
# problems (cases B05) and under a comma-decimal locale (B16), and the
# paper's instance to 40 certified digits.
. "$top_srcdir/tests/tap.sh"
cases=$top_srcdir/tests/cases
data=$top_srcdir/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-bias.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - # SKIP $*"; }

# Significant figures of a plain decimal (sign, leading zeros, point and
# exponent do not count); a ball "[...]" has none.
sigfigs() {
    case $1 in
        \[*) echo 0 ;;
        *) echo "$1" | sed -e 's/e.*//' -e 's/[-.]//g' -e 's/^0*//' \
               | tr -d '\n' | wc -c ;;
    esac
}

# --- bad usage and bad input: exit 2 with "gfcert: " on stderr ---------
run_gfcert "$o" "$e" bias
check "no problem file: exit 2" test "$rc" -eq 2
check "no problem file: message starts with gfcert:" grep -q '^gfcert: ' "$e"
run_gfcert "$o" "$e" bias "$cases/b05_diag_decimal_string.json" --digits 0
check "--digits 0: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" bias "$cases/b05_diag_decimal_string.json" --digits x
check "--digits x: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" bias "$cases/b05_diag_decimal_string.json" --max-prec 8
check "--max-prec 8: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" bias "$cases/b05_diag_decimal_string.json" --frobnicate
check "unknown option: exit 2" test "$rc" -eq 2
run_gfcert "$o" "$e" bias "$tmp/no-such-file.json"
check "missing file: exit 2" test "$rc" -eq 2
check "missing file: message names it" grep -q 'no-such-file.json' "$e"
run_gfcert "$o" "$e" bias "$cases/b04_diag_duplicate_rows.json"
check "B04 duplicate rows: exit 2" test "$rc" -eq 2
check "B04 duplicate rows: message names X" grep -q 'X' "$e"
run_gfcert "$o" "$e" bias --help
check "--help: exit 0 and usage" test "$rc" -eq 0 -a -s "$o"

# --- proven: exit 0, certified digits only ------------------------------
run_gfcert "$o" "$e" bias "$cases/b05_diag_decimal_string.json"
check "B05: exit 0" test "$rc" -eq 0
check "B05: beta[1] prints 0.1 and 29 zeros" \
    grep -q '^beta\[1\] *0\.100000000000000000000000000000$' "$o"
check "B05: beta[2] is 0" grep -q '^beta\[2\] *0$' "$o"
check "B05: lambda[1] certified" \
    grep -q '^lambda\[1\] *0\.0249895950346743326156974810682$' "$o"

run_gfcert "$o" "$e" bias "$cases/b07_diag_alpha1e-300.json"
check "B07 alpha=1e-300: exit 0, lambda = asinh(-5e299)/2" \
    eval 'test "$rc" -eq 0 &&
          grep -q "^lambda\[1\] *-345\.387763949106852602698718203$" "$o" &&
          grep -q "^beta\[1\] *-1\.00000000000000000000000000000$" "$o" &&
          ! grep -qi "nan\|inf" "$o"'
run_gfcert "$o" "$e" bias "$cases/b20_diag_fsolve_trap.json"
check "B20 trap: exit 0, beta = (0, 1/2, 1/2)" \
    eval 'test "$rc" -eq 0 && grep -q "^beta\[1\] *\[+/- " "$o" &&
          grep -q "^beta\[2\] *0\.500000000000000000000000000000$" "$o" &&
          grep -q "^lambda\[2\] *4\.25859661570811751332747351530$" "$o"'
run_gfcert "$o" "$e" bias "$cases/b14_bigendian.json"
check "B14: half the binary64 0.1, not 0.05" \
    grep -q '^beta\[1\] *0\.0500000000000000027755575615629$' "$o"

# --- not proven: exit 3 with the reason ---------------------------------
run_gfcert "$o" "$e" bias "$cases/b04_diag_near_duplicate.json" \
    --max-prec 128
check "B04 near-duplicate at 128 bits: exit 3" test "$rc" -eq 3
check "B04 near-duplicate at 128 bits: reason names the precision" \
    grep -q 'INCONCLUSIVE.*128 bits' "$o"
run_gfcert "$o" "$e" bias "$cases/b04_diag_near_duplicate.json"
check "B04 near-duplicate: certified (exit 0)" test "$rc" -eq 0
check "B04 near-duplicate: beta[1] digits" \
    grep -q '^beta\[1\] *0\.19921137741580682091823576215' "$o"
run_gfcert "$o" "$e" bias "$cases/b03_fc1_tiny_balanced.json"
check "fc1: proven or inconclusive, never bad input (exit $rc)" \
    test "$rc" -eq 0 -o "$rc" -eq 3

# --- --json ---------------------------------------------------------------
run_gfcert "$o" "$e" bias "$cases/b12_fortran.json" --json
check "B12 --json: exit 0" test "$rc" -eq 0
for key in problem sha256 model regularizer proven reason precision \
    lambda beta Q l1 l2; do
    check "B12 --json: key \"$key\"" grep -q "\"$key\": " "$o"
done
check "B12 --json: proven true" grep -q '"proven": true' "$o"
check "B12 --json: no population_error without w*" \
    eval '! grep -q population_error "$o"'
check "B12 --json: beta holds balls" \
    grep -q '"beta": \["\[-0\.05542786391988093197822401637' "$o"
check "B12 --json: no time in the JSON" eval '! grep -qi "time" "$o"'
run_gfcert "$o" "$e" bias "$cases/b04_diag_near_duplicate.json" \
    --max-prec 128 --json
check "inconclusive --json: exit 3, proven false, reason" \
    eval 'test "$rc" -eq 3 && grep -q "\"proven\": false" "$o" &&
          grep -q "\"reason\": \".*128 bits" "$o"'

# --- B05: a JSON number and a JSON string give the same bytes -----------
# Same file name in two folders, so that the printed path agrees too.
mkdir "$tmp/num" "$tmp/str"
cp "$cases/b05_diag_decimal_number.json" "$tmp/num/p.json"
cp "$cases/b05_diag_decimal_string.json" "$tmp/str/p.json"
for f in num str; do
    (cd "$tmp/$f" && "$GFCERT" bias p.json --json >"$tmp/$f.json" 2>&1)
    (cd "$tmp/$f" && "$GFCERT" bias p.json | grep -v '^time' \
        >"$tmp/$f.txt" 2>&1)
done
check "B05: number and string files, identical --json" \
    cmp -s "$tmp/num.json" "$tmp/str.json"
check "B05: number and string files, identical text" \
    cmp -s "$tmp/num.txt" "$tmp/str.txt"
"$GFCERT" bias "$cases/b05_diag_decimal_string.json" --json >"$tmp/r1" 2>&1
"$GFCERT" bias "$cases/b05_diag_decimal_string.json" --json >"$tmp/r2" 2>&1
check "B05: two runs, identical --json" cmp -s "$tmp/r1" "$tmp/r2"

# --- B16: comma-decimal locale ------------------------------------------
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' \
    || [ -n "${LOCPATH:-}" ]; then
    for l in C de_DE.UTF-8; do
        LC_ALL=$l "$GFCERT" bias "$cases/b16_diag_locale.json" --json \
            >"$tmp/$l.json" 2>&1
        LC_ALL=$l "$GFCERT" bias "$cases/b16_diag_locale.json" \
            | grep -v '^time' >"$tmp/$l.txt" 2>&1
    done
    check "B16: de_DE.UTF-8 --json identical to C" \
        cmp -s "$tmp/C.json" "$tmp/de_DE.UTF-8.json"
    check "B16: de_DE.UTF-8 text identical to C" \
        cmp -s "$tmp/C.txt" "$tmp/de_DE.UTF-8.txt"
    check "B16: beta[1] certified" \
        grep -q '^beta\[1\] *0\.153715450542334052994875935798$' \
        "$tmp/de_DE.UTF-8.txt"
else
    skip "B16: locale de_DE.UTF-8 is not installed"
    skip "B16: locale de_DE.UTF-8 is not installed"
    skip "B16: locale de_DE.UTF-8 is not installed"
fi

# --- the paper's instance: 40 certified digits everywhere ---------------
if [ -f "$data/paper_alpha1e-4_s0.5.json" ]; then
    run_gfcert "$o" "$e" bias "$data/paper_alpha1e-4_s0.5.json" --digits 40
    check "paper instance --digits 40: exit 0" test "$rc" -eq 0
    short=0
    count=0
    for v in $(sed -n 's/^\(beta\|lambda\)\[[0-9]*\] *//p' "$o"); do
        count=$((count + 1))
        [ "$(sigfigs "$v")" -ge 40 ] || short=$((short + 1))
    done
    what="all $count coordinates of lambda and beta have 40 figures"
    check "paper instance: $what" test "$count" -eq 110 -a "$short" -eq 0
    # References from an independent 80-digit Newton solve (mpmath) of
    # the same dual system, residual 2.4e-77.
    check "paper instance: ||beta||_1 matches the reference" \
        grep -q '^||beta||_1 *1\.742487079969310478601743883260482711197$' \
        "$o"
    check "paper instance: population error matches the reference" \
        grep -q '^pop\. error *0\.7963790204779513312528780399332207381608$' \
        "$o"
else
    skip "paper instance: data/paper_alpha1e-4_s0.5.json not present"
fi

done_testing
