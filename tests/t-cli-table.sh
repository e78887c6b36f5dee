# SPDX-License-Identifier: LGPL-3.0-or-later
# gfcert table: the three formats against reference files, certified
# figures of hand-checked balls, RFC 4180 quoting and CRLF, --columns,
# --out, timings, and exit 2 with file and line for bad input.
. "$top_srcdir/tests/tap.sh"
fix=$top_srcdir/tests/table
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-table.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
o=$tmp/out
e=$tmp/err
cols=alpha,shape_value,verdict,bound,beta_l1,beta_l2,pop_error,dist_min_l2,steps,seconds,reason

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - # SKIP $*"; }

# --- the three formats, byte for byte --------------------------------
for f in md latex csv; do
    run_gfcert "$o" "$e" table "$fix/sweep" --format "$f" --columns "$cols"
    check "$f: exit 0" test "$rc" -eq 0
    check "$f: identical to tests/table/expected.$f" cmp -s "$o" "$fix/expected.$f"
done

# --- figures the balls prove (worked by hand in doc/tables.md) ---------
run_gfcert "$o" "$e" table "$fix/sweep" --format md
check "default columns" grep -q '^| α | s | verdict | bound | ‖β(∞)‖₁ | ‖β(∞) − w\*‖₂² | ‖β(∞) − β_ℓ2‖₂ |$' "$o"
check "[1.7424870799693 +/- 3.1e-15] -> 1.74248707996930" \
    grep -q '| 1.74248707996930 |' "$o"
check "[0.79637902047795 +/- 1.5e-14] -> 0.7963790204780" \
    grep -q '| 0.7963790204780 |' "$o"
check "[0.4102 +/- 0.14] proves no figure -> ±0.56" grep -q '| ±0.56 |' "$o"
check "[12345.678 +/- 3] -> 1.235e4" grep -q '| 1.235e4 |' "$o"
check "[+/- inf] and null -> —" \
    grep -q '^| 0.001 | 0.5 | INCONCLUSIVE | — | — | — | — |$' "$o"
check "MATCH bound is an upper bound" grep -q '| ≤ 6.09e-16 |' "$o"
check "MISMATCH bound is a lower bound" grep -q '| ≥ 3.5e-3 |' "$o"
run_gfcert "$o" "$e" table "$fix/sweep" --format md --columns beta_l1 --digits 5
check "--digits 5: 1.7425" grep -q '^| 1.7425 |$' "$o"
run_gfcert "$o" "$e" table "$fix/sweep" --format=latex --columns=beta_l1,bound
check "latex: booktabs rules" eval 'grep -q "^\\\\toprule$" "$o" &&
    grep -q "^\\\\midrule$" "$o" && grep -q "^\\\\bottomrule$" "$o"'
check "latex: math-mode figures" \
    grep -qF '$1.235\times10^{4}$ & $\le 1.3\times10^{-13}$ \\' "$o"

# --- CSV: full balls, quoting, CRLF ------------------------------------
run_gfcert "$o" "$e" table "$fix/sweep" --format csv --columns index,pop_error,reason
check "csv: CRLF after every line" test "$(grep -c "$(printf '\r')\$" "$o")" -eq 6
check "csv: the ball text unchanged" \
    grep -qF '0,[0.79637902047795 +/- 1.5e-14],' "$o"
check "csv: quotes doubled, field quoted" \
    grep -qF '3,,"time limit of 60 s reached, flow, ""stiff"" | tail"' "$o"

# --- timings only from a directory --------------------------------------
run_gfcert "$o" "$e" table "$fix/sweep/results.jsonl" --format csv --columns index,seconds
check "results.jsonl: seconds from the timings.jsonl beside it" grep -q "^5,1.125$(printf '\r')\$" "$o"
mkdir -p "$tmp/alone"
cp "$fix/sweep/results.jsonl" "$tmp/alone/results.jsonl"
run_gfcert "$o" "$e" table "$tmp/alone/results.jsonl" --format csv --columns index,seconds
check "results.jsonl without timings: empty seconds" grep -q "^5,$(printf '\r')\$" "$o"
run_gfcert "$o" "$e" table "$fix/sweep" --format csv --columns index,seconds
check "directory: seconds from timings.jsonl" grep -q "^5,1.125$(printf '\r')\$" "$o"

# --- --out ---------------------------------------------------------------
run_gfcert "$o" "$e" table "$fix/sweep" --format latex --out "$tmp/t.tex"
check "--out: exit 0, nothing on stdout" test "$rc" -eq 0 -a ! -s "$o"
"$GFCERT" table "$fix/sweep" --format latex >"$tmp/t2.tex"
check "--out: same bytes as stdout" cmp -s "$tmp/t.tex" "$tmp/t2.tex"
run_gfcert "$o" "$e" table "$fix/sweep" --out "$tmp/no/such/dir/t.md"
check "--out unwritable: exit 2" test "$rc" -eq 2
check "--out unwritable: names the file" grep -q 'no/such/dir/t.md' "$e"

# --- bad usage ------------------------------------------------------------
bad_usage() { # DESCRIPTION ARGS...
    local d=$1; shift
    run_gfcert "$o" "$e" table "$@"
    check "$d: exit 2" test "$rc" -eq 2
}
bad_usage "no RESULTS"
bad_usage "--format pdf" "$fix/sweep" --format pdf
bad_usage "--columns with an unknown field" "$fix/sweep" --columns alpha,colour
bad_usage "--columns empty item" "$fix/sweep" --columns alpha,,verdict
bad_usage "--digits 0" "$fix/sweep" --digits 0
bad_usage "unknown option" "$fix/sweep" --frobnicate
bad_usage "two inputs" "$fix/sweep" "$fix/sweep"
bad_usage "missing file" "$tmp/none.jsonl"
mkdir "$tmp/empty-dir"
bad_usage "directory without results.jsonl" "$tmp/empty-dir"
run_gfcert "$o" "$e" table --help
check "--help: exit 0 and usage" test "$rc" -eq 0 -a -s "$o"

# --- bad input: exit 2, the file, the line, what was expected -----------
good=$fix/sweep/results.jsonl
line1=$(sed -n 1p "$good")
bad_line() { # DESCRIPTION PATTERN LINE...: a one- or two-line file
    local d=$1 pat=$2; shift 2
    printf '%s\n' "$@" >"$tmp/bad.jsonl"
    run_gfcert "$o" "$e" table "$tmp/bad.jsonl"
    check "$d: exit 2" test "$rc" -eq 2
    check "$d: message names file and place" grep -q "bad.jsonl:$pat" "$e"
}
bad_line "unknown key" "1: unknown key 'colour'" \
    "$(echo "$line1" | sed 's/"steps"/"colour":1,"steps"/')"
bad_line "missing key" "1: key 'reason' is missing" \
    "$(echo "$line1" | sed 's/"reason":"",//')"
bad_line "ball that does not parse" "1: 'beta_l1' must be null or a ball" \
    "$(echo "$line1" | sed 's/1.7424870799693 +\/- 3.1e-15/1,74 +\/- 3e-15/')"
bad_line "alpha not a decimal" "1: 'alpha' must be a string holding an exact decimal" \
    "$(echo "$line1" | sed 's/"1e-5"/"tiny"/')"
bad_line "alpha as a number" "1: 'alpha' must be a string" \
    "$(echo "$line1" | sed 's/"1e-5"/1e-5/')"
bad_line "unknown verdict" "1: 'verdict' must be" \
    "$(echo "$line1" | sed 's/"MATCH"/"PASS"/')"
bad_line "negative steps" "1: 'steps' must be a non-negative integer" \
    "$(echo "$line1" | sed 's/"steps":402/"steps":-4/')"
bad_line "bound for INCONCLUSIVE" "1: 'bound' must be \"\" exactly when" \
    "$(echo "$line1" | sed 's/"MATCH"/"INCONCLUSIVE"/')"
bad_line "duplicate key" "1: not a JSON object" \
    "$(echo "$line1" | sed 's/"steps":402/"steps":402,"steps":403/')"
bad_line "not an object" "2: expected a JSON object" "$line1" '[1,2]'
bad_line "truncated JSON" "2: not a JSON object" "$line1" \
    "$(echo "$line1" | cut -c1-80)"
bad_line "index not increasing" "2: index 0 does not follow 0" "$line1" "$line1"
printf '%s' "$line1" >"$tmp/bad.jsonl"
run_gfcert "$o" "$e" table "$tmp/bad.jsonl"
check "no final line end: exit 2 and said" \
    eval 'test "$rc" -eq 2 && grep -q "bad.jsonl:1: the last line has no line end" "$e"'
: >"$tmp/bad.jsonl"
run_gfcert "$o" "$e" table "$tmp/bad.jsonl"
check "empty file: exit 2" test "$rc" -eq 2

mkdir "$tmp/d"
cp "$good" "$tmp/d/results.jsonl"
printf '{"index":4,"seconds":1}\n' >"$tmp/d/timings.jsonl"
run_gfcert "$o" "$e" table "$tmp/d"
check "timing of an unknown index: exit 2, named" \
    eval 'test "$rc" -eq 2 && grep -q "timings.jsonl:1: index 4 has no line" "$e"'
printf '{"index":1,"seconds":1,"host":"x"}\n' >"$tmp/d/timings.jsonl"
run_gfcert "$o" "$e" table "$tmp/d"
check "timing with an unknown key: exit 2" test "$rc" -eq 2
printf '{"index":1,"seconds":"1"}\n' >"$tmp/d/timings.jsonl"
run_gfcert "$o" "$e" table "$tmp/d"
check "seconds as a string: exit 2" test "$rc" -eq 2

# --- the LaTeX compiles (only where pdflatex and booktabs exist) ---------
if command -v pdflatex >/dev/null 2>&1 \
   && kpsewhich booktabs.sty >/dev/null 2>&1; then
    "$GFCERT" table "$fix/sweep" --format latex --columns "$cols,model,bound_meaning" \
        >"$tmp/tab.tex"
    printf '%s\n' '\documentclass{article}' '\usepackage{booktabs}' \
        '\begin{document}' '\input{tab}' '\end{document}' >"$tmp/doc.tex"
    check "pdflatex compiles the table" \
        eval '(cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex) >/dev/null 2>&1 && test -s "$tmp/doc.pdf"'
else
    skip "pdflatex with booktabs is not installed"
fi

done_testing
