/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <stdio.h>
#include "bias.h"

const char *
gfc_bias_model_name(gfc_model_kind m)
{
    switch (m)
    {
        case GFC_MODEL_DIAG:
            return "diag";
        case GFC_MODEL_FC1:
            return "fc1";
        case GFC_MODEL_FC:
            return "fc";
    }
    return "unknown";
}

const char *
gfc_bias_reg_name(gfc_reg_kind r)
{
    switch (r)
    {
        case GFC_REG_PAPER:
            return "paper";
        case GFC_REG_GENERAL:
            return "general";
        case GFC_REG_CANDIDATE_SUM:
            return "candidate-sum";
    }
    return "unknown";
}

const gfc_dual_ops *
gfc_dual_ops_get(const gfc_problem_t P)
{
    if (P->model == GFC_MODEL_DIAG && P->reg == GFC_REG_PAPER)
        return &gfc_dual_diag_paper;
    if (P->model == GFC_MODEL_DIAG && P->reg == GFC_REG_GENERAL)
        return &gfc_dual_diag_general;
    if (P->model == GFC_MODEL_FC1 && P->reg == GFC_REG_PAPER)
        return &gfc_dual_fc1_paper;
    if (P->model == GFC_MODEL_FC && P->reg == GFC_REG_CANDIDATE_SUM)
        return &gfc_dual_fc_candidate_sum;
    return NULL;
}

int
gfc_dual_init(gfc_dual_t D, const gfc_problem_t P, slong prec, char *reason,
              size_t len)
{
    return gfc_dual_init_branch(D, P, prec, NULL, reason, len);
}

int
gfc_dual_init_branch(gfc_dual_t D, const gfc_problem_t P, slong prec,
                     const int *signs, char *reason, size_t len)
{
    slong i, j;

    D->ops = gfc_dual_ops_get(P);
    D->P = P;
    D->prec = prec;
    D->n = P->n;
    D->d = P->d;
    D->par = NULL;
    D->signs = signs;
    D->direction = 1;
    D->monotone = 0;
    D->has_potential = 1;
    D->branch_flipped = 0;
    D->nbranch = 0;
    D->branch = NULL;
    D->system = "the dual system";
    D->restart = NULL;
    arb_mat_init(D->X, P->n, P->d);
    arb_mat_init(D->XT, P->d, P->n);
    D->y = _arb_vec_init(P->n);
    for (i = 0; i < P->n; i++)
    {
        arb_set_fmpq(D->y + i, P->y + i, prec);
        for (j = 0; j < P->d; j++)
        {
            arb_set_fmpq(arb_mat_entry(D->X, i, j),
                         fmpq_mat_entry(P->X, i, j), prec);
            arb_set(arb_mat_entry(D->XT, j, i), arb_mat_entry(D->X, i, j));
        }
    }
    if (D->ops == NULL)
    {
        snprintf(reason, len, "no dual map yet for model %s with the %s "
                 "regularizer", gfc_bias_model_name(P->model),
                 gfc_bias_reg_name(P->reg));
        return 0;
    }
    return D->ops->init(D, reason, len);
}

void
gfc_dual_clear(gfc_dual_t D)
{
    if (D->ops != NULL)
        D->ops->clear(D);
    arb_mat_clear(D->X);
    arb_mat_clear(D->XT);
    _arb_vec_clear(D->y, D->n);
}

void
gfc_dual_z(arb_ptr z, arb_srcptr lambda, const gfc_dual_t D, slong prec)
{
    slong j;

    for (j = 0; j < D->d; j++)
        arb_dot(z + j, NULL, 0, arb_mat_entry(D->XT, j, 0), 1, lambda, 1,
                D->n, prec);
}

void
gfc_dual_residual(arb_ptr phi, arb_srcptr lambda, const gfc_dual_t D,
                  slong prec)
{
    arb_ptr z = _arb_vec_init(D->d);
    arb_ptr beta = _arb_vec_init(D->d);
    slong i;

    gfc_dual_z(z, lambda, D, prec);
    D->ops->map(beta, z, D, prec);
    for (i = 0; i < D->n; i++)
    {
        arb_dot(phi + i, NULL, 0, arb_mat_entry(D->X, i, 0), 1, beta, 1,
                D->d, prec);
        arb_sub(phi + i, phi + i, D->y + i, prec);
    }
    _arb_vec_clear(z, D->d);
    _arb_vec_clear(beta, D->d);
}
