/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Models: one table of operations per network architecture.  The flow,
 * tail, bias and verdict code see a model only through this table.
 */
#ifndef GFC_MODEL_H
#define GFC_MODEL_H

#include "gfcert.h"

/* The data of a problem as balls at one precision. */
typedef struct
{
    const gfc_problem_struct *P;
    slong prec;
    slong n, d, N;
    arb_mat_t X;        /* n x d */
    arb_ptr y;          /* n */
    arb_ptr theta0;     /* N, enclosure of the exact start */
}
gfc_data_struct;
typedef gfc_data_struct gfc_data_t[1];

void gfc_data_init(gfc_data_t D, const gfc_problem_t P, slong prec);
void gfc_data_clear(gfc_data_t D);

/* r = X beta - y (n) and g = X^T r / n (d), over balls. */
void gfc_data_residual(arb_ptr r, arb_srcptr beta, const gfc_data_t D,
                       slong prec);
void gfc_data_gradient(arb_ptr g, arb_srcptr r, const gfc_data_t D,
                       slong prec);

typedef struct
{
    const char *name;

    /* beta(theta), d entries, over a ball vector theta (N entries). */
    void (*beta)(arb_ptr beta, arb_srcptr theta, const gfc_data_t D,
                 slong prec);

    /* Taylor coefficients of the flow theta' = -grad L(theta) at a point.
       coef[j] (j = 0..order) are vectors of N entries; coef[0] is given,
       the routine fills coef[1..order].  Only midpoints matter: the result
       is an approximation, validated afterwards through the defect. */
    void (*taylor)(arb_ptr *coef, slong order, const gfc_data_t D,
                   slong prec);

    /* The vector field composed with polynomial paths: out[i](t) =
       f_i(theta(t)) exactly as polynomials in t (no truncation), ball
       coefficients.  theta and out have N entries. */
    void (*field_poly)(arb_poly_struct *out, const arb_poly_struct *theta,
                       const gfc_data_t D, slong prec);

    /* Upper bound for the logarithmic 2-norm of Df = -Hess L over every
       theta in the box (THEORY 5.1): ||M(g)||_2. */
    void (*lognorm)(mag_t mu, arb_srcptr theta_box, const gfc_data_t D,
                    slong prec);

    /* Ball matrix (n x n) containing K(theta) = X J J^T X^T for every
       theta in the box (THEORY 5.2). */
    void (*gram)(arb_mat_t K, arb_srcptr theta_box, const gfc_data_t D,
                 slong prec);
}
gfc_model_ops;

const gfc_model_ops *gfc_model_get(gfc_model_kind kind);

extern const gfc_model_ops gfc_model_diag;

#endif
