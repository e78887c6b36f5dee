/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Which roots of a dual system are unique, and the stationarity test
 * used when a regularizer's root cannot be compared directly.
 */
#include "bias.h"

/* The sign of the output weight a_j at the start (fc models). */
static int
start_sign(const gfc_problem_t P, slong j)
{
    return P->theta0_sign[j * (P->d + 1) + P->d];
}

/* delta_j = a_j^2 - ||w_j||^2 >= 0, exactly from the start's squares. */
static int
delta_nonneg(const gfc_problem_t P, slong j)
{
    slong i, base = j * (P->d + 1);
    fmpq_t s;
    int ok;

    fmpq_init(s);
    fmpq_set(s, P->theta0_sq + base + P->d);
    for (i = 0; i < P->d; i++)
        fmpq_sub(s, s, P->theta0_sq + base + i);
    ok = fmpq_sgn(s) >= 0;
    fmpq_clear(s);
    return ok;
}

/*
 * diag: the dual objective is strictly convex (proofs/diag-paper.md and
 * proofs/diag-general.md, section 7).  fc1 on the branch sign(a0): the
 * regularizer is strictly convex there (proofs/fc1-paper.md, section 8), so
 * its stationary point is unique.  The other branch, and fc with mixed
 * signs or some delta_j < 0 (the map is then defined only outside a
 * ball), can have several roots.  fc with every sign equal to its start's
 * and every delta_j >= 0: the objective sum_j sigma_j (delta_j +
 * ||w0_j + z||^2)^(3/2) / 3 is strictly convex (all +1) or concave (all
 * -1) on all of R^d, so its root is unique.
 */
int
gfc_dual_root_unique(const gfc_problem_t P, const int *signs)
{
    slong j;

    if (P->model == GFC_MODEL_DIAG)
        return 1;
    if (P->model == GFC_MODEL_FC1)
        return signs == NULL || signs[0] == start_sign(P, 0);
    for (j = 0; j < P->m; j++)
    {
        int s = (signs != NULL) ? signs[j] : start_sign(P, j);

        if (s != start_sign(P, j) || s != start_sign(P, 0)
            || !delta_nonneg(P, j))
            return 0;
    }
    return 1;
}

int
gfc_bias_violation(arb_t viol, slong *index, arb_srcptr theta,
                   const gfc_problem_t P, slong prec)
{
    if (P->model == GFC_MODEL_FC && P->reg == GFC_REG_CANDIDATE_SUM)
        return gfc_candidate_violation(viol, index, theta, P, prec);
    return 0;
}
