/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The tail from T to infinity (proof in doc/flow.md, section 4).
 *
 * If lambda_min(K(theta)) >= lam for every theta within R of the centre,
 * the loss obeys a Polyak-Lojasiewicz inequality there and the remaining
 * path from theta(T) has length at most ||r(theta(T))|| / sqrt(lam).  With
 * err + that length <= R the path never leaves the region, so theta(inf)
 * lies within err + length of the centre.
 */
#include <stdio.h>
#include "flow.h"

/* Rough lambda_min of the midpoint of K by inverse iteration.  Only a
   starting guess: every value used in a proof is re-checked by Cholesky.
   Returns 0 when K looks singular or indefinite. */
static int
approx_lambda_min(arf_t lam, const arb_mat_t K, slong prec)
{
    slong n = arb_mat_nrows(K), i, it;
    arb_mat_t A, v, w;
    arb_t nv, nw;
    int ok = 1;

    arb_mat_init(A, n, n);
    arb_mat_init(v, n, 1);
    arb_mat_init(w, n, 1);
    arb_init(nv);
    arb_init(nw);
    arb_mat_get_mid(A, K);
    for (i = 0; i < n; i++)
        arb_set_si(arb_mat_entry(v, i, 0), 1 + (i % 3));
    for (it = 0; it < 30 && ok; it++)
    {
        if (!arb_mat_approx_solve(w, A, v, prec))
        {
            ok = 0;
            break;
        }
        arb_mat_get_mid(w, w);
        arb_mat_frobenius_norm(nv, v, prec);
        arb_mat_frobenius_norm(nw, w, prec);
        if (!arb_is_positive(nw) || !arb_is_finite(nw))
        {
            ok = 0;
            break;
        }
        arb_div(nv, nv, nw, prec);
        arb_mat_scalar_div_arb(v, w, nw, prec);
        arb_mat_get_mid(v, v);
    }
    if (ok && arb_is_positive(nv))
        arf_set(lam, arb_midref(nv));
    else
        ok = 0;
    arb_clear(nv);
    arb_clear(nw);
    arb_mat_clear(w);
    arb_mat_clear(v);
    arb_mat_clear(A);
    return ok;
}

/* Is K - lam I positive definite for every matrix in the ball K?  A
   Cholesky factorisation whose pivots are all proven positive shows it
   for each symmetric matrix contained (the pivots of each contain in the
   computed balls). */
static int
spd_shift_proven(const arb_mat_t K, const arf_t lam, slong prec)
{
    slong n = arb_mat_nrows(K), i;
    arb_mat_t A, L;
    int ok;

    arb_mat_init(A, n, n);
    arb_mat_init(L, n, n);
    arb_mat_set(A, K);
    for (i = 0; i < n; i++)
        arb_sub_arf(arb_mat_entry(A, i, i), arb_mat_entry(A, i, i), lam,
                    prec);
    ok = arb_mat_cho(L, A, prec);
    arb_mat_clear(L);
    arb_mat_clear(A);
    return ok;
}

int
gfc_tail_close(gfc_flow_t F, const gfc_model_ops *M, const gfc_data_t D,
               arb_srcptr centre, const mag_t err, slong prec)
{
    slong N = D->N, n = D->n, d = D->d, attempt;
    arb_ptr box, beta, r;
    arb_mat_t K;
    arf_t lam_est, lam;
    mag_t rmax, tail, R, t;
    arb_t s;
    int ok = 0;

    box = _arb_vec_init(N);
    beta = _arb_vec_init(d);
    r = _arb_vec_init(n);
    arb_mat_init(K, n, n);
    arf_init(lam_est);
    arf_init(lam);
    mag_init(rmax);
    mag_init(tail);
    mag_init(R);
    mag_init(t);
    arb_init(s);

    /* The residual over the ball that holds theta(T). */
    gfc_box_around(box, centre, err, N);
    M->beta(beta, box, D, prec);
    gfc_data_residual(r, beta, D, prec);
    gfc_vec_norm2_upper(rmax, r, n);

    M->gram(K, centre, D, prec);
    if (!approx_lambda_min(lam_est, K, prec))
    {
        snprintf(F->reason, sizeof(F->reason),
                 "tail bound: K = X J J^T X^T is numerically singular at "
                 "the last point, so lambda_min(K) is not bounded away "
                 "from 0");
        goto cleanup;
    }

    /* Try lam slightly below the estimate first, then give up a factor
       of 4 at a time: a smaller lam needs a larger ball, on which K
       varies more. */
    arf_mul_ui(lam, lam_est, 63, prec, ARF_RND_DOWN);
    arf_mul_2exp_si(lam, lam, -6);
    for (attempt = 0; attempt < 6 && !ok; attempt++)
    {
        /* tail = rmax / sqrt(lam), rounded up through ball arithmetic. */
        arb_set_arf(s, lam);
        arb_rsqrt(s, s, prec);
        arb_get_mag(t, s);
        mag_mul(tail, rmax, t);
        /* R = (err + tail)(1 + 2^-6) leaves room for K's variation. */
        mag_add(R, err, tail);
        mag_mul_2exp_si(t, R, -6);
        mag_add(R, R, t);
        gfc_box_around(box, centre, R, N);
        M->gram(K, box, D, prec);
        if (spd_shift_proven(K, lam, prec))
            ok = 1;
        else
            arf_mul_2exp_si(lam, lam, -2);
    }
    if (!ok)
    {
        snprintf(F->reason, sizeof(F->reason),
                 "tail bound did not close: lambda_min(K) could not be "
                 "bounded below on a ball containing the rest of the path "
                 "(PL constant too small for the residual left)");
        goto cleanup;
    }

    /* theta(inf) lies within err + tail of the centre. */
    mag_add(t, err, tail);
    gfc_box_around(F->theta, centre, t, N);
    M->beta(F->beta, F->theta, D, prec);
    M->branch(F->branch_inf, F->theta, D, prec);
    mag_set(F->err_T, err);
    mag_set(F->resid_T, rmax);
    arf_set(F->lambda_lo, lam);
    mag_set(F->radius, R);
    mag_set(F->tail, tail);

cleanup:
    arb_clear(s);
    mag_clear(t);
    mag_clear(R);
    mag_clear(tail);
    mag_clear(rmax);
    arf_clear(lam);
    arf_clear(lam_est);
    arb_mat_clear(K);
    _arb_vec_clear(r, n);
    _arb_vec_clear(beta, d);
    _arb_vec_clear(box, N);
    return ok;
}
