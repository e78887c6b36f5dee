/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Reader of a sweep's results.jsonl and timings.jsonl.  Each line is
 * checked against the sweep output contract (doc/tables.md) so that a
 * table never shows a field it did not understand.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "problem.h"
#include "report.h"

/* results.jsonl of a sweep of many thousand points stays far below. */
#define RESULTS_MAX_BYTES ((size_t) 256 << 20)

typedef enum
{
    KIND_INDEX,
    KIND_COUNT,
    KIND_TEXT,
    KIND_DECIMAL,
    KIND_SHAPE,
    KIND_VERDICT,
    KIND_BOUND,
    KIND_BALL,
    KIND_SECONDS
}
field_kind;

static const struct
{
    const char *name;
    field_kind kind;
}
fields[GFC_FIELD_COUNT] = {
    {"index", KIND_INDEX},
    {"model", KIND_TEXT},
    {"regularizer", KIND_TEXT},
    {"alpha", KIND_DECIMAL},
    {"shape", KIND_SHAPE},
    {"shape_value", KIND_DECIMAL},
    {"digits", KIND_COUNT},
    {"verdict", KIND_VERDICT},
    {"bound", KIND_BOUND},
    {"bound_meaning", KIND_TEXT},
    {"beta_l1", KIND_BALL},
    {"beta_l2", KIND_BALL},
    {"pop_error", KIND_BALL},
    {"dist_min_l2", KIND_BALL},
    {"steps", KIND_COUNT},
    {"precision", KIND_COUNT},
    {"reason", KIND_TEXT},
    {"certificate", KIND_TEXT},
    {"seconds", KIND_SECONDS}
};

const char *
gfc_field_name(gfc_field f)
{
    return (f >= 0 && f < GFC_FIELD_COUNT) ? fields[f].name : "";
}

int
gfc_field_find(const char *name)
{
    int f;

    for (f = 0; f < GFC_FIELD_COUNT; f++)
        if (strcmp(name, fields[f].name) == 0)
            return f;
    return -1;
}

void
gfc_results_init(gfc_results_t R)
{
    R->len = 0;
    R->rows = NULL;
}

void
gfc_results_clear(gfc_results_t R)
{
    slong i;
    int f;

    for (i = 0; i < R->len; i++)
        for (f = 0; f < GFC_FIELD_COUNT; f++)
            flint_free(R->rows[i].f[f]);
    flint_free(R->rows);
    gfc_results_init(R);
}

static char *
copy_text(const char *s, size_t len)
{
    char *t = flint_malloc(len + 1);

    memcpy(t, s, len);
    t[len] = '\0';
    return t;
}

/* A JSON number that is a non-negative integer below 2^62. */
static int
parse_count(slong *x, const gfc_json *v)
{
    const char *s;
    slong n = 0;

    if (v->type != GFC_JSON_NUMBER || v->len == 0 || v->len > 18)
        return 0;
    for (s = v->text; *s != '\0'; s++)
    {
        if (*s < '0' || *s > '9')
            return 0;
        n = 10 * n + (*s - '0');
    }
    *x = n;
    return 1;
}

static int
is_decimal(const char *s, size_t len)
{
    fmpq_t q;
    const char *why;
    int ok;

    fmpq_init(q);
    ok = len > 0 && gfc_decimal_parse(q, s, len, 0, &why) == 0;
    fmpq_clear(q);
    return ok;
}

static int
is_ball(const char *s)
{
    fmpq_t m, r;
    int ok;

    fmpq_init(m);
    fmpq_init(r);
    ok = gfc_report_ball_parse(m, r, s) != 0;
    fmpq_clear(m);
    fmpq_clear(r);
    return ok;
}

/* Check v against the kind of field f; on success *out is its text
   (NULL for null).  why receives what was expected. */
static int
take_field(char **out, int f, const gfc_json *v, const char **why)
{
    field_kind k = fields[f].kind;
    slong n;

    *out = NULL;
    if (v->type == GFC_JSON_NULL && k == KIND_BALL)
        return 1;
    if (k == KIND_INDEX || k == KIND_COUNT)
    {
        *why = "a non-negative integer";
        if (!parse_count(&n, v))
            return 0;
        *out = copy_text(v->text, v->len);
        return 1;
    }
    if (k == KIND_SECONDS)
    {
        fmpq_t q;
        const char *w;
        int ok;

        *why = "a non-negative number of seconds";
        if (v->type != GFC_JSON_NUMBER)
            return 0;
        fmpq_init(q);
        ok = gfc_decimal_parse(q, v->text, v->len, 0, &w) == 0
            && fmpq_sgn(q) >= 0;
        fmpq_clear(q);
        if (ok)
            *out = copy_text(v->text, v->len);
        return ok;
    }
    *why = "a string";
    if (v->type != GFC_JSON_STRING)
        return 0;
    if (memchr(v->text, '\0', v->len) != NULL)
    {
        *why = "a string without NUL characters";
        return 0;
    }
    switch (k)
    {
        case KIND_DECIMAL:
            *why = "a string holding an exact decimal such as \"1e-5\"";
            if (!is_decimal(v->text, v->len))
                return 0;
            break;
        case KIND_SHAPE:
            *why = "\"s\" or \"delta\"";
            if (strcmp(v->text, "s") != 0 && strcmp(v->text, "delta") != 0)
                return 0;
            break;
        case KIND_VERDICT:
            *why = "\"MATCH\", \"MISMATCH\" or \"INCONCLUSIVE\"";
            if (strcmp(v->text, "MATCH") != 0
                && strcmp(v->text, "MISMATCH") != 0
                && strcmp(v->text, "INCONCLUSIVE") != 0)
                return 0;
            break;
        case KIND_BOUND:
            *why = "\"\" or a decimal bound such as \"6.09e-16\"";
            if (v->len > 0 && !is_decimal(v->text, v->len))
                return 0;
            break;
        case KIND_BALL:
            *why = "null or a ball \"[mid +/- rad]\"";
            if (!is_ball(v->text))
                return 0;
            break;
        default:
            break;
    }
    *out = copy_text(v->text, v->len);
    return 1;
}

/* The next line of buf[0..len) from *pos: its start and length, without
   the "\n".  0 at the end; -1 for a last line without a line end. */
static int
next_line(const char **line, size_t *n, const char *buf, size_t len,
          size_t *pos)
{
    const char *nl;

    if (*pos >= len)
        return 0;
    *line = buf + *pos;
    nl = memchr(*line, '\n', len - *pos);
    if (nl == NULL)
        return -1;
    *n = (size_t) (nl - *line);
    *pos += *n + 1;
    return 1;
}

/* Parse one line as a JSON object; 0 with a message on failure. */
static int
parse_object(gfc_json **obj, const char *line, size_t n, const char *path,
             slong lineno, gfc_error_t err)
{
    char msg[512];

    if (gfc_json_parse(obj, line, n, msg, sizeof(msg)) != 0)
    {
        gfc_error_set(err, "%s:%ld: not a JSON object (%s)", path,
                      (long) lineno, msg);
        return 0;
    }
    if ((*obj)->type != GFC_JSON_OBJECT)
    {
        gfc_error_set(err, "%s:%ld: expected a JSON object, found %s", path,
                      (long) lineno, gfc_json_type_name((*obj)->type));
        gfc_json_free(*obj);
        *obj = NULL;
        return 0;
    }
    return 1;
}

/* One results.jsonl line into row. */
static int
read_result(gfc_result_struct *row, const gfc_json *obj, const char *path,
            slong lineno, gfc_error_t err)
{
    char name[128];
    size_t i;
    int f;

    for (i = 0; i < obj->count; i++)
    {
        gfc_quote_bytes(name, sizeof(name), obj->keys[i], obj->key_lens[i]);
        f = gfc_field_find(obj->keys[i]);
        if (f < 0 || f == GFC_FIELD_SECONDS
            || strlen(obj->keys[i]) != obj->key_lens[i])
        {
            gfc_error_set(err, "%s:%ld: unknown key '%s' (a result line "
                          "has index, model, regularizer, alpha, shape, "
                          "shape_value, digits, verdict, bound, "
                          "bound_meaning, beta_l1, beta_l2, pop_error, "
                          "dist_min_l2, steps, precision, reason, "
                          "certificate)", path, (long) lineno, name);
            return 0;
        }
    }
    for (f = 0; f < GFC_FIELD_SECONDS; f++)
    {
        const gfc_json *v = gfc_json_get(obj, fields[f].name);
        const char *why = "";

        if (v == NULL)
        {
            gfc_error_set(err, "%s:%ld: key '%s' is missing", path,
                          (long) lineno, fields[f].name);
            return 0;
        }
        if (!take_field(&row->f[f], f, v, &why))
        {
            gfc_error_set(err, "%s:%ld: '%s' must be %s", path,
                          (long) lineno, fields[f].name, why);
            return 0;
        }
    }
    parse_count(&row->index, gfc_json_get(obj, "index"));
    if ((strcmp(row->f[GFC_FIELD_VERDICT], "INCONCLUSIVE") == 0)
        != (row->f[GFC_FIELD_BOUND][0] == '\0'))
    {
        gfc_error_set(err, "%s:%ld: 'bound' must be \"\" exactly when the "
                      "verdict is INCONCLUSIVE", path, (long) lineno);
        return 0;
    }
    return 1;
}

static int
read_results_file(gfc_results_t R, const char *path, gfc_error_t err)
{
    char *buf;
    size_t len, pos = 0, n;
    const char *line;
    slong lineno = 0, alloc = 0;
    int r;

    if (gfc_read_file(&buf, &len, path, RESULTS_MAX_BYTES, err) != 0)
        return GFC_BAD_INPUT;
    while ((r = next_line(&line, &n, buf, len, &pos)) != 0)
    {
        gfc_json *obj;
        gfc_result_struct *row;
        int ok;

        lineno++;
        if (r < 0)
        {
            gfc_error_set(err, "%s:%ld: the last line has no line end "
                          "(an incomplete write?)", path, (long) lineno);
            free(buf);
            return GFC_BAD_INPUT;
        }
        if (!parse_object(&obj, line, n, path, lineno, err))
        {
            free(buf);
            return GFC_BAD_INPUT;
        }
        if (R->len == alloc)
        {
            alloc = FLINT_MAX(16, 2 * alloc);
            R->rows = flint_realloc(R->rows,
                                    (size_t) alloc * sizeof(*R->rows));
        }
        row = R->rows + R->len++;
        memset(row, 0, sizeof(*row));
        ok = read_result(row, obj, path, lineno, err);
        gfc_json_free(obj);
        if (ok && R->len > 1 && row->index <= row[-1].index)
        {
            gfc_error_set(err, "%s:%ld: index %ld does not follow %ld "
                          "(lines must be in increasing index order)",
                          path, (long) lineno, (long) row->index,
                          (long) row[-1].index);
            ok = 0;
        }
        if (!ok)
        {
            free(buf);
            return GFC_BAD_INPUT;
        }
    }
    free(buf);
    if (R->len == 0)
    {
        gfc_error_set(err, "%s: no finished points (the file is empty)",
                      path);
        return GFC_BAD_INPUT;
    }
    return 0;
}

static gfc_result_struct *
find_row(gfc_results_t R, slong index)
{
    slong lo = 0, hi = R->len;

    while (lo < hi)
    {
        slong mid = lo + (hi - lo) / 2;

        if (R->rows[mid].index < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < R->len && R->rows[lo].index == index) ? R->rows + lo : NULL;
}

static int
read_timings_file(gfc_results_t R, const char *path, gfc_error_t err)
{
    char *buf;
    size_t len, pos = 0, n, i;
    const char *line;
    slong lineno = 0;
    int r, ok = 1;

    if (gfc_read_file(&buf, &len, path, RESULTS_MAX_BYTES, err) != 0)
        return GFC_BAD_INPUT;
    while (ok && (r = next_line(&line, &n, buf, len, &pos)) != 0)
    {
        gfc_json *obj;
        const gfc_json *vi, *vs;
        gfc_result_struct *row = NULL;
        const char *why = "";
        slong index = 0;
        char name[128];

        lineno++;
        if (r < 0)
        {
            gfc_error_set(err, "%s:%ld: the last line has no line end "
                          "(an incomplete write?)", path, (long) lineno);
            ok = 0;
            break;
        }
        if (!parse_object(&obj, line, n, path, lineno, err))
        {
            ok = 0;
            break;
        }
        for (i = 0; ok && i < obj->count; i++)
            if (strcmp(obj->keys[i], "index") != 0
                && strcmp(obj->keys[i], "seconds") != 0)
            {
                gfc_quote_bytes(name, sizeof(name), obj->keys[i],
                                obj->key_lens[i]);
                gfc_error_set(err, "%s:%ld: unknown key '%s' (a timing line "
                              "has index and seconds)", path, (long) lineno,
                              name);
                ok = 0;
            }
        vi = gfc_json_get(obj, "index");
        vs = gfc_json_get(obj, "seconds");
        if (ok && (vi == NULL || !parse_count(&index, vi)))
        {
            gfc_error_set(err, "%s:%ld: 'index' must be a non-negative "
                          "integer", path, (long) lineno);
            ok = 0;
        }
        if (ok && (row = find_row(R, index)) == NULL)
        {
            gfc_error_set(err, "%s:%ld: index %ld has no line in "
                          "results.jsonl", path, (long) lineno,
                          (long) index);
            ok = 0;
        }
        if (ok && row->f[GFC_FIELD_SECONDS] != NULL)
        {
            gfc_error_set(err, "%s:%ld: a second timing for index %ld",
                          path, (long) lineno, (long) index);
            ok = 0;
        }
        if (ok && (vs == NULL
                   || !take_field(&row->f[GFC_FIELD_SECONDS],
                                  GFC_FIELD_SECONDS, vs, &why)))
        {
            gfc_error_set(err, "%s:%ld: 'seconds' must be %s", path,
                          (long) lineno,
                          vs == NULL ? "given" : why);
            ok = 0;
        }
        gfc_json_free(obj);
    }
    free(buf);
    return ok ? 0 : GFC_BAD_INPUT;
}

int
gfc_results_read(gfc_results_t R, const char *path, gfc_error_t err)
{
    struct stat st;
    char *file, *timings = NULL;
    size_t n = strlen(path);
    int r;

    gfc_results_clear(R);
    if (stat(path, &st) != 0)
    {
        gfc_error_set(err, "%s: cannot open: %s", path, strerror(errno));
        return GFC_BAD_INPUT;
    }
    if (S_ISDIR(st.st_mode))
    {
        file = flint_malloc(n + 16);
        timings = flint_malloc(n + 16);
        strcpy(file, path);
        strcat(file, "/results.jsonl");
        strcpy(timings, path);
        strcat(timings, "/timings.jsonl");
    }
    else
    {
        /* A file named results.jsonl has its timings beside it. */
        const char *base = strrchr(path, '/');

        base = (base != NULL) ? base + 1 : path;
        file = copy_text(path, n);
        if (strcmp(base, "results.jsonl") == 0)
        {
            timings = flint_malloc(n + 16);
            memcpy(timings, path, (size_t) (base - path));
            strcpy(timings + (base - path), "timings.jsonl");
        }
    }
    r = read_results_file(R, file, err);
    if (r == 0 && timings != NULL && stat(timings, &st) == 0)
        r = read_timings_file(R, timings, err);
    if (r != 0)
        gfc_results_clear(R);
    flint_free(file);
    flint_free(timings);
    return r;
}
