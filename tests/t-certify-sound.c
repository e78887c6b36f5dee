/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Soundness of the verdict: on random small diagonal problems the true
 * regularizer gives MATCH, and the same problem with k perturbed by a
 * relative 1e-6 in one coordinate never gives MATCH (here: MISMATCH).
 */
#include "cert.h"
#include "tap.h"
#include "build.h"

static char *
flint_strdup_local(const char *s)
{
    char *t = flint_malloc(strlen(s) + 1);

    strcpy(t, s);
    return t;
}

static void
random_problem(gfc_problem_t P, flint_rand_t st, slong n, slong d)
{
    const char **X = flint_malloc(n * d * sizeof(char *));
    const char **y = flint_malloc(n * sizeof(char *));
    char buf[64], u[32], v[32];
    slong i;

    for (i = 0; i < n * d; i++)
    {
        flint_sprintf(buf, "%wd/%wd", (slong) n_randint(st, 19) - 9,
                      (slong) n_randint(st, 4) + 1);
        X[i] = flint_strdup_local(buf);
    }
    for (i = 0; i < n; i++)
    {
        flint_sprintf(buf, "%wd/%wd", (slong) n_randint(st, 21) - 10,
                      (slong) n_randint(st, 8) + 1);
        y[i] = flint_strdup_local(buf);
    }
    flint_sprintf(u, "1/%wd", (slong) n_randint(st, 1000) + 1);
    flint_sprintf(v, "1/%wd", (slong) n_randint(st, 1000) + 1);
    build_diag(P, n, d, X, y, u, v);
    for (i = 0; i < n * d; i++)
        flint_free((char *) X[i]);
    for (i = 0; i < n; i++)
        flint_free((char *) y[i]);
    flint_free(X);
    flint_free(y);
}

static int
full_rank(const gfc_problem_t P)
{
    fmpq_mat_t A;
    slong r;

    fmpq_mat_init(A, P->n, P->d);
    fmpq_mat_set(A, P->X);
    r = fmpq_mat_rref(A, A);
    fmpq_mat_clear(A);
    return r == P->n;
}

static int
certify(const gfc_problem_t P, slong digits)
{
    gfc_certify_opts o;
    gfc_cert_t C;
    int v;

    gfc_certify_opts_init(&o);
    o.digits = digits;
    o.max_time = 30;
    gfc_cert_init(C, P);
    v = gfc_certify(C, P, &o);
    gfc_cert_clear(C);
    return v;
}

int
main(void)
{
    flint_rand_t st;
    slong iter, count = 8 * tap_multiplier();

    gfc_randinit(st);
    flint_randseed(st, tap_seed(), 1);
    for (iter = 0; iter < count; iter++)
    {
        gfc_problem_t P;
        slong n = 1 + (slong) n_randint(st, 2), d = n + 1 + n_randint(st, 2);
        slong i, j;
        gfc_bias_t B0, B1;
        fmpq_t f;
        int v, moved;

        gfc_problem_init(P);
        do
        {
            gfc_problem_clear(P);
            gfc_problem_init(P);
            random_problem(P, st, n, d);
        }
        while (!full_rank(P) || fmpq_mat_is_zero(P->X));
        v = certify(P, 15);
        tap_ok(v == GFC_MATCH, "random %ld x %ld, true k: MATCH (%d)",
               (long) n, (long) d, v);

        /* k_j * (1 + 1e-6) on one coordinate.  When that moves the
           regularizer's minimiser (disjoint enclosures), the flow cannot
           match it. */
        gfc_bias_init(B0, P);
        gfc_bias_solve_prec(B0, P, 128);
        fmpq_init(f);
        fmpq_set_si(f, 1000001, 1000000);
        j = n_randint(st, d);
        fmpq_mul(P->k + j, P->k + j, f);
        P->k_override = 1;
        gfc_bias_init(B1, P);
        gfc_bias_solve_prec(B1, P, 128);
        moved = 0;
        for (i = 0; i < d; i++)
            moved |= !arb_overlaps(B0->beta + i, B1->beta + i);
        if (moved)
        {
            v = certify(P, 15);
            tap_ok(v == GFC_MISMATCH, "random %ld x %ld, k_%ld off by 1e-6: "
                   "MISMATCH (%d)", (long) n, (long) d, (long) j, v);
        }
        else
            tap_ok(B0->proven && B1->proven, "random %ld x %ld: k_%ld "
                   "does not move beta_Q (# SKIP of the verdict)", (long) n,
                   (long) d, (long) j);
        gfc_bias_clear(B0);
        gfc_bias_clear(B1);
        fmpq_clear(f);
        gfc_problem_clear(P);
    }
    gfc_randclear(st);
    flint_cleanup();
    return tap_done();
}
