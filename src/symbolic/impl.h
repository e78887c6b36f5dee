/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Private to src/symbolic/: an algebra of polynomials over Q in named
 * symbols, some of which are tied to the others by relations
 *
 *     R_r(s_r, x) = 0,   leading monomial s_r^e_r (lex, s_r first),
 *
 * one dependent symbol s_r per relation.  Derivatives with respect to
 * the free symbols are total derivatives (implicit differentiation of
 * every relation); quotients are kept as fractions num/den.
 */
#ifndef GFC_SYMBOLIC_IMPL_H
#define GFC_SYMBOLIC_IMPL_H

#include "symbolic.h"

#define GFC_SYM_MAX_VARS 64
#define GFC_SYM_MAX_RELS 8

typedef struct
{
    fmpq_mpoly_ctx_t ctx;
    slong nvars;
    char names[GFC_SYM_MAX_VARS][48];
    const char *name_ptr[GFC_SYM_MAX_VARS];
    slong nrel;
    fmpq_mpoly_struct rel[GFC_SYM_MAX_RELS];
    slong rel_var[GFC_SYM_MAX_RELS];
    slong rel_deg[GFC_SYM_MAX_RELS];
}
gfc_sym_alg_struct;
typedef gfc_sym_alg_struct gfc_sym_alg_t[1];

typedef struct
{
    fmpq_mpoly_t num;
    fmpq_mpoly_t den;
}
gfc_sym_frac_struct;
typedef gfc_sym_frac_struct gfc_sym_frac_t[1];

/* Variable 0 is the most significant in the lexicographic order, so a
   dependent symbol must come before every symbol its relation involves.
   Names (at most 47 bytes) are used for printing only. */
void gfc_sym_alg_init(gfc_sym_alg_t A, slong nvars);
void gfc_sym_alg_clear(gfc_sym_alg_t A);
void gfc_sym_alg_name(gfc_sym_alg_t A, slong var, const char *name);

/* Add the relation R (copied) with dependent symbol s.  Returns 1 when
   its leading monomial is s^e for some e >= 1 and no other relation has
   the same dependent symbol: then the relations form a Groebner basis
   (pairwise coprime leading monomials) and reduction is a normal form.
   Returns 0 otherwise (a programming error of the caller). */
int gfc_sym_alg_relation(gfc_sym_alg_t A, const fmpq_mpoly_t R, slong s);

void gfc_sym_gen(fmpq_mpoly_t x, slong var, const gfc_sym_alg_t A);

/* The fc1 relation R = a^4 - delta a^2 - ||beta||^2 (= 0), declared in
   A, with a = variable 0, delta = variable 1 and beta from variable b0
   on. */
/* H(beta)_ij = (beta_i beta_j + [i = j] a^4) / a^2, the fc1 flow's
   predictor-space matrix, in the variables of gfc_sym_fc1_relation. */
void gfc_sym_fc1_H(gfc_sym_frac_t h, const gfc_sym_alg_t A, slong b0,
                   slong i, slong j);

void gfc_sym_fc1_relation(fmpq_mpoly_t R, gfc_sym_alg_t A, slong b0,
                          slong d);

/* r = normal form of p modulo the relations.  Returns 1 when r is
   verified reduced (deg_{s_r} r < e_r for every relation), else 0. */
int gfc_sym_reduce(fmpq_mpoly_t r, const fmpq_mpoly_t p,
                   const gfc_sym_alg_t A);

/* Text of a polynomial (flint_malloc'ed). */
char *gfc_sym_str(const fmpq_mpoly_t p, const gfc_sym_alg_t A);

void gfc_sym_frac_init(gfc_sym_frac_t f, const gfc_sym_alg_t A);
void gfc_sym_frac_clear(gfc_sym_frac_t f, const gfc_sym_alg_t A);
void gfc_sym_frac_set(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                      const gfc_sym_alg_t A);
void gfc_sym_frac_set_poly(gfc_sym_frac_t f, const fmpq_mpoly_t p,
                           const gfc_sym_alg_t A);
void gfc_sym_frac_set_si(gfc_sym_frac_t f, slong c, const gfc_sym_alg_t A);
void gfc_sym_frac_add(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                      const gfc_sym_frac_t h, const gfc_sym_alg_t A);
void gfc_sym_frac_sub(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                      const gfc_sym_frac_t h, const gfc_sym_alg_t A);
void gfc_sym_frac_mul(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                      const gfc_sym_frac_t h, const gfc_sym_alg_t A);
void gfc_sym_frac_div(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                      const gfc_sym_frac_t h, const gfc_sym_alg_t A);

/* f = total derivative of g with respect to the free symbol var. */
void gfc_sym_frac_deriv(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                        slong var, const gfc_sym_alg_t A);

/* 1 when f vanishes wherever the relations hold and its denominator
   does not: the numerator's normal form is zero and the denominator's is
   not.  0 otherwise; then *rem (when not NULL) receives the text of the
   numerator's normal form (flint_malloc'ed).  -1 when the reduction could
   not be verified as a normal form. */
int gfc_sym_frac_is_zero(const gfc_sym_frac_t f, char **rem,
                         const gfc_sym_alg_t A);

/* Exact value at a point (vals: one per symbol).  Returns 0 when the
   denominator vanishes there. */
int gfc_sym_frac_eval(fmpq_t v, const gfc_sym_frac_t f, fmpq *const *vals,
                      const gfc_sym_alg_t A);

/* Fill a check's common fields. */
void gfc_sym_check_start(gfc_symbolic_check_struct *C, const char *name,
                         const char *claim, slong d1, slong d2);
/* Take ownership of a witness text (and exact value text, or NULL). */
void gfc_sym_check_witness(gfc_symbolic_check_struct *C, char *text,
                           char *value);

#endif
