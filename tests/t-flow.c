/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The validated flow on instances whose limit is known exactly. */
#include "flow.h"
#include "tap.h"
#include "build.h"

static int
contains_str(const arb_t x, const char *s, slong prec)
{
    arb_t r;
    int ok;

    arb_init(r);
    arb_set_str(r, s, prec);
    ok = arb_overlaps(x, r) && arb_is_finite(x);
    arb_clear(r);
    return ok;
}

static void
run(gfc_flow_t F, const gfc_problem_t P, slong prec, double eps_log10)
{
    gfc_flow_opts o;

    gfc_flow_opts_init(&o, prec);
    mag_set_d(&o.target, pow(10.0, eps_log10));
    o.max_steps = 200000;
    gfc_flow_run(F, P, &o);
    gfc_flow_opts_clear(&o);
}

int
main(void)
{
    /* X = [[1,0]]: beta_1 must reach y, beta_2 never moves. */
    {
        const char *X[] = { "1", "0" }, *y[] = { "3/10" };
        gfc_problem_t P;
        gfc_flow_t F;
        mag_t r;

        gfc_problem_init(P);
        build_diag(P, 1, 2, X, y, "1/10000", "1/10000");
        gfc_flow_init(F, P);
        run(F, P, 160, -30);
        tap_ok(F->proven, "X=[[1,0]] alpha=1e-4: tail closed (%s)",
               F->reason);
        tap_ok(contains_str(F->beta + 0, "0.3", 200)
               && contains_str(F->beta + 1, "0", 200),
               "beta(inf) contains (3/10, 0)");
        mag_init(r);
        arb_get_mag(r, F->beta + 0);
        tap_ok(mag_cmp_2exp_si(arb_radref(F->beta + 0), -99) < 0,
               "radius below 1e-30 (steps %ld)", (long) F->steps);
        mag_clear(r);
        tap_ok(!contains_str(F->beta + 0, "0.3000000000000000000000000001",
                             200), "and excludes 0.3 + 1e-28");
        gfc_flow_clear(F);
        gfc_problem_clear(P);
    }
    /* Orthogonal coordinate rows: beta(inf) = (a, b, 0). */
    {
        const char *X[] = { "1", "0", "0", "0", "2", "0" };
        const char *y[] = { "-1/2", "3" };
        gfc_problem_t P;
        gfc_flow_t F;

        gfc_problem_init(P);
        build_diag(P, 2, 3, X, y, "1/100", "4/100");
        gfc_flow_init(F, P);
        run(F, P, 128, -25);
        tap_ok(F->proven, "coordinate rows: tail closed (%s)", F->reason);
        tap_ok(contains_str(F->beta + 0, "-0.5", 200)
               && contains_str(F->beta + 1, "1.5", 200)
               && contains_str(F->beta + 2, "0", 200),
               "beta(inf) contains (-1/2, 3/2, 0)");
        gfc_flow_clear(F);
        gfc_problem_clear(P);
    }
    flint_cleanup();
    return tap_done();
}
