/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Sweep files (doc/sweep.md): the grid, its exact values, and the
 * problem file of each point.  Every rejection names the sweep file and
 * the JSON path, as problem files do.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "sweep.h"

#define DEFAULT_DIGITS 30
#define DEFAULT_MAX_TIME 600.0
#define DEFAULT_MAX_PREC 16384
#define DEFAULT_SIGNIFICANT 4
#define MAX_SIGNIFICANT 30
/* |log10 alpha| beyond this would make alpha's text itself huge. */
#define MAX_LOG10 10000

static int sfail(gfc_error_t err, const char *file, const char *where,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
sfail(gfc_error_t err, const char *file, const char *where, const char *fmt,
      ...)
{
    char what[1536];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (where == NULL)
        gfc_error_set(err, "%s: %s", file, what);
    else
        gfc_error_set(err, "%s: %s: %s", file, where, what);
    return GFC_BAD_INPUT;
}

static char *
dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *t = malloc(n);

    if (t == NULL)
        abort();
    memcpy(t, s, n);
    return t;
}

void
gfc_sweep_init(gfc_sweep_t S)
{
    memset(S, 0, sizeof(gfc_sweep_struct));
}

static void
free_texts(char **v, slong n)
{
    slong i;

    if (v == NULL)
        return;
    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void
gfc_sweep_clear(gfc_sweep_t S)
{
    slong i;

    free(S->file);
    free(S->text);
    free(S->base_file);
    gfc_json_free(S->base);
    free_texts(S->alpha, S->na);
    free_texts(S->shape, S->ns);
    free_texts(S->reg, S->nr);
    free(S->alpha_nodes);
    free(S->shape_nodes);
    for (i = 0; i < S->ndata; i++)
    {
        free(S->data[i].src);
        free(S->data[i].name);
    }
    free(S->data);
    memset(S, 0, sizeof(gfc_sweep_struct));
}

/* The exact text of a number: a JSON number or a string holding one. */
static int
number_text(const char **text, fmpq_t q, const gfc_json *v,
            const char *file, const char *where, gfc_error_t err)
{
    const char *why = "";
    char shown[96];

    if (v->type != GFC_JSON_NUMBER && v->type != GFC_JSON_STRING)
        return sfail(err, file, where,
                     "a decimal number (JSON number or string) was "
                     "expected, found %s", gfc_json_type_name(v->type));
    if (memchr(v->text, '/', v->len) != NULL)
        why = "a sweep takes decimals only, not p/q";
    if (why[0] != '\0'
        || gfc_decimal_parse(q, v->text, v->len, 0, &why) != 0)
    {
        gfc_quote_bytes(shown, sizeof(shown), v->text, v->len);
        return sfail(err, file, where, "\"%s\" is not a decimal number "
                     "(%s)", shown, why);
    }
    *text = v->text;
    return 0;
}

static int
integer_value(slong *x, const gfc_json *v, slong lo, slong hi,
              const char *file, const char *where, gfc_error_t err)
{
    const char *t;
    fmpq_t q;
    int r;

    fmpq_init(q);
    r = number_text(&t, q, v, file, where, err);
    if (r == 0 && (!fmpz_is_one(fmpq_denref(q))
                   || fmpz_cmp_si(fmpq_numref(q), lo) < 0
                   || fmpz_cmp_si(fmpq_numref(q), hi) > 0))
        r = sfail(err, file, where, "an integer from %ld to %ld was "
                  "expected", (long) lo, (long) hi);
    if (r == 0)
        *x = fmpz_get_si(fmpq_numref(q));
    fmpq_clear(q);
    return r;
}

/* One value of a grid axis: range checks by axis and model. */
static int
check_value(const fmpq_t q, int axis, int model, const char *file,
            const char *where, gfc_error_t err)
{
    if (axis == 0 && fmpq_sgn(q) <= 0)
        return sfail(err, file, where, "the scale alpha must be > 0");
    if (axis == 1 && model == GFC_MODEL_DIAG
        && (fmpq_sgn(q) < 0 || fmpz_cmp(fmpq_numref(q),
                                        fmpq_denref(q)) >= 0))
        return sfail(err, file, where, "the shape s must satisfy "
                     "0 <= s < 1 for model diag");
    if (axis == 1 && model != GFC_MODEL_DIAG
        && fmpz_cmpabs(fmpq_numref(q), fmpq_denref(q)) >= 0)
        return sfail(err, file, where, "the shape s must satisfy "
                     "-1 < s < 1 for models fc1 and fc");
    return 0;
}

/* No value twice: a repeated point is almost surely a slip, and for a
   log-spaced axis it means too few significant digits. */
static int
check_distinct(fmpq *q, slong n, const char *file, const char *key,
               gfc_error_t err)
{
    slong i, j;
    char where[64];

    for (i = 1; i < n; i++)
        for (j = 0; j < i; j++)
            if (fmpq_equal(q + i, q + j))
            {
                snprintf(where, sizeof(where), "%s[%ld]", key, (long) i);
                return sfail(err, file, where,
                             "the same value as %s[%ld]; every grid "
                             "value must differ (for a log-spaced "
                             "range, raise \"significant\")",
                             key, (long) j);
            }
    return 0;
}

/* Digits of a positive integer M with 10^(sig-1) <= M < 10^sig, as
   "d[.ddd]e<E>" with trailing zeros dropped. */
static char *
sci_text(const fmpz_t M, slong E)
{
    char *digits = fmpz_get_str(NULL, 10, M), *out;
    size_t n = strlen(digits);

    while (n > 1 && digits[n - 1] == '0')
        n--;
    out = malloc(n + 32);
    if (out == NULL)
        abort();
    if (n == 1)
        snprintf(out, n + 32, "%ce%ld", digits[0], (long) E);
    else
        snprintf(out, n + 32, "%c.%.*se%ld", digits[0], (int) (n - 1),
                 digits + 1, (long) E);
    flint_free(digits);
    return out;
}

/* 10^x rounded to sig significant digits, to nearest.  For x not an
   integer 10^x is irrational, so it is never half-way between two
   candidates and the loop ends; for an integer x it is exact. */
static char *
log_value(const fmpq_t x, slong sig)
{
    fmpz_t E, M;
    fmpq_t y;
    arb_t t, ten;
    slong prec;
    char *out;

    fmpz_init(E);
    fmpz_init(M);
    fmpq_init(y);
    arb_init(t);
    arb_init(ten);
    fmpz_fdiv_q(E, fmpq_numref(x), fmpq_denref(x));
    if (fmpz_is_one(fmpq_denref(x)))
    {
        fmpz_ui_pow_ui(M, 10, (ulong) (sig - 1));
        out = sci_text(M, fmpz_get_si(E));
        goto done;
    }
    /* 10^x = 10^y * 10^(E - sig + 1) with sig - 1 < y < sig. */
    fmpq_sub_fmpz(y, x, E);
    fmpq_add_si(y, y, sig - 1);
    for (prec = 64;; prec *= 2)
    {
        arb_set_ui(ten, 10);
        arb_set_fmpq(t, y, prec);
        arb_pow(t, ten, t, prec);
        /* round to nearest: floor(10^y + 1/2) */
        arb_one(ten);
        arb_mul_2exp_si(ten, ten, -1);
        arb_add(t, t, ten, prec);
        arb_floor(t, t, prec);
        if (arb_get_unique_fmpz(M, t))
            break;
    }
    fmpz_ui_pow_ui(fmpq_numref(y), 10, (ulong) sig);
    if (fmpz_equal(M, fmpq_numref(y)))
    {
        fmpz_divexact_ui(M, M, 10);
        fmpz_add_ui(E, E, 1);
    }
    out = sci_text(M, fmpz_get_si(E));

done:
    arb_clear(ten);
    arb_clear(t);
    fmpq_clear(y);
    fmpz_clear(M);
    fmpz_clear(E);
    return out;
}

/* {"log10_from": a, "log10_to": b, "count": n[, "significant": k]}:
   n values 10^x at x = a + j(b - a)/(n - 1), each rounded to k
   significant digits. */
static int
load_log_range(char ***out, slong *n_out, const gfc_json *v,
               const char *file, gfc_error_t err)
{
    static const char *const keys[]
        = { "log10_from", "log10_to", "count", "significant", NULL };
    const gfc_json *vf, *vt, *vc, *vs;
    const char *t;
    fmpq_t a, b, x;
    slong count = 0, sig = DEFAULT_SIGNIFICANT, j;
    char **vals;
    size_t i;
    int r = 0;

    for (i = 0; i < v->count; i++)
    {
        slong k;

        for (k = 0; keys[k] != NULL; k++)
            if (strlen(keys[k]) == v->key_lens[i]
                && memcmp(keys[k], v->keys[i], v->key_lens[i]) == 0)
                break;
        if (keys[k] == NULL)
        {
            char shown[96];

            gfc_quote_bytes(shown, sizeof(shown), v->keys[i],
                            v->key_lens[i]);
            return sfail(err, file, "alpha", "unknown key \"%s\"; "
                         "\"log10_from\", \"log10_to\", \"count\" and "
                         "optionally \"significant\" were expected", shown);
        }
    }
    vf = gfc_json_get(v, "log10_from");
    vt = gfc_json_get(v, "log10_to");
    vc = gfc_json_get(v, "count");
    vs = gfc_json_get(v, "significant");
    if (vf == NULL || vt == NULL || vc == NULL)
        return sfail(err, file, "alpha", "a log-spaced range needs "
                     "\"log10_from\", \"log10_to\" and \"count\"");
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(x);
    r = number_text(&t, a, vf, file, "alpha.log10_from", err);
    if (r == 0)
        r = number_text(&t, b, vt, file, "alpha.log10_to", err);
    if (r == 0)
    {
        fmpq_abs(x, a);
        if (fmpq_cmp_ui(x, MAX_LOG10) > 0)
            r = sfail(err, file, "alpha.log10_from", "a number from "
                      "-%d to %d was expected", MAX_LOG10, MAX_LOG10);
    }
    if (r == 0)
    {
        fmpq_abs(x, b);
        if (fmpq_cmp_ui(x, MAX_LOG10) > 0)
            r = sfail(err, file, "alpha.log10_to", "a number from "
                      "-%d to %d was expected", MAX_LOG10, MAX_LOG10);
    }
    if (r == 0)
        r = integer_value(&count, vc, 2, GFC_SWEEP_MAX_POINTS, file,
                          "alpha.count", err);
    if (r == 0 && vs != NULL)
        r = integer_value(&sig, vs, 1, MAX_SIGNIFICANT, file,
                          "alpha.significant", err);
    if (r == 0 && fmpq_equal(a, b))
        r = sfail(err, file, "alpha.log10_to", "must differ from "
                  "log10_from when count > 1");
    if (r != 0)
    {
        fmpq_clear(a);
        fmpq_clear(b);
        fmpq_clear(x);
        return r;
    }
    vals = calloc((size_t) count, sizeof(char *));
    if (vals == NULL)
        abort();
    for (j = 0; j < count; j++)
    {
        /* x = a + j (b - a) / (count - 1), exactly. */
        fmpq_sub(x, b, a);
        fmpq_mul_si(x, x, j);
        {
            fmpz_t c;

            fmpz_init_set_si(c, count - 1);
            fmpq_div_fmpz(x, x, c);
            fmpz_clear(c);
        }
        fmpq_add(x, x, a);
        vals[j] = log_value(x, sig);
    }
    *out = vals;
    *n_out = count;
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(x);
    return 0;
}

/* An axis given as an array of decimals. */
static int
load_list(char ***out, slong *n_out, const gfc_json *v, const char *key,
          const char *file, gfc_error_t err)
{
    char where[64], **vals;
    const char *t;
    fmpq_t q;
    size_t i;
    int r = 0;

    if (v->type != GFC_JSON_ARRAY || v->count == 0)
        return sfail(err, file, key, "a non-empty array of decimal "
                     "numbers was expected%s", strcmp(key, "alpha") == 0
                     ? ", or a log-spaced range {\"log10_from\": ..., "
                       "\"log10_to\": ..., \"count\": ...}" : "");
    if (v->count > GFC_SWEEP_MAX_POINTS)
        return sfail(err, file, key, "more than %d values",
                     GFC_SWEEP_MAX_POINTS);
    vals = calloc(v->count, sizeof(char *));
    if (vals == NULL)
        abort();
    fmpq_init(q);
    for (i = 0; i < v->count && r == 0; i++)
    {
        snprintf(where, sizeof(where), "%s[%zu]", key, i);
        r = number_text(&t, q, v->items[i], file, where, err);
        if (r == 0)
            vals[i] = dup_str(t);
    }
    fmpq_clear(q);
    if (r != 0)
    {
        free_texts(vals, (slong) v->count);
        return r;
    }
    *out = vals;
    *n_out = (slong) v->count;
    return 0;
}

/* Range and distinctness of an axis's values, once the model is known
   (axis 0: alpha, 1: s). */
static int
check_axis(char **vals, slong n, int axis, int model, const char *file,
           gfc_error_t err)
{
    const char *key = (axis == 0) ? "alpha" : "s";
    char where[64];
    fmpq *q = _fmpq_vec_init(n);
    const char *why;
    slong i;
    int r = 0;

    for (i = 0; i < n && r == 0; i++)
    {
        snprintf(where, sizeof(where), "%s[%ld]", key, (long) i);
        gfc_decimal_parse(q + i, vals[i], strlen(vals[i]), 1, &why);
        if (model >= 0)
            r = check_value(q + i, axis, model, file, where, err);
    }
    if (r == 0)
        r = check_distinct(q, n, file, key, err);
    _fmpq_vec_clear(q, n);
    return r;
}

static int
load_regs(gfc_sweep_t S, const gfc_json *v, gfc_error_t err)
{
    static const char *const names[] = { "paper", "general",
                                         "candidate-sum", NULL };
    char where[64];
    size_t i, j;
    int k;

    if (v->type != GFC_JSON_ARRAY || v->count == 0 || v->count > 8)
        return sfail(err, S->file, "regularizer", "a non-empty array of "
                     "regularizer names (\"paper\", \"general\", "
                     "\"candidate-sum\") was expected");
    S->reg = calloc(v->count, sizeof(char *));
    if (S->reg == NULL)
        abort();
    S->nr = (slong) v->count;
    for (i = 0; i < v->count; i++)
    {
        const gfc_json *e = v->items[i];

        snprintf(where, sizeof(where), "regularizer[%zu]", i);
        for (k = 0; names[k] != NULL && e->type == GFC_JSON_STRING; k++)
            if (strlen(names[k]) == e->len && strcmp(names[k], e->text) == 0)
                break;
        if (e->type != GFC_JSON_STRING || names[k] == NULL)
            return sfail(err, S->file, where, "\"paper\", \"general\" or "
                         "\"candidate-sum\" was expected");
        for (j = 0; j < i; j++)
            if (strcmp(S->reg[j], names[k]) == 0)
                return sfail(err, S->file, where, "the same regularizer "
                             "as regularizer[%zu]", j);
        S->reg[i] = dup_str(names[k]);
    }
    return 0;
}

static int
check_regs(const gfc_sweep_t S, gfc_error_t err)
{
    static const char *const ok[] = { "paper general", "paper",
                                      "candidate-sum" };
    static const char *const model[] = { "diag", "fc1", "fc" };
    char where[64];
    slong i;

    for (i = 0; S->reg != NULL && i < S->nr; i++)
    {
        const char *o = ok[S->model];
        size_t n = strlen(S->reg[i]);
        const char *p = strstr(o, S->reg[i]);

        if (p == NULL || (p[n] != '\0' && p[n] != ' '))
        {
            snprintf(where, sizeof(where), "regularizer[%ld]", (long) i);
            return sfail(err, S->file, where, "model %s (the base "
                         "problem's) does not support the regularizer "
                         "\"%s\"", model[S->model], S->reg[i]);
        }
    }
    return 0;
}

/* The start's alpha and s nodes: init itself (diag, fc1) or every
   neuron (fc).  The base must use the (alpha, s) shorthand. */
static int
find_start_nodes(gfc_sweep_t S, gfc_error_t err)
{
    const gfc_json *init = gfc_json_get(S->base, "init"), *nv;
    slong j, m = 1;

    if (S->model == GFC_MODEL_FC)
    {
        nv = gfc_json_get(init, "neurons");
        m = (slong) nv->count;
    }
    S->alpha_nodes = calloc((size_t) m, sizeof(gfc_json *));
    S->shape_nodes = calloc((size_t) m, sizeof(gfc_json *));
    if (S->alpha_nodes == NULL || S->shape_nodes == NULL)
        abort();
    S->nalpha_nodes = m;
    for (j = 0; j < m; j++)
    {
        const gfc_json *o = (S->model == GFC_MODEL_FC)
                                ? gfc_json_get(init, "neurons")->items[j]
                                : init;

        S->alpha_nodes[j] = gfc_json_get(o, "alpha");
        S->shape_nodes[j] = gfc_json_get(o, "s");
        if (S->alpha_nodes[j] == NULL || S->shape_nodes[j] == NULL)
            return sfail(err, S->file, "problem", "%s: %s: the sweep "
                         "sets alpha and s, so the base problem's start "
                         "must use the (alpha, s) shorthand",
                         S->base_file, (S->model == GFC_MODEL_FC)
                         ? "init.neurons" : "init");
    }
    return 0;
}

/* The base's own value of an axis that the sweep does not give. */
static int
default_axis(char ***vals, slong *n, const gfc_json **nodes, slong m,
             const char *key, const gfc_sweep_t S, gfc_error_t err)
{
    slong j;

    for (j = 1; j < m; j++)
        if (strcmp(nodes[j]->text, nodes[0]->text) != 0)
            return sfail(err, S->file, NULL, "the base problem's neurons "
                         "start with different %s; give \"%s\" in the "
                         "sweep file", key, key);
    *vals = calloc(1, sizeof(char *));
    if (*vals == NULL)
        abort();
    (*vals)[0] = dup_str(nodes[0]->text);
    *n = 1;
    return 0;
}

/* Every string of the base naming a .npy or CSV file, with the name of
   its copy in DIR/data/: its JSON path with '.' between the parts. */
static void
find_data(gfc_sweep_t S, const gfc_json *v, const char *path,
          const char *dir)
{
    char sub[512];
    size_t i;

    if (v == S->reg_node && S->reg != NULL)
        return;
    if (v->type == GFC_JSON_STRING
        && gfc_problem_file_kind(v->text, v->len) != 0)
    {
        gfc_sweep_data *D;
        size_t n;

        S->data = realloc(S->data, (size_t) (S->ndata + 1)
                                       * sizeof(gfc_sweep_data));
        if (S->data == NULL)
            abort();
        D = S->data + S->ndata++;
        D->node = v;
        n = strlen(dir) + v->len + 1;
        D->src = malloc(n);
        D->name = malloc(strlen(path) + 5);
        if (D->src == NULL || D->name == NULL)
            abort();
        snprintf(D->src, n, "%s%s", (v->text[0] == '/') ? "" : dir,
                 v->text);
        snprintf(D->name, strlen(path) + 5, "%s%s", path,
                 gfc_problem_file_kind(v->text, v->len) == GFC_FILE_NPY
                     ? ".npy" : ".csv");
        return;
    }
    for (i = 0; i < v->count; i++)
    {
        if (v->type == GFC_JSON_OBJECT)
            snprintf(sub, sizeof(sub), "%s%s%.*s", path,
                     path[0] ? "." : "", (int) v->key_lens[i], v->keys[i]);
        else
            snprintf(sub, sizeof(sub), "%s.%zu", path, i);
        find_data(S, v->items[i], sub, dir);
    }
}

/* Keys of a sweep file are plain ASCII names; anything else is shown
   quoted in the message. */
static int
check_top_keys(const gfc_json *root, const char *file, gfc_error_t err)
{
    static const char *const keys[]
        = { "problem", "alpha", "s", "delta", "regularizer", "digits",
            "max_time", "max_prec", NULL };
    size_t i;
    int k;

    for (i = 0; i < root->count; i++)
    {
        char shown[96];

        for (k = 0; keys[k] != NULL; k++)
            if (strlen(keys[k]) == root->key_lens[i]
                && memcmp(keys[k], root->keys[i], root->key_lens[i]) == 0)
                break;
        if (keys[k] != NULL)
            continue;
        gfc_quote_bytes(shown, sizeof(shown), root->keys[i],
                        root->key_lens[i]);
        return sfail(err, file, NULL, "unknown key \"%s\"; the keys are "
                     "problem, alpha, s, regularizer, digits, max_time "
                     "and max_prec", shown);
    }
    return 0;
}

static char *
dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = (slash != NULL) ? (size_t) (slash - path) + 1 : 0;
    char *d = malloc(n + 1);

    if (d == NULL)
        abort();
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

static int
load_base(gfc_sweep_t S, gfc_error_t err)
{
    gfc_problem_t P;
    gfc_error_t e2;
    char *buf, msg[512], *dir;
    size_t len;
    int r;

    gfc_problem_init(P);
    gfc_error_init(e2);
    r = gfc_problem_load(P, S->base_file, e2);
    S->model = P->model;
    gfc_problem_clear(P);
    if (r != 0)
        return sfail(err, S->file, "problem", "%s", e2->msg);
    if (gfc_read_file(&buf, &len, S->base_file, GFC_JSON_MAX_BYTES, e2))
        return sfail(err, S->file, "problem", "%s", e2->msg);
    r = gfc_json_parse(&S->base, buf, len, msg, sizeof(msg));
    free(buf);
    if (r != 0)
        return sfail(err, S->file, "problem", "%s: %s", S->base_file, msg);
    S->reg_node = gfc_json_get(S->base, "regularizer");
    r = find_start_nodes(S, err);
    if (r != 0)
        return r;
    dir = dir_of(S->base_file);
    find_data(S, S->base, "", dir);
    free(dir);
    return 0;
}

int
gfc_sweep_load(gfc_sweep_t S, const char *path, int base, gfc_error_t err)
{
    const gfc_json *v;
    gfc_json *root = NULL;
    char msg[512], *dir;
    const char *t;
    fmpq_t q;
    int r;

    S->file = dup_str(path);
    if (gfc_read_file(&S->text, &S->len, path, GFC_JSON_MAX_BYTES, err))
        return GFC_BAD_INPUT;
    if (gfc_json_parse(&root, S->text, S->len, msg, sizeof(msg)) != 0)
        return sfail(err, path, NULL, "%s", msg);
    fmpq_init(q);
    r = 0;
    if (root->type != GFC_JSON_OBJECT)
        r = sfail(err, path, NULL, "a JSON object was expected");
    if (r == 0)
        r = check_top_keys(root, path, err);
    if (r == 0 && gfc_json_get(root, "delta") != NULL)
        r = sfail(err, path, "delta", "a delta axis is not supported: "
                  "problem files start the fully connected models from "
                  "(alpha, s), and a given delta with a given alpha "
                  "makes s irrational; sweep \"s\" instead (delta = "
                  "4 alpha s/(1 - s^2))");
    v = gfc_json_get(root, "problem");
    if (r == 0 && (v == NULL || v->type != GFC_JSON_STRING || v->len == 0
                   || strlen(v->text) != v->len))
        r = sfail(err, path, "problem", "the base problem's file name (a "
                  "string, relative to the sweep file) was expected");
    if (r == 0)
    {
        dir = dir_of(path);
        S->base_file = malloc(strlen(dir) + v->len + 1);
        if (S->base_file == NULL)
            abort();
        sprintf(S->base_file, "%s%s", (v->text[0] == '/') ? "" : dir,
                v->text);
        free(dir);
    }
    S->digits = DEFAULT_DIGITS;
    S->max_time = DEFAULT_MAX_TIME;
    S->max_prec = DEFAULT_MAX_PREC;
    if (r == 0 && (v = gfc_json_get(root, "digits")) != NULL)
        r = integer_value(&S->digits, v, 1, 100000, path, "digits", err);
    if (r == 0 && (v = gfc_json_get(root, "max_prec")) != NULL)
        r = integer_value(&S->max_prec, v, 64, WORD(1) << 24, path,
                          "max_prec", err);
    if (r == 0 && (v = gfc_json_get(root, "max_time")) != NULL)
    {
        r = number_text(&t, q, v, path, "max_time", err);
        if (r == 0 && (fmpq_sgn(q) <= 0 || fmpq_cmp_ui(q, 1000000000) >= 0))
            r = sfail(err, path, "max_time", "a positive number of "
                      "seconds below 1e9 was expected");
        if (r == 0)
            S->max_time = fmpq_get_d(q);
    }
    if (r == 0 && (v = gfc_json_get(root, "alpha")) != NULL)
    {
        if (v->type == GFC_JSON_OBJECT)
            r = load_log_range(&S->alpha, &S->na, v, path, err);
        else
            r = load_list(&S->alpha, &S->na, v, "alpha", path, err);
    }
    if (r == 0 && (v = gfc_json_get(root, "s")) != NULL)
        r = load_list(&S->shape, &S->ns, v, "s", path, err);
    if (r == 0 && (v = gfc_json_get(root, "regularizer")) != NULL)
        r = load_regs(S, v, err);
    if (r == 0 && base)
        r = load_base(S, err);
    if (r == 0 && S->alpha == NULL)
    {
        if (base)
            r = default_axis(&S->alpha, &S->na, S->alpha_nodes,
                             S->nalpha_nodes, "alpha", S, err);
        else
            S->na = 1;
    }
    if (r == 0 && S->shape == NULL)
    {
        if (base)
            r = default_axis(&S->shape, &S->ns, S->shape_nodes,
                             S->nalpha_nodes, "s", S, err);
        else
            S->ns = 1;
    }
    if (r == 0 && S->reg == NULL)
        S->nr = 1;
    if (r == 0 && S->alpha != NULL)
        r = check_axis(S->alpha, S->na, 0, base ? (int) S->model : -1,
                       path, err);
    if (r == 0 && S->shape != NULL)
        r = check_axis(S->shape, S->ns, 1, base ? (int) S->model : -1,
                       path, err);
    if (r == 0 && base)
        r = check_regs(S, err);
    if (r == 0 && gfc_sweep_count(S) > GFC_SWEEP_MAX_POINTS)
        r = sfail(err, path, NULL, "%ld points; at most %d were expected",
                  (long) gfc_sweep_count(S), GFC_SWEEP_MAX_POINTS);
    fmpq_clear(q);
    gfc_json_free(root);
    return r;
}

const char *
gfc_sweep_alpha(const gfc_sweep_t S, slong i)
{
    return S->alpha[i / (S->ns * S->nr)];
}

const char *
gfc_sweep_shape(const gfc_sweep_t S, slong i)
{
    return S->shape[(i / S->nr) % S->ns];
}

/* ---- the point's problem file ---- */

static void
put_quoted(gfc_buf *b, const char *t)
{
    gfc_buf_put_own(b, gfc_json_quote(t));
}

static void
emit(gfc_buf *b, const gfc_json *v, const gfc_sweep_t S, slong i,
     int top)
{
    slong j;
    size_t k;

    if (v == S->reg_node && S->reg != NULL)
    {
        put_quoted(b, S->reg[i % S->nr]);
        return;
    }
    for (j = 0; j < S->nalpha_nodes; j++)
    {
        if (v == S->alpha_nodes[j])
        {
            put_quoted(b, gfc_sweep_alpha(S, i));
            return;
        }
        if (v == S->shape_nodes[j])
        {
            put_quoted(b, gfc_sweep_shape(S, i));
            return;
        }
    }
    for (j = 0; j < S->ndata; j++)
        if (v == S->data[j].node)
        {
            gfc_buf_put(b, "\"../data/");
            gfc_buf_put(b, S->data[j].name);
            gfc_buf_put(b, "\"");
            return;
        }
    switch (v->type)
    {
        case GFC_JSON_NULL:
            gfc_buf_put(b, "null");
            break;
        case GFC_JSON_BOOL:
            gfc_buf_put(b, v->boolean ? "true" : "false");
            break;
        case GFC_JSON_NUMBER:
            gfc_buf_put(b, v->text);
            break;
        case GFC_JSON_STRING:
            put_quoted(b, v->text);
            break;
        case GFC_JSON_ARRAY:
            gfc_buf_put(b, "[");
            for (k = 0; k < v->count; k++)
            {
                gfc_buf_put(b, (k > 0) ? ", " : "");
                emit(b, v->items[k], S, i, 0);
            }
            gfc_buf_put(b, "]");
            break;
        case GFC_JSON_OBJECT:
            gfc_buf_put(b, top ? "{\n    " : "{");
            for (k = 0; k < v->count; k++)
            {
                if (k > 0)
                    gfc_buf_put(b, top ? ",\n    " : ", ");
                put_quoted(b, v->keys[k]);
                gfc_buf_put(b, ": ");
                emit(b, v->items[k], S, i, 0);
            }
            gfc_buf_put(b, top ? "\n}\n" : "}");
            break;
    }
}

char *
gfc_sweep_problem_text(const gfc_sweep_t S, slong i)
{
    gfc_buf b = { NULL, 0, 0 };

    emit(&b, S->base, S, i, 1);
    return b.s;
}
