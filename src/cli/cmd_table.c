/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* gfcert table RESULTS --format latex|csv|md [--columns LIST]
   [--digits N] [--out FILE] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "report.h"
#include "cli.h"

/* Certified figures shown at most: a double's worth, which is all a
   table for a paper needs; --digits raises it. */
#define DEFAULT_FIGURES 15

static const int default_columns[] = {
    GFC_FIELD_ALPHA, GFC_FIELD_SHAPE_VALUE, GFC_FIELD_VERDICT,
    GFC_FIELD_BOUND, GFC_FIELD_BETA_L1, GFC_FIELD_POP_ERROR,
    GFC_FIELD_DIST_MIN_L2
};

static const char table_usage[] =
    "usage: gfcert table RESULTS [--format latex|csv|md] [--columns LIST]\n"
    "                    [--digits N] [--out FILE]\n"
    "  RESULTS is a sweep's results.jsonl or its output directory.\n"
    "  --format   latex (booktabs), csv (RFC 4180, full balls) or md\n"
    "             (default md)\n"
    "  --columns  comma-separated fields in the order wanted, from: index,\n"
    "             model, regularizer, alpha, shape, shape_value, digits,\n"
    "             verdict, bound, bound_meaning, beta_l1, beta_l2,\n"
    "             pop_error, dist_min_l2, steps, precision, reason,\n"
    "             certificate, seconds (default alpha,shape_value,verdict,\n"
    "             bound,beta_l1,pop_error,dist_min_l2)\n"
    "  --digits   at most N certified figures per number (default 15)\n"
    "exit status: 0 written, 2 bad usage or input, 4 internal error.\n"
    "The digit rule: doc/tables.md.\n";

/* Parse "a,b,c" into field numbers; 0 with a message on failure. */
static int
parse_columns(int **cols, slong *ncols, const char *list)
{
    const char *p = list;
    slong n = 0, alloc = 8;

    *cols = flint_malloc((size_t) alloc * sizeof(int));
    for (;;)
    {
        const char *c = strchr(p, ',');
        size_t len = (c != NULL) ? (size_t) (c - p) : strlen(p);
        char name[64];
        int f = -1;

        if (len > 0 && len < sizeof(name))
        {
            memcpy(name, p, len);
            name[len] = '\0';
            f = gfc_field_find(name);
        }
        if (f < 0)
        {
            fprintf(stderr, "gfcert table: --columns: '%.*s' is not a "
                    "field (see gfcert table --help)\n", (int) FLINT_MIN(len,
                    200), p);
            flint_free(*cols);
            *cols = NULL;
            return 0;
        }
        if (n == alloc)
        {
            alloc *= 2;
            *cols = flint_realloc(*cols, (size_t) alloc * sizeof(int));
        }
        (*cols)[n++] = f;
        if (c == NULL)
            break;
        p = c + 1;
    }
    *ncols = n;
    return 1;
}

/* The whole text to path ("-" or NULL: standard output). */
static int
write_all(const char *path, const char *text)
{
    FILE *f = (path == NULL) ? stdout : fopen(path, "w");
    size_t n = strlen(text);
    int ok;

    if (f == NULL)
        return 0;
    ok = fwrite(text, 1, n, f) == n;
    if (path != NULL)
        ok = (fclose(f) == 0) && ok;
    else
        ok = (fflush(f) == 0) && ok;
    return ok;
}

int
gfc_cmd_table(int argc, char **argv)
{
    const char *results = NULL, *out = NULL, *columns = NULL;
    gfc_table_format fmt = GFC_TABLE_MD;
    slong digits = DEFAULT_FIGURES, ncols;
    int *cols = NULL, i, st = 0;
    gfc_results_t R;
    gfc_error_t err;
    char *text;

    for (i = 1; i < argc; i++)
    {
        const char *o = argv[i], *v = (i + 1 < argc) ? argv[i + 1] : NULL;
        const char *eq = strchr(o, '=');
        char name[32];
        int takes;

        if (o[0] == '-' && o[1] == '-' && eq != NULL
            && (size_t) (eq - o) < sizeof(name))
        {
            memcpy(name, o, (size_t) (eq - o));
            name[eq - o] = '\0';
            o = name;
            v = eq + 1;
        }
        else if (o[0] == '-' && o[1] != '\0')
            eq = NULL;
        takes = strcmp(o, "--format") == 0 || strcmp(o, "--columns") == 0
            || strcmp(o, "--digits") == 0 || strcmp(o, "--out") == 0;
        if (takes && eq == NULL)
            i++;
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)
        {
            fputs(table_usage, stdout);
            return 0;
        }
        else if (takes && v == NULL)
        {
            fprintf(stderr, "gfcert table: %s expects a value\n", o);
            return GFC_BAD_INPUT;
        }
        else if (strcmp(o, "--format") == 0)
        {
            if (strcmp(v, "latex") == 0)
                fmt = GFC_TABLE_LATEX;
            else if (strcmp(v, "csv") == 0)
                fmt = GFC_TABLE_CSV;
            else if (strcmp(v, "md") == 0)
                fmt = GFC_TABLE_MD;
            else
            {
                fprintf(stderr, "gfcert table: --format expects latex, csv "
                        "or md, not '%s'\n", v);
                return GFC_BAD_INPUT;
            }
        }
        else if (strcmp(o, "--columns") == 0)
            columns = v;
        else if (strcmp(o, "--out") == 0)
            out = v;
        else if (strcmp(o, "--digits") == 0)
        {
            if (!gfc_cli_parse_slong(&digits, v, 1, 1000))
            {
                fprintf(stderr, "gfcert table: --digits expects an integer "
                        "from 1 to 1000\n");
                return GFC_BAD_INPUT;
            }
        }
        else if (o[0] == '-' && o[1] != '\0')
        {
            fprintf(stderr, "gfcert table: unknown option '%s' (see gfcert "
                    "table --help)\n", o);
            return GFC_BAD_INPUT;
        }
        else if (results == NULL)
            results = o;
        else
        {
            fprintf(stderr, "gfcert table: more than one RESULTS given "
                    "('%s', '%s')\n", results, o);
            return GFC_BAD_INPUT;
        }
    }
    if (results == NULL)
    {
        fprintf(stderr, "gfcert table: a results.jsonl file or sweep "
                "directory is required\n%s", table_usage);
        return GFC_BAD_INPUT;
    }
    if (columns != NULL && !parse_columns(&cols, &ncols, columns))
        return GFC_BAD_INPUT;

    gfc_results_init(R);
    gfc_error_init(err);
    if (gfc_results_read(R, results, err) != 0)
    {
        fprintf(stderr, "gfcert: %s\n", err->msg);
        flint_free(cols);
        return GFC_BAD_INPUT;
    }
    text = (cols != NULL)
        ? gfc_table_str(R, fmt, cols, ncols, digits)
        : gfc_table_str(R, fmt, default_columns,
                        sizeof(default_columns) / sizeof(int), digits);
    if (text == NULL)
    {
        fprintf(stderr, "gfcert table: internal error: a printed figure "
                "failed its exact check\n");
        st = GFC_INTERNAL;
    }
    else if (!write_all(out, text))
    {
        fprintf(stderr, "gfcert: cannot write the table to '%s': %s\n",
                out != NULL ? out : "standard output", strerror(errno));
        st = (out != NULL) ? GFC_BAD_INPUT : GFC_INTERNAL;
    }
    flint_free(text);
    flint_free(cols);
    gfc_results_clear(R);
    return st;
}
