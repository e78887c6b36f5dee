/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The certified minimiser: Newton for a centre, Krawczyk for the proof
 * (or, for one unknown and a table that proves Phi monotone, a sign
 * change: cases B02), the dual map for beta_Q, and a precision loop that
 * grows the box's resolution and the working precision together (cases
 * B04: cond(XX^T) ~ 2e61 needs a few hundred bits before any box can be
 * proven).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bias.h"

/* Bracket search for the sign-change proof: the first half-width is
   2^(10 - prec) of the scale |c| + 1/max|X| (the Krawczyk floor), and it
   grows by 2^4 until it reaches 2^8 times the scale, so a centre that
   Newton left anywhere near the root is bracketed in about prec/4
   tries. */
#define BRACKET_GROWTH_LOG2 4
#define BRACKET_LIMIT_LOG2 8

/* The Newton residual counts as "near a root" below 2^-min(prec/2, 64)
   of max(1, ||y||): a root of multiplicity two leaves about half the
   bits (cases B02), Newton crawls towards it one bit per step (so at
   high precision it may stop at 2^-2000, not 2^-(prec/2)), and a
   wandering iterate stays near ||y||.  It decides the message and, for
   systems without a convex objective, whether more bits are tried; never
   a proof. */
#define NEAR_ROOT_FRACTION 2
#define NEAR_ROOT_MAX_BITS 64

void
gfc_bias_init(gfc_bias_t B, const gfc_problem_t P)
{
    B->proven = 0;
    B->prec = 0;
    B->n = P->n;
    B->d = P->d;
    B->lambda = _arb_vec_init(P->n);
    B->beta = _arb_vec_init(P->d);
    arb_init(B->Q);
    arb_init(B->l1);
    arb_init(B->l2);
    arb_init(B->pop);
    B->has_pop = (P->wstar != NULL);
    B->newton_iters = 0;
    B->has_Q = 0;
    B->m = (P->model == GFC_MODEL_DIAG) ? 0 : P->m;
    B->branch = (B->m > 0) ? calloc(B->m, sizeof(int)) : NULL;
    if (B->branch == NULL)
        B->m = 0;
    B->branch_flipped = 0;
    B->method = "krawczyk";
    B->model = gfc_bias_model_name(P->model);
    B->regularizer = gfc_bias_reg_name(P->reg);
    B->reason[0] = '\0';
    _arb_vec_indeterminate(B->lambda, B->n);
    _arb_vec_indeterminate(B->beta, B->d);
    arb_indeterminate(B->Q);
    arb_indeterminate(B->l1);
    arb_indeterminate(B->l2);
    arb_indeterminate(B->pop);
}

void
gfc_bias_clear(gfc_bias_t B)
{
    _arb_vec_clear(B->lambda, B->n);
    _arb_vec_clear(B->beta, B->d);
    arb_clear(B->Q);
    arb_clear(B->l1);
    arb_clear(B->l2);
    arb_clear(B->pop);
    free(B->branch);
}

static void
bias_forget(gfc_bias_t B)
{
    B->proven = 0;
    B->has_Q = 0;
    _arb_vec_indeterminate(B->lambda, B->n);
    _arb_vec_indeterminate(B->beta, B->d);
    arb_indeterminate(B->Q);
    arb_indeterminate(B->l1);
    arb_indeterminate(B->l2);
    arb_indeterminate(B->pop);
}

static void
bias_swap(gfc_bias_t A, gfc_bias_t B)
{
    gfc_bias_struct t = *A;

    *A = *B;
    *B = t;
}

/* l1, l2 and the population error ||beta - w*||^2 from proven beta. */
static void
bias_norms(gfc_bias_t B, const gfc_problem_t P, slong prec)
{
    arb_t t, w;
    slong i;

    arb_init(t);
    arb_init(w);
    arb_zero(B->l1);
    arb_zero(B->l2);
    arb_zero(B->pop);
    for (i = 0; i < B->d; i++)
    {
        arb_abs(t, B->beta + i);
        arb_add(B->l1, B->l1, t, prec);
        arb_addmul(B->l2, B->beta + i, B->beta + i, prec);
        if (B->has_pop)
        {
            arb_set_fmpq(w, P->wstar + i, prec);
            arb_sub(t, B->beta + i, w, prec);
            arb_addmul(B->pop, t, t, prec);
        }
    }
    /* Sums of absolute values and of squares are >= 0; sqrtpos and the
       cut at 0 use that fact without ever producing NaN. */
    arb_nonnegative_part(B->l1, B->l1);
    arb_sqrtpos(B->l2, B->l2, prec);
    if (B->has_pop)
        arb_nonnegative_part(B->pop, B->pop);
    else
        arb_indeterminate(B->pop);
    arb_clear(t);
    arb_clear(w);
}

/* The scale of lambda for box radii: |c| + 1/max|X|, as in the
   Krawczyk floor (1/max|X| is the lambda that moves z by about 1). */
static void
lambda_scale(mag_t scale, const arb_t c, const gfc_dual_t D)
{
    mag_t t;
    slong i, j;

    mag_init(t);
    mag_zero(scale);
    for (i = 0; i < D->n; i++)
        for (j = 0; j < D->d; j++)
        {
            arb_get_mag(t, arb_mat_entry(D->X, i, j));
            mag_max(scale, scale, t);
        }
    if (!mag_is_zero(scale))
        mag_inv(scale, scale);
    arb_get_mag(t, c);
    mag_add(scale, scale, t);
    mag_clear(t);
}

/* Sign of mono * Phi(x) at the exact point x: +1 or -1 when proven,
   0 when Phi(x) contains 0 or is not finite; 2 when Phi(x) is exactly
   0 (x is then the root). */
static int
bracket_sign(const arf_t x, int mono, const gfc_dual_t D, slong prec)
{
    arb_t l, phi;
    int r = 0;

    arb_init(l);
    arb_init(phi);
    arb_set_arf(l, x);
    gfc_dual_residual(phi, l, D, prec);
    if (arb_is_zero(phi))
        r = 2;
    else if (arb_is_finite(phi) && arb_is_positive(phi))
        r = mono;
    else if (arb_is_finite(phi) && arb_is_negative(phi))
        r = -mono;
    arb_clear(l);
    arb_clear(phi);
    return r;
}

/*
 * n = 1 and a table that proves Phi continuous on R and strictly
 * monotone (D->monotone): if mono Phi(lo) < 0 < mono Phi(hi) at exact
 * points lo < hi, Phi has a root in (lo, hi) by the intermediate value
 * theorem, and no other root on R by strict monotonicity.  No Jacobian
 * is needed, so a root where Phi' = 0 (cases B02) is covered.  The
 * bracket is found around the Newton centre c and then halved while the
 * sign at the midpoint is decided.  Returns 1 and box = [lo, hi].
 */
static int
bias_bracket(arb_t box, const arb_t c, const gfc_dual_t D, slong prec)
{
    arf_t lo, hi, mid, rho;
    mag_t scale, limit;
    slong it;
    int mono = D->monotone, slo = 0, shi = 0, sm, ok = 0;

    arf_init(lo);
    arf_init(hi);
    arf_init(mid);
    arf_init(rho);
    mag_init(scale);
    mag_init(limit);
    lambda_scale(scale, c, D);
    if (mag_is_zero(scale) || !mag_is_finite(scale) || !arb_is_exact(c))
        goto done;
    mag_mul_2exp_si(limit, scale, BRACKET_LIMIT_LOG2);
    arf_set_mag(rho, scale);
    arf_mul_2exp_si(rho, rho, 10 - prec);
    while (arf_cmpabs_mag(rho, limit) <= 0)
    {
        /* exact endpoints: the proof evaluates Phi at these points */
        arf_sub(lo, arb_midref(c), rho, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_add(hi, arb_midref(c), rho, ARF_PREC_EXACT, ARF_RND_DOWN);
        slo = bracket_sign(lo, mono, D, prec);
        shi = bracket_sign(hi, mono, D, prec);
        if (slo == 2 || shi == 2 || (slo == -1 && shi == 1))
            break;
        arf_mul_2exp_si(rho, rho, BRACKET_GROWTH_LOG2);
    }
    if (slo == 2 || shi == 2)
    {
        arb_set_arf(box, (slo == 2) ? lo : hi);
        ok = 1;
        goto done;
    }
    if (!(slo == -1 && shi == 1))
        goto done;
    ok = 1;
    for (it = 0; it < 2 * prec; it++)
    {
        arf_add(mid, lo, hi, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si(mid, mid, -1);
        /* stop at the resolution of prec bits: the endpoints would grow
           past the precision of everything else */
        if (arf_bits(mid) > prec)
            break;
        sm = bracket_sign(mid, mono, D, prec);
        if (sm == 2)
        {
            arf_set(lo, mid);
            arf_set(hi, mid);
            break;
        }
        if (sm == 0)
            break;
        if (sm < 0)
            arf_swap(lo, mid);
        else
            arf_swap(hi, mid);
    }
    arb_set_interval_arf(box, lo, hi, prec);

done:
    if (!ok)
        arb_indeterminate(box);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(mid);
    arf_clear(rho);
    mag_clear(scale);
    mag_clear(limit);
    return ok;
}

/* Whether the Jacobian may be singular near the centre c: over the box
   c +- max(2^-(prec/2) scale, 4 |Newton correction|), which reaches the
   root even when Newton crawls towards a multiple root (it halves the
   distance per step there, so the correction is about half of it), the
   Jacobian is not finite or its determinant contains 0.  Only the
   message depends on it. */
static int
jacobian_maybe_singular(arb_srcptr c, const gfc_dual_t D, slong prec)
{
    slong n = D->n, i;
    arb_ptr box = _arb_vec_init(n);
    arb_ptr z = _arb_vec_init(D->d);
    arb_mat_t J, rhs, u;
    arb_t det;
    mag_t r, t;
    int sing = 0;

    arb_mat_init(J, n, n);
    arb_mat_init(rhs, n, 1);
    arb_mat_init(u, n, 1);
    arb_init(det);
    mag_init(r);
    mag_init(t);
    gfc_dual_z(z, c, D, prec);
    D->ops->jacobian(J, z, D, prec);
    arb_mat_get_mid(J, J);
    gfc_dual_residual(box, c, D, prec);
    for (i = 0; i < n; i++)
        arb_get_mid_arb(arb_mat_entry(rhs, i, 0), box + i);
    if (!arb_mat_approx_solve(u, J, rhs, prec))
        sing = 1;
    for (i = 0; i < n && !sing; i++)
    {
        lambda_scale(r, c + i, D);
        mag_mul_2exp_si(r, r, -(prec / 2));
        arb_get_mag(t, arb_mat_entry(u, i, 0));
        mag_mul_2exp_si(t, t, 2);
        mag_max(r, r, t);
        arb_set(box + i, c + i);
        arb_add_error_mag(box + i, r);
    }
    if (!sing)
    {
        gfc_dual_z(z, box, D, prec);
        D->ops->jacobian(J, z, D, prec);
        arb_mat_det(det, J, prec);
        sing = !arb_is_finite(det) || arb_contains_zero(det);
    }
    _arb_vec_clear(box, n);
    _arb_vec_clear(z, D->d);
    arb_mat_clear(J);
    arb_mat_clear(rhs);
    arb_mat_clear(u);
    arb_clear(det);
    mag_clear(r);
    mag_clear(t);
    return sing;
}

/* Whether the Newton centre has a small residual (NEAR_ROOT_FRACTION). */
static int
near_root(arb_srcptr c, const gfc_dual_t D, slong prec)
{
    arb_ptr phi = _arb_vec_init(D->n);
    mag_t t, rmax, ymax;
    slong i;
    int near = 1;

    mag_init(t);
    mag_init(rmax);
    mag_init(ymax);
    gfc_dual_residual(phi, c, D, prec);
    mag_one(ymax);
    for (i = 0; i < D->n; i++)
    {
        if (!arb_is_finite(phi + i))
            near = 0;
        arb_get_mag(t, phi + i);
        mag_max(rmax, rmax, t);
        arb_get_mag(t, D->y + i);
        mag_max(ymax, ymax, t);
    }
    mag_mul_2exp_si(ymax, ymax, -FLINT_MIN(prec / NEAR_ROOT_FRACTION,
                                           NEAR_ROOT_MAX_BITS));
    if (mag_cmp(rmax, ymax) > 0)
        near = 0;
    _arb_vec_clear(phi, D->n);
    mag_clear(t);
    mag_clear(rmax);
    mag_clear(ymax);
    return near;
}

/* With B->lambda a proven enclosure of the root: beta, Q and the norms.
   Returns 1, or 0 with a reason when beta is not finite. */
static int
bias_finish(gfc_bias_t B, const gfc_problem_t P, const gfc_dual_t D,
            slong prec)
{
    arb_ptr z = _arb_vec_init(B->d);
    slong i;
    int ok = 1;

    gfc_dual_z(z, B->lambda, D, prec);
    D->ops->map(B->beta, z, D, prec);
    for (i = 0; i < B->d && ok; i++)
        if (!arb_is_finite(B->beta + i))
        {
            snprintf(B->reason, sizeof(B->reason), "beta[%ld] is not "
                     "finite at %ld bits", (long) i, (long) prec);
            ok = 0;
        }
    if (ok)
    {
        if (D->has_potential)
        {
            D->ops->potential(B->Q, B->beta, z, D, prec);
            B->has_Q = arb_is_finite(B->Q);
        }
        if (!B->has_Q)
            arb_indeterminate(B->Q);
        bias_norms(B, P, prec);
        B->proven = 1;
        B->reason[0] = '\0';
    }
    _arb_vec_clear(z, B->d);
    return ok;
}

/*
 * One attempt at precision prec from the start lambda0 (n exact entries,
 * or NULL for 0) on the branch signs (NULL: the start's).  Returns 1 (B
 * proven), 0 (not proven here; more precision may help) or -1 (no
 * precision can help: no dual map, the regularizer is undefined for the
 * start, or a system without a convex objective where Newton found no
 * root).
 */
static int
bias_attempt(gfc_bias_t B, const gfc_problem_t P, arb_srcptr lambda0,
             slong prec, const int *signs)
{
    gfc_dual_t D;
    arb_ptr c;
    slong i, iters;
    int status = 0, ok;

    bias_forget(B);
    B->prec = prec;
    B->method = "krawczyk";
    c = _arb_vec_init(B->n);
    if (!gfc_dual_init_branch(D, P, prec, signs, B->reason,
                              sizeof(B->reason)))
    {
        status = -1;
        goto done;
    }
    B->branch_flipped = D->branch_flipped;
    for (i = 0; i < B->m && i < D->nbranch; i++)
        B->branch[i] = D->branch[i];
    if (lambda0 != NULL)
        for (i = 0; i < B->n; i++)
            if (arb_is_finite(lambda0 + i))
                arb_get_mid_arb(c + i, lambda0 + i);

    iters = gfc_bias_newton(c, D, GFC_BIAS_NEWTON_MAXIT, prec);
    B->newton_iters += iters;
    ok = gfc_bias_krawczyk(B->lambda, c, D, prec);
    if (!ok && D->restart != NULL && !near_root(c, D, prec))
    {
        /* The table's second start, for a domain in pieces. */
        for (i = 0; i < B->n; i++)
            arb_set(c + i, D->restart + i);
        iters = gfc_bias_newton(c, D, GFC_BIAS_NEWTON_MAXIT, prec);
        B->newton_iters += iters;
        ok = gfc_bias_krawczyk(B->lambda, c, D, prec);
    }
    if (!ok)
    {
        if (B->n == 1 && D->monotone != 0
            && bias_bracket(B->lambda, c, D, prec))
            B->method = "sign change";
        else if (!near_root(c, D, prec))
        {
            snprintf(B->reason, sizeof(B->reason), "no root found for %s "
                     "(Newton stopped after %ld steps at %ld bits with a "
                     "residual far from 0)", D->system, (long) iters,
                     (long) prec);
            /* Without a convex objective Newton has no global
               convergence; more bits repeat the same path. */
            if (D->direction == 0)
                status = -1;
            goto done;
        }
        else if (jacobian_maybe_singular(c, D, prec))
        {
            snprintf(B->reason, sizeof(B->reason), "Krawczyk test failed "
                     "at %ld bits (after %ld Newton steps): singular "
                     "Jacobian at the root (Phi' is not proven invertible "
                     "near the approximate root, so no box around it can "
                     "be proven to hold exactly one root)", (long) prec,
                     (long) iters);
            goto done;
        }
        else
        {
            snprintf(B->reason, sizeof(B->reason), "Krawczyk test failed "
                     "at %ld bits (after %ld Newton steps)", (long) prec,
                     (long) iters);
            goto done;
        }
    }

    status = bias_finish(B, P, D, prec);

done:
    if (status != 1)
        bias_forget(B);
    gfc_dual_clear(D);
    _arb_vec_clear(c, B->n);
    return status;
}

int
gfc_bias_check_box(gfc_bias_t B, const gfc_problem_t P, arb_srcptr box,
                   slong prec, const int *signs)
{
    gfc_dual_t D;
    slong i;
    int ok = 0;

    bias_forget(B);
    B->prec = prec;
    B->newton_iters = 0;
    B->method = "krawczyk";
    if (!gfc_dual_init_branch(D, P, prec, signs, B->reason,
                              sizeof(B->reason)))
        return 0;
    B->branch_flipped = D->branch_flipped;
    for (i = 0; i < B->m && i < D->nbranch; i++)
        B->branch[i] = D->branch[i];
    if (gfc_bias_krawczyk_box(B->lambda, box, D, prec))
        ok = 1;
    else if (B->n == 1 && D->monotone != 0 && arb_is_finite(box))
    {
        /* The proof of bias_bracket at the box's own endpoints. */
        arf_t lo, hi;

        arf_init(lo);
        arf_init(hi);
        arb_get_lbound_arf(lo, box, ARF_PREC_EXACT);
        arb_get_ubound_arf(hi, box, ARF_PREC_EXACT);
        if (bracket_sign(lo, D->monotone, D, prec) == -1
            && bracket_sign(hi, D->monotone, D, prec) == 1)
        {
            arb_set_interval_arf(B->lambda, lo, hi, prec);
            B->method = "sign change";
            ok = 1;
        }
        arf_clear(lo);
        arf_clear(hi);
    }
    if (!ok)
        snprintf(B->reason, sizeof(B->reason), "neither the Krawczyk test "
                 "nor a sign change proves a unique root of %s in the "
                 "given box at %ld bits", D->system, (long) prec);
    else
        ok = bias_finish(B, P, D, prec);
    if (!ok)
        bias_forget(B);
    gfc_dual_clear(D);
    return ok;
}

int
gfc_bias_solve_prec(gfc_bias_t B, const gfc_problem_t P, slong prec)
{
    return gfc_bias_solve_prec_branch(B, P, prec, NULL);
}

int
gfc_bias_solve_prec_branch(gfc_bias_t B, const gfc_problem_t P,
                           slong prec, const int *signs)
{
    B->newton_iters = 0;
    return bias_attempt(B, P, NULL, prec, signs) == 1;
}

int
gfc_bias_accurate(const arb_t x, const mag_t scale, slong digits)
{
    mag_t ten, tol, lo;
    int ok;

    if (!arb_is_finite(x))
        return 0;
    if (arb_is_exact(x))
        return 1;
    mag_init(ten);
    mag_init(tol);
    mag_init(lo);

    /* tol = a lower bound of 10^-digits / 2; the factor 1/2 leaves half a
       unit in the last place for rounding the midpoint to digits figures,
       so a printed value is within one unit of every point of x. */
    mag_set_ui(ten, 10);
    mag_pow_ui(tol, ten, (ulong) digits);
    mag_inv_lower(tol, tol);
    mag_mul_2exp_si(tol, tol, -1);

    if (arb_contains_zero(x))
    {
        if (!mag_is_zero(scale))
            mag_mul_lower(tol, tol, scale);
    }
    else
    {
        arb_get_mag_lower(lo, x);
        mag_mul_lower(tol, tol, lo);
    }
    ok = mag_cmp(arb_radref(x), tol) <= 0;

    mag_clear(ten);
    mag_clear(tol);
    mag_clear(lo);
    return ok;
}

/* Proven lower bound of ||v||_inf from the balls themselves. */
static void
vec_norm_lower(mag_t s, arb_srcptr v, slong len)
{
    mag_t t;
    slong i;

    mag_init(t);
    mag_zero(s);
    for (i = 0; i < len; i++)
    {
        arb_get_mag_lower(t, v + i);
        mag_max(s, s, t);
    }
    mag_clear(t);
}

/* First coordinate (lambda first, then beta) that misses the rule, or
   -1.  *which is "lambda" or "beta". */
static slong
bias_inaccurate(const gfc_bias_t B, const gfc_problem_t P, slong digits,
                const char **which)
{
    mag_t s, t;
    arb_t r, a;
    slong i, j, bad = -1;

    mag_init(s);
    mag_init(t);
    arb_init(r);
    arb_init(a);

    vec_norm_lower(s, B->lambda, B->n);
    for (i = 0; i < B->n && bad < 0; i++)
        if (!gfc_bias_accurate(B->lambda + i, s, digits))
        {
            bad = i;
            *which = "lambda";
        }

    /* ||beta||_inf >= |y_i| / ||X_i||_1 for every row, since X beta = y;
       this scale exists even when every beta ball straddles 0. */
    vec_norm_lower(s, B->beta, B->d);
    for (i = 0; i < P->n; i++)
    {
        arb_zero(r);
        for (j = 0; j < P->d; j++)
        {
            arb_set_fmpq(a, fmpq_mat_entry(P->X, i, j), B->prec);
            arb_abs(a, a);
            arb_add(r, r, a, B->prec);
        }
        arb_set_fmpq(a, P->y + i, B->prec);
        arb_abs(a, a);
        arb_div(a, a, r, B->prec);
        arb_get_mag_lower(t, a);
        mag_max(s, s, t);
    }
    for (i = 0; i < B->d && bad < 0; i++)
        if (!gfc_bias_accurate(B->beta + i, s, digits))
        {
            bad = i;
            *which = "beta";
        }

    mag_clear(s);
    mag_clear(t);
    arb_clear(r);
    arb_clear(a);
    return bad;
}

int
gfc_bias_solve(gfc_bias_t B, const gfc_problem_t P, slong digits,
               slong max_prec)
{
    return gfc_bias_solve_branch(B, P, digits, max_prec, NULL);
}

int
gfc_bias_solve_branch(gfc_bias_t B, const gfc_problem_t P, slong digits,
                      slong max_prec, const int *signs)
{
    gfc_bias_t T;
    slong prec, bad = -1, j;
    const char *which = "beta";
    int status = 0, have = 0;
    char last[512];

    if (max_prec <= 0)
        max_prec = GFC_BIAS_MAX_PREC;
    if (digits < 1)
        digits = 1;
    /* 3.322 > log2(10) bits per digit, plus 64 guard bits for the
       conditioning of the dual Jacobian and the rounding of the map. */
    prec = (digits * 3322 + 999) / 1000 + 64;
    if (prec > max_prec)
        prec = max_prec;

    bias_forget(B);
    B->newton_iters = 0;
    B->reason[0] = '\0';
    gfc_bias_init(T, P);
    last[0] = '\0';

    for (;;)
    {
        T->newton_iters = 0;
        status = bias_attempt(T, P, have ? B->lambda : NULL, prec, signs);
        B->newton_iters += T->newton_iters;
        if (status < 0)
        {
            snprintf(B->reason, sizeof(B->reason), "%s", T->reason);
            break;
        }
        if (status == 1)
        {
            /* Keep the newest proven result; its centre warm-starts
               the next attempt. */
            slong its = B->newton_iters;

            bias_swap(B, T);
            B->newton_iters = its;
            have = 1;
            bad = bias_inaccurate(B, P, digits, &which);
            if (bad < 0)
                break;
        }
        else
            snprintf(last, sizeof(last), "%s", T->reason);
        if (prec >= max_prec)
            break;
        prec = (2 * prec > max_prec) ? max_prec : 2 * prec;
    }

    if (!have)
    {
        /* The branch of the last attempt, for the caller's report. */
        B->prec = prec;
        B->branch_flipped = T->branch_flipped;
        for (j = 0; j < B->m; j++)
            B->branch[j] = T->branch[j];
    }
    if (status >= 0 && !(have && bad < 0))
    {
        if (have)
            snprintf(B->reason, sizeof(B->reason), "precision cap of %ld "
                     "bits reached: the enclosures are proven but %s[%ld] "
                     "has fewer than %ld certified digits", (long) max_prec,
                     which, (long) bad, (long) digits);
        else
            snprintf(B->reason, sizeof(B->reason), "precision cap of %ld "
                     "bits reached: %.400s", (long) max_prec, last);
    }
    gfc_bias_clear(T);
    return have && bad < 0 && status >= 0;
}
