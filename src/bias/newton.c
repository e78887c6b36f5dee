/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Approximate dual root: damped Newton on the objective
 * F(lambda) = G(X^T lambda) - y.lambda, whose gradient is Phi.  The
 * table says (D->direction) whether F is convex (minimised), concave
 * (-F is minimised) or neither, when the merit ||Phi||^2 / 2 takes its
 * place: the Newton step is a descent direction of each.  Nothing here
 * is trusted: the Krawczyk test alone decides (a float solver's own
 * convergence flag is not evidence, cases B20).  The design goal is only
 * that the iteration cannot run away or loop for long.
 */
#include "bias.h"

/* Largest change of any z_i = (X^T lambda)_i in one step.  The map grows
   like e^{2|z|}, so 8 lets the exponentials change by e^16 ~ 9e6 per
   step: the huge first steps at tiny scales (step ~ y/k ~ 1e300 at
   alpha = 1e-300, cases B07) become a few dozen moves of bounded size,
   while a root at |z| ~ 700 is still reached in under 100 steps. */
#define STEP_CAP_LOG2 3

/* Sufficient-decrease constant of the Armijo test: any value in (0, 1/2)
   keeps global convergence; a small one rarely rejects good steps. */
#define ARMIJO_LOG2 (-10)

/* Halvings of a step before giving up on it: 2^-64 of a capped step is
   below every precision this solver is asked for relative to z ~ 1. */
#define MAX_HALVINGS 64

/* Accepted steps that only reduced the residual while F could not be
   resolved: past this many the iterate sits at the rounding floor. */
#define MAX_FLAT_STEPS 8

/* Converged when the correction in z is below 2^-(prec - 16) of max(1,
   |z|): the last 16 bits are rounding noise of the linear solve for
   moderately conditioned Jacobians.  Stopping early only widens the
   Krawczyk box, which the precision loop then tightens. */
#define CONVERGED_GUARD_BITS 16

typedef struct
{
    arb_ptr z, beta, phi;
    arb_t F;
    arf_t res2;
}
point;

static void
point_init(point *p, const gfc_dual_struct *D)
{
    p->z = _arb_vec_init(D->d);
    p->beta = _arb_vec_init(D->d);
    p->phi = _arb_vec_init(D->n);
    arb_init(p->F);
    arf_init(p->res2);
}

static void
point_clear(point *p, const gfc_dual_struct *D)
{
    _arb_vec_clear(p->z, D->d);
    _arb_vec_clear(p->beta, D->d);
    _arb_vec_clear(p->phi, D->n);
    arb_clear(p->F);
    arf_clear(p->res2);
}

static void
point_swap(point *a, point *b)
{
    point t = *a;

    *a = *b;
    *b = t;
}

/* The merit as a ball (its radius is the resolution of later
   comparisons), Phi and ||Phi||^2 at midpoint level, at the exact point
   lambda.  The merit is F, -F or ||Phi||^2 / 2 by D->direction. */
static void
point_eval(point *p, arb_srcptr lambda, const gfc_dual_struct *D,
           slong prec)
{
    arb_t t;
    slong i;

    arb_init(t);
    gfc_dual_z(p->z, lambda, D, prec);
    D->ops->map(p->beta, p->z, D, prec);
    D->ops->objective(p->F, p->z, D, prec);
    arb_dot(t, NULL, 0, D->y, 1, lambda, 1, D->n, prec);
    arb_sub(p->F, p->F, t, prec);
    if (D->direction < 0)
        arb_neg(p->F, p->F);
    arf_zero(p->res2);
    for (i = 0; i < D->n; i++)
    {
        arb_dot(p->phi + i, NULL, 0, arb_mat_entry(D->X, i, 0), 1, p->beta,
                1, D->d, prec);
        arb_sub(p->phi + i, p->phi + i, D->y + i, prec);
        arb_get_mid_arb(p->phi + i, p->phi + i);
        arf_addmul(p->res2, arb_midref(p->phi + i), arb_midref(p->phi + i),
                   prec, ARF_RND_NEAR);
    }
    if (D->direction == 0)
    {
        if (arb_is_finite(p->F) && arf_is_finite(p->res2))
        {
            arb_set_arf(p->F, p->res2);
            arb_mul_2exp_si(p->F, p->F, -1);
        }
        else
            arb_indeterminate(p->F);
    }
    arb_clear(t);
}

/* Every entry finite: an indeterminate Jacobian (the map's derivative
   is unbounded or undefined here) gives no Newton step. */
static int
mat_is_finite(const arb_mat_t J)
{
    slong i, j;

    for (i = 0; i < arb_mat_nrows(J); i++)
        for (j = 0; j < arb_mat_ncols(J); j++)
            if (!arb_is_finite(arb_mat_entry(J, i, j)))
                return 0;
    return 1;
}

slong
gfc_bias_newton(arb_ptr lambda, const gfc_dual_t D, slong maxit, slong prec)
{
    slong n = D->n, d = D->d, it, i, h, flat = 0;
    point cur, trial;
    arb_mat_t J, rhs, step;
    arb_ptr lt, dz, sv;
    arb_t t, slope, bound;
    arf_t m, zmax, cap, tol;
    int accepted, armijo, converged = 0;

    point_init(&cur, D);
    point_init(&trial, D);
    arb_mat_init(J, n, n);
    arb_mat_init(rhs, n, 1);
    arb_mat_init(step, n, 1);
    lt = _arb_vec_init(n);
    dz = _arb_vec_init(d);
    sv = _arb_vec_init(n);
    arb_init(t);
    arb_init(slope);
    arb_init(bound);
    arf_init(m);
    arf_init(zmax);
    arf_init(cap);
    arf_init(tol);
    arf_set_si_2exp_si(cap, 1, STEP_CAP_LOG2);

    for (i = 0; i < n; i++)
        arb_get_mid_arb(lambda + i, lambda + i);
    point_eval(&cur, lambda, D, prec);

    for (it = 0; it < maxit && !converged; it++)
    {
        D->ops->jacobian(J, cur.z, D, prec);
        if (!mat_is_finite(J))
            break;
        arb_mat_get_mid(J, J);
        for (i = 0; i < n; i++)
            arb_neg(arb_mat_entry(rhs, i, 0), cur.phi + i);
        if (!arb_mat_approx_solve(step, J, rhs, prec))
            break;
        for (i = 0; i < n; i++)
            arb_set(sv + i, arb_mat_entry(step, i, 0));

        /* m = max |(X^T step)_i|, zmax = max |z_i| */
        arf_zero(m);
        arf_zero(zmax);
        for (i = 0; i < d; i++)
        {
            arb_dot(dz + i, NULL, 0, arb_mat_entry(D->XT, i, 0), 1, sv, 1,
                    n, prec);
            if (arf_cmpabs(arb_midref(dz + i), m) > 0)
                arf_abs(m, arb_midref(dz + i));
            if (arf_cmpabs(arb_midref(cur.z + i), zmax) > 0)
                arf_abs(zmax, arb_midref(cur.z + i));
        }
        if (arf_is_zero(m) || !arf_is_finite(m))
            break;
        /* The merit's derivative along the step: Phi.step for F, its
           negative for -F, and Phi.J step = -||Phi||^2 for the merit
           ||Phi||^2 / 2. */
        if (D->direction == 0)
        {
            arb_set_arf(slope, cur.res2);
            arb_neg(slope, slope);
        }
        else
        {
            arb_dot(slope, NULL, 0, cur.phi, 1, sv, 1, n, prec);
            arb_get_mid_arb(slope, slope);
            if (D->direction < 0)
                arb_neg(slope, slope);
        }

        arb_one(t);
        if (arf_cmp(m, cap) > 0)
        {
            arf_div(arb_midref(t), cap, m, prec, ARF_RND_DOWN);
            mag_zero(arb_radref(t));
        }

        accepted = 0;
        armijo = 0;
        for (h = 0; h < MAX_HALVINGS && !accepted; h++)
        {
            for (i = 0; i < n; i++)
            {
                arb_set(lt + i, lambda + i);
                arb_addmul(lt + i, t, sv + i, prec);
                arb_get_mid_arb(lt + i, lt + i);
            }
            point_eval(&trial, lt, D, prec);

            /* F(trial) <= F + 2^-10 t slope, provably in ball terms;
               or, when the two values of F cannot be told apart, a
               smaller residual. */
            arb_mul(bound, t, slope, prec);
            arb_mul_2exp_si(bound, bound, ARMIJO_LOG2);
            arb_add(bound, bound, cur.F, prec);
            armijo = arb_lt(trial.F, bound);
            accepted = armijo
                || (arb_is_finite(trial.F) && arf_is_finite(trial.res2)
                    && !arb_gt(trial.F, cur.F)
                    && arf_cmp(trial.res2, cur.res2) < 0);
            if (!accepted)
                arb_mul_2exp_si(t, t, -1);
        }
        if (!accepted)
            break;

        _arb_vec_swap(lambda, lt, n);
        point_swap(&cur, &trial);
        flat = armijo ? 0 : flat + 1;
        if (flat >= MAX_FLAT_STEPS)
            converged = 1;

        if (arf_cmp_si(zmax, 1) < 0)
            arf_one(zmax);
        arf_mul_2exp_si(tol, zmax, -(prec - CONVERGED_GUARD_BITS));
        if (arb_is_one(t) && arf_cmp(m, tol) <= 0)
            converged = 1;
    }

    point_clear(&cur, D);
    point_clear(&trial, D);
    arb_mat_clear(J);
    arb_mat_clear(rhs);
    arb_mat_clear(step);
    _arb_vec_clear(lt, n);
    _arb_vec_clear(dz, d);
    _arb_vec_clear(sv, n);
    arb_clear(t);
    arb_clear(slope);
    arb_clear(bound);
    arf_clear(m);
    arf_clear(zmax);
    arf_clear(cap);
    arf_clear(tol);
    return it;
}
