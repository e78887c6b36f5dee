/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Symbolic checks: every check is proved on the true statements and
 * fails on deliberately broken ones; the fc1 witness equals values
 * computed separately (sympy, with a(beta) written explicitly and the
 * Sherman-Morrison inverse: no implicit derivative, no matrix inverse);
 * the normal form is a normal form; records are byte-deterministic.
 */
#include <string.h>
#include "symbolic.h"
#include "symbolic/impl.h"
#include "tap.h"

static const char *model_names[] = { "diag", "fc1", "fc" };

static int
has(const char *s, const char *t)
{
    return s != NULL && strstr(s, t) != NULL;
}


static void
test_true_statements(void)
{
    gfc_symbolic_report_t R;
    slong d, m;
    int k, r;

    gfc_symbolic_report_init(R);
    for (k = 0; k < 3; k++)
        for (d = 1; d <= GFC_SYMBOLIC_MAX_DIM; d++)
        {
            m = (k == 2) ? 1 + d % 3 : 1;
            r = gfc_symbolic_derive(R, (gfc_model_kind) k, d, m,
                                    GFC_SYMBOLIC_TRUE);
            tap_ok(r == 1 && R->len == (k == 0 ? 4 : k == 1 ? 5 : 2),
                   "%s d = %ld: all %ld checks PROVED", model_names[k],
                   (long) d, (long) R->len);
        }
    r = gfc_symbolic_derive(R, GFC_MODEL_FC, 2, GFC_SYMBOLIC_MAX_NEURONS,
                            GFC_SYMBOLIC_TRUE);
    tap_ok(r == 1, "fc with %d neurons: PROVED", GFC_SYMBOLIC_MAX_NEURONS);
    tap_ok(gfc_symbolic_derive(R, GFC_MODEL_FC1, 0, 1, GFC_SYMBOLIC_TRUE)
               == -1
           && gfc_symbolic_derive(R, GFC_MODEL_FC1,
                                  GFC_SYMBOLIC_MAX_DIM + 1, 1,
                                  GFC_SYMBOLIC_TRUE) == -1
           && gfc_symbolic_derive(R, GFC_MODEL_FC, 2,
                                  GFC_SYMBOLIC_MAX_NEURONS + 1,
                                  GFC_SYMBOLIC_TRUE) == -1,
           "dimension 0, 7 and 7 neurons refused");
    gfc_symbolic_report_clear(R);
}

static void
test_broken_fields(void)
{
    gfc_symbolic_check_struct C;
    int k, r;

    gfc_symbolic_check_init(&C);
    for (k = 0; k < 3; k++)
    {
        gfc_model_kind mk = (gfc_model_kind) k;

        r = gfc_symbolic_check_conservation(&C, mk, 3, 2,
                                            GFC_SYMBOLIC_WRONG_SIGN);
        tap_ok(r == 0 && has(C.witness, "d/dt ("),
               "%s: a wrong sign in the field breaks conservation: %s",
               model_names[k], C.witness ? C.witness : "(none)");
        gfc_symbolic_check_clear(&C);
        r = gfc_symbolic_check_gradient_field(&C, mk, 3, 2,
                                              GFC_SYMBOLIC_WRONG_SIGN);
        tap_ok(r == 0 && C.witness != NULL,
               "%s: a wrong sign is not the gradient flow: %s",
               model_names[k], C.witness ? C.witness : "(none)");
        gfc_symbolic_check_clear(&C);
        r = gfc_symbolic_check_conservation(&C, mk, 3, 2,
                                            GFC_SYMBOLIC_WRONG_QUANTITY);
        tap_ok(r == 0 && C.witness != NULL,
               "%s: a wrong conserved quantity FAILS: %s", model_names[k],
               C.witness ? C.witness : "(none)");
        gfc_symbolic_check_clear(&C);
    }

    /* The exact non-zero value: d/dt (a^2 + ||w||^2) = -4 a w.g. */
    gfc_symbolic_check_conservation(&C, GFC_MODEL_FC1, 2, 1,
                                    GFC_SYMBOLIC_WRONG_QUANTITY);
    tap_ok(has(C.witness, "d/dt (w1^2 + w2^2 + a^2) = -4*w1*a*g1 - 4*w2*a*g2"),
           "fc1: d/dt (a^2 + ||w||^2) = -4 a w.g exactly: %s",
           C.witness ? C.witness : "(none)");
    gfc_symbolic_check_clear(&C);

    r = gfc_symbolic_check_predictor_field(&C, 3, GFC_SYMBOLIC_WRONG_SIGN);
    tap_ok(r == 0 && C.witness != NULL,
           "fc1: wrong sign breaks beta' = -H g: %s",
           C.witness ? C.witness : "(none)");
    gfc_symbolic_check_clear(&C);
    r = gfc_symbolic_check_predictor_field(&C, 3,
                                           GFC_SYMBOLIC_WRONG_QUANTITY);
    tap_ok(r == 0, "fc1: with delta = a^2 + ||w||^2 the relation fails");
    gfc_symbolic_check_clear(&C);
}

static void
test_broken_mirror(void)
{
    gfc_symbolic_check_struct C;
    slong d;
    int r;

    gfc_symbolic_check_init(&C);
    for (d = 1; d <= 4; d++)
    {
        r = gfc_symbolic_check_warped_mirror(&C, d,
                                             GFC_SYMBOLIC_WRONG_EXPONENT);
        tap_ok(r == 0 && has(C.witness, "grad^2 Q H - a I"),
               "fc1 d = %ld: grad Q = beta/a^2 FAILS the warped identity",
               (long) d);
        gfc_symbolic_check_clear(&C);
    }
    r = gfc_symbolic_check_warped_mirror(&C, 3, GFC_SYMBOLIC_TRUE);
    tap_ok(r == 1 && C.ndims == 2 && C.dims[0] == 2 && C.dims[1] == 3,
           "fc1: the warped identity is PROVED in d = 2 and d = 3");
    gfc_symbolic_check_clear(&C);

    r = gfc_symbolic_check_diag_mirror(&C, GFC_SYMBOLIC_TRUE);
    tap_ok(r == 1 && C.witness == NULL, "diag: q'' S = 1 PROVED");
    gfc_symbolic_check_clear(&C);
    r = gfc_symbolic_check_diag_mirror(&C, GFC_SYMBOLIC_WRONG_EXPONENT);
    tap_ok(r == 0 && C.witness != NULL,
           "diag: q'(w) = asinh(2w/k^2)/2 FAILS: %s",
           C.witness ? C.witness : "(none)");
    gfc_symbolic_check_clear(&C);
}

static void
test_metric(void)
{
    /* Separate computation (sympy 1.14, explicit a(beta), Sherman-
       Morrison inverse) at a = 2, beta_i = i, delta = (16 - ||beta||^2)/4
       of d_2 G_11 - d_1 G_21. */
    static const char *expect[] = { NULL, NULL, "-1/42", "-1/60",
                                    "-1/92" };
    gfc_symbolic_check_struct C;
    slong d;
    int r;

    gfc_symbolic_check_init(&C);
    for (d = 2; d <= 4; d++)
    {
        r = gfc_symbolic_check_fc1_witness(&C, d, GFC_SYMBOLIC_TRUE);
        tap_ok(r == 1 && C.value != NULL && strcmp(C.value, expect[d]) == 0
                   && has(C.witness, "d_2 G_11 - d_1 G_21 = ")
                   && strcmp(C.name, "fc1.not_mirror_witness") == 0,
               "fc1 d = %ld: witness %s (expected %s)", (long) d,
               C.value ? C.value : "(none)", expect[d]);
        gfc_symbolic_check_clear(&C);
        r = gfc_symbolic_check_fc1_witness(&C, d,
                                           GFC_SYMBOLIC_WRONG_METRIC);
        tap_ok(r == 0 && C.witness == NULL,
               "fc1 d = %ld: the Hessian metric grad^2 Q = a H^-1 has no "
               "witness, so the check FAILS", (long) d);
        gfc_symbolic_check_clear(&C);
    }
    r = gfc_symbolic_check_fc1_witness(&C, 1, GFC_SYMBOLIC_TRUE);
    tap_ok(r == 1 && C.witness == NULL
               && strcmp(C.name, "fc1.mirror_symmetry") == 0,
           "fc1 d = 1: no witness (one-dimensional metrics are Hessian)");
    gfc_symbolic_check_clear(&C);

    for (d = 1; d <= GFC_SYMBOLIC_MAX_DIM; d++)
    {
        r = gfc_symbolic_check_diag_symmetry(&C, d, GFC_SYMBOLIC_TRUE);
        tap_ok(r == 1 && C.witness == NULL,
               "diag d = %ld: no witness, the symmetry holds", (long) d);
        gfc_symbolic_check_clear(&C);
    }
    r = gfc_symbolic_check_diag_symmetry(&C, 3, GFC_SYMBOLIC_WRONG_METRIC);
    tap_ok(r == 0 && has(C.witness, "d_2 G_11 - d_1 G_21"),
           "diag with coupled entries: the symmetry FAILS: %s",
           C.witness ? C.witness : "(none)");
    gfc_symbolic_check_clear(&C);
}

/* The reduction is a normal form: a^5 mod a^4 - delta a^2 - b^2 is
   delta a^3 + b^2 a; a relation without a pure-power leading monomial is
   refused. */
static void
test_normal_form(void)
{
    gfc_sym_alg_t A;
    fmpq_mpoly_t R, p, r, e;
    char *s;

    gfc_sym_alg_init(A, 3);
    gfc_sym_alg_name(A, 0, "a");
    gfc_sym_alg_name(A, 1, "delta");
    gfc_sym_alg_name(A, 2, "b");
    fmpq_mpoly_init(R, A->ctx);
    fmpq_mpoly_init(p, A->ctx);
    fmpq_mpoly_init(r, A->ctx);
    fmpq_mpoly_init(e, A->ctx);
    fmpq_mpoly_set_str_pretty(R, "a*b - 1", A->name_ptr, A->ctx);
    tap_ok(!gfc_sym_alg_relation(A, R, 0),
           "a relation with leading monomial a*b is refused");
    fmpq_mpoly_set_str_pretty(R, "a^4 - delta*a^2 - b^2", A->name_ptr,
                              A->ctx);
    tap_ok(gfc_sym_alg_relation(A, R, 0), "a^4 - delta a^2 - b^2 accepted");
    tap_ok(!gfc_sym_alg_relation(A, R, 0),
           "a second relation in the same symbol is refused");
    fmpq_mpoly_set_str_pretty(p, "a^5 + 3*a*b", A->name_ptr, A->ctx);
    fmpq_mpoly_set_str_pretty(e, "delta*a^3 + a*b^2 + 3*a*b", A->name_ptr,
                              A->ctx);
    tap_ok(gfc_sym_reduce(r, p, A) && fmpq_mpoly_equal(r, e, A->ctx),
           "a^5 + 3ab reduces to delta a^3 + a b^2 + 3ab");
    fmpq_mpoly_mul(p, R, e, A->ctx);
    tap_ok(gfc_sym_reduce(r, p, A) && fmpq_mpoly_is_zero(r, A->ctx),
           "a multiple of the relation reduces to 0");
    fmpq_mpoly_set_str_pretty(p, "a^7*b + delta^2", A->name_ptr, A->ctx);
    gfc_sym_reduce(r, p, A);
    s = gfc_sym_str(r, A);
    tap_ok(fmpq_mpoly_degree_si(r, 0, A->ctx) < 4,
           "the remainder has degree < 4 in a: %s", s);
    flint_free(s);
    fmpq_mpoly_clear(R, A->ctx);
    fmpq_mpoly_clear(p, A->ctx);
    fmpq_mpoly_clear(r, A->ctx);
    fmpq_mpoly_clear(e, A->ctx);
    gfc_sym_alg_clear(A);
}

static void
test_facts_and_records(void)
{
    static const char *names[] = {
        "diag.conservation", "diag.mirror_identity", "fc1.conservation",
        "fc1.warped_mirror", "fc.conservation"
    };
    static const gfc_symbolic_variant breaks[] = {
        GFC_SYMBOLIC_WRONG_QUANTITY, GFC_SYMBOLIC_WRONG_EXPONENT,
        GFC_SYMBOLIC_WRONG_SIGN, GFC_SYMBOLIC_WRONG_EXPONENT,
        GFC_SYMBOLIC_WRONG_QUANTITY
    };
    const char *const *f;
    gfc_symbolic_report_t R;
    char *j1, *j2;
    int i;

    f = gfc_symbolic_facts(GFC_MODEL_DIAG, GFC_REG_GENERAL, 0);
    tap_ok(f[0] && !strcmp(f[0], "diag.conservation") && f[1]
               && !strcmp(f[1], "diag.mirror_identity") && !f[2],
           "diag facts: conservation, mirror identity");
    f = gfc_symbolic_facts(GFC_MODEL_FC1, GFC_REG_PAPER, 0);
    tap_ok(f[0] && !strcmp(f[0], "fc1.conservation") && f[1]
               && !strcmp(f[1], "fc1.warped_mirror") && !f[2],
           "fc1 facts: conservation, warped mirror");
    f = gfc_symbolic_facts(GFC_MODEL_FC, GFC_REG_CANDIDATE_SUM, 0);
    tap_ok(f[0] && !strcmp(f[0], "fc.conservation") && !f[1],
           "fc facts: conservation");
    f = gfc_symbolic_facts(GFC_MODEL_FC1, GFC_REG_PAPER, 1);
    tap_ok(f[0] == NULL, "a flow-only certificate relies on no fact");
    for (i = 0; i < 5; i++)
    {
        tap_ok(gfc_symbolic_fact_check(names[i]) == 1,
               "fact %s re-proved", names[i]);
        tap_ok(gfc_symbolic_fact_check_variant(names[i], breaks[i]) == 0,
               "fact %s on a broken statement: not proved", names[i]);
    }
    tap_ok(!gfc_symbolic_fact_check("fc1.conservatio")
               && !gfc_symbolic_fact_check("")
               && gfc_symbolic_fact_record("fc.warped_mirror") == NULL,
           "unknown facts are not proved and have no record");

    gfc_symbolic_report_init(R);
    gfc_symbolic_derive(R, GFC_MODEL_FC1, 3, 1, GFC_SYMBOLIC_TRUE);
    j1 = gfc_symbolic_record_json(R);
    gfc_symbolic_derive(R, GFC_MODEL_FC1, 3, 1, GFC_SYMBOLIC_TRUE);
    j2 = gfc_symbolic_record_json(R);
    tap_ok(strcmp(j1, j2) == 0, "the record is the same on a second run");
    tap_ok(has(j1, "\"name\": \"fc1.not_mirror_witness\",\n      "
                   "\"outcome\": \"PROVED\"")
               && has(j1, "\"value\": \"-1/60\""),
           "the record holds the witness -1/60");
    flint_free(j1);
    flint_free(j2);
    gfc_symbolic_derive(R, GFC_MODEL_FC1, 3, 1,
                        GFC_SYMBOLIC_WRONG_EXPONENT);
    j1 = gfc_symbolic_record_json(R);
    tap_ok(has(j1, "\"name\": \"fc1.warped_mirror\",\n      "
                   "\"outcome\": \"FAILED\""),
           "a broken statement is recorded as FAILED");
    flint_free(j1);
    gfc_symbolic_report_clear(R);
}

int
main(void)
{
    test_true_statements();
    test_broken_fields();
    test_broken_mirror();
    test_metric();
    test_normal_form();
    test_facts_and_records();
    flint_cleanup();
    return tap_done();
}
