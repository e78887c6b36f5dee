/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Symbolic facts about the models, proved by exact algebra over Q
 * (FLINT's fmpq_mpoly): conservation laws, the (warped) mirror identity,
 * and whether the predictor-space metric is a Hessian metric.  The data
 * gradient g is a free symbol, so every fact holds for every data set.
 * The mathematics and the argument for each check: proofs/symbolic.md.
 */
#ifndef GFC_SYMBOLIC_H
#define GFC_SYMBOLIC_H

#include "gfcert.h"

/* Largest dimension d and neuron count m that derive accepts: the
   statements are dimension-free (proofs/symbolic.md), so small cases
   suffice, and the polynomial sizes stay small. */
#define GFC_SYMBOLIC_MAX_DIM 6
#define GFC_SYMBOLIC_MAX_NEURONS 6

/* Default sizes: the ones the records in proofs/ and verify use. */
#define GFC_SYMBOLIC_DEFAULT_DIM 3
#define GFC_SYMBOLIC_DEFAULT_NEURONS 2

/* The statement checked: the true one, or a deliberately broken one
   (a testing aid: each check must be able to fail). */
typedef enum
{
    GFC_SYMBOLIC_TRUE = 0,
    GFC_SYMBOLIC_WRONG_SIGN = 1,      /* one component of the field with
                                         the opposite sign */
    GFC_SYMBOLIC_WRONG_EXPONENT = 2,  /* fc1: grad Q = beta/a^2;
                                         diag: q'(w) = asinh(w/k)/2 */
    GFC_SYMBOLIC_WRONG_QUANTITY = 3,  /* a^2 + ||w||^2, u^2 + v^2 */
    GFC_SYMBOLIC_WRONG_METRIC = 4     /* fc1: G = grad^2 Q (a Hessian
                                         metric); diag: every entry
                                         depends on all of beta */
}
gfc_symbolic_variant;

/* The outcome of one check.  proved = 1 when the check's claim is
   established by exact computation; witness is exact text (a non-zero
   remainder, or the point and value of a symmetry defect) or NULL. */
typedef struct
{
    char name[48];
    int proved;
    slong dims[2];          /* dimensions in which it was computed */
    slong ndims;
    char *witness;          /* flint_malloc'ed, or NULL */
    char *value;            /* exact rational of the witness, or NULL */
    char claim[160];        /* one line: what PROVED means */
}
gfc_symbolic_check_struct;

typedef struct
{
    gfc_model_kind model;
    slong d;
    slong m;
    slong len;
    gfc_symbolic_check_struct *checks;
}
gfc_symbolic_report_struct;
typedef gfc_symbolic_report_struct gfc_symbolic_report_t[1];

void gfc_symbolic_report_init(gfc_symbolic_report_t R);
void gfc_symbolic_report_clear(gfc_symbolic_report_t R);

/* Run every check of a model in dimension d (m neurons for fc; ignored
   otherwise) on the statement `variant`.  Returns 1 when every check is
   proved, 0 when some check fails, -1 when d or m is out of range (1 to
   GFC_SYMBOLIC_MAX_DIM, 1 to GFC_SYMBOLIC_MAX_NEURONS). */
int gfc_symbolic_derive(gfc_symbolic_report_t R, gfc_model_kind model,
                        slong d, slong m, gfc_symbolic_variant variant);

/* The record of a report as JSON text (caller frees with flint_free).
   No clock, no version: the same report gives the same bytes. */
char *gfc_symbolic_record_json(const gfc_symbolic_report_t R);

/* The individual checks; each returns 1 when proved and fills C. */
int gfc_symbolic_check_gradient_field(gfc_symbolic_check_struct *C,
                                      gfc_model_kind model, slong d,
                                      slong m, gfc_symbolic_variant v);
int gfc_symbolic_check_conservation(gfc_symbolic_check_struct *C,
                                    gfc_model_kind model, slong d, slong m,
                                    gfc_symbolic_variant v);
int gfc_symbolic_check_predictor_field(gfc_symbolic_check_struct *C,
                                       slong d, gfc_symbolic_variant v);
int gfc_symbolic_check_warped_mirror(gfc_symbolic_check_struct *C,
                                     slong d, gfc_symbolic_variant v);
int gfc_symbolic_check_diag_mirror(gfc_symbolic_check_struct *C,
                                   gfc_symbolic_variant v);
int gfc_symbolic_check_diag_symmetry(gfc_symbolic_check_struct *C,
                                     slong d, gfc_symbolic_variant v);
int gfc_symbolic_check_fc1_witness(gfc_symbolic_check_struct *C, slong d,
                                   gfc_symbolic_variant v);

void gfc_symbolic_check_init(gfc_symbolic_check_struct *C);
void gfc_symbolic_check_clear(gfc_symbolic_check_struct *C);

/* The symbolic facts that the numeric argument of a certificate relies
   on, as a NULL-terminated list of names: diag (either regularizer)
   diag.conservation, diag.mirror_identity; fc1 fc1.conservation,
   fc1.warped_mirror; fc fc.conservation.  A flow-only certificate relies
   on none (the empty list). */
const char *const *gfc_symbolic_facts(gfc_model_kind model,
                                      gfc_reg_kind reg, int flow_only);

/* The record in proofs/ that holds a fact, or NULL for an unknown name. */
const char *gfc_symbolic_fact_record(const char *name);

/* Re-run a named fact at the default sizes on the true statement.
   Returns 1 only when it is proved; 0 when it fails or is unknown. */
int gfc_symbolic_fact_check(const char *name);

/* The same on a chosen statement (testing aid). */
int gfc_symbolic_fact_check_variant(const char *name,
                                    gfc_symbolic_variant v);

#endif
