# SPDX-License-Identifier: LGPL-3.0-or-later
# gfcert plot: each kind writes a non-empty SVG and PDF through gnuplot,
# leaves no temporary directory behind, and refuses bad input with
# exit 2 before gnuplot runs.  The drawing checks are reported as SKIP
# (TAP's form of exit 77) when gnuplot is not installed (Debian package
# gnuplot-nox); the bad-input checks run regardless.
. "$top_srcdir/tests/tap.sh"
fix=$top_srcdir/tests/table
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-plot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err
mkdir "$tmp/t"
export TMPDIR=$tmp/t

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - # SKIP $*"; }

# A trajectory from the command that writes them.
"$GFCERT" flow "$top_srcdir/data/diag_d2_n1.json" --quiet \
    --trajectory "$tmp/traj.csv" >/dev/null 2>&1
check "flow --trajectory wrote the CSV" \
    grep -q '^t,loss,loss_radius,distance,distance_radius$' "$tmp/traj.csv"

# --- bad usage and bad input: exit 2, no pictures ------------------------
bad() { # DESCRIPTION PATTERN ARGS...
    local d=$1 pat=$2; shift 2
    run_gfcert "$o" "$e" plot "$@"
    check "$d: exit 2" test "$rc" -eq 2
    check "$d: says why" grep -q -- "$pat" "$e"
}
bad "no kind" "expected pop-error" --out "$tmp/x"
bad "unknown kind" "not 'histogram'" histogram --out "$tmp/x"
bad "no --out" "--out BASENAME is required" regularizer
bad "pop-error without input" "input file is required" pop-error --out "$tmp/x"
bad "regularizer with input" "takes no input" regularizer "$fix/sweep" --out "$tmp/x"
bad "--k with pop-error" "belongs to the regularizer" pop-error "$fix/sweep" --k 1 --out "$tmp/x"
bad "--k 0" "'0' is not a decimal > 0" regularizer --k 0.1,0 --out "$tmp/x"
bad "--k word" "'big' is not a decimal" regularizer --k big --out "$tmp/x"
bad "unknown option" "unknown option" regularizer --colour --out "$tmp/x"
bad "missing results" "none.jsonl" pop-error "$tmp/none.jsonl" --out "$tmp/x"
sed 's/"alpha":"1e-5"/"alpha":"x"/' "$fix/sweep/results.jsonl" >"$tmp/bad.jsonl"
bad "bad results line" "bad.jsonl:1: 'alpha'" pop-error "$tmp/bad.jsonl" --out "$tmp/x"
sed -n 4p "$fix/sweep/results.jsonl" >"$tmp/inc.jsonl"
bad "no population error anywhere" "no point has an enclosed population error" \
    pop-error "$tmp/inc.jsonl" --out "$tmp/x"
printf 't,loss\n1,2\n' >"$tmp/h.csv"
bad "trajectory: wrong header" "h.csv:1: expected the header" trajectory "$tmp/h.csv" --out "$tmp/x"
printf 't,loss,loss_radius,distance,distance_radius\n1,2,3,4\n' >"$tmp/f.csv"
bad "trajectory: 4 fields" "f.csv:2: .*5 comma-separated fields" trajectory "$tmp/f.csv" --out "$tmp/x"
printf 't,loss,loss_radius,distance,distance_radius\n1,2,3,4,1e-3x\n' >"$tmp/n.csv"
bad "trajectory: not a number" "n.csv:2: column 5" trajectory "$tmp/n.csv" --out "$tmp/x"
printf 't,loss,loss_radius,distance,distance_radius\n2,1,0,1,0\n1,1,0,1,0\n' >"$tmp/b.csv"
bad "trajectory: time going back" "b.csv:3: time" trajectory "$tmp/b.csv" --out "$tmp/x"
printf 't,loss,loss_radius,distance,distance_radius\n1,1,0,nan,nan\n' >"$tmp/nan.csv"
bad "trajectory: no distance" "no row with t > 0" trajectory "$tmp/nan.csv" --out "$tmp/x"
hdr='t,loss,loss_radius,distance,distance_radius'
printf '%s\n0.1,1,0,1,-1e-3\n' "$hdr" >"$tmp/neg.csv"
bad "trajectory: negative radius" "neg.csv:2: a negative time or radius" trajectory "$tmp/neg.csv" --out "$tmp/x"
printf '%s\n0x1p3,1,0,1,0\n' "$hdr" >"$tmp/hex.csv"
bad "trajectory: hexadecimal float" "hex.csv:2: column 1" trajectory "$tmp/hex.csv" --out "$tmp/x"
printf '%s\n1,1,0,1e308,0\n' "$hdr" >"$tmp/big.csv"
bad "trajectory: a distance beyond 1e300" "big.csv:2: column 4" trajectory "$tmp/big.csv" --out "$tmp/x"
check "nothing drawn for bad input" test ! -e "$tmp/x.svg" -a ! -e "$tmp/x.pdf"
run_gfcert "$o" "$e" plot --help
check "--help: exit 0 and usage" test "$rc" -eq 0 -a -s "$o"

# --- the pictures -----------------------------------------------------------
drawn() { # NAME: BASENAME.svg is SVG and BASENAME.pdf is PDF, both non-empty
    test -s "$1.svg" && test -s "$1.pdf" && grep -q '<svg' "$1.svg" &&
        head -c 5 "$1.pdf" | grep -q '^%PDF-'
}
if command -v "${GFCERT_GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
    run_gfcert "$o" "$e" plot pop-error "$fix/sweep" --out "$tmp/pe"
    check "pop-error: exit 0" test "$rc" -eq 0
    check "pop-error: SVG and PDF" drawn "$tmp/pe"
    check "pop-error: one curve per shape value" \
        eval 'grep -q "s = 0<" "$tmp/pe.svg" && grep -q "s = 0.5<" "$tmp/pe.svg"'
    check "pop-error: the omitted point is counted" \
        grep -q '1 point without an enclosed population error' "$tmp/pe.svg"
    run_gfcert "$o" "$e" plot trajectory "$tmp/traj.csv" --out "$tmp/tr"
    check "trajectory: exit 0" test "$rc" -eq 0
    check "trajectory: SVG and PDF" drawn "$tmp/tr"
    run_gfcert "$o" "$e" plot regularizer --k 1e-4,1,100 --out "$tmp/rg"
    check "regularizer: exit 0" test "$rc" -eq 0
    check "regularizer: SVG and PDF" drawn "$tmp/rg"
    check "regularizer: a curve per k" \
        eval 'grep -q "k = 1e-4<" "$tmp/rg.svg" && grep -q "k = 100<" "$tmp/rg.svg"'
    check "no temporary directory left" test -z "$(ls -A "$tmp/t")"
    run_gfcert "$o" "$e" plot regularizer --out "$tmp/no/dir/rg"
    check "unwritable --out: exit 2, named" \
        eval 'test "$rc" -eq 2 && grep -q "no/dir/rg.svg" "$e"'
    GFCERT_GNUPLOT=$tmp/no-such-gnuplot run_gfcert "$o" "$e" plot regularizer --out "$tmp/g"
    check "gnuplot missing: exit 4, says so" \
        eval 'test "$rc" -eq 4 && grep -q "gnuplot-nox" "$e"'
    printf '#!/bin/sh\nexit 3\n' >"$tmp/failing"
    chmod +x "$tmp/failing"
    GFCERT_GNUPLOT=$tmp/failing run_gfcert "$o" "$e" plot regularizer --out "$tmp/g"
    check "gnuplot failing: exit 4" test "$rc" -eq 4
    check "no temporary directory left after failures" test -z "$(ls -A "$tmp/t")"
else
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
        skip "gnuplot is not installed (apt-get install gnuplot-nox)"
    done
fi
done_testing
