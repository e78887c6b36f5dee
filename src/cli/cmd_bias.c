/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert bias: the certified minimiser of the problem's regularizer.
 * Text output shows only certified digits; --json shows balls that parse
 * back to enclosures and leaves out the wall time, so that the same input
 * gives the same bytes.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "bias.h"
#include "report.h"
#include "cli.h"

#define DEFAULT_DIGITS 30
#define MAX_DIGITS 100000
#define MIN_PREC 64
#define MAX_PREC_LIMIT (WORD(1) << 24)

/* JSON balls carry a few figures beyond the requested digits so that
   their radii show the enclosure's real width rather than the rounding
   of a short midpoint. */
#define JSON_EXTRA_DIGITS 5

static const char usage[] =
    "usage: gfcert bias PROBLEM [--digits N] [--max-prec BITS] [--json]\n"
    "  certified minimiser beta_Q of the problem's regularizer subject to\n"
    "  X beta = y, with its dual variable lambda, Q(beta_Q), norms and\n"
    "  (when the problem gives w*) the population error ||beta_Q - w*||^2.\n"
    "  --digits N       certified significant digits wanted (default 30)\n"
    "  --max-prec BITS  highest working precision tried (default 16384)\n"
    "  --json           one JSON object; balls as \"[mid +/- rad]\"\n"
    "exit status: 0 proven, 3 not proven (reason given), 2 bad usage or\n"
    "input.\n";

typedef struct
{
    const char *problem;
    slong digits;
    slong max_prec;
    int json;
}
bias_args;

static int
bad_usage(const char *what, const char *arg)
{
    return gfc_cli_bad_usage("bias", what, arg, usage);
}

/* Returns -1 to go on, else an exit status. */
static int
parse_args(bias_args *a, int argc, char **argv)
{
    int i;

    a->problem = NULL;
    a->digits = DEFAULT_DIGITS;
    a->max_prec = GFC_BIAS_MAX_PREC;
    a->json = 0;
    for (i = 1; i < argc; i++)
    {
        const char *o = argv[i];
        const char *v = NULL;
        const char *eq = strchr(o, '=');
        size_t olen = (eq != NULL) ? (size_t) (eq - o) : strlen(o);

        if (strncmp(o, "--", 2) == 0 && eq != NULL)
            v = eq + 1;
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)
        {
            fputs(usage, stdout);
            return 0;
        }
        else if (strcmp(o, "--json") == 0)
            a->json = 1;
        else if (olen == 8 && strncmp(o, "--digits", 8) == 0)
        {
            if (v == NULL && (v = (i + 1 < argc) ? argv[++i] : NULL) == NULL)
                return bad_usage("--digits needs a value", NULL);
            if (!gfc_cli_parse_slong(&a->digits, v, 1, MAX_DIGITS))
                return bad_usage("--digits expects an integer from 1 to "
                                 "100000, not", v);
        }
        else if (olen == 10 && strncmp(o, "--max-prec", 10) == 0)
        {
            if (v == NULL && (v = (i + 1 < argc) ? argv[++i] : NULL) == NULL)
                return bad_usage("--max-prec needs a value", NULL);
            if (!gfc_cli_parse_slong(&a->max_prec, v, MIN_PREC,
                                     MAX_PREC_LIMIT))
                return bad_usage("--max-prec expects bits from 64 to "
                                 "16777216, not", v);
        }
        else if (o[0] == '-' && o[1] != '\0')
            return bad_usage("unknown option", o);
        else if (a->problem == NULL)
            a->problem = o;
        else
            return bad_usage("more than one problem file given:", o);
    }
    if (a->problem == NULL)
        return bad_usage("no problem file given", NULL);
    return -1;
}

static long
elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (long) (t1.tv_sec - t0->tv_sec) * 1000
        + (long) (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static void
put_json_key(const char *key, int first)
{
    printf("%s\n  \"%s\": ", first ? "" : ",", key);
}

static void
put_json_ball(const arb_t x, slong digits)
{
    char *s = gfc_ball_str(x, digits);

    printf("\"%s\"", s);
    flint_free(s);
}

static void
put_json_balls(arb_srcptr v, slong len, slong digits)
{
    slong i;

    printf("[");
    for (i = 0; i < len; i++)
    {
        printf("%s", (i == 0) ? "" : ", ");
        put_json_ball(v + i, digits);
    }
    printf("]");
}

/* The branch signs of an fc model, once an attempt has set them. */
static int
has_branch(const gfc_bias_t B)
{
    return B->m > 0 && B->branch != NULL && B->branch[0] != 0;
}

static void
print_json(const gfc_bias_t B, const gfc_problem_t P, const bias_args *a,
           int ok)
{
    char hex[65];
    char *q;
    slong dj = a->digits + JSON_EXTRA_DIGITS;

    gfc_problem_digest_hex(hex, P);
    printf("{");
    put_json_key("command", 1);
    printf("\"bias\"");
    put_json_key("version", 0);
    q = gfc_json_quote(gfc_version());
    printf("%s", q);
    flint_free(q);
    put_json_key("problem", 0);
    q = gfc_json_quote(a->problem);
    printf("{\"path\": %s, \"sha256\": \"%s\"}", q, hex);
    flint_free(q);
    put_json_key("model", 0);
    printf("\"%s\"", B->model);
    put_json_key("regularizer", 0);
    printf("\"%s\"", B->regularizer);
    put_json_key("n", 0);
    printf("%ld", (long) B->n);
    put_json_key("d", 0);
    printf("%ld", (long) B->d);
    put_json_key("digits", 0);
    printf("%ld", (long) a->digits);
    put_json_key("proven", 0);
    printf("%s", B->proven ? "true" : "false");
    put_json_key("digits_certified", 0);
    printf("%s", ok ? "true" : "false");
    put_json_key("reason", 0);
    q = gfc_json_quote(B->reason);
    printf("%s", q);
    flint_free(q);
    put_json_key("precision", 0);
    printf("%ld", (long) B->prec);
    put_json_key("newton_iterations", 0);
    printf("%ld", (long) B->newton_iters);
    if (has_branch(B))
    {
        slong j;

        put_json_key("branch", 0);
        printf("[");
        for (j = 0; j < B->m; j++)
            printf("%s%d", (j == 0) ? "" : ", ", B->branch[j]);
        printf("]");
    }
    if (B->proven)
    {
        put_json_key("uniqueness", 0);
        printf("\"%s\"", B->method);
        put_json_key("lambda", 0);
        put_json_balls(B->lambda, B->n, dj);
        put_json_key("beta", 0);
        put_json_balls(B->beta, B->d, dj);
        if (B->has_Q)
        {
            put_json_key("Q", 0);
            put_json_ball(B->Q, dj);
        }
        put_json_key("l1", 0);
        put_json_ball(B->l1, dj);
        put_json_key("l2", 0);
        put_json_ball(B->l2, dj);
        if (B->has_pop)
        {
            put_json_key("population_error", 0);
            put_json_ball(B->pop, dj);
        }
    }
    printf("\n}\n");
}

static void
print_line(const char *label, const arb_t x, slong digits)
{
    char *s = gfc_ball_digits(x, digits);

    printf("%-11s%s\n", label, s);
    flint_free(s);
}

static void
print_vec(const char *name, arb_srcptr v, slong len, slong digits)
{
    char label[64];
    slong i;

    for (i = 0; i < len; i++)
    {
        snprintf(label, sizeof(label), "%s[%ld]", name, (long) i + 1);
        print_line(label, v + i, digits);
    }
}

static void
print_text(const gfc_bias_t B, const gfc_problem_t P, const bias_args *a,
           int ok, long ms)
{
    printf("problem    %s (%s, regularizer %s, n = %ld, d = %ld)\n",
           a->problem, B->model, B->regularizer, (long) P->n, (long) P->d);
    if (has_branch(B))
    {
        slong j;

        printf("branch     sigma =");
        for (j = 0; j < B->m; j++)
            printf(" %+d", B->branch[j]);
        printf(" (%s)\n", B->branch_flipped ? "not the start's sign(a0)"
                                            : "the start's sign(a0)");
    }
    if (ok && strcmp(B->method, "sign change") == 0)
        printf("status     proven: a sign change of the strictly monotone "
               "dual map encloses its unique root\n");
    else if (ok)
        printf("status     proven: the Krawczyk test encloses the unique "
               "dual root\n");
    else
        printf("status     INCONCLUSIVE: %s\n", B->reason);
    printf("precision  %ld bits, %ld Newton steps\n", (long) B->prec,
           (long) B->newton_iters);
    printf("time       %ld ms\n", ms);
    if (!B->proven)
        return;
    printf("certified digits (at most %ld; a ball [+/- r] where the sign "
           "is not known):\n", (long) a->digits);
    print_vec("lambda", B->lambda, B->n, a->digits);
    print_vec("beta", B->beta, B->d, a->digits);
    if (B->has_Q)
        print_line("Q", B->Q, a->digits);
    else
        printf("%-11s%s\n", "Q", "not defined here (the closed form holds "
               "on the branch sign(a0), one sign for all neurons)");
    print_line("||beta||_1", B->l1, a->digits);
    print_line("||beta||_2", B->l2, a->digits);
    if (B->has_pop)
        print_line("pop. error", B->pop, a->digits);
}

int
gfc_cmd_bias(int argc, char **argv)
{
    bias_args a;
    gfc_problem_t P;
    gfc_error_t err;
    gfc_bias_t B;
    struct timespec t0;
    int st, ok;
    long ms;

    st = parse_args(&a, argc, argv);
    if (st >= 0)
        return st;

    gfc_problem_init(P);
    gfc_error_init(err);
    if (gfc_problem_load(P, a.problem, err) != 0)
    {
        fprintf(stderr, "gfcert: %s\n", err->msg);
        gfc_problem_clear(P);
        return GFC_BAD_INPUT;
    }

    clock_gettime(CLOCK_MONOTONIC, &t0);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, a.digits, a.max_prec);
    ms = elapsed_ms(&t0);

    if (a.json)
        print_json(B, P, &a, ok);
    else
        print_text(B, P, &a, ok, ms);
    if (!ok)
        fprintf(stderr, "gfcert: bias: inconclusive: %s\n", B->reason);

    gfc_bias_clear(B);
    gfc_problem_clear(P);
    return ok ? 0 : GFC_INCONCLUSIVE;
}
