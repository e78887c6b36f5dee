/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert derive: the symbolic facts of a model, proved by exact algebra
 * (proofs/symbolic.md), printed one per line and optionally recorded as
 * JSON.  The record has no clock and no version: same run, same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "symbolic.h"
#include "cli.h"

static const char usage[] =
    "usage: gfcert derive MODEL [--dim D] [--neurons M] [--record FILE]\n"
    "  prove the symbolic facts of MODEL (diag, fc1 or fc) with the data\n"
    "  gradient g as free symbols, in exact rational arithmetic:\n"
    "  conservation laws, the mirror (diag) or warped mirror (fc1)\n"
    "  identity, and whether the predictor-space metric is a Hessian\n"
    "  metric (diag: no witness; fc1: an exact witness that it is not).\n"
    "  --dim D         dimension of beta, 1 to 6 (default 3)\n"
    "  --neurons M     hidden neurons of fc, 1 to 6 (default 2)\n"
    "  --record FILE   write the outcomes as JSON to FILE\n"
    "exit status: 0 every check PROVED, 1 some check FAILED, 2 bad usage\n"
    "or an unwritable record.\n";

typedef struct
{
    gfc_model_kind model;
    int have_model;
    slong d;
    slong m;
    int have_m;
    const char *record;
}
derive_args;

static int
bad_usage(const char *what, const char *arg)
{
    return gfc_cli_bad_usage("derive", what, arg, usage);
}

/* Returns -1 to go on, else an exit status. */
static int
parse_args(derive_args *a, int argc, char **argv)
{
    char what[96];
    int i;

    a->have_model = 0;
    a->d = GFC_SYMBOLIC_DEFAULT_DIM;
    a->m = GFC_SYMBOLIC_DEFAULT_NEURONS;
    a->have_m = 0;
    a->record = NULL;
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
        else if (olen == 5 && strncmp(o, "--dim", 5) == 0)
        {
            if (v == NULL && (v = (i + 1 < argc) ? argv[++i] : NULL) == NULL)
                return bad_usage("--dim needs a value", NULL);
            snprintf(what, sizeof(what), "--dim expects an integer from 1 "
                     "to %d, not", GFC_SYMBOLIC_MAX_DIM);
            if (!gfc_cli_parse_slong(&a->d, v, 1, GFC_SYMBOLIC_MAX_DIM))
                return bad_usage(what, v);
        }
        else if (olen == 9 && strncmp(o, "--neurons", 9) == 0)
        {
            if (v == NULL && (v = (i + 1 < argc) ? argv[++i] : NULL) == NULL)
                return bad_usage("--neurons needs a value", NULL);
            snprintf(what, sizeof(what), "--neurons expects an integer "
                     "from 1 to %d, not", GFC_SYMBOLIC_MAX_NEURONS);
            if (!gfc_cli_parse_slong(&a->m, v, 1, GFC_SYMBOLIC_MAX_NEURONS))
                return bad_usage(what, v);
            a->have_m = 1;
        }
        else if (olen == 8 && strncmp(o, "--record", 8) == 0)
        {
            if (v == NULL && (v = (i + 1 < argc) ? argv[++i] : NULL) == NULL)
                return bad_usage("--record needs a file name", NULL);
            if (*v == '\0')
                return bad_usage("--record needs a file name", NULL);
            a->record = v;
        }
        else if (o[0] == '-' && o[1] != '\0')
            return bad_usage("unknown option", o);
        else if (a->have_model)
            return bad_usage("more than one model given:", o);
        else
        {
            if (strcmp(o, "diag") == 0)
                a->model = GFC_MODEL_DIAG;
            else if (strcmp(o, "fc1") == 0)
                a->model = GFC_MODEL_FC1;
            else if (strcmp(o, "fc") == 0)
                a->model = GFC_MODEL_FC;
            else
                return bad_usage("unknown model (diag, fc1 or fc "
                                 "expected):", o);
            a->have_model = 1;
        }
    }
    if (!a->have_model)
        return bad_usage("no model given (diag, fc1 or fc)", NULL);
    if (a->have_m && a->model != GFC_MODEL_FC)
        return bad_usage("--neurons applies to the model fc only", NULL);
    return -1;
}

static void
print_dims(const gfc_symbolic_check_struct *C)
{
    if (C->ndims == 2)
        printf(" (d = %ld and %ld)", (long) C->dims[0], (long) C->dims[1]);
    else
        printf(" (d = %ld)", (long) C->dims[0]);
}

int
gfc_cmd_derive(int argc, char **argv)
{
    gfc_symbolic_report_t R;
    derive_args a;
    struct timespec t0, t1;
    slong i, proved = 0;
    long ms;
    int st, all;

    st = parse_args(&a, argc, argv);
    if (st >= 0)
        return st;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    gfc_symbolic_report_init(R);
    all = gfc_symbolic_derive(R, a.model, a.d, a.m, GFC_SYMBOLIC_TRUE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ms = (long) (t1.tv_sec - t0.tv_sec) * 1000
         + (long) (t1.tv_nsec - t0.tv_nsec) / 1000000;
    if (all < 0)
    {
        gfc_symbolic_report_clear(R);
        return bad_usage("dimension or neuron count out of range", NULL);
    }

    if (a.model == GFC_MODEL_FC)
        printf("derive     fc: %ld hidden neurons, d = %ld; the data "
               "gradient g is free\n", (long) R->m, (long) R->d);
    else
        printf("derive     %s, d = %ld; the data gradient g is free\n",
               (a.model == GFC_MODEL_DIAG) ? "diag: diagonal network"
                                           : "fc1: one hidden neuron",
               (long) R->d);
    for (i = 0; i < R->len; i++)
    {
        const gfc_symbolic_check_struct *C = R->checks + i;

        proved += C->proved;
        printf("%-10s %s", C->proved ? "PROVED" : "FAILED", C->name);
        print_dims(C);
        printf("\n           %s\n", C->claim);
        if (C->witness != NULL)
            printf("           %s %s\n", C->proved ? "witness:" : "non-zero:",
                   C->witness);
        else if (strstr(C->claim, "no witness") != NULL && C->proved)
            printf("           no witness: the symmetry holds "
                   "identically\n");
    }
    printf("result     %ld of %ld checks PROVED\n", (long) proved,
           (long) R->len);
    printf("time       %ld ms\n", ms);

    st = all ? 0 : GFC_MISMATCH;
    if (a.record != NULL)
    {
        char *json = gfc_symbolic_record_json(R);
        FILE *f = fopen(a.record, "w");
        int ok = (f != NULL);

        if (ok)
        {
            ok = fputs(json, f) >= 0;
            ok = (fclose(f) == 0) && ok;
        }
        if (!ok)
        {
            fprintf(stderr, "gfcert: derive: cannot write the record to "
                    "'%s': %s\n", a.record, strerror(errno));
            st = GFC_BAD_INPUT;
        }
        flint_free(json);
    }
    gfc_symbolic_report_clear(R);
    return st;
}
