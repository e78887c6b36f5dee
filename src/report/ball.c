/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Ball text.  The decimal conversion is Arb's (arb_get_str), which
 * promises that its output parses back to a superset of the ball; hand
 * formatting of mid and rad does not (cases B06).  This file adds an
 * exact rational check of every claim a string makes about x, so the
 * guarantee holds for the decimal interval itself, not only after
 * arb_set_str has rounded it outward.
 */
#include <string.h>
#include "report.h"

/* Binary exponents of midpoints and radii that the exact check accepts:
   beyond them it would build integers of millions of digits.  The
   solver's balls stay far inside (|z| <= ~700 gives exponents of a few
   thousand bits); a ball outside is printed on Arb's guarantee alone. */
#define MAX_BIN_EXP (WORD(1) << 22)

/* Decimal exponents the parser accepts: above 2^22 log10(2) ~ 1.27e6, so
   that any text printed for a checkable ball can itself be checked. */
#define MAX_DEC_EXP 2000000

/* Widenings tried when a printed ball fails the exact check; each
   doubles the radius and adds a unit of the working precision, so the
   fallback "[+/- inf]" is never needed in practice. */
#define WIDEN_TRIES 4

/* Shorter digit strings tried when a certified-digits string fails its
   one-unit check before falling back to the ball form. */
#define DIGIT_RETRIES 8

static char *
dup_str(const char *s)
{
    size_t len = strlen(s) + 1;
    char *t = flint_malloc(len);

    memcpy(t, s, len);
    return t;
}

/* One decimal [-]ddd[.ddd][e[+-]ddd] at *sp, exactly, and the place
   value of its last figure in ulp.  Advances *sp; returns 1 on success. */
static int
parse_decimal(fmpq_t q, fmpq_t ulp, const char **sp)
{
    const char *s = *sp;
    int neg = 0, any = 0;
    slong frac = 0, e = 0, esign = 1;
    fmpz_t man, p, one;

    fmpz_init(man);
    fmpz_init(p);
    fmpz_init_set_ui(one, 1);
    if (*s == '-' || *s == '+')
        neg = (*s++ == '-');
    for (; *s >= '0' && *s <= '9'; s++, any = 1)
    {
        fmpz_mul_ui(man, man, 10);
        fmpz_add_ui(man, man, (ulong) (*s - '0'));
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, any = 1, frac++)
        {
            fmpz_mul_ui(man, man, 10);
            fmpz_add_ui(man, man, (ulong) (*s - '0'));
        }
    if (any && (*s == 'e' || *s == 'E'))
    {
        int edig = 0;

        s++;
        if (*s == '-' || *s == '+')
            esign = (*s++ == '-') ? -1 : 1;
        for (; *s >= '0' && *s <= '9'; s++, edig = 1)
            if (e <= MAX_DEC_EXP)
                e = 10 * e + (*s - '0');
        if (!edig)
            any = 0;
    }
    e = esign * e - frac;
    if (e > MAX_DEC_EXP || e < -MAX_DEC_EXP)
        any = 0;
    if (any)
    {
        fmpz_set_ui(p, 10);
        fmpz_pow_ui(p, p, (ulong) (e < 0 ? -e : e));
        if (neg)
            fmpz_neg(man, man);
        if (e >= 0)
        {
            fmpz_mul(man, man, p);
            fmpq_set_fmpz_frac(q, man, one);
            fmpq_set_fmpz_frac(ulp, p, one);
        }
        else
        {
            fmpq_set_fmpz_frac(q, man, p);
            fmpq_set_fmpz_frac(ulp, one, p);
        }
    }
    fmpz_clear(man);
    fmpz_clear(p);
    fmpz_clear(one);
    *sp = s;
    return any;
}

/* The interval written as "[m +/- r]", "[+/- r]" or "m", exactly. */
static int
parse_ball(fmpq_t lo, fmpq_t hi, const char *s)
{
    fmpq_t m, r, u;
    int ok = 1;

    fmpq_init(m);
    fmpq_init(r);
    fmpq_init(u);
    if (*s == '[')
    {
        s++;
        if (strncmp(s, "+/- ", 4) != 0)
        {
            ok = parse_decimal(m, u, &s) && strncmp(s, " +/- ", 5) == 0;
            s += 1;
        }
        if (ok)
        {
            s += 4;
            ok = parse_decimal(r, u, &s) && fmpq_sgn(r) >= 0
                && s[0] == ']' && s[1] == '\0';
        }
    }
    else
        ok = parse_decimal(m, u, &s) && *s == '\0';
    if (ok)
    {
        fmpq_sub(lo, m, r);
        fmpq_add(hi, m, r);
    }
    fmpq_clear(m);
    fmpq_clear(r);
    fmpq_clear(u);
    return ok;
}

/* Exact endpoints of a finite ball of moderate exponents. */
static int
exact_bounds(fmpq_t lo, fmpq_t hi, const arb_t x)
{
    const arf_struct *m = arb_midref(x);
    const mag_struct *r = arb_radref(x);
    fmpq_t q;

    if (!arb_is_finite(x))
        return 0;
    if (!arf_is_zero(m) && (arf_cmpabs_2exp_si(m, MAX_BIN_EXP) >= 0
                            || arf_cmpabs_2exp_si(m, -MAX_BIN_EXP) <= 0))
        return 0;
    if (!mag_is_zero(r) && (mag_cmp_2exp_si(r, MAX_BIN_EXP) >= 0
                            || mag_cmp_2exp_si(r, -MAX_BIN_EXP) <= 0))
        return 0;
    fmpq_init(q);
    arf_get_fmpq(lo, m);
    mag_get_fmpq(q, r);
    fmpq_add(hi, lo, q);
    fmpq_sub(lo, lo, q);
    fmpq_clear(q);
    return 1;
}

static int
checkable(const arb_t x)
{
    fmpq_t lo, hi;
    int ok;

    fmpq_init(lo);
    fmpq_init(hi);
    ok = exact_bounds(lo, hi, x);
    fmpq_clear(lo);
    fmpq_clear(hi);
    return ok;
}

int
gfc_ball_str_encloses(const char *s, const arb_t x)
{
    fmpq_t slo, shi, xlo, xhi;
    int ok;

    fmpq_init(slo);
    fmpq_init(shi);
    fmpq_init(xlo);
    fmpq_init(xhi);
    ok = parse_ball(slo, shi, s) && exact_bounds(xlo, xhi, x)
        && fmpq_cmp(slo, xlo) <= 0 && fmpq_cmp(xhi, shi) <= 0;
    fmpq_clear(slo);
    fmpq_clear(shi);
    fmpq_clear(xlo);
    fmpq_clear(xhi);
    return ok;
}

/* Arb's text, bracketed as "[mid +/- 0]" when Arb wrote a bare number. */
static char *
ball_text(const arb_t x, slong digits)
{
    char *a = arb_get_str(x, digits, 0), *t;
    size_t len;

    if (strstr(a, "+/-") != NULL || !arb_is_finite(x))
        return a;
    len = strlen(a) + 9;
    t = flint_malloc(len);
    strcpy(t, "[");
    strcat(t, a);
    strcat(t, " +/- 0]");
    flint_free(a);
    return t;
}

char *
gfc_ball_str(const arb_t x, slong digits)
{
    arb_t w;
    char *s;
    slong i;
    mag_t u;

    if (digits < 1)
        digits = 1;
    if (!arb_is_finite(x))
        return arb_get_str(x, digits, 0);
    s = ball_text(x, digits);
    if (gfc_ball_str_encloses(s, x) || !checkable(x))
        return s;

    /* Not observed with Arb 2.23; widen until the text provably holds x
       (an enclosure of a superset of x encloses x). */
    arb_init(w);
    mag_init(u);
    arb_set(w, x);
    for (i = 0; i < WIDEN_TRIES; i++)
    {
        flint_free(s);
        arf_mag_set_ulp(u, arb_midref(w), 4 * digits + 64);
        mag_mul_2exp_si(arb_radref(w), arb_radref(w), 1);
        mag_add(arb_radref(w), arb_radref(w), u);
        s = ball_text(w, digits);
        if (gfc_ball_str_encloses(s, x))
            break;
    }
    if (!gfc_ball_str_encloses(s, x))
    {
        flint_free(s);
        s = dup_str("[+/- inf]");
    }
    arb_clear(w);
    mag_clear(u);
    return s;
}

/* Every point of x within one unit in the last place of the decimal s. */
static int
within_one_unit(const char *s, const arb_t x)
{
    fmpq_t D, ulp, lo, hi;
    const char *p = s;
    int ok;

    fmpq_init(D);
    fmpq_init(ulp);
    fmpq_init(lo);
    fmpq_init(hi);
    ok = parse_decimal(D, ulp, &p) && *p == '\0'
        && exact_bounds(lo, hi, x);
    if (ok)
    {
        fmpq_sub(lo, lo, D);
        fmpq_sub(hi, hi, D);
        fmpq_neg(lo, lo);
        ok = fmpq_cmp(lo, ulp) <= 0 && fmpq_cmp(hi, ulp) <= 0;
    }
    fmpq_clear(D);
    fmpq_clear(ulp);
    fmpq_clear(lo);
    fmpq_clear(hi);
    return ok;
}

char *
gfc_ball_digits(const arb_t x, slong max_digits)
{
    char *s;
    slong k, tries;

    if (max_digits < 1)
        max_digits = 1;
    if (arb_is_zero(x))
        return dup_str("0");
    /* A ball around 0 has no certified significant figure (Arb would
       write e.g. "0e-4", meaning only |x| <= 1e-4): show the ball. */
    if (!arb_is_finite(x) || arb_contains_zero(x))
        return gfc_ball_str(x, max_digits);

    for (k = max_digits, tries = 0; k >= 1 && tries < DIGIT_RETRIES;
         k--, tries++)
    {
        s = arb_get_str(x, k, ARB_STR_NO_RADIUS);
        if (strstr(s, "+/-") == NULL && within_one_unit(s, x))
            return s;
        flint_free(s);
    }
    return gfc_ball_str(x, max_digits);
}
