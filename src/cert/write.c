/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The certificate as JSON.  Nothing here depends on the clock or the
 * locale, so the same run gives the same bytes (doc/certificate-format.md).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cert.h"
#include "report.h"
#include "symbolic.h"

static void
put_quoted_own(gfc_buf *b, char *t)
{
    gfc_buf_put(b, "\"");
    gfc_buf_put_own(b, t);
    gfc_buf_put(b, "\"");
}

static void
put_balls(gfc_buf *b, const char *key, arb_srcptr v, slong len, slong digits)
{
    slong i;

    gfc_buf_put(b, "  \"");
    gfc_buf_put(b, key);
    gfc_buf_put(b, "\": [");
    for (i = 0; i < len; i++)
    {
        gfc_buf_put(b, (i == 0) ? "\n    " : ",\n    ");
        put_quoted_own(b, gfc_ball_str(v + i, digits));
    }
    gfc_buf_put(b, "\n  ],\n");
}

/* The symbolic facts the argument relies on, with their records. */
static void
put_facts(gfc_buf *b, const char *const *names)
{
    slong i;

    gfc_buf_put(b, "  \"symbolic_facts\": [");
    for (i = 0; names[i] != NULL; i++)
    {
        gfc_buf_put(b, (i == 0) ? "\n    {\"name\": " : ",\n    {\"name\": ");
        gfc_buf_put_json(b, names[i]);
        gfc_buf_put(b, ", \"record\": ");
        gfc_buf_put_json(b, gfc_symbolic_fact_record(names[i]));
        gfc_buf_put(b, "}");
    }
    gfc_buf_put(b, (i == 0) ? "],\n" : "\n  ],\n");
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
    gfc_buf b = { NULL, 0, 0 };
    const gfc_flow_struct *F = C->flow;
    char hex[65];
    slong i, dg = ball_digits(C);

    gfc_problem_digest_hex(hex, P);
    gfc_buf_put(&b, "{\n  \"format\": \"gfcert-certificate-1\",\n");
    gfc_buf_put(&b, "  \"tool\": \"gfcert ");
    gfc_buf_put(&b, gfc_version());
    gfc_buf_put(&b, "\",\n  \"problem\": {\"path\": ");
    gfc_buf_put_json(&b, P->path);
    gfc_buf_put(&b, ", \"sha256\": \"");
    gfc_buf_put(&b, hex);
    gfc_buf_put(&b, "\", \"model\": \"");
    gfc_buf_put(&b, gfc_bias_model_name(P->model));
    gfc_buf_put(&b, "\", \"regularizer\": \"");
    gfc_buf_put(&b, gfc_bias_reg_name(P->reg));
    gfc_buf_put(&b, "\", \"n\": ");
    gfc_buf_put_si(&b, P->n);
    gfc_buf_put(&b, ", \"d\": ");
    gfc_buf_put_si(&b, P->d);
    gfc_buf_put(&b, "},\n  \"kind\": \"");
    gfc_buf_put(&b, C->flow_only ? "flow" : "certify");
    gfc_buf_put(&b, "\",\n  \"verdict\": \"");
    gfc_buf_put(&b, C->flow_only
                        ? (C->flow_proven ? "ENCLOSED" : "INCONCLUSIVE")
                        : gfc_verdict_name(C->verdict));
    gfc_buf_put(&b, "\",\n  \"bound\": ");
    if (C->flow_only)
        gfc_buf_put(&b, "null");
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
        gfc_buf_put(&b, "null");
    gfc_buf_put(&b, ",\n  \"bound_meaning\": \"");
    gfc_buf_put(&b, gfc_cert_bound_meaning(C));
    gfc_buf_put(&b, "\",\n  \"gap_index\": ");
    gfc_buf_put_si(&b, C->gap_index);
    gfc_buf_put(&b, ",\n  \"reason\": ");
    gfc_buf_put_json(&b, C->reason);
    if (C->nbranch > 0 && C->flow_proven)
    {
        gfc_buf_put(&b, ",\n  \"branch\": {\"signs_at_infinity\": [");
        for (i = 0; i < C->nbranch; i++)
        {
            gfc_buf_put(&b, (i > 0) ? ", " : "");
            gfc_buf_put_si(&b, C->signs[i]);
        }
        gfc_buf_put(&b, "], \"crossed\": ");
        gfc_buf_put(&b, C->crossed ? "true" : "false");
        gfc_buf_put(&b, ", \"may_have_touched_zero\": [");
        for (i = 0; i < C->nbranch; i++)
        {
            gfc_buf_put(&b, (i > 0) ? ", " : "");
            gfc_buf_put(&b, F->branch_touch[i] ? "true" : "false");
        }
        gfc_buf_put(&b, "], \"unique_root\": ");
        gfc_buf_put(&b, C->unique ? "true" : "false");
        gfc_buf_put(&b, "}");
    }
    gfc_buf_put(&b, ",\n  \"digits\": ");
    gfc_buf_put_si(&b, C->digits);
    gfc_buf_put(&b, ",\n  \"precision\": ");
    gfc_buf_put_si(&b, C->prec);
    gfc_buf_put(&b, ",\n  \"flow_proven\": ");
    gfc_buf_put(&b, C->flow_proven ? "true" : "false");
    gfc_buf_put(&b, ",\n  \"bias_proven\": ");
    gfc_buf_put(&b, (C->bias_proven && !C->flow_only) ? "true" : "false");
    gfc_buf_put(&b, ",\n");
    if (C->flow_proven)
        put_balls(&b, "beta_flow", F->beta, P->d, dg);
    if (C->bias_proven && !C->flow_only)
    {
        put_balls(&b, "beta_bias", C->bias->beta, P->d, dg);
        put_balls(&b, "lambda", C->bias->lambda, P->n, dg);
    }
    if (C->flow_proven)
    {
        gfc_buf_put(&b, "  \"tail\": {\n    \"T\": ");
        put_quoted_own(&b, gfc_dyadic_str(arb_midref(F->T)));
        gfc_buf_put(&b, ",\n    \"err_T\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->err_T, 3));
        gfc_buf_put(&b, ",\n    \"residual_T\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->resid_T, 3));
        gfc_buf_put(&b, ",\n    \"lambda_min_K_lower\": ");
        put_quoted_own(&b, gfc_arf_str_lower(F->lambda_lo, 3));
        gfc_buf_put(&b, ",\n    \"ball_radius\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->radius, 3));
        gfc_buf_put(&b, ",\n    \"path_length\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->tail, 3));
        gfc_buf_put(&b, ",\n    \"error_growth\": ");
        put_quoted_own(&b, gfc_mag_str_upper(F->growth, 3));
        gfc_buf_put(&b, "\n  },\n");
    }
    put_facts(&b, gfc_symbolic_facts(P->model, P->reg, C->flow_only));
    gfc_buf_put(&b, "  \"schedule\": {\"steps\": ");
    gfc_buf_put_si(&b, F->sched->len);
    gfc_buf_put(&b, ", \"h\": [");
    for (i = 0; i < F->sched->len; i++)
    {
        if (i > 0)
            gfc_buf_put(&b, (i % 8 == 0) ? ",\n    " : ", ");
        put_quoted_own(&b, gfc_dyadic_str(F->sched->h + i));
    }
    gfc_buf_put(&b, "],\n    \"order\": [");
    for (i = 0; i < F->sched->len; i++)
    {
        if (i > 0)
            gfc_buf_put(&b, (i % 20 == 0) ? ",\n    " : ", ");
        gfc_buf_put_si(&b, F->sched->order[i]);
    }
    gfc_buf_put(&b, "]}\n}\n");
    return b.s;
}
