/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Diagonal problems for the bias tests, filled in directly (no loader):
 * numbers are exact decimals ("0.1", "1e-30") or ratios ("1/3").
 */
#ifndef GFC_TEST_BIAS_PROBLEM_H
#define GFC_TEST_BIAS_PROBLEM_H

#include <stdlib.h>
#include <string.h>
#include "gfcert.h"

/* Exact value of a decimal or ratio; aborts the test on bad text. */
static void __attribute__((unused))
bp_set(fmpq_t q, const char *s)
{
    fmpz_t man, p;
    slong frac = 0, e = 0, esign = 1;
    int neg = 0;
    const char *t = s;

    if (strchr(s, '/') != NULL)
    {
        if (fmpq_set_str(q, s, 10) != 0)
            abort();
        fmpq_canonicalise(q);
        return;
    }
    fmpz_init(man);
    fmpz_init(p);
    if (*t == '-' || *t == '+')
        neg = (*t++ == '-');
    for (; *t >= '0' && *t <= '9'; t++)
        fmpz_mul_ui(man, man, 10), fmpz_add_ui(man, man, *t - '0');
    if (*t == '.')
        for (t++; *t >= '0' && *t <= '9'; t++, frac++)
            fmpz_mul_ui(man, man, 10), fmpz_add_ui(man, man, *t - '0');
    if (*t == 'e' || *t == 'E')
    {
        t++;
        if (*t == '-' || *t == '+')
            esign = (*t++ == '-') ? -1 : 1;
        for (; *t >= '0' && *t <= '9'; t++)
            e = 10 * e + (*t - '0');
    }
    if (*t != '\0')
        abort();
    e = esign * e - frac;
    if (neg)
        fmpz_neg(man, man);
    fmpz_set_ui(p, 10);
    fmpz_pow_ui(p, p, (ulong) (e < 0 ? -e : e));
    if (e >= 0)
    {
        fmpz_mul(man, man, p);
        fmpz_one(p);
    }
    fmpq_set_fmpz_frac(q, man, p);
    fmpz_clear(man);
    fmpz_clear(p);
}

/* Common part: the data.  X is row-major n x d. */
static void __attribute__((unused))
bp_data(gfc_problem_t P, slong n, slong d, const char *const *X,
        const char *const *y)
{
    slong i, j;

    P->path = strdup("(built in test)");
    P->model = GFC_MODEL_DIAG;
    P->n = n;
    P->d = d;
    fmpq_mat_clear(P->X);
    fmpq_mat_init(P->X, n, d);
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
            bp_set(fmpq_mat_entry(P->X, i, j), X[i * d + j]);
    P->y = _fmpq_vec_init(n);
    for (i = 0; i < n; i++)
        bp_set(P->y + i, y[i]);
    P->m = 0;
    P->N = 4 * d;
    P->theta0_sq = _fmpq_vec_init(4 * d);
    P->theta0_sign = calloc(4 * d, sizeof(int));
}

/* Paper regularizer with k[j] (one string per column, or kall for all
   when k is NULL).  The start is the balanced symmetric one with
   u^2 = v^2 = k/4, whose k is 2(u^2 + v^2) = k as it should be. */
static void __attribute__((unused))
bp_paper(gfc_problem_t P, slong n, slong d, const char *const *X,
         const char *const *y, const char *const *k, const char *kall)
{
    slong j, h;

    bp_data(P, n, d, X, y);
    P->reg = GFC_REG_PAPER;
    P->k = _fmpq_vec_init(d);
    for (j = 0; j < d; j++)
    {
        bp_set(P->k + j, (k != NULL) ? k[j] : kall);
        for (h = 0; h < 4; h++)
        {
            fmpq_div_2exp(P->theta0_sq + h * d + j, P->k + j, 2);
            P->theta0_sign[h * d + j] = fmpq_is_zero(P->k + j) ? 0 : 1;
        }
    }
}

/* General regularizer with an explicit start: sq[h*d + j] and sg[h*d +
   j] for h = 0..3 (u+, v+, u-, v-). */
static void __attribute__((unused))
bp_general(gfc_problem_t P, slong n, slong d, const char *const *X,
           const char *const *y, const char *const *sq, const int *sg)
{
    slong j;

    bp_data(P, n, d, X, y);
    P->reg = GFC_REG_GENERAL;
    for (j = 0; j < 4 * d; j++)
    {
        bp_set(P->theta0_sq + j, sq[j]);
        P->theta0_sign[j] = sg[j];
    }
}

static void __attribute__((unused))
bp_wstar(gfc_problem_t P, const char *const *w)
{
    slong j;

    P->wstar = _fmpq_vec_init(P->d);
    for (j = 0; j < P->d; j++)
        bp_set(P->wstar + j, w[j]);
}

/* Every pair of balls overlaps. */
static int __attribute__((unused))
vec_overlap(arb_srcptr a, arb_srcptr b, slong len)
{
    slong i;

    for (i = 0; i < len; i++)
        if (!arb_overlaps(a + i, b + i))
            return 0;
    return 1;
}

#endif
