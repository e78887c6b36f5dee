/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Exact numbers from text and from binary64 bit patterns.  A decimal in a
 * problem file means that exact rational (doc/problem-format.md, "Numbers"),
 * so nothing here touches double, strtod or the locale.
 */
#include "problem.h"
#include <stdlib.h>
#include <string.h>

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Common mistakes get a specific reason; everything else a generic one. */
static const char *
diagnose(const char *s, size_t len, int allow_ratio)
{
    size_t i;
    char low[8];
    size_t k = 0;

    if (len == 0)
        return "the text is empty";
    for (i = 0; i < len; i++)
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            return "whitespace is not allowed inside a number";
    for (i = 0; i < len; i++)
        if (s[i] == ',')
            return "',' is not a decimal separator; use '.'";
    for (i = 0; i < len; i++)
        if (s[i] == '/')
            return allow_ratio ? "a rational must be written p/q with "
                                 "integers p and q, q positive"
                               : "a rational p/q is accepted only inside "
                                 "a JSON string";
    for (i = 0; i < len && k < sizeof(low) - 1; i++)
    {
        char c = s[i];

        if (c == '+' || c == '-')
            continue;
        low[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    low[k] = '\0';
    if (strncmp(low, "nan", 3) == 0 || strncmp(low, "inf", 3) == 0)
        return "only finite numbers are accepted";
    if (strncmp(low, "0x", 2) == 0)
        return "hexadecimal numbers are not accepted";
    return "expected an optional sign, digits, an optional fraction "
           "('.' and digits) and an optional exponent ('e' and an integer)";
}

/* Digits of s[a..b) and s[c..d) as one integer, leading zeros dropped. */
static void
digits_to_fmpz(fmpz_t z, const char *s, size_t a, size_t b, size_t c, size_t d)
{
    char *buf;
    size_t k = 0, i;

    buf = malloc((b - a) + (d - c) + 2);
    if (buf == NULL)
        gfc_abort("out of memory reading a number");
    for (i = a; i < b; i++)
        if (k > 0 || s[i] != '0')
            buf[k++] = s[i];
    for (i = c; i < d; i++)
        if (k > 0 || s[i] != '0')
            buf[k++] = s[i];
    if (k == 0)
        buf[k++] = '0';
    buf[k] = '\0';
    fmpz_set_str(z, buf, 10);
    free(buf);
}

int
gfc_decimal_parse(fmpq_t q, const char *s, size_t len, int allow_ratio,
                  const char **why)
{
    size_t i = 0, int_a, int_b, frac_a = 0, frac_b = 0;
    int neg = 0, eneg = 0;
    slong e = 0;
    fmpz_t m, p;

    if (i < len && (s[i] == '+' || s[i] == '-'))
    {
        neg = (s[i] == '-');
        i++;
    }
    int_a = i;
    while (i < len && is_digit(s[i]))
        i++;
    int_b = i;
    if (int_b == int_a)
    {
        *why = diagnose(s, len, allow_ratio);
        return 1;
    }
    if (i < len && s[i] == '/' && allow_ratio)
    {
        size_t den_a = ++i;

        while (i < len && is_digit(s[i]))
            i++;
        if (i == den_a || i != len)
        {
            *why = "a rational must be written p/q with integers p and q, "
                   "q positive";
            return 1;
        }
        if (int_b - int_a > GFC_DECIMAL_MAX_DIGITS
            || i - den_a > GFC_DECIMAL_MAX_DIGITS)
        {
            *why = "more than 100000 digits";
            return 1;
        }
        fmpz_init(m);
        fmpz_init(p);
        digits_to_fmpz(m, s, int_a, int_b, 0, 0);
        digits_to_fmpz(p, s, den_a, i, 0, 0);
        if (fmpz_is_zero(p))
        {
            fmpz_clear(m);
            fmpz_clear(p);
            *why = "the denominator is zero";
            return 1;
        }
        if (neg)
            fmpz_neg(m, m);
        fmpq_set_fmpz_frac(q, m, p);
        fmpz_clear(m);
        fmpz_clear(p);
        return 0;
    }
    if (i < len && s[i] == '.')
    {
        frac_a = ++i;
        while (i < len && is_digit(s[i]))
            i++;
        frac_b = i;
        if (frac_b == frac_a)
        {
            *why = "a '.' must be followed by digits";
            return 1;
        }
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E'))
    {
        size_t exp_a;

        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
        {
            eneg = (s[i] == '-');
            i++;
        }
        exp_a = i;
        while (i < len && is_digit(s[i]))
        {
            /* Stop accumulating early: the digit string may be huge. */
            if (e <= GFC_DECIMAL_MAX_EXP)
                e = 10 * e + (s[i] - '0');
            i++;
        }
        if (i == exp_a)
        {
            *why = "an exponent must have digits";
            return 1;
        }
        if (e > GFC_DECIMAL_MAX_EXP)
        {
            *why = "the exponent exceeds 100000 in magnitude";
            return 1;
        }
        if (eneg)
            e = -e;
    }
    if (i != len)
    {
        *why = diagnose(s, len, allow_ratio);
        return 1;
    }
    if ((int_b - int_a) + (frac_b - frac_a) > GFC_DECIMAL_MAX_DIGITS)
    {
        *why = "more than 100000 digits";
        return 1;
    }

    e -= (slong)(frac_b - frac_a);
    fmpz_init(m);
    fmpz_init(p);
    digits_to_fmpz(m, s, int_a, int_b, frac_a, frac_b);
    if (neg)
        fmpz_neg(m, m);
    if (fmpz_is_zero(m))
        fmpq_zero(q);
    else if (e >= 0)
    {
        fmpz_ui_pow_ui(p, 10, (ulong)e);
        fmpz_mul(fmpq_numref(q), m, p);
        fmpz_one(fmpq_denref(q));
    }
    else
    {
        fmpz_ui_pow_ui(p, 10, (ulong)(-e));
        fmpq_set_fmpz_frac(q, m, p);
    }
    fmpz_clear(m);
    fmpz_clear(p);
    return 0;
}

int
gfc_budget_take(slong *budget, const fmpq_t q)
{
    slong b;

    if (budget == NULL)
        return 0;
    b = (slong)fmpz_bits(fmpq_numref(q)) + (slong)fmpz_bits(fmpq_denref(q))
        + 64;
    if (b > *budget)
    {
        *budget = 0;
        return 1;
    }
    *budget -= b;
    return 0;
}

int
gfc_binary64_to_fmpq(fmpq_t q, unsigned long long bits)
{
    int neg = (int)(bits >> 63);
    slong ex = (slong)((bits >> 52) & 0x7ff);
    unsigned long long frac = bits & ((1ULL << 52) - 1);
    fmpz_t m;

    if (ex == 0x7ff)
        return 1;
    fmpz_init(m);
    /* ulong may be 32 bits wide: assemble the 53-bit mantissa in halves. */
    fmpz_set_ui(m, (ulong)(frac >> 32));
    fmpz_mul_2exp(m, m, 32);
    fmpz_add_ui(m, m, (ulong)(frac & 0xffffffffULL));
    if (ex == 0)
        ex = 1; /* subnormal: no hidden bit, same scale as ex = 1 */
    else
    {
        fmpz_t h;

        fmpz_init(h);
        fmpz_one(h);
        fmpz_mul_2exp(h, h, 52);
        fmpz_add(m, m, h);
        fmpz_clear(h);
    }
    if (neg)
        fmpz_neg(m, m);
    fmpz_set(fmpq_numref(q), m);
    fmpz_one(fmpq_denref(q));
    ex -= 1075;
    if (ex >= 0)
        fmpq_mul_2exp(q, q, (flint_bitcnt_t)ex);
    else
        fmpq_div_2exp(q, q, (flint_bitcnt_t)(-ex));
    fmpz_clear(m);
    return 0;
}
