# SPDX-License-Identifier: LGPL-3.0-or-later
# The one compatibility header picks the right Arb headers for both
# layouts: Debian 12 (FLINT 2.9 + top-level <arb.h>) with the real
# headers, and FLINT 3 (<flint/arb.h>) with stub headers that record which
# files were included, and that fail if the old top-level <arb.h> is used.
. "$top_srcdir/tests/tap.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gfc-compat.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}

cat >"$tmp/probe.c" <<'C'
#include "gfc_flint.h"
#if !defined(GFC_EXPECT_FLINT3)
#error "GFC_EXPECT_FLINT3 must be defined by the test"
#endif
#if GFC_FLINT3 != GFC_EXPECT_FLINT3
#error "gfc_flint.h chose the wrong layout"
#endif
int gfc_probe(void);
int gfc_probe(void) { return GFC_FLINT3; }
C

# Debian 12 layout: the installed headers.
if $cc -fsyntax-only -DGFC_EXPECT_FLINT3=0 -I"$top_srcdir/src" \
        "$tmp/probe.c" 2>"$tmp/err1"; then
    ok "FLINT 2.x layout: <arb.h> found, GFC_FLINT3 = 0"
else
    notok "FLINT 2.x layout: $(head -n 3 "$tmp/err1")"
fi

# FLINT 3 layout, simulated: flint/flint.h says 3.1, every flint/X.h
# defines a marker, and a top-level arb.h would stop the compilation.
mkdir -p "$tmp/inc/flint"
cat >"$tmp/inc/flint/flint.h" <<'H'
#define __FLINT_RELEASE 30100
typedef long slong;
H
for h in fmpz fmpq fmpq_mat fmpz_mat fmpq_mpoly arf mag arb arb_mat arb_poly; do
    echo "#define GFC_STUB_$h 1" >"$tmp/inc/flint/$h.h"
done
echo '#error "the old top-level arb.h was included"' >"$tmp/inc/arb.h"
cat >>"$tmp/probe.c" <<'C'
#if defined(GFC_CHECK_STUBS) && !(GFC_STUB_arb && GFC_STUB_arb_mat \
    && GFC_STUB_arb_poly && GFC_STUB_arf && GFC_STUB_mag \
    && GFC_STUB_fmpq_mpoly)
#error "gfc_flint.h did not include flint/arb.h and friends"
#endif
C
if $cc -fsyntax-only -nostdinc -DGFC_EXPECT_FLINT3=1 -DGFC_CHECK_STUBS \
        -I"$tmp/inc" -I"$top_srcdir/src" "$tmp/probe.c" 2>"$tmp/err2"; then
    ok "FLINT 3 layout: <flint/arb.h> used, GFC_FLINT3 = 1"
else
    notok "FLINT 3 layout: $(head -n 3 "$tmp/err2")"
fi

# No other source file may test the FLINT release or include Arb directly.
bad=$(grep -lE '__FLINT_RELEASE|#include <(flint/)?(arb|arf|mag|arb_mat|arb_poly)\.h>' \
      "$top_srcdir"/src/*.h "$top_srcdir"/src/*/*.c "$top_srcdir"/src/*/*.h 2>/dev/null \
      | grep -v 'src/gfc_flint.h$')
check "only src/gfc_flint.h knows the layout${bad:+ (also: $bad)}" test -z "$bad"
done_testing
