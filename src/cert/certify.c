/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <stdio.h>
#include <string.h>
#include "cert.h"

void
gfc_certify_opts_init(gfc_certify_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->digits = 30;
    o->max_time = 600.0;
    o->max_prec = 1 << 14;
}

const char *
gfc_verdict_name(int verdict)
{
    switch (verdict)
    {
        case GFC_MATCH:
            return "MATCH";
        case GFC_MISMATCH:
            return "MISMATCH";
        default:
            return "INCONCLUSIVE";
    }
}

void
gfc_cert_init(gfc_cert_t C, const gfc_problem_t P)
{
    memset(C, 0, sizeof(gfc_cert_struct));
    C->verdict = GFC_INCONCLUSIVE;
    mag_init(C->bound);
    arf_init(C->gap);
    arb_init(C->violation);
    C->gap_index = -1;
    C->nbranch = (P->model == GFC_MODEL_DIAG) ? 0 : P->m;
    C->signs = flint_calloc(FLINT_MAX(C->nbranch, 1), sizeof(int));
    C->unique = 1;
    gfc_flow_init(C->flow, P);
    gfc_bias_init(C->bias, P);
}

void
gfc_cert_clear(gfc_cert_t C)
{
    mag_clear(C->bound);
    arf_clear(C->gap);
    arb_clear(C->violation);
    flint_free(C->signs);
    gfc_flow_clear(C->flow);
    gfc_bias_clear(C->bias);
}

/* With both enclosures proven: disjoint in some coordinate proves a gap
   (the largest such separation is reported); otherwise the supremum of
   |flow_i - bias_i| over the balls bounds the distance. */
int
gfc_verdict(mag_t bound, arf_t gap, slong *gap_index, arb_srcptr flow,
            arb_srcptr bias, slong d, slong prec)
{
    slong i;
    arb_t diff;
    mag_t m;
    arf_t lo;

    arb_init(diff);
    mag_init(m);
    arf_init(lo);
    mag_zero(bound);
    arf_zero(gap);
    *gap_index = -1;
    for (i = 0; i < d; i++)
    {
        arb_sub(diff, flow + i, bias + i, prec);
        arb_get_mag(m, diff);
        mag_max(bound, bound, m);
        if (!arb_overlaps(flow + i, bias + i))
        {
            /* |diff| >= its lower magnitude bound, rounded down. */
            arb_get_mag_lower(m, diff);
            arf_set_mag(lo, m);
            if (arf_cmp(lo, gap) > 0)
            {
                arf_set(gap, lo);
                *gap_index = i;
            }
        }
    }
    arf_clear(lo);
    mag_clear(m);
    arb_clear(diff);
    return (*gap_index >= 0) ? GFC_MISMATCH : GFC_MATCH;
}

int
gfc_cert_branch(gfc_cert_t C, const gfc_problem_t P)
{
    slong j;
    int decided = 1;

    C->crossed = 0;
    for (j = 0; j < C->nbranch; j++)
    {
        arb_srcptr a = C->flow->branch_inf + j;
        int s0 = P->theta0_sign[j * (P->d + 1) + P->d];

        C->signs[j] = arb_is_positive(a) ? 1 : arb_is_negative(a) ? -1 : 0;
        if (C->signs[j] == 0)
            decided = 0;
        else if (C->signs[j] != s0)
            C->crossed = 1;
    }
    C->unique = decided
        && gfc_dual_root_unique(P, (C->nbranch > 0) ? C->signs : NULL);
    return decided;
}

int
gfc_cert_judge(gfc_cert_t C, const gfc_problem_t P, slong prec,
               const mag_t target)
{
    int v = GFC_INCONCLUSIVE;

    C->verdict = GFC_INCONCLUSIVE;
    C->proof = GFC_PROOF_NONE;
    if (!gfc_cert_branch(C, P))
    {
        snprintf(C->reason, sizeof(C->reason),
                 "the sign of an output weight at t = infinity is not "
                 "decided (its enclosure contains 0), so the branch of "
                 "the regularizer is unknown");
        return 1;
    }
    /* The regularizer on the branch of the flow's limit (the start's
       branch unless an output weight crossed 0). */
    if (!C->bias_proven && !C->no_search)
    {
        gfc_bias_clear(C->bias);
        gfc_bias_init(C->bias, P);
        C->bias_proven = gfc_bias_solve_prec_branch(
            C->bias, P, prec, (C->nbranch > 0) ? C->signs : NULL);
    }
    if (C->bias_proven)
    {
        v = gfc_verdict(C->bound, C->gap, &C->gap_index, C->flow->beta,
                        C->bias->beta, P->d, prec);
        if (v == GFC_MISMATCH && C->unique)
        {
            C->verdict = GFC_MISMATCH;
            C->proof = GFC_PROOF_DISJOINT;
            C->reason[0] = '\0';
            return 1;
        }
        if (v == GFC_MATCH && mag_cmp(C->bound, target) <= 0)
        {
            C->verdict = GFC_MATCH;
            C->reason[0] = '\0';
            return 1;
        }
        if (v == GFC_MISMATCH)
            snprintf(C->reason, sizeof(C->reason),
                     "the flow's limit differs from the root found for the "
                     "regularizer's dual system, but on this branch that "
                     "root need not be unique");
        else
            snprintf(C->reason, sizeof(C->reason),
                     "the enclosures overlap but their distance is only "
                     "bounded by a value above 10^-%ld", (long) C->digits);
    }
    else
        snprintf(C->reason, sizeof(C->reason), "regularizer: %s",
                 C->bias->reason);
    /* Without a comparable root, the stationarity conditions may still be
       shown violated at the flow's limit. */
    if (gfc_bias_violation(C->violation, &C->gap_index, C->flow->theta, P,
                           prec))
    {
        C->verdict = GFC_MISMATCH;
        C->proof = GFC_PROOF_STATIONARITY;
        return 1;
    }
    /* Disjoint enclosures on a branch whose root need not be unique stay
       so at any precision. */
    if (C->bias_proven && v == GFC_MISMATCH)
        return 1;
    /* Both enclosures must tighten: redo the regularizer too. */
    C->bias_proven = 0;
    return 0;
}

int
gfc_certify(gfc_cert_t C, const gfc_problem_t P, const gfc_certify_opts *o)
{
    double start = gfc_clock();
    slong prec = (slong) (3.33 * (double) o->digits) + 64;
    gfc_flow_opts fo;
    mag_t target;
    arb_t ten;

    mag_init(target);
    arb_init(ten);
    /* epsilon = 10^-digits, taken from below so "bound <= target"
       implies bound <= 10^-digits. */
    arb_set_ui(ten, 10);
    arb_pow_ui(ten, ten, o->digits, 64);
    arb_inv(ten, ten, 64);
    arb_get_mag_lower(target, ten);
    C->digits = o->digits;
    C->verdict = GFC_INCONCLUSIVE;

    for (;;)
    {
        C->prec = prec;
        gfc_flow_clear(C->flow);
        gfc_flow_init(C->flow, P);
        gfc_flow_opts_init(&fo, prec);
        mag_mul_2exp_si(&fo.target, target, -2);
        fo.deadline = (o->max_time > 0) ? start + o->max_time : 0;
        fo.progress = o->progress;
        fo.progress_arg = o->progress_arg;
        fo.record = o->record;
        C->flow_proven = gfc_flow_run(C->flow, P, &fo);
        gfc_flow_opts_clear(&fo);

        C->flow_only = o->flow_only;
        if (C->flow_proven && o->flow_only)
        {
            /* The branch is reported, not needed: an undecided sign
               leaves the enclosure of beta(inf) proven. */
            gfc_cert_branch(C, P);
            C->verdict = GFC_MATCH;
            C->reason[0] = '\0';
            break;
        }
        if (!C->flow_proven)
        {
            snprintf(C->reason, sizeof(C->reason), "flow: %s",
                     C->flow->reason);
            /* Only a lack of precision is cured by more precision. */
            if (strncmp(C->flow->reason, "precision", 9) != 0)
                break;
        }
        else if (gfc_cert_judge(C, P, prec, target))
            break;

        if (o->max_time > 0 && gfc_clock() - start > o->max_time)
        {
            size_t l = strlen(C->reason);

            snprintf(C->reason + l, sizeof(C->reason) - l,
                     "; time limit (%g s) reached", o->max_time);
            break;
        }
        if (2 * prec > o->max_prec)
        {
            size_t l = strlen(C->reason);

            snprintf(C->reason + l, sizeof(C->reason) - l,
                     "; precision cap (%ld bits) reached",
                     (long) o->max_prec);
            break;
        }
        prec *= 2;
    }

    C->seconds = gfc_clock() - start;
    arb_clear(ten);
    mag_clear(target);
    return C->verdict;
}
