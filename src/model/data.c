/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include "model.h"

void
gfc_data_init(gfc_data_t D, const gfc_problem_t P, slong prec)
{
    slong i, j;

    D->P = P;
    D->prec = prec;
    D->n = P->n;
    D->d = P->d;
    D->N = P->N;
    arb_mat_init(D->X, P->n, P->d);
    for (i = 0; i < P->n; i++)
        for (j = 0; j < P->d; j++)
            arb_set_fmpq(arb_mat_entry(D->X, i, j),
                         fmpq_mat_entry(P->X, i, j), prec);
    D->y = _arb_vec_init(P->n);
    for (i = 0; i < P->n; i++)
        arb_set_fmpq(D->y + i, P->y + i, prec);
    D->theta0 = _arb_vec_init(P->N);
    gfc_problem_theta0(D->theta0, P, prec);
}

void
gfc_data_clear(gfc_data_t D)
{
    arb_mat_clear(D->X);
    _arb_vec_clear(D->y, D->n);
    _arb_vec_clear(D->theta0, D->N);
}

void
gfc_data_residual(arb_ptr r, arb_srcptr beta, const gfc_data_t D, slong prec)
{
    slong i;

    for (i = 0; i < D->n; i++)
    {
        arb_dot(r + i, NULL, 0, arb_mat_entry(D->X, i, 0), 1, beta, 1,
                D->d, prec);
        arb_sub(r + i, r + i, D->y + i, prec);
    }
}

void
gfc_data_gradient(arb_ptr g, arb_srcptr r, const gfc_data_t D, slong prec)
{
    slong i, j;

    for (j = 0; j < D->d; j++)
    {
        arb_zero(g + j);
        for (i = 0; i < D->n; i++)
            arb_addmul(g + j, arb_mat_entry(D->X, i, j), r + i, prec);
        arb_div_si(g + j, g + j, D->n, prec);
    }
}
