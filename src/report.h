/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Text for balls and JSON, locale-independent (no printf of a double
 * anywhere: Arb's decimal conversion never consults LC_NUMERIC, cases
 * B16).  Every string is allocated with flint_malloc, like Arb's own
 * strings, and freed by the caller with flint_free (FLINT's memory
 * functions abort on exhaustion, so NULL is never returned).
 * Guarantees: doc/api-bias.md.
 */
#ifndef GFC_REPORT_H
#define GFC_REPORT_H

#include "gfcert.h"

/* "[mid +/- rad]" with at most digits figures of the midpoint (an exact
   value prints as "[mid +/- 0]").  arb_set_str of the text gives a ball
   that contains x; for binary exponents below 2^22 the decimal interval
   is also checked, exactly, to contain x. */
char *gfc_ball_str(const arb_t x, slong digits);

/* Only certified figures, at most max_digits of them: a decimal D such
   that every point of x is within one unit in the last place of D.  A
   ball that contains 0 but is not exactly 0, or that is not finite, has
   no such figure and prints as a ball (gfc_ball_str form). */
char *gfc_ball_digits(const arb_t x, slong max_digits);

/* 1 when the text s (as written by gfc_ball_str: "[m +/- r]", "[+/- r]"
   or a plain decimal) denotes an interval that contains x, decided in
   exact rational arithmetic; 0 when it does not or s does not parse. */
int gfc_ball_str_encloses(const char *s, const arb_t x);

/* s as a JSON string literal, quotes included.  Bytes that are not valid
   UTF-8 become U+FFFD; control characters are escaped. */
char *gfc_json_quote(const char *s);

#endif
