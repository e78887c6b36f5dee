/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert plot pop-error RESULTS | trajectory FILE.csv | regularizer
 * [--k LIST], --out BASENAME.  The data are checked here, written to a
 * private directory with a generated gnuplot script, and drawn by
 * gnuplot as BASENAME.svg and BASENAME.pdf (doc/plots.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "problem.h"
#include "report.h"
#include "cli.h"
#include "gnuplot.h"

/* Points of the regularizer curves on [-1, 1]: a step of 1/200 draws
   the kink of q_k near 0 for k = 1e-3 as a smooth curve. */
#define QK_HALF_POINTS 200

/* Curves a plot draws at most; more would not be told apart. */
#define MAX_CURVES 12

/* Trajectory files are the command's own output; this bounds a hostile
   one. */
#define TRAJ_MAX_BYTES ((size_t) 64 << 20)

static const char plot_usage[] =
    "usage: gfcert plot pop-error RESULTS --out BASENAME\n"
    "       gfcert plot trajectory FILE.csv --out BASENAME\n"
    "       gfcert plot regularizer [--k LIST] --out BASENAME\n"
    "  pop-error    population error against alpha (log axis), one curve\n"
    "               per shape value, certified error bars; RESULTS is a\n"
    "               sweep's results.jsonl or its output directory\n"
    "  trajectory   distance to the regularizer's minimiser against time\n"
    "               (log-log), from gfcert flow --trajectory FILE.csv\n"
    "  regularizer  q_k(z) / q_k(1) on [-1, 1] for each k of LIST (comma-\n"
    "               separated decimals > 0; default 1e-6,1e-3,0.1,1,10)\n"
    "Writes BASENAME.svg and BASENAME.pdf with gnuplot (Debian package\n"
    "gnuplot-nox).  exit status: 0 written, 2 bad usage or input,\n"
    "4 gnuplot missing or failing.  See doc/plots.md.\n";

/* Common head and tail of every script: the SVG is drawn first, then
   the same plot again as PDF. */
static void
script_head(FILE *f)
{
    fputs("set encoding utf8\n"
          "set terminal svg size 760,500 enhanced "
          "font 'DejaVu Sans,14' background rgb 'white'\n"
          "set output 'plot.svg'\n"
          "set grid lc rgb '#dddddd'\n"
          "set border lw 1.2\n"
          "set linetype 1 lc rgb '#1f77b4'\n"
          "set linetype 2 lc rgb '#d62728'\n"
          "set linetype 3 lc rgb '#2ca02c'\n"
          "set linetype 4 lc rgb '#ff7f0e'\n"
          "set linetype 5 lc rgb '#9467bd'\n"
          "set linetype 6 lc rgb '#8c564b'\n"
          "set linetype 7 lc rgb '#e377c2'\n"
          "set linetype 8 lc rgb '#17becf'\n"
          "set linetype cycle 8\n", f);
}

static void
script_tail(FILE *f)
{
    fputs("set terminal pdfcairo enhanced size 6.4in,4.2in "
          "font 'DejaVu Sans,11'\n"
          "set output 'plot.pdf'\n"
          "replot\n"
          "unset output\n", f);
}

static double
fmpq_to_d(const fmpq_t q)
{
    arb_t a;
    double d;

    arb_init(a);
    arb_set_fmpq(a, q, 128);
    d = arf_get_d(arb_midref(a), ARF_RND_NEAR);
    arb_clear(a);
    return d;
}

/* Lower and upper bounds of [lo, hi] as doubles, rounded outward. */
static void
interval_to_d(double *dlo, double *dhi, const fmpq_t lo, const fmpq_t hi)
{
    arb_t a;
    arf_t t;

    arb_init(a);
    arf_init(t);
    arb_set_fmpq(a, lo, 128);
    arb_get_lbound_arf(t, a, 128);
    *dlo = arf_get_d(t, ARF_RND_FLOOR);
    arb_set_fmpq(a, hi, 128);
    arb_get_ubound_arf(t, a, 128);
    *dhi = arf_get_d(t, ARF_RND_CEIL);
    arb_clear(a);
    arf_clear(t);
}

static int
close_ok(FILE *f)
{
    int ok = !ferror(f);

    return (fclose(f) == 0) && ok;
}

/* ---- population error against alpha ---- */

typedef struct
{
    fmpq_t alpha;
    double x, y, lo, hi;
}
pe_point;

typedef struct
{
    const char *text;
    fmpq_t value;
    slong n;
    pe_point *p;
}
pe_curve;

static int
cmp_point(const void *a, const void *b)
{
    return fmpq_cmp(((const pe_point *) a)->alpha,
                    ((const pe_point *) b)->alpha);
}

static int
cmp_curve(const void *a, const void *b)
{
    return fmpq_cmp(((const pe_curve *) a)->value,
                    ((const pe_curve *) b)->value);
}

static int
write_pop_error(gfc_plot_dir_t D, const gfc_results_t R, const char *src)
{
    pe_curve *c = flint_calloc(MAX_CURVES + 1, sizeof(pe_curve));
    slong i, j, nc = 0, omitted = 0, shown = 0;
    const char *shape = R->rows[0].f[GFC_FIELD_SHAPE];
    fmpq_t v, m, r, lo, hi;
    const char *why;
    int st = 0;
    FILE *f;

    fmpq_init(v);
    fmpq_init(m);
    fmpq_init(r);
    fmpq_init(lo);
    fmpq_init(hi);
    for (i = 0; i < R->len && st == 0; i++)
    {
        const gfc_result_struct *row = R->rows + i;
        const char *pe = row->f[GFC_FIELD_POP_ERROR];
        pe_point *p;

        if (strcmp(row->f[GFC_FIELD_SHAPE], shape) != 0)
        {
            fprintf(stderr, "gfcert plot: %s: index %ld has shape '%s' but "
                    "index %ld has '%s' (one kind of shape per plot)\n", src,
                    (long) row->index, row->f[GFC_FIELD_SHAPE],
                    (long) R->rows[0].index, shape);
            st = GFC_BAD_INPUT;
            break;
        }
        if (pe == NULL || gfc_report_ball_parse(m, r, pe) != 1)
        {
            omitted++;
            continue;
        }
        gfc_decimal_parse(v, row->f[GFC_FIELD_SHAPE_VALUE],
                          strlen(row->f[GFC_FIELD_SHAPE_VALUE]), 0, &why);
        for (j = 0; j < nc && !fmpq_equal(c[j].value, v); j++)
            ;
        if (j == nc)
        {
            if (nc == MAX_CURVES)
            {
                fprintf(stderr, "gfcert plot: %s: more than %d shape "
                        "values (one curve each)\n", src, MAX_CURVES);
                st = GFC_BAD_INPUT;
                break;
            }
            c[nc].text = row->f[GFC_FIELD_SHAPE_VALUE];
            fmpq_init(c[nc].value);
            fmpq_set(c[nc].value, v);
            c[nc].p = flint_malloc((size_t) R->len * sizeof(pe_point));
            nc++;
        }
        p = c[j].p + c[j].n++;
        fmpq_init(p->alpha);
        gfc_decimal_parse(p->alpha, row->f[GFC_FIELD_ALPHA],
                          strlen(row->f[GFC_FIELD_ALPHA]), 0, &why);
        p->x = fmpq_to_d(p->alpha);
        p->y = fmpq_to_d(m);
        fmpq_sub(lo, m, r);
        fmpq_add(hi, m, r);
        interval_to_d(&p->lo, &p->hi, lo, hi);
        if (!(p->x > 0 && isfinite(p->x) && isfinite(p->lo)
              && isfinite(p->hi)))
        {
            fprintf(stderr, "gfcert plot: %s: index %ld: alpha %s or its "
                    "population error is outside the range of a plot\n",
                    src, (long) row->index, row->f[GFC_FIELD_ALPHA]);
            st = GFC_BAD_INPUT;
        }
        shown++;
    }
    if (st == 0 && shown == 0)
    {
        fprintf(stderr, "gfcert plot: %s: no point has an enclosed "
                "population error (does the problem give wstar?)\n", src);
        st = GFC_BAD_INPUT;
    }

    qsort(c, (size_t) nc, sizeof(pe_curve), cmp_curve);
    for (j = 0; j < nc && st == 0; j++)
    {
        char name[32];

        qsort(c[j].p, (size_t) c[j].n, sizeof(pe_point), cmp_point);
        snprintf(name, sizeof(name), "c%ld.dat", (long) j);
        f = gfc_plot_dir_open(D, name);
        if (f == NULL)
            st = GFC_INTERNAL;
        else
        {
            for (i = 0; i < c[j].n; i++)
                fprintf(f, "%.17g %.17g %.17g %.17g\n", c[j].p[i].x,
                        c[j].p[i].y, c[j].p[i].lo, c[j].p[i].hi);
            st = close_ok(f) ? 0 : GFC_INTERNAL;
        }
    }
    if (st == 0 && (f = gfc_plot_dir_open(D, "plot.gp")) != NULL)
    {
        const char *sym = strcmp(shape, "s") == 0 ? "s" : "δ";

        script_head(f);
        fputs("set logscale x\n"
              "set format x '10^{%T}'\n"
              "set xlabel 'initial scale α'\n"
              "set ylabel 'population error ‖β(∞) − w^{*}‖@^2_2'\n"
              "set offsets graph 0.03, graph 0.03, graph 0.05, "
              "graph 0.05\n"
              "set key outside right top Left reverse\n", f);
        fputs("set title \"population error against the initial scale"
              "\\n{/*0.8 error bars: certified enclosures", f);
        if (omitted > 0)
            fprintf(f, "; %ld point%s without an enclosed population "
                    "error not shown", (long) omitted,
                    omitted == 1 ? "" : "s");
        fputs("}\"\n", f);
        fputs("plot \\\n", f);
        for (j = 0; j < nc; j++)
            fprintf(f, "  'c%ld.dat' using 1:2:3:4 with yerrorlines "
                    "lw 1.6 pt 7 ps 0.7 title '%s = %s'%s\n", (long) j, sym,
                    c[j].text, j + 1 < nc ? ", \\" : "");
        script_tail(f);
        st = close_ok(f) ? 0 : GFC_INTERNAL;
    }
    else if (st == 0)
        st = GFC_INTERNAL;

    for (j = 0; j < nc; j++)
    {
        for (i = 0; i < c[j].n; i++)
            fmpq_clear(c[j].p[i].alpha);
        flint_free(c[j].p);
        fmpq_clear(c[j].value);
    }
    flint_free(c);
    fmpq_clear(v);
    fmpq_clear(m);
    fmpq_clear(r);
    fmpq_clear(lo);
    fmpq_clear(hi);
    return st;
}

/* ---- distance against time ---- */

static const char traj_header[] =
    "t,loss,loss_radius,distance,distance_radius";

/* One CSV field as a double: a C-locale decimal (the command never
   calls setlocale), or "nan" where allow_nan. */
static int
csv_number(double *x, const char *s, size_t len, int allow_nan)
{
    char tmp[64], *end;

    if (len == 0 || len >= sizeof(tmp))
        return 0;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    if (strcmp(tmp, "nan") == 0)
    {
        *x = NAN;
        return allow_nan;
    }
    /* Plain decimals as gfcert writes them: no blanks, no hexadecimal,
       no infinities, and magnitudes gnuplot can draw. */
    if (strpbrk(tmp, "0123456789") == NULL
        || strspn(tmp, "0123456789.eE+-") != len)
        return 0;
    *x = strtod(tmp, &end);
    return *end == '\0' && isfinite(*x) && fabs(*x) <= 1e300;
}

static int
write_trajectory(gfc_plot_dir_t D, const char *path)
{
    gfc_error_t err;
    char *buf;
    size_t len, pos, n;
    slong line = 1, shown = 0, omitted = 0, bounded = 0;
    double last_t = 0;
    int st = 0;
    FILE *f, *g = NULL, *h;

    gfc_error_init(err);
    if (gfc_read_file(&buf, &len, path, TRAJ_MAX_BYTES, err) != 0)
    {
        fprintf(stderr, "gfcert: %s\n", err->msg);
        return GFC_BAD_INPUT;
    }
    n = strlen(traj_header);
    if (len < n + 1 || memcmp(buf, traj_header, n) != 0 || buf[n] != '\n')
    {
        fprintf(stderr, "gfcert plot: %s:1: expected the header '%s' "
                "(written by gfcert flow --trajectory)\n", path,
                traj_header);
        free(buf);
        return GFC_BAD_INPUT;
    }
    f = gfc_plot_dir_open(D, "traj.dat");
    h = gfc_plot_dir_open(D, "bound.dat");
    if (f == NULL || h == NULL)
        st = GFC_INTERNAL;
    for (pos = n + 1; pos < len && st == 0;)
    {
        const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
        double x[5];
        int k;

        line++;
        if (nl == NULL)
        {
            fprintf(stderr, "gfcert plot: %s:%ld: the last line has no "
                    "line end\n", path, (long) line);
            st = GFC_BAD_INPUT;
            break;
        }
        for (k = 0; k < 5 && st == 0; k++)
        {
            const char *e = s;

            while (e < nl && *e != ',')
                e++;
            if ((k < 4) != (e < nl)
                || !csv_number(x + k, s, (size_t) (e - s), k >= 1))
            {
                fprintf(stderr, "gfcert plot: %s:%ld: column %d: expected "
                        "%s\n", path, (long) line, k + 1,
                        (k < 4) != (e < nl) ? "5 comma-separated fields"
                        : k == 0 ? "a finite time" : "a number or nan");
                st = GFC_BAD_INPUT;
            }
            s = e + 1;
        }
        if (st == 0 && (x[0] < 0 || x[2] < 0 || x[4] < 0))
        {
            fprintf(stderr, "gfcert plot: %s:%ld: a negative time or "
                    "radius\n", path, (long) line);
            st = GFC_BAD_INPUT;
        }
        if (st == 0 && (x[0] < last_t))
        {
            fprintf(stderr, "gfcert plot: %s:%ld: time %.17g is before the "
                    "previous line's\n", path, (long) line, x[0]);
            st = GFC_BAD_INPUT;
        }
        if (st != 0)
            break;
        last_t = x[0];
        if (x[0] > 0 && x[3] > x[4])
        {
            fprintf(f, "%.17g %.17g\n", x[0], x[3]);
            shown++;
        }
        else if (x[0] > 0 && x[3] + x[4] > 0)
        {
            /* The distance's ball reaches 0: only |d| + r, an upper
               bound, is known. */
            fprintf(h, "%.17g %.17g\n", x[0], fabs(x[3]) + x[4]);
            bounded++;
        }
        else
            omitted++;
        pos = (size_t) (nl - buf) + 1;
    }
    free(buf);
    if (f != NULL && !close_ok(f) && st == 0)
        st = GFC_INTERNAL;
    if (h != NULL && !close_ok(h) && st == 0)
        st = GFC_INTERNAL;
    if (st == 0 && shown == 0)
    {
        fprintf(stderr, "gfcert plot: %s: no row with t > 0 and a "
                "distance that its radius proves positive (the distance "
                "is nan when the regularizer's minimiser was not "
                "enclosed)\n", path);
        st = GFC_BAD_INPUT;
    }
    if (st == 0 && (g = gfc_plot_dir_open(D, "plot.gp")) == NULL)
        st = GFC_INTERNAL;
    if (st == 0)
    {
        script_head(g);
        fputs("set logscale xy\n"
              "set format x '10^{%T}'\n"
              "set format y '10^{%T}'\n"
              "set xlabel 'time t'\n"
              "set ylabel 'distance ‖β(t) − β_Q‖_2'\n"
              "set key bottom left\n", g);
        fputs("set title \"distance to the regularizer's minimiser", g);
        if (omitted > 0)
            fprintf(g, "\\n{/*0.8 %ld row%s at t = 0 or without a "
                    "distance not shown}", (long) omitted,
                    omitted == 1 ? "" : "s");
        fputs("\"\n"
              "plot 'traj.dat' using 1:2 with linespoints lw 1.6 pt 7 "
              "ps 0.4 lt 1 title 'enclosed distance'", g);
        if (bounded > 0)
            fputs(", \\\n  'bound.dat' using 1:2 with points pt 11 "
                  "ps 0.8 lt 2 title 'upper bound (the enclosure "
                  "reaches 0)'", g);
        fputs("\n", g);
        script_tail(g);
        st = close_ok(g) ? 0 : GFC_INTERNAL;
    }
    return st;
}

/* ---- the regularizer q_k ---- */

/* q_k(z) / q_k(1) to double accuracy, doubling the precision until the
   ball is that narrow.  0 when it never is. */
static int
qk_ratio(double *out, const arb_t z, const arb_t k)
{
    arb_t q, q1, one;
    slong prec;
    int ok = 0;

    arb_init(q);
    arb_init(q1);
    arb_init(one);
    arb_one(one);
    for (prec = 128; prec <= 4096 && !ok; prec *= 2)
    {
        gfc_report_qk(q, z, k, prec);
        gfc_report_qk(q1, one, k, prec);
        arb_div(q, q, q1, prec);
        ok = arb_is_zero(q) || arb_rel_accuracy_bits(q) >= 60;
    }
    *out = arf_get_d(arb_midref(q), ARF_RND_NEAR);
    arb_clear(q);
    arb_clear(q1);
    arb_clear(one);
    return ok && isfinite(*out);
}

static int
write_regularizer(gfc_plot_dir_t D, const char *list)
{
    const char *p = list;
    char *texts[MAX_CURVES];
    slong nk = 0, i, j;
    arb_t k, z;
    fmpq_t q;
    int st = 0;
    FILE *f;

    arb_init(k);
    arb_init(z);
    fmpq_init(q);
    for (;;)
    {
        const char *c = strchr(p, ','), *why = "";
        size_t len = (c != NULL) ? (size_t) (c - p) : strlen(p);
        char name[32];

        if (nk == MAX_CURVES)
        {
            fprintf(stderr, "gfcert plot: --k: at most %d values\n",
                    MAX_CURVES);
            st = GFC_BAD_INPUT;
            break;
        }
        if (len == 0 || len > 40
            || gfc_decimal_parse(q, p, len, 0, &why) != 0
            || fmpq_sgn(q) <= 0)
        {
            fprintf(stderr, "gfcert plot: --k: '%.*s' is not a decimal "
                    "> 0 (k is a list such as 0.01,0.1,1)\n",
                    (int) FLINT_MIN(len, 60), p);
            st = GFC_BAD_INPUT;
            break;
        }
        texts[nk] = flint_malloc(len + 1);
        memcpy(texts[nk], p, len);
        texts[nk][len] = '\0';
        arb_set_fmpq(k, q, 256);
        snprintf(name, sizeof(name), "k%ld.dat", (long) nk);
        f = gfc_plot_dir_open(D, name);
        nk++;
        if (f == NULL)
        {
            st = GFC_INTERNAL;
            break;
        }
        for (i = -QK_HALF_POINTS; i <= QK_HALF_POINTS && st == 0; i++)
        {
            double v;

            arb_set_si(z, i);
            arb_div_ui(z, z, QK_HALF_POINTS, 256);
            if (!qk_ratio(&v, z, k))
            {
                fprintf(stderr, "gfcert plot: q_k for k = %s could not "
                        "be evaluated to double accuracy\n", texts[nk - 1]);
                st = GFC_INTERNAL;
            }
            else
                fprintf(f, "%.17g %.17g\n",
                        (double) i / QK_HALF_POINTS, v);
        }
        if (!close_ok(f) && st == 0)
            st = GFC_INTERNAL;
        if (st != 0 || c == NULL)
            break;
        p = c + 1;
    }
    if (st == 0 && (f = gfc_plot_dir_open(D, "plot.gp")) == NULL)
        st = GFC_INTERNAL;
    if (st == 0)
    {
        script_head(f);
        fputs("set xlabel 'z'\n"
              "set ylabel 'q_k(z) / q_k(1)'\n"
              "set xrange [-1:1]\n"
              "set yrange [0:1.05]\n"
              "set key outside right top Left reverse\n"
              "set title 'regularizer q_k: ℓ_1-like for small k, "
              "ℓ_2-like for large k'\n"
              "plot \\\n", f);
        for (j = 0; j < nk; j++)
            fprintf(f, "  'k%ld.dat' using 1:2 with lines lw 2 "
                    "title 'k = %s', \\\n", (long) j, texts[j]);
        fputs("  abs(x) with lines dt 2 lw 1.2 lc rgb '#888888' "
              "title '|z|', \\\n"
              "  x**2 with lines dt 3 lw 1.2 lc rgb '#444444' "
              "title 'z^2'\n", f);
        script_tail(f);
        st = close_ok(f) ? 0 : GFC_INTERNAL;
    }
    for (j = 0; j < nk; j++)
        flint_free(texts[j]);
    arb_clear(k);
    arb_clear(z);
    fmpq_clear(q);
    return st;
}

int
gfc_cmd_plot(int argc, char **argv)
{
    const char *kind = NULL, *input = NULL, *out = NULL;
    const char *klist = "1e-6,1e-3,0.1,1,10";
    int i, st, has_k = 0;
    gfc_plot_dir_t D;
    gfc_results_t R;

    for (i = 1; i < argc; i++)
    {
        const char *o = argv[i], *v = (i + 1 < argc) ? argv[i + 1] : NULL;

        if (strncmp(o, "--out=", 6) == 0 || strncmp(o, "--k=", 4) == 0)
        {
            v = strchr(o, '=') + 1;
            o = (o[2] == 'o') ? "--out" : "--k";
        }
        else if (strcmp(o, "--out") == 0 || strcmp(o, "--k") == 0)
            i++;
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)
        {
            fputs(plot_usage, stdout);
            return 0;
        }
        if ((strcmp(o, "--out") == 0 || strcmp(o, "--k") == 0)
            && (v == NULL || v[0] == '\0'))
        {
            fprintf(stderr, "gfcert plot: %s expects a value\n", o);
            return GFC_BAD_INPUT;
        }
        if (strcmp(o, "--out") == 0)
            out = v;
        else if (strcmp(o, "--k") == 0)
        {
            klist = v;
            has_k = 1;
        }
        else if (o[0] == '-' && o[1] != '\0')
        {
            fprintf(stderr, "gfcert plot: unknown option '%s' (see gfcert "
                    "plot --help)\n", o);
            return GFC_BAD_INPUT;
        }
        else if (kind == NULL)
            kind = o;
        else if (input == NULL)
            input = o;
        else
        {
            fprintf(stderr, "gfcert plot: unexpected argument '%s'\n", o);
            return GFC_BAD_INPUT;
        }
    }
    if (kind == NULL || (strcmp(kind, "pop-error") != 0
                         && strcmp(kind, "trajectory") != 0
                         && strcmp(kind, "regularizer") != 0))
    {
        fprintf(stderr, "gfcert plot: expected pop-error, trajectory or "
                "regularizer%s%s%s\n%s", kind ? " (not '" : "",
                kind ? kind : "", kind ? "')" : "", plot_usage);
        return GFC_BAD_INPUT;
    }
    if ((strcmp(kind, "regularizer") == 0) != (input == NULL))
    {
        fprintf(stderr, "gfcert plot %s: %s\n", kind, input == NULL
                ? "an input file is required"
                : "takes no input file (only --k LIST)");
        return GFC_BAD_INPUT;
    }
    if (has_k && strcmp(kind, "regularizer") != 0)
    {
        fprintf(stderr, "gfcert plot %s: --k belongs to the regularizer "
                "plot\n", kind);
        return GFC_BAD_INPUT;
    }
    if (out == NULL)
    {
        fprintf(stderr, "gfcert plot: --out BASENAME is required\n");
        return GFC_BAD_INPUT;
    }

    gfc_results_init(R);
    if (strcmp(kind, "pop-error") == 0)
    {
        gfc_error_t err;

        gfc_error_init(err);
        if (gfc_results_read(R, input, err) != 0)
        {
            fprintf(stderr, "gfcert: %s\n", err->msg);
            return GFC_BAD_INPUT;
        }
    }
    if (!gfc_plot_dir_init(D))
    {
        gfc_results_clear(R);
        return GFC_INTERNAL;
    }
    if (strcmp(kind, "pop-error") == 0)
        st = write_pop_error(D, R, input);
    else if (strcmp(kind, "trajectory") == 0)
        st = write_trajectory(D, input);
    else
        st = write_regularizer(D, klist);
    if (st == 0)
        st = gfc_plot_dir_run(D, out);
    gfc_plot_dir_clear(D);
    gfc_results_clear(R);
    return st;
}
