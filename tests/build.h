/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Build small problems in memory for the unit tests (exact rationals). */
#ifndef GFC_TEST_BUILD_H
#define GFC_TEST_BUILD_H

#include <stdlib.h>
#include <string.h>
#include "gfcert.h"

/* Diagonal model, rationals given as "p/q" strings.  X is row-major n x d;
   sq holds the squares of u+, v+, u-, v- (one value each, applied to every
   coordinate, all positive); k of the paper regularizer follows. */
static void __attribute__((unused))
build_diag(gfc_problem_t P, slong n, slong d, const char **X,
           const char **y, const char *sq_u, const char *sq_v)
{
    slong i, j;
    fmpq_t su, sv;

    fmpq_init(su);
    fmpq_init(sv);
    fmpq_set_str(su, sq_u, 10);
    fmpq_set_str(sv, sq_v, 10);
    P->path = strdup("(built in test)");
    P->model = GFC_MODEL_DIAG;
    P->reg = GFC_REG_PAPER;
    P->n = n;
    P->d = d;
    fmpq_mat_clear(P->X);
    fmpq_mat_init(P->X, n, d);
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
            fmpq_set_str(fmpq_mat_entry(P->X, i, j), X[i * d + j], 10);
    P->y = _fmpq_vec_init(n);
    for (i = 0; i < n; i++)
        fmpq_set_str(P->y + i, y[i], 10);
    P->m = 0;
    P->N = 4 * d;
    P->theta0_sq = _fmpq_vec_init(4 * d);
    P->theta0_sign = calloc(4 * d, sizeof(int));
    for (j = 0; j < 4 * d; j++)
    {
        fmpq_set(P->theta0_sq + j, ((j / d) % 2 == 0) ? su : sv);
        P->theta0_sign[j] = 1;
    }
    P->k = _fmpq_vec_init(d);
    for (j = 0; j < d; j++)
    {
        fmpq_add(P->k + j, su, sv);
        fmpq_mul_si(P->k + j, P->k + j, 2);
    }
    fmpq_clear(su);
    fmpq_clear(sv);
}

#endif
