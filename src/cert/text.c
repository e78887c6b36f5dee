/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact and outward-rounded decimal text of bounds; locale-independent
   (integers only are formatted, by FLINT). */
#include <stdlib.h>
#include <string.h>
#include "cert.h"

/* Decimal text of x >= 0 with `digits` significant digits, rounded up
   (dir > 0) or down (dir < 0): computed on the exact rational value. */
static char *
arf_str_dir(const arf_t x, slong digits, int dir)
{
    fmpz_t man, exp, c, p10;
    fmpq_t q;
    slong k;
    char *ds, *out;
    size_t len;

    if (arf_is_zero(x))
    {
        out = flint_malloc(2);
        strcpy(out, "0");
        return out;
    }
    if (!arf_is_finite(x))
    {
        out = flint_malloc(4);
        strcpy(out, "inf");
        return out;
    }
    fmpz_init(man);
    fmpz_init(exp);
    fmpz_init(c);
    fmpz_init(p10);
    fmpq_init(q);
    arf_get_fmpz_2exp(man, exp, x);
    fmpz_abs(man, man);
    /* q = man * 2^exp exactly. */
    fmpz_one(c);
    fmpq_set_fmpz_frac(q, man, c);
    if (fmpz_sgn(exp) >= 0)
        fmpq_mul_2exp(q, q, fmpz_get_ui(exp));
    else
    {
        fmpz_neg(exp, exp);
        fmpq_div_2exp(q, q, fmpz_get_ui(exp));
    }
    k = (slong) (arf_abs_bound_lt_2exp_si(x) * 0.30102999566398) - 1;
    for (;;)
    {
        fmpq_t s;

        fmpq_init(s);
        /* s = q * 10^(digits - 1 - k) */
        fmpz_set_ui(p10, 10);
        if (digits - 1 - k >= 0)
        {
            fmpz_pow_ui(p10, p10, digits - 1 - k);
            fmpq_mul_fmpz(s, q, p10);
        }
        else
        {
            fmpz_pow_ui(p10, p10, k - digits + 1);
            fmpq_div_fmpz(s, q, p10);
        }
        if (dir > 0)
            fmpz_cdiv_q(c, fmpq_numref(s), fmpq_denref(s));
        else
            fmpz_fdiv_q(c, fmpq_numref(s), fmpq_denref(s));
        fmpq_clear(s);
        fmpz_set_ui(p10, 10);
        fmpz_pow_ui(p10, p10, digits);
        if (fmpz_cmp(c, p10) >= 0)
        {
            k++;
            continue;
        }
        fmpz_divexact_ui(p10, p10, 10);
        if (fmpz_cmp(c, p10) < 0 && !fmpz_is_zero(c))
        {
            k--;
            continue;
        }
        break;
    }
    ds = fmpz_get_str(NULL, 10, c);
    len = strlen(ds) + 32;
    out = flint_malloc(len);
    if (digits > 1)
        flint_sprintf(out, "%c.%se%wd", ds[0], ds + 1, k);
    else
        flint_sprintf(out, "%se%wd", ds, k);
    flint_free(ds);
    fmpq_clear(q);
    fmpz_clear(p10);
    fmpz_clear(c);
    fmpz_clear(exp);
    fmpz_clear(man);
    return out;
}

char *
gfc_mag_str_upper(const mag_t x, slong digits)
{
    arf_t a;
    char *s;

    arf_init(a);
    arf_set_mag(a, x);
    s = arf_str_dir(a, digits, 1);
    arf_clear(a);
    return s;
}

char *
gfc_arf_str_lower(const arf_t x, slong digits)
{
    return arf_str_dir(x, digits, -1);
}

char *
gfc_dyadic_str(const arf_t x)
{
    fmpz_t m, e;
    char *ms, *es, *out;

    fmpz_init(m);
    fmpz_init(e);
    arf_get_fmpz_2exp(m, e, x);
    ms = fmpz_get_str(NULL, 10, m);
    es = fmpz_get_str(NULL, 10, e);
    out = flint_malloc(strlen(ms) + strlen(es) + 4);
    strcpy(out, ms);
    strcat(out, "*2^");
    strcat(out, es);
    flint_free(ms);
    flint_free(es);
    fmpz_clear(m);
    fmpz_clear(e);
    return out;
}

static int
int_text(const char *s, size_t len, int allow_sign)
{
    size_t i = 0;

    if (len > 0 && allow_sign && s[0] == '-')
        i = 1;
    if (i == len || len > 40)
        return 0;
    for (; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int
gfc_dyadic_set_str(arf_t x, const char *s)
{
    const char *star = strstr(s, "*2^");
    char buf[48];
    fmpz_t m;
    slong e;
    size_t lm;

    if (star == NULL)
        return 0;
    lm = (size_t) (star - s);
    if (!int_text(s, lm, 1) || !int_text(star + 3, strlen(star + 3), 1))
        return 0;
    memcpy(buf, s, lm);
    buf[lm] = '\0';
    e = strtol(star + 3, NULL, 10);
    if (e < -100000 || e > 100000)
        return 0;
    fmpz_init(m);
    fmpz_set_str(m, buf, 10);
    arf_set_fmpz(x, m);
    arf_mul_2exp_si(x, x, e);
    fmpz_clear(m);
    return 1;
}
