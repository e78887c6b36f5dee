/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Certified digits for tables.  The rule (doc/tables.md): a ball
 * [m +/- r] prints as the decimal v whose last figure has place value
 * 10^p, where p is the smallest place for which |x - v| <= 10^p holds
 * for every x in the ball.  Everything here is exact: the place comes
 * from integer comparisons, v from integer rounding of m / 10^p, and the
 * claim is checked again on the printed text before it is returned.
 */
#include <stdlib.h>
#include <string.h>
#include "problem.h"
#include "report.h"

/* Decimal places the printer works with; the problem reader's decimal
   limit (GFC_DECIMAL_MAX_EXP) keeps parsed balls inside it, and Arb
   balls outside are refused rather than expanded into huge integers. */
#define MAX_PLACE (GFC_DECIMAL_MAX_EXP + GFC_DECIMAL_MAX_DIGITS + 100)

/* Binary exponents of Arb balls converted to rationals (2^300000 is
   about 10^90309, inside MAX_PLACE). */
#define MAX_BIN_EXP 300000

/* Figures of the bound printed when no figure of the value is proven. */
#define BOUND_FIGURES 2

/* Shortest magnitude written without an exponent: 1e-4 prints as
   0.0001, 1e-5 as 1e-5. */
#define FIXED_MIN_EXP (-4)

/* q = 10^e exactly. */
static void
pow10_q(fmpq_t q, slong e)
{
    fmpz_t t;

    fmpz_init(t);
    fmpz_set_ui(t, 10);
    fmpz_pow_ui(t, t, (ulong) (e < 0 ? -e : e));
    if (e >= 0)
    {
        fmpz_set(fmpq_numref(q), t);
        fmpz_one(fmpq_denref(q));
    }
    else
    {
        fmpz_one(fmpq_numref(q));
        fmpz_set(fmpq_denref(q), t);
    }
    fmpz_clear(t);
}

/* Sign of a - 10^e for a >= 0. */
static int
cmp_pow10(const fmpq_t a, slong e)
{
    fmpq_t t;
    int c;

    fmpq_init(t);
    pow10_q(t, e);
    c = fmpq_cmp(a, t);
    fmpq_clear(t);
    return c;
}

/* Largest e with 10^e <= a, for a > 0.  The bit lengths give e within
   one or two; exact comparisons settle it. */
static slong
floor_log10(const fmpq_t a)
{
    slong bits = fmpz_bits(fmpq_numref(a)) - fmpz_bits(fmpq_denref(a));
    slong e = (slong) ((double) bits * 0.30102999566398120);

    while (cmp_pow10(a, e) < 0)
        e--;
    while (cmp_pow10(a, e + 1) >= 0)
        e++;
    return e;
}

/* Smallest e with 10^e >= a, for a > 0. */
static slong
ceil_log10(const fmpq_t a)
{
    slong e = floor_log10(a);

    return (cmp_pow10(a, e) == 0) ? e : e + 1;
}

/* V = m / 10^p rounded to the nearest integer, halves away from zero
   (so that -x prints as x with a sign). */
static void
round_at(fmpz_t V, const fmpq_t m, slong p)
{
    fmpq_t q;
    fmpz_t num, den;

    fmpq_init(q);
    fmpz_init(num);
    fmpz_init(den);
    pow10_q(q, -p);
    fmpq_mul(q, q, m);
    fmpz_abs(num, fmpq_numref(q));
    fmpz_mul_2exp(num, num, 1);
    fmpz_add(num, num, fmpq_denref(q));
    fmpz_mul_2exp(den, fmpq_denref(q), 1);
    fmpz_fdiv_q(V, num, den);
    if (fmpq_sgn(q) < 0)
        fmpz_neg(V, V);
    fmpq_clear(q);
    fmpz_clear(num);
    fmpz_clear(den);
}

/* Decimal figures of V (fmpz_sizeinbase may count one too many). */
static slong
figures(const fmpz_t V)
{
    char *d = fmpz_get_str(NULL, 10, V);
    slong n = (slong) strlen(d) - (d[0] == '-');

    flint_free(d);
    return n;
}

/* |m - V 10^p| + r <= 10^p, the rule's claim for the figure V at p. */
static int
claim_holds(const fmpq_t m, const fmpq_t r, const fmpz_t V, slong p)
{
    fmpq_t u, v;
    int ok;

    fmpq_init(u);
    fmpq_init(v);
    pow10_q(u, p);
    fmpq_mul_fmpz(v, u, V);
    fmpq_sub(v, m, v);
    fmpq_abs(v, v);
    fmpq_add(v, v, r);
    ok = fmpq_cmp(v, u) <= 0;
    fmpq_clear(u);
    fmpq_clear(v);
    return ok;
}

/* The text of V 10^p with every figure of V shown (trailing zeros are
   certified figures too): plain when p <= 0 and |V 10^p| >= 1e-4,
   otherwise d.ddde<exp>. */
static char *
format_figures(const fmpz_t V, slong p)
{
    char *d = fmpz_get_str(NULL, 10, V), *digits = d, *s, *w;
    int neg = (d[0] == '-');
    slong nd, lead;

    if (neg)
        digits++;
    nd = (slong) strlen(digits);
    lead = nd - 1 + p;
    /* At most nd figures, a sign, "0." and FIXED_MIN_EXP zeros, or a
       point and an exponent of a word. */
    s = flint_malloc((size_t) nd + 48);
    w = s;
    if (neg)
        *w++ = '-';
    if (p <= 0 && lead >= FIXED_MIN_EXP)
    {
        if (lead >= 0)
        {
            memcpy(w, digits, (size_t) (lead + 1));
            w += lead + 1;
            if (p < 0)
            {
                *w++ = '.';
                memcpy(w, digits + lead + 1, (size_t) (-p));
                w += -p;
            }
        }
        else
        {
            *w++ = '0';
            *w++ = '.';
            memset(w, '0', (size_t) (-lead - 1));
            w += -lead - 1;
            memcpy(w, digits, (size_t) nd);
            w += nd;
        }
        *w = '\0';
    }
    else
    {
        *w++ = digits[0];
        if (nd > 1)
        {
            *w++ = '.';
            memcpy(w, digits + 1, (size_t) (nd - 1));
            w += nd - 1;
        }
        flint_sprintf(w, "e%wd", lead);
    }
    flint_free(d);
    return s;
}

/* The printed text, parsed again, still satisfies the claim: every
   point of [m - r, m + r] within one unit of its last figure. */
static int
text_holds(const char *s, const fmpq_t m, const fmpq_t r)
{
    const char *e = strchr(s, 'e'), *dot = strchr(s, '.');
    slong frac = 0, ex = 0;
    fmpq_t v;
    fmpz_t V;
    const char *why;
    int ok;

    if (dot != NULL)
        frac = (slong) ((e != NULL ? e : s + strlen(s)) - dot - 1);
    if (e != NULL)
        ex = strtol(e + 1, NULL, 10);
    fmpq_init(v);
    fmpz_init(V);
    ok = gfc_decimal_parse(v, s, strlen(s), 0, &why) == 0;
    if (ok)
    {
        /* v = V 10^(ex - frac) with V an integer. */
        fmpq_t t;

        fmpq_init(t);
        pow10_q(t, frac - ex);
        fmpq_mul(t, t, v);
        ok = fmpz_is_one(fmpq_denref(t));
        fmpz_set(V, fmpq_numref(t));
        fmpq_clear(t);
        ok = ok && claim_holds(m, r, V, ex - frac);
    }
    fmpq_clear(v);
    fmpz_clear(V);
    return ok;
}

/* "+/-B": B >= |m| + r with BOUND_FIGURES figures, rounded up. */
static char *
format_bound(const fmpq_t m, const fmpq_t r)
{
    fmpq_t b, q;
    fmpz_t U;
    slong p;
    char *t, *s;

    fmpq_init(b);
    fmpq_init(q);
    fmpz_init(U);
    fmpq_abs(b, m);
    fmpq_add(b, b, r);
    p = floor_log10(b) - (BOUND_FIGURES - 1);
    pow10_q(q, -p);
    fmpq_mul(q, q, b);
    fmpz_cdiv_q(U, fmpq_numref(q), fmpq_denref(q));
    t = format_figures(U, p);
    s = flint_malloc(strlen(t) + 4);
    strcpy(s, "+/-");
    strcat(s, t);
    flint_free(t);
    fmpq_clear(b);
    fmpq_clear(q);
    fmpz_clear(U);
    return s;
}

char *
gfc_report_digits(const fmpq_t m, const fmpq_t r, slong max_digits)
{
    fmpz_t V;
    slong p, tries;
    char *s = NULL;
    int ok = 0;

    if (max_digits < 1)
        max_digits = 1;
    if (fmpq_sgn(r) < 0)
        return NULL;
    if (fmpq_is_zero(m) && fmpq_is_zero(r))
    {
        s = flint_malloc(2);
        strcpy(s, "0");
        return s;
    }

    /* No place below the radius can work (|x - v| reaches r at one
       end), the smallest place at or above it works unless rounding m
       costs more than 10^p - r, and the next place always works since
       |m - v| <= 10^p / 2 and r <= 10^(p-1). */
    fmpz_init(V);
    p = fmpq_is_zero(r) ? -MAX_PLACE : ceil_log10(r);
    if (!fmpq_is_zero(m))
    {
        fmpq_t a;

        fmpq_init(a);
        fmpq_abs(a, m);
        p = FLINT_MAX(p, floor_log10(a) - max_digits + 1);
        fmpq_clear(a);
    }
    for (tries = 0; tries < 3 && !ok; tries++, p++)
    {
        if (p > MAX_PLACE || p < -MAX_PLACE)
            break;
        round_at(V, m, p);
        ok = claim_holds(m, r, V, p);
        if (ok)
            break;
    }
    /* Rounding up to a power of ten (99999.7 -> 100000) can give one
       figure more than allowed; the next place is valid as well. */
    if (ok && figures(V) > max_digits)
    {
        fmpz_t W;

        fmpz_init(W);
        round_at(W, m, p + 1);
        if (claim_holds(m, r, W, p + 1)
            && figures(W) <= max_digits)
        {
            fmpz_swap(V, W);
            p++;
        }
        fmpz_clear(W);
    }
    if (ok && fmpz_is_zero(V))
        s = format_bound(m, r);
    else if (ok)
    {
        s = format_figures(V, p);
        if (!text_holds(s, m, r))
        {
            flint_free(s);
            s = NULL;
        }
    }
    fmpz_clear(V);
    return s;
}

char *
gfc_report_digits_arb(const arb_t x, slong max_digits)
{
    fmpq_t m, r;
    char *s;

    if (!arb_is_finite(x))
        return NULL;
    if ((!arf_is_zero(arb_midref(x))
         && (arf_cmpabs_2exp_si(arb_midref(x), MAX_BIN_EXP) >= 0
             || arf_cmpabs_2exp_si(arb_midref(x), -MAX_BIN_EXP) <= 0))
        || (!mag_is_zero(arb_radref(x))
            && (mag_cmp_2exp_si(arb_radref(x), MAX_BIN_EXP) >= 0
                || mag_cmp_2exp_si(arb_radref(x), -MAX_BIN_EXP) <= 0)))
        return NULL;
    fmpq_init(m);
    fmpq_init(r);
    arf_get_fmpq(m, arb_midref(x));
    mag_get_fmpq(r, arb_radref(x));
    s = gfc_report_digits(m, r, max_digits);
    fmpq_clear(m);
    fmpq_clear(r);
    return s;
}

/* One decimal of s[0..len) exactly. */
static int
decimal_part(fmpq_t q, const char *s, size_t len)
{
    const char *why;

    return len > 0 && gfc_decimal_parse(q, s, len, 0, &why) == 0;
}

int
gfc_report_ball_parse(fmpq_t m, fmpq_t r, const char *s)
{
    size_t n = strlen(s);
    const char *pm;

    if (strstr(s, "inf") != NULL || strstr(s, "nan") != NULL)
        return -1;
    if (n < 2 || s[0] != '[' || s[n - 1] != ']')
    {
        fmpq_zero(r);
        return decimal_part(m, s, n);
    }
    pm = strstr(s, "+/- ");
    if (pm == NULL || !decimal_part(r, pm + 4, (size_t) (s + n - 1
                                                        - (pm + 4)))
        || fmpq_sgn(r) < 0)
        return 0;
    if (pm == s + 1)
    {
        fmpq_zero(m);
        return 1;
    }
    if (pm < s + 2 || pm[-1] != ' ')
        return 0;
    return decimal_part(m, s + 1, (size_t) (pm - 1 - (s + 1)));
}
