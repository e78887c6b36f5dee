/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The certified minimiser on instances with hand-derived answers (cases
 * B04, B05, B07, B12, B16, B20): exact rational answers must lie in the
 * balls, decimal references (40 figures) must overlap them.
 */
#include <string.h>
#include "tap.h"
#include "bias-problem.h"
#include "bias.h"
#include "report.h"

/* The decimal ref widened by one unit of its last figure (references
   are given to 40 significant figures, correctly rounded or truncated),
   overlapping x, and x at least digits figures accurate. */
static int
near_ref(const arb_t x, const char *ref, slong digits)
{
    arb_t r;
    mag_t u, tol;
    const char *p;
    slong sig = 0, lead = 1;
    int ok;

    arb_init(r);
    mag_init(u);
    mag_init(tol);
    for (p = ref; *p != '\0' && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
        {
            if (*p != '0')
                lead = 0;
            if (!lead)
                sig++;
        }
    arb_set_str(r, ref, 512);
    arb_get_mag(u, r);
    mag_set_ui_2exp_si(tol, 1, 0);
    /* |ref| * 10^(1 - sig) bounds one unit in the last figure */
    mag_mul(u, u, tol);
    {
        mag_t ten;

        mag_init(ten);
        mag_set_ui(ten, 10);
        mag_pow_ui(tol, ten, (ulong) (sig - 1));
        mag_inv(tol, tol);
        mag_clear(ten);
    }
    mag_mul(u, u, tol);
    arb_add_error_mag(r, u);
    ok = arb_overlaps(x, r);
    if (ok && digits > 0)
    {
        /* radius below 10^-digits |x|, i.e. the digits are certified */
        mag_t ten;

        mag_init(ten);
        mag_set_ui(ten, 10);
        mag_pow_ui(tol, ten, (ulong) digits);
        mag_inv(tol, tol);
        arb_get_mag(u, x);
        mag_mul(tol, tol, u);
        ok = mag_cmp(arb_radref(x), tol) <= 0;
        mag_clear(ten);
    }
    arb_clear(r);
    mag_clear(u);
    mag_clear(tol);
    return ok;
}

static int
contains_q(const arb_t x, const char *q)
{
    fmpq_t v;
    int ok;

    fmpq_init(v);
    bp_set(v, q);
    ok = arb_contains_fmpq(x, v);
    fmpq_clear(v);
    return ok;
}

static int
all_finite(const gfc_bias_t B)
{
    slong i;
    int ok = arb_is_finite(B->Q) && arb_is_finite(B->l1)
        && arb_is_finite(B->l2);

    for (i = 0; i < B->n; i++)
        ok = ok && arb_is_finite(B->lambda + i);
    for (i = 0; i < B->d; i++)
        ok = ok && arb_is_finite(B->beta + i);
    return ok;
}

static void
show(const char *label, const arb_t x)
{
    char *s = gfc_ball_str(x, 45);

    tap_diag("%s = %s", label, s);
    flint_free(s);
}

/* X = [[1, 1]], y = [1]: beta = (1/2, 1/2), lambda = asinh(1/k)/2. */
static void
test_symmetric(const char *k)
{
    static const char *X[] = { "1", "1" }, *y[] = { "1" };
    gfc_problem_t P;
    gfc_bias_t B;
    arb_t ref;
    fmpq_t kq;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, 1, 2, X, y, NULL, k);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok, "symmetric k=%s: proven (%s)", k, B->reason);

    arb_init(ref);
    fmpq_init(kq);
    bp_set(kq, k);
    arb_set_fmpq(ref, kq, 2048);
    arb_inv(ref, ref, 2048);
    arb_asinh(ref, ref, 2048);
    arb_mul_2exp_si(ref, ref, -1);
    tap_ok(ok && arb_contains(B->lambda, ref),
           "symmetric k=%s: lambda contains asinh(1/k)/2", k);
    tap_ok(ok && contains_q(B->beta, "1/2") && contains_q(B->beta + 1, "1/2"),
           "symmetric k=%s: beta contains (1/2, 1/2)", k);
    if (strcmp(k, "4e-4") == 0)
        tap_ok(ok && near_ref(B->lambda,
                              "4.258596615708117513327473515295106799121",
                              30), "B20 symmetric: lambda reference");
    arb_clear(ref);
    fmpq_clear(kq);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_b05(void)
{
    static const char *X[] = { "1", "0" }, *y[] = { "0.1" };
    gfc_problem_t P;
    gfc_bias_t B;
    arb_t dbl;
    mag_t tol;
    char *s;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, 1, 2, X, y, NULL, "4");
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok, "B05: proven (%s)", B->reason);
    tap_ok(ok && contains_q(B->beta, "1/10"), "B05: beta_1 contains 1/10");
    mag_init(tol);
    mag_set_ui_2exp_si(tol, 1, -100); /* 2^-100 < 1e-30 */
    tap_ok(ok && mag_cmp(arb_radref(B->beta), tol) < 0,
           "B05: radius of beta_1 below 1e-30");
    arb_init(dbl);
    arb_set_d(dbl, 0.1);
    tap_ok(ok && !arb_contains(B->beta, dbl),
           "B05: beta_1 excludes the binary64 value of 0.1");
    tap_ok(ok && arb_is_zero(B->beta + 1), "B05: beta_2 is exactly 0");
    tap_ok(ok && near_ref(B->lambda,
                          "0.02498959503467433261569748106817839328982", 30),
           "B05: lambda reference");
    s = gfc_ball_digits(B->beta, 30);
    tap_ok(s != NULL && strcmp(s, "0.100000000000000000000000000000") == 0,
           "B05: certified digits print as 0.1 and 29 zeros (%s)", s);
    flint_free(s);
    show("B05 lambda", B->lambda);
    arb_clear(dbl);
    mag_clear(tol);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_b07(const char *k, const char *y1, const char *lam)
{
    static const char *X[] = { "1", "0" };
    const char *y[1];
    gfc_problem_t P;
    gfc_bias_t B;
    int ok;

    y[0] = y1;
    gfc_problem_init(P);
    bp_paper(P, 1, 2, X, y, NULL, k);
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok, "B07 k=%s y=%s: proven (%s)", k, y1, B->reason);
    tap_ok(ok && contains_q(B->beta, y1) && arb_is_zero(B->beta + 1),
           "B07 k=%s y=%s: beta contains (y, 0)", k, y1);
    tap_ok(ok && near_ref(B->lambda, lam, 30),
           "B07 k=%s y=%s: lambda reference", k, y1);
    tap_ok(ok && all_finite(B), "B07 k=%s y=%s: no nan or inf", k, y1);
    tap_diag("B07 k=%s: %ld Newton steps, %ld bits", k,
             (long) B->newton_iters, (long) B->prec);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_b20_trap(void)
{
    static const char *X[] = { "1", "2", "0", "0", "1", "1" };
    static const char *y[] = { "1", "1" };
    gfc_problem_t P;
    gfc_bias_t B;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, 2, 3, X, y, NULL, "4e-4");
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok, "B20 trap: proven (%s)", B->reason);
    tap_ok(ok && contains_q(B->beta, "0") && contains_q(B->beta + 1, "1/2")
           && contains_q(B->beta + 2, "1/2"),
           "B20 trap: beta contains (0, 1/2, 1/2)");
    tap_ok(ok && arb_contains_zero(B->lambda)
           && near_ref(B->lambda + 1,
                       "4.258596615708117513327473515295106799121", 30),
           "B20 trap: lambda = (0, asinh(2500)/2)");
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_b04(void)
{
    static const char *X[] = { "1", "2", "0", "1", "2", "1e-30" };
    static const char *y[] = { "1", "1" };
    gfc_problem_t P;
    gfc_bias_t B;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, 2, 3, X, y, NULL, "4");
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    if (!ok)
        tap_ok(strstr(B->reason, "bits") != NULL,
               "B04: not proven, and the reason names precision (%s)",
               B->reason);
    else
        tap_ok(1, "B04: proven at %ld bits", (long) B->prec);
    tap_ok(!B->proven
           || (near_ref(B->beta,
                        "0.1992113774158068209182357621541825006949", 0)
               && near_ref(B->beta + 1,
                           "0.4003943112920965895408821189229087496525", 0)
               && contains_q(B->beta + 2, "0")
               && near_ref(B->lambda,
                           "0.04972085842496033445725859149694573129156", 0)
               && arb_contains_zero(B->lambda + 1)),
           "B04: every proven ball holds the right value");
    tap_ok(ok && near_ref(B->beta,
                          "0.1992113774158068209182357621541825006949", 30)
           && near_ref(B->beta + 1,
                       "0.4003943112920965895408821189229087496525", 30),
           "B04: beta to 30 digits");
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

static void
test_b12_b16(void)
{
    static const char *X12[] = { "1", "2", "3", "4", "5", "6" };
    static const char *y12[] = { "1", "2" };
    static const char *X16[] = { "1.5", "2.25" }, *y16[] = { "0.75" };
    gfc_problem_t P;
    gfc_bias_t B;
    int ok;

    gfc_problem_init(P);
    bp_paper(P, 2, 3, X12, y12, NULL, "4");
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok, "B12: proven (%s)", B->reason);
    tap_ok(ok && near_ref(B->beta,
                          "-0.05542786391988093197822401637039765410197", 30)
           && near_ref(B->beta + 1,
                       "0.1108557278397618639564480327407953082039", 30)
           && near_ref(B->beta + 2,
                       "0.2779054694134524013551093169629356792314", 30),
           "B12: beta reference");
    tap_ok(ok && near_ref(B->lambda,
                          "0.06002500241486114702887806886276327226022", 30)
           && near_ref(B->lambda + 1,
                       "-0.01847004879318675003539370247548343109995", 30),
           "B12: lambda reference");
    gfc_bias_clear(B);
    gfc_problem_clear(P);

    gfc_problem_init(P);
    bp_paper(P, 1, 2, X16, y16, NULL, "4");
    gfc_bias_init(B, P);
    ok = gfc_bias_solve(B, P, 30, 0);
    tap_ok(ok && near_ref(B->beta,
                          "0.1537154505423340529948759357978166293884", 30)
           && near_ref(B->beta + 1,
                       "0.2308563663051106313367493761347889137411", 30)
           && near_ref(B->lambda,
                       "0.0255940859560765767634799795118094673072", 30),
           "B16: beta and lambda reference (%s)", B->reason);
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

/* A wrong reference must be rejected by the same checks. */
static void
test_checks_can_fail(void)
{
    static const char *X[] = { "1", "0" }, *y[] = { "0.1" };
    gfc_problem_t P;
    gfc_bias_t B;

    gfc_problem_init(P);
    bp_paper(P, 1, 2, X, y, NULL, "4");
    gfc_bias_init(B, P);
    gfc_bias_solve(B, P, 30, 0);
    /* off by one in the 29th figure: outside any 30-digit ball */
    tap_ok(!near_ref(B->lambda,
                     "0.02498959503467433261569748106917839328982", 30)
           && !contains_q(B->beta, "100000000000000000000000000001/"
                          "1000000000000000000000000000000"),
           "a reference off in the 29th figure is rejected");
    gfc_bias_clear(B);
    gfc_problem_clear(P);
}

int
main(void)
{
    test_symmetric("4");
    test_symmetric("1/3");
    test_symmetric("1e-8");
    test_symmetric("4e-4");
    test_b05();
    test_b07("4e-12", "-1", "-13.81551055796427410410794922810618524561");
    test_b07("4e-12", "1", "13.81551055796427410410794922810618524561");
    test_b07("4e-300", "-1", "-345.3877639491068526026987182026546311402");
    test_b20_trap();
    test_b04();
    test_b12_b16();
    test_checks_can_fail();
    flint_cleanup();
    return tap_done();
}
