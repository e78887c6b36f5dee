/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Checks that need the whole problem.  Rank is decided exactly: a problem
 * whose X is rank deficient has a continuum of dual solutions (cases/B04),
 * which no later stage could diagnose cleanly.
 */
#include "problem.h"
#include <flint/nmod_mat.h>
#include <stdio.h>
#include <string.h>

/* Word-sized primes below 2^32, so that they fit any FLINT ulong. */
static const ulong rank_primes[3]
    = { UWORD(4294967291), UWORD(4294967279), UWORD(4294967231) };

/* Rows scaled to integers (a non-zero row factor keeps the rank). */
static void
integer_rows(fmpz_mat_t Z, const fmpq_mat_t X, const slong *col, slong nc)
{
    slong i, j, n = fmpq_mat_nrows(X);
    fmpz_t l, t;

    fmpz_init(l);
    fmpz_init(t);
    for (i = 0; i < n; i++)
    {
        fmpz_one(l);
        for (j = 0; j < nc; j++)
            fmpz_lcm(l, l, fmpq_denref(fmpq_mat_entry(X, i, col[j])));
        for (j = 0; j < nc; j++)
        {
            const fmpq *x = fmpq_mat_entry(X, i, col[j]);

            fmpz_divexact(t, l, fmpq_denref(x));
            fmpz_mul(fmpz_mat_entry(Z, i, j), fmpq_numref(x), t);
        }
    }
    fmpz_clear(l);
    fmpz_clear(t);
}

/* Pivot columns of the reduced row echelon form of M (destroyed). */
static slong
pivots(slong *piv, nmod_mat_t M)
{
    slong r = nmod_mat_rref(M), i, j = 0;

    for (i = 0; i < r; i++)
    {
        while (nmod_mat_entry(M, i, j) == 0)
            j++;
        piv[i] = j;
    }
    return r;
}

/* Rows of Z chosen greedily from the top that are independent mod p:
   the pivots of the transpose. */
static slong
row_profile_mod(slong *prof, const fmpz_mat_t Z, ulong p)
{
    slong n = fmpz_mat_nrows(Z), c = fmpz_mat_ncols(Z), i, j, r;
    nmod_mat_t T;

    nmod_mat_init(T, c, n, p);
    for (i = 0; i < n; i++)
        for (j = 0; j < c; j++)
            nmod_mat_entry(T, j, i) = fmpz_fdiv_ui(fmpz_mat_entry(Z, i, j), p);
    r = (c == 0) ? 0 : pivots(prof, T);
    nmod_mat_clear(T);
    return r;
}

/*
 * Rows independent mod p are independent over Q (a non-zero minor mod p
 * is non-zero).  The converse can fail for an unlucky p, so a deficient
 * result is certified exactly: every row outside the profile must be a
 * rational combination of the profile rows, found by solving on r
 * columns that are independent mod p and then checked on all columns.
 * Returns 1 when certified (rank = r), 0 when p was unlucky.
 */
static int
certify_deficient(const fmpz_mat_t Z, const slong *prof, slong r, ulong p,
                  slong *dep, slong *ndep)
{
    slong n = fmpz_mat_nrows(Z), c = fmpz_mat_ncols(Z), k = n - r;
    slong i, j, t, u, *cp, *np;
    fmpz_mat_t M, B, L, Cn, R;
    fmpq_mat_t C;
    fmpz_t den, w;
    int ok = 1;

    np = flint_malloc((size_t)k * sizeof(slong));
    for (i = 0, j = 0, t = 0; i < n; i++)
        if (j < r && prof[j] == i)
            j++;
        else
            np[t++] = i;
    if (r == 0)
    {
        /* Certified only if every row is exactly zero. */
        for (i = 0; i < n && ok; i++)
            for (j = 0; j < c && ok; j++)
                ok = fmpz_is_zero(fmpz_mat_entry(Z, i, j));
        if (ok && dep != NULL)
        {
            dep[0] = 0;
            *ndep = 1;
        }
        flint_free(np);
        return ok;
    }

    cp = flint_malloc((size_t)r * sizeof(slong));
    {
        nmod_mat_t S;

        nmod_mat_init(S, r, c, p);
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
                nmod_mat_entry(S, i, j)
                    = fmpz_fdiv_ui(fmpz_mat_entry(Z, prof[i], j), p);
        pivots(cp, S);
        nmod_mat_clear(S);
    }
    fmpz_mat_init(M, r, r);
    fmpz_mat_init(B, r, k);
    for (j = 0; j < r; j++)
    {
        for (i = 0; i < r; i++)
            fmpz_set(fmpz_mat_entry(M, j, i),
                     fmpz_mat_entry(Z, prof[i], cp[j]));
        for (t = 0; t < k; t++)
            fmpz_set(fmpz_mat_entry(B, j, t), fmpz_mat_entry(Z, np[t], cp[j]));
    }
    fmpq_mat_init(C, r, k);
    fmpz_mat_init(Cn, r, k);
    fmpz_mat_init(L, c, r);
    fmpz_mat_init(R, c, k);
    fmpz_init(den);
    fmpz_init(w);
    ok = fmpq_mat_solve_fmpz_mat_dixon(C, M, B);
    if (ok)
    {
        fmpq_mat_get_fmpz_mat_matwise(Cn, den, C);
        for (j = 0; j < c; j++)
            for (i = 0; i < r; i++)
                fmpz_set(fmpz_mat_entry(L, j, i),
                         fmpz_mat_entry(Z, prof[i], j));
        fmpz_mat_mul(R, L, Cn);
        for (j = 0; j < c && ok; j++)
            for (t = 0; t < k && ok; t++)
            {
                fmpz_mul(w, den, fmpz_mat_entry(Z, np[t], j));
                ok = fmpz_equal(w, fmpz_mat_entry(R, j, t));
            }
    }
    if (ok && dep != NULL)
    {
        /* The first row outside the profile depends only on profile rows
           above it, with unique coefficients: a minimal dependent set. */
        u = 0;
        for (i = 0; i < r; i++)
        {
            if (prof[i] > np[0] && (u == 0 || dep[u - 1] < np[0]))
                dep[u++] = np[0];
            if (!fmpq_is_zero(fmpq_mat_entry(C, i, 0)))
                dep[u++] = prof[i];
        }
        if (u == 0 || dep[u - 1] < np[0])
            dep[u++] = np[0];
        *ndep = u;
    }
    fmpz_clear(den);
    fmpz_clear(w);
    fmpz_mat_clear(M);
    fmpz_mat_clear(B);
    fmpz_mat_clear(L);
    fmpz_mat_clear(R);
    fmpz_mat_clear(Cn);
    fmpq_mat_clear(C);
    flint_free(cp);
    flint_free(np);
    return ok;
}

slong
gfc_rows_rank(const fmpq_mat_t X, const int *cols, slong *dep, slong *ndep)
{
    slong n = fmpq_mat_nrows(X), d = fmpq_mat_ncols(X), nc = 0, j, k;
    slong rank = -1;
    slong *col, *prof;
    fmpz_mat_t Z;

    if (ndep != NULL)
        *ndep = 0;
    if (n == 0)
        return 0;
    col = flint_malloc((size_t)(d + 1) * sizeof(slong));
    for (j = 0; j < d; j++)
        if (cols == NULL || cols[j])
            col[nc++] = j;
    fmpz_mat_init(Z, n, nc);
    integer_rows(Z, X, col, nc);
    flint_free(col);

    prof = flint_malloc((size_t)n * sizeof(slong));
    for (k = 0; k < 3 && rank < 0; k++)
    {
        slong r = row_profile_mod(prof, Z, rank_primes[k]);

        if (r == n || certify_deficient(Z, prof, r, rank_primes[k], dep, ndep))
            rank = r;
    }
    flint_free(prof);
    if (rank < 0)
    {
        /* Three unlucky primes: only a contrived X gets here.  Fraction-
           free elimination is exact, just slower. */
        rank = (nc == 0) ? 0 : fmpz_mat_rank(Z);
        if (rank < n && dep != NULL && ndep != NULL)
        {
            fmpz_mat_t T, N;
            slong i;

            fmpz_mat_init(T, nc, n);
            fmpz_mat_init(N, n, n);
            fmpz_mat_transpose(T, Z);
            if (fmpz_mat_nullspace(N, T) > 0)
                for (i = 0; i < n; i++)
                    if (!fmpz_is_zero(fmpz_mat_entry(N, i, 0)))
                        dep[(*ndep)++] = i;
            fmpz_mat_clear(T);
            fmpz_mat_clear(N);
        }
    }
    fmpz_mat_clear(Z);
    return rank;
}

/* "rows 1 and 2" / "rows 1, 3 and 4" / "row 2", 1-based, bounded. */
static void
row_list(char *out, size_t outlen, const slong *dep, slong ndep)
{
    size_t k;
    slong i, shown = (ndep > 12) ? 12 : ndep;

    snprintf(out, outlen, "%s", (ndep == 1) ? "row" : "rows");
    for (i = 0; i < shown; i++)
    {
        k = strlen(out);
        snprintf(out + k, outlen - k, "%s%ld",
                 (i == 0)          ? " "
                 : (i == ndep - 1) ? " and "
                                   : ", ",
                 (long)dep[i] + 1);
    }
    if (shown < ndep)
    {
        k = strlen(out);
        snprintf(out + k, outlen - k, " and %ld more", (long)(ndep - shown));
    }
}

static int
rank_error(const gfc_problem_t P, const char *file, const int *cols, slong nc,
           gfc_error_t err)
{
    slong n = P->n, rank, ndep;
    slong *dep = flint_malloc((size_t)n * sizeof(slong));
    char rows[256], cond[256];

    rank = gfc_rows_rank(P->X, cols, dep, &ndep);
    if (rank >= n)
    {
        flint_free(dep);
        return 0;
    }
    if (cols == NULL)
        snprintf(cond, sizeof(cond), "X must have full row rank");
    else
        snprintf(cond, sizeof(cond),
                 "with this start only the %ld column(s) of X where u_plus, "
                 "v_plus, u_minus or v_minus is non-zero can move, and X "
                 "restricted to them must have full row rank for the flow "
                 "to fit y",
                 (long)nc);
    if (ndep == 0)
        gfc_error_set(err, "%s: X: rank %ld < n = %ld; %s", file, (long)rank,
                      (long)n, cond);
    else
    {
        row_list(rows, sizeof(rows), dep, ndep);
        if (ndep == 1)
            gfc_error_set(err,
                          "%s: X: %s of X is zero%s (rank %ld < n = %ld); %s",
                          file, rows, (cols == NULL) ? "" : " there",
                          (long)rank, (long)n, cond);
        else
            gfc_error_set(err,
                          "%s: X: %s of X are linearly dependent%s (rank %ld "
                          "< n = %ld); %s",
                          file, rows,
                          (cols == NULL) ? "" : " on those columns",
                          (long)rank, (long)n, cond);
    }
    flint_free(dep);
    return GFC_BAD_INPUT;
}

static int
check_diag(const gfc_problem_t P, const char *file, gfc_error_t err)
{
    slong d = P->d, i, nc = 0;
    const fmpq *sq = P->theta0_sq;
    const int *sg = P->theta0_sign;
    int *cols, r;

    if (P->reg == GFC_REG_PAPER)
    {
        for (i = 0; i < d; i++)
        {
            const char *part = NULL;

            if (!fmpq_equal(sq + i, sq + 2 * d + i) || sg[i] != sg[2 * d + i])
                part = "u";
            else if (!fmpq_equal(sq + d + i, sq + 3 * d + i)
                     || sg[d + i] != sg[3 * d + i])
                part = "v";
            if (part != NULL)
            {
                gfc_error_set(err,
                              "%s: init: init.%s_plus[%ld] differs from "
                              "init.%s_minus[%ld]; the \"paper\" regularizer "
                              "needs a symmetric start (u_plus = u_minus and "
                              "v_plus = v_minus); use \"regularizer\": "
                              "\"general\" for other starts",
                              file, part, (long)i, part, (long)i);
                return GFC_BAD_INPUT;
            }
        }
        for (i = 0; i < d && P->k != NULL; i++)
            if (fmpq_sgn(P->k + i) <= 0)
            {
                if (P->k_override)
                    gfc_error_set(err,
                                  "%s: regularizer.k: k[%ld] is not "
                                  "positive; every k must be > 0",
                                  file, (long)i);
                else
                    gfc_error_set(err,
                                  "%s: init: init.u_plus[%ld] = "
                                  "init.v_plus[%ld] = 0 gives k[%ld] = "
                                  "2(u^2 + v^2) = 0, where "
                                  "the \"paper\" regularizer is undefined; "
                                  "use \"regularizer\": \"general\" (that "
                                  "coordinate then never moves)",
                                  file, (long)i, (long)i, (long)i);
                return GFC_BAD_INPUT;
            }
        return 0;
    }

    cols = flint_malloc((size_t)d * sizeof(int));
    for (i = 0; i < d; i++)
    {
        cols[i] = (sg[i] != 0 || sg[d + i] != 0 || sg[2 * d + i] != 0
                   || sg[3 * d + i] != 0);
        nc += cols[i];
    }
    r = (nc == d) ? 0 : rank_error(P, file, cols, nc, err);
    flint_free(cols);
    return r;
}

/* One neuron: w at theta0[off .. off+d), a at theta0[off+d]. */
static int
check_neuron(const gfc_problem_t P, const char *file, slong off,
             const char *where, gfc_error_t err)
{
    slong i, d = P->d;
    int w_zero = 1, a_zero = (P->theta0_sign[off + d] == 0);

    for (i = 0; i < d; i++)
        if (P->theta0_sign[off + i] != 0)
            w_zero = 0;
    if (w_zero && a_zero)
        gfc_error_set(err,
                      "%s: %sa0 and %sw0 are both zero: the start is "
                      "stationary, the flow never moves; a non-zero start "
                      "was expected",
                      file, where, where);
    else if (a_zero)
        gfc_error_set(err,
                      "%s: %sa0 is zero: a degenerate start (the regularizer "
                      "needs the sign of a0); a non-zero a0 was expected",
                      file, where);
    else if (w_zero)
        gfc_error_set(err,
                      "%s: %sw0 is zero: a degenerate start (beta(0) = 0 "
                      "leaves the regularizer undefined); a non-zero w0 was "
                      "expected",
                      file, where);
    else
        return 0;
    return GFC_BAD_INPUT;
}

int
gfc_problem_validate(const gfc_problem_t P, const char *file, gfc_error_t err)
{
    slong j;
    int r;

    if (P->n >= P->d)
    {
        gfc_error_set(err,
                      "%s: X: X is %ld x %ld, but n = %ld samples must be "
                      "fewer than d = %ld features (the flow must have many "
                      "interpolating solutions to choose from)",
                      file, (long)P->n, (long)P->d, (long)P->n, (long)P->d);
        return GFC_BAD_INPUT;
    }
    r = rank_error(P, file, NULL, P->d, err);
    if (r)
        return r;
    switch (P->model)
    {
        case GFC_MODEL_DIAG:
            return check_diag(P, file, err);
        case GFC_MODEL_FC1:
            return check_neuron(P, file, 0, "init.", err);
        case GFC_MODEL_FC:
            for (j = 0; j < P->m; j++)
            {
                char where[64];

                snprintf(where, sizeof(where), "init.neurons[%ld].", (long)j);
                r = check_neuron(P, file, j * (P->d + 1), where, err);
                if (r)
                    return r;
            }
            return 0;
    }
    return 0;
}
