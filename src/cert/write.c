/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The certificate as JSON.  Nothing here depends on the clock or the
 * locale, so the same run gives the same bytes (DESIGN "Determinism").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cert.h"
#include "report.h"
#include "symbolic.h"

typedef struct
{
    char *s;
    size_t len, alloc;
}
buf_t;

static void
put(buf_t *b, const char *t)
{
    size_t l = strlen(t);

    if (b->len + l + 1 > b->alloc)
    {
        b->alloc = FLINT_MAX(2 * b->alloc, b->len + l + 1024);
        b->s = flint_realloc(b->s, b->alloc);
    }
    memcpy(b->s + b->len, t, l + 1);
    b->len += l;
}

/* Put a string that was allocated by FLINT/Arb and free it. */
static void
put_own(buf_t *b, char *t)
{
    put(b, t);
    flint_free(t);
}

static void
put_quoted_own(buf_t *b, char *t)
{
    put(b, "\"");
    put_own(b, t);
    put(b, "\"");
}

/* A JSON string literal: quotes, backslashes and control bytes escaped. */
static void
put_str(buf_t *b, const char *t)
{
    char e[8];

    put(b, "\"");
    for (; t != NULL && *t != '\0'; t++)
    {
        unsigned char ch = (unsigned char) *t;

        if (ch == '"' || ch == '\\')
        {
            e[0] = '\\';
            e[1] = (char) ch;
            e[2] = '\0';
        }
        else if (ch < 0x20)
            snprintf(e, sizeof(e), "\\u%04x", (unsigned) ch);
        else
        {
            e[0] = (char) ch;
            e[1] = '\0';
        }
        put(b, e);
    }
    put(b, "\"");
}

static void
put_si(buf_t *b, slong x)
{
    char t[32];

    flint_sprintf(t, "%wd", x);
    put(b, t);
}

static void
put_balls(buf_t *b, const char *key, arb_srcptr v, slong len, slong digits)
{
    slong i;

    put(b, "  \"");
    put(b, key);
    put(b, "\": [");
    for (i = 0; i < len; i++)
    {
        put(b, (i == 0) ? "\n    " : ",\n    ");
        put_quoted_own(b, gfc_ball_str(v + i, digits));
    }
    put(b, "\n  ],\n");
}

/* The symbolic facts the argument relies on, with their records. */
static void
put_facts(buf_t *b, const char *const *names)
{
    slong i;

    put(b, "  \"symbolic_facts\": [");
    for (i = 0; names[i] != NULL; i++)
    {
        put(b, (i == 0) ? "\n    {\"name\": " : ",\n    {\"name\": ");
        put_str(b, names[i]);
        put(b, ", \"record\": ");
        put_str(b, gfc_symbolic_fact_record(names[i]));
        put(b, "}");
    }
    put(b, (i == 0) ? "],\n" : "\n  ],\n");
}

/* Digits printed for each ball: enough to show the requested accuracy
   and the rounding below it, so that a changed digit is detected. */
static slong
ball_digits(const gfc_cert_t C)
{
    return C->digits + 12;
}

const char *
gfc_cert_bound_meaning(const gfc_cert_t C)
{
    if (C->flow_only)
        return "none";
    if (C->verdict == GFC_MATCH)
        return "||beta_flow - beta_bias||_inf <= bound";
    if (C->proof == GFC_PROOF_DISJOINT)
        return "|beta_flow[i] - beta_bias[i]| >= bound at i = gap_index";
    if (C->proof == GFC_PROOF_STATIONARITY)
        return "the flow's limit violates the regularizer's stationarity "
               "conditions by at least bound at neuron gap_index";
    return "none";
}

char *
gfc_cert_json(const gfc_cert_t C, const gfc_problem_t P)
{
    buf_t b = { NULL, 0, 0 };
    const gfc_flow_struct *F = C->flow;
    char hex[65];
    slong i, dg = ball_digits(C);

    gfc_problem_digest_hex(hex, P);
    put(&b, "{\n  \"format\": \"gfcert-certificate-1\",\n");
    put(&b, "  \"tool\": \"gfcert ");
    put(&b, gfc_version());
    put(&b, "\",\n  \"problem\": {\"path\": ");
    put_str(&b, P->path);
    put(&b, ", \"sha256\": \"");
    put(&b, hex);
    put(&b, "\", \"model\": \"");
    put(&b, gfc_bias_model_name(P->model));
    put(&b, "\", \"regularizer\": \"");
    put(&b, gfc_bias_reg_name(P->reg));
    put(&b, "\", \"n\": ");
    put_si(&b, P->n);
    put(&b, ", \"d\": ");
    put_si(&b, P->d);
    put(&b, "},\n  \"kind\": \"");
    put(&b, C->flow_only ? "flow" : "certify");
    put(&b, "\",\n  \"verdict\": \"");
    put(&b, C->flow_only ? (C->flow_proven ? "ENCLOSED" : "INCONCLUSIVE")
                         : gfc_verdict_name(C->verdict));
    put(&b, "\",\n  \"bound\": ");
    if (C->flow_only)
        put(&b, "null");
    else if (C->verdict == GFC_MATCH)
        put_quoted_own(&b, gfc_mag_str_upper(C->bound, 3));
    else if (C->verdict == GFC_MISMATCH && C->proof == GFC_PROOF_DISJOINT)
        put_quoted_own(&b, gfc_arf_str_lower(C->gap, 3));
    else if (C->verdict == GFC_MISMATCH)
    {
        mag_t m;
        arf_t lo;

        mag_init(m);
        arf_init(lo);
        arb_get_mag_lower(m, C->violation);
        arf_set_mag(lo, m);
        put_quoted_own(&b, gfc_arf_str_lower(lo, 3));
        arf_clear(lo);
        mag_clear(m);
    }
    else
        put(&b, "null");
    put(&b, ",\n  \"bound_meaning\": \"");
    put(&b, gfc_cert_bound_meaning(C));
    put(&b, "\",\n  \"gap_index\": ");
    put_si(&b, C->gap_index);
    put(&b, ",\n  \"reason\": ");
    put_str(&b, C->reason);
    if (C->nbranch > 0 && C->flow_proven)
    {
        put(&b, ",\n  \"branch\": {\"signs_at_infinity\": [");
        for (i = 0; i < C->nbranch; i++)
        {
            put(&b, (i > 0) ? ", " : "");
            put_si(&b, C->signs[i]);
        }
        put(&b, "], \"crossed\": ");
        put(&b, C->crossed ? "true" : "false");
        put(&b, ", \"may_have_touched_zero\": [");
        for (i = 0; i < C->nbranch; i++)
        {
            put(&b, (i > 0) ? ", " : "");
            put(&b, F->branch_touch[i] ? "true" : "false");
        }
        put(&b, "], \"unique_root\": ");
        put(&b, C->unique ? "true" : "false");
        put(&b, "}");
    }
    put(&b, ",\n  \"digits\": ");
    put_si(&b, C->digits);
    put(&b, ",\n  \"precision\": ");
    put_si(&b, C->prec);
    put(&b, ",\n  \"flow_proven\": ");
    put(&b, C->flow_proven ? "true" : "false");
    put(&b, ",\n  \"bias_proven\": ");
    put(&b, (C->bias_proven && !C->flow_only) ? "true" : "false");
    put(&b, ",\n");
    if (C->flow_proven)
        put_balls(&b, "beta_flow", F->beta, P->d, dg);
    if (C->bias_proven && !C->flow_only)
    {
        put_balls(&b, "beta_bias", C->bias->beta, P->d, dg);
        put_balls(&b, "lambda", C->bias->lambda, P->n, dg);
    }
    if (C->flow_proven)
    {
        put(&b, "  \"tail\": {\n    \"T\": ");
        put_quoted_own(&b, gfc_dyadic_str(arb_midref(F->T)));
        put(&b, ",\n    \"err_T\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->err_T, 3));
        put(&b, ",\n    \"residual_T\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->resid_T, 3));
        put(&b, ",\n    \"lambda_min_K_lower\": ");
        put_quoted_own(&b, gfc_arf_str_lower(F->lambda_lo, 3));
        put(&b, ",\n    \"ball_radius\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->radius, 3));
        put(&b, ",\n    \"path_length\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->tail, 3));
        put(&b, ",\n    \"error_growth\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->growth, 3));
        put(&b, "\n  },\n");
    }
    put_facts(&b, gfc_symbolic_facts(P->model, P->reg, C->flow_only));
    put(&b, "  \"schedule\": {\"steps\": ");
    put_si(&b, F->sched->len);
    put(&b, ", \"h\": [");
    for (i = 0; i < F->sched->len; i++)
    {
        if (i > 0)
            put(&b, (i % 8 == 0) ? ",\n    " : ", ");
        put_quoted_own(&b, gfc_dyadic_str(F->sched->h + i));
    }
    put(&b, "],\n    \"order\": [");
    for (i = 0; i < F->sched->len; i++)
    {
        if (i > 0)
            put(&b, (i % 20 == 0) ? ",\n    " : ", ");
        put_si(&b, F->sched->order[i]);
    }
    put(&b, "]}\n}\n");
    return b.s;
}
