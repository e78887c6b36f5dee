/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Internal interface of the problem reader: a JSON document model, exact
 * number parsing, .npy and CSV readers, validation and the digest.
 * Nothing here prints; every failure comes back as a message.
 */
#ifndef GFC_PROBLEM_H
#define GFC_PROBLEM_H

#include "gfcert.h"

/* Limits that keep a hostile file from costing unbounded time or memory. */
#define GFC_JSON_MAX_DEPTH 64
#define GFC_JSON_MAX_BYTES ((size_t)32 << 20)
#define GFC_JSON_MAX_VALUES ((size_t)1 << 21)
#define GFC_CSV_MAX_BYTES ((size_t)64 << 20)
/* Entries of one array read from a .npy or CSV file. */
#define GFC_MAX_ELEMENTS ((slong)1 << 22)
#define GFC_NPY_MAX_HEADER 65536
#define GFC_DECIMAL_MAX_EXP 100000
#define GFC_DECIMAL_MAX_DIGITS 100000
/* Total size of all numerators and denominators of one problem. */
#define GFC_PROBLEM_MAX_BITS ((slong)1 << 30)

/* ---- JSON document model (json.c) ---- */

typedef enum
{
    GFC_JSON_NULL = 0,
    GFC_JSON_BOOL,
    GFC_JSON_NUMBER,
    GFC_JSON_STRING,
    GFC_JSON_ARRAY,
    GFC_JSON_OBJECT
} gfc_json_type;

typedef struct gfc_json_struct gfc_json;

struct gfc_json_struct
{
    gfc_json_type type;
    int boolean;
    /* NUMBER: the source text exactly; STRING: the decoded bytes.  Always
       NUL-terminated; len excludes the terminator (strings may hold NUL). */
    char *text;
    size_t len;
    /* ARRAY and OBJECT: items in document order; OBJECT also keys. */
    size_t count;
    size_t alloc;
    gfc_json **items;
    char **keys;
    size_t *key_lens;
};

/* Parse a complete document.  Returns 0 and a tree in *out (free it with
   gfc_json_free), or nonzero with a message in msg (byte offset and line
   of a syntax error, nesting deeper than GFC_JSON_MAX_DEPTH, more than
   GFC_JSON_MAX_VALUES values, a duplicate object key).  Numbers keep their
   source text; nothing becomes double. */
int gfc_json_parse(gfc_json **out, const char *text, size_t len, char *msg,
                   size_t msglen);
void gfc_json_free(gfc_json *v);

/* Value of key in an object, or NULL. */
const gfc_json *gfc_json_get(const gfc_json *obj, const char *key);
const char *gfc_json_type_name(gfc_json_type t);

/* Printable, bounded rendering of arbitrary bytes for messages: control
   and non-ASCII bytes become \xNN, long input is cut with "...". */
void gfc_quote_bytes(char *out, size_t outlen, const char *s, size_t len);

/* ---- exact numbers (decimal.c) ---- */

/* Parse the exact rational spelled by s[0..len): optional sign, digits,
   optional '.' and digits, optional exponent; with allow_ratio also
   "p/q" with integer p and positive integer q.  No whitespace, no
   locale, never through double.  Returns 0, or nonzero with *why set to
   a static explanation. */
int gfc_decimal_parse(fmpq_t q, const char *s, size_t len, int allow_ratio,
                      const char **why);

/* Charge the size of q to a budget of bits; nonzero when it runs out.
   budget may be NULL (no limit). */
int gfc_budget_take(slong *budget, const fmpq_t q);

/* Exact value of a binary64 given by its bit pattern; nonzero (and q
   untouched) for NaN or an infinity. */
int gfc_binary64_to_fmpq(fmpq_t q, unsigned long long bits);

/* ---- arrays read from files (array.c, npy.c, csv.c) ---- */

/* A dense array of exact numbers: ndim 0 (one entry), 1 (rows entries,
   cols == 1) or 2 (rows x cols, row-major). */
typedef struct
{
    int ndim;
    slong rows;
    slong cols;
    fmpq *v;
} gfc_qarray_struct;
typedef gfc_qarray_struct gfc_qarray_t[1];

void gfc_qarray_init(gfc_qarray_t A);
void gfc_qarray_clear(gfc_qarray_t A);

/* Read a whole file into a NUL-terminated buffer of at most cap bytes
   (release it with free).  Returns 0, or GFC_BAD_INPUT with a message
   naming path. */
int gfc_read_file(char **buf, size_t *len, const char *path, size_t cap,
                  gfc_error_t err);

/* .npy versions 1.0, 2.0 and 3.0, dtype '<f8' or '>f8', C or Fortran
   order, at most 2 dimensions.  name is used in messages only.  Every
   value is the exact binary64 value.  Returns 0 or GFC_BAD_INPUT. */
int gfc_npy_parse(gfc_qarray_t A, const unsigned char *buf, size_t len,
                  const char *name, gfc_error_t err);
int gfc_npy_read(gfc_qarray_t A, const char *path, gfc_error_t err);

/* CSV of decimals: ',' separators, one row per line, optional UTF-8 BOM,
   LF or CRLF, blank trailing lines.  Always gives ndim 2.  Messages name
   the file, line and column.  Returns 0 or GFC_BAD_INPUT. */
int gfc_csv_parse(gfc_qarray_t A, const char *buf, size_t len,
                  const char *name, slong *budget, gfc_error_t err);
int gfc_csv_read(gfc_qarray_t A, const char *path, slong *budget,
                 gfc_error_t err);

/* ---- validation (validate.c) ---- */

/* Exact rank of the rows of X restricted to the columns with cols[j] != 0
   (all columns when cols is NULL).  When the rank is below the number of
   rows and dep is not NULL, dep[0..*ndep) receive the (0-based) indices
   of a minimal set of linearly dependent rows. */
slong gfc_rows_rank(const fmpq_mat_t X, const int *cols, slong *dep,
                    slong *ndep);

/* What a string of a problem file names, by its ending in any case:
   GFC_FILE_NPY (".npy"), GFC_FILE_CSV (".csv") or 0 (not a data file). */
#define GFC_FILE_NPY 1
#define GFC_FILE_CSV 2
int gfc_problem_file_kind(const char *name, size_t len);

/* Checks that need the whole problem: n < d, full row rank, the start
   against the regularizer.  file names the problem in messages. */
int gfc_problem_validate(const gfc_problem_t P, const char *file,
                         gfc_error_t err);

/* ---- digest (digest.c) ---- */

/* Set P->digest from the exact content of P (see doc/problem-format.md). */
void gfc_problem_compute_digest(gfc_problem_t P);

#endif
