/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Tables of sweep results in LaTeX (booktabs), CSV (RFC 4180) and
 * Markdown.  Balls show certified figures only (digits.c); every other
 * field is the file's own text.  No printf of a double anywhere, so the
 * bytes do not depend on the locale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

static int
is_ball_field(int f)
{
    return f == GFC_FIELD_BETA_L1 || f == GFC_FIELD_BETA_L2
        || f == GFC_FIELD_POP_ERROR || f == GFC_FIELD_DIST_MIN_L2;
}

/* Columns of numbers are right-aligned, text left-aligned. */
static int
is_numeric_field(int f)
{
    return is_ball_field(f) || f == GFC_FIELD_INDEX || f == GFC_FIELD_ALPHA
        || f == GFC_FIELD_SHAPE_VALUE || f == GFC_FIELD_DIGITS
        || f == GFC_FIELD_BOUND || f == GFC_FIELD_STEPS
        || f == GFC_FIELD_PRECISION || f == GFC_FIELD_SECONDS;
}

/* ---- LaTeX ---- */

static void
put_latex_text(gfc_buf *b, const char *s)
{
    for (; *s != '\0'; s++)
    {
        char c[2] = {*s, '\0'};

        if ((unsigned char) *s < 0x20 || *s == 0x7f)
            gfc_buf_put(b, " ");
        else if (*s == '\\')
            gfc_buf_put(b, "\\textbackslash{}");
        else if (*s == '^')
            gfc_buf_put(b, "\\textasciicircum{}");
        else if (*s == '~')
            gfc_buf_put(b, "\\textasciitilde{}");
        else if (*s == '|')
            gfc_buf_put(b, "\\textbar{}");
        else if (*s == '<')
            gfc_buf_put(b, "\\textless{}");
        else if (*s == '>')
            gfc_buf_put(b, "\\textgreater{}");
        else if (strchr("{}$&#_%", *s) != NULL)
        {
            gfc_buf_put(b, "\\");
            gfc_buf_put(b, c);
        }
        else
            gfc_buf_put(b, c);
    }
}

/* A decimal "[-]d.ddd[e<exp>]" (or "+/-..." for a bound) in math mode:
   "$-1.23\times10^{-5}$".  With short_pow, a mantissa of exactly 1
   prints as "10^{-5}" (for exact values, where it is the same number). */
static void
put_latex_number(gfc_buf *b, const char *s, const char *prefix,
                 int short_pow)
{
    const char *e = strpbrk(s, "eE");
    char ex[32];
    long x;

    gfc_buf_put(b, "$");
    gfc_buf_put(b, prefix);
    if (strncmp(s, "+/-", 3) == 0)
    {
        gfc_buf_put(b, "\\pm ");
        s += 3;
    }
    if (e == NULL)
        gfc_buf_put(b, s);
    else
    {
        x = strtol(e + 1, NULL, 10);
        if (!(short_pow && e - s == 1 && s[0] == '1'))
        {
            gfc_buf_put_n(b, s, (size_t) (e - s));
            gfc_buf_put(b, "\\times");
        }
        snprintf(ex, sizeof(ex), "10^{%ld}", x);
        gfc_buf_put(b, ex);
    }
    gfc_buf_put(b, "$");
}

static const char *
latex_header(int f, const char *shape)
{
    static const char *h[GFC_FIELD_COUNT] = {
        "index", "model", "regularizer", "$\\alpha$", "shape", "",
        "digits", "verdict", "bound", "bound meaning",
        "$\\|\\beta(\\infty)\\|_1$", "$\\|\\beta(\\infty)\\|_2$",
        "$\\|\\beta(\\infty)-w^*\\|_2^2$",
        "$\\|\\beta(\\infty)-\\beta_{\\ell_2}\\|_2$",
        "steps", "precision (bits)", "reason", "certificate", "time (s)"
    };

    if (f == GFC_FIELD_SHAPE_VALUE)
        return (shape == NULL) ? "shape value"
            : (strcmp(shape, "s") == 0) ? "$s$" : "$\\delta$";
    return h[f];
}

static const char *
md_header(int f, const char *shape)
{
    static const char *h[GFC_FIELD_COUNT] = {
        "index", "model", "regularizer", "α", "shape", "", "digits",
        "verdict", "bound", "bound meaning", "‖β(∞)‖₁", "‖β(∞)‖₂",
        "‖β(∞) − w*‖₂²", "‖β(∞) − β_ℓ2‖₂", "steps", "precision (bits)",
        "reason", "certificate", "time (s)"
    };

    if (f == GFC_FIELD_SHAPE_VALUE)
        return (shape == NULL) ? "shape value"
            : (strcmp(shape, "s") == 0) ? "s" : "δ";
    return h[f];
}

/* Certified figures of a ball field; NULL when it has none (null or
   not finite), and then *fail is set if the digit check failed. */
static char *
ball_figures(const char *text, slong max_digits, int *fail)
{
    fmpq_t m, r;
    char *s = NULL;

    if (text == NULL)
        return NULL;
    fmpq_init(m);
    fmpq_init(r);
    if (gfc_report_ball_parse(m, r, text) == 1)
    {
        s = gfc_report_digits(m, r, max_digits);
        if (s == NULL)
            *fail = 1;
    }
    fmpq_clear(m);
    fmpq_clear(r);
    return s;
}

/* The text that a cell of field f shows in LaTeX (latex = 1) or
   Markdown (latex = 0). */
static void
put_cell(gfc_buf *b, const gfc_result_struct *row, int f, int latex,
         slong max_digits, int *fail)
{
    const char *t = row->f[f];
    const char *none = latex ? "---" : "—";

    if (is_ball_field(f))
    {
        char *s = ball_figures(t, max_digits, fail);

        if (s == NULL)
            gfc_buf_put(b, none);
        else if (latex)
            put_latex_number(b, s, "", 0);
        else if (strncmp(s, "+/-", 3) == 0)
        {
            gfc_buf_put(b, "±");
            gfc_buf_put(b, s + 3);
        }
        else
            gfc_buf_put(b, s);
        flint_free(s);
    }
    else if (t == NULL || (f == GFC_FIELD_BOUND && t[0] == '\0'))
        gfc_buf_put(b, none);
    else if (f == GFC_FIELD_BOUND)
    {
        int match = strcmp(row->f[GFC_FIELD_VERDICT], "MATCH") == 0;

        if (latex)
            put_latex_number(b, t, match ? "\\le " : "\\ge ", 0);
        else
        {
            gfc_buf_put(b, match ? "≤ " : "≥ ");
            gfc_buf_put(b, t);
        }
    }
    else if (latex && (f == GFC_FIELD_ALPHA || f == GFC_FIELD_SHAPE_VALUE))
        put_latex_number(b, t, "", 1);
    else if (latex && f == GFC_FIELD_SHAPE)
        gfc_buf_put(b, strcmp(t, "s") == 0 ? "$s$" : "$\\delta$");
    else if (latex)
        put_latex_text(b, t);
    else
    {
        for (; *t != '\0'; t++)
        {
            char c[2] = {*t, '\0'};

            if ((unsigned char) *t < 0x20 || *t == 0x7f)
                gfc_buf_put(b, " ");
            else if (*t == '|')
                gfc_buf_put(b, "\\|");
            else
                gfc_buf_put(b, c);
        }
    }
}

/* ---- CSV (RFC 4180: quoted when needed, CRLF line ends) ---- */

static void
put_csv_field(gfc_buf *b, const char *s)
{
    const char *p;

    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL)
    {
        gfc_buf_put(b, s);
        return;
    }
    gfc_buf_put(b, "\"");
    for (p = s; *p != '\0'; p++)
        gfc_buf_put_n(b, (*p == '"') ? "\"\"" : p, 1 + (*p == '"'));
    gfc_buf_put(b, "\"");
}

/* The common shape of all rows ("s" or "delta"), NULL when mixed. */
static const char *
common_shape(const gfc_results_t R)
{
    slong i;

    for (i = 1; i < R->len; i++)
        if (strcmp(R->rows[i].f[GFC_FIELD_SHAPE],
                   R->rows[0].f[GFC_FIELD_SHAPE]) != 0)
            return NULL;
    return (R->len > 0) ? R->rows[0].f[GFC_FIELD_SHAPE] : NULL;
}

char *
gfc_table_str(const gfc_results_t R, gfc_table_format fmt,
              const int *cols, slong ncols, slong max_digits)
{
    gfc_buf b = {NULL, 0, 0};
    const char *shape = common_shape(R);
    slong i, j;
    int fail = 0;

    gfc_buf_put(&b, "");
    if (fmt == GFC_TABLE_CSV)
    {
        for (j = 0; j < ncols; j++)
        {
            gfc_buf_put(&b, j ? "," : "");
            gfc_buf_put(&b, gfc_field_name(cols[j]));
        }
        gfc_buf_put(&b, "\r\n");
        for (i = 0; i < R->len; i++)
        {
            for (j = 0; j < ncols; j++)
            {
                gfc_buf_put(&b, j ? "," : "");
                put_csv_field(&b, R->rows[i].f[cols[j]]);
            }
            gfc_buf_put(&b, "\r\n");
        }
        return b.s;
    }

    if (fmt == GFC_TABLE_LATEX)
    {
        gfc_buf_put(&b, "% gfcert table: only certified figures "
                    "(doc/tables.md); needs \\usepackage{booktabs}\n"
                    "\\begin{tabular}{");
        for (j = 0; j < ncols; j++)
            gfc_buf_put(&b, is_numeric_field(cols[j]) ? "r" : "l");
        gfc_buf_put(&b, "}\n\\toprule\n");
        for (j = 0; j < ncols; j++)
        {
            gfc_buf_put(&b, j ? " & " : "");
            gfc_buf_put(&b, latex_header(cols[j], shape));
        }
        gfc_buf_put(&b, " \\\\\n\\midrule\n");
    }
    else
    {
        gfc_buf_put(&b, "|");
        for (j = 0; j < ncols; j++)
        {
            gfc_buf_put(&b, " ");
            gfc_buf_put(&b, md_header(cols[j], shape));
            gfc_buf_put(&b, " |");
        }
        gfc_buf_put(&b, "\n|");
        for (j = 0; j < ncols; j++)
            gfc_buf_put(&b, is_numeric_field(cols[j]) ? " ---: |" : " :--- |");
        gfc_buf_put(&b, "\n");
    }
    for (i = 0; i < R->len; i++)
    {
        if (fmt == GFC_TABLE_MD)
            gfc_buf_put(&b, "| ");
        for (j = 0; j < ncols; j++)
        {
            if (j)
                gfc_buf_put(&b, fmt == GFC_TABLE_LATEX ? " & " : " | ");
            put_cell(&b, R->rows + i, cols[j], fmt == GFC_TABLE_LATEX,
                     max_digits, &fail);
        }
        gfc_buf_put(&b, fmt == GFC_TABLE_LATEX ? " \\\\\n" : " |\n");
    }
    if (fmt == GFC_TABLE_LATEX)
        gfc_buf_put(&b, "\\bottomrule\n\\end{tabular}\n");
    if (fail)
    {
        flint_free(b.s);
        return NULL;
    }
    return b.s;
}
