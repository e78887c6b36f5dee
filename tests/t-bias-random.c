/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Random small diagonal instances: the certified enclosure must contain
 * a root found independently (the test's own Newton at four times the
 * precision, with the dual map written from the parameter trajectory of
 * proofs/diag-general.md, section 3; for n = 1 a sign change of Phi at
 * the ends of the ball), and its radius must shrink when the precision
 * grows.
 */
#include <string.h>
#include "tap.h"
#include "bias-problem.h"
#include "bias.h"

/* beta(z) and beta'(z), written independently of src/bias.  Paper:
   (k/2) sinh 2z.  General: the trajectory u(z), v(z) of each part,
   u+ = u0 cosh z + v0 sinh z, v+ = v0 cosh z + u0 sinh z, and the minus
   part with -z; beta = u+ v+ - u- v-, beta' = u+^2 + v+^2 + u-^2 + v-^2. */
static void
indep_map(arb_t b, arb_t db, const arb_t z, const gfc_problem_t P, slong j,
          slong prec)
{
    arb_t c, s, t, u[4], w[4];
    slong h;

    arb_init(c);
    arb_init(s);
    arb_init(t);
    if (P->reg == GFC_REG_PAPER)
    {
        arb_mul_2exp_si(t, z, 1);
        arb_sinh_cosh(s, c, t, prec);
        arb_set_fmpq(t, P->k + j, prec);
        arb_mul(b, t, s, prec);
        arb_mul_2exp_si(b, b, -1);
        arb_mul(db, t, c, prec);
    }
    else
    {
        for (h = 0; h < 4; h++)
        {
            arb_init(u[h]);
            arb_init(w[h]);
            arb_set_fmpq(u[h], P->theta0_sq + h * P->d + j, prec);
            arb_sqrtpos(u[h], u[h], prec);
            if (P->theta0_sign[h * P->d + j] < 0)
                arb_neg(u[h], u[h]);
        }
        arb_sinh_cosh(s, c, z, prec);
        /* plus part: (u, v) -> (u c + v s, v c + u s) */
        arb_mul(w[0], u[0], c, prec);
        arb_addmul(w[0], u[1], s, prec);
        arb_mul(w[1], u[1], c, prec);
        arb_addmul(w[1], u[0], s, prec);
        /* minus part: (u, v) -> (u c - v s, v c - u s) */
        arb_mul(w[2], u[2], c, prec);
        arb_submul(w[2], u[3], s, prec);
        arb_mul(w[3], u[3], c, prec);
        arb_submul(w[3], u[2], s, prec);
        arb_mul(b, w[0], w[1], prec);
        arb_submul(b, w[2], w[3], prec);
        arb_zero(db);
        for (h = 0; h < 4; h++)
        {
            arb_addmul(db, w[h], w[h], prec);
            arb_clear(u[h]);
            arb_clear(w[h]);
        }
    }
    arb_clear(c);
    arb_clear(s);
    arb_clear(t);
}

/* Phi(lambda) and its Jacobian, independently. */
static void
indep_phi(arb_ptr phi, arb_mat_t J, arb_srcptr lam, const gfc_problem_t P,
          slong prec)
{
    slong n = P->n, d = P->d, i, j, l;
    arb_t z, b, db, x, t;

    arb_init(z);
    arb_init(b);
    arb_init(db);
    arb_init(x);
    arb_init(t);
    for (i = 0; i < n; i++)
    {
        arb_set_fmpq(phi + i, P->y + i, prec);
        arb_neg(phi + i, phi + i);
        if (J != NULL)
            for (l = 0; l < n; l++)
                arb_zero(arb_mat_entry(J, i, l));
    }
    for (j = 0; j < d; j++)
    {
        arb_zero(z);
        for (i = 0; i < n; i++)
        {
            arb_set_fmpq(x, fmpq_mat_entry(P->X, i, j), prec);
            arb_addmul(z, x, lam + i, prec);
        }
        indep_map(b, db, z, P, j, prec);
        for (i = 0; i < n; i++)
        {
            arb_set_fmpq(x, fmpq_mat_entry(P->X, i, j), prec);
            arb_addmul(phi + i, x, b, prec);
            if (J != NULL)
                for (l = 0; l < n; l++)
                {
                    arb_set_fmpq(t, fmpq_mat_entry(P->X, l, j), prec);
                    arb_mul(t, t, x, prec);
                    arb_addmul(arb_mat_entry(J, i, l), t, db, prec);
                }
        }
    }
    arb_clear(z);
    arb_clear(b);
    arb_clear(db);
    arb_clear(x);
    arb_clear(t);
}

/* Plain Newton from lam at prec; returns 1 when the residual ends below
   2^(-3 prec / 4) (the test runs it at four times the solver's
   precision, so the root is then far more accurate than the ball). */
static int
indep_root(arb_ptr lam, const gfc_problem_t P, slong prec)
{
    slong n = P->n, i, it;
    arb_ptr phi = _arb_vec_init(n);
    arb_mat_t J, r, s;
    mag_t m, tol;
    int ok = 0;

    arb_mat_init(J, n, n);
    arb_mat_init(r, n, 1);
    arb_mat_init(s, n, 1);
    mag_init(m);
    mag_init(tol);
    for (it = 0; it < 60; it++)
    {
        indep_phi(phi, J, lam, P, prec);
        arb_mat_get_mid(J, J);
        for (i = 0; i < n; i++)
            arb_get_mid_arb(arb_mat_entry(r, i, 0), phi + i);
        if (!arb_mat_approx_solve(s, J, r, prec))
            break;
        for (i = 0; i < n; i++)
        {
            arb_sub(lam + i, lam + i, arb_mat_entry(s, i, 0), prec);
            arb_get_mid_arb(lam + i, lam + i);
        }
    }
    indep_phi(phi, NULL, lam, P, prec);
    mag_set_ui_2exp_si(tol, 1, -(3 * prec) / 4);
    ok = 1;
    for (i = 0; i < n; i++)
    {
        arb_get_mag(m, phi + i);
        ok = ok && mag_cmp(m, tol) <= 0;
    }
    _arb_vec_clear(phi, n);
    arb_mat_clear(J);
    arb_mat_clear(r);
    arb_mat_clear(s);
    mag_clear(m);
    mag_clear(tol);
    return ok;
}

/* n = 1: Phi is increasing, so Phi(lo) < 0 < Phi(hi) at the ends of the
   lambda ball proves the root is inside, with no Newton at all. */
static int
sign_change(const arb_t lam, const gfc_problem_t P, slong prec)
{
    arb_t e, phi;
    int ok;

    arb_init(e);
    arb_init(phi);
    arb_get_lbound_arf(arb_midref(e), lam, prec);
    indep_phi(phi, NULL, e, P, prec);
    ok = arb_is_negative(phi);
    arb_get_ubound_arf(arb_midref(e), lam, prec);
    indep_phi(phi, NULL, e, P, prec);
    ok = ok && arb_is_positive(phi);
    arb_clear(e);
    arb_clear(phi);
    return ok;
}

static void
rand_q(char *buf, size_t len, flint_rand_t st, slong num, slong den)
{
    slong p = (slong) n_randint(st, 2 * num + 1) - num;
    slong q = 1 + (slong) n_randint(st, den);

    snprintf(buf, len, "%ld/%ld", (long) p, (long) q);
}

/* A random full-row-rank instance, paper (general == 0) or general. */
static void
rand_problem(gfc_problem_t P, flint_rand_t st, int general)
{
    slong n = 1 + n_randint(st, 3), d = n + 1 + n_randint(st, 4), i, j;
    const char *X[64], *y[8], *k[16], *sq[64];
    int sg[64];
    static char store[256][64];
    slong used = 0, rank;
    fmpq_mat_t R;

    for (;;)
    {
        used = 0;
        for (i = 0; i < n * d; i++)
        {
            rand_q(store[used], 64, st, 4, 3);
            X[i] = store[used++];
        }
        for (i = 0; i < n; i++)
        {
            rand_q(store[used], 64, st, 10, 5);
            y[i] = store[used++];
        }
        for (j = 0; j < d; j++)
        {
            /* k from 1e-6 to 10: the rich and the kernel regime */
            snprintf(store[used], 64, "%lue-%lu",
                     (unsigned long) (1 + n_randint(st, 99)),
                     (unsigned long) n_randint(st, 8));
            k[j] = store[used++];
        }
        for (j = 0; j < 4 * d; j++)
        {
            snprintf(store[used], 64, "%lu/%lu",
                     (unsigned long) n_randint(st, 10),
                     (unsigned long) (1 + n_randint(st, 4)));
            sq[j] = store[used++];
            sg[j] = (store[used - 1][0] == '0') ? 0
                : (n_randint(st, 2) ? 1 : -1);
        }
        gfc_problem_init(P);
        if (general)
            bp_general(P, n, d, X, y, sq, sg);
        else
            bp_paper(P, n, d, X, y, k, NULL);
        /* full row rank; a general start may still freeze columns (all
           four parts 0) and so lose it, which the solver must refuse */
        fmpq_mat_init(R, n, d);
        rank = fmpq_mat_rref(R, P->X);
        fmpq_mat_clear(R);
        if (rank == n)
            break;
        gfc_problem_clear(P);
    }
}

static void
run(flint_rand_t st, int general, long count)
{
    long iter, proven = 0, bad_root = 0, bad_sign = 0, n1 = 0, wider = 0;
    long both = 0;

    for (iter = 0; iter < count; iter++)
    {
        gfc_problem_t P;
        gfc_bias_t B, B2;
        arb_ptr ref;
        slong i, prec;
        int ok;

        rand_problem(P, st, general);
        gfc_bias_init(B, P);
        ok = gfc_bias_solve(B, P, 20, 4096);
        /* A general start with frozen columns may make the dual system
           singular and legitimately fail; a proven answer must be
           right. */
        if (ok)
            proven++;
        if (B->proven)
        {
            prec = 4 * B->prec;
            ref = _arb_vec_init(P->n);
            for (i = 0; i < P->n; i++)
                arb_get_mid_arb(ref + i, B->lambda + i);
            if (!indep_root(ref, P, prec))
                tap_diag("independent Newton did not converge (iter %ld)",
                         iter);
            else
                for (i = 0; i < P->n; i++)
                    if (!arb_contains_arf(B->lambda + i, arb_midref(ref + i)))
                    {
                        bad_root++;
                        tap_diag("iter %ld: lambda[%ld] misses the root",
                                 iter, (long) i);
                    }
            if (P->n == 1)
            {
                n1++;
                if (!sign_change(B->lambda, P, 2 * B->prec))
                {
                    bad_sign++;
                    tap_diag("iter %ld: no sign change over lambda", iter);
                }
            }
            _arb_vec_clear(ref, P->n);

            gfc_bias_init(B2, P);
            if (gfc_bias_solve_prec(B2, P, 128)
                && gfc_bias_solve_prec(B, P, 256))
            {
                both++;
                for (i = 0; i < P->d; i++)
                    if (!arb_is_exact(B2->beta + i)
                        && mag_cmp(arb_radref(B->beta + i),
                                   arb_radref(B2->beta + i)) >= 0)
                        wider++;
            }
            gfc_bias_clear(B2);
        }
        gfc_bias_clear(B);
        gfc_problem_clear(P);
    }
    tap_ok(proven >= (general ? count / 2 : count),
           "%s: %ld of %ld random instances proven to 20 digits",
           general ? "general" : "paper", proven, count);
    tap_ok(bad_root == 0, "%s: every enclosure contains the independent "
           "root", general ? "general" : "paper");
    tap_ok(bad_sign == 0, "%s: Phi changes sign over every n = 1 enclosure "
           "(%ld instances)", general ? "general" : "paper", n1);
    tap_ok(both > 0 && wider == 0, "%s: radii shrink from 128 to 256 bits "
           "(%ld instances)", general ? "general" : "paper", both);
}

int
main(void)
{
    flint_rand_t st;
    long count = 40 * tap_multiplier();

    gfc_randinit(st);
    flint_randseed(st, tap_seed(), 0xb1a5);
    run(st, 0, count);
    run(st, 1, count);
    gfc_randclear(st);
    flint_cleanup();
    return tap_done();
}
