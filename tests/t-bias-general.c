/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The general regularizer against the paper's, soundness under small
 * perturbations, the value Q against the closed form, the accuracy rule,
 * and refusals.
 */
#include <string.h>
#include "tap.h"
#include "bias-problem.h"
#include "bias.h"

static const char *X12[] = { "1", "2", "3", "4", "5", "6" };
static const char *y12[] = { "1", "2" };

static int
vec_disjoint_somewhere(arb_srcptr a, arb_srcptr b, slong len)
{
    slong i;

    for (i = 0; i < len; i++)
        if (!arb_overlaps(a + i, b + i))
            return 1;
    return 0;
}

/* Symmetric starts (plus part = minus part) with squares a, b and signs
   su, sv: the general map must agree with the paper's at k = 2(a + b). */
static void
test_symmetric_general(const char *a, const char *b, int su, int sv)
{
    const char *sq[12];
    int sg[12];
    slong j;
    gfc_problem_t Pg, Pp;
    gfc_bias_t Bg, Bp;
    fmpq_t k;
    char kstr[128];
    int okg, okp;

    for (j = 0; j < 3; j++)
    {
        sq[j] = sq[6 + j] = a;
        sq[3 + j] = sq[9 + j] = b;
        sg[j] = sg[6 + j] = su;
        sg[3 + j] = sg[9 + j] = sv;
    }
    fmpq_init(k);
    bp_set(k, a);
    {
        fmpq_t t;

        fmpq_init(t);
        bp_set(t, b);
        fmpq_add(k, k, t);
        fmpq_mul_2exp(k, k, 1);
        fmpq_clear(t);
    }
    fmpq_get_str(kstr, 10, k);
    gfc_problem_init(Pg);
    gfc_problem_init(Pp);
    bp_general(Pg, 2, 3, X12, y12, sq, sg);
    bp_paper(Pp, 2, 3, X12, y12, NULL, kstr);
    gfc_bias_init(Bg, Pg);
    gfc_bias_init(Bp, Pp);
    okg = gfc_bias_solve(Bg, Pg, 30, 0);
    okp = gfc_bias_solve(Bp, Pp, 30, 0);
    tap_ok(okg && okp && vec_overlap(Bg->beta, Bp->beta, 3)
           && vec_overlap(Bg->lambda, Bp->lambda, 2)
           && arb_overlaps(Bg->Q, Bp->Q),
           "symmetric start u^2=%s v^2=%s signs %+d %+d: general = paper "
           "(k = %s)", a, b, su, sv, kstr);
    gfc_bias_clear(Bg);
    gfc_bias_clear(Bp);
    gfc_problem_clear(Pg);
    gfc_problem_clear(Pp);
    fmpq_clear(k);
}

/* An asymmetric start (minus part smaller): beta(0) != 0, so the answer
   moves away from the paper's at the same k of the plus part. */
static void
test_asymmetric(void)
{
    static const char *sq[] = { "1", "1", "1", "1", "1", "1",
                                "1/4", "1/4", "1/4", "1/4", "1/4", "1/4" };
    static const int sg[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    gfc_problem_t Pg, Pp;
    gfc_bias_t Bg, Bp;
    int ok;

    gfc_problem_init(Pg);
    gfc_problem_init(Pp);
    bp_general(Pg, 2, 3, X12, y12, sq, sg);
    bp_paper(Pp, 2, 3, X12, y12, NULL, "4");
    gfc_bias_init(Bg, Pg);
    gfc_bias_init(Bp, Pp);
    ok = gfc_bias_solve(Bg, Pg, 30, 0) && gfc_bias_solve(Bp, Pp, 30, 0);
    tap_ok(ok && vec_disjoint_somewhere(Bg->beta, Bp->beta, 3),
           "asymmetric start: general differs from paper");
    gfc_bias_clear(Bg);
    gfc_bias_clear(Bp);
    gfc_problem_clear(Pg);
    gfc_problem_clear(Pp);
}

/* A column whose start is all zero never moves: beta_j = 0 exactly. */
static void
test_frozen(void)
{
    static const char *X[] = { "1", "1", "1" }, *y[] = { "1" };
    static const char *sq[] = { "1", "1", "0", "1", "1", "0",
                                "1", "1", "0", "1", "1", "0" };
    static const int sg[] = { 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0 };
    gfc_problem_t P;
    gfc_bias_t B;
    int ok;

    gfc_problem_init(P);
    bp_general(P, 1, 3, X, y, sq, sg);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok && arb_is_zero(B->beta + 2) && arb_contains_si(B->beta, 0) == 0,
           "frozen column: beta_3 is exactly 0 (%s)", B->reason);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

/* Perturbing k by a factor 1 + 1e-10 or y by 1e-20 must move the
   enclosure off the unperturbed one: a solver that returned loose or
   stale balls would overlap. */
static void
test_soundness(void)
{
    static const char *yp[] = { "1", "2.00000000000000000001" };
    gfc_problem_t P0, P1, P2;
    gfc_bias_t B0, B1, B2;
    fmpq_t f;
    slong j;
    int ok;

    gfc_problem_init(P0);
    gfc_problem_init(P1);
    gfc_problem_init(P2);
    bp_paper(P0, 2, 3, X12, y12, NULL, "4");
    bp_paper(P1, 2, 3, X12, y12, NULL, "4");
    bp_paper(P2, 2, 3, X12, yp, NULL, "4");
    fmpq_init(f);
    bp_set(f, "1.0000000001");
    for (j = 0; j < 3; j++)
        fmpq_mul(P1->k + j, P1->k + j, f);
    gfc_bias_init(B0, P0);
    gfc_bias_init(B1, P1);
    gfc_bias_init(B2, P2);
    ok = gfc_bias_solve(B0, P0, 30, 0) && gfc_bias_solve(B1, P1, 30, 0)
        && gfc_bias_solve(B2, P2, 30, 0);
    tap_ok(ok, "soundness: all three proven");
    tap_ok(ok && vec_disjoint_somewhere(B0->beta, B1->beta, 3),
           "soundness: k * (1 + 1e-10) moves beta off the answer");
    tap_ok(ok && vec_disjoint_somewhere(B0->beta, B2->beta, 3),
           "soundness: y + 1e-20 moves beta off the answer");
    fmpq_clear(f);
    gfc_bias_clear(B0);
    gfc_bias_clear(B1);
    gfc_bias_clear(B2);
    gfc_problem_clear(P0);
    gfc_problem_clear(P1);
    gfc_problem_clear(P2);
}

/* Closed form q_k(b) = (k/4)(1 - sqrt(1 + 4b^2/k^2) + (2b/k) asinh(2b/k))
   (proofs/diag-paper.md, section 8) summed over beta, against the dual
   form of the solver. */
static void
test_q_closed(const char *label, slong n, slong d, const char **X,
              const char **y, const char *k)
{
    gfc_problem_t P;
    gfc_bias_t B;
    arb_t q, t, s, kk;
    slong j, prec;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, n, d, X, y, NULL, k);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    prec = B->prec;
    arb_init(q);
    arb_init(t);
    arb_init(s);
    arb_init(kk);
    arb_set_fmpq(kk, P->k, prec);
    for (j = 0; j < d; j++)
    {
        arb_mul_2exp_si(t, B->beta + j, 1);
        arb_div(t, t, kk, prec);            /* 2b/k */
        arb_asinh(s, t, prec);
        arb_mul(s, s, t, prec);
        arb_add_ui(s, s, 1, prec);
        arb_sqr(t, t, prec);
        arb_add_ui(t, t, 1, prec);
        arb_sqrtpos(t, t, prec);
        arb_sub(s, s, t, prec);
        arb_mul(s, s, kk, prec);
        arb_mul_2exp_si(s, s, -2);
        arb_add(q, q, s, prec);
    }
    tap_ok(ok && arb_overlaps(q, B->Q) && arb_is_positive(B->Q)
           && arb_rel_accuracy_bits(B->Q) > 90,
           "%s: Q (dual form) overlaps the closed form q_k", label);
    arb_clear(q);
    arb_clear(t);
    arb_clear(s);
    arb_clear(kk);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

/* General Q = sum (beta z - F(z)) with F(z) = int_0^z beta written from
   the trajectory: (w+/2) sinh 2z + (S+/4)(cosh 2z - 1) minus the minus
   part's (w-/2) sinh 2z - (S-/4)(cosh 2z - 1). */
static void
test_q_general(void)
{
    static const char *sq[] = { "2", "1/2", "3", "1/3", "1/5", "7",
                                "1/7", "3", "1", "2", "1/2", "5" };
    static const int sg[] = { 1, -1, 1, 1, 1, -1, 1, 1, -1, 1, 1, 1 };
    gfc_problem_t P;
    gfc_bias_t B;
    arb_t q, z, sh, ch, t, w, S, lam;
    slong i, j, h, prec;
    int ok;

    gfc_problem_init(P);
    bp_general(P, 2, 3, X12, y12, sq, sg);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    prec = B->prec;
    arb_init(q);
    arb_init(z);
    arb_init(sh);
    arb_init(ch);
    arb_init(t);
    arb_init(w);
    arb_init(S);
    arb_init(lam);
    for (j = 0; j < 3; j++)
    {
        arb_zero(z);
        for (i = 0; i < 2; i++)
        {
            arb_set_fmpq(t, fmpq_mat_entry(P->X, i, j), prec);
            arb_addmul(z, t, B->lambda + i, prec);
        }
        arb_addmul(q, B->beta + j, z, prec);
        arb_mul_2exp_si(t, z, 1);
        arb_sinh_cosh(sh, ch, t, prec);
        arb_sub_ui(ch, ch, 1, prec);
        for (h = 0; h < 2; h++)
        {
            const fmpq *a = P->theta0_sq + (2 * h) * 3 + j;
            const fmpq *b = P->theta0_sq + (2 * h + 1) * 3 + j;
            int s = P->theta0_sign[(2 * h) * 3 + j]
                * P->theta0_sign[(2 * h + 1) * 3 + j];

            arb_set_fmpq(w, a, prec);
            arb_set_fmpq(t, b, prec);
            arb_add(S, w, t, prec);
            arb_mul(w, w, t, prec);
            arb_sqrtpos(w, w, prec);
            if (s < 0)
                arb_neg(w, w);
            /* part F: (w/2) sinh 2z +- (S/4)(cosh 2z - 1) */
            arb_mul(t, w, sh, prec);
            arb_mul_2exp_si(t, t, -1);
            arb_mul(lam, S, ch, prec);
            arb_mul_2exp_si(lam, lam, -2);
            if (h == 0)
            {
                arb_add(t, t, lam, prec);
                arb_sub(q, q, t, prec);
            }
            else
            {
                arb_sub(t, t, lam, prec);
                arb_add(q, q, t, prec);
            }
        }
    }
    tap_ok(ok && arb_overlaps(q, B->Q) && arb_rel_accuracy_bits(B->Q) > 90,
           "general Q (Legendre dual) overlaps the trajectory form");
    arb_clear(q);
    arb_clear(z);
    arb_clear(sh);
    arb_clear(ch);
    arb_clear(t);
    arb_clear(w);
    arb_clear(S);
    arb_clear(lam);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_pop_zero_y(void)
{
    static const char *X[] = { "1", "2", "3" }, *y0[] = { "0" };
    static const char *w0[] = { "0", "0", "0" };
    gfc_problem_t P;
    gfc_bias_t B;
    arb_t l2sq;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, 2, 3, X12, y12, NULL, "4");
    bp_wstar(P, w0);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    arb_init(l2sq);
    arb_sqr(l2sq, B->l2, B->prec);
    tap_ok(ok && B->has_pop && arb_overlaps(B->pop, l2sq),
           "population error with w* = 0 is ||beta||_2^2");
    arb_clear(l2sq);
    gfc_bias_clear(B);
    gfc_problem_clear(P);

    gfc_problem_init(P);
    bp_paper(P, 1, 3, X, y0, NULL, "1/3");
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok && arb_contains_zero(B->beta) && arb_contains_zero(B->lambda)
           && arb_contains_zero(B->Q) && B->prec < 1000 && !B->has_pop,
           "y = 0: beta = 0 and lambda = 0 proven at %ld bits (%s)",
           (long) B->prec, B->reason);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_refusals(void)
{
    static const char *X[] = { "1", "2", "0", "1", "2", "1e-30" };
    static const char *y[] = { "1", "1" };
    gfc_problem_t P;
    gfc_bias_t B;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, 2, 3, X, y, NULL, "4");
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 128);
    tap_ok(!ok && strstr(B->reason, "128 bits") != NULL
           && (!B->proven || arb_contains_zero(B->beta + 2)),
           "B04 capped at 128 bits: not proven, reason names the precision "
           "(%s)", B->reason);
    gfc_bias_clear(B);

    P->model = GFC_MODEL_FC1;
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(!ok && !B->proven && !arb_is_finite(B->beta)
           && strstr(B->reason, "fc1") != NULL,
           "a model without a dual map is refused (%s)", B->reason);
    gfc_bias_clear(B);
    P->model = GFC_MODEL_DIAG;

    fmpq_set_si(P->k + 1, -1, 1);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve_prec(B, P, 256);
    tap_ok(!ok && !B->proven && strstr(B->reason, "k[1]") != NULL,
           "a negative k is refused (%s)", B->reason);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_deterministic(void)
{
    gfc_problem_t P;
    gfc_bias_t A, B;
    slong i;
    int same;

    gfc_problem_init(P);
    bp_paper(P, 2, 3, X12, y12, NULL, "1e-3");
    gfc_bias_init(A, P);
    gfc_bias_init(B, P);
    gfc_bias_solve(A, P, 40, 0);
    gfc_bias_solve(B, P, 40, 0);
    same = A->prec == B->prec && arb_equal(A->Q, B->Q);
    for (i = 0; i < 3; i++)
        same = same && arb_equal(A->beta + i, B->beta + i);
    tap_ok(same && A->proven, "two runs give identical balls");
    gfc_bias_clear(A);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_accuracy_rule(void)
{
    arb_t x;
    mag_t s;

    arb_init(x);
    mag_init(s);
    arb_one(x);
    arb_add_error_2exp_si(x, -101);         /* ~3.9e-31 */
    tap_ok(gfc_bias_accurate(x, s, 30), "1 +/- 4e-31 has 30 digits");
    arb_one(x);
    arb_add_error_2exp_si(x, -99);          /* ~1.6e-30 */
    tap_ok(!gfc_bias_accurate(x, s, 30), "1 +/- 1.6e-30 has not");
    arb_zero(x);
    arb_add_error_2exp_si(x, -110);         /* ~7.7e-34 */
    mag_set_ui_2exp_si(s, 1, -5);
    tap_ok(gfc_bias_accurate(x, s, 30),
           "[+/- 8e-34] is accurate against a scale 1/32");
    mag_set_ui_2exp_si(s, 1, -20);
    tap_ok(!gfc_bias_accurate(x, s, 30),
           "[+/- 8e-34] is not against a scale 1e-6");
    arb_indeterminate(x);
    tap_ok(!gfc_bias_accurate(x, s, 1), "an indeterminate ball never is");
    arb_clear(x);
    mag_clear(s);
}

int
main(void)
{
    static const char *X5[] = { "1", "0" }, *y5[] = { "0.1" };
    static const char *y7[] = { "-1" };

    test_symmetric_general("1", "1", 1, 1);
    test_symmetric_general("1/3", "3", 1, 1);
    test_symmetric_general("1/3", "3", 1, -1);
    test_symmetric_general("1e-12", "1e-12", -1, 1);
    test_asymmetric();
    test_frozen();
    test_soundness();
    test_q_closed("B12", 2, 3, X12, y12, "4");
    test_q_closed("B05", 1, 2, X5, y5, "4");
    test_q_closed("B07 k=4e-12", 1, 2, X5, y7, "4e-12");
    test_q_closed("B07 k=4e-300", 1, 2, X5, y7, "4e-300");
    test_q_general();
    test_pop_zero_y();
    test_refusals();
    test_deterministic();
    test_accuracy_rule();
    flint_cleanup();
    return tap_done();
}
