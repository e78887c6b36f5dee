/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Dual maps of the fully connected networks (proofs/fc1-paper.md,
 * section 7; proofs/fc-candidate-sum.md, section 4).  Neuron j,
 * with start (w0_j, a0_j) and conserved delta_j = a0_j^2 - ||w0_j||^2,
 * contributes
 *
 *     beta_j(z) = A_j(z) v_j,     v_j = w0_j + z,
 *     A_j(z) = sigma_j sqrt(s_j),  s_j = delta_j + ||v_j||^2,
 *
 * the gradient in z of G_j(z) = sigma_j s_j^(3/2) / 3.  fc1 is one
 * neuron, valued by the paper's closed form; fc ("candidate-sum") adds
 * the neurons at one common z, the candidate of
 * proofs/fc-candidate-sum.md.  sigma_j is the branch: sign(a0_j) unless
 * the caller overrides it.  Derivations and guarantees: doc/api-bias.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include "bias.h"

typedef struct
{
    slong m;
    int *sigma;     /* branch sign in use, m entries */
    int *sign0;     /* sign of a0_j */
    int *dsgn;      /* sign of delta_j, decided exactly */
    arb_ptr delta;  /* delta_j, m */
    arb_ptr half;   /* delta_j / 2, the closed form's d */
    arb_ptr a0cube; /* |a0_j|^3, the objective's value at z = 0 */
    arb_ptr w0;     /* w0_j, m blocks of d */
    arb_ptr t;      /* the closed form's linear term, m blocks of d */
    arb_mat_t G;    /* X X^T */
    arb_ptr restart;    /* n, the second Newton start */
    int has_restart;
}
fc_par;

static void
fc_clear(gfc_dual_struct *D)
{
    fc_par *p = D->par;

    if (p == NULL)
        return;
    free(p->sigma);
    free(p->sign0);
    free(p->dsgn);
    _arb_vec_clear(p->delta, p->m);
    _arb_vec_clear(p->half, p->m);
    _arb_vec_clear(p->a0cube, p->m);
    _arb_vec_clear(p->w0, p->m * D->d);
    _arb_vec_clear(p->t, p->m * D->d);
    arb_mat_clear(p->G);
    _arb_vec_clear(p->restart, D->n);
    free(p);
    D->par = NULL;
    D->branch = NULL;
    D->restart = NULL;
}

static fc_par *
fc_alloc(gfc_dual_struct *D, slong m)
{
    fc_par *p = malloc(sizeof(fc_par));

    if (p == NULL)
        return NULL;
    p->m = m;
    p->sigma = calloc(m, sizeof(int));
    p->sign0 = calloc(m, sizeof(int));
    p->dsgn = calloc(m, sizeof(int));
    if (p->sigma == NULL || p->sign0 == NULL || p->dsgn == NULL)
    {
        free(p->sigma);
        free(p->sign0);
        free(p->dsgn);
        free(p);
        return NULL;
    }
    p->delta = _arb_vec_init(m);
    p->half = _arb_vec_init(m);
    p->a0cube = _arb_vec_init(m);
    p->w0 = _arb_vec_init(m * D->d);
    p->t = _arb_vec_init(m * D->d);
    arb_mat_init(p->G, D->n, D->n);
    p->restart = _arb_vec_init(D->n);
    p->has_restart = 0;
    D->par = p;
    return p;
}

/* The root of an exact square with a sign: exact (rounded to prec as a
   rational) when the square is a rational square, otherwise arb_sqrtpos
   of the exact non-negative value, which is never NaN. */
static void
signed_root(arb_t r, const fmpq_t sq, int sign, slong prec)
{
    fmpz_t a, b;
    fmpq_t q;

    if (sign == 0 || fmpq_is_zero(sq))
    {
        arb_zero(r);
        return;
    }
    if (fmpz_is_square(fmpq_numref(sq)) && fmpz_is_square(fmpq_denref(sq)))
    {
        fmpz_init(a);
        fmpz_init(b);
        fmpq_init(q);
        fmpz_sqrt(a, fmpq_numref(sq));
        fmpz_sqrt(b, fmpq_denref(sq));
        fmpq_set_fmpz_frac(q, a, b);
        arb_set_fmpq(r, q, prec);
        fmpz_clear(a);
        fmpz_clear(b);
        fmpq_clear(q);
    }
    else
    {
        arb_set_fmpq(r, sq, prec);
        arb_sqrtpos(r, r, prec);
    }
    if (sign < 0)
        arb_neg(r, r);
}

/*
 * The closed form's linear term of one neuron,
 *     t = -(3/2) sqrt(sqrt(||b0||^2 + d^2) - d) b0 / ||b0||,
 * with b0 = a0 w0 and d = delta / 2.  With R0 = sqrt(||b0||^2 + d^2),
 * (R0 - d)(R0 + d) = ||b0||^2, so for d > 0 the factor is
 * 1 / sqrt(R0 + d), which avoids the cancellation in R0 - d.  Needs
 * b0 != 0.
 */
static void
linear_term(arb_ptr t, const fmpq *sq, const int *sg, slong d,
            const fmpq_t half, slong prec)
{
    fmpq_t nb, w2;
    arb_t R0, k, a, dd;
    slong i;

    fmpq_init(nb);
    fmpq_init(w2);
    arb_init(R0);
    arb_init(k);
    arb_init(a);
    arb_init(dd);
    for (i = 0; i < d; i++)
        fmpq_add(w2, w2, sq + i);
    fmpq_mul(nb, w2, sq + d);           /* ||b0||^2 = a0^2 ||w0||^2 */
    arb_set_fmpq(dd, half, prec);
    fmpq_mul(w2, half, half);
    fmpq_add(w2, w2, nb);
    arb_set_fmpq(R0, w2, prec);
    arb_sqrtpos(R0, R0, prec);
    if (fmpq_sgn(half) > 0)
    {
        arb_add(k, R0, dd, prec);
        arb_rsqrt(k, k, prec);
    }
    else
    {
        arb_sub(k, R0, dd, prec);
        arb_sqrtpos(k, k, prec);
        arb_set_fmpq(a, nb, prec);
        arb_rsqrt(a, a, prec);
        arb_mul(k, k, a, prec);
    }
    /* b0_i = a0 w0_i, and the factor -3/2 */
    signed_root(a, sq + d, sg[d], prec);
    arb_mul(k, k, a, prec);
    arb_mul_si(k, k, -3, prec);
    arb_mul_2exp_si(k, k, -1);
    for (i = 0; i < d; i++)
    {
        signed_root(a, sq + i, sg[i], prec);
        arb_mul(t + i, k, a, prec);
    }
    fmpq_clear(nb);
    fmpq_clear(w2);
    arb_clear(R0);
    arb_clear(k);
    arb_clear(a);
    arb_clear(dd);
}

/*
 * A second Newton start for a domain in pieces.  With delta_j < 0 the map
 * is defined only where s_j >= 0, which can split lambda-space (for
 * n = 1: two rays), and a root on the far piece is out of reach of
 * Newton from lambda = 0, which cannot cross the gap.  Far out, along
 * lambda = kappa mu with mu = (XX^T)^-1 y and p = X^T mu (so X p = y),
 * v_j ~ kappa p and X beta ~ S |kappa| kappa ||p|| y with S = sum_j
 * sigma_j; kappa = sign(S) / sqrt(|S| ||p||) balances it.  |kappa| is
 * raised to at least 2 R / ||p||, R = max_j (||w0_j|| + sqrt(-delta_j)),
 * so that ||v_j|| >= R + sqrt(-delta_j) and the start lies inside the
 * domain.  A heuristic only: the Krawczyk test still decides.
 */
static void
fc_restart(gfc_dual_struct *D, fc_par *p)
{
    slong n = D->n, i, j, S = 0;
    arb_mat_t G, mu, y;
    arb_t t, np, R, u, w;

    for (j = 0; j < p->m; j++)
        S += p->sigma[j];
    if (S == 0)
        return;
    arb_mat_init(G, n, n);
    arb_mat_init(mu, n, 1);
    arb_mat_init(y, n, 1);
    arb_init(t);
    arb_init(np);
    arb_init(R);
    arb_init(u);
    arb_init(w);
    for (j = 0; j < p->m; j++)
    {
        arb_zero(w);
        for (i = 0; i < D->d; i++)
            arb_addmul(w, p->w0 + j * D->d + i, p->w0 + j * D->d + i,
                       D->prec);
        arb_sqrtpos(w, w, D->prec);
        if (p->dsgn[j] < 0)
        {
            arb_neg(u, p->delta + j);
            arb_sqrtpos(u, u, D->prec);
            arb_add(w, w, u, D->prec);
        }
        arb_max(R, R, w, D->prec);
    }
    arb_mat_get_mid(G, p->G);
    for (i = 0; i < n; i++)
        arb_get_mid_arb(arb_mat_entry(y, i, 0), D->y + i);
    if (arb_mat_approx_solve(mu, G, y, D->prec))
    {
        /* ||p||^2 = mu^T X X^T mu = mu^T y */
        for (i = 0; i < n; i++)
            arb_addmul(np, arb_mat_entry(mu, i, 0), D->y + i, D->prec);
        arb_sqrtpos(np, np, D->prec);
        arb_mul_si(t, np, S < 0 ? -S : S, D->prec);
        arb_rsqrt(t, t, D->prec);
        arb_mul_2exp_si(u, R, 1);
        arb_div(u, u, np, D->prec);
        arb_max(t, t, u, D->prec);
        if (S < 0)
            arb_neg(t, t);
        p->has_restart = arb_is_finite(t) && !arb_contains_zero(t);
        for (i = 0; i < n && p->has_restart; i++)
        {
            arb_mul(p->restart + i, arb_mat_entry(mu, i, 0), t, D->prec);
            arb_get_mid_arb(p->restart + i, p->restart + i);
            p->has_restart = arb_is_finite(p->restart + i);
        }
    }
    arb_mat_clear(G);
    arb_mat_clear(mu);
    arb_mat_clear(y);
    arb_clear(t);
    arb_clear(np);
    arb_clear(R);
    arb_clear(u);
    arb_clear(w);
}

static int
fc_init(gfc_dual_struct *D, char *reason, size_t len)
{
    const gfc_problem_struct *P = D->P;
    const char *name = (P->model == GFC_MODEL_FC1) ? "fc1" : "fc";
    slong d = D->d, m = P->m, j, i, base;
    const fmpq *sq = P->theta0_sq;
    const int *sg = P->theta0_sign;
    fc_par *p;
    fmpq_t delta, half;
    arb_t a;
    int all_up = 1, all_down = 1, all_nonneg = 1, valued = 1, w_zero;

    if (sq == NULL || sg == NULL || m < 1
        || (P->model == GFC_MODEL_FC1 && m != 1) || P->N != m * (d + 1))
    {
        snprintf(reason, len, "%s: the start must hold w0 (d values) and "
                 "a0 for each neuron, m(d + 1) values in all; found N = "
                 "%ld with m = %ld, d = %ld", name, (long) P->N, (long) m,
                 (long) d);
        return 0;
    }
    for (j = 0; j < P->N; j++)
        if (fmpq_sgn(sq + j) < 0 || sg[j] < -1 || sg[j] > 1
            || (sg[j] == 0) != fmpq_is_zero(sq + j))
        {
            snprintf(reason, len, "%s: start entry %ld is not a valid "
                     "(square, sign) pair", name, (long) j);
            return 0;
        }
    for (j = 0; j < m; j++)
    {
        if (sg[j * (d + 1) + d] == 0)
        {
            snprintf(reason, len, "%s: a0 of neuron %ld is zero: the "
                     "branch sign(a0) and the regularizer are undefined",
                     name, (long) j);
            return 0;
        }
        if (D->signs != NULL && D->signs[j] != 1 && D->signs[j] != -1)
        {
            snprintf(reason, len, "%s: branch sign %ld is %d; +1 or -1 "
                     "was expected", name, (long) j, D->signs[j]);
            return 0;
        }
    }
    p = fc_alloc(D, m);
    if (p == NULL)
    {
        snprintf(reason, len, "out of memory");
        return 0;
    }

    fmpq_init(delta);
    fmpq_init(half);
    arb_init(a);
    for (j = 0; j < m; j++)
    {
        base = j * (d + 1);
        p->sign0[j] = sg[base + d];
        p->sigma[j] = (D->signs != NULL) ? D->signs[j] : p->sign0[j];

        /* delta_j exactly from the squares (cases B02: never from
           rounded balls, which would straddle 0 when delta_j = 0). */
        fmpq_set(delta, sq + base + d);
        for (i = 0; i < d; i++)
            fmpq_sub(delta, delta, sq + base + i);
        p->dsgn[j] = fmpq_sgn(delta);
        fmpq_div_2exp(half, delta, 1);
        arb_set_fmpq(p->delta + j, delta, D->prec);
        arb_set_fmpq(p->half + j, half, D->prec);

        /* |a0|^3 = (a0^2)^(3/2) */
        arb_set_fmpq(a, sq + base + d, D->prec);
        arb_sqrtpos(p->a0cube + j, a, D->prec);
        arb_mul(p->a0cube + j, p->a0cube + j, a, D->prec);

        for (i = 0; i < d; i++)
            signed_root(p->w0 + j * d + i, sq + base + i, sg[base + i],
                        D->prec);

        w_zero = 1;
        for (i = 0; i < d; i++)
            if (sg[base + i] != 0)
                w_zero = 0;
        if (!w_zero)
            linear_term(p->t + j * d, sq + base, sg + base, d, half,
                        D->prec);
        else
            valued = 0;     /* b0 = 0: the closed form divides by 0 */

        if (p->sigma[j] > 0)
            all_down = 0;
        else
            all_up = 0;
        if (p->dsgn[j] < 0)
            all_nonneg = 0;
        if (p->sigma[j] != p->sign0[j])
            D->branch_flipped = 1;
        if (p->sign0[j] != p->sign0[0])
            valued = 0;
    }
    arb_mat_mul(p->G, D->X, D->XT, D->prec);
    fmpq_clear(delta);
    fmpq_clear(half);
    arb_clear(a);

    /* The objective sum_j sigma_j s_j^(3/2) / 3 has Hessian
       sum_j sigma_j (sqrt(s_j) I + v_j v_j^T / sqrt(s_j)): convex when
       every sigma_j = +1, concave when every sigma_j = -1. */
    D->direction = all_up ? 1 : (all_down ? -1 : 0);
    /* Strict monotonicity on all of R^n needs the map defined
       everywhere (every delta_j >= 0) and one sign; the proof is in
       doc/api-bias.md. */
    D->monotone = (all_nonneg && D->direction != 0) ? D->direction : 0;
    /* The closed form is the paper's value on the branch sign(a0) only;
       for several neurons it is summed, which is the candidate's value
       only when all neurons share that branch. */
    D->has_potential = valued && !D->branch_flipped;
    D->nbranch = m;
    D->branch = p->sigma;
    D->system = (P->model == GFC_MODEL_FC1) ? "the dual system"
                                            : "the candidate's dual system";
    if (!all_nonneg)
    {
        fc_restart(D, p);
        D->restart = p->has_restart ? p->restart : NULL;
    }
    return 1;
}

/*
 * v = w0_j + z and s = delta_j + ||v||^2 over the box z.  Returns 1 when
 * s >= 0 holds at every point of the box, so that A_j is defined there;
 * s is then cut at 0.  With delta_j >= 0 that is always true (the
 * squares are >= 0 even where their balls straddle 0); with delta_j < 0
 * it must be read off the ball, and outside it the map is undefined.
 */
static int
neuron_s(arb_ptr v, arb_t s, arb_srcptr z, const fc_par *p, slong j,
         slong d, slong prec)
{
    arb_t q;
    slong i;

    arb_init(q);
    arb_set(s, p->delta + j);
    for (i = 0; i < d; i++)
    {
        arb_add(v + i, p->w0 + j * d + i, z + i, prec);
        arb_sqr(q, v + i, prec);
        arb_nonnegative_part(q, q);
        arb_add(s, s, q, prec);
    }
    arb_clear(q);
    if (p->dsgn[j] >= 0)
    {
        arb_nonnegative_part(s, s);
        return arb_is_finite(s);
    }
    return arb_is_finite(s) && arb_is_nonnegative(s);
}

static void
fc_map(arb_ptr beta, arb_srcptr z, const gfc_dual_struct *D, slong prec)
{
    const fc_par *p = D->par;
    slong d = D->d, i, j;
    arb_ptr v = _arb_vec_init(d);
    arb_t s, A;

    arb_init(s);
    arb_init(A);
    _arb_vec_zero(beta, d);
    for (j = 0; j < p->m; j++)
    {
        if (!neuron_s(v, s, z, p, j, d, prec))
        {
            _arb_vec_indeterminate(beta, d);
            break;
        }
        arb_sqrtpos(A, s, prec);
        if (p->sigma[j] < 0)
            arb_neg(A, A);
        for (i = 0; i < d; i++)
            arb_addmul(beta + i, A, v + i, prec);
    }
    _arb_vec_clear(v, d);
    arb_clear(s);
    arb_clear(A);
}

/*
 * sum_j X (A_j I + sigma_j v_j v_j^T / sqrt(s_j)) X^T
 *     = sum_j (A_j X X^T + sigma_j (X v_j)(X v_j)^T / sqrt(s_j)),
 * O(n d + n^2) per neuron.  Where s_j may be 0 the second term is
 * unbounded (or, for delta_j = 0, not enclosed by this formula), so the
 * whole matrix becomes indeterminate and no proof can use it.
 */
static void
fc_jacobian(arb_mat_t J, arb_srcptr z, const gfc_dual_struct *D,
            slong prec)
{
    const fc_par *p = D->par;
    slong n = D->n, d = D->d, a, b, j;
    arb_ptr v = _arb_vec_init(d);
    arb_ptr u = _arb_vec_init(n);
    arb_t s, r, A, t;

    arb_init(s);
    arb_init(r);
    arb_init(A);
    arb_init(t);
    arb_mat_zero(J);
    for (j = 0; j < p->m; j++)
    {
        if (!neuron_s(v, s, z, p, j, d, prec) || !arb_is_positive(s))
        {
            arb_mat_indeterminate(J);
            break;
        }
        arb_sqrtpos(r, s, prec);
        arb_set(A, r);
        if (p->sigma[j] < 0)
            arb_neg(A, A);
        for (a = 0; a < n; a++)
        {
            arb_dot(u + a, NULL, 0, arb_mat_entry(D->X, a, 0), 1, v, 1, d,
                    prec);
            for (b = 0; b < n; b++)
                arb_addmul(arb_mat_entry(J, a, b), A,
                           arb_mat_entry(p->G, a, b), prec);
        }
        for (a = 0; a < n; a++)
        {
            arb_div(t, u + a, r, prec);
            if (p->sigma[j] < 0)
                arb_neg(t, t);
            for (b = 0; b < n; b++)
                arb_addmul(arb_mat_entry(J, a, b), t, u + b, prec);
        }
    }
    _arb_vec_clear(v, d);
    _arb_vec_clear(u, n);
    arb_clear(s);
    arb_clear(r);
    arb_clear(A);
    arb_clear(t);
}

/* sum_j sigma_j (s_j^(3/2) - |a0_j|^3) / 3, which is 0 at z = 0 since
   s_j(0) = a0_j^2. */
static void
fc_objective(arb_t F, arb_srcptr z, const gfc_dual_struct *D, slong prec)
{
    const fc_par *p = D->par;
    slong d = D->d, j;
    arb_ptr v = _arb_vec_init(d);
    arb_t s, c;

    arb_init(s);
    arb_init(c);
    arb_zero(F);
    for (j = 0; j < p->m; j++)
    {
        if (!neuron_s(v, s, z, p, j, d, prec))
        {
            arb_indeterminate(F);
            break;
        }
        arb_sqrtpos(c, s, prec);
        arb_mul(c, c, s, prec);
        arb_sub(c, c, p->a0cube + j, prec);
        if (p->sigma[j] < 0)
            arb_sub(F, F, c, prec);
        else
            arb_add(F, F, c, prec);
    }
    arb_div_ui(F, F, 3, prec);
    _arb_vec_clear(v, d);
    arb_clear(s);
    arb_clear(c);
}

/*
 * The paper's closed form (proofs/fc1-paper.md, section 9) at b = beta_j,
 * r = ||b||, R = sqrt(r^2 + d^2), d = delta_j / 2:
 *
 *     T1 = (1/r)(r^2 - d(d + R)) sqrt(R - d).
 *
 * (R + d)(R - d) = r^2 removes the 1/r, which is 0/0 at r = 0:
 *     d = 0:  T1 = r^(3/2);
 *     d > 0:  T1 = (r^2 - d(d + R)) / sqrt(R + d),   R + d >= 2d > 0;
 *     d < 0:  T1 = r (R - 2d) / sqrt(R - d),         R - d >= 2|d| > 0,
 * (the last from r^2 - d(d + R) = r^2 (R - 2d) / (R - d)).  Each is the
 * continuous extension at r = 0, and no square root meets a ball that
 * may be negative.
 */
static void
closed_t1(arb_t T1, arb_srcptr b, const arb_t half, int dsgn, slong d,
          slong prec)
{
    arb_t r2, r, R, u;
    slong i;

    arb_init(r2);
    arb_init(r);
    arb_init(R);
    arb_init(u);
    arb_zero(r2);
    for (i = 0; i < d; i++)
    {
        arb_sqr(u, b + i, prec);
        arb_nonnegative_part(u, u);
        arb_add(r2, r2, u, prec);
    }
    arb_nonnegative_part(r2, r2);
    arb_sqrtpos(r, r2, prec);
    arb_sqr(R, half, prec);
    arb_add(R, R, r2, prec);
    arb_sqrtpos(R, R, prec);
    if (dsgn == 0)
    {
        arb_sqrtpos(u, r, prec);
        arb_mul(T1, r, u, prec);
    }
    else if (dsgn > 0)
    {
        arb_add(u, half, R, prec);
        arb_mul(u, u, half, prec);
        arb_sub(T1, r2, u, prec);
        arb_add(u, R, half, prec);
        arb_rsqrt(u, u, prec);
        arb_mul(T1, T1, u, prec);
    }
    else
    {
        arb_mul_2exp_si(u, half, 1);
        arb_sub(T1, R, u, prec);
        arb_mul(T1, T1, r, prec);
        arb_sub(u, R, half, prec);
        arb_rsqrt(u, u, prec);
        arb_mul(T1, T1, u, prec);
    }
    arb_clear(r2);
    arb_clear(r);
    arb_clear(R);
    arb_clear(u);
}

/* Q = sum_j (T1(beta_j) + t_j . beta_j), beta_j = A_j(z) v_j: for fc1
   the paper's closed form, for fc its sum over the neurons (the value of
   the candidate, doc/api-bias.md). */
static void
fc_potential(arb_t Q, arb_srcptr beta, arb_srcptr z,
             const gfc_dual_struct *D, slong prec)
{
    const fc_par *p = D->par;
    slong d = D->d, i, j;
    arb_ptr v = _arb_vec_init(d);
    arb_t s, A, T;

    (void) beta;
    arb_init(s);
    arb_init(A);
    arb_init(T);
    arb_zero(Q);
    for (j = 0; j < p->m && D->has_potential; j++)
    {
        if (!neuron_s(v, s, z, p, j, d, prec))
            break;
        arb_sqrtpos(A, s, prec);
        if (p->sigma[j] < 0)
            arb_neg(A, A);
        for (i = 0; i < d; i++)
            arb_mul(v + i, v + i, A, prec);
        closed_t1(T, v, p->half + j, p->dsgn[j], d, prec);
        arb_add(Q, Q, T, prec);
        arb_dot(Q, Q, 0, p->t + j * d, 1, v, 1, d, prec);
    }
    if (!D->has_potential || j < p->m || !arb_is_finite(Q))
        arb_indeterminate(Q);
    _arb_vec_clear(v, d);
    arb_clear(s);
    arb_clear(A);
    arb_clear(T);
}

const gfc_dual_ops gfc_dual_fc1_paper = {
    "fc1", "paper", fc_init, fc_clear, fc_map, fc_jacobian, fc_objective,
    fc_potential
};

const gfc_dual_ops gfc_dual_fc_candidate_sum = {
    "fc", "candidate-sum", fc_init, fc_clear, fc_map, fc_jacobian,
    fc_objective, fc_potential
};

/* ----------------------------------------------------------------------
 * The candidate's stationarity test (doc/api-bias.md, "Candidate").
 */

/* The exact rational value of a signed square, or 0 when the square is
   not a rational square. */
static int
exact_root(fmpq_t r, const fmpq_t sq, int sign)
{
    if (!fmpz_is_square(fmpq_numref(sq))
        || !fmpz_is_square(fmpq_denref(sq)))
        return 0;
    fmpz_sqrt(fmpq_numref(r), fmpq_numref(sq));
    fmpz_sqrt(fmpq_denref(r), fmpq_denref(sq));
    if (sign < 0)
        fmpq_neg(r, r);
    else if (sign == 0)
        fmpq_zero(r);
    return 1;
}

int
gfc_candidate_violation(arb_t viol, slong *neuron, arb_srcptr theta,
                        const gfc_problem_t P, slong prec)
{
    slong n = P->n, d = P->d, m = P->m, i, j, k;
    fmpq_mat_t W, M, R, XXt, Gi, tmp, col, pq;
    arb_ptr z, v, c;
    arb_t S, s, A, diff, delta;
    fmpq_t q;
    mag_t lo, best;
    arf_t lb;
    int ok = 1, found = 0;

    arb_indeterminate(viol);
    *neuron = -1;
    if ((P->model != GFC_MODEL_FC && P->model != GFC_MODEL_FC1)
        || P->theta0_sq == NULL || P->theta0_sign == NULL || m < 1
        || P->N != m * (d + 1) || m > d - n)
        return 0;
    for (j = 0; j < P->N; j++)
        if (!arb_is_finite(theta + j))
            return 0;

    fmpq_mat_init(W, d, m);
    fmpq_mat_init(M, d, n + m);
    fmpq_mat_init(R, d, n + m);
    fmpq_mat_init(XXt, n, n);
    fmpq_mat_init(Gi, n, n);
    fmpq_mat_init(tmp, n, 1 + m);
    fmpq_mat_init(col, n, 1 + m);
    fmpq_mat_init(pq, d, 1 + m);
    fmpq_init(q);
    z = _arb_vec_init(d);
    v = _arb_vec_init(d);
    c = _arb_vec_init(m);
    arb_init(S);
    arb_init(s);
    arb_init(A);
    arb_init(diff);
    arb_init(delta);
    mag_init(lo);
    mag_init(best);
    arf_init(lb);

    /* W = [w0_1 ... w0_m], exactly; an irrational start is out of
       reach of exact linear algebra. */
    for (j = 0; j < m && ok; j++)
        for (i = 0; i < d && ok; i++)
            ok = exact_root(fmpq_mat_entry(W, i, j),
                            P->theta0_sq + j * (d + 1) + i,
                            P->theta0_sign[j * (d + 1) + i]);
    if (!ok)
        goto done;

    /* The projections of w0_j on the null space of X are independent
       iff [X^T | W] has rank n + m (X has full row rank n). */
    for (i = 0; i < d; i++)
    {
        for (k = 0; k < n; k++)
            fmpq_set(fmpq_mat_entry(M, i, k), fmpq_mat_entry(P->X, k, i));
        for (j = 0; j < m; j++)
            fmpq_set(fmpq_mat_entry(M, i, n + j), fmpq_mat_entry(W, i, j));
    }
    if (fmpq_mat_rref(R, M) != n + m)
    {
        ok = 0;
        goto done;
    }

    /* Exact p = X^T (XX^T)^-1 y and q_j = X^T (XX^T)^-1 X w0_j, the
       row-space parts, as the columns of pq. */
    {
        fmpq_mat_t Xt;

        fmpq_mat_init(Xt, d, n);
        fmpq_mat_transpose(Xt, P->X);
        fmpq_mat_mul(XXt, P->X, Xt);
        ok = fmpq_mat_inv(Gi, XXt);
        if (ok)
        {
            for (k = 0; k < n; k++)
                fmpq_set(fmpq_mat_entry(col, k, 0), P->y + k);
            for (j = 0; j < m; j++)
                for (k = 0; k < n; k++)
                {
                    fmpq_zero(fmpq_mat_entry(col, k, 1 + j));
                    for (i = 0; i < d; i++)
                        fmpq_addmul(fmpq_mat_entry(col, k, 1 + j),
                                    fmpq_mat_entry(P->X, k, i),
                                    fmpq_mat_entry(W, i, j));
                }
            fmpq_mat_mul(tmp, Gi, col);
            fmpq_mat_mul(pq, Xt, tmp);
        }
        fmpq_mat_clear(Xt);
    }
    if (!ok)
        goto done;

    /* c_j = a_j(inf) and S = sum_j c_j, which must exclude 0. */
    arb_zero(S);
    for (j = 0; j < m; j++)
    {
        arb_set(c + j, theta + j * (d + 1) + d);
        arb_add(S, S, c + j, prec);
    }
    if (arb_contains_zero(S))
    {
        ok = 0;
        goto done;
    }

    /* z = X^T lambda = (p - sum_j c_j q_j) / S */
    for (i = 0; i < d; i++)
    {
        arb_set_fmpq(z + i, fmpq_mat_entry(pq, i, 0), prec);
        for (j = 0; j < m; j++)
        {
            arb_set_fmpq(A, fmpq_mat_entry(pq, i, 1 + j), prec);
            arb_submul(z + i, c + j, A, prec);
        }
        arb_div(z + i, z + i, S, prec);
    }

    /* A_j(lambda) on the start's branch against c_j. */
    for (j = 0; j < m; j++)
    {
        const fmpq *sq = P->theta0_sq + j * (d + 1);
        int sign0 = P->theta0_sign[j * (d + 1) + d];

        fmpq_set(q, sq + d);
        for (i = 0; i < d; i++)
            fmpq_sub(q, q, sq + i);
        arb_set_fmpq(delta, q, prec);
        arb_set(s, delta);
        for (i = 0; i < d; i++)
        {
            arb_set_fmpq(A, fmpq_mat_entry(W, i, j), prec);
            arb_add(v + i, A, z + i, prec);
            arb_sqr(A, v + i, prec);
            arb_nonnegative_part(A, A);
            arb_add(s, s, A, prec);
        }
        /* With delta_j < 0 the candidate's A_j is real only where s >= 0;
           a neuron where that is not proven decides nothing. */
        if (fmpq_sgn(q) >= 0)
            arb_nonnegative_part(s, s);
        else if (!arb_is_nonnegative(s))
            continue;
        arb_sqrtpos(A, s, prec);
        if (sign0 < 0)
            arb_neg(A, A);
        arb_sub(diff, A, c + j, prec);
        if (!arb_is_finite(diff) || arb_contains_zero(diff))
            continue;
        arb_get_mag_lower(lo, diff);
        if (mag_cmp(lo, best) > 0)
        {
            mag_set(best, lo);
            *neuron = j;
            found = 1;
        }
    }
    if (found && !mag_is_zero(best))
    {
        arf_set_mag(lb, best);
        arb_set_arf(viol, lb);
    }
    else
    {
        found = 0;
        *neuron = -1;
    }

done:
    if (!ok || !found)
    {
        arb_indeterminate(viol);
        *neuron = -1;
        found = 0;
    }
    fmpq_mat_clear(W);
    fmpq_mat_clear(M);
    fmpq_mat_clear(R);
    fmpq_mat_clear(XXt);
    fmpq_mat_clear(Gi);
    fmpq_mat_clear(tmp);
    fmpq_mat_clear(col);
    fmpq_mat_clear(pq);
    fmpq_clear(q);
    _arb_vec_clear(z, d);
    _arb_vec_clear(v, d);
    _arb_vec_clear(c, m);
    arb_clear(S);
    arb_clear(s);
    arb_clear(A);
    arb_clear(diff);
    arb_clear(delta);
    mag_clear(lo);
    mag_clear(best);
    arf_clear(lb);
    return found;
}
