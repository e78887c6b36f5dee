/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact numbers: the decimal grammar and binary64 bit patterns. */
#include "problem.h"
#include "tap.h"
#include <string.h>

typedef struct
{
    const char *text;
    int ratio;
    const char *num;
    const char *den;
} accept_case;

static const accept_case accepted[] = {
    { "0", 0, "0", "1" },
    { "-0", 0, "0", "1" },
    { "+0.000", 0, "0", "1" },
    { "0.1", 0, "1", "10" },
    { "-2.5e-3", 0, "-1", "400" },
    { "+7", 0, "7", "1" },
    { "007", 0, "7", "1" },
    { "12.50", 0, "25", "2" },
    { "1E2", 0, "100", "1" },
    { "1e+2", 0, "100", "1" },
    { "1.5e1", 0, "15", "1" },
    { "123456789012345678901234567890", 0, "123456789012345678901234567890",
      "1" },
    { "0.0000000000000000000000000001", 0, "1",
      "10000000000000000000000000000" },
    { "1/3", 1, "1", "3" },
    { "-1/3", 1, "-1", "3" },
    { "6/4", 1, "3", "2" },
    { "0/5", 1, "0", "1" },
    { "0.1", 1, "1", "10" },
};

typedef struct
{
    const char *text;
    int ratio;
    const char *why_part; /* a word the explanation must contain */
} reject_case;

static const reject_case rejected[] = {
    { "", 1, "empty" },
    { " 1", 1, "whitespace" },
    { "1 ", 1, "whitespace" },
    { "1\t", 0, "whitespace" },
    { "nan", 1, "finite" },
    { "NaN", 1, "finite" },
    { "inf", 1, "finite" },
    { "-Infinity", 1, "finite" },
    { "0x10", 1, "hexadecimal" },
    { "1,5", 1, "'.'" },
    { ".5", 1, "digits" },
    { "1.", 1, "followed by digits" },
    { "1e", 1, "exponent" },
    { "1e+", 1, "exponent" },
    { "--1", 1, "digits" },
    { "+-1", 1, "digits" },
    { "-", 1, "digits" },
    { "1.2.3", 1, "digits" },
    { "1e5.5", 1, "digits" },
    { "abc", 1, "digits" },
    { "1/0", 1, "zero" },
    { "1/-3", 1, "p/q" },
    { "1/", 1, "p/q" },
    { "1.5/2", 1, "p/q" },
    { "1/3", 0, "JSON string" },
    { "1e100001", 1, "100000" },
    { "1e-100001", 1, "100000" },
    { "1e999999999999999999999999999", 1, "100000" },
    { "\xd9\xa1", 1, "digits" },
};

static int
check_value(const char *text, int ratio, const char *num, const char *den)
{
    fmpq_t q, e;
    const char *why = NULL;
    int ok;

    fmpq_init(q);
    fmpq_init(e);
    fmpz_set_str(fmpq_numref(e), num, 10);
    fmpz_set_str(fmpq_denref(e), den, 10);
    ok = gfc_decimal_parse(q, text, strlen(text), ratio, &why) == 0
         && fmpq_equal(q, e) && fmpz_sgn(fmpq_denref(q)) > 0;
    fmpq_clear(q);
    fmpq_clear(e);
    return ok;
}

static void
test_tables(void)
{
    size_t i;

    for (i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++)
        tap_ok(check_value(accepted[i].text, accepted[i].ratio,
                           accepted[i].num, accepted[i].den),
               "accepts \"%s\" as %s/%s", accepted[i].text, accepted[i].num,
               accepted[i].den);
    for (i = 0; i < sizeof(rejected) / sizeof(rejected[0]); i++)
    {
        fmpq_t q;
        const char *why = NULL;
        int r;

        fmpq_init(q);
        r = gfc_decimal_parse(q, rejected[i].text, strlen(rejected[i].text),
                              rejected[i].ratio, &why);
        tap_ok(r != 0 && why != NULL && strstr(why, rejected[i].why_part),
               "rejects \"%s\" (%s): %s", rejected[i].text,
               rejected[i].why_part, why ? why : "(accepted)");
        fmpq_clear(q);
    }
}

static void
test_exactness(void)
{
    fmpq_t q, e;
    const char *why;
    char *big;
    size_t i;

    fmpq_init(q);
    fmpq_init(e);

    gfc_decimal_parse(q, "0.1", 3, 0, &why);
    fmpq_set_si(e, 1, 10);
    tap_ok(fmpq_equal(q, e), "0.1 is exactly 1/10");

    gfc_decimal_parse(q, "1e-300", 6, 0, &why);
    fmpz_one(fmpq_numref(e));
    fmpz_ui_pow_ui(fmpq_denref(e), 10, 300);
    tap_ok(fmpq_equal(q, e), "1e-300 is exactly 1/10^300");

    gfc_decimal_parse(q, "1e300", 5, 0, &why);
    fmpz_ui_pow_ui(fmpq_numref(e), 10, 300);
    fmpz_one(fmpq_denref(e));
    tap_ok(fmpq_equal(q, e), "1e300 is exactly 10^300 (beyond no double)");

    gfc_decimal_parse(q, "-0", 2, 0, &why);
    tap_ok(fmpq_is_zero(q), "-0 is zero");

    gfc_decimal_parse(q, "1/3", 3, 1, &why);
    fmpq_set_si(e, 1, 3);
    tap_ok(fmpq_equal(q, e), "\"1/3\" is exactly 1/3");

    gfc_decimal_parse(q, "1e100000", 8, 0, &why);
    tap_ok(fmpz_bits(fmpq_numref(q)) > 332190, "1e100000 is accepted");

    /* The digit cap: 100000 digits pass, 100001 do not. */
    big = flint_malloc(100002);
    for (i = 0; i < 100001; i++)
        big[i] = (i == 0) ? '1' : '0';
    big[100001] = '\0';
    tap_ok(gfc_decimal_parse(q, big, 100000, 0, &why) == 0
               && fmpz_bits(fmpq_numref(q)) > 332000,
           "100000 digits accepted");
    tap_ok(gfc_decimal_parse(q, big, 100001, 0, &why) != 0
               && strstr(why, "digits") != NULL,
           "100001 digits rejected: %s", why);
    flint_free(big);

    /* An embedded NUL is part of the text, not an end. */
    tap_ok(gfc_decimal_parse(q, "1\0", 2, 1, &why) != 0,
           "embedded NUL rejected");

    fmpq_clear(q);
    fmpq_clear(e);
}

static void
test_binary64(void)
{
    fmpq_t q, e;

    fmpq_init(q);
    fmpq_init(e);

    tap_ok(gfc_binary64_to_fmpq(q, 0x3FB999999999999AULL) == 0, "0.1 bits");
    fmpz_set_str(fmpq_numref(e), "3602879701896397", 10);
    fmpz_set_str(fmpq_denref(e), "36028797018963968", 10);
    tap_ok(fmpq_equal(q, e), "binary64 0.1 is 3602879701896397/2^55");

    gfc_binary64_to_fmpq(q, 0x3FF0000000000000ULL);
    tap_ok(fmpq_is_one(q), "1.0");

    gfc_binary64_to_fmpq(q, 0xC000000000000000ULL);
    fmpq_set_si(e, -2, 1);
    tap_ok(fmpq_equal(q, e), "-2.0");

    fmpq_set_si(q, 5, 1);
    gfc_binary64_to_fmpq(q, 0x8000000000000000ULL);
    tap_ok(fmpq_is_zero(q), "-0.0 is zero");

    gfc_binary64_to_fmpq(q, 1);
    fmpq_one(e);
    fmpq_div_2exp(e, e, 1074);
    tap_ok(fmpq_equal(q, e), "smallest subnormal is 2^-1074");

    gfc_binary64_to_fmpq(q, 0x000FFFFFFFFFFFFFULL);
    fmpz_one(fmpq_numref(e));
    fmpz_mul_2exp(fmpq_numref(e), fmpq_numref(e), 52);
    fmpz_sub_ui(fmpq_numref(e), fmpq_numref(e), 1);
    fmpz_one(fmpq_denref(e));
    fmpq_div_2exp(e, e, 1074);
    tap_ok(fmpq_equal(q, e), "largest subnormal is (2^52-1) 2^-1074");

    gfc_binary64_to_fmpq(q, 0x0010000000000000ULL);
    fmpq_one(e);
    fmpq_div_2exp(e, e, 1022);
    tap_ok(fmpq_equal(q, e), "smallest normal is 2^-1022");

    gfc_binary64_to_fmpq(q, 0x7FEFFFFFFFFFFFFFULL);
    fmpz_one(fmpq_numref(e));
    fmpz_mul_2exp(fmpq_numref(e), fmpq_numref(e), 53);
    fmpz_sub_ui(fmpq_numref(e), fmpq_numref(e), 1);
    fmpz_one(fmpq_denref(e));
    fmpq_mul_2exp(e, e, 971);
    tap_ok(fmpq_equal(q, e), "largest finite is (2^53-1) 2^971");

    tap_ok(gfc_binary64_to_fmpq(q, 0x7FF0000000000000ULL) != 0, "+inf");
    tap_ok(gfc_binary64_to_fmpq(q, 0xFFF0000000000000ULL) != 0, "-inf");
    tap_ok(gfc_binary64_to_fmpq(q, 0x7FF8000000000000ULL) != 0, "NaN");
    tap_ok(gfc_binary64_to_fmpq(q, 0x7FF0000000000001ULL) != 0,
           "signalling NaN");

    fmpq_clear(q);
    fmpq_clear(e);
}

static void
test_budget(void)
{
    fmpq_t q;
    slong budget = 200;

    fmpq_init(q);
    fmpq_set_si(q, 3, 7);
    tap_ok(gfc_budget_take(&budget, q) == 0 && budget < 200,
           "a small number fits the budget");
    fmpz_ui_pow_ui(fmpq_numref(q), 10, 100);
    tap_ok(gfc_budget_take(&budget, q) != 0, "a big one exhausts it");
    tap_ok(gfc_budget_take(NULL, q) == 0, "no budget, no limit");
    fmpq_clear(q);
}

int
main(void)
{
    test_tables();
    test_exactness();
    test_binary64();
    test_budget();
    flint_cleanup();
    return tap_done();
}
