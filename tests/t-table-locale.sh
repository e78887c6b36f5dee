# SPDX-License-Identifier: LGPL-3.0-or-later
# gfcert table writes the same bytes under a comma-decimal locale as
# under C, in every format (issue 6, item 7).  Skipped (1..0 # SKIP,
# the TAP form of exit 77) only when no comma-decimal locale exists.
. "$top_srcdir/tests/tap.sh"
fix=$top_srcdir/tests/table
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-tloc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
all=index,model,regularizer,alpha,shape,shape_value,digits,verdict,bound,bound_meaning,beta_l1,beta_l2,pop_error,dist_min_l2,steps,precision,reason,certificate,seconds

comma=
for l in de_DE.UTF-8 de_DE.utf8 fr_FR.UTF-8 fr_FR.utf8 $(locale -a 2>/dev/null); do
    if [ "$(LC_ALL=$l locale decimal_point 2>/dev/null)" = "," ]; then
        comma=$l
        break
    fi
done
if [ -z "$comma" ]; then
    echo "1..0 # SKIP no comma-decimal locale is installed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)"
    exit 0
fi

cols=alpha,shape_value,verdict,bound,beta_l1,beta_l2,pop_error,dist_min_l2,steps,seconds,reason
for f in md latex csv; do
    LC_ALL=C "$GFCERT" table "$fix/sweep" --format "$f" --columns "$all" \
        >"$tmp/C.$f" 2>&1
    LC_ALL=$comma "$GFCERT" table "$fix/sweep" --format "$f" \
        --columns "$all" >"$tmp/L.$f" 2>&1
    check "$f, every column: $comma gives the bytes of C" \
        eval 'test -s "$tmp/C.$f" && cmp -s "$tmp/C.$f" "$tmp/L.$f"'
    LC_ALL=$comma "$GFCERT" table "$fix/sweep" --format "$f" \
        --columns "$cols" >"$tmp/R.$f" 2>&1
    check "$f: $comma gives tests/table/expected.$f" \
        cmp -s "$tmp/R.$f" "$fix/expected.$f"
done
check "$comma: decimal points, never commas, in the figures" \
    eval 'grep -q "| 1.74248707996930 |" "$tmp/L.md" && ! grep -q "1,74" "$tmp/L.md"'
done_testing
