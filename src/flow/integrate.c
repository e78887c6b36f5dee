/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Validated integration by an a-posteriori defect bound (the method and
 * its proof: doc/flow.md, sections 1 to 3).
 *
 * Each step builds the Taylor polynomial p(tau) of the flow at an exact
 * centre (its coefficients are exact binary numbers, so p is an exact
 * piecewise-polynomial path).  The defect p' - f(p) is computed exactly as
 * a polynomial in ball arithmetic and bounded on [0, h].  With mu an upper
 * bound for the logarithmic 2-norm of Df on a tube of radius rho around
 * p([0, h]), the error e = theta - p obeys |e|' <= mu |e| + defect, so
 * |e(h)| <= exp(mu h)(|e(0)| + h defect) as long as |e| <= rho, and the
 * step is accepted only when that bound is itself <= rho.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "flow.h"

double
gfc_clock(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

void
gfc_schedule_init(gfc_schedule_t S)
{
    S->len = 0;
    S->alloc = 0;
    S->h = NULL;
    S->order = NULL;
}

void
gfc_schedule_clear(gfc_schedule_t S)
{
    slong i;

    for (i = 0; i < S->alloc; i++)
        arf_clear(S->h + i);
    flint_free(S->h);
    flint_free(S->order);
    gfc_schedule_init(S);
}

void
gfc_schedule_push(gfc_schedule_t S, const arf_t h, slong order)
{
    slong i;

    if (S->len == S->alloc)
    {
        slong na = FLINT_MAX(16, 2 * S->alloc);

        S->h = flint_realloc(S->h, na * sizeof(arf_struct));
        S->order = flint_realloc(S->order, na * sizeof(slong));
        for (i = S->alloc; i < na; i++)
            arf_init(S->h + i);
        S->alloc = na;
    }
    arf_set(S->h + S->len, h);
    S->order[S->len] = order;
    S->len++;
}

void
gfc_flow_opts_init(gfc_flow_opts *o, slong prec)
{
    memset(o, 0, sizeof(*o));
    o->prec = prec;
    mag_init(&o->target);
    mag_one(&o->target);
}

void
gfc_flow_opts_clear(gfc_flow_opts *o)
{
    mag_clear(&o->target);
}

void
gfc_flow_init(gfc_flow_t F, const gfc_problem_t P)
{
    memset(F, 0, sizeof(gfc_flow_struct));
    F->n = P->n;
    F->d = P->d;
    arb_init(F->T);
    mag_init(F->err_T);
    mag_init(F->resid_T);
    arf_init(F->lambda_lo);
    mag_init(F->radius);
    mag_init(F->tail);
    mag_init(F->growth);
    F->beta = _arb_vec_init(P->d);
    F->N = P->N;
    F->theta = _arb_vec_init(P->N);
    F->nbranch = (P->model == GFC_MODEL_DIAG) ? 0 : P->m;
    F->branch_touch = flint_calloc(FLINT_MAX(F->nbranch, 1), sizeof(int));
    F->branch_inf = _arb_vec_init(FLINT_MAX(F->nbranch, 1));
    gfc_schedule_init(F->sched);
}

void
gfc_flow_clear(gfc_flow_t F)
{
    slong i;

    if (F->probe != NULL)
        _arb_vec_clear(F->probe, F->nprobe * F->d);
    for (i = 0; i < F->traj_len; i++)
    {
        arb_clear(F->traj[i].t);
        arb_clear(F->traj[i].loss);
        _arb_vec_clear(F->traj[i].beta, F->d);
    }
    flint_free(F->traj);
    arb_clear(F->T);
    mag_clear(F->err_T);
    mag_clear(F->resid_T);
    arf_clear(F->lambda_lo);
    mag_clear(F->radius);
    mag_clear(F->tail);
    mag_clear(F->growth);
    _arb_vec_clear(F->beta, F->d);
    _arb_vec_clear(F->theta, F->N);
    flint_free(F->branch_touch);
    _arb_vec_clear(F->branch_inf, FLINT_MAX(F->nbranch, 1));
    gfc_schedule_clear(F->sched);
}

/* The Taylor order grows with the precision: with error (h/rho)^order
   per step at tolerance 2^-prec, order ~ 0.35 prec minimises the total
   cost order^2 / h.  A smaller factor keeps the per-step cost moderate. */
static slong
taylor_order(slong prec)
{
    slong P = (slong) (0.2 * (double) prec);

    return FLINT_MAX(12, FLINT_MIN(P, 300));
}

/* Step size from the decay of the last two Taylor coefficients, rounded
   down to a dyadic number with an 8-bit mantissa so that times and step
   sizes are exact and short in the certificate.  Heuristic only: the
   defect bound decides whether a step is valid. */
static void
choose_step(arf_t h, arb_srcptr c, slong N, slong len, slong prec)
{
    slong i, j;
    double lx = 0.0, lh = 30.0, la, frac;
    mag_t a, t;

    mag_init(a);
    mag_init(t);
    mag_zero(a);
    for (i = 0; i < N; i++)
    {
        arb_get_mag(t, c + i * len);
        mag_max(a, a, t);
    }
    if (!mag_is_zero(a))
        lx = FLINT_MAX(0.0, mag_get_d_log2_approx(a));
    for (j = FLINT_MAX(1, len - 2); j < len; j++)
    {
        mag_zero(a);
        for (i = 0; i < N; i++)
        {
            arb_get_mag(t, c + i * len + j);
            mag_max(a, a, t);
        }
        if (mag_is_zero(a))
            continue;
        la = mag_get_d_log2_approx(a);
        lh = FLINT_MIN(lh, ((double) -prec + lx - la) / (double) j);
    }
    lh = FLINT_MAX(lh, -1000.0);
    frac = lh - floor(lh);
    arf_set_si(h, (slong) floor(128.0 * pow(2.0, frac)));
    arf_mul_2exp_si(h, h, (slong) floor(lh) - 7);
    mag_clear(a);
    mag_clear(t);
}

static void
rad_norm2_upper(mag_t res, arb_srcptr v, slong len)
{
    slong i;

    mag_zero(res);
    for (i = 0; i < len; i++)
        mag_addmul(res, arb_radref(v + i), arb_radref(v + i));
    mag_sqrt(res, res);
}

/* sup over tau in [0, h] of ||p'(tau) - f(p(tau))||_2, from the exact
   polynomial defect: each component is bounded by sum_j |delta_j| h^j. */
static void
defect_bound(mag_t res, const gfc_model_ops *M, const gfc_data_t D,
             arb_srcptr c, slong len, const mag_t h, slong prec)
{
    slong N = D->N, lf = M->field_len(len), i, j;
    arb_ptr f = _arb_vec_init(N * lf);
    arb_t del;
    mag_t m, hp, t;

    arb_init(del);
    mag_init(m);
    mag_init(hp);
    mag_init(t);
    M->field_poly(f, c, len, lf, D, prec);
    mag_zero(res);
    for (i = 0; i < N; i++)
    {
        mag_zero(m);
        mag_one(hp);
        for (j = 0; j < lf; j++)
        {
            if (j + 1 < len)
            {
                arb_mul_si(del, c + i * len + j + 1, j + 1, prec);
                arb_sub(del, del, f + i * lf + j, prec);
            }
            else
                arb_set(del, f + i * lf + j);
            arb_get_mag(t, del);
            mag_addmul(m, t, hp);
            mag_mul(hp, hp, h);
        }
        mag_addmul(res, m, m);
    }
    mag_sqrt(res, res);
    mag_clear(t);
    mag_clear(hp);
    mag_clear(m);
    arb_clear(del);
    _arb_vec_clear(f, N * lf);
}

static void
record_point(gfc_flow_t F, const gfc_model_ops *M, const gfc_data_t D,
             arb_srcptr x, const mag_t e, const arf_t t, slong prec)
{
    slong N = D->N, i;
    arb_ptr box = _arb_vec_init(N), r = _arb_vec_init(D->n);
    gfc_traj_point *q;

    if (F->traj_len == F->traj_alloc)
    {
        F->traj_alloc = FLINT_MAX(64, 2 * F->traj_alloc);
        F->traj = flint_realloc(F->traj,
                                F->traj_alloc * sizeof(gfc_traj_point));
    }
    q = F->traj + F->traj_len;
    arb_init(q->t);
    arb_init(q->loss);
    q->beta = _arb_vec_init(D->d);
    F->traj_len++;

    gfc_box_around(box, x, e, N);
    M->beta(q->beta, box, D, prec);
    gfc_data_residual(r, q->beta, D, prec);
    arb_dot(q->loss, NULL, 0, r, 1, r, 1, D->n, prec);
    arb_div_si(q->loss, q->loss, 2 * D->n, prec);
    /* Kept at 64 bits: enough to plot, and rounding keeps containment. */
    arb_set_round(q->loss, q->loss, 64);
    for (i = 0; i < D->d; i++)
        arb_set_round(q->beta + i, q->beta + i, 64);
    arb_set_arf(q->t, t);
    _arb_vec_clear(r, D->n);
    _arb_vec_clear(box, N);
}

/* beta(theta(t*)) for the probe times t* in [t, t + h]: the polynomial at
   tau = t* - t (an exact rational, enclosed), widened by the bound E that
   holds on the whole step. */
static void
probe_step(gfc_flow_t F, const gfc_flow_opts *o, const gfc_model_ops *M,
           const gfc_data_t D, arb_srcptr c, slong len, const arf_t t,
           const arf_t h, const mag_t E, slong prec)
{
    slong N = D->N, i;
    arb_ptr th;
    arb_t tau;
    fmpq_t tk, end, q;
    arf_t e;

    if (F->nprobe_done >= o->nprobe)
        return;
    th = _arb_vec_init(N);
    arb_init(tau);
    fmpq_init(tk);
    fmpq_init(end);
    fmpq_init(q);
    arf_init(e);
    /* Step ends compared exactly, so a probe time is always covered by a
       step whose bound holds at it. */
    arf_get_fmpq(tk, t);
    arf_add(e, t, h, ARF_PREC_EXACT, ARF_RND_DOWN);
    arf_get_fmpq(end, e);
    while (F->nprobe_done < o->nprobe
           && fmpq_cmp(o->probe + F->nprobe_done, end) <= 0)
    {
        fmpq_sub(q, o->probe + F->nprobe_done, tk);
        arb_set_fmpq(tau, q, prec);
        for (i = 0; i < N; i++)
        {
            _arb_poly_evaluate(th + i, c + i * len, len, tau, prec);
            mag_add(arb_radref(th + i), arb_radref(th + i), E);
        }
        M->beta(F->probe + F->nprobe_done * D->d, th, D, prec);
        F->nprobe_done++;
    }
    arf_clear(e);
    fmpq_clear(q);
    fmpq_clear(end);
    fmpq_clear(tk);
    arb_clear(tau);
    _arb_vec_clear(th, N);
}

/* Horner's scheme on all of [0, h] overestimates the range of a scalar
   that starts near 0 (the output weight of a tiny start); on BRANCH_PIECES
   subintervals the enclosures are tight enough to show that it keeps its
   sign.  The flag is set only when some piece still contains 0. */
#define BRANCH_PIECES 32

static void
branch_refine(gfc_flow_t F, const gfc_model_ops *M, const gfc_data_t D,
              arb_srcptr c, slong len, const arf_t h, const mag_t rho,
              slong which, slong prec)
{
    slong N = D->N, i, k;
    arb_ptr box = _arb_vec_init(N), bv = _arb_vec_init(F->nbranch);
    arf_t lo, hi;
    arb_t tau;

    arf_init(lo);
    arf_init(hi);
    arb_init(tau);
    for (k = 0; k < BRANCH_PIECES && !F->branch_touch[which]; k++)
    {
        arf_mul_si(lo, h, k, prec, ARF_RND_DOWN);
        arf_mul_si(hi, h, k + 1, prec, ARF_RND_UP);
        arf_div_si(lo, lo, BRANCH_PIECES, prec, ARF_RND_DOWN);
        arf_div_si(hi, hi, BRANCH_PIECES, prec, ARF_RND_UP);
        arb_set_interval_arf(tau, lo, hi, prec);
        for (i = 0; i < N; i++)
        {
            _arb_poly_evaluate(box + i, c + i * len, len, tau, prec);
            mag_add(arb_radref(box + i), arb_radref(box + i), rho);
        }
        M->branch(bv, box, D, prec);
        if (arb_contains_zero(bv + which))
            F->branch_touch[which] = 1;
    }
    arb_clear(tau);
    arf_clear(hi);
    arf_clear(lo);
    _arb_vec_clear(bv, F->nbranch);
    _arb_vec_clear(box, N);
}

/* max over coordinates of the radius of beta on the ball x +- e, and the
   2-norm of the residual there: the progress measures of the run. */
static void
ball_measures(mag_t brad, mag_t rnorm, const gfc_model_ops *M,
              const gfc_data_t D, arb_srcptr x, const mag_t e, slong prec)
{
    slong N = D->N, i;
    arb_ptr box = _arb_vec_init(N), beta = _arb_vec_init(D->d);
    arb_ptr r = _arb_vec_init(D->n);

    gfc_box_around(box, x, e, N);
    M->beta(beta, box, D, prec);
    mag_zero(brad);
    for (i = 0; i < D->d; i++)
        mag_max(brad, brad, arb_radref(beta + i));
    gfc_data_residual(r, beta, D, prec);
    gfc_vec_norm2_upper(rnorm, r, D->n);
    _arb_vec_clear(r, D->n);
    _arb_vec_clear(beta, D->d);
    _arb_vec_clear(box, N);
}

static void
max_rad(mag_t res, arb_srcptr v, slong len)
{
    slong i;

    mag_zero(res);
    for (i = 0; i < len; i++)
        mag_max(res, res, arb_radref(v + i));
}

int
gfc_flow_run(gfc_flow_t F, const gfc_problem_t P, const gfc_flow_opts *o)
{
    const gfc_model_ops *M = gfc_model_get(P->model);
    slong prec = o->prec, N = P->N, maxlen, len, order, i, tries;
    slong next_tail = 0;
    gfc_data_t D;
    arb_ptr x, c, box, bv;
    arb_t tau, val;
    arf_t t, h, hmax, zero;
    mag_t e, dfct, hm, rho, mu, E, amp, jump, brad, rnorm, tol, tmp;
    double last_report = gfc_clock();
    int proven = 0, done = 0;

    F->proven = 0;
    F->prec = prec;
    F->steps = 0;
    F->reason[0] = '\0';
    if (M == NULL)
    {
        snprintf(F->reason, sizeof(F->reason), "no flow for this model");
        return 0;
    }

    if (o->nprobe > 0 && F->probe == NULL)
    {
        F->nprobe = o->nprobe;
        F->probe = _arb_vec_init(o->nprobe * P->d);
        F->nprobe_done = 0;
    }
    /* The defect needs N polynomials of degree 3 order: refuse sizes whose
       working memory would not fit a machine (about 2^24 balls). */
    if ((double) N * (double) M->field_len(taylor_order(prec) + 1)
        > (double) ((slong) 1 << 24))
    {
        snprintf(F->reason, sizeof(F->reason),
                 "the problem is too large for the integrator (N = %ld "
                 "parameters at %ld bits)", (long) N, (long) prec);
        return 0;
    }
    gfc_data_init(D, P, prec);
    if (M->nbranch(D) != F->nbranch)
        gfc_abort("gfc_flow_run: flow record built for another model");
    maxlen = (o->replay != NULL) ? 2 : taylor_order(prec) + 1;
    if (o->replay != NULL)
        for (i = 0; i < o->replay->len; i++)
            maxlen = FLINT_MAX(maxlen, o->replay->order[i] + 1);
    x = _arb_vec_init(N);
    c = _arb_vec_init(N * maxlen);
    box = _arb_vec_init(N);
    bv = _arb_vec_init(FLINT_MAX(F->nbranch, 1));
    arb_init(tau);
    arb_init(val);
    arf_init(t);
    arf_init(h);
    arf_init(zero);
    arf_init(hmax);
    mag_init(e);
    mag_init(dfct);
    mag_init(hm);
    mag_init(rho);
    mag_init(mu);
    mag_init(E);
    mag_init(amp);
    mag_init(jump);
    mag_init(brad);
    mag_init(rnorm);
    mag_init(tol);
    mag_init(tmp);

    /* The exact start is enclosed by balls; their centres start the path
       and their radii the error. */
    for (i = 0; i < N; i++)
        arb_get_mid_arb(x + i, D->theta0 + i);
    rad_norm2_upper(e, D->theta0, N);
    mag_one(F->growth);
    arf_zero(t);

    while (!done)
    {
        if (o->replay != NULL)
        {
            if (F->steps >= o->replay->len)
                break;
            order = o->replay->order[F->steps];
            arf_set(h, o->replay->h + F->steps);
        }
        else
            order = taylor_order(prec);
        len = order + 1;

        for (i = 0; i < N; i++)
        {
            arb_set(c + i * len, x + i);
            _arb_vec_zero(c + i * len + 1, len - 1);
        }
        M->taylor(c, len, D, prec);
        for (i = 0; i < N * len; i++)
            arb_get_mid_arb(c + i, c + i);
        if (o->replay == NULL)
        {
            choose_step(h, c, N, len, prec);
            /* Growing by at most 2 per step avoids many rejected (halved)
               attempts, each of which costs a full defect bound. */
            if (F->steps > 0)
            {
                arf_mul_2exp_si(hmax, F->sched->h + F->steps - 1, 1);
                if (arf_cmp(h, hmax) > 0)
                    arf_set(h, hmax);
            }
        }

        /* The defect must stay near the working tolerance; otherwise the
           step is too long for this order. */
        gfc_vec_norm2_upper(tol, x, N);
        mag_one(tmp);
        mag_max(tol, tol, tmp);
        mag_mul_2exp_si(tol, tol, 8 - prec);
        for (tries = 0;; tries++)
        {
            int accepted = 0, k;

            arf_get_mag(hm, h);
            defect_bound(dfct, M, D, c, len, hm, prec);
            mag_mul(tmp, dfct, hm);
            if (o->replay == NULL && tries < 60
                && (mag_cmp(tmp, tol) > 0 || !mag_is_finite(tmp)))
            {
                arf_mul_2exp_si(h, h, -1);
                continue;
            }

            arf_zero(zero);
            arb_set_interval_arf(tau, zero, h, prec);
            /* rho: twice the error expected if Df were harmless. */
            mag_add(rho, e, tmp);
            mag_mul_2exp_si(rho, rho, 1);
            for (k = 0; k < 4 && !accepted; k++)
            {
                for (i = 0; i < N; i++)
                {
                    _arb_poly_evaluate(box + i, c + i * len, len, tau, prec);
                    mag_add(arb_radref(box + i), arb_radref(box + i), rho);
                }
                M->lognorm(mu, box, D, prec);
                mag_mul(amp, mu, hm);
                mag_exp(amp, amp);
                mag_add(E, e, tmp);
                mag_mul(E, E, amp);
                if (mag_is_finite(E) && mag_cmp(E, rho) <= 0)
                    accepted = 1;
                else
                    mag_mul_2exp_si(rho, E, 1);
            }
            if (accepted)
            {
                /* The tube holds the true path on the whole step. */
                M->branch(bv, box, D, prec);
                for (i = 0; i < F->nbranch; i++)
                    if (arb_contains_zero(bv + i))
                        branch_refine(F, M, D, c, len, h, rho, i, prec);
                break;
            }
            if (o->replay != NULL || tries >= 60)
            {
                snprintf(F->reason, sizeof(F->reason),
                         "integration: the error bound could not be "
                         "validated on step %ld", (long) F->steps + 1);
                goto cleanup;
            }
            arf_mul_2exp_si(h, h, -1);
        }

        if (o->nprobe > 0)
            probe_step(F, o, M, D, c, len, t, h, E, prec);

        /* Move the centre to the (rounded) end of the polynomial; the
           rounding joins the error. */
        arb_set_arf(tau, h);
        for (i = 0; i < N; i++)
        {
            _arb_poly_evaluate(val, c + i * len, len, tau, prec);
            arb_set(x + i, val);
        }
        rad_norm2_upper(jump, x, N);
        for (i = 0; i < N; i++)
            mag_zero(arb_radref(x + i));
        mag_add(e, E, jump);
        mag_mul(F->growth, F->growth, amp);
        arf_add(t, t, h, ARF_PREC_EXACT, ARF_RND_DOWN);
        gfc_schedule_push(F->sched, h, order);
        F->steps++;
        if (o->record)
            record_point(F, M, D, x, e, t, prec);

        ball_measures(brad, rnorm, M, D, x, e, prec);
        if (o->progress != NULL && gfc_clock() - last_report >= 0.5)
        {
            o->progress(o->progress_arg, "flow", arf_get_d(t, ARF_RND_NEAR),
                        mag_get_d(rnorm), F->steps);
            last_report = gfc_clock();
        }
        if (o->replay == NULL && mag_cmp(brad, &o->target) > 0)
        {
            snprintf(F->reason, sizeof(F->reason),
                     "precision: the integration error alone exceeds the "
                     "target at t = %.6g (%ld bits)",
                     arf_get_d(t, ARF_RND_NEAR), (long) prec);
            goto cleanup;
        }

        /* Try the tail every few percent of the steps so far. */
        if (o->replay == NULL && F->steps >= next_tail)
        {
            next_tail = F->steps + 1 + F->steps / 16;
            if (gfc_tail_close(F, M, D, x, e, prec))
            {
                max_rad(tmp, F->beta, P->d);
                if (mag_cmp(tmp, &o->target) <= 0)
                {
                    done = proven = 1;
                    F->reason[0] = '\0';
                }
                else
                    snprintf(F->reason, sizeof(F->reason),
                             "tail bound closed, but not yet to the target "
                             "accuracy");
            }
        }
        if (!done && ((o->max_steps > 0 && F->steps >= o->max_steps)
                      || (o->deadline > 0 && gfc_clock() > o->deadline)))
        {
            char why[256];

            snprintf(why, sizeof(why), "%.200s", F->reason);
            snprintf(F->reason, sizeof(F->reason),
                     "%s reached at t = %.6g after %ld steps%s%s",
                     (o->max_steps > 0 && F->steps >= o->max_steps)
                         ? "step limit" : "time limit",
                     arf_get_d(t, ARF_RND_NEAR), (long) F->steps,
                     why[0] ? "; last tail attempt: " : "", why);
            goto cleanup;
        }
    }

    if (o->replay != NULL)
        proven = gfc_tail_close(F, M, D, x, e, prec);
    if (proven)
        arb_set_arf(F->T, t);

cleanup:
    F->proven = proven;
    mag_clear(tmp);
    mag_clear(tol);
    mag_clear(rnorm);
    mag_clear(brad);
    mag_clear(jump);
    mag_clear(amp);
    mag_clear(E);
    mag_clear(mu);
    mag_clear(rho);
    mag_clear(hm);
    mag_clear(dfct);
    mag_clear(e);
    arf_clear(zero);
    arf_clear(hmax);
    arf_clear(h);
    arf_clear(t);
    arb_clear(val);
    arb_clear(tau);
    _arb_vec_clear(bv, FLINT_MAX(F->nbranch, 1));
    _arb_vec_clear(box, N);
    _arb_vec_clear(c, N * maxlen);
    _arb_vec_clear(x, N);
    gfc_data_clear(D);
    return proven;
}
