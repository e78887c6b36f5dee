/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Verdicts (doc/flow.md, section 5) and certificates
 * (doc/certificate-format.md).
 */
#ifndef GFC_CERT_H
#define GFC_CERT_H

#include "gfcert.h"
#include "flow.h"
#include "bias.h"

typedef struct
{
    slong digits;           /* wanted: epsilon = 10^-digits */
    double max_time;        /* seconds; <= 0: no limit */
    slong max_prec;         /* bits; cap of the precision loop */
    gfc_progress_fn progress;
    void *progress_arg;
    int record;             /* keep the flow's trajectory */
    int flow_only;          /* enclose beta(inf) only: no regularizer */
}
gfc_certify_opts;

void gfc_certify_opts_init(gfc_certify_opts *o);

typedef struct
{
    int verdict;            /* GFC_MATCH, GFC_MISMATCH, GFC_INCONCLUSIVE */
    mag_t bound;            /* epsilon (MATCH): an upper bound */
    arf_t gap;              /* gap (MISMATCH): a lower bound */
    slong gap_index;        /* coordinate proving the gap */
    slong digits;
    slong prec;
    gfc_flow_t flow;
    gfc_bias_t bias;
    int flow_proven;
    int bias_proven;
    int flow_only;          /* a certificate of the flow's limit alone */
    slong nbranch;          /* sign-tracked output weights (fc models) */
    int *signs;             /* their signs at t = infinity: the branch */
    int crossed;            /* some sign differs from the start's */
    int unique;             /* the branch's dual root is unique */
    int no_search;          /* judge: never solve for the root (verify
                               supplies it or there is none) */
    int proof;              /* MISMATCH proof: GFC_PROOF_* */
    arb_t violation;        /* GFC_PROOF_STATIONARITY: lower bound */
    double seconds;
    char reason[1024];
}
gfc_cert_struct;
typedef gfc_cert_struct gfc_cert_t[1];

#define GFC_PROOF_NONE 0
#define GFC_PROOF_DISJOINT 1        /* enclosures disjoint: a gap */
#define GFC_PROOF_STATIONARITY 2    /* the flow's limit is not stationary
                                       for the regularizer */



void gfc_cert_init(gfc_cert_t C, const gfc_problem_t P);
void gfc_cert_clear(gfc_cert_t C);

/* Run flow and bias with adaptive precision and decide (with flow_only:
   returns GFC_MATCH when beta(inf) is enclosed to 10^-digits, else
   GFC_INCONCLUSIVE).  The verdict is
   MATCH only when ||beta(inf) - beta_Q||_inf <= bound is proven and
   bound <= 10^-digits; MISMATCH only when the enclosures are proven
   disjoint; INCONCLUSIVE otherwise, with the reason. */
int gfc_certify(gfc_cert_t C, const gfc_problem_t P,
                const gfc_certify_opts *o);

/* With C->flow proven (and C->digits set): decide the branch, enclose the
   regularizer's root on it unless C->bias_proven, and set the verdict.
   Returns 1 when the verdict is final (MATCH within target, a proven
   MISMATCH, or an undecided branch), 0 when more precision may help. */
int gfc_cert_judge(gfc_cert_t C, const gfc_problem_t P, slong prec,
                   const mag_t target);

/* Decide from two proven enclosures (also used by verify). */
int gfc_verdict(mag_t bound, arf_t gap, slong *gap_index, arb_srcptr flow,
                arb_srcptr bias, slong d, slong prec);

/* What the certificate's "bound" means for this verdict and proof. */
const char *gfc_cert_bound_meaning(const gfc_cert_t C);

/* The certificate as JSON text (caller frees with flint_free). */
char *gfc_cert_json(const gfc_cert_t C, const gfc_problem_t P);

const char *gfc_verdict_name(int verdict);

/* A certificate's "symbolic_facts" array (NULL when absent) against the
   facts this problem's argument relies on (gfc_symbolic_facts): the same
   names in the same order, each with its record in proofs/, each proved
   again.  Returns 1, or 0 with a message (naming the fact) in msg. */
struct gfc_json_struct;
int gfc_cert_check_facts(char *msg, size_t len,
                         const struct gfc_json_struct *facts,
                         const gfc_problem_t P, int flow_only);

/* The branch from the signs of the sign-tracked scalars at t = infinity
   (C->signs, C->crossed, C->unique), with C->flow proven; 0 when some
   sign is not decided. */
int gfc_cert_branch(gfc_cert_t C, const gfc_problem_t P);

/* Decimal text of an upper (lower) bound of a non-negative number, with
   `digits` significant digits, rounded outwards. */
char *gfc_mag_str_upper(const mag_t x, slong digits);
char *gfc_arf_str_lower(const arf_t x, slong digits);

/* Exact text "m*2^e" of a dyadic number, and its inverse (0 on error). */
char *gfc_dyadic_str(const arf_t x);
int gfc_dyadic_set_str(arf_t x, const char *s);

#endif
