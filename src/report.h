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

/* A growing text buffer: s is NULL until the first put, then always
   NUL-terminated; the owner frees s with flint_free. */
typedef struct
{
    char *s;
    size_t len, alloc;
}
gfc_buf;

void gfc_buf_put_n(gfc_buf *b, const char *s, size_t n);
void gfc_buf_put(gfc_buf *b, const char *s);
/* Put a string allocated by FLINT or Arb, then free it. */
void gfc_buf_put_own(gfc_buf *b, char *s);
void gfc_buf_put_si(gfc_buf *b, slong x);
/* s as a JSON string literal (gfc_json_quote), or null for NULL. */
void gfc_buf_put_json(gfc_buf *b, const char *s);

/* ---- certified digits for tables (digits.c, doc/tables.md) ---- */

/* The decimal v whose last figure, at place 10^p, is the smallest place
   with |x - v| <= 10^p for every x in [m - r, m + r], shown with at most
   max_digits significant figures (fewer proven figures print fewer).
   Plain when p <= 0 and |v| >= 1e-4, else "d.ddde<exp>".  "0" for the
   exact zero; "+/-B" with B >= |m| + r (two figures, rounded up) when the
   ball proves no figure.  The claim is checked exactly on the returned
   text; NULL only when r < 0 or that check fails (an internal error). */
char *gfc_report_digits(const fmpq_t m, const fmpq_t r, slong max_digits);

/* The same for an Arb ball; NULL when x is not finite or its exponents
   exceed 2^300000. */
char *gfc_report_digits_arb(const arb_t x, slong max_digits);

/* The exact interval of "[m +/- r]", "[+/- r]" or a plain decimal "m"
   (r = 0).  Returns 1, 0 when s does not parse, -1 when s holds "inf"
   or "nan" (a ball that is not finite). */
int gfc_report_ball_parse(fmpq_t m, fmpq_t r, const char *s);

/* q_k(z) = (k/4)(1 - sqrt(1 + 4z^2/k^2) + (2z/k) asinh(2z/k)), the
   one-dimensional regularizer of proofs/diag-paper.md, section 8, for
   k > 0 (regularizer.c). */
void gfc_report_qk(arb_t q, const arb_t z, const arb_t k, slong prec);

/* ---- sweep results (results.c; the contract is doc/tables.md) ---- */

/* The fields of a results.jsonl line in contract order, then the
   optional "seconds" of timings.jsonl. */
typedef enum
{
    GFC_FIELD_INDEX = 0,
    GFC_FIELD_MODEL,
    GFC_FIELD_REGULARIZER,
    GFC_FIELD_ALPHA,
    GFC_FIELD_SHAPE,
    GFC_FIELD_SHAPE_VALUE,
    GFC_FIELD_DIGITS,
    GFC_FIELD_VERDICT,
    GFC_FIELD_BOUND,
    GFC_FIELD_BOUND_MEANING,
    GFC_FIELD_BETA_L1,
    GFC_FIELD_BETA_L2,
    GFC_FIELD_POP_ERROR,
    GFC_FIELD_DIST_MIN_L2,
    GFC_FIELD_STEPS,
    GFC_FIELD_PRECISION,
    GFC_FIELD_REASON,
    GFC_FIELD_CERTIFICATE,
    GFC_FIELD_SECONDS,
    GFC_FIELD_COUNT
}
gfc_field;

/* One finished point: each field's text exactly as in the file (a JSON
   number's source text, a JSON string's bytes), NULL for JSON null and
   for a "seconds" that timings.jsonl does not give. */
typedef struct
{
    slong index;
    char *f[GFC_FIELD_COUNT];
}
gfc_result_struct;

typedef struct
{
    slong len;
    gfc_result_struct *rows;
}
gfc_results_struct;
typedef gfc_results_struct gfc_results_t[1];

void gfc_results_init(gfc_results_t R);
void gfc_results_clear(gfc_results_t R);

/* Read path, a results.jsonl file or a sweep output directory (its
   results.jsonl, and timings.jsonl when present).  Every line is
   checked against the contract: the exact set of keys, their types,
   exact decimals, ball strings that parse, strictly increasing indices,
   a line end after every line.  Returns 0, or GFC_BAD_INPUT with a
   message naming the file, the line and what was expected. */
int gfc_results_read(gfc_results_t R, const char *path, gfc_error_t err);

/* Name of a field ("alpha", ..., "seconds"); the field of a name, or -1. */
const char *gfc_field_name(gfc_field f);
int gfc_field_find(const char *name);

/* ---- tables (table.c, doc/tables.md) ---- */

typedef enum
{
    GFC_TABLE_LATEX = 0,
    GFC_TABLE_CSV,
    GFC_TABLE_MD
}
gfc_table_format;

/* The table of R with the columns cols[0..ncols) in that order, numbers
   of balls shown with certified figures only (at most max_digits of
   them) in LaTeX and Markdown, every field's text unchanged in CSV.
   NULL only on an internal failure of the digit check. */
char *gfc_table_str(const gfc_results_t R, gfc_table_format fmt,
                    const int *cols, slong ncols, slong max_digits);

#endif
