/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Krawczyk test (doc/api-bias.md, "Solver").  With an exact centre c, an
 * exact matrix Y and a box L = c + [-rho, rho],
 *
 *     K(L) = c - Y Phi(c) + (I - Y Phi'(L)) (L - c),
 *
 * where Phi'(L) is a ball matrix containing Phi'(x) for every x in L (so
 * also, being a box, every mean-value matrix between c and x).  If K(L)
 * lies in the interior of L, then Y and every matrix of Phi'(L) are
 * nonsingular and Phi has exactly one root in L, and that root lies in
 * K(L) (Krawczyk 1969; Rump 1983).  Every root in L stays in K(L), so
 * L <- K(L) n L may be repeated to tighten the box.  The proof is in the
 * containment test alone; Y and the radii are heuristics.
 */
#include "bias.h"

/* Inflation of the first box over the size of the last Newton
   correction |Y Phi(c)|: the true root is about one correction away, so a
   factor 2 leaves room for the contraction term. */
#define RHO_FACTOR_LOG2 1

/* A floor for each radius, 2^(10 - prec) (|c_i| + 1/max|X|): the
   correction can be exactly 0 (y = 0, or c exact), and a box of zero
   width has no interior.  1/max|X| is the size of lambda that moves z by
   about 1, since z = X^T lambda; 10 bits above the unit roundoff keep the
   box wider than the rounding errors of K itself. */
#define RHO_FLOOR_BITS 10

/* Box growth between attempts, and the number of attempts.  Growing by
   2^4 five times spans 2^20 beyond the first guess, enough to cover a
   centre whose last correction underestimated the error (ill-conditioned
   Jacobian); a box that still fails needs more precision, not more width,
   and the precision loop provides it. */
#define RHO_GROWTH_LOG2 4
#define ATTEMPTS 6

/* Extra Krawczyk steps after success, each contracting the box toward
   its rounding floor; two suffice in practice because the first box is
   already within a factor 2^RHO_FACTOR_LOG2 of the Newton error. */
#define TIGHTEN_STEPS 2

/* K(L) for the box L (midpoints are the exact centre), into K. */
static void
krawczyk_image(arb_ptr K, arb_srcptr box, const arb_mat_t Y,
               const gfc_dual_struct *D, slong prec)
{
    slong n = D->n, i;
    arb_ptr m = _arb_vec_init(n);
    arb_ptr phi = _arb_vec_init(n);
    arb_ptr z = _arb_vec_init(D->d);
    arb_mat_t J, M, v, w, yphi;

    arb_mat_init(J, n, n);
    arb_mat_init(M, n, n);
    arb_mat_init(v, n, 1);
    arb_mat_init(w, n, 1);
    arb_mat_init(yphi, n, 1);

    for (i = 0; i < n; i++)
    {
        arb_get_mid_arb(m + i, box + i);
        arb_zero(arb_mat_entry(v, i, 0));
        mag_set(arb_radref(arb_mat_entry(v, i, 0)), arb_radref(box + i));
    }
    gfc_dual_z(z, box, D, prec);
    D->ops->jacobian(J, z, D, prec);
    arb_mat_mul(M, Y, J, prec);
    arb_mat_neg(M, M);
    for (i = 0; i < n; i++)
        arb_add_si(arb_mat_entry(M, i, i), arb_mat_entry(M, i, i), 1, prec);
    arb_mat_mul(w, M, v, prec);
    gfc_dual_residual(phi, m, D, prec);
    for (i = 0; i < n; i++)
        arb_set(arb_mat_entry(v, i, 0), phi + i);
    arb_mat_mul(yphi, Y, v, prec);
    for (i = 0; i < n; i++)
    {
        arb_sub(K + i, m + i, arb_mat_entry(yphi, i, 0), prec);
        arb_add(K + i, K + i, arb_mat_entry(w, i, 0), prec);
    }

    _arb_vec_clear(m, n);
    _arb_vec_clear(phi, n);
    _arb_vec_clear(z, D->d);
    arb_mat_clear(J);
    arb_mat_clear(M);
    arb_mat_clear(v);
    arb_mat_clear(w);
    arb_mat_clear(yphi);
}

/* Y ~ Phi'(c)^-1, from midpoints, then taken as exact (any Y is sound;
   a good one makes K contract).  0 when it is not finite. */
static int
preconditioner(arb_mat_t Y, arb_srcptr c, const gfc_dual_struct *D,
               slong prec)
{
    slong n = D->n, i, j;
    arb_ptr z = _arb_vec_init(D->d);
    arb_mat_t J;
    int ok;

    arb_mat_init(J, n, n);
    gfc_dual_z(z, c, D, prec);
    D->ops->jacobian(J, z, D, prec);
    arb_mat_get_mid(J, J);
    ok = arb_mat_approx_inv(Y, J, prec);
    if (ok)
        arb_mat_get_mid(Y, Y);
    for (i = 0; ok && i < n; i++)
        for (j = 0; ok && j < n; j++)
            ok = arb_is_finite(arb_mat_entry(Y, i, j));
    arb_mat_clear(J);
    _arb_vec_clear(z, D->d);
    return ok;
}

/* K in the interior of the box, coordinate by coordinate. */
static int
inside(arb_srcptr K, arb_srcptr box, slong n)
{
    slong i;
    int ok = 1;

    for (i = 0; i < n && ok; i++)
        ok = arb_is_finite(K + i) && arb_contains_interior(box + i, K + i);
    return ok;
}

int
gfc_bias_krawczyk(arb_ptr box, arb_srcptr c, const gfc_dual_t D, slong prec)
{
    slong n = D->n, i, j, attempt;
    arb_ptr phi, u, K;
    arb_mat_t Y, col, ucol;
    mag_struct *rho;
    mag_t xmax, floor, t;
    int ok = 0;

    phi = _arb_vec_init(n);
    u = _arb_vec_init(n);
    K = _arb_vec_init(n);
    arb_mat_init(Y, n, n);
    arb_mat_init(col, n, 1);
    arb_mat_init(ucol, n, 1);
    rho = _mag_vec_init(n);
    mag_init(xmax);
    mag_init(floor);
    mag_init(t);

    for (i = 0; i < n; i++)
        if (!arb_is_exact(c + i) || !arb_is_finite(c + i))
            goto done;

    if (!preconditioner(Y, c, D, prec))
        goto done;

    /* u = Y Phi(c), a ball: its radius carries the rounding of Phi. */
    gfc_dual_residual(phi, c, D, prec);
    for (i = 0; i < n; i++)
        arb_set(arb_mat_entry(col, i, 0), phi + i);
    arb_mat_mul(ucol, Y, col, prec);
    for (i = 0; i < n; i++)
        arb_set(u + i, arb_mat_entry(ucol, i, 0));

    mag_zero(xmax);
    for (i = 0; i < n; i++)
        for (j = 0; j < D->d; j++)
        {
            arb_get_mag(t, arb_mat_entry(D->X, i, j));
            mag_max(xmax, xmax, t);
        }
    if (mag_is_zero(xmax) || !mag_is_finite(xmax))
        goto done;
    for (i = 0; i < n; i++)
    {
        mag_inv(floor, xmax);
        arb_get_mag(t, c + i);
        mag_add(floor, floor, t);
        mag_mul_2exp_si(floor, floor, RHO_FLOOR_BITS - prec);
        arb_get_mag(rho + i, u + i);
        mag_mul_2exp_si(rho + i, rho + i, RHO_FACTOR_LOG2);
        mag_add(rho + i, rho + i, floor);
    }

    for (attempt = 0; attempt < ATTEMPTS && !ok; attempt++)
    {
        for (i = 0; i < n; i++)
        {
            arb_set(box + i, c + i);
            mag_set(arb_radref(box + i), rho + i);
        }
        krawczyk_image(K, box, Y, D, prec);
        ok = inside(K, box, n);
        for (i = 0; i < n; i++)
            mag_mul_2exp_si(rho + i, rho + i, RHO_GROWTH_LOG2);
    }

    /* The root is in K n L.  Every root in a box lies in the Krawczyk
       image of that box, whatever centre in the box is used, so the
       intersection may be recentred and contracted again. */
    for (attempt = 0; ok && attempt <= TIGHTEN_STEPS; attempt++)
    {
        if (attempt > 0)
            krawczyk_image(K, box, Y, D, prec);
        for (i = 0; ok && i < n; i++)
            ok = arb_intersection(box + i, box + i, K + i, prec);
    }

done:
    if (!ok)
        for (i = 0; i < n; i++)
            arb_indeterminate(box + i);
    _arb_vec_clear(phi, n);
    _arb_vec_clear(u, n);
    _arb_vec_clear(K, n);
    arb_mat_clear(Y);
    arb_mat_clear(col);
    arb_mat_clear(ucol);
    _mag_vec_clear(rho, n);
    mag_clear(xmax);
    mag_clear(floor);
    mag_clear(t);
    return ok;
}

int
gfc_bias_krawczyk_box(arb_ptr out, arb_srcptr box, const gfc_dual_t D,
                      slong prec)
{
    slong n = D->n, i;
    arb_ptr c = _arb_vec_init(n), K = _arb_vec_init(n);
    arb_mat_t Y;
    int ok = 0;

    arb_mat_init(Y, n, n);
    for (i = 0; i < n; i++)
        if (!arb_is_finite(box + i))
            goto done;

    /* The box is not moved: its own midpoint is the centre. */
    for (i = 0; i < n; i++)
        arb_get_mid_arb(c + i, box + i);
    if (!preconditioner(Y, c, D, prec))
        goto done;
    krawczyk_image(K, box, Y, D, prec);
    ok = inside(K, box, n);
    for (i = 0; ok && i < n; i++)
        ok = arb_intersection(out + i, box + i, K + i, prec);

done:
    if (!ok)
        for (i = 0; i < n; i++)
            arb_indeterminate(out + i);
    _arb_vec_clear(c, n);
    _arb_vec_clear(K, n);
    arb_mat_clear(Y);
    return ok;
}
