/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * ball-check BALL VALUE: exit 0 when the ball text "[m +/- r]" (or
 * "[+/- r]") contains VALUE, 1 when it does not, 2 when either does not
 * parse.  VALUE is a decimal or p/q, or sqrt:Q for the square root of a
 * non-negative rational Q.  Decided in exact rational arithmetic; a
 * helper of tests/t-cli-sweep.sh.
 */
#include <stdio.h>
#include <string.h>
#include "problem.h"

static int
parse_ball(fmpq_t lo, fmpq_t hi, const char *s)
{
    const char *why, *pm = strstr(s, "+/- ");
    size_t n = strlen(s);
    fmpq_t m, r;
    int ok;

    if (n < 7 || s[0] != '[' || s[n - 1] != ']' || pm == NULL)
        return 0;
    fmpq_init(m);
    fmpq_init(r);
    ok = gfc_decimal_parse(r, pm + 4, (size_t) (s + n - 1 - (pm + 4)), 0,
                           &why) == 0;
    if (ok && pm != s + 1)
        ok = pm > s + 2 && pm[-1] == ' '
             && gfc_decimal_parse(m, s + 1, (size_t) (pm - 1 - (s + 1)), 0,
                                  &why) == 0;
    fmpq_sub(lo, m, r);
    fmpq_add(hi, m, r);
    fmpq_clear(m);
    fmpq_clear(r);
    return ok;
}

int
main(int argc, char **argv)
{
    fmpq_t lo, hi, v, t;
    const char *why, *val;
    int sq, ok, in;

    if (argc != 3)
    {
        fprintf(stderr, "usage: ball-check BALL VALUE\n");
        return 2;
    }
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_init(v);
    fmpq_init(t);
    val = argv[2];
    sq = (strncmp(val, "sqrt:", 5) == 0);
    if (sq)
        val += 5;
    ok = parse_ball(lo, hi, argv[1])
         && gfc_decimal_parse(v, val, strlen(val), 1, &why) == 0
         && (!sq || fmpq_sgn(v) >= 0);
    if (!ok)
    {
        fprintf(stderr, "ball-check: cannot parse '%s' or '%s'\n", argv[1],
                argv[2]);
        return 2;
    }
    if (!sq)
        in = fmpq_cmp(lo, v) <= 0 && fmpq_cmp(v, hi) <= 0;
    else
    {
        /* lo <= sqrt(v) <= hi, with sqrt(v) >= 0: compare squares. */
        fmpq_mul(t, hi, hi);
        in = fmpq_sgn(hi) >= 0 && fmpq_cmp(t, v) >= 0;
        fmpq_mul(t, lo, lo);
        in = in && (fmpq_sgn(lo) <= 0 || fmpq_cmp(t, v) <= 0);
    }
    fmpq_clear(lo);
    fmpq_clear(hi);
    fmpq_clear(v);
    fmpq_clear(t);
    flint_cleanup();
    return in ? 0 : 1;
}
