/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Case B06 (a): every ball a certificate writes, read back with arb_set_str
 * at the certificate's own precision, contains the ball gfcert computed;
 * and the same problem certified twice gives the same bytes.  Run on a
 * diagonal and a one-neuron problem at 30 digits.
 */
#include <string.h>
#include "cert.h"
#include "problem.h"
#include "tap.h"

static char top[4096];

/* Each string of the array cert[key] read at prec contains v[i]. */
static int
reads_back(const gfc_json *cert, const char *key, arb_srcptr v, slong len,
           slong prec)
{
    const gfc_json *a = gfc_json_get(cert, key);
    arb_t c;
    slong i;
    int ok;

    if (a == NULL || a->type != GFC_JSON_ARRAY || (slong) a->count != len)
        return 0;
    arb_init(c);
    ok = 1;
    for (i = 0; i < len && ok; i++)
    {
        const gfc_json *s = a->items[i];

        ok = s->type == GFC_JSON_STRING && arb_set_str(c, s->text, prec) == 0
             && arb_contains(c, v + i);
        if (ok)
        {
            /* The digits must carry information, not only a huge radius:
               a 30-digit certificate's balls are far below 1e-20. */
            mag_t r;

            mag_init(r);
            mag_set_d(r, 1e-20);
            ok = mag_cmp(arb_radref(c), r) < 0;
            mag_clear(r);
        }
    }
    arb_clear(c);
    return ok;
}

static void
test_case(const char *name)
{
    char path[4200], msg[512];
    gfc_problem_t P;
    gfc_error_t err;
    gfc_certify_opts o;
    gfc_cert_t C1, C2;
    char *j1, *j2;
    gfc_json *J = NULL;

    snprintf(path, sizeof(path), "%s/tests/cases/%s", top, name);
    gfc_problem_init(P);
    gfc_error_init(err);
    if (gfc_problem_load(P, path, err) != 0)
    {
        tap_ok(0, "%s loads: %s", name, err->msg);
        gfc_problem_clear(P);
        return;
    }
    gfc_certify_opts_init(&o);
    o.digits = 30;
    gfc_cert_init(C1, P);
    gfc_cert_init(C2, P);
    gfc_certify(C1, P, &o);
    gfc_certify(C2, P, &o);
    tap_ok(C1->verdict == GFC_MATCH, "%s: MATCH at 30 digits", name);
    j1 = gfc_cert_json(C1, P);
    j2 = gfc_cert_json(C2, P);
    tap_ok(strcmp(j1, j2) == 0, "%s: two runs, byte-identical "
           "certificates", name);
    if (gfc_json_parse(&J, j1, strlen(j1), msg, sizeof(msg)) != 0)
        tap_ok(0, "%s: certificate parses: %s", name, msg);
    else
    {
        tap_ok(reads_back(J, "beta_flow", C1->flow->beta, P->d, C1->prec),
               "%s: beta_flow balls read back at %ld bits contain the "
               "computed enclosure", name, (long) C1->prec);
        tap_ok(reads_back(J, "beta_bias", C1->bias->beta, P->d, C1->prec),
               "%s: beta_bias balls read back contain the computed ones",
               name);
        tap_ok(reads_back(J, "lambda", C1->bias->lambda, P->n, C1->prec),
               "%s: lambda balls read back contain the computed ones", name);
        gfc_json_free(J);
    }
    flint_free(j1);
    flint_free(j2);
    gfc_cert_clear(C2);
    gfc_cert_clear(C1);
    gfc_problem_clear(P);
}

int
main(void)
{
    const char *t = getenv("top_srcdir");

    snprintf(top, sizeof(top), "%s", (t != NULL) ? t : ".");
    test_case("b05_diag_decimal_string.json");
    test_case("b03_fc1_tiny_balanced.json");
    flint_cleanup();
    return tap_done();
}
