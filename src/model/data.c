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
    arb_mat_init(D->XT, P->d, P->n);
    arb_mat_transpose(D->XT, D->X);
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
    arb_mat_clear(D->XT);
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
    slong j;

    for (j = 0; j < D->d; j++)
    {
        arb_dot(g + j, NULL, 0, arb_mat_entry(D->XT, j, 0), 1, r, 1, D->n,
                prec);
        arb_div_si(g + j, g + j, D->n, prec);
    }
}

/* r(t) = X beta(t) - y and g(t) = X^T r(t) / n for polynomial beta(t)
   stored series-major with length lb; shared by the polynomial fields. */
void
gfc_data_gradient_poly(arb_ptr g, arb_srcptr beta, slong lb, const gfc_data_t D,
                   slong prec)
{
    slong d = D->d, n = D->n, i, j, l;
    arb_ptr r = _arb_vec_init(n * lb);

    for (l = 0; l < n; l++)
    {
        for (j = 0; j < lb; j++)
            arb_dot(r + l * lb + j, NULL, 0, arb_mat_entry(D->X, l, 0), 1,
                    beta + j, lb, d, prec);
        arb_sub(r + l * lb, r + l * lb, D->y + l, prec);
    }
    for (i = 0; i < d; i++)
        for (j = 0; j < lb; j++)
        {
            arb_dot(g + i * lb + j, NULL, 0, arb_mat_entry(D->XT, i, 0), 1,
                    r + j, lb, n, prec);
            arb_div_si(g + i * lb + j, g + i * lb + j, n, prec);
        }
    _arb_vec_clear(r, n * lb);
}

void
gfc_poly_mullow(arb_ptr C, arb_srcptr A, slong la, arb_srcptr B, slong lb,
                slong n, slong prec)
{
    slong full = la + lb - 1;

    if (la < lb)
    {
        gfc_poly_mullow(C, B, lb, A, la, n, prec);
        return;
    }
    _arb_poly_mullow(C, A, la, B, lb, FLINT_MIN(n, full), prec);
    if (n > full)
        _arb_vec_zero(C + full, n - full);
}

void
gfc_data_gradient_of(arb_ptr g, arb_srcptr beta, const gfc_data_t D,
                     slong prec)
{
    arb_ptr r = _arb_vec_init(D->n);

    gfc_data_residual(r, beta, D, prec);
    gfc_data_gradient(g, r, D, prec);
    _arb_vec_clear(r, D->n);
}

void
gfc_vec_norm2_upper(mag_t res, arb_srcptr v, slong len)
{
    slong i;
    mag_t t;

    mag_init(t);
    mag_zero(res);
    for (i = 0; i < len; i++)
    {
        arb_get_mag(t, v + i);
        mag_addmul(res, t, t);
    }
    mag_sqrt(res, res);
    mag_clear(t);
}

void
gfc_box_around(arb_ptr box, arb_srcptr centre, const mag_t rad, slong len)
{
    slong i;

    for (i = 0; i < len; i++)
    {
        arb_set(box + i, centre + i);
        mag_add(arb_radref(box + i), arb_radref(box + i), rad);
    }
}

void
gfc_data_gradient_order(arb_ptr g, slong stride, arb_srcptr beta,
                        int with_y, const gfc_data_t D, slong prec)
{
    slong i, l;
    arb_ptr r = _arb_vec_init(D->n);

    for (l = 0; l < D->n; l++)
    {
        arb_dot(r + l, NULL, 0, arb_mat_entry(D->X, l, 0), 1, beta, 1, D->d,
                prec);
        if (with_y)
            arb_sub(r + l, r + l, D->y + l, prec);
    }
    for (i = 0; i < D->d; i++)
    {
        arb_dot(g + i * stride, NULL, 0, arb_mat_entry(D->XT, i, 0), 1, r, 1,
                D->n, prec);
        arb_div_si(g + i * stride, g + i * stride, D->n, prec);
    }
    _arb_vec_clear(r, D->n);
}
