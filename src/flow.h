/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Validated integration of the parameter flow to t = infinity
 * (the method and its proof are in doc/flow.md).
 */
#ifndef GFC_FLOW_H
#define GFC_FLOW_H

#include "gfcert.h"
#include "model.h"

/* The steps taken: exact dyadic step sizes and Taylor orders. */
typedef struct
{
    slong len;
    slong alloc;
    arf_struct *h;
    slong *order;
}
gfc_schedule_struct;
typedef gfc_schedule_struct gfc_schedule_t[1];

void gfc_schedule_init(gfc_schedule_t S);
void gfc_schedule_clear(gfc_schedule_t S);
void gfc_schedule_push(gfc_schedule_t S, const arf_t h, slong order);

/* Progress report, called by the integrator about twice a second. */
typedef void (*gfc_progress_fn)(void *arg, const char *stage, double t,
                                 double resid, slong steps);

typedef struct
{
    slong prec;                 /* working precision, bits */
    mag_struct target;          /* wanted radius of every beta(inf) ball */
    slong max_steps;            /* 0: no limit */
    double deadline;            /* gfc_clock() value to stop at; 0: none */
    const gfc_schedule_struct *replay;  /* follow these steps exactly */
    int record;                 /* keep the trajectory (gfc_flow_traj) */
    const fmpq *probe;          /* exact times, increasing, at which to */
    slong nprobe;               /* enclose beta(theta(t)) (F->probe) */
    gfc_progress_fn progress;
    void *progress_arg;
}
gfc_flow_opts;

void gfc_flow_opts_init(gfc_flow_opts *o, slong prec);
void gfc_flow_opts_clear(gfc_flow_opts *o);

/* One recorded point of the validated trajectory. */
typedef struct
{
    arb_t t;            /* exact time */
    arb_t loss;         /* enclosure of L(theta(t)) */
    arb_ptr beta;       /* d entries, enclosure of beta(theta(t)) */
}
gfc_traj_point;

typedef struct
{
    int proven;
    slong prec;
    slong steps;
    slong n;
    slong d;
    arb_t T;            /* time at which the tail bound closed, exact */
    mag_t err_T;        /* ||theta(T) - centre(T)||_2 <= err_T */
    mag_t resid_T;      /* ||r(theta)||_2 <= resid_T on that ball */
    arf_t lambda_lo;    /* lambda_min(K) >= lambda_lo on the tail ball */
    mag_t radius;       /* the tail ball's radius */
    mag_t tail;         /* path length after T, <= resid_T/sqrt(lambda_lo) */
    mag_t growth;       /* exp(int mu): the error amplification bound */
    arb_ptr beta;       /* d entries: enclosure of beta(inf) */
    slong N;
    arb_ptr theta;      /* N entries: enclosure of theta(inf), and of the
                           whole path after T */
    slong nbranch;      /* the model's sign-tracked scalars (a_j) */
    int *branch_touch;  /* 1 when the enclosure of that scalar on some
                           step contained 0 (it may have vanished) */
    arb_ptr branch_inf; /* their enclosures at t = infinity */
    gfc_schedule_t sched;
    slong nprobe;
    arb_ptr probe;      /* nprobe * d: beta(theta(t)) at opts->probe */
    slong nprobe_done;  /* how many of them were reached */
    slong traj_len;
    slong traj_alloc;
    gfc_traj_point *traj;
    char reason[512];
}
gfc_flow_struct;
typedef gfc_flow_struct gfc_flow_t[1];

void gfc_flow_init(gfc_flow_t F, const gfc_problem_t P);
void gfc_flow_clear(gfc_flow_t F);

/* Integrate from the exact start until the tail bound encloses beta(inf)
   with radius <= opts->target, or a limit is reached.  Returns 1 when
   F->beta and the tail constants are proven, 0 otherwise (F->reason). */
int gfc_flow_run(gfc_flow_t F, const gfc_problem_t P,
                 const gfc_flow_opts *opts);

/* The tail bound (doc/flow.md, section 4) from a ball B(centre, err) that
   contains theta(T): on success (1) beta receives an enclosure of
   beta(inf) and F's tail constants are set; 0 when lambda_min(K) could
   not be bounded on a ball large enough (F->reason says which). */
int gfc_tail_close(gfc_flow_t F, const gfc_model_ops *M, const gfc_data_t D,
                   arb_srcptr centre, const mag_t err, slong prec);

double gfc_clock(void);

#endif
