/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Every check of a model, its record as JSON, and the facts that
 * certificates name.
 */
#include <stdio.h>
#include <string.h>
#include "impl.h"
#include "report.h"

void
gfc_symbolic_check_init(gfc_symbolic_check_struct *C)
{
    memset(C, 0, sizeof(*C));
}

void
gfc_symbolic_check_clear(gfc_symbolic_check_struct *C)
{
    flint_free(C->witness);
    flint_free(C->value);
    C->witness = NULL;
    C->value = NULL;
}

void
gfc_symbolic_report_init(gfc_symbolic_report_t R)
{
    R->model = GFC_MODEL_DIAG;
    R->d = 0;
    R->m = 0;
    R->len = 0;
    R->checks = NULL;
}

void
gfc_symbolic_report_clear(gfc_symbolic_report_t R)
{
    slong i;

    for (i = 0; i < R->len; i++)
        gfc_symbolic_check_clear(R->checks + i);
    flint_free(R->checks);
    R->checks = NULL;
    R->len = 0;
}

static gfc_symbolic_check_struct *
next_check(gfc_symbolic_report_t R)
{
    gfc_symbolic_check_struct *C;

    R->checks = flint_realloc(R->checks, (R->len + 1) * sizeof(*C));
    C = R->checks + R->len++;
    gfc_symbolic_check_init(C);
    return C;
}

int
gfc_symbolic_derive(gfc_symbolic_report_t R, gfc_model_kind model,
                    slong d, slong m, gfc_symbolic_variant v)
{
    slong i;
    int all = 1;

    if (d < 1 || d > GFC_SYMBOLIC_MAX_DIM || m < 1
        || m > GFC_SYMBOLIC_MAX_NEURONS
        || (model != GFC_MODEL_DIAG && model != GFC_MODEL_FC1
            && model != GFC_MODEL_FC))
        return -1;
    gfc_symbolic_report_clear(R);
    R->model = model;
    R->d = d;
    R->m = (model == GFC_MODEL_FC) ? m : 1;

    gfc_symbolic_check_gradient_field(next_check(R), model, d, R->m, v);
    gfc_symbolic_check_conservation(next_check(R), model, d, R->m, v);
    if (model == GFC_MODEL_DIAG)
    {
        gfc_symbolic_check_diag_mirror(next_check(R), v);
        gfc_symbolic_check_diag_symmetry(next_check(R), d, v);
    }
    else if (model == GFC_MODEL_FC1)
    {
        gfc_symbolic_check_predictor_field(next_check(R), d, v);
        gfc_symbolic_check_warped_mirror(next_check(R), d, v);
        gfc_symbolic_check_fc1_witness(next_check(R), d, v);
    }
    for (i = 0; i < R->len; i++)
        all = all && R->checks[i].proved;
    return all;
}

static const char *
model_word(gfc_model_kind model)
{
    return (model == GFC_MODEL_DIAG) ? "diag"
           : (model == GFC_MODEL_FC1) ? "fc1" : "fc";
}

char *
gfc_symbolic_record_json(const gfc_symbolic_report_t R)
{
    gfc_buf b = { NULL, 0, 0 };
    slong i, k;

    gfc_buf_put(&b, "{\n  \"format\": \"gfcert-derive-1\",\n  \"model\": \"");
    gfc_buf_put(&b, model_word(R->model));
    gfc_buf_put(&b, "\",\n  \"dim\": ");
    gfc_buf_put_si(&b, R->d);
    gfc_buf_put(&b, ",\n  \"neurons\": ");
    if (R->model == GFC_MODEL_DIAG)
        gfc_buf_put(&b, "null");
    else
        gfc_buf_put_si(&b, R->m);
    gfc_buf_put(&b, ",\n  \"checks\": [");
    for (i = 0; i < R->len; i++)
    {
        const gfc_symbolic_check_struct *C = R->checks + i;

        gfc_buf_put(&b, (i > 0) ? ",\n    {\n" : "\n    {\n");
        gfc_buf_put(&b, "      \"name\": ");
        gfc_buf_put_json(&b, C->name);
        gfc_buf_put(&b, ",\n      \"outcome\": \"");
        gfc_buf_put(&b, C->proved ? "PROVED" : "FAILED");
        gfc_buf_put(&b, "\",\n      \"claim\": ");
        gfc_buf_put_json(&b, C->claim);
        gfc_buf_put(&b, ",\n      \"dimensions\": [");
        for (k = 0; k < C->ndims; k++)
        {
            gfc_buf_put(&b, (k > 0) ? ", " : "");
            gfc_buf_put_si(&b, C->dims[k]);
        }
        gfc_buf_put(&b, "],\n      \"witness\": ");
        gfc_buf_put_json(&b, C->witness);
        gfc_buf_put(&b, ",\n      \"value\": ");
        gfc_buf_put_json(&b, C->value);
        gfc_buf_put(&b, "\n    }");
    }
    gfc_buf_put(&b, "\n  ]\n}\n");
    return b.s;
}

/* ---- facts named by certificates ---- */

static const char *const facts_diag[] = {
    "diag.conservation", "diag.mirror_identity", NULL
};
static const char *const facts_fc1[] = {
    "fc1.conservation", "fc1.warped_mirror", NULL
};
static const char *const facts_fc[] = { "fc.conservation", NULL };
static const char *const facts_none[] = { NULL };

const char *const *
gfc_symbolic_facts(gfc_model_kind model, gfc_reg_kind reg, int flow_only)
{
    /* The flow's own enclosure is numeric through and through; the
       regularizer's dual map is where conservation and the mirror
       identity enter (proofs/diag-paper.md, proofs/fc1-paper.md,
       proofs/fc-candidate-sum.md, sections 2 to 5). */
    (void) reg;
    if (flow_only)
        return facts_none;
    if (model == GFC_MODEL_DIAG)
        return facts_diag;
    if (model == GFC_MODEL_FC1)
        return facts_fc1;
    if (model == GFC_MODEL_FC)
        return facts_fc;
    return facts_none;
}

const char *
gfc_symbolic_fact_record(const char *name)
{
    if (name == NULL)
        return NULL;
    if (strcmp(name, "diag.conservation") == 0
        || strcmp(name, "diag.mirror_identity") == 0)
        return "proofs/derive-diag.json";
    if (strcmp(name, "fc1.conservation") == 0
        || strcmp(name, "fc1.warped_mirror") == 0)
        return "proofs/derive-fc1.json";
    if (strcmp(name, "fc.conservation") == 0)
        return "proofs/derive-fc.json";
    return NULL;
}

int
gfc_symbolic_fact_check_variant(const char *name, gfc_symbolic_variant v)
{
    gfc_symbolic_check_struct C;
    const slong d = GFC_SYMBOLIC_DEFAULT_DIM;
    const slong m = GFC_SYMBOLIC_DEFAULT_NEURONS;
    int ok = 0;

    if (gfc_symbolic_fact_record(name) == NULL)
        return 0;
    gfc_symbolic_check_init(&C);
    if (strcmp(name, "diag.conservation") == 0)
        ok = gfc_symbolic_check_conservation(&C, GFC_MODEL_DIAG, d, 1, v);
    else if (strcmp(name, "diag.mirror_identity") == 0)
        ok = gfc_symbolic_check_diag_mirror(&C, v);
    else if (strcmp(name, "fc1.conservation") == 0)
        ok = gfc_symbolic_check_conservation(&C, GFC_MODEL_FC1, d, 1, v);
    else if (strcmp(name, "fc1.warped_mirror") == 0)
        ok = gfc_symbolic_check_warped_mirror(&C, d, v);
    else if (strcmp(name, "fc.conservation") == 0)
        ok = gfc_symbolic_check_conservation(&C, GFC_MODEL_FC, d, m, v);
    gfc_symbolic_check_clear(&C);
    return ok == 1;
}

int
gfc_symbolic_fact_check(const char *name)
{
    return gfc_symbolic_fact_check_variant(name, GFC_SYMBOLIC_TRUE);
}
