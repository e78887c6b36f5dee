/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Ball text (cases B06, B16): printed balls parse back to supersets,
 * certified digits are within one unit of every point, JSON quoting.
 */
#include <locale.h>
#include <string.h>
#include "tap.h"
#include "report.h"

/* Independent of report/ball.c: arb_set_str of s contains x. */
static int
parses_to_superset(const char *s, const arb_t x, slong prec)
{
    arb_t t;
    int ok;

    arb_init(t);
    ok = (arb_set_str(t, s, prec) == 0) && arb_contains(t, x);
    arb_clear(t);
    return ok;
}

/* Independent of report/ball.c: s = [-]d.ddd[e[+-]k] and every point
   of x lies within one unit of its last figure (checked at 4096 bits,
   far beyond the radii of the test balls). */
static int
digits_honest(const char *s, const arb_t x)
{
    arb_t D, u, diff;
    const char *dot = strchr(s, '.'), *e = strchr(s, 'e'), *p;
    slong frac = 0, ex = 0;
    char buf[64];
    int ok;

    if (strstr(s, "+/-") != NULL)
        return 0;
    if (dot != NULL)
        for (p = dot + 1; *p >= '0' && *p <= '9'; p++)
            frac++;
    if (e != NULL)
        ex = strtol(e + 1, NULL, 10);
    arb_init(D);
    arb_init(u);
    arb_init(diff);
    snprintf(buf, sizeof(buf), "1e%ld", (long) (ex - frac));
    ok = arb_set_str(D, s, 4096) == 0 && arb_set_str(u, buf, 4096) == 0;
    arb_sub(diff, x, D, 4096);
    arb_abs(diff, diff);
    ok = ok && arb_le(diff, u);
    arb_clear(D);
    arb_clear(u);
    arb_clear(diff);
    return ok;
}

static void
test_third(void)
{
    arb_t x, y;
    char *s;

    arb_init(x);
    arb_init(y);
    arb_set_ui(x, 1);
    arb_div_ui(x, x, 3, 128);
    s = gfc_ball_str(x, 20);
    tap_ok(strcmp(s, "[0.33333333333333333333 +/- 3.34e-21]") == 0,
           "1/3 at 128 bits prints as %s", s);
    tap_ok(parses_to_superset(s, x, 128) && gfc_ball_str_encloses(s, x),
           "1/3: the printed ball parses back to a superset");
    flint_free(s);

    /* The two naive forms measured in cases B06 lose containment; the
       checks must notice. */
    tap_ok(!gfc_ball_str_encloses("[3.3333333333333333333e-01 +/- 1.47e-39]",
                                  x)
           && !parses_to_superset("[3.3333333333333333333e-01 +/- 1.47e-39]",
                                  x, 128),
           "1/3: a radius from the unrounded midpoint is refused");
    tap_ok(!gfc_ball_str_encloses("0.33333333333333333333", x)
           && !parses_to_superset("0.33333333333333333333", x, 128),
           "1/3: the no-radius form is refused");

    s = gfc_ball_digits(x, 30);
    tap_ok(strcmp(s, "0.33333333333333333333333333333") == 0
           || strcmp(s, "0.333333333333333333333333333333") == 0,
           "1/3: certified digits %s", s);
    tap_ok(digits_honest(s, x), "1/3: every point within one unit");
    flint_free(s);
    arb_clear(x);
    arb_clear(y);
}

static void
test_dump(void)
{
    arb_t x, y;
    char *s, *b;

    arb_init(x);
    arb_init(y);
    tap_ok(arb_load_str(x, "2bb573849d73 -2c 800031b 365d") == 0,
           "B06 ball loads");
    s = arb_dump_str(x);
    tap_ok(arb_load_str(y, s) == 0 && arb_equal(x, y),
           "B06 ball: dump/load round trip is exact");
    flint_free(s);
    b = gfc_ball_str(x, 30);
    tap_ok(parses_to_superset(b, x, 128) && gfc_ball_str_encloses(b, x),
           "B06 ball: decimal %s parses back to a superset", b);
    arb_set_str(y, b, 128);
    tap_ok(!arb_equal(x, y), "B06 ball: the decimal round trip only "
           "contains");
    flint_free(b);
    arb_clear(x);
    arb_clear(y);
}

static void
test_exact(void)
{
    static const char *in[] = { "0", "0.5", "-3", "1e-300", "123456" };
    static const char *want[] = {
        "[0 +/- 0]", "[0.500000000000000000000000000000 +/- 0]",
        "[-3.00000000000000000000000000000 +/- 0]", NULL,
        "[123456.000000000000000000000000 +/- 0]"
    };
    arb_t x;
    char *s;
    size_t i;

    arb_init(x);
    for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
    {
        arb_set_str(x, in[i], 2048);
        if (i == 3)
            arb_get_mid_arb(x, x);    /* an exact dyadic near 1e-300 */
        s = gfc_ball_str(x, 30);
        tap_ok((want[i] == NULL || strcmp(s, want[i]) == 0)
               && gfc_ball_str_encloses(s, x)
               && parses_to_superset(s, x, 2048),
               "exact %s prints as %s", in[i], s);
        flint_free(s);
    }
    /* Beyond the exact check's exponent range Arb's guarantee stands
       alone; the text must still be a real ball, not a give-up. */
    arb_set_ui(x, 1);
    arb_div_ui(x, x, 3, 128);
    arb_mul_2exp_si(x, x, WORD(1) << 23);
    s = gfc_ball_str(x, 20);
    tap_ok(strstr(s, "inf") == NULL && parses_to_superset(s, x, 128),
           "1/3 * 2^(2^23) prints as %.40s...", s);
    flint_free(s);

    arb_zero(x);
    s = gfc_ball_digits(x, 30);
    tap_ok(strcmp(s, "0") == 0, "exact 0 has digits \"0\"");
    flint_free(s);

    /* A ball around 0 has no certified figure: it prints as a ball. */
    arb_zero(x);
    mag_set_ui_2exp_si(arb_radref(x), 1, -100);
    s = gfc_ball_digits(x, 30);
    tap_ok(strncmp(s, "[+/- ", 5) == 0 && gfc_ball_str_encloses(s, x),
           "[+/- 2^-100] prints as %s", s);
    flint_free(s);
    arb_clear(x);
}

static void
test_random(void)
{
    flint_rand_t st;
    arb_t x;
    long iter, n = 2000 * tap_multiplier(), bad_str = 0, bad_dig = 0;
    char *s;

    gfc_randinit(st);
    flint_randseed(st, tap_seed(), 0x5eed);
    arb_init(x);
    for (iter = 0; iter < n; iter++)
    {
        slong prec = 2 + n_randint(st, 400);
        slong digits = 1 + n_randint(st, 60);

        arb_randtest(x, st, prec, 1 + n_randint(st, 12));
        s = gfc_ball_str(x, digits);
        if (!gfc_ball_str_encloses(s, x) || !parses_to_superset(s, x, prec))
        {
            if (bad_str++ == 0)
                tap_diag("ball text %s fails for digits %ld", s,
                         (long) digits);
        }
        flint_free(s);
        s = gfc_ball_digits(x, digits);
        if (!(strstr(s, "+/-") != NULL ? gfc_ball_str_encloses(s, x)
                                       : digits_honest(s, x)))
        {
            if (bad_dig++ == 0)
                tap_diag("digits %s fail for digits %ld", s, (long) digits);
        }
        flint_free(s);
    }
    tap_ok(bad_str == 0, "%ld random balls: text parses back to supersets",
           n);
    tap_ok(bad_dig == 0, "%ld random balls: certified digits are honest",
           n);
    arb_clear(x);
    gfc_randclear(st);
}

static void
test_json(void)
{
    char *q;

    q = gfc_json_quote("a\"b\\c\nd\001e");
    tap_ok(strcmp(q, "\"a\\\"b\\\\c\\nd\\u0001e\"") == 0,
           "JSON quote escapes quote, backslash, control: %s", q);
    flint_free(q);
    q = gfc_json_quote("caf\303\251 \377 \355\240\200");
    tap_ok(strcmp(q, "\"caf\303\251 \\ufffd \\ufffd\\ufffd\\ufffd\"") == 0,
           "JSON quote keeps UTF-8 and replaces invalid bytes: %s", q);
    flint_free(q);
}

static void
test_locale(void)
{
    arb_t x;
    char *s1, *s2;

    arb_init(x);
    arb_set_ui(x, 3);
    arb_div_ui(x, x, 4, 128);
    arb_add_error_2exp_si(x, -100);
    s1 = gfc_ball_str(x, 20);
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL)
        printf("ok %d - # SKIP de_DE.UTF-8 locale not installed\n",
               ++tap_count);
    else
    {
        s2 = gfc_ball_str(x, 20);
        tap_ok(strcmp(s1, s2) == 0 && strchr(s2, ',') == NULL,
               "ball text is the same under de_DE.UTF-8: %s", s2);
        flint_free(s2);
        setlocale(LC_ALL, "C");
    }
    flint_free(s1);
    arb_clear(x);
}

int
main(void)
{
    test_third();
    test_dump();
    test_exact();
    test_random();
    test_json();
    test_locale();
    flint_cleanup();
    return tap_done();
}
