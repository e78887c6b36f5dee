/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* gfcert certify and gfcert flow. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "cli.h"
#include "cert.h"
#include "report.h"
#include "certify.h"

typedef struct
{
    const char *problem;
    const char *out;
    const char *trajectory;
    slong digits;
    slong max_prec;
    double max_time;
    int json;
    int quiet;
}
args_t;

const char *
gfc_default_problem(void)
{
    static const char *places[] = {
        GFC_SRCDATADIR "/paper_alpha1e-4_s0.5.json",
        GFC_PKGDATADIR "/paper_alpha1e-4_s0.5.json"
    };
    size_t i;

    for (i = 0; i < sizeof(places) / sizeof(places[0]); i++)
        if (access(places[i], R_OK) == 0)
            return places[i];
    return places[1];
}

/* Seconds as a plain decimal; the program never calls setlocale, so
   strtod reads '.' as the decimal point. */
static int
parse_seconds(double *x, const char *s)
{
    char *end;

    if (s == NULL || *s == '\0')
        return 0;
    *x = strtod(s, &end);
    return *end == '\0' && *x > 0 && *x < 1e9;
}

static int
parse_args(args_t *a, int argc, char **argv, int allow_traj)
{
    int i;

    memset(a, 0, sizeof(*a));
    a->digits = 30;
    a->max_time = 600;
    a->max_prec = 1 << 14;
    for (i = 1; i < argc; i++)
    {
        const char *o, *v;
        char name[32];
        int step = gfc_cli_option(&o, &v, name, sizeof(name), i, argc,
                                  argv);

        if (step == 0 && (strcmp(o, "--json") == 0
                          || strcmp(o, "--quiet") == 0
                          || strcmp(o, "--help") == 0))
        {
            fprintf(stderr, "gfcert %s: %s takes no value\n", argv[0], o);
            return 0;
        }

        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)
        {
            printf("usage: gfcert %s %s [--digits N] [--max-time S]\n"
                   "       [--max-prec BITS] [--out CERT.json] [--json] "
                   "[--quiet]%s\n"
                   "  --digits N       %s (default 30)\n"
                   "  --max-time S     stop after S seconds (INCONCLUSIVE)\n"
                   "  --max-prec BITS  highest working precision tried\n"
                   "  --out CERT.json  write the certificate "
                   "(doc/certificate-format.md)\n"
                   "  --json           print the certificate instead of "
                   "the summary\n"
                   "  --quiet          no progress on standard error\n"
                   "%s"
                   "exit status: %s, 2 bad usage or input, "
                   "3 INCONCLUSIVE,\n4 internal error\n", argv[0],
                   allow_traj ? "PROBLEM" : "[PROBLEM]",
                   allow_traj ? " [--trajectory FILE.csv]" : "",
                   allow_traj ? "enclose beta(inf) to 10^-N"
                              : "MATCH needs a proven distance <= 10^-N",
                   allow_traj ? "  --trajectory F   time, loss and distance "
                                "to the regularizer's root, as CSV\n" : "",
                   allow_traj ? "0 limit enclosed" : "0 MATCH, 1 MISMATCH");
            return -1;
        }
        if (strcmp(o, "--json") == 0)
            a->json = 1;
        else if (strcmp(o, "--quiet") == 0)
            a->quiet = 1;
        else if (strcmp(o, "--digits") == 0 && (i += step, 1))
        {
            if (!gfc_cli_parse_slong(&a->digits, v, 1, 100000))
            {
                fprintf(stderr, "gfcert %s: --digits expects an integer "
                        "from 1 to 100000\n", argv[0]);
                return 0;
            }
        }
        else if (strcmp(o, "--max-prec") == 0 && (i += step, 1))
        {
            if (!gfc_cli_parse_slong(&a->max_prec, v, 64, 1 << 24))
            {
                fprintf(stderr, "gfcert %s: --max-prec expects bits from "
                        "64 to 16777216\n", argv[0]);
                return 0;
            }
        }
        else if (strcmp(o, "--max-time") == 0 && (i += step, 1))
        {
            if (!parse_seconds(&a->max_time, v))
            {
                fprintf(stderr, "gfcert %s: --max-time expects a positive "
                        "number of seconds\n", argv[0]);
                return 0;
            }
        }
        else if (strcmp(o, "--out") == 0 && (i += step, 1))
        {
            if (v == NULL)
            {
                fprintf(stderr, "gfcert %s: --out expects a file name\n",
                        argv[0]);
                return 0;
            }
            a->out = v;
        }
        else if (allow_traj && strcmp(o, "--trajectory") == 0
                 && (i += step, 1))
        {
            if (v == NULL)
            {
                fprintf(stderr, "gfcert %s: --trajectory expects a file "
                        "name\n", argv[0]);
                return 0;
            }
            a->trajectory = v;
        }
        else if (o[0] == '-' && o[1] != '\0')
        {
            fprintf(stderr, "gfcert %s: unknown option '%s' (see gfcert "
                    "--help)\n", argv[0], o);
            return 0;
        }
        else if (a->problem == NULL)
            a->problem = o;
        else
        {
            fprintf(stderr, "gfcert %s: more than one problem file given "
                    "('%s', '%s')\n", argv[0], a->problem, o);
            return 0;
        }
    }
    return 1;
}

static void
progress(void *arg, const char *stage, double t, double resid, slong steps)
{
    double *start = arg;

    fprintf(stderr, "\r[%s] t = %-10.4g |r| = %-9.3g steps %-7ld "
            "%.1f s   ", stage, t, resid, (long) steps,
            gfc_clock() - *start);
    fflush(stderr);
}

static void
print_balls_digits(const char *name, arb_srcptr v, slong len, slong digits)
{
    slong i;

    for (i = 0; i < len; i++)
    {
        char *s = gfc_ball_digits(v + i, digits);

        printf("  %s[%ld] = %s\n", name, (long) i + 1, s);
        flint_free(s);
    }
}

/* What the sign tracking of the output weights proved. */
static void
print_branch(const gfc_cert_t C)
{
    slong j;
    int touched = 0, undecided = 0;

    for (j = 0; j < C->nbranch; j++)
    {
        touched |= C->flow->branch_touch[j];
        undecided |= (C->signs[j] == 0);
    }
    if (undecided)
        printf("branch     the sign of an output weight at t = infinity is "
               "not decided\n");
    else if (C->crossed)
        printf("branch     an output weight changed sign (a(inf) has the "
               "other sign than a(0)):\n           the limit is compared "
               "with a stationary point of the non-convex\n           "
               "branch sign(a(inf)), not with the convex minimiser\n");
    else if (!touched)
        printf("branch     the output weights provably keep their signs "
               "(convex branch)\n");
    else
        printf("branch     an output weight's enclosure touched 0, but "
               "a(inf) has the sign of a(0):\n           the limit solves "
               "the convex branch's dual system\n");
}

static int
write_text_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    int ok;

    if (f == NULL)
        return 0;
    ok = fputs(text, f) >= 0;
    ok = (fclose(f) == 0) && ok;
    return ok;
}

static int
write_trajectory(const char *path, const gfc_cert_t C, slong d)
{
    const gfc_flow_struct *F = C->flow;
    FILE *f = fopen(path, "w");
    slong k, i;
    arb_t dist, t;
    int ok;

    if (f == NULL)
        return 0;
    arb_init(dist);
    arb_init(t);
    fputs("t,loss,loss_radius,distance,distance_radius\n", f);
    for (k = 0; k < F->traj_len; k++)
    {
        const gfc_traj_point *q = F->traj + k;
        char *s[5];
        int j;

        arb_zero(dist);
        if (C->bias_proven)
        {
            for (i = 0; i < d; i++)
            {
                arb_sub(t, q->beta + i, C->bias->beta + i, 64);
                arb_addmul(dist, t, t, 64);
            }
            arb_sqrtpos(dist, dist, 64);
        }
        s[0] = arb_get_str(q->t, 17, ARB_STR_NO_RADIUS);
        s[1] = arb_get_str(q->loss, 17, ARB_STR_NO_RADIUS);
        s[2] = gfc_mag_str_upper(arb_radref(q->loss), 3);
        s[3] = C->bias_proven ? arb_get_str(dist, 17, ARB_STR_NO_RADIUS)
                              : NULL;
        s[4] = C->bias_proven ? gfc_mag_str_upper(arb_radref(dist), 3)
                              : NULL;
        fprintf(f, "%s,%s,%s,%s,%s\n", s[0], s[1], s[2],
                s[3] ? s[3] : "nan", s[4] ? s[4] : "nan");
        for (j = 0; j < 5; j++)
            flint_free(s[j]);
    }
    arb_clear(t);
    arb_clear(dist);
    ok = (fclose(f) == 0);
    return ok;
}

/* Whether an output file can be written, decided before a long run: an
   existing file must be writable and not a directory, a new one needs a
   writable folder.  Nothing is created or truncated here. */
static int
writable(const char *path, const char *option)
{
    char dir[4096];
    const char *slash;
    int ok;

    if (path == NULL)
        return 1;
    if (access(path, F_OK) == 0)
    {
        FILE *f = fopen(path, "r+");

        ok = (f != NULL);
        if (f != NULL)
            fclose(f);
    }
    else
    {
        slash = strrchr(path, '/');
        if (slash == NULL)
            strcpy(dir, ".");
        else if ((size_t) (slash - path) + 1 >= sizeof(dir))
            dir[0] = '\0';
        else
        {
            memcpy(dir, path, (size_t) (slash - path) + 1);
            dir[slash - path + 1] = '\0';
        }
        ok = dir[0] != '\0' && access(dir, W_OK | X_OK) == 0;
    }
    if (!ok)
        fprintf(stderr, "gfcert: %s: cannot write '%s': %s\n", option, path,
                strerror(errno != 0 ? errno : EACCES));
    return ok;
}

static int
run(int argc, char **argv, int flow_only)
{
    args_t a;
    gfc_problem_t P;
    gfc_error_t err;
    gfc_certify_opts o;
    gfc_cert_t C;
    double start = gfc_clock();
    const char *path;
    int st, v;
    char *json, *s;

    st = parse_args(&a, argc, argv, flow_only);
    if (st <= 0)
        return (st < 0) ? 0 : GFC_BAD_INPUT;
    path = a.problem;
    if (path == NULL)
    {
        if (flow_only)
        {
            fprintf(stderr, "gfcert flow: a problem file is required\n");
            return GFC_BAD_INPUT;
        }
        path = gfc_default_problem();
        if (!a.json)
            printf("No problem given: certifying the built-in default, the "
                   "paper's diagonal instance (d = 100, n = 10, "
                   "alpha = 1e-4, s = 0.5)\n");
    }
    if (!writable(a.out, "--out") || !writable(a.trajectory, "--trajectory"))
        return GFC_BAD_INPUT;
    gfc_problem_init(P);
    gfc_error_init(err);
    st = gfc_problem_load(P, path, err);
    if (st != 0)
    {
        fprintf(stderr, "gfcert: %s\n", err->msg);
        gfc_problem_clear(P);
        return GFC_BAD_INPUT;
    }

    gfc_certify_opts_init(&o);
    o.digits = a.digits;
    o.max_time = a.max_time;
    o.max_prec = a.max_prec;
    o.flow_only = flow_only;
    o.record = (a.trajectory != NULL);
    if (!a.quiet && isatty(2))
    {
        o.progress = progress;
        o.progress_arg = &start;
    }
    gfc_cert_init(C, P);
    v = gfc_certify(C, P, &o);
    if (o.progress != NULL)
        fputs("\r\033[K", stderr);
    if (flow_only && a.trajectory != NULL && C->flow_proven
        && gfc_cert_branch(C, P))
    {
        /* The distance column needs the regularizer's root on the branch
           of the flow's limit. */
        gfc_bias_clear(C->bias);
        gfc_bias_init(C->bias, P);
        C->bias_proven = gfc_bias_solve_prec_branch(
            C->bias, P, C->prec, (C->nbranch > 0) ? C->signs : NULL);
    }

    json = gfc_cert_json(C, P);
    if (a.out != NULL && !write_text_file(a.out, json))
    {
        fprintf(stderr, "gfcert: cannot write the certificate to '%s': %s\n",
                a.out, strerror(errno));
        v = GFC_BAD_INPUT;
    }
    if (a.trajectory != NULL && !write_trajectory(a.trajectory, C, P->d))
    {
        fprintf(stderr, "gfcert: cannot write the trajectory to '%s': %s\n",
                a.trajectory, strerror(errno));
        v = GFC_BAD_INPUT;
    }
    if (a.json)
        fputs(json, stdout);
    else
    {
        printf("problem    %s (%s, regularizer %s, n = %ld, d = %ld)\n",
               P->path, gfc_bias_model_name(P->model),
               gfc_bias_reg_name(P->reg), (long) P->n, (long) P->d);
        if (flow_only)
            printf("flow       %s\n", C->flow_proven
                   ? "limit enclosed" : "INCONCLUSIVE");
        else if (C->verdict == GFC_MATCH)
        {
            s = gfc_mag_str_upper(C->bound, 3);
            printf("verdict    MATCH: ||beta(inf) - beta_Q||_inf <= %s "
                   "(requested 1e-%ld)%s\n", s, (long) a.digits,
                   C->crossed ? ",\n           where beta_Q is the "
                   "stationary point on the non-convex branch sign(a(inf))"
                   : "");
            flint_free(s);
        }
        else if (C->verdict == GFC_MISMATCH && C->proof == GFC_PROOF_DISJOINT)
        {
            s = gfc_arf_str_lower(C->gap, 3);
            printf("verdict    MISMATCH: |beta(inf)[%ld] - beta_Q[%ld]| >= "
                   "%s (disjoint enclosures)\n", (long) C->gap_index + 1,
                   (long) C->gap_index + 1, s);
            flint_free(s);
        }
        else if (C->verdict == GFC_MISMATCH)
        {
            s = arb_get_str(C->violation, 5, 0);
            printf("verdict    MISMATCH: the flow's limit violates the "
                   "regularizer's stationarity\n           conditions "
                   "(neuron %ld, violation %s)\n",
                   (long) C->gap_index + 1, s);
            flint_free(s);
        }
        else
            printf("verdict    INCONCLUSIVE\n");
        if (C->reason[0] != '\0')
            printf("reason     %s\n", C->reason);
        if (P->model == GFC_MODEL_FC1)
            printf("model      one hidden neuron: not a mirror flow, but a "
                   "mirror flow warped by |a(t)|,\n           which changes "
                   "its speed, not where it ends\n");
        if (C->nbranch > 0 && C->flow_proven)
            print_branch(C);
        if (C->flow_proven)
        {
            char *T = arb_get_str(C->flow->T, 8, ARB_STR_NO_RADIUS);
            char *g = gfc_mag_str_upper(C->flow->growth, 3);
            char *l = gfc_mag_str_upper(C->flow->tail, 3);
            char *k = gfc_arf_str_lower(C->flow->lambda_lo, 3);

            printf("flow       integrated to T = %s in %ld steps; error "
                   "growth <= %s;\n           tail: path length <= %s, "
                   "lambda_min(K) >= %s\n", T, (long) C->flow->steps, g, l,
                   k);
            flint_free(T);
            flint_free(g);
            flint_free(l);
            flint_free(k);
        }
        printf("precision  %ld bits\n", (long) C->prec);
        printf("time       %.2f s\n", C->seconds);
        if (C->flow_proven)
        {
            printf("beta(inf), certified digits:\n");
            print_balls_digits("beta", C->flow->beta, P->d, a.digits);
        }
    }
    flint_free(json);
    gfc_cert_clear(C);
    gfc_problem_clear(P);
    if (flow_only && v == GFC_MATCH)
        return 0;
    return v;
}

int
gfc_cmd_certify(int argc, char **argv)
{
    return run(argc, argv, 0);
}

int
gfc_cmd_flow(int argc, char **argv)
{
    return run(argc, argv, 1);
}
