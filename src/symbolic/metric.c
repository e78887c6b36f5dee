/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Is the predictor-space metric G(beta) = H(beta)^-1 a Hessian metric?
 * A Hessian metric satisfies d_k G_ij = d_i G_kj for all i, j, k
 * (proofs/symbolic.md).  Diagonal network: the symmetry holds
 * identically (proved symbolically).  One neuron: an exact rational
 * point where it fails, so no fixed potential gives the flow.
 */
#include <stdio.h>
#include <string.h>
#include "impl.h"

/* Symbols S_1..S_d, k_1..k_d, beta_1..beta_d; relations
   S_i^2 = k_i^2 + 4 beta_i^2 (or 4 ||beta||^2: the wrong metric);
   G = diag(1 / S_i). */
int
gfc_symbolic_check_diag_symmetry(gfc_symbolic_check_struct *C, slong d,
                                 gfc_symbolic_variant v)
{
    gfc_sym_alg_t A;
    gfc_sym_frac_t *G, t, u;
    fmpq_mpoly_t R, p;
    slong i, j, k, kb = d, b0 = 2 * d;
    char buf[48], *rem = NULL;
    int z;

    gfc_sym_check_start(C, "diag.mirror_symmetry", "d_k G_ij = d_i G_kj "
                        "identically for G = diag(1/S_i), S_i^2 = k_i^2 + "
                        "4 beta_i^2: no witness", d, 0);
    gfc_sym_alg_init(A, 3 * d);
    for (i = 0; i < d; i++)
    {
        snprintf(buf, sizeof(buf), "S%ld", (long) i + 1);
        gfc_sym_alg_name(A, i, buf);
        snprintf(buf, sizeof(buf), "k%ld", (long) i + 1);
        gfc_sym_alg_name(A, kb + i, buf);
        snprintf(buf, sizeof(buf), "b%ld", (long) i + 1);
        gfc_sym_alg_name(A, b0 + i, buf);
    }
    fmpq_mpoly_init(R, A->ctx);
    fmpq_mpoly_init(p, A->ctx);
    for (i = 0; i < d; i++)
    {
        gfc_sym_gen(R, i, A);
        fmpq_mpoly_mul(R, R, R, A->ctx);
        gfc_sym_gen(p, kb + i, A);
        fmpq_mpoly_mul(p, p, p, A->ctx);
        fmpq_mpoly_sub(R, R, p, A->ctx);
        for (j = 0; j < d; j++)
        {
            if (j != i && v != GFC_SYMBOLIC_WRONG_METRIC)
                continue;
            gfc_sym_gen(p, b0 + j, A);
            fmpq_mpoly_mul(p, p, p, A->ctx);
            fmpq_mpoly_scalar_mul_si(p, p, 4, A->ctx);
            fmpq_mpoly_sub(R, R, p, A->ctx);
        }
        if (!gfc_sym_alg_relation(A, R, i))
            gfc_abort("diag symmetry: a relation is not monic in S_i");
    }

    G = flint_malloc(d * d * sizeof(gfc_sym_frac_t));
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++)
        {
            gfc_sym_frac_init(G[i * d + j], A);
            if (i == j)
            {
                fmpq_mpoly_one(G[i * d + j]->num, A->ctx);
                gfc_sym_gen(G[i * d + j]->den, i, A);
            }
        }
    gfc_sym_frac_init(t, A);
    gfc_sym_frac_init(u, A);

    C->proved = 1;
    for (i = 0; i < d && C->proved; i++)
        for (j = 0; j < d && C->proved; j++)
            for (k = i + 1; k < d && C->proved; k++)
            {
                gfc_sym_frac_deriv(t, G[i * d + j], b0 + k, A);
                gfc_sym_frac_deriv(u, G[k * d + j], b0 + i, A);
                gfc_sym_frac_sub(t, t, u, A);
                z = gfc_sym_frac_is_zero(t, &rem, A);
                if (z != 1)
                {
                    size_t len = (rem ? strlen(rem) : 1) + 96;
                    char *w = flint_malloc(len);

                    C->proved = 0;
                    snprintf(w, len, "remainder of the numerator of "
                             "d_%ld G_%ld%ld - d_%ld G_%ld%ld = %s",
                             (long) k + 1, (long) i + 1, (long) j + 1,
                             (long) i + 1, (long) k + 1, (long) j + 1,
                             rem ? rem : "?");
                    gfc_sym_check_witness(C, w, NULL);
                }
                flint_free(rem);
                rem = NULL;
            }

    for (i = 0; i < d * d; i++)
        gfc_sym_frac_clear(G[i], A);
    flint_free(G);
    gfc_sym_frac_clear(t, A);
    gfc_sym_frac_clear(u, A);
    fmpq_mpoly_clear(R, A->ctx);
    fmpq_mpoly_clear(p, A->ctx);
    gfc_sym_alg_clear(A);
    return C->proved;
}

/* The point a = 2, beta_i = i, delta = (a^4 - ||beta||^2) / a^2 lies on
   the relation by construction and has dR/da = 4a^3 - 2 delta a != 0
   for d <= GFC_SYMBOLIC_MAX_DIM (checked below). */
static void
witness_point(fmpq *vals, slong d)
{
    slong i, s = 0;

    fmpq_set_si(vals + 0, 2, 1);
    for (i = 0; i < d; i++)
    {
        fmpq_set_si(vals + 2 + i, i + 1, 1);
        s += (i + 1) * (i + 1);
    }
    fmpq_set_si(vals + 1, 16 - s, 4);
}

static char *
point_text(const fmpq *vals, slong d)
{
    size_t len = 64;
    slong i;
    char *s, *t;

    for (i = 0; i < d + 2; i++)
        len += fmpz_sizeinbase(fmpq_numref(vals + i), 10)
               + fmpz_sizeinbase(fmpq_denref(vals + i), 10) + 8;
    s = flint_malloc(len);
    t = fmpq_get_str(NULL, 10, vals + 0);
    snprintf(s, len, "a = %s", t);
    flint_free(t);
    t = fmpq_get_str(NULL, 10, vals + 1);
    strcat(s, ", delta = ");
    strcat(s, t);
    flint_free(t);
    strcat(s, ", beta = (");
    for (i = 0; i < d; i++)
    {
        t = fmpq_get_str(NULL, 10, vals + 2 + i);
        if (i > 0)
            strcat(s, ", ");
        strcat(s, t);
        flint_free(t);
    }
    strcat(s, ")");
    return s;
}

/* Symbols a, delta, beta_1..beta_d; relation a^4 - delta a^2 - ||beta||^2.
   G = phi(a) H^-1 with phi = 1 (the flow's metric) or phi = a (the
   wrong metric: grad^2 Q, a Hessian metric, so no witness exists).
   d_k G = (d_k phi) H^-1 - phi H^-1 (d_k H) H^-1 at the point, exactly. */
int
gfc_symbolic_check_fc1_witness(gfc_symbolic_check_struct *C, slong d,
                               gfc_symbolic_variant v)
{
    gfc_sym_alg_t A;
    gfc_sym_frac_t h, dh, fa;
    fmpq_mpoly_t R;
    fmpq *vals, **vp;
    fmpq_mat_t Hm, Gi, T, *dG;
    fmpq_t c, phi, dphi;
    slong i, j, k, b0 = 2;
    char buf[48];
    int ok = 1;

    if (d >= 2)
        gfc_sym_check_start(C, "fc1.not_mirror_witness", "an exact "
                            "rational point where d_k G_ij != d_i G_kj for "
                            "G = H^-1: no potential gives the flow", d, 0);
    else
        gfc_sym_check_start(C, "fc1.mirror_symmetry", "d = 1: every "
                            "one-dimensional metric is a Hessian metric: "
                            "no witness", d, 0);
    gfc_sym_alg_init(A, 2 + d);
    gfc_sym_alg_name(A, 0, "a");
    gfc_sym_alg_name(A, 1, "delta");
    for (i = 0; i < d; i++)
    {
        snprintf(buf, sizeof(buf), "b%ld", (long) i + 1);
        gfc_sym_alg_name(A, b0 + i, buf);
    }
    fmpq_mpoly_init(R, A->ctx);
    gfc_sym_fc1_relation(R, A, b0, d);

    vals = _fmpq_vec_init(2 + d);
    vp = flint_malloc((2 + d) * sizeof(fmpq *));
    for (i = 0; i < 2 + d; i++)
        vp[i] = vals + i;
    witness_point(vals, d);
    fmpq_init(c);
    fmpq_init(phi);
    fmpq_init(dphi);
    fmpq_mat_init(Hm, d, d);
    fmpq_mat_init(Gi, d, d);
    fmpq_mat_init(T, d, d);
    dG = flint_malloc(d * sizeof(fmpq_mat_t));
    for (k = 0; k < d; k++)
        fmpq_mat_init(dG[k], d, d);
    gfc_sym_frac_init(h, A);
    gfc_sym_frac_init(dh, A);
    gfc_sym_frac_init(fa, A);

    /* The point must lie on the relation. */
    if (!fmpq_mpoly_evaluate_all_fmpq(c, R, vp, A->ctx) || !fmpq_is_zero(c))
        ok = 0;
    if (v == GFC_SYMBOLIC_WRONG_METRIC)
        fmpq_set(phi, vals + 0);
    else
        fmpq_one(phi);

    /* H at the point, and each d_k H (a total derivative through a). */
    for (i = 0; i < d && ok; i++)
        for (j = 0; j < d && ok; j++)
        {
            gfc_sym_fc1_H(h, A, b0, i, j);
            ok = gfc_sym_frac_eval(fmpq_mat_entry(Hm, i, j), h, vp, A);
            for (k = 0; k < d && ok; k++)
            {
                gfc_sym_frac_deriv(dh, h, b0 + k, A);
                ok = gfc_sym_frac_eval(fmpq_mat_entry(dG[k], i, j), dh, vp,
                                       A);
            }
        }
    if (ok)
        ok = fmpq_mat_inv(Gi, Hm);

    /* dG[k] := (d_k phi) H^-1 - phi H^-1 (d_k H) H^-1 */
    for (k = 0; k < d && ok; k++)
    {
        fmpq_zero(dphi);
        if (v == GFC_SYMBOLIC_WRONG_METRIC)
        {
            gfc_sym_frac_set_si(fa, 0, A);
            gfc_sym_gen(fa->num, 0, A);
            gfc_sym_frac_deriv(dh, fa, b0 + k, A);
            ok = gfc_sym_frac_eval(dphi, dh, vp, A);
        }
        fmpq_mat_mul(T, Gi, dG[k]);
        fmpq_mat_mul(dG[k], T, Gi);
        fmpq_neg(c, phi);
        fmpq_mat_scalar_mul_fmpq(dG[k], dG[k], c);
        fmpq_mat_scalar_mul_fmpq(T, Gi, dphi);
        fmpq_mat_add(dG[k], dG[k], T);
    }

    /* The first (i, j, k > i) where d_k G_ij - d_i G_kj != 0. */
    C->proved = 0;
    for (i = 0; i < d && ok && C->witness == NULL; i++)
        for (j = 0; j < d && C->witness == NULL; j++)
            for (k = i + 1; k < d && C->witness == NULL; k++)
            {
                fmpq_sub(c, fmpq_mat_entry(dG[k], i, j),
                         fmpq_mat_entry(dG[i], k, j));
                if (!fmpq_is_zero(c))
                {
                    char *pt = point_text(vals, d);
                    char *val = fmpq_get_str(NULL, 10, c);
                    size_t len = strlen(pt) + strlen(val) + 96;
                    char *w = flint_malloc(len);

                    snprintf(w, len, "d_%ld G_%ld%ld - d_%ld G_%ld%ld = %s "
                             "at %s", (long) k + 1, (long) i + 1,
                             (long) j + 1, (long) i + 1, (long) k + 1,
                             (long) j + 1, val, pt);
                    flint_free(pt);
                    gfc_sym_check_witness(C, w, val);
                }
            }
    if (ok)
        C->proved = (d >= 2) ? (C->witness != NULL) : (C->witness == NULL);

    gfc_sym_frac_clear(h, A);
    gfc_sym_frac_clear(dh, A);
    gfc_sym_frac_clear(fa, A);
    for (k = 0; k < d; k++)
        fmpq_mat_clear(dG[k]);
    flint_free(dG);
    fmpq_mat_clear(Hm);
    fmpq_mat_clear(Gi);
    fmpq_mat_clear(T);
    fmpq_clear(c);
    fmpq_clear(phi);
    fmpq_clear(dphi);
    _fmpq_vec_clear(vals, 2 + d);
    flint_free(vp);
    fmpq_mpoly_clear(R, A->ctx);
    gfc_sym_alg_clear(A);
    return C->proved;
}
