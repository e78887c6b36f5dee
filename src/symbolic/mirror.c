/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Mirror identities (proofs/symbolic.md): the warped identity
 * grad^2 Q(beta) H(beta) = a I of the one-neuron network modulo
 * a^4 - delta a^2 - ||beta||^2, and the diagonal network's
 * q_k''(w) sqrt(k^2 + 4 w^2) = 1 modulo S^2 = k^2 + 4 w^2.
 */
#include <stdio.h>
#include <string.h>
#include "impl.h"

/* Witness text "what = remainder" (flint_malloc'ed). */
static char *
remainder_text(const char *what, const char *rem)
{
    size_t len = strlen(what) + (rem ? strlen(rem) : 1) + 8;
    char *w = flint_malloc(len);

    snprintf(w, len, "%s = %s", what, rem ? rem : "?");
    return w;
}

/* h = H(beta)_ij = (beta_i beta_j + [i = j] a^4) / a^2, with a the
   variable 0 and beta from variable b0 on. */
void
gfc_sym_fc1_H(gfc_sym_frac_t h, const gfc_sym_alg_t A, slong b0, slong i,
              slong j)
{
    fmpq_mpoly_t x, y;

    fmpq_mpoly_init(x, A->ctx);
    fmpq_mpoly_init(y, A->ctx);
    gfc_sym_gen(x, b0 + i, A);
    gfc_sym_gen(y, b0 + j, A);
    fmpq_mpoly_mul(h->num, x, y, A->ctx);
    gfc_sym_gen(h->den, 0, A);
    fmpq_mpoly_mul(h->den, h->den, h->den, A->ctx);
    if (i == j)
    {
        fmpq_mpoly_mul(x, h->den, h->den, A->ctx);
        fmpq_mpoly_add(h->num, h->num, x, A->ctx);
    }
    fmpq_mpoly_clear(x, A->ctx);
    fmpq_mpoly_clear(y, A->ctx);
}

/* R = a^4 - delta a^2 - ||beta||^2 with variable 0 = a, 1 = delta and
   b0 .. b0+d-1 = beta, declared in A as the relation tying a to beta. */
void
gfc_sym_fc1_relation(fmpq_mpoly_t R, gfc_sym_alg_t A, slong b0, slong d)
{
    fmpq_mpoly_t x, y;
    slong i;

    fmpq_mpoly_init(x, A->ctx);
    fmpq_mpoly_init(y, A->ctx);
    gfc_sym_gen(x, 0, A);
    fmpq_mpoly_mul(x, x, x, A->ctx);
    fmpq_mpoly_mul(R, x, x, A->ctx);
    gfc_sym_gen(y, 1, A);
    fmpq_mpoly_mul(y, y, x, A->ctx);
    fmpq_mpoly_sub(R, R, y, A->ctx);
    for (i = 0; i < d; i++)
    {
        gfc_sym_gen(y, b0 + i, A);
        fmpq_mpoly_mul(y, y, y, A->ctx);
        fmpq_mpoly_sub(R, R, y, A->ctx);
    }
    if (!gfc_sym_alg_relation(A, R, 0))
        gfc_abort("fc1: the relation is not monic in a");
    fmpq_mpoly_clear(x, A->ctx);
    fmpq_mpoly_clear(y, A->ctx);
}

/* Symbols a, delta, beta_1..beta_d, w0_1..w0_d; relation
   a^4 - delta a^2 - ||beta||^2 with a dependent.  Returns 1 when the
   identity holds in dimension d; else fills the witness. */
static int
warped_dim(gfc_symbolic_check_struct *C, slong d, gfc_symbolic_variant v)
{
    gfc_sym_alg_t A;
    gfc_sym_frac_t *gq, *H, hess, m, t;
    fmpq_mpoly_t R, x;
    slong i, j, k, b0 = 2, w0 = 2 + d;
    char buf[48], what[160], *rem = NULL;
    int ok = 1, z;

    gfc_sym_alg_init(A, 2 + 2 * d);
    gfc_sym_alg_name(A, 0, "a");
    gfc_sym_alg_name(A, 1, "delta");
    for (i = 0; i < d; i++)
    {
        snprintf(buf, sizeof(buf), "b%ld", (long) i + 1);
        gfc_sym_alg_name(A, b0 + i, buf);
        snprintf(buf, sizeof(buf), "w0_%ld", (long) i + 1);
        gfc_sym_alg_name(A, w0 + i, buf);
    }
    fmpq_mpoly_init(R, A->ctx);
    fmpq_mpoly_init(x, A->ctx);
    gfc_sym_fc1_relation(R, A, b0, d);

    gq = flint_malloc(d * sizeof(gfc_sym_frac_t));
    H = flint_malloc(d * d * sizeof(gfc_sym_frac_t));
    gfc_sym_frac_init(hess, A);
    gfc_sym_frac_init(m, A);
    gfc_sym_frac_init(t, A);

    /* grad Q = beta / a - w(0); H = (a^4 I + beta beta^T) / a^2. */
    for (i = 0; i < d; i++)
    {
        gfc_sym_frac_init(gq[i], A);
        gfc_sym_gen(gq[i]->num, b0 + i, A);
        gfc_sym_gen(gq[i]->den, 0, A);
        if (v == GFC_SYMBOLIC_WRONG_EXPONENT)
            fmpq_mpoly_mul(gq[i]->den, gq[i]->den, gq[i]->den, A->ctx);
        gfc_sym_gen(x, w0 + i, A);
        fmpq_mpoly_mul(x, x, gq[i]->den, A->ctx);
        fmpq_mpoly_sub(gq[i]->num, gq[i]->num, x, A->ctx);
        for (j = 0; j < d; j++)
        {
            gfc_sym_frac_struct *h = H[i * d + j];

            gfc_sym_frac_init(H[i * d + j], A);
            gfc_sym_fc1_H(h, A, b0, i, j);
        }
    }

    /* (grad^2 Q H)_ik - a delta_ik, with grad^2 Q by implicit
       differentiation of a(beta). */
    for (i = 0; i < d && ok; i++)
    {
        for (k = 0; k < d && ok; k++)
        {
            gfc_sym_frac_set_si(m, 0, A);
            for (j = 0; j < d; j++)
            {
                gfc_sym_frac_deriv(hess, gq[i], b0 + j, A);
                gfc_sym_frac_mul(t, hess, H[j * d + k], A);
                gfc_sym_frac_add(m, m, t, A);
            }
            if (i == k)
            {
                gfc_sym_frac_set_si(t, 0, A);
                gfc_sym_gen(t->num, 0, A);
                gfc_sym_frac_sub(m, m, t, A);
            }
            z = gfc_sym_frac_is_zero(m, &rem, A);
            if (z != 1)
            {
                ok = 0;
                snprintf(what, sizeof(what), "d = %ld: remainder of the "
                         "numerator of (grad^2 Q H - a I)_%ld%ld", (long) d,
                         (long) i + 1, (long) k + 1);
                gfc_sym_check_witness(C, remainder_text(what, rem), NULL);
            }
            flint_free(rem);
            rem = NULL;
        }
    }

    for (i = 0; i < d; i++)
    {
        gfc_sym_frac_clear(gq[i], A);
        for (j = 0; j < d; j++)
            gfc_sym_frac_clear(H[i * d + j], A);
    }
    flint_free(gq);
    flint_free(H);
    gfc_sym_frac_clear(hess, A);
    gfc_sym_frac_clear(m, A);
    gfc_sym_frac_clear(t, A);
    fmpq_mpoly_clear(R, A->ctx);
    fmpq_mpoly_clear(x, A->ctx);
    gfc_sym_alg_clear(A);
    return ok;
}

int
gfc_symbolic_check_warped_mirror(gfc_symbolic_check_struct *C, slong d,
                                 gfc_symbolic_variant v)
{
    /* d = 2 is the case that the dimension argument needs
       (proofs/symbolic.md); the requested d is checked as well. */
    gfc_sym_check_start(C, "fc1.warped_mirror", "grad^2 Q(beta) H(beta) = "
                        "a I modulo a^4 - delta a^2 - ||beta||^2, with "
                        "grad Q = beta/a - w(0)", 2, d);
    C->proved = warped_dim(C, 2, v) && (d == 2 || warped_dim(C, d, v));
    return C->proved;
}

/* q'(w) = (1/2) asinh(x), x = 2 w / k (the wrong-exponent statement has
   x = 2 w / k^2).  Symbols S, k, w; relation S^2 - k^2 - 4 w^2. */
int
gfc_symbolic_check_diag_mirror(gfc_symbolic_check_struct *C,
                               gfc_symbolic_variant v)
{
    gfc_sym_alg_t A;
    gfc_sym_frac_t x, sq, t, q2;
    fmpq_mpoly_t R, p;
    char *rem = NULL;
    int z;

    gfc_sym_check_start(C, "diag.mirror_identity", "q_k''(w) S = 1 with "
                        "q_k'(w) = asinh(2w/k)/2 and S^2 = k^2 + 4 w^2 "
                        "(S, k > 0)", 1, 0);
    gfc_sym_alg_init(A, 3);
    gfc_sym_alg_name(A, 0, "S");
    gfc_sym_alg_name(A, 1, "k");
    gfc_sym_alg_name(A, 2, "w");
    fmpq_mpoly_init(R, A->ctx);
    fmpq_mpoly_init(p, A->ctx);
    gfc_sym_frac_init(x, A);
    gfc_sym_frac_init(sq, A);
    gfc_sym_frac_init(t, A);
    gfc_sym_frac_init(q2, A);

    /* R = S^2 - k^2 - 4 w^2 */
    gfc_sym_gen(R, 0, A);
    fmpq_mpoly_mul(R, R, R, A->ctx);
    gfc_sym_gen(p, 1, A);
    fmpq_mpoly_mul(p, p, p, A->ctx);
    fmpq_mpoly_sub(R, R, p, A->ctx);
    gfc_sym_gen(p, 2, A);
    fmpq_mpoly_mul(p, p, p, A->ctx);
    fmpq_mpoly_scalar_mul_si(p, p, 4, A->ctx);
    fmpq_mpoly_sub(R, R, p, A->ctx);
    if (!gfc_sym_alg_relation(A, R, 0))
        gfc_abort("diag mirror: the relation is not monic in S");

    /* x = 2 w / k (or 2 w / k^2) */
    gfc_sym_gen(x->num, 2, A);
    fmpq_mpoly_scalar_mul_si(x->num, x->num, 2, A->ctx);
    gfc_sym_gen(x->den, 1, A);
    if (v == GFC_SYMBOLIC_WRONG_EXPONENT)
        fmpq_mpoly_mul(x->den, x->den, x->den, A->ctx);

    /* asinh'(x) = 1 / sqrt(1 + x^2) and sqrt(1 + x^2) = S / k: the
       square matches modulo the relation, and S / k > 0. */
    gfc_sym_gen(sq->num, 0, A);
    gfc_sym_gen(sq->den, 1, A);
    gfc_sym_frac_mul(t, sq, sq, A);
    gfc_sym_frac_mul(q2, x, x, A);
    gfc_sym_frac_sub(t, t, q2, A);
    gfc_sym_frac_set_si(q2, 1, A);
    gfc_sym_frac_sub(t, t, q2, A);
    z = gfc_sym_frac_is_zero(t, &rem, A);
    if (z != 1)
    {
        gfc_sym_check_witness(C, remainder_text("remainder of the numerator "
                                                "of (S/k)^2 - (1 + x^2)",
                                                rem), NULL);
        goto cleanup;
    }

    /* q'' = (1/2) x' / sqrt(1 + x^2) by the chain rule; then q'' S - 1. */
    gfc_sym_frac_deriv(t, x, 2, A);
    gfc_sym_frac_div(q2, t, sq, A);
    fmpq_mpoly_scalar_div_si(q2->num, q2->num, 2, A->ctx);
    gfc_sym_frac_set_si(t, 0, A);
    gfc_sym_gen(t->num, 0, A);
    gfc_sym_frac_mul(q2, q2, t, A);
    gfc_sym_frac_set_si(t, 1, A);
    gfc_sym_frac_sub(q2, q2, t, A);
    z = gfc_sym_frac_is_zero(q2, &rem, A);
    if (z == 1)
        C->proved = 1;
    else
        gfc_sym_check_witness(C, remainder_text("remainder of the numerator "
                                                "of q''(w) S - 1", rem),
                              NULL);

cleanup:
    flint_free(rem);
    gfc_sym_frac_clear(x, A);
    gfc_sym_frac_clear(sq, A);
    gfc_sym_frac_clear(t, A);
    gfc_sym_frac_clear(q2, A);
    fmpq_mpoly_clear(R, A->ctx);
    fmpq_mpoly_clear(p, A->ctx);
    gfc_sym_alg_clear(A);
    return C->proved;
}
