/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The minimiser of an implicit regularizer, certified through its dual
 * system: Phi(lambda) = X beta(X^T lambda) - y = 0, lambda in R^n,
 * enclosed by a Krawczyk test in ball arithmetic.  The solver sees a
 * (model, regularizer) pair only through a gfc_dual_ops table; adding a
 * model means adding one table.  Guarantees: doc/api-bias.md.
 */
#ifndef GFC_BIAS_H
#define GFC_BIAS_H

#include "gfcert.h"

typedef struct gfc_dual_ops_struct gfc_dual_ops;

/* The dual system of one problem at one precision. */
typedef struct
{
    const gfc_dual_ops *ops;
    const gfc_problem_struct *P;
    slong prec;
    slong n, d;
    arb_mat_t X;        /* n x d, enclosure of the exact data */
    arb_mat_t XT;       /* d x n, its transpose */
    arb_ptr y;          /* n */
    void *par;          /* coefficients owned by ops (init/clear) */

    /* Requested branch signs, one per neuron (NULL: the start's signs);
       read by init only.  The fields below are set by gfc_dual_init to
       the defaults shown and may be changed by init. */
    const int *signs;

    /* +1: objective is convex, so the solver minimises it (default);
       -1: concave, the solver maximises it; 0: neither, the solver
       steers by ||Phi|| alone. */
    int direction;

    /* +1 (-1): Phi is continuous on all of R^n and proven, by the
       table's own analysis, strictly increasing (decreasing) in the
       sense (Phi(a) - Phi(b)).(a - b) > 0 (< 0) for a != b; 0: no such
       claim (default).  Lets n = 1 roots with a singular Jacobian be
       certified by a sign change. */
    int monotone;

    int has_potential;      /* potential() is defined here (default 1) */
    int branch_flipped;     /* some branch sign differs from the start's */
    slong nbranch;          /* number of branch signs (0 for diag) */
    const int *branch;      /* the signs in use, owned by par */
    const char *system;     /* "the dual system" or a table's own name */

    /* A second Newton start (n exact entries, owned by par) for maps
       whose domain may fall apart into pieces, or NULL (default).  Used
       only when Newton from the first start finds no root. */
    arb_srcptr restart;
}
gfc_dual_struct;
typedef gfc_dual_struct gfc_dual_t[1];

/*
 * One (model, regularizer) pair.  Every routine works on z = X^T lambda
 * (d entries): each model's dual map is a function of z, separable or not.
 * All outputs are ball enclosures over every z in the input balls.
 */
struct gfc_dual_ops_struct
{
    const char *model;
    const char *regularizer;

    /* Fill D->par from the exact problem at D->prec.  Returns 1, or 0
       with a reason when the regularizer is undefined for this start. */
    int (*init)(gfc_dual_struct *D, char *reason, size_t len);
    void (*clear)(gfc_dual_struct *D);

    /* beta(z), d entries. */
    void (*map)(arb_ptr beta, arb_srcptr z, const gfc_dual_struct *D,
                slong prec);

    /* The n x n Jacobian of Phi, X (dbeta/dz) X^T, over the box z. */
    void (*jacobian)(arb_mat_t J, arb_srcptr z, const gfc_dual_struct *D,
                     slong prec);

    /* The potential whose gradient in z is beta(z), normalised to 0 at
       z = 0; Phi is the gradient of objective(X^T lambda) - y.lambda.
       Convex or concave as D->direction says.  Used only to steer the
       approximate solver. */
    void (*objective)(arb_t F, arb_srcptr z, const gfc_dual_struct *D,
                      slong prec);

    /* The regularizer's value Q(beta) at beta = beta(z) (both given);
       called only when D->has_potential. */
    void (*potential)(arb_t Q, arb_srcptr beta, arb_srcptr z,
                      const gfc_dual_struct *D, slong prec);
};

extern const gfc_dual_ops gfc_dual_diag_paper;
extern const gfc_dual_ops gfc_dual_diag_general;
extern const gfc_dual_ops gfc_dual_fc1_paper;
extern const gfc_dual_ops gfc_dual_fc_candidate_sum;

/* Names used in messages and reports ("diag", "paper", ...). */
const char *gfc_bias_model_name(gfc_model_kind m);
const char *gfc_bias_reg_name(gfc_reg_kind r);

/* The table for (P->model, P->reg), or NULL when there is none yet. */
const gfc_dual_ops *gfc_dual_ops_get(const gfc_problem_t P);

/* Returns 1, or 0 with a reason (no table, regularizer undefined); D must
   be cleared in both cases. */
int gfc_dual_init(gfc_dual_t D, const gfc_problem_t P, slong prec,
                  char *reason, size_t len);

/* The same on a chosen branch: signs (NULL: the start's) holds one sign
   +1 or -1 per neuron of an fc model (one for fc1); diag ignores it. */
int gfc_dual_init_branch(gfc_dual_t D, const gfc_problem_t P, slong prec,
                         const int *signs, char *reason, size_t len);
void gfc_dual_clear(gfc_dual_t D);

/* z = X^T lambda and Phi(lambda) = X beta(z) - y, over balls. */
void gfc_dual_z(arb_ptr z, arb_srcptr lambda, const gfc_dual_t D,
                slong prec);
void gfc_dual_residual(arb_ptr phi, arb_srcptr lambda, const gfc_dual_t D,
                       slong prec);

/* Damped Newton on the dual objective (minimised, maximised or replaced
   by ||Phi||^2 / 2 as D->direction says), midpoints only.  lambda
   (n) holds the start on entry and exact midpoints on exit.  Returns the
   number of Newton steps taken; an approximation, never a proof. */
slong gfc_bias_newton(arb_ptr lambda, const gfc_dual_t D, slong maxit,
                      slong prec);

/* Krawczyk test around the exact centre c (n).  Returns 1 when it proves
   that Phi has exactly one root in a box and sets box to an enclosure of
   that root; returns 0 and leaves box indeterminate otherwise. */
int gfc_bias_krawczyk(arb_ptr box, arb_srcptr c, const gfc_dual_t D,
                      slong prec);

/* The Krawczyk test on the given box itself (no search, no inflation):
   returns 1 when K(box) lies in the interior of box, which proves that
   Phi has exactly one root in box, and sets out (n, may alias box) to
   K(box) n box; 0 and out indeterminate otherwise. */
int gfc_bias_krawczyk_box(arb_ptr out, arb_srcptr box, const gfc_dual_t D,
                          slong prec);

/* The certified minimiser and the quantities derived from it. */
typedef struct
{
    int proven;         /* 1: every ball below is a proven enclosure */
    slong prec;         /* working precision of the last attempt */
    slong n, d;
    arb_ptr lambda;     /* n, the dual root */
    arb_ptr beta;       /* d, the minimiser beta_Q */
    arb_t Q;            /* regularizer value at beta_Q, when has_Q */
    int has_Q;          /* 0: Q is undefined for this start or branch */
    arb_t l1, l2;       /* ||beta_Q||_1, ||beta_Q||_2 */
    arb_t pop;          /* ||beta_Q - w*||^2, when has_pop */
    int has_pop;
    slong newton_iters; /* Newton steps over all attempts */
    slong m;            /* neurons of an fc model, 0 for diag */
    int *branch;        /* m branch signs of the last attempt */
    int branch_flipped; /* some branch sign differs from sign(a0_j) */
    const char *method; /* how uniqueness was proven: "krawczyk" or
                           "sign change" (n = 1, monotone Phi) */
    const char *model;
    const char *regularizer;
    char reason[512];
}
gfc_bias_struct;
typedef gfc_bias_struct gfc_bias_t[1];

void gfc_bias_init(gfc_bias_t B, const gfc_problem_t P);
void gfc_bias_clear(gfc_bias_t B);

/* One attempt at a fixed precision.  Returns 1 when every ball in B is a
   proven enclosure (B->proven = 1); otherwise 0, every ball
   indeterminate, and B->reason says why. */
int gfc_bias_solve_prec(gfc_bias_t B, const gfc_problem_t P, slong prec);

/* The same on a chosen branch (fc models): signs as for
   gfc_dual_init_branch, NULL for the start's signs.  B->branch and
   B->branch_flipped record the branch used. */
int gfc_bias_solve_prec_branch(gfc_bias_t B, const gfc_problem_t P,
                               slong prec, const int *signs);

/* Re-check, without any search, that box (n balls, e.g. read from a
   certificate) holds the unique root of the dual system on the branch
   signs (NULL: the start's): by gfc_bias_krawczyk_box, or for n = 1 and
   a strictly monotone Phi by the signs of Phi at the box's exact
   endpoints.  On success (1) B is filled as by
   gfc_bias_solve_prec_branch with lambda inside box; otherwise 0 and
   B->reason says why. */
int gfc_bias_check_box(gfc_bias_t B, const gfc_problem_t P,
                       arb_srcptr box, slong prec, const int *signs);

/* Adaptive: doubles the precision from about 3.33 digits + 64 bits up to
   max_prec (<= 0: GFC_BIAS_MAX_PREC) until every coordinate of lambda
   and beta has digits certified significant digits (doc/api-bias.md).
   Returns 1 when it has; otherwise 0 with a reason naming what failed.
   B->proven says separately whether the balls left in B are enclosures
   (they may be proven yet short of the requested digits). */
int gfc_bias_solve(gfc_bias_t B, const gfc_problem_t P, slong digits,
                   slong max_prec);

/* gfc_bias_solve on a chosen branch (signs as above, NULL: default). */
int gfc_bias_solve_branch(gfc_bias_t B, const gfc_problem_t P,
                          slong digits, slong max_prec, const int *signs);

/* Nonzero when x meets the accuracy rule of gfc_bias_solve relative to
   the scale s (a proven lower bound for the norm of its vector). */
int gfc_bias_accurate(const arb_t x, const mag_t scale, slong digits);

/*
 * The candidate's stationarity test (fc; proofs/fc-candidate-sum.md,
 * section 8; doc/api-bias.md).
 * theta (N balls) encloses the flow's limit.  Returns 1 when it proves
 * that no stationary point of the candidate on the start's branch equals
 * beta(theta): then viol is an exact lower bound of |A_j(lambda) - a_j|
 * for the neuron j it sets.  Returns 0 (viol indeterminate, *neuron =
 * -1) whenever a hypothesis cannot be proven.
 */
int gfc_candidate_violation(arb_t viol, slong *neuron, arb_srcptr theta,
                            const gfc_problem_t P, slong prec);

#define GFC_BIAS_MAX_PREC 16384
#define GFC_BIAS_NEWTON_MAXIT 2000

/* Is the root of the dual system on this branch the
   only one?  signs NULL: the start's signs. */
int gfc_dual_root_unique(const gfc_problem_t P, const int *signs);

/* 1 when the enclosure theta of the flow's limit
   provably violates the regularizer's stationarity conditions (viol: a
   lower bound of the violation, index: where); 0 otherwise or when the
   regularizer has no such test. */
int gfc_bias_violation(arb_t viol, slong *index, arb_srcptr theta,
                       const gfc_problem_t P, slong prec);

#endif
