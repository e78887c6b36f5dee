/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The certified minimiser: Newton for a centre, Krawczyk for the proof,
 * the dual map for beta_Q, and a precision loop that grows the box's
 * resolution and the working precision together (cases B04: cond(XX^T)
 * ~ 2e61 needs a few hundred bits before any box can be proven).
 */
#include <stdio.h>
#include <string.h>
#include "bias.h"

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
}

static void
bias_forget(gfc_bias_t B)
{
    B->proven = 0;
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

/*
 * One attempt at precision prec from the start lambda0 (n exact entries,
 * or NULL for 0).  Returns 1 (B proven), 0 (not proven here; more
 * precision may help) or -1 (no precision can help: no dual map, or the
 * regularizer is undefined for the start).
 */
static int
bias_attempt(gfc_bias_t B, const gfc_problem_t P, arb_srcptr lambda0,
             slong prec)
{
    gfc_dual_t D;
    arb_ptr c, z;
    slong i, iters;
    int status = 0;

    bias_forget(B);
    B->prec = prec;
    c = _arb_vec_init(B->n);
    z = _arb_vec_init(B->d);
    if (!gfc_dual_init(D, P, prec, B->reason, sizeof(B->reason)))
    {
        status = -1;
        goto done;
    }
    if (lambda0 != NULL)
        for (i = 0; i < B->n; i++)
            if (arb_is_finite(lambda0 + i))
                arb_get_mid_arb(c + i, lambda0 + i);

    iters = gfc_bias_newton(c, D, GFC_BIAS_NEWTON_MAXIT, prec);
    B->newton_iters += iters;
    if (!gfc_bias_krawczyk(B->lambda, c, D, prec))
    {
        snprintf(B->reason, sizeof(B->reason), "Krawczyk test failed at "
                 "%ld bits (after %ld Newton steps)", (long) prec,
                 (long) iters);
        goto done;
    }

    gfc_dual_z(z, B->lambda, D, prec);
    D->ops->map(B->beta, z, D, prec);
    for (i = 0; i < B->d; i++)
        if (!arb_is_finite(B->beta + i))
        {
            snprintf(B->reason, sizeof(B->reason), "beta[%ld] is not "
                     "finite at %ld bits", (long) i, (long) prec);
            goto done;
        }
    D->ops->potential(B->Q, B->beta, z, D, prec);
    bias_norms(B, P, prec);
    B->proven = 1;
    B->reason[0] = '\0';
    status = 1;

done:
    if (status != 1)
        bias_forget(B);
    gfc_dual_clear(D);
    _arb_vec_clear(c, B->n);
    _arb_vec_clear(z, B->d);
    return status;
}

int
gfc_bias_solve_prec(gfc_bias_t B, const gfc_problem_t P, slong prec)
{
    B->newton_iters = 0;
    return bias_attempt(B, P, NULL, prec) == 1;
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
    gfc_bias_t T;
    slong prec, bad = -1;
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
        status = bias_attempt(T, P, have ? B->lambda : NULL, prec);
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
        B->prec = prec;
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
