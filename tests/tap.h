/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Minimal TAP output for the test programs, plus the seed and loop
 * multiplier every randomized test takes from the environment:
 *   GFC_TEST_SEED        seed of the random state (default 1)
 *   GFC_TEST_MULTIPLIER  scales the number of random iterations (default 1)
 */
#ifndef GFC_TAP_H
#define GFC_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_count = 0;
static int tap_failed = 0;

static void tap_ok(int cond, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), unused));

static void
tap_ok(int cond, const char *fmt, ...)
{
    va_list ap;

    tap_count++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_count);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

static void tap_diag(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), unused));

static void
tap_diag(const char *fmt, ...)
{
    va_list ap;

    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static unsigned long __attribute__((unused))
tap_seed(void)
{
    const char *s = getenv("GFC_TEST_SEED");
    unsigned long seed = (s != NULL) ? strtoul(s, NULL, 10) : 1UL;

    printf("# GFC_TEST_SEED=%lu\n", seed);
    return seed;
}

static long __attribute__((unused))
tap_multiplier(void)
{
    const char *s = getenv("GFC_TEST_MULTIPLIER");
    long m = (s != NULL) ? strtol(s, NULL, 10) : 1;

    return (m > 0) ? m : 1;
}

static int __attribute__((unused))
tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif
