/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Dual maps of the diagonal network (proofs/diag-paper.md, section 6;
 * proofs/diag-general.md, section 6), in the exponential form
 *
 *     beta_i(z) = Pp_i e^{2z} - Pm_i e^{-2z},
 *     Pp_i = ((u+ + v+)^2 + (u- - v-)^2) / 4,
 *     Pm_i = ((u+ - v+)^2 + (u- + v-)^2) / 4,
 *
 * (the plus part follows w0 cosh 2z + (S/2) sinh 2z, the minus part
 * w0 cosh 2z - (S/2) sinh 2z).  The paper's regularizer is Pp = Pm = k/4.
 * The derivation and the potentials are in doc/api-bias.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include "bias.h"

typedef struct
{
    arb_ptr pp;     /* coefficient of e^{2z}, d entries, >= 0 */
    arb_ptr pm;     /* coefficient of e^{-2z}, d entries, >= 0 */
}
diag_par;

static void
diag_clear(gfc_dual_struct *D)
{
    diag_par *p = D->par;

    if (p == NULL)
        return;
    _arb_vec_clear(p->pp, D->d);
    _arb_vec_clear(p->pm, D->d);
    free(p);
    D->par = NULL;
}

static diag_par *
diag_alloc(gfc_dual_struct *D)
{
    diag_par *p = malloc(sizeof(diag_par));

    if (p == NULL)
        return NULL;
    p->pp = _arb_vec_init(D->d);
    p->pm = _arb_vec_init(D->d);
    D->par = p;
    return p;
}

static int
paper_init(gfc_dual_struct *D, char *reason, size_t len)
{
    const gfc_problem_struct *P = D->P;
    diag_par *p;
    slong i;

    if (P->k == NULL)
    {
        snprintf(reason, len, "the paper regularizer needs k, and the "
                 "problem has none");
        return 0;
    }
    for (i = 0; i < D->d; i++)
        if (fmpq_sgn(P->k + i) < 0)
        {
            snprintf(reason, len, "k[%ld] is negative", (long) i);
            return 0;
        }
    p = diag_alloc(D);
    if (p == NULL)
    {
        snprintf(reason, len, "out of memory");
        return 0;
    }
    for (i = 0; i < D->d; i++)
    {
        arb_set_fmpq(p->pp + i, P->k + i, D->prec);
        arb_mul_2exp_si(p->pp + i, p->pp + i, -2);
        arb_set(p->pm + i, p->pp + i);
    }
    return 1;
}

/*
 * (s_a sqrt(a) + sgn s_b sqrt(b))^2 = a + b + 2 sgn s_a s_b sqrt(ab) for
 * exact squares a, b.  The rational part goes to q; the square root goes
 * to r, exactly when ab is a rational square (always for the shape start:
 * ab = alpha^2), else as an enclosure of the positive root.
 */
static void
square_of_sum(fmpq_t q, arb_t r, const fmpq_t a, int sa, const fmpq_t b,
              int sb, int sgn, slong prec)
{
    fmpq_t ab;
    fmpz_t rn, rd;
    int s = sa * sb * sgn;

    fmpq_add(q, a, b);
    arb_zero(r);
    if (s == 0)
        return;
    fmpq_init(ab);
    fmpz_init(rn);
    fmpz_init(rd);
    fmpq_mul(ab, a, b);
    if (fmpz_is_square(fmpq_numref(ab)) && fmpz_is_square(fmpq_denref(ab)))
    {
        fmpz_sqrt(rn, fmpq_numref(ab));
        fmpz_sqrt(rd, fmpq_denref(ab));
        fmpq_set_fmpz_frac(ab, rn, rd);
        fmpq_mul_2exp(ab, ab, 1);
        if (s > 0)
            fmpq_add(q, q, ab);
        else
            fmpq_sub(q, q, ab);
    }
    else
    {
        /* sqrtpos: the product is exact and positive, so the enclosure
           of its root can never be NaN. */
        arb_set_fmpq(r, ab, prec);
        arb_sqrtpos(r, r, prec);
        arb_mul_2exp_si(r, r, 1);
        if (s < 0)
            arb_neg(r, r);
    }
    fmpq_clear(ab);
    fmpz_clear(rn);
    fmpz_clear(rd);
}

/* (A + B) / 4 from exact-plus-enclosed parts; the result is >= 0. */
static void
quarter_sum(arb_t res, const fmpq_t qa, const arb_t ra, const fmpq_t qb,
            const arb_t rb, slong prec)
{
    fmpq_t q;
    arb_t t;

    fmpq_init(q);
    arb_init(t);
    fmpq_add(q, qa, qb);
    arb_set_fmpq(res, q, prec);
    arb_add(t, ra, rb, prec);
    arb_add(res, res, t, prec);
    arb_mul_2exp_si(res, res, -2);
    /* A and B are squares, so the true value is >= 0; cutting the
       enclosure there keeps the Jacobian's diagonal away from negative
       values without excluding the true coefficient. */
    arb_nonnegative_part(res, res);
    fmpq_clear(q);
    arb_clear(t);
}

static int
general_init(gfc_dual_struct *D, char *reason, size_t len)
{
    const gfc_problem_struct *P = D->P;
    slong d = D->d, i, j;
    diag_par *p;
    fmpq_t q1, q2;
    arb_t r1, r2;
    const fmpq *sq = P->theta0_sq;
    const int *sg = P->theta0_sign;

    if (sq == NULL || sg == NULL || P->N != 4 * d)
    {
        snprintf(reason, len, "the general regularizer needs the explicit "
                 "start u+, v+, u-, v- (4d values)");
        return 0;
    }
    for (j = 0; j < 4 * d; j++)
        if (fmpq_sgn(sq + j) < 0 || sg[j] < -1 || sg[j] > 1
            || (sg[j] == 0 && !fmpq_is_zero(sq + j)))
        {
            snprintf(reason, len, "start entry %ld is not a valid "
                     "(square, sign) pair", (long) j);
            return 0;
        }
    p = diag_alloc(D);
    if (p == NULL)
    {
        snprintf(reason, len, "out of memory");
        return 0;
    }
    fmpq_init(q1);
    fmpq_init(q2);
    arb_init(r1);
    arb_init(r2);
    for (i = 0; i < d; i++)
    {
        /* Pp: (u+ + v+)^2 + (u- - v-)^2. */
        square_of_sum(q1, r1, sq + i, sg[i], sq + d + i, sg[d + i], 1,
                      D->prec);
        square_of_sum(q2, r2, sq + 2 * d + i, sg[2 * d + i],
                      sq + 3 * d + i, sg[3 * d + i], -1, D->prec);
        quarter_sum(p->pp + i, q1, r1, q2, r2, D->prec);

        /* Pm: (u+ - v+)^2 + (u- + v-)^2. */
        square_of_sum(q1, r1, sq + i, sg[i], sq + d + i, sg[d + i], -1,
                      D->prec);
        square_of_sum(q2, r2, sq + 2 * d + i, sg[2 * d + i],
                      sq + 3 * d + i, sg[3 * d + i], 1, D->prec);
        quarter_sum(p->pm + i, q1, r1, q2, r2, D->prec);
    }
    fmpq_clear(q1);
    fmpq_clear(q2);
    arb_clear(r1);
    arb_clear(r2);
    return 1;
}

/* Paper: beta = (k/2) sinh 2z = 2 Pp sinh 2z.  arb_sinh keeps full
   relative accuracy near z = 0 and is exactly 0 at z = 0. */
static void
paper_map(arb_ptr beta, arb_srcptr z, const gfc_dual_struct *D, slong prec)
{
    const diag_par *p = D->par;
    arb_t t;
    slong i;

    arb_init(t);
    for (i = 0; i < D->d; i++)
    {
        arb_mul_2exp_si(t, z + i, 1);
        arb_sinh(t, t, prec);
        arb_mul(beta + i, p->pp + i, t, prec);
        arb_mul_2exp_si(beta + i, beta + i, 1);
    }
    arb_clear(t);
}

/* General: the two exponentials are formed separately, never as a
   cosh/sinh combination, so nothing cancels at large |z| (z reaches
   -345 at alpha = 1e-300, where e^{-2z} ~ 1e300 balances Pm ~ 1e-300). */
static void
general_map(arb_ptr beta, arb_srcptr z, const gfc_dual_struct *D,
            slong prec)
{
    const diag_par *p = D->par;
    arb_t e, f;
    slong i;

    arb_init(e);
    arb_init(f);
    for (i = 0; i < D->d; i++)
    {
        arb_mul_2exp_si(e, z + i, 1);
        arb_neg(f, e);
        arb_exp(e, e, prec);
        arb_exp(f, f, prec);
        arb_mul(e, e, p->pp + i, prec);
        arb_mul(f, f, p->pm + i, prec);
        arb_sub(beta + i, e, f, prec);
    }
    arb_clear(e);
    arb_clear(f);
}

/* X diag(2 (Pp e^{2z} + Pm e^{-2z})) X^T: a sum of non-negative terms,
   so the diagonal is enclosed without cancellation. */
static void
diag_jacobian(arb_mat_t J, arb_srcptr z, const gfc_dual_struct *D,
              slong prec)
{
    const diag_par *p = D->par;
    arb_mat_t XD;
    arb_t e, f;
    slong i, j;

    arb_mat_init(XD, D->n, D->d);
    arb_init(e);
    arb_init(f);
    for (j = 0; j < D->d; j++)
    {
        arb_mul_2exp_si(e, z + j, 1);
        arb_neg(f, e);
        arb_exp(e, e, prec);
        arb_exp(f, f, prec);
        arb_mul(e, e, p->pp + j, prec);
        arb_addmul(e, f, p->pm + j, prec);
        arb_mul_2exp_si(e, e, 1);
        for (i = 0; i < D->n; i++)
            arb_mul(arb_mat_entry(XD, i, j), arb_mat_entry(D->X, i, j), e,
                    prec);
    }
    arb_mat_mul(J, XD, D->XT, prec);
    arb_mat_clear(XD);
    arb_clear(e);
    arb_clear(f);
}

/* sum_i (Pp_i (e^{2z_i} - 1) + Pm_i (e^{-2z_i} - 1)) / 2, with expm1 so
   that small z keeps its relative accuracy. */
static void
diag_objective(arb_t F, arb_srcptr z, const gfc_dual_struct *D, slong prec)
{
    const diag_par *p = D->par;
    arb_t e, f;
    slong i;

    arb_init(e);
    arb_init(f);
    arb_zero(F);
    for (i = 0; i < D->d; i++)
    {
        arb_mul_2exp_si(e, z + i, 1);
        arb_neg(f, e);
        arb_expm1(e, e, prec);
        arb_expm1(f, f, prec);
        arb_addmul(F, e, p->pp + i, prec);
        arb_addmul(F, f, p->pm + i, prec);
    }
    arb_mul_2exp_si(F, F, -1);
    arb_clear(e);
    arb_clear(f);
}

/*
 * h(t) = 1 + (t - 1) e^t = sum_{k>=2} (k-1) t^k / k!, which is >= 0.
 * For |t| <= 1/4 the closed form cancels (both t e^t and expm1 t are ~t
 * while h ~ t^2/2), so the series is summed instead.  Its terms shrink
 * by the factor k|t|/((k-1)(k+1)) <= |t| <= 1/4, so the tail after the
 * last term T_N is at most T_N |t| / (1 - |t|) <= 2 |t| T_N.
 */
static void
potential_h(arb_t h, const arb_t t, slong prec)
{
    mag_t T, quarter, term, goal, tail;
    arb_t pw, c;
    fmpz_t fact;
    slong k;

    mag_init(T);
    mag_init(quarter);
    arb_get_mag(T, t);
    mag_set_ui_2exp_si(quarter, 1, -2);
    if (mag_cmp(T, quarter) > 0)
    {
        arb_init(pw);
        arb_exp(pw, t, prec);
        arb_mul(pw, pw, t, prec);
        arb_expm1(h, t, prec);
        arb_sub(h, pw, h, prec);
        arb_nonnegative_part(h, h);
        arb_clear(pw);
        mag_clear(T);
        mag_clear(quarter);
        return;
    }
    mag_init(term);
    mag_init(goal);
    mag_init(tail);
    arb_init(pw);
    arb_init(c);
    fmpz_init(fact);

    /* Stop once a term is below 2^-prec of the leading term T^2/2. */
    mag_mul(goal, T, T);
    mag_mul_2exp_si(goal, goal, -prec - 1);
    arb_sqr(pw, t, prec);
    arb_mul_2exp_si(h, pw, -1);
    fmpz_set_ui(fact, 2);
    mag_mul(term, T, T);
    mag_mul_2exp_si(term, term, -1);
    for (k = 3; !mag_is_zero(term) && mag_cmp(term, goal) > 0; k++)
    {
        arb_mul(pw, pw, t, prec);
        fmpz_mul_ui(fact, fact, k);
        arb_mul_ui(c, pw, k - 1, prec);
        arb_div_fmpz(c, c, fact, prec);
        arb_add(h, h, c, prec);
        /* term bound for k, from the ratio bound above */
        mag_mul(term, term, T);
    }
    mag_mul(tail, term, T);
    mag_mul_2exp_si(tail, tail, 1);
    arb_add_error_mag(h, tail);
    arb_nonnegative_part(h, h);

    mag_clear(T);
    mag_clear(quarter);
    mag_clear(term);
    mag_clear(goal);
    mag_clear(tail);
    arb_clear(pw);
    arb_clear(c);
    fmpz_clear(fact);
}

/*
 * Q = sum_i (beta_i z_i - F_i(z_i)), the Legendre dual of the objective
 * (so Q(beta(0)) = 0).  Expanding, beta z - F = (Pp h(2z) + Pm h(-2z))/2
 * with h >= 0: two non-negative terms, nothing cancels.  For the paper
 * regularizer this equals the closed form q_k (proofs/diag-paper.md,
 * section 8).
 */
static void
diag_potential(arb_t Q, arb_srcptr beta, arb_srcptr z,
               const gfc_dual_struct *D, slong prec)
{
    const diag_par *p = D->par;
    arb_t t, h;
    slong i;

    (void) beta;
    arb_init(t);
    arb_init(h);
    arb_zero(Q);
    for (i = 0; i < D->d; i++)
    {
        arb_mul_2exp_si(t, z + i, 1);
        potential_h(h, t, prec);
        arb_addmul(Q, h, p->pp + i, prec);
        arb_neg(t, t);
        potential_h(h, t, prec);
        arb_addmul(Q, h, p->pm + i, prec);
    }
    arb_mul_2exp_si(Q, Q, -1);
    arb_clear(t);
    arb_clear(h);
}

const gfc_dual_ops gfc_dual_diag_paper = {
    "diag", "paper", paper_init, diag_clear, paper_map, diag_jacobian,
    diag_objective, diag_potential
};

const gfc_dual_ops gfc_dual_diag_general = {
    "diag", "general", general_init, diag_clear, general_map, diag_jacobian,
    diag_objective, diag_potential
};
