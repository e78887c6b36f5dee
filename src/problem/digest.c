/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * SHA-256 of a canonical text of the exact problem.  It depends only on
 * the numbers, never on how the file spelled them (0.5, "1/2", 5e-1, a
 * .npy binary64), so certificates can name a problem by its content.
 * The text is specified in doc/problem-format.md; changing it changes
 * every digest, so its first line carries a version.
 */
#include "problem.h"
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

static void
put(struct sha256_ctx *h, const char *s)
{
    sha256_update(h, strlen(s), (const uint8_t *)s);
}

static void
put_si(struct sha256_ctx *h, const char *label, slong v)
{
    char b[64];

    snprintf(b, sizeof(b), "%s %ld\n", label, (long)v);
    put(h, b);
}

/* "p/q" in lowest terms, q > 0: fmpq is canonical, and GMP's integer
   printing does not depend on the locale. */
static void
put_q(struct sha256_ctx *h, const fmpq_t x, const char *end)
{
    char *s = fmpz_get_str(NULL, 10, fmpq_numref(x));

    put(h, s);
    flint_free(s);
    put(h, "/");
    s = fmpz_get_str(NULL, 10, fmpq_denref(x));
    put(h, s);
    flint_free(s);
    put(h, end);
}

static void
put_vec(struct sha256_ctx *h, const char *label, const fmpq *v, slong len)
{
    slong i;

    if (v == NULL)
    {
        put(h, label);
        put(h, " none\n");
        return;
    }
    put_si(h, label, len);
    for (i = 0; i < len; i++)
        put_q(h, v + i, "\n");
}

void
gfc_problem_compute_digest(gfc_problem_t P)
{
    static const char *models[] = { "diag", "fc1", "fc" };
    static const char *regs[] = { "paper", "general", "candidate-sum" };
    struct sha256_ctx h;
    slong i, j;

    sha256_init(&h);
    put(&h, "gfcert-problem 1\n");
    put(&h, "model ");
    put(&h, models[P->model]);
    put(&h, "\nregularizer ");
    put(&h, regs[P->reg]);
    put(&h, "\n");
    put_si(&h, "n", P->n);
    put_si(&h, "d", P->d);
    put_si(&h, "m", P->m);
    put_si(&h, "N", P->N);
    put(&h, "X\n");
    for (i = 0; i < P->n; i++)
        for (j = 0; j < P->d; j++)
            put_q(&h, fmpq_mat_entry(P->X, i, j), (j + 1 < P->d) ? " " : "\n");
    put_vec(&h, "y", P->y, P->n);
    put_si(&h, "theta0", P->N);
    for (i = 0; i < P->N; i++)
    {
        int sg = P->theta0_sign[i];

        put_q(&h, P->theta0_sq + i,
              (sg > 0)   ? " +\n"
              : (sg < 0) ? " -\n"
                         : " 0\n");
    }
    put_vec(&h, "k", P->k, P->d);
    put_vec(&h, "wstar", P->wstar, P->d);
    sha256_digest(&h, SHA256_DIGEST_SIZE, P->digest);
}

void
gfc_problem_digest_hex(char out[65], const gfc_problem_t P)
{
    static const char hex[] = "0123456789abcdef";
    int i;

    for (i = 0; i < 32; i++)
    {
        out[2 * i] = hex[P->digest[i] >> 4];
        out[2 * i + 1] = hex[P->digest[i] & 15];
    }
    out[64] = '\0';
}
