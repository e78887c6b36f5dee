/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The one place that knows where FLINT and Arb live.
 *
 * FLINT 3 contains Arb: headers <flint/arb.h> etc., library -lflint.
 * FLINT 2.x (Debian 12: 2.9) needs the separate Arb 2.x: headers at the
 * top level (<arb.h>), library -lflint-arb (Debian) or -larb (upstream).
 * The release number comes from FLINT itself, so this header needs no
 * configure result and can be installed as is.  Never compile with
 * -I.../include/flint: an old top-level <arb.h> would then shadow FLINT 3's.
 */
#ifndef GFC_FLINT_H
#define GFC_FLINT_H

#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mat.h>
/* Exact multivariate rational polynomials (src/symbolic/): the same
   header in both layouts. */
#include <flint/fmpq_mpoly.h>

#if defined(__FLINT_RELEASE) && __FLINT_RELEASE >= 30000
#define GFC_FLINT3 1
#include <flint/arf.h>
#include <flint/mag.h>
#include <flint/arb.h>
#include <flint/arb_mat.h>
#include <flint/arb_poly.h>
#else
#define GFC_FLINT3 0
#include <arf.h>
#include <mag.h>
#include <arb.h>
#include <arb_mat.h>
#include <arb_poly.h>
#endif

/* FLINT 3.2 renamed the random state initialiser. */
#if GFC_FLINT3 && __FLINT_RELEASE >= 30200
#define gfc_randinit(st) flint_rand_init(st)
#define gfc_randclear(st) flint_rand_clear(st)
#else
#define gfc_randinit(st) flint_randinit(st)
#define gfc_randclear(st) flint_randclear(st)
#endif

#endif
