/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfc_problem_load: problem file -> exact problem.  The format is in
 * doc/problem-format.md.  Every rejection names the file, the JSON path
 * (or the data file with its line and column) and what was expected
 * (doc/problem-format.md, "Validation").
 */
#include "problem.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
    const char *file;
    char *dir;
    slong budget;
    gfc_error_struct *err;
} loader;

static int lfail(loader *L, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
lfail(loader *L, const char *where, const char *fmt, ...)
{
    char what[1536];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (where == NULL || where[0] == '\0')
        gfc_error_set(L->err, "%s: %s", L->file, what);
    else
        gfc_error_set(L->err, "%s: %s: %s", L->file, where, what);
    return GFC_BAD_INPUT;
}

/* A message from the .npy or CSV reader, which already names its file. */
static int
lfail_nested(loader *L, const char *where)
{
    char inner[2048];

    memcpy(inner, L->err->msg, sizeof(inner));
    inner[sizeof(inner) - 1] = '\0';
    return lfail(L, where, "%s", inner);
}

static void
shown_text(char *out, size_t outlen, const gfc_json *v)
{
    gfc_quote_bytes(out, outlen, v->text, v->len);
}

static int
check_keys(loader *L, const gfc_json *o, const char *where,
           const char *const *keys)
{
    size_t i;
    int k;

    for (i = 0; i < o->count; i++)
    {
        int known = 0;

        for (k = 0; keys[k] != NULL; k++)
            if (o->key_lens[i] == strlen(keys[k])
                && memcmp(o->keys[i], keys[k], o->key_lens[i]) == 0)
                known = 1;
        if (!known)
        {
            char q[80], list[256] = "";

            gfc_quote_bytes(q, sizeof(q), o->keys[i], o->key_lens[i]);
            for (k = 0; keys[k] != NULL; k++)
            {
                size_t n = strlen(list);

                snprintf(list + n, sizeof(list) - n, "%s\"%s\"",
                         (k == 0) ? "" : ", ", keys[k]);
            }
            return lfail(L, where,
                         "unknown key \"%s\"; the keys allowed "
                         "here are %s",
                         q, list);
        }
    }
    return 0;
}

static const gfc_json *
need(loader *L, const gfc_json *o, const char *where, const char *key, int *r)
{
    const gfc_json *v = gfc_json_get(o, key);

    if (v == NULL)
        *r = lfail(L, where, "the key \"%s\" is missing", key);
    return v;
}

static int
need_object(loader *L, const gfc_json *v, const char *where)
{
    if (v->type != GFC_JSON_OBJECT)
        return lfail(L, where, "an object was expected, found %s",
                     gfc_json_type_name(v->type));
    return 0;
}

static int
take(loader *L, const fmpq_t q, const char *where)
{
    if (gfc_budget_take(&L->budget, q))
        return lfail(L, where,
                     "the numbers of this problem exceed the size "
                     "limit (2^30 bits of numerators and "
                     "denominators in total)");
    return 0;
}

static int
get_number(loader *L, fmpq_t q, const gfc_json *v, const char *where)
{
    const char *why;
    char shown[96];

    if (v->type != GFC_JSON_NUMBER && v->type != GFC_JSON_STRING)
        return lfail(L, where,
                     "a number was expected (a JSON number or a "
                     "string such as \"1e-4\" or \"1/3\"), found "
                     "%s",
                     gfc_json_type_name(v->type));
    if (gfc_decimal_parse(q, v->text, v->len, v->type == GFC_JSON_STRING,
                          &why))
    {
        shown_text(shown, sizeof(shown), v);
        return lfail(L, where,
                     "\"%s\" is not an exact number: %s; expected "
                     "a decimal such as 0.1 or -2.5e-3, or a "
                     "rational \"p/q\" in a string",
                     shown, why);
    }
    return take(L, q, where);
}

static int
ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix), i;

    if (len < n)
        return 0;
    for (i = 0; i < n; i++)
    {
        char c = s[len - n + i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return 0;
    }
    return 1;
}

int
gfc_problem_file_kind(const char *name, size_t len)
{
    return ends_with(name, len, ".npy") ? GFC_FILE_NPY
           : ends_with(name, len, ".csv") ? GFC_FILE_CSV : 0;
}

/* Read the .npy or CSV file named by a string value, relative to the
   directory of the problem file. */
static int
read_external(loader *L, gfc_qarray_t A, int *is_npy, const gfc_json *v,
              const char *where)
{
    char shown[96], *full;
    size_t n;
    int r, kind;

    shown_text(shown, sizeof(shown), v);
    if (v->len == 0 || strlen(v->text) != v->len)
        return lfail(L, where, "\"%s\" is not a usable file name", shown);
    kind = gfc_problem_file_kind(v->text, v->len);
    if (kind != 0)
        *is_npy = (kind == GFC_FILE_NPY);
    else
        return lfail(L, where,
                     "\"%s\": a file name ending in .npy or .csv, "
                     "or an inline array, was expected",
                     shown);
    n = strlen(L->dir) + v->len + 1;
    full = malloc(n);
    if (full == NULL)
        return lfail(L, where, "out of memory");
    if (v->text[0] == '/')
        snprintf(full, n, "%s", v->text);
    else
        snprintf(full, n, "%s%s", L->dir, v->text);
    if (*is_npy)
        r = gfc_npy_read(A, full, L->err);
    else
        r = gfc_csv_read(A, full, &L->budget, L->err);
    free(full);
    if (r)
        return lfail_nested(L, where);
    return 0;
}

/* A vector of want entries into out[0..want): an inline JSON array of
   numbers, or a .npy (1-D) or CSV (one row or one column) file.  len_why
   says where want comes from, for the message on a wrong length. */
static int
get_vector(loader *L, fmpq *out, slong want, const char *len_why,
           const gfc_json *v, const char *where)
{
    slong i;
    int r;

    if (v->type == GFC_JSON_ARRAY)
    {
        if ((slong)v->count != want)
            return lfail(L, where,
                         "%ld entries were expected (%s), %zu "
                         "found",
                         (long)want, len_why, v->count);
        for (i = 0; i < want; i++)
        {
            char w[160];

            snprintf(w, sizeof(w), "%s[%ld]", where, (long)i);
            r = get_number(L, out + i, v->items[i], w);
            if (r)
                return r;
        }
        return 0;
    }
    if (v->type == GFC_JSON_STRING)
    {
        gfc_qarray_t A;
        char shown[96];
        int is_npy;

        shown_text(shown, sizeof(shown), v);
        gfc_qarray_init(A);
        r = read_external(L, A, &is_npy, v, where);
        if (r)
            return r;
        if (is_npy && A->ndim != 1)
        {
            if (A->ndim == 0)
                r = lfail(L, where,
                          "%s: a 1-D array of length %ld was "
                          "expected (%s), a 0-d array found",
                          shown, (long)want, len_why);
            else
                r = lfail(L, where,
                          "%s: a 1-D array of length %ld was "
                          "expected (%s), a 2-D array of shape "
                          "(%ld, %ld) found",
                          shown, (long)want, len_why, (long)A->rows,
                          (long)A->cols);
        }
        else if (!is_npy && A->rows != 1 && A->cols != 1)
            r = lfail(L, where,
                      "%s: a vector (one row or one column) of "
                      "length %ld was expected (%s), %ld rows of "
                      "%ld columns found",
                      shown, (long)want, len_why, (long)A->rows,
                      (long)A->cols);
        else if (A->rows * A->cols != want)
            r = lfail(L, where,
                      "%s: a vector of length %ld was expected "
                      "(%s), length %ld found",
                      shown, (long)want, len_why, (long)(A->rows * A->cols));
        else
            for (i = 0; i < want && r == 0; i++)
            {
                fmpq_swap(out + i, A->v + i);
                if (is_npy)
                    r = take(L, out + i, where);
            }
        gfc_qarray_clear(A);
        return r;
    }
    return lfail(L, where,
                 "an array of %ld numbers or a .npy/.csv file name "
                 "was expected, found %s",
                 (long)want, gfc_json_type_name(v->type));
}

static int
load_X(loader *L, gfc_problem_t P, const gfc_json *v)
{
    slong i, j, n, d;
    int r;

    if (v->type == GFC_JSON_ARRAY)
    {
        n = (slong)v->count;
        if (n == 0)
            return lfail(L, "X",
                         "X has no rows; an n x d matrix with "
                         "n >= 1 was expected");
        for (i = 0; i < n; i++)
            if (v->items[i]->type != GFC_JSON_ARRAY)
                return lfail(L, "X",
                             "X[%ld] is %s; each row of X must be "
                             "an array of numbers",
                             (long)i, gfc_json_type_name(v->items[i]->type));
        d = (slong)v->items[0]->count;
        if (d == 0)
            return lfail(L, "X",
                         "X[0] is empty; rows of at least one "
                         "number were expected");
        for (i = 1; i < n; i++)
            if ((slong)v->items[i]->count != d)
                return lfail(L, "X",
                             "X[%ld] has %zu entries but X[0] has "
                             "%ld; X must be rectangular (every row "
                             "of the same length)",
                             (long)i, v->items[i]->count, (long)d);
        fmpq_mat_clear(P->X);
        fmpq_mat_init(P->X, n, d);
        P->n = n;
        P->d = d;
        for (i = 0; i < n; i++)
            for (j = 0; j < d; j++)
            {
                char w[64];

                snprintf(w, sizeof(w), "X[%ld][%ld]", (long)i, (long)j);
                r = get_number(L, fmpq_mat_entry(P->X, i, j),
                               v->items[i]->items[j], w);
                if (r)
                    return r;
            }
        return 0;
    }
    if (v->type == GFC_JSON_STRING)
    {
        gfc_qarray_t A;
        char shown[96];
        int is_npy;

        shown_text(shown, sizeof(shown), v);
        gfc_qarray_init(A);
        r = read_external(L, A, &is_npy, v, "X");
        if (r)
            return r;
        if (A->ndim != 2)
            r = lfail(L, "X",
                      "%s: a 2-D array (n x d) was expected, a %d-%s "
                      "array found",
                      shown, A->ndim, (A->ndim == 0) ? "d" : "D");
        else if (A->rows == 0 || A->cols == 0)
            r = lfail(L, "X",
                      "%s: X is %ld x %ld; a non-empty matrix was "
                      "expected",
                      shown, (long)A->rows, (long)A->cols);
        else
        {
            n = A->rows;
            d = A->cols;
            fmpq_mat_clear(P->X);
            fmpq_mat_init(P->X, n, d);
            P->n = n;
            P->d = d;
            for (i = 0; i < n && r == 0; i++)
                for (j = 0; j < d && r == 0; j++)
                {
                    fmpq_swap(fmpq_mat_entry(P->X, i, j), A->v + i * d + j);
                    if (is_npy)
                        r = take(L, fmpq_mat_entry(P->X, i, j), "X");
                }
        }
        gfc_qarray_clear(A);
        return r;
    }
    return lfail(L, "X",
                 "an array of rows or a .npy/.csv file name was "
                 "expected, found %s",
                 gfc_json_type_name(v->type));
}

static void
alloc_start(gfc_problem_t P, slong N)
{
    P->N = N;
    P->theta0_sq = _fmpq_vec_init(N);
    /* calloc, not flint_calloc: gfc_problem_clear releases it with free. */
    P->theta0_sign = calloc((size_t)N + 1, sizeof(int));
    if (P->theta0_sign == NULL)
        gfc_abort("out of memory");
}

/* theta0 entry i from an exact value: its square and its sign. */
static void
set_start(gfc_problem_t P, slong i, const fmpq_t x)
{
    fmpq_mul(P->theta0_sq + i, x, x);
    P->theta0_sign[i] = fmpq_sgn(x);
}

static int
get_shape(loader *L, gfc_problem_t P, const gfc_json *init, const char *where,
          int diag)
{
    const gfc_json *va, *vs;
    char pa[96], ps[96];
    int r = 0;

    snprintf(pa, sizeof(pa), "%s.alpha", where);
    snprintf(ps, sizeof(ps), "%s.s", where);
    va = need(L, init, where, "alpha", &r);
    if (va == NULL)
        return r;
    vs = need(L, init, where, "s", &r);
    if (vs == NULL)
        return r;
    r = get_number(L, P->alpha, va, pa);
    if (r)
        return r;
    r = get_number(L, P->s, vs, ps);
    if (r)
        return r;
    if (fmpq_sgn(P->alpha) <= 0)
        return lfail(L, pa, "the scale alpha must be > 0");
    if (diag && (fmpq_sgn(P->s) < 0 || fmpq_cmp_si(P->s, 1) >= 0))
        return lfail(L, ps,
                     "the shape s must satisfy 0 <= s < 1 for "
                     "the diag model");
    if (!diag && (fmpq_cmp_si(P->s, -1) <= 0 || fmpq_cmp_si(P->s, 1) >= 0))
        return lfail(L, ps,
                     "the shape s must satisfy -1 < s < 1 for "
                     "a fully connected neuron");
    P->has_shape = 1;
    return 0;
}

/* small = alpha(1-s)/(1+s), large = alpha(1+s)/(1-s) (section 1 of
   proofs/diag-paper.md and proofs/fc1-paper.md). */
static void
shape_squares(fmpq_t small, fmpq_t large, const gfc_problem_t P)
{
    fmpq_t p, q;

    fmpq_init(p);
    fmpq_init(q);
    fmpq_one(p);
    fmpq_add(p, p, P->s); /* 1 + s */
    fmpq_one(q);
    fmpq_sub(q, q, P->s); /* 1 - s */
    fmpq_mul(small, P->alpha, q);
    fmpq_div(small, small, p);
    fmpq_mul(large, P->alpha, p);
    fmpq_div(large, large, q);
    fmpq_clear(p);
    fmpq_clear(q);
}

static int
has_any(const gfc_json *o, const char *const *keys)
{
    int k;

    for (k = 0; keys[k] != NULL; k++)
        if (gfc_json_get(o, keys[k]) != NULL)
            return 1;
    return 0;
}

static int
load_diag_start(loader *L, gfc_problem_t P, const gfc_json *init)
{
    static const char *const shape_keys[] = { "alpha", "s", NULL };
    static const char *const vec_keys[]
        = { "u_plus", "v_plus", "u_minus", "v_minus", NULL };
    static const char *const all_keys[]
        = { "alpha", "s", "u_plus", "v_plus", "u_minus", "v_minus", NULL };
    slong d = P->d, i, p;
    int r = 0;

    if (has_any(init, shape_keys) && has_any(init, vec_keys))
        return lfail(L, "init",
                     "the (alpha, s) shorthand and explicit "
                     "vectors are mixed; use one form");
    if (!has_any(init, shape_keys) && !has_any(init, vec_keys))
    {
        r = check_keys(L, init, "init", all_keys);
        return r ? r
                 : lfail(L, "init",
                         "either \"alpha\" and \"s\", or \"u_plus\", "
                         "\"v_plus\", \"u_minus\" and \"v_minus\" "
                         "were expected");
    }
    alloc_start(P, 4 * d);
    if (has_any(init, shape_keys))
    {
        fmpq_t u2, v2;

        r = check_keys(L, init, "init", shape_keys);
        if (r == 0)
            r = get_shape(L, P, init, "init", 1);
        if (r)
            return r;
        fmpq_init(u2);
        fmpq_init(v2);
        shape_squares(u2, v2, P);
        for (i = 0; i < d; i++)
            for (p = 0; p < 2; p++)
            {
                fmpq_set(P->theta0_sq + 2 * p * d + i, u2);
                fmpq_set(P->theta0_sq + (2 * p + 1) * d + i, v2);
                P->theta0_sign[2 * p * d + i] = 1;
                P->theta0_sign[(2 * p + 1) * d + i] = 1;
            }
        fmpq_clear(u2);
        fmpq_clear(v2);
        return 0;
    }
    r = check_keys(L, init, "init", vec_keys);
    if (r)
        return r;
    for (p = 0; p < 4; p++)
    {
        const gfc_json *v = need(L, init, "init", vec_keys[p], &r);
        fmpq *x;
        char where[32];

        if (v == NULL)
            return r;
        snprintf(where, sizeof(where), "init.%s", vec_keys[p]);
        x = _fmpq_vec_init(d);
        r = get_vector(L, x, d, "d, the number of columns of X", v, where);
        for (i = 0; i < d && r == 0; i++)
            set_start(P, p * d + i, x + i);
        _fmpq_vec_clear(x, d);
        if (r)
            return r;
    }
    return 0;
}

/* One neuron (w0, a0) of a fully connected model, from the explicit
   vectors or from the (alpha, s, direction, sign) shorthand, into the
   parameters [base, base + d]. */
static int
load_neuron(loader *L, gfc_problem_t P, const gfc_json *init,
            const char *where, slong base)
{
    static const char *const shape_keys[]
        = { "alpha", "s", "direction", "sign", NULL };
    static const char *const vec_keys[] = { "w0", "a0", NULL };
    static const char *const all_keys[]
        = { "w0", "a0", "alpha", "s", "direction", "sign", NULL };
    slong d = P->d, i;
    char path[128];
    int r = 0;

    if (has_any(init, shape_keys) && has_any(init, vec_keys))
        return lfail(L, where,
                     "the (alpha, s, direction) shorthand and an "
                     "explicit w0, a0 are mixed; use one form");
    if (!has_any(init, shape_keys) && !has_any(init, vec_keys))
    {
        r = check_keys(L, init, where, all_keys);
        return r ? r
                 : lfail(L, where,
                         "either \"w0\" and \"a0\", or \"alpha\", "
                         "\"s\" and \"direction\" (and optionally "
                         "\"sign\") were expected");
    }
    if (has_any(init, shape_keys))
    {
        const gfc_json *vd, *vg;
        fmpq *dir;
        fmpq_t small, large, sum, sg;
        int sign = 1;

        r = check_keys(L, init, where, shape_keys);
        if (r == 0)
            r = get_shape(L, P, init, where, 0);
        if (r)
            return r;
        vd = need(L, init, where, "direction", &r);
        if (vd == NULL)
            return r;
        vg = gfc_json_get(init, "sign");
        if (vg != NULL)
        {
            fmpq_init(sg);
            snprintf(path, sizeof(path), "%s.sign", where);
            r = get_number(L, sg, vg, path);
            if (r == 0 && !fmpq_is_one(sg))
            {
                fmpq_neg(sg, sg);
                if (!fmpq_is_one(sg))
                    r = lfail(L, path,
                              "the sign of a0 must be 1 or "
                              "-1");
                sign = -1;
            }
            fmpq_clear(sg);
            if (r)
                return r;
        }
        dir = _fmpq_vec_init(d);
        snprintf(path, sizeof(path), "%s.direction", where);
        r = get_vector(L, dir, d, "d, the number of columns of X", vd,
                       path);
        fmpq_init(small);
        fmpq_init(large);
        fmpq_init(sum);
        for (i = 0; i < d && r == 0; i++)
            fmpq_addmul(sum, dir + i, dir + i);
        if (r == 0 && fmpq_is_zero(sum))
            r = lfail(L, path,
                      "the direction of w0 is zero; a "
                      "non-zero vector was expected");
        if (r == 0)
        {
            shape_squares(small, large, P);
            for (i = 0; i < d; i++)
            {
                fmpq_mul(P->theta0_sq + base + i, dir + i, dir + i);
                fmpq_mul(P->theta0_sq + base + i, P->theta0_sq + base + i,
                         small);
                fmpq_div(P->theta0_sq + base + i, P->theta0_sq + base + i,
                         sum);
                P->theta0_sign[base + i] = fmpq_sgn(dir + i);
            }
            fmpq_set(P->theta0_sq + base + d, large);
            P->theta0_sign[base + d] = sign;
        }
        fmpq_clear(small);
        fmpq_clear(large);
        fmpq_clear(sum);
        _fmpq_vec_clear(dir, d);
        return r;
    }
    {
        const gfc_json *vw, *va;
        fmpq *w;
        fmpq_t a;

        r = check_keys(L, init, where, vec_keys);
        if (r)
            return r;
        vw = need(L, init, where, "w0", &r);
        if (vw == NULL)
            return r;
        va = need(L, init, where, "a0", &r);
        if (va == NULL)
            return r;
        w = _fmpq_vec_init(d);
        fmpq_init(a);
        snprintf(path, sizeof(path), "%s.w0", where);
        r = get_vector(L, w, d, "d, the number of columns of X", vw, path);
        snprintf(path, sizeof(path), "%s.a0", where);
        if (r == 0)
            r = get_number(L, a, va, path);
        if (r == 0)
        {
            for (i = 0; i < d; i++)
                set_start(P, base + i, w + i);
            set_start(P, base + d, a);
        }
        fmpq_clear(a);
        _fmpq_vec_clear(w, d);
        return r;
    }
}

static int
load_fc1_start(loader *L, gfc_problem_t P, const gfc_json *init)
{
    alloc_start(P, P->d + 1);
    P->m = 1;
    return load_neuron(L, P, init, "init", 0);
}

static int
load_fc_start(loader *L, gfc_problem_t P, const gfc_json *init)
{
    static const char *const top_keys[] = { "neurons", NULL };
    const gfc_json *nv;
    slong d = P->d, m, j;
    int r = 0;

    r = check_keys(L, init, "init", top_keys);
    if (r)
        return r;
    nv = need(L, init, "init", "neurons", &r);
    if (nv == NULL)
        return r;
    if (nv->type != GFC_JSON_ARRAY || nv->count == 0)
        return lfail(L, "init.neurons",
                     "a non-empty array of neurons "
                     "{\"w0\": ..., \"a0\": ...} or {\"alpha\": ..., "
                     "\"s\": ..., \"direction\": ...} was expected");
    m = (slong)nv->count;
    /* Every neuron costs d + 1 numbers; refuse before allocating. */
    if (m > GFC_PROBLEM_MAX_BITS / 64 / (d + 1))
        return lfail(L, "init.neurons", "too many neurons (%ld) for d = %ld",
                     (long)m, (long)d);
    alloc_start(P, m * (d + 1));
    P->m = m;
    for (j = 0; j < m && r == 0; j++)
    {
        char where[64];

        snprintf(where, sizeof(where), "init.neurons[%ld]", (long)j);
        r = need_object(L, nv->items[j], where);
        if (r == 0)
            r = load_neuron(L, P, nv->items[j], where, j * (d + 1));
    }
    return r;
}

static int
parse_reg_name(loader *L, gfc_problem_t P, const gfc_json *v)
{
    static const char *const names[] = { "paper", "general", "candidate-sum" };
    static const char *const expected[]
        = { "\"paper\" or \"general\"", "\"paper\"", "\"candidate-sum\"" };
    static const char *const models[] = { "diag", "fc1", "fc" };
    char shown[96];
    int k;

    if (v->type != GFC_JSON_STRING)
        return lfail(L, "regularizer", "a string was expected, found %s",
                     gfc_json_type_name(v->type));
    shown_text(shown, sizeof(shown), v);
    for (k = 0; k < 3; k++)
        if (v->len == strlen(names[k])
            && memcmp(v->text, names[k], v->len) == 0)
            break;
    if (k == 3)
        return lfail(L, "regularizer",
                     "unknown regularizer \"%s\"; for "
                     "model %s, %s was expected",
                     shown, models[P->model], expected[P->model]);
    if ((P->model == GFC_MODEL_DIAG && k == 2)
        || (P->model == GFC_MODEL_FC1 && k != 0)
        || (P->model == GFC_MODEL_FC && k != 2))
        return lfail(L, "regularizer",
                     "model %s does not support the "
                     "regularizer \"%s\"; %s was expected",
                     models[P->model], shown, expected[P->model]);
    P->reg = (gfc_reg_kind)k;
    return 0;
}

/* The object form {"name": "paper", "k": ...} replaces k computed from
   the start, so that tests can feed a deliberately wrong regularizer. */
static int
load_regularizer(loader *L, gfc_problem_t P, const gfc_json *v)
{
    static const char *const keys[] = { "name", "k", NULL };
    const gfc_json *vn, *vk;
    slong i, d = P->d;
    int r = 0;

    if (v->type != GFC_JSON_OBJECT)
        return parse_reg_name(L, P, v);
    r = check_keys(L, v, "regularizer", keys);
    if (r)
        return r;
    vn = need(L, v, "regularizer", "name", &r);
    if (vn == NULL)
        return r;
    vk = need(L, v, "regularizer", "k", &r);
    if (vk == NULL)
        return r;
    if (vn->type != GFC_JSON_STRING || vn->len != 5
        || memcmp(vn->text, "paper", 5) != 0 || P->model != GFC_MODEL_DIAG)
        return lfail(L, "regularizer",
                     "the object form {\"name\": ..., "
                     "\"k\": ...} exists only for the "
                     "\"paper\" regularizer of model diag");
    P->reg = GFC_REG_PAPER;
    P->k = _fmpq_vec_init(d);
    P->k_override = 1;
    if (vk->type == GFC_JSON_ARRAY)
        r = get_vector(L, P->k, d, "d, the number of columns of X", vk,
                       "regularizer.k");
    else
    {
        r = get_number(L, P->k, vk, "regularizer.k");
        for (i = 1; i < d && r == 0; i++)
            fmpq_set(P->k + i, P->k);
    }
    for (i = 0; i < d && r == 0; i++)
        if (fmpq_sgn(P->k + i) <= 0)
            r = (vk->type == GFC_JSON_ARRAY)
                    ? lfail(L, "regularizer.k",
                            "k[%ld] is not positive; "
                            "every k must be > 0",
                            (long)i)
                    : lfail(L, "regularizer.k", "k must be > 0");
    return r;
}

static int
load_model(loader *L, gfc_problem_t P, const gfc_json *v)
{
    char shown[96];

    if (v->type != GFC_JSON_STRING)
        return lfail(L, "model", "a string was expected, found %s",
                     gfc_json_type_name(v->type));
    if (v->len == 4 && memcmp(v->text, "diag", 4) == 0)
        P->model = GFC_MODEL_DIAG;
    else if (v->len == 3 && memcmp(v->text, "fc1", 3) == 0)
        P->model = GFC_MODEL_FC1;
    else if (v->len == 2 && memcmp(v->text, "fc", 2) == 0)
        P->model = GFC_MODEL_FC;
    else
    {
        shown_text(shown, sizeof(shown), v);
        return lfail(L, "model",
                     "unknown model \"%s\"; \"diag\", \"fc1\" "
                     "or \"fc\" was expected",
                     shown);
    }
    return 0;
}

static int
load_tree(loader *L, gfc_problem_t P, const gfc_json *root)
{
    static const char *const keys[]
        = { "model", "X", "y", "init", "regularizer", "wstar", NULL };
    const gfc_json *vm, *vx, *vy, *vi, *vr, *vw;
    slong i;
    int r = 0;

    if (root->type != GFC_JSON_OBJECT)
        return lfail(L, NULL, "the top level must be a JSON object, found %s",
                     gfc_json_type_name(root->type));
    r = check_keys(L, root, "top level", keys);
    if (r)
        return r;
    if ((vm = need(L, root, "top level", "model", &r)) == NULL
        || (vx = need(L, root, "top level", "X", &r)) == NULL
        || (vy = need(L, root, "top level", "y", &r)) == NULL
        || (vi = need(L, root, "top level", "init", &r)) == NULL
        || (vr = need(L, root, "top level", "regularizer", &r)) == NULL)
        return r;
    vw = gfc_json_get(root, "wstar");

    if ((r = load_model(L, P, vm)) != 0)
        return r;
    if ((r = load_X(L, P, vx)) != 0)
        return r;
    P->y = _fmpq_vec_init(P->n);
    if ((r = get_vector(L, P->y, P->n, "n, the number of rows of X", vy, "y"))
        != 0)
        return r;
    if ((r = load_regularizer(L, P, vr)) != 0)
        return r;
    if ((r = need_object(L, vi, "init")) != 0)
        return r;
    switch (P->model)
    {
        case GFC_MODEL_DIAG:
            r = load_diag_start(L, P, vi);
            break;
        case GFC_MODEL_FC1:
            r = load_fc1_start(L, P, vi);
            break;
        case GFC_MODEL_FC:
            r = load_fc_start(L, P, vi);
            break;
    }
    if (r)
        return r;
    if (P->model == GFC_MODEL_DIAG && P->reg == GFC_REG_PAPER
        && !P->k_override)
    {
        /* k_i = 2(u_i^2 + v_i^2) from the plus part; validation makes
           sure the minus part is the same. */
        P->k = _fmpq_vec_init(P->d);
        for (i = 0; i < P->d; i++)
        {
            fmpq_add(P->k + i, P->theta0_sq + i, P->theta0_sq + P->d + i);
            fmpq_mul_2exp(P->k + i, P->k + i, 1);
        }
    }
    if (vw != NULL)
    {
        P->wstar = _fmpq_vec_init(P->d);
        r = get_vector(L, P->wstar, P->d, "d, the number of columns of X", vw,
                       "wstar");
        if (r)
            return r;
    }
    return gfc_problem_validate(P, L->file, L->err);
}

int
gfc_problem_load(gfc_problem_t P, const char *path, gfc_error_t err)
{
    loader L;
    gfc_json *root = NULL;
    char *text = NULL;
    const char *slash;
    size_t len;
    char why[1024];
    int r;

    gfc_problem_clear(P);
    gfc_problem_init(P);
    gfc_error_init(err);
    L.file = path;
    L.err = err;
    L.budget = GFC_PROBLEM_MAX_BITS;
    slash = strrchr(path, '/');
    L.dir = malloc((slash != NULL) ? (size_t)(slash - path) + 2 : 1);
    if (L.dir == NULL)
        gfc_abort("out of memory");
    if (slash != NULL)
    {
        memcpy(L.dir, path, (size_t)(slash - path) + 1);
        L.dir[slash - path + 1] = '\0';
    }
    else
        L.dir[0] = '\0';

    r = gfc_read_file(&text, &len, path, GFC_JSON_MAX_BYTES, err);
    if (r == 0 && gfc_json_parse(&root, text, len, why, sizeof(why)))
        r = lfail(&L, NULL, "%s", why);
    free(text);
    if (r == 0)
        r = load_tree(&L, P, root);
    gfc_json_free(root);
    free(L.dir);
    if (r == 0)
    {
        P->path = strdup(path);
        if (P->path == NULL)
            gfc_abort("out of memory");
        gfc_problem_compute_digest(P);
        return 0;
    }
    gfc_problem_clear(P);
    gfc_problem_init(P);
    return GFC_BAD_INPUT;
}
