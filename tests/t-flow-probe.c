/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Enclosures of beta(theta(t)) at given times contain the closed-form
 * values of cases B03, B09, B10 and B11 (one-neuron networks with
 * X = [[1, 0]]), and of a diagonal network whose flow is the same logistic
 * curve.  Also: a(t) of these runs never touches 0.
 */
#include <string.h>
#include <unistd.h>
#include "flow.h"
#include "tap.h"

static void
load(gfc_problem_t P, const char *dir, const char *name)
{
    char path[4096];
    gfc_error_t err;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    gfc_problem_init(P);
    if (gfc_problem_load(P, path, err) != 0)
    {
        printf("Bail out! cannot load %s: %s\n", path, err->msg);
        exit(1);
    }
}

/* A decimal reference with its last digit uncertain by one unit. */
static void
ref_ball(arb_t x, const char *s, slong prec)
{
    const char *dot = strchr(s, '.'), *e = strchr(s, 'e');
    slong frac = 0, ex = (e != NULL) ? atol(e + 1) : 0;
    arb_t u;

    if (dot != NULL)
        frac = (e != NULL ? (slong) (e - dot) : (slong) strlen(dot)) - 1;
    arb_init(u);
    arb_set_str(x, s, prec);
    arb_set_ui(u, 10);
    arb_pow_ui(u, u, frac, prec);
    arb_inv(u, u, prec);
    if (ex >= 0)
        arb_mul_ui(u, u, n_pow(10, ex), prec);
    else
        arb_div_ui(u, u, n_pow(10, -ex), prec);
    arb_add_error(x, u);
    arb_clear(u);
}

/* Run to T = infinity (target 1e-25) with probes at the given times; check
   beta_1 at each against the decimal reference, and its relative width. */
static void
check_probes(const char *dir, const char *file, slong nprobe,
             const char **times, const char **refs, double relw,
             slong prec, slong max_steps)
{
    gfc_problem_t P;
    gfc_flow_t F;
    gfc_flow_opts o;
    fmpq *tq = _fmpq_vec_init(nprobe);
    slong k;
    arb_t ref, w;

    load(P, dir, file);
    for (k = 0; k < nprobe; k++)
        fmpq_set_str(tq + k, times[k], 10);
    gfc_flow_init(F, P);
    gfc_flow_opts_init(&o, prec);
    mag_set_d(&o.target, 1e-25);
    o.probe = tq;
    o.nprobe = nprobe;
    /* A step limit, not a clock: the run must pass the probe times on
       any machine, also under valgrind. */
    o.max_steps = max_steps;
    gfc_flow_run(F, P, &o);
    arb_init(ref);
    arb_init(w);
    for (k = 0; k < nprobe; k++)
    {
        arb_srcptr b = F->probe + k * P->d;

        if (k >= F->nprobe_done)
        {
            tap_ok(0, "%s: time %s not reached (%s)", file, times[k],
                   F->reason);
            continue;
        }
        ref_ball(ref, refs[k], prec);
        arb_get_rad_arb(w, b);
        arb_div(w, w, ref, 64);
        tap_ok(arb_overlaps(b, ref) && arb_is_finite(b)
               && arf_cmpabs_d(arb_midref(w), relw) < 0,
               "%s: beta_1(%s) encloses %s, relative radius < %g", file,
               times[k], refs[k], relw);
        tap_ok(arb_contains_zero(b + 1), "%s: beta_2(%s) contains 0", file,
               times[k]);
    }
    for (k = 0; k < F->nbranch; k++)
        tap_ok(!F->branch_touch[k], "%s: a(t) never touches 0", file);
    arb_clear(w);
    arb_clear(ref);
    gfc_flow_opts_clear(&o);
    gfc_flow_clear(F);
    gfc_problem_clear(P);
    _fmpq_vec_clear(tq, nprobe);
}

int
main(void)
{
    const char *top = getenv("top_srcdir");
    char dir[4096], tmp[4096];
    FILE *f;

    snprintf(dir, sizeof(dir), "%s/tests/cases", top ? top : ".");
    {
        /* B09: beta_1(t) = 1/(1 + (1/beta0 - 1) e^(-2t)), beta0 = 1e-8. */
        const char *t[] = { "5", "10", "20" };
        const char *r[] = { "0.000220216154314324024956130106842",
                            "0.829108087843703575071488101222",
                            "0.9999999995751645788996804908568277982279" };

        check_probes(dir, "b09_fc1_sharp_transition.json", 3, t, r, 1e-25,
                     160, 100000);
    }
    {
        /* B03: beta_1(t) = 2e-16/(1e-16 + (2 - 1e-16) e^(-4t)). */
        const char *t[] = { "20" };
        const char *r[] = { "1.999999999999999999278059444861833967433" };

        check_probes(dir, "b03_fc1_tiny_balanced.json", 1, t, r, 1e-30, 160,
                     100000);
    }
    {
        /* B11: beta_1(t) = 1000/(1 + 99999 e^(-2000t)). */
        const char *t[] = { "1/200" };
        const char *r[] = { "180.507123257743312615519500651" };

        check_probes(dir, "b11_fc1_stiff.json", 1, t, r, 1e-27, 160, 100000);
    }
    {
        /* B10: delta = 0, y = 0: beta_1(t) = 0.25/(1 + t/2), algebraic
           decay; the tail never closes, so the run stops at its step
           limit, long after passing both times. */
        const char *t[] = { "10", "4000" };
        const char *r[] = { "0.041666666666666666666666666666666666667",
                            "1.249375312343828085957021489255372313843e-4" };

        check_probes(dir, "b02_fc1_balanced_y0.json", 2, t, r, 1e-6, 160,
                     600);
    }
    {
        /* A diagonal network with only u+_1 = v+_1 = 1/100 non-zero follows
           the same logistic curve as B09 with beta0 = 1e-4. */
        const char *t[] = { "3", "7/2" };
        const char *r[] = { "0.038782173038771579488485365562222377734503546140399",
                            "0.098834662499222474583779929748576945992740145266014" };

        snprintf(tmp, sizeof(tmp), "%s/t-flow-probe-diag-%d.json",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
                 (int) getpid());
        f = fopen(tmp, "w");
        fputs("{\"model\": \"diag\", \"X\": [[1, 0]], \"y\": [1],\n"
              " \"init\": {\"u_plus\": [\"0.01\", 0], \"v_plus\": [\"0.01\","
              " 0], \"u_minus\": [0, 0], \"v_minus\": [0, 0]},\n"
              " \"regularizer\": \"general\"}\n", f);
        fclose(f);
        check_probes("/", tmp, 2, t, r, 1e-25, 160, 100000);
        remove(tmp);
    }
    flint_cleanup();
    return tap_done();
}
