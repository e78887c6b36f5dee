/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert: certified limits of gradient flow in small linear networks.
 *
 * The library never prints and never exits.  Every routine that claims
 * rigour says so in doc/api.md and returns a status; balls it returns as
 * proven are enclosures of the exact quantities, whatever the precision.
 */
#ifndef GFCERT_H
#define GFCERT_H

#include <stddef.h>
#include "gfc_flint.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcomes.  They are also the exit status of the gfcert command. */
#define GFC_MATCH 0
#define GFC_MISMATCH 1
#define GFC_BAD_INPUT 2
#define GFC_INCONCLUSIVE 3
#define GFC_INTERNAL 4

const char *gfc_version(void);

/* A message for the caller: what went wrong, where, what was expected. */
typedef struct
{
    char msg[2048];
}
gfc_error_struct;
typedef gfc_error_struct gfc_error_t[1];

void gfc_error_init(gfc_error_t err);
void gfc_error_set(gfc_error_t err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Programming errors (not bad input) go through one replaceable handler. */
typedef void (*gfc_abort_handler)(const char *msg);
void gfc_set_abort_handler(gfc_abort_handler h);
void gfc_abort(const char *msg);

typedef enum
{
    /* proofs/diag-paper.md, proofs/fc1-paper.md, proofs/fc-candidate-sum.md */
    GFC_MODEL_DIAG = 0,   /* beta = u+ o v+ - u- o v- */
    GFC_MODEL_FC1 = 1,    /* beta = a w, one hidden neuron */
    GFC_MODEL_FC = 2      /* beta = sum_j a_j w_j, m hidden neurons */
}
gfc_model_kind;

typedef enum
{
    GFC_REG_PAPER = 0,          /* the paper's closed form */
    GFC_REG_GENERAL = 1,        /* diag: dual map of any start */
    GFC_REG_CANDIDATE_SUM = 2   /* fc: one-neuron formula per neuron */
}
gfc_reg_kind;

/*
 * A problem, held exactly.
 *
 * Parameter layout (N entries):
 *   diag: u+[0..d), v+[0..d), u-[0..d), v-[0..d)          N = 4d
 *   fc1:  w[0..d), a                                       N = d + 1
 *   fc:   neuron j occupies [j(d+1), (j+1)(d+1)): w_j, a_j N = m(d + 1)
 *
 * Start values may be irrational (sqrt(alpha(1-s)/(1+s))), so each is held
 * as its exact square and its sign: theta0[i] = sign[i] * sqrt(sq[i]).
 */
typedef struct
{
    char *path;
    gfc_model_kind model;
    gfc_reg_kind reg;
    slong n;
    slong d;
    fmpq_mat_t X;
    fmpq *y;
    slong m;
    slong N;
    fmpq *theta0_sq;
    int *theta0_sign;
    int has_shape;
    fmpq_t alpha;
    fmpq_t s;
    fmpq *wstar;
    fmpq *k;
    int k_override;
    unsigned char digest[32];
}
gfc_problem_struct;
typedef gfc_problem_struct gfc_problem_t[1];

void gfc_problem_init(gfc_problem_t P);
void gfc_problem_clear(gfc_problem_t P);

/* Read and validate a problem file.  Returns 0, or GFC_BAD_INPUT with a
   message naming the file, the place and what was expected. */
int gfc_problem_load(gfc_problem_t P, const char *path, gfc_error_t err);

/* Lower-case hex SHA-256 of the canonical exact form of the problem. */
void gfc_problem_digest_hex(char out[65], const gfc_problem_t P);

/* Ball enclosure of the start, N entries, at precision prec. */
void gfc_problem_theta0(arb_ptr theta, const gfc_problem_t P, slong prec);

#ifdef __cplusplus
}
#endif

#endif
