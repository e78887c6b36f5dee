/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Polynomials in named symbols with relations, and their normal forms
 * (proofs/symbolic.md, "Reduction modulo a relation").
 */
#include <stdio.h>
#include <string.h>
#include "impl.h"

void
gfc_sym_alg_init(gfc_sym_alg_t A, slong nvars)
{
    slong i;

    if (nvars < 1 || nvars > GFC_SYM_MAX_VARS)
        gfc_abort("gfc_sym_alg_init: number of symbols out of range");
    fmpq_mpoly_ctx_init(A->ctx, nvars, ORD_LEX);
    A->nvars = nvars;
    A->nrel = 0;
    for (i = 0; i < nvars; i++)
    {
        snprintf(A->names[i], sizeof(A->names[i]), "x%ld", (long) i);
        A->name_ptr[i] = A->names[i];
    }
}

void
gfc_sym_alg_clear(gfc_sym_alg_t A)
{
    slong r;

    for (r = 0; r < A->nrel; r++)
        fmpq_mpoly_clear(A->rel + r, A->ctx);
    fmpq_mpoly_ctx_clear(A->ctx);
}

void
gfc_sym_alg_name(gfc_sym_alg_t A, slong var, const char *name)
{
    snprintf(A->names[var], sizeof(A->names[var]), "%s", name);
}

void
gfc_sym_gen(fmpq_mpoly_t x, slong var, const gfc_sym_alg_t A)
{
    fmpq_mpoly_gen(x, var, A->ctx);
}

int
gfc_sym_alg_relation(gfc_sym_alg_t A, const fmpq_mpoly_t R, slong s)
{
    slong exps[GFC_SYM_MAX_VARS];
    slong r, v;

    if (A->nrel >= GFC_SYM_MAX_RELS || s < 0 || s >= A->nvars
        || fmpq_mpoly_is_zero(R, A->ctx))
        return 0;

    /* The leading term (term 0 in FLINT's descending order) must be a
       pure power of s: then every monomial divisible by it is a multiple
       of s^e, and a remainder of degree < e in s is fully reduced. */
    fmpq_mpoly_get_term_exp_si(exps, R, 0, A->ctx);
    for (v = 0; v < A->nvars; v++)
        if ((v == s) ? exps[v] < 1 : exps[v] != 0)
            return 0;

    /* Distinct dependent symbols that occur in no other relation keep
       the leading monomials coprime and the implicit derivatives
       independent of each other. */
    for (r = 0; r < A->nrel; r++)
        if (A->rel_var[r] == s
            || fmpq_mpoly_degree_si(R, A->rel_var[r], A->ctx) != 0
            || fmpq_mpoly_degree_si(A->rel + r, s, A->ctx) > 0)
            return 0;

    fmpq_mpoly_init(A->rel + A->nrel, A->ctx);
    fmpq_mpoly_set(A->rel + A->nrel, R, A->ctx);
    A->rel_var[A->nrel] = s;
    A->rel_deg[A->nrel] = exps[s];
    A->nrel++;
    return 1;
}

int
gfc_sym_reduce(fmpq_mpoly_t r, const fmpq_mpoly_t p, const gfc_sym_alg_t A)
{
    fmpq_mpoly_struct q[GFC_SYM_MAX_RELS];
    fmpq_mpoly_struct *qp[GFC_SYM_MAX_RELS];
    const fmpq_mpoly_struct *bp[GFC_SYM_MAX_RELS];
    slong i;
    int ok = 1;

    if (A->nrel == 0)
    {
        fmpq_mpoly_set(r, p, A->ctx);
        return 1;
    }
    for (i = 0; i < A->nrel; i++)
    {
        fmpq_mpoly_init(q + i, A->ctx);
        qp[i] = q + i;
        bp[i] = A->rel + i;
    }
    fmpq_mpoly_divrem_ideal(qp, r, p, (fmpq_mpoly_struct *const *) bp,
                            A->nrel, A->ctx);

    /* Normal form: no term of r divisible by a leading monomial s_r^e. */
    for (i = 0; i < A->nrel; i++)
    {
        if (fmpq_mpoly_degree_si(r, A->rel_var[i], A->ctx)
            >= A->rel_deg[i])
            ok = 0;
        fmpq_mpoly_clear(q + i, A->ctx);
    }
    return ok;
}

char *
gfc_sym_str(const fmpq_mpoly_t p, const gfc_sym_alg_t A)
{
    return fmpq_mpoly_get_str_pretty(p, (const char **) A->name_ptr,
                                     A->ctx);
}

void
gfc_sym_frac_init(gfc_sym_frac_t f, const gfc_sym_alg_t A)
{
    fmpq_mpoly_init(f->num, A->ctx);
    fmpq_mpoly_init(f->den, A->ctx);
    fmpq_mpoly_one(f->den, A->ctx);
}

void
gfc_sym_frac_clear(gfc_sym_frac_t f, const gfc_sym_alg_t A)
{
    fmpq_mpoly_clear(f->num, A->ctx);
    fmpq_mpoly_clear(f->den, A->ctx);
}

void
gfc_sym_frac_set(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                 const gfc_sym_alg_t A)
{
    fmpq_mpoly_set(f->num, g->num, A->ctx);
    fmpq_mpoly_set(f->den, g->den, A->ctx);
}

void
gfc_sym_frac_set_poly(gfc_sym_frac_t f, const fmpq_mpoly_t p,
                      const gfc_sym_alg_t A)
{
    fmpq_mpoly_set(f->num, p, A->ctx);
    fmpq_mpoly_one(f->den, A->ctx);
}

void
gfc_sym_frac_set_si(gfc_sym_frac_t f, slong c, const gfc_sym_alg_t A)
{
    fmpq_mpoly_set_si(f->num, c, A->ctx);
    fmpq_mpoly_one(f->den, A->ctx);
}

/* f = g + sign h.  Equal denominators (the common case: sums of entries
   built the same way) are kept as they are, so degrees do not grow. */
static void
frac_addsub(gfc_sym_frac_t f, const gfc_sym_frac_t g, const gfc_sym_frac_t h,
            int sign, const gfc_sym_alg_t A)
{
    fmpq_mpoly_t s, t;

    fmpq_mpoly_init(s, A->ctx);
    fmpq_mpoly_init(t, A->ctx);
    if (fmpq_mpoly_equal(g->den, h->den, A->ctx))
    {
        if (sign > 0)
            fmpq_mpoly_add(s, g->num, h->num, A->ctx);
        else
            fmpq_mpoly_sub(s, g->num, h->num, A->ctx);
        fmpq_mpoly_set(t, g->den, A->ctx);
    }
    else
    {
        fmpq_mpoly_mul(s, g->num, h->den, A->ctx);
        fmpq_mpoly_mul(t, h->num, g->den, A->ctx);
        if (sign > 0)
            fmpq_mpoly_add(s, s, t, A->ctx);
        else
            fmpq_mpoly_sub(s, s, t, A->ctx);
        fmpq_mpoly_mul(t, g->den, h->den, A->ctx);
    }
    fmpq_mpoly_swap(f->num, s, A->ctx);
    fmpq_mpoly_swap(f->den, t, A->ctx);
    fmpq_mpoly_clear(s, A->ctx);
    fmpq_mpoly_clear(t, A->ctx);
}

void
gfc_sym_frac_add(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                 const gfc_sym_frac_t h, const gfc_sym_alg_t A)
{
    frac_addsub(f, g, h, 1, A);
}

void
gfc_sym_frac_sub(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                 const gfc_sym_frac_t h, const gfc_sym_alg_t A)
{
    frac_addsub(f, g, h, -1, A);
}

/* f = (a b) / (c d). */
static void
frac_product(gfc_sym_frac_t f, const fmpq_mpoly_t a, const fmpq_mpoly_t b,
             const fmpq_mpoly_t c, const fmpq_mpoly_t d,
             const gfc_sym_alg_t A)
{
    fmpq_mpoly_t s, t;

    fmpq_mpoly_init(s, A->ctx);
    fmpq_mpoly_init(t, A->ctx);
    fmpq_mpoly_mul(s, a, b, A->ctx);
    fmpq_mpoly_mul(t, c, d, A->ctx);
    fmpq_mpoly_swap(f->num, s, A->ctx);
    fmpq_mpoly_swap(f->den, t, A->ctx);
    fmpq_mpoly_clear(s, A->ctx);
    fmpq_mpoly_clear(t, A->ctx);
}

void
gfc_sym_frac_mul(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                 const gfc_sym_frac_t h, const gfc_sym_alg_t A)
{
    frac_product(f, g->num, h->num, g->den, h->den, A);
}

void
gfc_sym_frac_div(gfc_sym_frac_t f, const gfc_sym_frac_t g,
                 const gfc_sym_frac_t h, const gfc_sym_alg_t A)
{
    frac_product(f, g->num, h->den, g->den, h->num, A);
}

/* out = E * (total derivative of p with respect to var), where
   E = prod of dR_r/ds_r over the relations that involve var and
   ds_r/dvar = -(dR_r/dvar) / (dR_r/ds_r). */
static void
total_num(fmpq_mpoly_t out, const fmpq_mpoly_t p, slong var,
          const fmpq_mpoly_t E, const fmpq_mpoly_struct *Rs,
          const fmpq_mpoly_struct *Rv, const int *inv, const gfc_sym_alg_t A)
{
    fmpq_mpoly_t t;
    slong r, q;

    fmpq_mpoly_init(t, A->ctx);
    fmpq_mpoly_derivative(out, p, var, A->ctx);
    fmpq_mpoly_mul(out, out, E, A->ctx);
    for (r = 0; r < A->nrel; r++)
    {
        if (!inv[r])
            continue;
        fmpq_mpoly_derivative(t, p, A->rel_var[r], A->ctx);
        if (fmpq_mpoly_is_zero(t, A->ctx))
            continue;
        fmpq_mpoly_mul(t, t, Rv + r, A->ctx);
        for (q = 0; q < A->nrel; q++)
            if (q != r && inv[q])
                fmpq_mpoly_mul(t, t, Rs + q, A->ctx);
        fmpq_mpoly_sub(out, out, t, A->ctx);
    }
    fmpq_mpoly_clear(t, A->ctx);
}

void
gfc_sym_frac_deriv(gfc_sym_frac_t f, const gfc_sym_frac_t g, slong var,
                   const gfc_sym_alg_t A)
{
    fmpq_mpoly_struct Rs[GFC_SYM_MAX_RELS], Rv[GFC_SYM_MAX_RELS];
    int inv[GFC_SYM_MAX_RELS];
    fmpq_mpoly_t E, dn, dd, s;
    slong r;

    fmpq_mpoly_init(E, A->ctx);
    fmpq_mpoly_init(dn, A->ctx);
    fmpq_mpoly_init(dd, A->ctx);
    fmpq_mpoly_init(s, A->ctx);
    fmpq_mpoly_one(E, A->ctx);
    for (r = 0; r < A->nrel; r++)
    {
        fmpq_mpoly_init(Rs + r, A->ctx);
        fmpq_mpoly_init(Rv + r, A->ctx);
        fmpq_mpoly_derivative(Rs + r, A->rel + r, A->rel_var[r], A->ctx);
        fmpq_mpoly_derivative(Rv + r, A->rel + r, var, A->ctx);
        inv[r] = !fmpq_mpoly_is_zero(Rv + r, A->ctx);
        if (inv[r])
            fmpq_mpoly_mul(E, E, Rs + r, A->ctx);
    }

    /* (N/D)' = (N' D - N D') / D^2, with N' = dn / E and D' = dd / E. */
    total_num(dn, g->num, var, E, Rs, Rv, inv, A);
    total_num(dd, g->den, var, E, Rs, Rv, inv, A);
    fmpq_mpoly_mul(dn, dn, g->den, A->ctx);
    fmpq_mpoly_mul(dd, dd, g->num, A->ctx);
    fmpq_mpoly_sub(dn, dn, dd, A->ctx);
    fmpq_mpoly_mul(s, g->den, g->den, A->ctx);
    fmpq_mpoly_mul(s, s, E, A->ctx);
    fmpq_mpoly_swap(f->num, dn, A->ctx);
    fmpq_mpoly_swap(f->den, s, A->ctx);

    for (r = 0; r < A->nrel; r++)
    {
        fmpq_mpoly_clear(Rs + r, A->ctx);
        fmpq_mpoly_clear(Rv + r, A->ctx);
    }
    fmpq_mpoly_clear(E, A->ctx);
    fmpq_mpoly_clear(dn, A->ctx);
    fmpq_mpoly_clear(dd, A->ctx);
    fmpq_mpoly_clear(s, A->ctx);
}

int
gfc_sym_frac_is_zero(const gfc_sym_frac_t f, char **rem,
                     const gfc_sym_alg_t A)
{
    fmpq_mpoly_t r;
    int res;

    if (rem != NULL)
        *rem = NULL;
    fmpq_mpoly_init(r, A->ctx);
    if (!gfc_sym_reduce(r, f->den, A))
        res = -1;
    else if (fmpq_mpoly_is_zero(r, A->ctx))
    {
        /* A denominator that vanishes on the relations proves nothing. */
        res = 0;
        if (rem != NULL)
            *rem = gfc_sym_str(r, A);
    }
    else if (!gfc_sym_reduce(r, f->num, A))
        res = -1;
    else
    {
        res = fmpq_mpoly_is_zero(r, A->ctx);
        if (!res && rem != NULL)
            *rem = gfc_sym_str(r, A);
    }
    fmpq_mpoly_clear(r, A->ctx);
    return res;
}

int
gfc_sym_frac_eval(fmpq_t v, const gfc_sym_frac_t f, fmpq *const *vals,
                  const gfc_sym_alg_t A)
{
    fmpq_t n, d;
    int ok;

    fmpq_init(n);
    fmpq_init(d);
    ok = fmpq_mpoly_evaluate_all_fmpq(n, f->num, vals, A->ctx)
         && fmpq_mpoly_evaluate_all_fmpq(d, f->den, vals, A->ctx)
         && !fmpq_is_zero(d);
    if (ok)
        fmpq_div(v, n, d);
    fmpq_clear(n);
    fmpq_clear(d);
    return ok;
}

void
gfc_sym_check_start(gfc_symbolic_check_struct *C, const char *name,
                    const char *claim, slong d1, slong d2)
{
    snprintf(C->name, sizeof(C->name), "%s", name);
    snprintf(C->claim, sizeof(C->claim), "%s", claim);
    C->proved = 0;
    C->dims[0] = d1;
    C->dims[1] = d2;
    C->ndims = (d2 > 0 && d2 != d1) ? 2 : 1;
}

void
gfc_sym_check_witness(gfc_symbolic_check_struct *C, char *text,
                      char *value)
{
    flint_free(C->witness);
    flint_free(C->value);
    C->witness = text;
    C->value = value;
}
