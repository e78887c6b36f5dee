/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * One hidden neuron: random starts with delta > 0, delta = 0 and
 * delta < 0 all MATCH (on the branch of a(inf)); and on the crossing case
 * the sign(a(0)) formula is provably not the flow's limit.
 */
#include <stdio.h>
#include <unistd.h>
#include "cert.h"
#include "tap.h"

static void
load(gfc_problem_t P, const char *path)
{
    gfc_error_t err;

    gfc_problem_init(P);
    if (gfc_problem_load(P, path, err) != 0)
    {
        printf("Bail out! %s\n", err->msg);
        exit(1);
    }
}

/* A random fc1 problem, n = 1 or 2, d = n + 2, with w0 = (integers)/4 and
   a0 chosen so that delta has the sign dsign. */
static void
write_random(const char *path, flint_rand_t st, int dsign)
{
    slong n = 1 + n_randint(st, 2), d = n + 2, i, j, w2 = 0;
    slong w[8];
    FILE *f = fopen(path, "w");

    fprintf(f, "{\"model\": \"fc1\", \"regularizer\": \"paper\", \"X\": [");
    for (i = 0; i < n; i++)
    {
        fprintf(f, "%s[", i ? ", " : "");
        for (j = 0; j < d; j++)
            fprintf(f, "%s%ld", j ? ", " : "",
                    (long) (i == j) * 3 + (long) n_randint(st, 3) - 1);
        fprintf(f, "]");
    }
    fprintf(f, "], \"y\": [");
    for (i = 0; i < n; i++)
        fprintf(f, "%s\"%ld/2\"", i ? ", " : "",
                (long) (1 + n_randint(st, 3)) * (n_randint(st, 2) ? 1 : -1));
    fprintf(f, "], \"init\": {\"w0\": [");
    do
    {
        w2 = 0;
        for (j = 0; j < d; j++)
        {
            w[j] = (slong) n_randint(st, 5) - 2;
            w2 += w[j] * w[j];
        }
    }
    while (w2 == 0 || w2 == 1 || w2 == 4);
    for (j = 0; j < d; j++)
        fprintf(f, "%s\"%ld/4\"", j ? ", " : "", (long) w[j]);
    /* ||w0||^2 = w2/16 and a0 = k/4 with k^2 above or below w2. */
    fprintf(f, "], \"a0\": \"%ld/4\"}}\n",
            (long) ((dsign > 0) ? n_sqrt(w2) + 1 : n_sqrt(w2 - 1)));
    fclose(f);
}

int
main(void)
{
    const char *top = getenv("top_srcdir");
    char path[4096], tmp[4096];
    flint_rand_t st;
    gfc_certify_opts o;
    slong iter, count = 3 * tap_multiplier();
    int s;

    gfc_randinit(st);
    flint_randseed(st, tap_seed(), 3);
    gfc_certify_opts_init(&o);
    o.digits = 20;
    o.max_time = 60;
    snprintf(tmp, sizeof(tmp), "%s/t-fc-certify-%d.json",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int) getpid());

    for (s = 1; s >= -1; s -= 2)
        for (iter = 0; iter < count; iter++)
        {
            gfc_problem_t P;
            gfc_cert_t C;
            int v;

            write_random(tmp, st, s);
            load(P, tmp);
            gfc_cert_init(C, P);
            v = gfc_certify(C, P, &o);
            tap_ok(v == GFC_MATCH, "random fc1, delta %s 0: MATCH%s (%s)",
                   s > 0 ? ">" : "<", C->crossed ? " after a crossing" : "",
                   C->reason);
            gfc_cert_clear(C);
            gfc_problem_clear(P);
        }
    remove(tmp);

    /* delta = 0 exactly: a balanced start, w0 = (3/4, 0, ...), a0 = 3/4. */
    {
        gfc_problem_t P;
        gfc_cert_t C;
        FILE *f = fopen(tmp, "w");
        int v;

        fputs("{\"model\": \"fc1\", \"regularizer\": \"paper\", \"X\": "
              "[[1, 2, -1]], \"y\": [\"3/2\"], \"init\": {\"w0\": "
              "[\"3/4\", 0, 0], \"a0\": \"3/4\"}}\n", f);
        fclose(f);
        load(P, tmp);
        gfc_cert_init(C, P);
        v = gfc_certify(C, P, &o);
        tap_ok(v == GFC_MATCH, "fc1 with delta = 0: MATCH (%s)", C->reason);
        gfc_cert_clear(C);
        gfc_problem_clear(P);
        remove(tmp);
    }

    /* The crossing case: the flow ends on the other branch, and the
       convex (sign a(0)) minimiser is provably elsewhere. */
    {
        gfc_problem_t P;
        gfc_cert_t C;
        gfc_bias_t B;
        slong i;
        int v, apart = 0;

        snprintf(path, sizeof(path), "%s/data/fc1_crossing.json",
                 top ? top : ".");
        load(P, path);
        gfc_cert_init(C, P);
        v = gfc_certify(C, P, &o);
        tap_ok(v == GFC_MATCH && C->crossed && C->signs[0] == -1,
               "crossing: MATCH on the branch sign(a(inf)) = -1");
        gfc_bias_init(B, P);
        tap_ok(gfc_bias_solve_prec(B, P, C->prec),
               "crossing: the convex branch's minimiser is certified");
        for (i = 0; i < P->d; i++)
            apart |= !arb_overlaps(B->beta + i, C->flow->beta + i);
        tap_ok(apart, "crossing: the sign(a(0)) minimiser is provably not "
               "the flow's limit");
        gfc_bias_clear(B);
        gfc_cert_clear(C);
        gfc_problem_clear(P);
    }
    gfc_randclear(st);
    flint_cleanup();
    return tap_done();
}
