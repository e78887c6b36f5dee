/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>
#include "gfcert.h"

void
gfc_problem_init(gfc_problem_t P)
{
    memset(P, 0, sizeof(gfc_problem_struct));
    fmpq_mat_init(P->X, 0, 0);
    fmpq_init(P->alpha);
    fmpq_init(P->s);
}

void
gfc_problem_clear(gfc_problem_t P)
{
    free(P->path);
    fmpq_mat_clear(P->X);
    if (P->y != NULL)
        _fmpq_vec_clear(P->y, P->n);
    if (P->theta0_sq != NULL)
        _fmpq_vec_clear(P->theta0_sq, P->N);
    free(P->theta0_sign);
    if (P->wstar != NULL)
        _fmpq_vec_clear(P->wstar, P->d);
    if (P->k != NULL)
        _fmpq_vec_clear(P->k, P->d);
    fmpq_clear(P->alpha);
    fmpq_clear(P->s);
    memset(P, 0, sizeof(gfc_problem_struct));
}

void
gfc_problem_theta0(arb_ptr theta, const gfc_problem_t P, slong prec)
{
    slong i;

    for (i = 0; i < P->N; i++)
    {
        /* The square is exact; its root is enclosed, never rounded. */
        arb_set_fmpq(theta + i, P->theta0_sq + i, prec);
        arb_sqrtpos(theta + i, theta + i, prec);
        if (P->theta0_sign[i] < 0)
            arb_neg(theta + i, theta + i);
        else if (P->theta0_sign[i] == 0)
            arb_zero(theta + i);
    }
}
