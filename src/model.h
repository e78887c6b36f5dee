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
    arb_mat_t XT;       /* d x n, the transpose (rows contiguous) */
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

/* One Taylor order of g: g[i * stride] = (X^T X beta)_i / n, with y
   subtracted from X beta when with_y (order 0). */
void gfc_data_gradient_order(arb_ptr g, slong stride, arb_srcptr beta,
                             int with_y, const gfc_data_t D, slong prec);

/* g = X^T (X beta - y) / n directly from beta. */
void gfc_data_gradient_of(arb_ptr g, arb_srcptr beta, const gfc_data_t D,
                          slong prec);

/* box = centre widened by rad in every entry: it contains the 2-norm ball
   of radius rad around every point of centre. */
void gfc_box_around(arb_ptr box, arb_srcptr centre, const mag_t rad,
                    slong len);

/* An upper bound of the 2-norm of a ball vector (every point in it). */
void gfc_vec_norm2_upper(mag_t res, arb_srcptr v, slong len);

/* The first n coefficients of the product of {A, la} and {B, lb} (any
   lengths >= 1; zeros past the full length).  C must not alias A or B. */
void gfc_poly_mullow(arb_ptr C, arb_srcptr A, slong la, arb_srcptr B,
                     slong lb, slong n, slong prec);

/* The same for polynomial paths: beta holds d polynomials of length lb
   (series-major), g receives d polynomials of length lb. */
void gfc_data_gradient_poly(arb_ptr g, arb_srcptr beta, slong lb,
                            const gfc_data_t D, slong prec);

/*
 * Truncated power series of a vector are stored series-major: entry j of
 * component i of a vector of series of length len is v[i * len + j].
 */
typedef struct
{
    const char *name;

    /* beta(theta), d entries, over a ball vector theta (N entries). */
    void (*beta)(arb_ptr beta, arb_srcptr theta, const gfc_data_t D,
                 slong prec);

    /* Taylor coefficients of the flow theta' = -grad L(theta) at a point:
       c has N series of length len; entry 0 of each is given, the routine
       fills entries 1..len-1.  Only midpoints matter: the result is an
       approximation, validated afterwards through the defect. */
    void (*taylor)(arb_ptr c, slong len, const gfc_data_t D, slong prec);

    /* The vector field composed with polynomial paths: theta has N
       polynomials of length len; out receives N polynomials of length
       lout <= field_len(len), the first lout coefficients of f(theta(t)).
       With lout = field_len(len) nothing is truncated. */
    slong (*field_len)(slong len);
    void (*field_poly)(arb_ptr out, arb_srcptr theta, slong len, slong lout,
                       const gfc_data_t D, slong prec);

    /* Upper bound for the logarithmic 2-norm of Df = -Hess L at every
       theta in the box (doc/flow.md, section 3): ||M(g)||_2. */
    void (*lognorm)(mag_t mu, arb_srcptr theta_box, const gfc_data_t D,
                    slong prec);

    /* Ball matrix (n x n) containing K(theta) = X J J^T X^T for every
       theta in the box (doc/flow.md, section 4). */
    void (*gram)(arb_mat_t K, arb_srcptr theta_box, const gfc_data_t D,
                 slong prec);

    /* Scalars whose sign selects the branch of the regularizer (the
       output weights a_j of the fully connected models; none for diag):
       their number, and enclosures of their values over a box. */
    slong (*nbranch)(const gfc_data_t D);
    void (*branch)(arb_ptr out, arb_srcptr theta_box, const gfc_data_t D,
                   slong prec);
}
gfc_model_ops;

const gfc_model_ops *gfc_model_get(gfc_model_kind kind);

extern const gfc_model_ops gfc_model_diag;
extern const gfc_model_ops gfc_model_fc;

#endif
