/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The models' vector fields with the data gradient g as free symbols
 * (proofs/symbolic.md, section 1), and the checks on them: the field is
 * the gradient flow of the loss through beta(theta), the claimed
 * quantities are conserved, and (fc1) beta moves by -H(beta) g.
 */
#include <stdio.h>
#include <string.h>
#include "impl.h"

typedef struct
{
    gfc_sym_alg_t A;
    slong d, m, N;
    slong g0;                   /* symbol of g_1 */
    fmpq_mpoly_struct *f;       /* N components of the field */
    fmpq_mpoly_struct *beta;    /* d components of beta(theta) */
    slong nc;
    fmpq_mpoly_struct *C;       /* claimed conserved quantities */
}
sym_model;

static void
name2(gfc_sym_alg_t A, slong var, const char *stem, slong i, slong j)
{
    char buf[48];

    if (j > 0)
        snprintf(buf, sizeof(buf), "%s%ld_%ld", stem, (long) i, (long) j);
    else
        snprintf(buf, sizeof(buf), "%s%ld", stem, (long) i);
    gfc_sym_alg_name(A, var, buf);
}

/* x^2 + sign y^2 */
static void
sq_pm(fmpq_mpoly_t c, slong x, slong y, int sign, const gfc_sym_alg_t A)
{
    fmpq_mpoly_t t;

    fmpq_mpoly_init(t, A->ctx);
    gfc_sym_gen(c, x, A);
    fmpq_mpoly_mul(c, c, c, A->ctx);
    gfc_sym_gen(t, y, A);
    fmpq_mpoly_mul(t, t, t, A->ctx);
    if (sign > 0)
        fmpq_mpoly_add(c, c, t, A->ctx);
    else
        fmpq_mpoly_sub(c, c, t, A->ctx);
    fmpq_mpoly_clear(t, A->ctx);
}

/* c = c + sign * x * y */
static void
addmul_gen(fmpq_mpoly_t c, slong x, slong y, int sign, const gfc_sym_alg_t A)
{
    fmpq_mpoly_t t, u;

    fmpq_mpoly_init(t, A->ctx);
    fmpq_mpoly_init(u, A->ctx);
    gfc_sym_gen(t, x, A);
    gfc_sym_gen(u, y, A);
    fmpq_mpoly_mul(t, t, u, A->ctx);
    if (sign > 0)
        fmpq_mpoly_add(c, c, t, A->ctx);
    else
        fmpq_mpoly_sub(c, c, t, A->ctx);
    fmpq_mpoly_clear(t, A->ctx);
    fmpq_mpoly_clear(u, A->ctx);
}

static void
model_alloc(sym_model *S, slong N, slong d, slong m, slong nc)
{
    slong i;

    S->N = N;
    S->d = d;
    S->m = m;
    S->g0 = N;
    S->nc = nc;
    gfc_sym_alg_init(S->A, N + d);
    S->f = flint_malloc(N * sizeof(fmpq_mpoly_struct));
    S->beta = flint_malloc(d * sizeof(fmpq_mpoly_struct));
    S->C = flint_malloc(nc * sizeof(fmpq_mpoly_struct));
    for (i = 0; i < N; i++)
        fmpq_mpoly_init(S->f + i, S->A->ctx);
    for (i = 0; i < d; i++)
    {
        fmpq_mpoly_init(S->beta + i, S->A->ctx);
        name2(S->A, N + i, "g", i + 1, 0);
    }
    for (i = 0; i < nc; i++)
        fmpq_mpoly_init(S->C + i, S->A->ctx);
}

static void
model_clear(sym_model *S)
{
    slong i;

    for (i = 0; i < S->N; i++)
        fmpq_mpoly_clear(S->f + i, S->A->ctx);
    for (i = 0; i < S->d; i++)
        fmpq_mpoly_clear(S->beta + i, S->A->ctx);
    for (i = 0; i < S->nc; i++)
        fmpq_mpoly_clear(S->C + i, S->A->ctx);
    flint_free(S->f);
    flint_free(S->beta);
    flint_free(S->C);
    gfc_sym_alg_clear(S->A);
}

/* diag: u+ = [0,d), v+ = [d,2d), u- = [2d,3d), v- = [3d,4d).
   u+' = -v+ g, v+' = -u+ g, u-' = +v- g, v-' = +u- g;
   beta = u+ v+ - u- v-; conserved u+^2 - v+^2, u-^2 - v-^2. */
static void
model_diag(sym_model *S, slong d, gfc_symbolic_variant v)
{
    slong i, g;
    int qs = (v == GFC_SYMBOLIC_WRONG_QUANTITY) ? 1 : -1;

    model_alloc(S, 4 * d, d, 1, 2 * d);
    for (i = 0; i < d; i++)
    {
        g = S->g0 + i;
        name2(S->A, i, "up", i + 1, 0);
        name2(S->A, d + i, "vp", i + 1, 0);
        name2(S->A, 2 * d + i, "um", i + 1, 0);
        name2(S->A, 3 * d + i, "vm", i + 1, 0);
        addmul_gen(S->f + i, d + i, g, -1, S->A);
        addmul_gen(S->f + d + i, i, g, -1, S->A);
        addmul_gen(S->f + 2 * d + i, 3 * d + i, g, 1, S->A);
        addmul_gen(S->f + 3 * d + i, 2 * d + i, g, 1, S->A);
        addmul_gen(S->beta + i, i, d + i, 1, S->A);
        addmul_gen(S->beta + i, 2 * d + i, 3 * d + i, -1, S->A);
        sq_pm(S->C + i, i, d + i, qs, S->A);
        sq_pm(S->C + d + i, 2 * d + i, 3 * d + i, qs, S->A);
    }
    if (v == GFC_SYMBOLIC_WRONG_SIGN)
        fmpq_mpoly_neg(S->f, S->f, S->A->ctx);
}

/* fc (m neurons; fc1 is m = 1): neuron j holds w_j = [j(d+1), j(d+1)+d)
   and a_j = j(d+1)+d.  w_j' = -a_j g, a_j' = -w_j^T g;
   beta = sum_j a_j w_j; conserved a_j^2 - ||w_j||^2. */
static void
model_fc(sym_model *S, slong d, slong m, gfc_symbolic_variant v)
{
    slong i, j, o, g;
    int qs = (v == GFC_SYMBOLIC_WRONG_QUANTITY) ? 1 : -1;
    fmpq_mpoly_t t;

    model_alloc(S, m * (d + 1), d, m, m);
    fmpq_mpoly_init(t, S->A->ctx);
    for (j = 0; j < m; j++)
    {
        o = j * (d + 1);
        if (m == 1)
            gfc_sym_alg_name(S->A, o + d, "a");
        else
            name2(S->A, o + d, "a", j + 1, 0);
        gfc_sym_gen(S->C + j, o + d, S->A);
        fmpq_mpoly_mul(S->C + j, S->C + j, S->C + j, S->A->ctx);
        for (i = 0; i < d; i++)
        {
            g = S->g0 + i;
            if (m == 1)
                name2(S->A, o + i, "w", i + 1, 0);
            else
                name2(S->A, o + i, "w", j + 1, i + 1);
            addmul_gen(S->f + o + i, o + d, g, -1, S->A);
            addmul_gen(S->f + o + d, o + i, g, -1, S->A);
            addmul_gen(S->beta + i, o + d, o + i, 1, S->A);
            gfc_sym_gen(t, o + i, S->A);
            fmpq_mpoly_mul(t, t, t, S->A->ctx);
            if (qs > 0)
                fmpq_mpoly_add(S->C + j, S->C + j, t, S->A->ctx);
            else
                fmpq_mpoly_sub(S->C + j, S->C + j, t, S->A->ctx);
        }
    }
    if (v == GFC_SYMBOLIC_WRONG_SIGN)
        fmpq_mpoly_neg(S->f + d, S->f + d, S->A->ctx);
    fmpq_mpoly_clear(t, S->A->ctx);
}

static int
model_build(sym_model *S, gfc_model_kind model, slong d, slong m,
            gfc_symbolic_variant v)
{
    if (model == GFC_MODEL_DIAG)
        model_diag(S, d, v);
    else if (model == GFC_MODEL_FC1)
        model_fc(S, d, 1, v);
    else if (model == GFC_MODEL_FC)
        model_fc(S, d, m, v);
    else
        return 0;
    return 1;
}

static const char *
model_word(gfc_model_kind model)
{
    return (model == GFC_MODEL_DIAG) ? "diag"
           : (model == GFC_MODEL_FC1) ? "fc1" : "fc";
}

/* res = sum_x dp/dx f_x: the time derivative of p along the field. */
static void
along_field(fmpq_mpoly_t res, const fmpq_mpoly_t p, const sym_model *S)
{
    fmpq_mpoly_t t;
    slong x;

    fmpq_mpoly_init(t, S->A->ctx);
    fmpq_mpoly_zero(res, S->A->ctx);
    for (x = 0; x < S->N; x++)
    {
        fmpq_mpoly_derivative(t, p, x, S->A->ctx);
        fmpq_mpoly_mul(t, t, S->f + x, S->A->ctx);
        fmpq_mpoly_add(res, res, t, S->A->ctx);
    }
    fmpq_mpoly_clear(t, S->A->ctx);
}

int
gfc_symbolic_check_gradient_field(gfc_symbolic_check_struct *C,
                                  gfc_model_kind model, slong d, slong m,
                                  gfc_symbolic_variant v)
{
    sym_model S;
    fmpq_mpoly_t grad, t, u;
    slong x, i;
    char name[48], buf[64];

    snprintf(name, sizeof(name), "%s.gradient_field", model_word(model));
    gfc_sym_check_start(C, name, "theta' = -(d beta / d theta)^T g in "
                        "every component, g free", d, 0);
    if (!model_build(&S, model, d, m, v))
        return 0;
    fmpq_mpoly_init(grad, S.A->ctx);
    fmpq_mpoly_init(t, S.A->ctx);
    fmpq_mpoly_init(u, S.A->ctx);
    C->proved = 1;

    /* The loss depends on theta only through beta, and dL/dbeta = g. */
    for (x = 0; x < S.N && C->proved; x++)
    {
        fmpq_mpoly_zero(grad, S.A->ctx);
        for (i = 0; i < d; i++)
        {
            fmpq_mpoly_derivative(t, S.beta + i, x, S.A->ctx);
            gfc_sym_gen(u, S.g0 + i, S.A);
            fmpq_mpoly_mul(t, t, u, S.A->ctx);
            fmpq_mpoly_add(grad, grad, t, S.A->ctx);
        }
        fmpq_mpoly_add(t, S.f + x, grad, S.A->ctx);
        if (!fmpq_mpoly_is_zero(t, S.A->ctx))
        {
            char *p = gfc_sym_str(t, S.A), *w;
            size_t len = strlen(p) + 64;

            C->proved = 0;
            w = flint_malloc(len);
            snprintf(buf, sizeof(buf), "%s' + dL/d%s", S.A->names[x],
                     S.A->names[x]);
            snprintf(w, len, "%s = %s", buf, p);
            flint_free(p);
            gfc_sym_check_witness(C, w, NULL);
        }
    }
    fmpq_mpoly_clear(grad, S.A->ctx);
    fmpq_mpoly_clear(t, S.A->ctx);
    fmpq_mpoly_clear(u, S.A->ctx);
    model_clear(&S);
    return C->proved;
}

int
gfc_symbolic_check_conservation(gfc_symbolic_check_struct *C,
                                gfc_model_kind model, slong d, slong m,
                                gfc_symbolic_variant v)
{
    sym_model S;
    fmpq_mpoly_t t;
    slong c;
    char name[48];

    snprintf(name, sizeof(name), "%s.conservation", model_word(model));
    gfc_sym_check_start(C, name, (model == GFC_MODEL_DIAG)
                        ? "d/dt (u+_i^2 - v+_i^2) = d/dt (u-_i^2 - v-_i^2) "
                          "= 0 identically in theta and g"
                        : "d/dt (a_j^2 - ||w_j||^2) = 0 identically in "
                          "theta and g", d, 0);
    if (!model_build(&S, model, d, m, v))
        return 0;
    fmpq_mpoly_init(t, S.A->ctx);
    C->proved = 1;
    for (c = 0; c < S.nc && C->proved; c++)
    {
        along_field(t, S.C + c, &S);
        if (!fmpq_mpoly_is_zero(t, S.A->ctx))
        {
            char *q = gfc_sym_str(S.C + c, S.A), *p = gfc_sym_str(t, S.A);
            size_t len = strlen(p) + strlen(q) + 32;
            char *w = flint_malloc(len);

            C->proved = 0;
            snprintf(w, len, "d/dt (%s) = %s", q, p);
            gfc_sym_check_witness(C, w, NULL);
            flint_free(p);
            flint_free(q);
        }
    }
    fmpq_mpoly_clear(t, S.A->ctx);
    model_clear(&S);
    return C->proved;
}

/* fc1: beta' = -H(beta) g with H(beta) = a^2 I + beta beta^T / a^2, and
   a^4 - delta a^2 - ||beta||^2 = 0 with delta = a^2 - ||w||^2.  These
   tie the field to the statements of the warped mirror identity. */
int
gfc_symbolic_check_predictor_field(gfc_symbolic_check_struct *C, slong d,
                                   gfc_symbolic_variant v)
{
    sym_model S;
    gfc_sym_frac_t lhs, Hg, t;
    fmpq_mpoly_t bg, a2, p;
    slong i, a;
    char *rem = NULL;
    int z;

    gfc_sym_check_start(C, "fc1.predictor_field", "beta' = -(a^2 I + "
                        "beta beta^T / a^2) g and a^4 - delta a^2 - "
                        "||beta||^2 = 0 with delta = a^2 - ||w||^2", d, 0);
    model_fc(&S, d, 1, v);
    a = d;
    gfc_sym_frac_init(lhs, S.A);
    gfc_sym_frac_init(Hg, S.A);
    gfc_sym_frac_init(t, S.A);
    fmpq_mpoly_init(bg, S.A->ctx);
    fmpq_mpoly_init(a2, S.A->ctx);
    fmpq_mpoly_init(p, S.A->ctx);

    gfc_sym_gen(a2, a, S.A);
    fmpq_mpoly_mul(a2, a2, a2, S.A->ctx);
    for (i = 0; i < d; i++)
    {
        gfc_sym_gen(p, S.g0 + i, S.A);
        fmpq_mpoly_mul(p, p, S.beta + i, S.A->ctx);
        fmpq_mpoly_add(bg, bg, p, S.A->ctx);
    }
    C->proved = 1;
    for (i = 0; i < d && C->proved; i++)
    {
        /* (H g)_i = (a^4 g_i + beta_i (beta . g)) / a^2 */
        along_field(p, S.beta + i, &S);
        gfc_sym_frac_set_poly(lhs, p, S.A);
        gfc_sym_gen(p, S.g0 + i, S.A);
        fmpq_mpoly_mul(p, p, a2, S.A->ctx);
        fmpq_mpoly_mul(p, p, a2, S.A->ctx);
        fmpq_mpoly_mul(Hg->num, S.beta + i, bg, S.A->ctx);
        fmpq_mpoly_add(Hg->num, Hg->num, p, S.A->ctx);
        fmpq_mpoly_set(Hg->den, a2, S.A->ctx);
        gfc_sym_frac_add(t, lhs, Hg, S.A);
        z = gfc_sym_frac_is_zero(t, &rem, S.A);
        if (z != 1)
        {
            size_t len = (rem ? strlen(rem) : 0) + 64;
            char *w = flint_malloc(len);

            C->proved = 0;
            snprintf(w, len, "numerator of beta%ld' + (H g)_%ld = %s",
                     (long) i + 1, (long) i + 1, rem ? rem : "?");
            gfc_sym_check_witness(C, w, NULL);
        }
        flint_free(rem);
        rem = NULL;
    }
    if (C->proved)
    {
        /* a^4 - (a^2 - ||w||^2) a^2 - ||beta||^2 with beta = a w. */
        fmpq_mpoly_set(p, S.C, S.A->ctx);
        fmpq_mpoly_mul(p, p, a2, S.A->ctx);
        fmpq_mpoly_mul(bg, a2, a2, S.A->ctx);
        fmpq_mpoly_sub(p, bg, p, S.A->ctx);
        for (i = 0; i < d; i++)
        {
            fmpq_mpoly_mul(bg, S.beta + i, S.beta + i, S.A->ctx);
            fmpq_mpoly_sub(p, p, bg, S.A->ctx);
        }
        if (!fmpq_mpoly_is_zero(p, S.A->ctx))
        {
            char *q = gfc_sym_str(p, S.A);
            size_t len = strlen(q) + 64;
            char *w = flint_malloc(len);

            C->proved = 0;
            snprintf(w, len, "a^4 - delta a^2 - ||beta||^2 = %s", q);
            flint_free(q);
            gfc_sym_check_witness(C, w, NULL);
        }
    }
    fmpq_mpoly_clear(bg, S.A->ctx);
    fmpq_mpoly_clear(a2, S.A->ctx);
    fmpq_mpoly_clear(p, S.A->ctx);
    gfc_sym_frac_clear(lhs, S.A);
    gfc_sym_frac_clear(Hg, S.A);
    gfc_sym_frac_clear(t, S.A);
    model_clear(&S);
    return C->proved;
}
