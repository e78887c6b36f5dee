/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Certified digits for tables (doc/tables.md): fixed reference values,
 * and random balls against an exact rational check, written here
 * independently of src/report/digits.c, that every point of the ball is
 * within one unit of the last printed figure, that the printer stops
 * only where the next figure is not proven, and that a "+/-B" bound
 * holds.  GFC_TEST_SEED and GFC_TEST_MULTIPLIER as in tap.h.
 */
#include <string.h>
#include "tap.h"
#include "report.h"

/* Base count of random balls per run. */
#define RANDOM_BALLS 4000

static unsigned long seed;

/* q = 10^e. */
static void
ten_pow(fmpq_t q, slong e)
{
    fmpz_t t;

    fmpz_init_set_ui(t, 10);
    fmpz_pow_ui(t, t, (ulong) (e < 0 ? -e : e));
    fmpq_one(q);
    if (e >= 0)
        fmpz_set(fmpq_numref(q), t);
    else
        fmpz_set(fmpq_denref(q), t);
    fmpz_clear(t);
}

/* Parse [-]D[.D][e[-]N] into its value v, the place value ulp of its
   last figure and its count of significant figures.  0 if malformed. */
static int
parse_text(fmpq_t v, fmpq_t ulp, slong *figures, const char *s)
{
    fmpz_t man;
    int neg = 0, lead = 1;
    slong frac = 0, ex = 0, nfig = 0, any = 0;
    char *end;

    fmpz_init(man);
    if (*s == '-')
    {
        neg = 1;
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++, any++)
    {
        fmpz_mul_ui(man, man, 10);
        fmpz_add_ui(man, man, (ulong) (*s - '0'));
        lead = lead && *s == '0';
        nfig += !lead;
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, frac++, any++)
        {
            fmpz_mul_ui(man, man, 10);
            fmpz_add_ui(man, man, (ulong) (*s - '0'));
            lead = lead && *s == '0';
            nfig += !lead;
        }
    if (*s == 'e')
    {
        ex = strtol(s + 1, &end, 10);
        if (end == s + 1)
            any = 0;
        s = end;
    }
    if (*s != '\0' || any == 0)
    {
        fmpz_clear(man);
        return 0;
    }
    if (neg)
        fmpz_neg(man, man);
    ten_pow(ulp, ex - frac);
    fmpq_mul_fmpz(v, ulp, man);
    *figures = nfig;
    fmpz_clear(man);
    return 1;
}

/* a = b c / d. */
static void
fmpq_mul_si_frac(fmpq_t a, const fmpq_t b, slong c, ulong d)
{
    fmpq_t t;

    fmpq_init(t);
    fmpq_set_si(t, c, d);
    fmpq_mul(a, b, t);
    fmpq_clear(t);
}

static int
is_frac(const fmpq_t q, slong p, ulong d)
{
    fmpq_t t;
    int eq;

    fmpq_init(t);
    fmpq_set_si(t, p, d);
    eq = fmpq_equal(q, t);
    fmpq_clear(t);
    return eq;
}

/* |m - v| + r <= u, exactly. */
static int
within(const fmpq_t m, const fmpq_t r, const fmpq_t v, const fmpq_t u)
{
    fmpq_t t;
    int ok;

    fmpq_init(t);
    fmpq_sub(t, m, v);
    fmpq_abs(t, t);
    fmpq_add(t, t, r);
    ok = fmpq_cmp(t, u) <= 0;
    fmpq_clear(t);
    return ok;
}

/* Some multiple of u/10 is within u/10 of every point of [m-r, m+r]:
   the nearest multiples below and above m are the only candidates. */
static int
next_place_provable(const fmpq_t m, const fmpq_t r, const fmpq_t u)
{
    fmpq_t w, q, c;
    fmpz_t k;
    int ok;

    fmpq_init(w);
    fmpq_init(q);
    fmpq_init(c);
    fmpz_init(k);
    fmpq_set(w, u);
    fmpz_mul_ui(fmpq_denref(w), fmpq_denref(w), 10);
    fmpq_canonicalise(w);
    fmpq_div(q, m, w);
    fmpz_fdiv_q(k, fmpq_numref(q), fmpq_denref(q));
    fmpq_mul_fmpz(c, w, k);
    ok = within(m, r, c, w) && !fmpz_is_zero(k);
    fmpz_add_ui(k, k, 1);
    fmpq_mul_fmpz(c, w, k);
    ok = ok || (within(m, r, c, w) && !fmpz_is_zero(k));
    fmpq_clear(w);
    fmpq_clear(q);
    fmpq_clear(c);
    fmpz_clear(k);
    return ok;
}

/* The whole claim of s about [m - r, m + r] printed with at most
   maxd figures; why names the first failure. */
static int
honest(const char *s, const fmpq_t m, const fmpq_t r, slong maxd,
       const char **why)
{
    fmpq_t v, u, b;
    slong fig;
    int ok = 1;

    fmpq_init(v);
    fmpq_init(u);
    fmpq_init(b);
    *why = "";
    if (s == NULL)
    {
        *why = "no text";
        ok = 0;
    }
    else if (strncmp(s, "+/-", 3) == 0)
    {
        /* |x| <= B for every x, B not far above |m| + r, and truly no
           figure: the ball reaches within its radius of 0. */
        ok = parse_text(v, u, &fig, s + 3) && fmpq_sgn(v) > 0;
        fmpq_abs(b, m);
        fmpq_add(b, b, r);
        if (ok && fmpq_cmp(b, v) > 0)
        {
            *why = "the bound is below |m| + r";
            ok = 0;
        }
        fmpq_mul_si_frac(b, b, 11, 10);
        if (ok && fmpq_cmp(v, b) > 0 && fig > 2)
        {
            *why = "the bound is far above |m| + r";
            ok = 0;
        }
        fmpq_abs(b, m);
        fmpq_mul_si_frac(b, b, 1, 10);
        if (ok && fmpq_cmp(b, r) >= 0)
        {
            /* |m| >= 10 r: some power of ten 10^p lies in [2r, 2|m|],
               and rounding m at that place gives a nonzero figure
               within 10^p/2 + r <= 10^p of every point. */
            *why = "a bound where a figure is provable";
            ok = 0;
        }
    }
    else if (!parse_text(v, u, &fig, s))
    {
        *why = "malformed";
        ok = 0;
    }
    else if (fmpq_is_zero(v))
    {
        ok = fmpq_is_zero(m) && fmpq_is_zero(r) && strcmp(s, "0") == 0;
        *why = "0 printed for a ball that is not exactly 0";
    }
    else if (!within(m, r, v, u))
    {
        *why = "a point of the ball is more than one unit away";
        ok = 0;
    }
    else if (fig > maxd)
    {
        *why = "more figures than asked for";
        ok = 0;
    }
    else if (fig < maxd && next_place_provable(m, r, u))
    {
        *why = "one more figure was provable";
        ok = 0;
    }
    fmpq_clear(v);
    fmpq_clear(u);
    fmpq_clear(b);
    return ok;
}

static void
check_str(const char *ball, slong maxd, const char *want)
{
    fmpq_t m, r;
    char *s;
    const char *why;

    fmpq_init(m);
    fmpq_init(r);
    if (gfc_report_ball_parse(m, r, ball) != 1)
        tap_ok(0, "%s parses", ball);
    else
    {
        s = gfc_report_digits(m, r, maxd);
        tap_ok(s != NULL && strcmp(s, want) == 0 && honest(s, m, r, maxd,
                                                            &why),
               "%s with at most %ld figures prints %s (got %s)", ball,
               (long) maxd, want, s ? s : "NULL");
        flint_free(s);
    }
    fmpq_clear(m);
    fmpq_clear(r);
}

static void
test_reference(void)
{
    check_str("[1.7424870799693 +/- 3.1e-15]", 15, "1.74248707996930");
    check_str("[1.7424870799693 +/- 3.1e-15]", 5, "1.7425");
    check_str("0", 15, "0");
    check_str("[+/- 0]", 15, "0");
    check_str("0.5", 15, "0.500000000000000");
    check_str("0.5", 1, "0.5");
    check_str("[12345.678 +/- 0.3]", 15, "12346");
    check_str("[12345.678 +/- 3]", 15, "1.235e4");
    check_str("[-2.5 +/- 0.001]", 15, "-2.500");
    check_str("[1.234567e-10 +/- 1e-16]", 15, "1.234567e-10");
    check_str("[0.00012 +/- 1e-9]", 15, "0.000120000");
    check_str("[0.000012 +/- 1e-10]", 15, "1.20000e-5");
    /* The place of the radius fails (|0.14 - 0.1| + 0.09 > 0.1), the
       next one gives 0: no figure is proven. */
    check_str("[0.14 +/- 0.09]", 15, "+/-0.23");
    check_str("[0.15 +/- 0.05]", 15, "0.2");
    check_str("[+/- 1e-3]", 15, "+/-0.0010");
    check_str("[1e-20 +/- 1e-18]", 15, "+/-1.1e-18");
    check_str("[9.96 +/- 0.01]", 15, "9.96");
    check_str("[9.996 +/- 0.01]", 15, "10.0");
    check_str("[-0.15 +/- 0.05]", 15, "-0.2");
    check_str("[99999.7 +/- 0.4]", 3, "1.00e5");
}

static void
test_parse(void)
{
    fmpq_t m, r, q;

    fmpq_init(m);
    fmpq_init(r);
    fmpq_init(q);
    tap_ok(gfc_report_ball_parse(m, r, "[1.5 +/- 0.25]") == 1
           && is_frac(m, 3, 2) && is_frac(r, 1, 4),
           "[1.5 +/- 0.25] is 3/2 and 1/4 exactly");
    tap_ok(gfc_report_ball_parse(m, r, "[+/- 1e-3]") == 1
           && fmpq_is_zero(m) && is_frac(r, 1, 1000),
           "[+/- 1e-3] is 0 and 1/1000");
    tap_ok(gfc_report_ball_parse(m, r, "-2.5e-1") == 1
           && is_frac(m, -1, 4) && fmpq_is_zero(r),
           "a plain decimal is an exact ball");
    tap_ok(gfc_report_ball_parse(m, r, "[+/- inf]") == -1
           && gfc_report_ball_parse(m, r, "[nan +/- inf]") == -1,
           "balls that are not finite are told apart");
    tap_ok(gfc_report_ball_parse(m, r, "[1.5 +/-0.25]") == 0
           && gfc_report_ball_parse(m, r, "[1.5 +/- -1]") == 0
           && gfc_report_ball_parse(m, r, "[1.5 +/- 1") == 0
           && gfc_report_ball_parse(m, r, "[1,5 +/- 1]") == 0
           && gfc_report_ball_parse(m, r, "") == 0
           && gfc_report_ball_parse(m, r, "1.5x") == 0,
           "malformed balls are refused");
    fmpq_clear(m);
    fmpq_clear(r);
    fmpq_clear(q);
}

static void
test_random(flint_rand_t st, long mult)
{
    slong i, n = RANDOM_BALLS * mult, fails = 0, deep = 0;
    arb_t x;
    fmpq_t m, r;
    fmpz_t M, E;

    arb_init(x);
    fmpq_init(m);
    fmpq_init(r);
    fmpz_init(M);
    fmpz_init(E);
    for (i = 0; i < n; i++)
    {
        slong maxd = 1 + (slong) n_randint(st, 40), kind;
        const char *why;
        char *s;

        fmpz_randtest(M, st, 1 + n_randint(st, 120));
        if (n_randint(st, 20) == 0)
            fmpz_zero(M);
        fmpz_set_si(E, (slong) n_randint(st, 601) - 300);
        arf_set_fmpz_2exp(arb_midref(x), M, E);
        kind = (slong) n_randint(st, 4);
        if (kind == 0)
            mag_zero(arb_radref(x));
        else if (kind == 1 && !fmpz_is_zero(M))
        {
            /* Relative radius |m| 2^-j. */
            arf_get_mag(arb_radref(x), arb_midref(x));
            mag_mul_2exp_si(arb_radref(x), arb_radref(x),
                            -(slong) n_randint(st, 140));
        }
        else
            mag_set_ui_2exp_si(arb_radref(x), 1 + n_randint(st, 1000),
                               (slong) n_randint(st, 601) - 300);

        arf_get_fmpq(m, arb_midref(x));
        mag_get_fmpq(r, arb_radref(x));
        s = gfc_report_digits_arb(x, maxd);
        if (!honest(s, m, r, maxd, &why))
        {
            if (fails++ < 5)
            {
                char *b = arb_get_str(x, 30, 0);

                tap_diag("seed %lu, ball %ld: %s with %ld figures printed "
                         "as %s: %s", seed, (long) i, b, (long) maxd,
                         s ? s : "NULL", why);
                flint_free(b);
            }
        }
        else if (kind == 1 && maxd >= 15 && !fmpz_is_zero(M)
                 && mag_cmp_2exp_si(arb_radref(x),
                                    arf_abs_bound_lt_2exp_si(arb_midref(x))
                                    - 68) <= 0)
        {
            /* r <= 2^-67 |m| < 1e-20 |m|: at least 15 figures. */
            fmpq_t v, u;
            slong fig = 0;

            fmpq_init(v);
            fmpq_init(u);
            if (!parse_text(v, u, &fig, s) || fig < 15)
            {
                if (fails++ < 5)
                    tap_diag("seed %lu, ball %ld: only %ld figures for a "
                             "radius below 1e-20 |m|: %s", seed, (long) i,
                             (long) fig, s);
            }
            deep++;
            fmpq_clear(v);
            fmpq_clear(u);
        }
        flint_free(s);
    }
    tap_ok(fails == 0, "%ld random balls: every printed figure is proven, "
           "the next one is not, bounds hold (%ld failures, seed %lu)",
           (long) n, (long) fails, seed);
    tap_ok(deep > n / 50, "%ld of them had a radius below 1e-20 |m| and "
           "showed at least 15 figures", (long) deep);
    arb_clear(x);
    fmpq_clear(m);
    fmpq_clear(r);
    fmpz_clear(M);
    fmpz_clear(E);
}

static void
test_arb_edges(void)
{
    arb_t x;
    char *s;

    arb_init(x);
    arb_pos_inf(x);
    tap_ok(gfc_report_digits_arb(x, 15) == NULL, "+inf has no figures");
    arb_indeterminate(x);
    tap_ok(gfc_report_digits_arb(x, 15) == NULL, "nan has no figures");
    arb_set_ui(x, 1);
    arb_div_ui(x, x, 3, 200);
    s = gfc_report_digits_arb(x, 20);
    tap_ok(s != NULL && strcmp(s, "0.33333333333333333333") == 0,
           "1/3 at 200 bits with 20 figures: %s", s ? s : "NULL");
    flint_free(s);
    arb_clear(x);
}

int
main(void)
{
    flint_rand_t st;
    long mult = tap_multiplier();

    seed = tap_seed();
    gfc_randinit(st);
    flint_randseed(st, seed, 1);
    test_reference();
    test_parse();
    test_arb_edges();
    test_random(st, mult);
    gfc_randclear(st);
    flint_cleanup();
    return tap_done();
}
