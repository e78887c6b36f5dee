/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfc_problem_load end to end: the case files of tests/cases, the data
 * files, one rejection per validation rule (on small files written to a
 * temporary directory), and the digest's independence from spelling.
 */
#include "problem.h"
#include "tap.h"
#include <locale.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char top[4096];
static char tmp_dir[4096];
static char written[64][128];
static int nwritten = 0;

static const char *
src_path(char *buf, size_t len, const char *rel)
{
    snprintf(buf, len, "%s/%s", top, rel);
    return buf;
}

static const char *
tmp_file(char *buf, size_t len, const char *name, const void *data, size_t n)
{
    FILE *f;
    int i;

    snprintf(buf, len, "%s/%s", tmp_dir, name);
    f = fopen(buf, "wb");
    if (f != NULL)
    {
        fwrite(data, 1, n, f);
        fclose(f);
    }
    for (i = 0; i < nwritten; i++)
        if (strcmp(written[i], name) == 0)
            return buf;
    if (nwritten < 64)
        snprintf(written[nwritten++], sizeof(written[0]), "%s", name);
    return buf;
}

static int
has(const char *msg, const char *a, const char *b)
{
    return strstr(msg, a) != NULL && (b == NULL || strstr(msg, b) != NULL);
}

/* Load a case file; returns the status and leaves the message in err. */
static int
load_case(gfc_problem_t P, const char *name, gfc_error_t err)
{
    char p[8192];

    snprintf(p, sizeof(p), "%s/tests/cases/%s", top, name);
    return gfc_problem_load(P, p, err);
}

static int
q_is(const fmpq_t x, slong p, ulong q)
{
    fmpq_t e;
    int r;

    fmpq_init(e);
    fmpq_set_si(e, p, q);
    r = fmpq_equal(x, e);
    fmpq_clear(e);
    return r;
}

static int
x_is(const gfc_problem_t P, slong n, slong d, const slong *v)
{
    slong i, j;

    if (P->n != n || P->d != d)
        return 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < d; j++)
            if (!q_is(fmpq_mat_entry(P->X, i, j), v[i * d + j], 1))
                return 0;
    return 1;
}

/* A rejected JSON text: status 2, the file named, and two message parts. */
static void
reject(const char *json, const char *a, const char *b, const char *what)
{
    gfc_problem_t P;
    gfc_error_t err;
    char p[8192];
    int r;

    gfc_problem_init(P);
    tmp_file(p, sizeof(p), "bad.json", json, strlen(json));
    r = gfc_problem_load(P, p, err);
    tap_ok(r == GFC_BAD_INPUT && has(err->msg, "bad.json", NULL)
               && has(err->msg, a, b) && P->y == NULL && P->theta0_sq == NULL,
           "%s: %s", what, err->msg);
    gfc_problem_clear(P);
}

static int
accept(gfc_problem_t P, const char *json, gfc_error_t err)
{
    char p[8192];

    tmp_file(p, sizeof(p), "good.json", json, strlen(json));
    return gfc_problem_load(P, p, err);
}

static void
test_cases(void)
{
    gfc_problem_t P, Q;
    gfc_error_t err;
    char h1[65], h2[65];
    static const slong fortran[6] = { 1, 2, 3, 4, 5, 6 };
    static const slong x13[6] = { 1, 0, 0, 0, 1, 0 };
    static const slong x14[2] = { 2, 0 };
    fmpq_t e;
    int r;

    gfc_problem_init(P);
    gfc_problem_init(Q);
    fmpq_init(e);

    /* B04 */
    r = load_case(P, "b04_diag_duplicate_rows.json", err);
    tap_ok(r == GFC_BAD_INPUT
               && has(err->msg, "b04_diag_duplicate_rows.json", "X")
               && has(err->msg, "rows 1 and 2 of X are linearly dependent",
                      "rank 1 < n = 2"),
           "b04 duplicates: %s", err->msg);
    r = load_case(P, "b04_diag_duplicate_rows_inconsistent.json", err);
    tap_ok(r == GFC_BAD_INPUT
               && has(err->msg, "rows 1 and 2 of X", "rank 1 < n = 2"),
           "b04 inconsistent duplicates: %s", err->msg);
    r = load_case(P, "b04_diag_near_duplicate.json", err);
    tap_ok(r == 0 && P->n == 2 && P->d == 3, "b04 near duplicate accepted %s",
           err->msg);
    fmpq_set_si(e, 1, 1);
    fmpz_ui_pow_ui(fmpq_denref(e), 10, 30);
    tap_ok(r == 0 && fmpq_equal(fmpq_mat_entry(P->X, 1, 2), e),
           "b04 near duplicate: X[1][2] is exactly 1e-30");

    /* B05 */
    r = load_case(P, "b05_diag_decimal_number.json", err);
    tap_ok(r == 0 && q_is(P->y, 1, 10), "b05 number: y = 1/10 %s", err->msg);
    r |= load_case(Q, "b05_diag_decimal_string.json", err);
    gfc_problem_digest_hex(h1, P);
    gfc_problem_digest_hex(h2, Q);
    tap_ok(r == 0 && strcmp(h1, h2) == 0 && q_is(Q->y, 1, 10),
           "b05 number and string files give the same digest %s", h1);
    tap_ok(strlen(h1) == 64 && strspn(h1, "0123456789abcdef") == 64,
           "digest is 64 lower-case hex digits");

    /* B03 */
    r = load_case(P, "b03_fc1_zero_start.json", err);
    tap_ok(r == GFC_BAD_INPUT
               && has(err->msg, "b03_fc1_zero_start.json", "init.a0")
               && has(err->msg, "init.w0", "stationary"),
           "b03 zero start: %s", err->msg);
    r = load_case(P, "b03_fc1_tiny_balanced.json", err);
    fmpq_set_si(e, 1, 1);
    fmpz_ui_pow_ui(fmpq_denref(e), 10, 16);
    tap_ok(r == 0 && P->model == GFC_MODEL_FC1 && P->N == 3 && P->m == 1
               && fmpq_equal(P->theta0_sq + 2, e)
               && fmpq_equal(P->theta0_sq, e) && P->theta0_sign[1] == 0
               && P->theta0_sign[2] == 1 && P->k == NULL,
           "b03 tiny balanced: a0^2 = w0_1^2 = 1e-16 exactly %s", err->msg);

    /* B12-B15 */
    r = load_case(P, "b12_fortran.json", err);
    tap_ok(r == 0 && x_is(P, 2, 3, fortran) && q_is(P->y + 1, 2, 1),
           "b12: X = [[1,2,3],[4,5,6]] %s", err->msg);
    r = load_case(P, "b13_v2.json", err);
    tap_ok(r == 0 && x_is(P, 2, 3, x13) && q_is(P->y, 1, 2)
               && q_is(P->y + 1, -5, 4),
           "b13 v2: y = [0.5, -1.25] %s", err->msg);
    r = load_case(P, "b13_v3.json", err);
    tap_ok(r == 0 && q_is(P->y + 1, -5, 4), "b13 v3 %s", err->msg);
    r = load_case(P, "b14_bigendian.json", err);
    fmpz_set_str(fmpq_numref(e), "3602879701896397", 10);
    fmpz_set_str(fmpq_denref(e), "36028797018963968", 10);
    tap_ok(r == 0 && x_is(P, 1, 2, x14) && fmpq_equal(P->y, e),
           "b14: X = [[2, 0]], y = binary64(0.1) exactly %s", err->msg);
    r = load_case(P, "b14_float32.json", err);
    tap_ok(r == GFC_BAD_INPUT && has(err->msg, "b14_y_f4.npy", "'<f4'")
               && has(err->msg, "'<f8' or '>f8'", NULL),
           "b14 float32: %s", err->msg);
    r = load_case(P, "b15_zero_d.json", err);
    tap_ok(r == GFC_BAD_INPUT
               && has(err->msg, "b15_y_0d.npy",
                      "a 1-D array of length 1 was expected")
               && has(err->msg, "a 0-d array found", NULL),
           "b15 0-d: %s", err->msg);
    r = load_case(P, "b15_truncated.json", err);
    tap_ok(r == GFC_BAD_INPUT
               && has(err->msg, "b15_X_truncated.npy", "truncated"),
           "b15 truncated: %s", err->msg);

    /* B16, B17 */
    r = load_case(P, "b16_diag_locale.json", err);
    tap_ok(r == 0 && q_is(fmpq_mat_entry(P->X, 0, 1), 9, 4)
               && q_is(P->y, 3, 4),
           "b16: X = [[3/2, 9/4]], y = [3/4] %s", err->msg);
    r = load_case(P, "b17_csv.json", err);
    tap_ok(r == 0 && x_is(P, 2, 3, x13) && q_is(P->y, 1, 1)
               && q_is(P->y + 1, 2, 1),
           "b17 CSV: X = [[1,0,0],[0,1,0]], y = [1, 2] %s", err->msg);
    r = load_case(P, "b17_csv_decimal_comma.json", err);
    tap_ok(r == GFC_BAD_INPUT
               && has(err->msg, "b17_X_decimal_comma.csv", "line 1,")
               && has(err->msg, "column",
                      "a decimal number with '.' was expected"),
           "b17 decimal comma: %s", err->msg);

    /* Every other case file is a well-formed problem. */
    {
        static const char *const ok_files[]
            = { "b02_fc1_balanced_y0.json",
                "b07_diag_alpha1e-12.json",
                "b07_diag_alpha1e-12_mirror.json",
                "b07_diag_alpha1e-300.json",
                "b09_fc1_plateau_1e-300.json",
                "b09_fc1_sharp_transition.json",
                "b11_fc1_stiff.json",
                "b20_diag_fsolve_trap.json",
                "b20_diag_symmetric.json" };
        size_t i;

        for (i = 0; i < sizeof(ok_files) / sizeof(ok_files[0]); i++)
            tap_ok(load_case(P, ok_files[i], err) == 0, "%s loads %s",
                   ok_files[i], err->msg);
    }
    r = load_case(P, "b07_diag_alpha1e-300.json", err);
    fmpq_one(e);
    fmpz_ui_pow_ui(fmpq_denref(e), 10, 300);
    fmpz_mul_ui(fmpq_numref(e), fmpq_numref(e), 4);
    fmpq_canonicalise(e);
    tap_ok(r == 0 && fmpq_equal(P->k, e) && fmpq_equal(P->k + 1, e),
           "b07: alpha = 1e-300, s = 0 gives k = 4e-300 exactly");

    fmpq_clear(e);
    gfc_problem_clear(P);
    gfc_problem_clear(Q);
}

static void
test_data(void)
{
    gfc_problem_t P;
    gfc_error_t err;
    char p[8192];
    arb_ptr th;
    arb_t u;
    fmpq_t e;
    int r;

    gfc_problem_init(P);
    fmpq_init(e);

    r = gfc_problem_load(
        P, src_path(p, sizeof(p), "data/paper_alpha1e-4_s0.5.json"), err);
    tap_ok(r == 0 && P->n == 10 && P->d == 100 && P->wstar != NULL
               && P->has_shape && P->N == 400,
           "paper instance loads: n = 10, d = 100, wstar %s", err->msg);
    if (r == 0)
    {
        slong i, nz = 0;

        fmpq_set_si(e, 1, 1500);
        tap_ok(fmpq_equal(P->k, e) && fmpq_equal(P->k + 99, e),
               "paper k = 4a(1+s^2)/(1-s^2) = 1/1500 exactly");
        fmpq_set_si(e, 1, 30000);
        tap_ok(fmpq_equal(P->theta0_sq, e)
                   && q_is(P->theta0_sq + 100, 3, 10000)
                   && fmpq_equal(P->theta0_sq + 200, e)
                   && q_is(P->theta0_sq + 399, 3, 10000),
               "u^2 = a(1-s)/(1+s) = 1/30000, v^2 = 3e-4");
        for (i = 0; i < 100; i++)
            nz += !fmpq_is_zero(P->wstar + i);
        tap_ok(nz == 5, "wstar is 5-sparse");
        th = _arb_vec_init(P->N);
        arb_init(u);
        gfc_problem_theta0(th, P, 128);
        arb_set_si(u, 30000);
        arb_rsqrt(u, u, 128);
        tap_ok(arb_overlaps(th, u) && arb_rel_accuracy_bits(th) > 100,
               "theta0 encloses sqrt(1/30000)");
        arb_clear(u);
        _arb_vec_clear(th, P->N);
    }

    r = gfc_problem_load(P, src_path(p, sizeof(p), "data/diag_d2_n1.json"),
                         err);
    tap_ok(r == 0 && P->n == 1 && P->d == 2 && q_is(P->k, 4, 1)
               && q_is(P->theta0_sq + 7, 1, 1),
           "diag_d2_n1: k = 4, u = v = 1 %s", err->msg);
    {
        /* The canonical text exactly as doc/problem-format.md gives it. */
        static const char text[]
            = "gfcert-problem 1\nmodel diag\nregularizer paper\nn 1\nd 2\n"
              "m 0\nN 8\nX\n1/1 1/1\ny 1\n1/1\ntheta0 8\n1/1 +\n1/1 +\n"
              "1/1 +\n1/1 +\n1/1 +\n1/1 +\n1/1 +\n1/1 +\nk 2\n4/1\n4/1\n"
              "wstar none\n";
        struct sha256_ctx h;
        unsigned char md[32];
        char hex[65];

        sha256_init(&h);
        sha256_update(&h, sizeof(text) - 1, (const uint8_t *)text);
        sha256_digest(&h, sizeof(md), md);
        gfc_problem_digest_hex(hex, P);
        tap_ok(r == 0 && memcmp(md, P->digest, 32) == 0
                   && strcmp(hex, "b3a83183022d993f072c55acd3c493c4df960c46"
                                  "48dd2f82cb90e7194e4fb429")
                          == 0,
               "diag_d2_n1: digest of the documented canonical text");
    }
    r = gfc_problem_load(P, src_path(p, sizeof(p), "data/diag_s0.json"), err);
    fmpq_set_si(e, 1, 2500);
    tap_ok(r == 0 && fmpq_equal(P->k + 50, e), "diag_s0: k = 4e-4 %s",
           err->msg);
    r = gfc_problem_load(P, src_path(p, sizeof(p), "data/diag_s0.99.json"),
                         err);
    /* 4e-4 (1 + 0.9801)/(1 - 0.9801) = 4e-4 * 19801/199 */
    fmpq_set_si(e, 19801, 497500);
    tap_ok(r == 0 && fmpq_equal(P->k, e), "diag_s0.99: k = 19801/497500 %s",
           err->msg);
    r = gfc_problem_load(
        P, src_path(p, sizeof(p), "data/diag_alpha1e-300.json"), err);
    fmpq_one(e);
    fmpz_ui_pow_ui(fmpq_denref(e), 10, 300);
    fmpz_mul_ui(fmpq_numref(e), fmpq_numref(e), 20);
    fmpz_mul_ui(fmpq_denref(e), fmpq_denref(e), 3);
    fmpq_canonicalise(e);
    tap_ok(r == 0 && fmpq_equal(P->k + 3, e),
           "diag_alpha1e-300: k = "
           "(20/3)e-300 %s",
           err->msg);

    fmpq_clear(e);
    gfc_problem_clear(P);
}

static void
test_rejections(void)
{
    /* The skeleton every rejection below changes in one place. */
#define XY "\"X\": [[1, 0, 0], [0, 1, 0]], \"y\": [1, 2]"
#define DIAG "\"model\": \"diag\", " XY
#define SHAPE "\"init\": {\"alpha\": \"1e-4\", \"s\": \"0.5\"}"

    reject("{" DIAG ", " SHAPE ", \"regularizer\": \"paper\", \"extra\": 1}",
           "unknown key \"extra\"", "\"wstar\"", "unknown top-level key");
    reject("{\"model\": \"diag\", \"X\": [[1, 0, 0]], " SHAPE
           ", \"regularizer\": \"paper\"}",
           "\"y\" is missing", NULL, "missing key");
    reject("{" DIAG ", \"init\": {\"alpha\": \"1e-4\", \"s\": \"0.5\", "
           "\"beta\": 1}, \"regularizer\": \"paper\"}",
           "init", "unknown key \"beta\"", "unknown key in init");
    reject("{\"model\": 3, " XY ", " SHAPE ", \"regularizer\": \"paper\"}",
           "model", "a string was expected, found a number",
           "wrong type of model");
    reject("{\"model\": \"conv\", " XY ", " SHAPE
           ", \"regularizer\": \"paper\"}",
           "unknown model \"conv\"", NULL, "unknown model");
    reject("{" DIAG ", \"init\": [1], \"regularizer\": \"paper\"}", "init",
           "an object was expected", "init not an object");
    reject("{\"model\": \"diag\", \"X\": [[1, 0, 0], [0, true, 0]], "
           "\"y\": [1, 2], " SHAPE ", \"regularizer\": \"paper\"}",
           "X[1][1]", "a number was expected", "boolean inside X");
    reject("{\"model\": \"diag\", \"X\": [[1, 0, 0], [0, 1]], "
           "\"y\": [1, 2], " SHAPE ", \"regularizer\": \"paper\"}",
           "X[1] has 2 entries but X[0] has 3", NULL, "ragged X");
    reject("{\"model\": \"diag\", \"X\": [], \"y\": [], " SHAPE
           ", \"regularizer\": \"paper\"}",
           "X has no rows", NULL, "empty X");
    reject("{\"model\": \"diag\", \"X\": [[1, 0, 0], [0, 1, 0]], "
           "\"y\": [1, 2, 3], " SHAPE ", \"regularizer\": \"paper\"}",
           "y: 2 entries were expected", "rows of X", "y length != n");
    reject(
        "{\"model\": \"diag\", \"X\": [[1, 0], [0, 1]], \"y\": [1, 2], " SHAPE
        ", \"regularizer\": \"paper\"}",
        "n = 2 samples must be fewer than d = 2", NULL, "n >= d");
    reject("{\"model\": \"diag\", \"X\": [[1, 2, 3], [2, 4, 6], "
           "[0, 0, 1], [1, 1, 1]], \"y\": [1, 2, 3, 4], " SHAPE
           ", \"regularizer\": \"paper\"}",
           "n = 4 samples must be fewer than d = 3", NULL, "n > d");
    reject("{\"model\": \"diag\", \"X\": [[1, 2, 3, 0], [\"1/2\", 1, 1.5, "
           "0]], \"y\": [1, 2], " SHAPE ", \"regularizer\": \"paper\"}",
           "rows 1 and 2 of X are linearly dependent", "rank 1 < n = 2",
           "scaled duplicate rows");
    reject("{\"model\": \"diag\", \"X\": [[1, 0, 0, 0], [0, 0, 0, 0]], "
           "\"y\": [1, 2], " SHAPE ", \"regularizer\": \"paper\"}",
           "row 2 of X is zero", "rank 1 < n = 2", "zero row");
    reject("{\"model\": \"diag\", \"X\": [[1, 0, 0, 0], [0, 1, 0, 0], "
           "[1, 1, 0, 0]], \"y\": [1, 2, 3], " SHAPE
           ", \"regularizer\": \"paper\"}",
           "rows 1, 2 and 3 of X are linearly dependent", "rank 2 < n = 3",
           "three dependent rows");
    reject("{" DIAG ", \"init\": {\"alpha\": \"0\", \"s\": \"0.5\"}, "
           "\"regularizer\": \"paper\"}",
           "init.alpha", "> 0", "alpha = 0");
    reject("{" DIAG ", \"init\": {\"alpha\": -1, \"s\": \"0.5\"}, "
           "\"regularizer\": \"paper\"}",
           "init.alpha", "> 0", "alpha < 0");
    reject("{" DIAG ", \"init\": {\"alpha\": 1, \"s\": 1}, "
           "\"regularizer\": \"paper\"}",
           "init.s", "0 <= s < 1", "diag s = 1");
    reject("{" DIAG ", \"init\": {\"alpha\": 1, \"s\": \"-1/10\"}, "
           "\"regularizer\": \"paper\"}",
           "init.s", "0 <= s < 1", "diag s < 0");
    reject("{" DIAG ", \"init\": {\"alpha\": 1}, \"regularizer\": "
           "\"paper\"}",
           "init", "\"s\" is missing", "diag s missing");
    reject("{" DIAG ", \"init\": {\"alpha\": \"nan\", \"s\": 0}, "
           "\"regularizer\": \"paper\"}",
           "init.alpha", "finite", "alpha nan");
    reject("{" DIAG ", \"init\": {\"alpha\": \"1,5\", \"s\": 0}, "
           "\"regularizer\": \"paper\"}",
           "init.alpha", "'.'", "alpha with a decimal comma");
    reject("{" DIAG ", \"init\": {\"alpha\": \"1e100001\", \"s\": 0}, "
           "\"regularizer\": \"paper\"}",
           "init.alpha", "100000", "huge exponent");
    reject("{" DIAG ", \"init\": {\"alpha\": \" 1\", \"s\": 0}, "
           "\"regularizer\": \"paper\"}",
           "init.alpha", "whitespace", "whitespace in a number");
    reject("{" DIAG ", \"init\": {\"alpha\": 1, \"s\": 0, \"u_plus\": "
           "[1, 1, 1]}, \"regularizer\": \"paper\"}",
           "init", "mixed", "mixed start forms");
    reject("{" DIAG ", \"init\": {\"u_plus\": [1, 1], \"v_plus\": [1, 1, 1], "
           "\"u_minus\": [1, 1, 1], \"v_minus\": [1, 1, 1]}, "
           "\"regularizer\": \"general\"}",
           "init.u_plus", "3 entries were expected", "u_plus length != d");
    reject("{" DIAG ", \"init\": {\"u_plus\": [1, 1, 1], \"v_plus\": "
           "[1, 1, 1], \"u_minus\": [1, 1, 1]}, \"regularizer\": "
           "\"general\"}",
           "\"v_minus\" is missing", NULL, "v_minus missing");
    reject("{" DIAG ", \"init\": {\"u_plus\": [1, \"1/2\", 1], \"v_plus\": "
           "[1, 1, 1], \"u_minus\": [1, 1, 1], \"v_minus\": [1, 1, 1]}, "
           "\"regularizer\": \"paper\"}",
           "init.u_plus[1] differs from init.u_minus[1]", "\"general\"",
           "paper with a non-symmetric start");
    reject("{" DIAG ", \"init\": {\"u_plus\": [1, 1, 1], \"v_plus\": "
           "[1, 1, -1], \"u_minus\": [1, 1, 1], \"v_minus\": [1, 1, 1]}, "
           "\"regularizer\": \"paper\"}",
           "init.v_plus[2] differs", "\"general\"",
           "paper with a sign-flipped v");
    reject("{" DIAG ", \"init\": {\"u_plus\": [1, 0, 1], \"v_plus\": "
           "[1, 0, 1], \"u_minus\": [1, 0, 1], \"v_minus\": [1, 0, 1]}, "
           "\"regularizer\": \"paper\"}",
           "k[1]", "\"general\"", "paper with k_i = 0");
    reject("{" DIAG ", \"init\": {\"u_plus\": [1, 0, 0], \"v_plus\": "
           "[1, 0, 0], \"u_minus\": [1, 0, 0], \"v_minus\": [0, 0, 0]}, "
           "\"regularizer\": \"general\"}",
           "row 2 of X is zero there", "rank 1 < n = 2",
           "general: moving columns lose rank");
    reject("{\"model\": \"fc1\", " XY ", \"init\": {\"w0\": [0, 0, 0], "
           "\"a0\": \"0.5\"}, \"regularizer\": \"paper\"}",
           "init.w0 is zero", NULL, "fc1 w0 = 0");
    reject("{\"model\": \"fc1\", " XY ", \"init\": {\"w0\": [1, 0, 0], "
           "\"a0\": 0}, \"regularizer\": \"paper\"}",
           "init.a0 is zero", NULL, "fc1 a0 = 0");
    reject("{\"model\": \"fc1\", " XY ", \"init\": {\"alpha\": 1, \"s\": 0, "
           "\"direction\": [0, 0, 0]}, \"regularizer\": \"paper\"}",
           "init.direction", "zero", "fc1 zero direction");
    reject("{\"model\": \"fc1\", " XY ", \"init\": {\"alpha\": 1, "
           "\"s\": -1, \"direction\": [1, 0, 0]}, \"regularizer\": "
           "\"paper\"}",
           "init.s", "-1 < s < 1", "fc1 s = -1");
    reject("{\"model\": \"fc1\", " XY ", \"init\": {\"alpha\": 1, "
           "\"s\": \"0.5\", \"direction\": [1, 0, 0], \"sign\": 2}, "
           "\"regularizer\": \"paper\"}",
           "init.sign", "1 or -1", "fc1 sign 2");
    reject("{\"model\": \"fc1\", " XY ", \"init\": {\"w0\": [1, 0, 0], "
           "\"a0\": 1}, \"regularizer\": \"general\"}",
           "does not support the regularizer \"general\"", "\"paper\"",
           "fc1 with general");
    reject("{\"model\": \"fc\", " XY ", \"init\": {\"neurons\": "
           "[{\"w0\": [1, 0, 0], \"a0\": 1}, {\"w0\": [0, 1, 0], "
           "\"a0\": 0}]}, \"regularizer\": \"candidate-sum\"}",
           "init.neurons[1].a0 is zero", NULL, "fc neuron a0 = 0");
    reject("{\"model\": \"fc\", " XY ", \"init\": {\"neurons\": "
           "[{\"w0\": [0, 0, 0], \"a0\": 1}]}, \"regularizer\": "
           "\"candidate-sum\"}",
           "init.neurons[0].w0 is zero", NULL, "fc neuron w0 = 0");
    reject("{\"model\": \"fc\", " XY ", \"init\": {\"neurons\": []}, "
           "\"regularizer\": \"candidate-sum\"}",
           "init.neurons", "non-empty", "fc without neurons");
    reject("{\"model\": \"fc\", " XY ", \"init\": {\"neurons\": "
           "[{\"w0\": [1, 0, 0], \"a0\": 1}]}, \"regularizer\": \"paper\"}",
           "does not support", "\"candidate-sum\"", "fc with paper");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": \"candidate-sum\"}",
           "does not support", "\"paper\" or \"general\"",
           "diag with candidate-sum");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": \"ridge\"}",
           "unknown regularizer \"ridge\"", NULL, "unknown regularizer");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": {\"name\": \"paper\", "
           "\"k\": 0}}",
           "regularizer.k", "> 0", "override k = 0");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": {\"name\": \"paper\", "
           "\"k\": [1, \"-1e-3\", 1]}}",
           "regularizer.k", "k[1] is not positive", "override k < 0");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": {\"name\": \"paper\", "
           "\"k\": [1, 1]}}",
           "regularizer.k", "3 entries were expected",
           "override k of the wrong length");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": {\"name\": \"general\", "
           "\"k\": 1}}",
           "regularizer", "only for the \"paper\"", "override with general");
    reject("{\"model\": \"fc1\", " XY ", \"init\": {\"w0\": [1, 0, 0], "
           "\"a0\": 1}, \"regularizer\": {\"name\": \"paper\", \"k\": 1}}",
           "regularizer", "model diag", "override with fc1");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": \"paper\", \"wstar\": "
           "[1, 2]}",
           "wstar", "3 entries were expected", "wstar length != d");
    reject("{\"model\": \"diag\", \"X\": \"X.txt\", \"y\": [1], " SHAPE
           ", \"regularizer\": \"paper\"}",
           "X", ".npy or .csv", "unknown file extension");
    reject("{\"model\": \"diag\", \"X\": \"missing.npy\", \"y\": [1], " SHAPE
           ", \"regularizer\": \"paper\"}",
           "X", "missing.npy: cannot open", "missing data file");
    reject("{" DIAG ", " SHAPE ", \"regularizer\": \"paper\",\n"
           " \"regularizer\": \"general\"}",
           "duplicate key \"regularizer\"", NULL, "duplicate key");
    reject("{" DIAG ", " SHAPE ",\n \"regularizer\": paper}",
           "JSON syntax error at byte", "line 2", "syntax error");
    reject("[1, 2]", "top level must be a JSON object", NULL,
           "top level array");
    reject("", "JSON syntax error", NULL, "empty file");
#undef XY
#undef DIAG
#undef SHAPE
}

static void
test_deep_file(void)
{
    size_t n = 100000;
    char *doc = flint_malloc(n + 1);
    gfc_problem_t P;
    gfc_error_t err;
    char p[8192];

    memset(doc, '[', n);
    doc[n] = '\0';
    gfc_problem_init(P);
    tmp_file(p, sizeof(p), "deep.json", doc, n);
    tap_ok(gfc_problem_load(P, p, err) == GFC_BAD_INPUT
               && has(err->msg, "deep.json", "nested deeper"),
           "100000 '[' rejected without crash: %s", err->msg);
    flint_free(doc);
    gfc_problem_clear(P);
}

static void
write_npy(const char *name, const char *shape, const unsigned long long *v,
          size_t n)
{
    unsigned char buf[1024];
    char hdr[128], p[8192];
    size_t h, total, i, k;

    snprintf(hdr, sizeof(hdr),
             "{'descr': '<f8', 'fortran_order': False, 'shape': %s, }", shape);
    h = strlen(hdr);
    total = (10 + h + 1 + 15) / 16 * 16;
    memcpy(buf, "\x93NUMPY\x01\x00", 8);
    buf[8] = (unsigned char)(total - 10);
    buf[9] = 0;
    memcpy(buf + 10, hdr, h);
    memset(buf + 10 + h, ' ', total - 10 - h - 1);
    buf[total - 1] = '\n';
    for (i = 0; i < n; i++)
        for (k = 0; k < 8; k++)
            buf[total + 8 * i + k] = (unsigned char)(v[i] >> (8 * k));
    tmp_file(p, sizeof(p), name, buf, total + 8 * n);
}

static void
test_accepted(void)
{
    gfc_problem_t P, Q;
    gfc_error_t err;
    char h1[65], h2[65];
    /* 0.5, -3, 0.25, 1, 0, 1.5 as binary64 */
    static const unsigned long long xv[6] = { 0x3FE0000000000000ULL,
                                              0xC008000000000000ULL,
                                              0x3FD0000000000000ULL,
                                              0x3FF0000000000000ULL,
                                              0,
                                              0x3FF8000000000000ULL };
    static const unsigned long long yv[2]
        = { 0x3FF0000000000000ULL, 0x4000000000000000ULL };
    static const char *csv_x = "\xef\xbb\xbf"
                               "0.5,-3,0.25\r\n1,0,1.5\r\n";
    char p[8192];
    int r;

    gfc_problem_init(P);
    gfc_problem_init(Q);

    /* The same numbers as JSON array, .npy and CSV give one digest. */
    write_npy("X.npy", "(2, 3)", xv, 6);
    write_npy("y.npy", "(2,)", yv, 2);
    tmp_file(p, sizeof(p), "X.csv", csv_x, strlen(csv_x));
    r = accept(P,
               "{\"model\": \"diag\", \"X\": [[0.5, -3, \"1/4\"], "
               "[1, 0, \"15e-1\"]], \"y\": [1, 2], \"init\": "
               "{\"alpha\": \"1e-4\", \"s\": \"0.5\"}, \"regularizer\": "
               "\"paper\"}",
               err);
    gfc_problem_digest_hex(h1, P);
    r |= accept(Q,
                "{\"model\": \"diag\", \"X\": \"X.npy\", \"y\": "
                "\"y.npy\", \"init\": {\"alpha\": 0.0001, \"s\": 0.50}, "
                "\"regularizer\": \"paper\"}",
                err);
    gfc_problem_digest_hex(h2, Q);
    tap_ok(r == 0 && strcmp(h1, h2) == 0,
           "JSON-array X and .npy X: same digest %s %s", h1, err->msg);
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": \"X.csv\", \"y\": [\"1\", "
               "\"2/1\"], \"init\": {\"alpha\": \"1/10000\", "
               "\"s\": \"1/2\"}, \"regularizer\": \"paper\"}",
               err);
    gfc_problem_digest_hex(h2, Q);
    tap_ok(r == 0 && strcmp(h1, h2) == 0, "CSV X: same digest %s", err->msg);
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": \"X.npy\", \"y\": [1, 3], "
               "\"init\": {\"alpha\": \"1e-4\", \"s\": \"0.5\"}, "
               "\"regularizer\": \"paper\"}",
               err);
    gfc_problem_digest_hex(h2, Q);
    tap_ok(r == 0 && strcmp(h1, h2) != 0, "a changed y changes the digest");
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": \"X.npy\", \"y\": [1, 2], "
               "\"init\": {\"alpha\": \"1e-4\", \"s\": \"0.5\"}, "
               "\"regularizer\": \"general\"}",
               err);
    gfc_problem_digest_hex(h2, Q);
    tap_ok(r == 0 && strcmp(h1, h2) != 0 && Q->k == NULL,
           "the regularizer is part of the digest; general has no k");
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": \"X.npy\", \"y\": [1, 2], "
               "\"init\": {\"alpha\": \"1e-4\", \"s\": \"0.5\"}, "
               "\"regularizer\": \"paper\", \"wstar\": [0, 0, 1]}",
               err);
    gfc_problem_digest_hex(h2, Q);
    tap_ok(r == 0 && strcmp(h1, h2) != 0 && Q->wstar != NULL
               && q_is(Q->wstar + 2, 1, 1),
           "wstar is read and enters the digest");

    /* Override k: scalar and vector; equal to the derived k, same digest. */
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": \"X.npy\", \"y\": [1, 2], "
               "\"init\": {\"alpha\": \"1e-4\", \"s\": \"0.5\"}, "
               "\"regularizer\": {\"name\": \"paper\", "
               "\"k\": \"1/1500\"}}",
               err);
    gfc_problem_digest_hex(h2, Q);
    tap_ok(r == 0 && Q->k_override == 1 && q_is(Q->k + 2, 1, 1500)
               && strcmp(h1, h2) == 0,
           "override k = 1/1500 (the derived value) %s", err->msg);
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": \"X.npy\", \"y\": [1, 2], "
               "\"init\": {\"alpha\": \"1e-4\", \"s\": \"0.5\"}, "
               "\"regularizer\": {\"name\": \"paper\", "
               "\"k\": [1, \"0.5\", 3]}}",
               err);
    tap_ok(r == 0 && Q->k_override && q_is(Q->k + 1, 1, 2)
               && q_is(Q->k + 2, 3, 1),
           "override k as a vector %s", err->msg);

    /* Explicit diag start, general, one coordinate frozen at zero. */
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": [[1, 0, 0], [0, 1, 0]], "
               "\"y\": [1, 2], \"init\": {\"u_plus\": [1, \"-1/2\", 0], "
               "\"v_plus\": [2, 1, 0], \"u_minus\": [0, 1, 0], "
               "\"v_minus\": [1, 1, 0]}, \"regularizer\": \"general\"}",
               err);
    tap_ok(r == 0 && Q->N == 12 && q_is(Q->theta0_sq + 1, 1, 4)
               && Q->theta0_sign[1] == -1 && Q->theta0_sign[2] == 0
               && q_is(Q->theta0_sq + 3, 4, 1) && Q->theta0_sign[6] == 0
               && Q->k == NULL && !Q->has_shape,
           "explicit general diag start %s", err->msg);
    /* Symmetric explicit start with paper: k = 2(u^2 + v^2). */
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": [[1, 0, 0], [0, 1, 0]], "
               "\"y\": [1, 2], \"init\": {\"u_plus\": [1, \"1/2\", 3], "
               "\"v_plus\": [2, 1, -1], \"u_minus\": [1, \"0.5\", 3], "
               "\"v_minus\": [2, 1, -1]}, \"regularizer\": \"paper\"}",
               err);
    tap_ok(r == 0 && q_is(Q->k, 10, 1) && q_is(Q->k + 1, 5, 2)
               && q_is(Q->k + 2, 20, 1),
           "explicit symmetric start: k = 2(u^2 + v^2) %s", err->msg);

    /* fc1 shape: alpha = 1, s = 0.6, direction (3, 4, 0), sign -1. */
    r = accept(Q,
               "{\"model\": \"fc1\", \"X\": [[1, 0, 0], [0, 1, 0]], "
               "\"y\": [1, 2], \"init\": {\"alpha\": 1, \"s\": 0.6, "
               "\"direction\": [3, -4, 0], \"sign\": -1}, "
               "\"regularizer\": \"paper\"}",
               err);
    tap_ok(r == 0 && Q->N == 4 && q_is(Q->theta0_sq, 9, 100)
               && q_is(Q->theta0_sq + 1, 16, 100)
               && fmpq_is_zero(Q->theta0_sq + 2)
               && q_is(Q->theta0_sq + 3, 4, 1) && Q->theta0_sign[0] == 1
               && Q->theta0_sign[1] == -1 && Q->theta0_sign[2] == 0
               && Q->theta0_sign[3] == -1 && Q->has_shape,
           "fc1 shape: |a0|^2 = 4, w0^2 = (9, 16, 0)/100, signs %s", err->msg);
    r = accept(Q,
               "{\"model\": \"fc1\", \"X\": [[1, 0, 0], [0, 1, 0]], "
               "\"y\": [1, 2], \"init\": {\"alpha\": \"1e-4\", "
               "\"s\": \"-0.5\", \"direction\": \"X.npy\"}, "
               "\"regularizer\": \"paper\"}",
               err);
    tap_ok(r == GFC_BAD_INPUT
               && has(err->msg, "init.direction",
                      "a 1-D array of length 3 was expected")
               && has(err->msg, "2-D array of shape (2, 3) found", NULL),
           "a 2-D .npy where a vector belongs: %s", err->msg);
    r = accept(Q,
               "{\"model\": \"fc1\", \"X\": [[1, 0, 0], [0, 1, 0]], "
               "\"y\": [1, 2], \"init\": {\"alpha\": \"1e-4\", "
               "\"s\": \"-0.5\", \"direction\": [1, 1, 1]}, "
               "\"regularizer\": \"paper\"}",
               err);
    tap_ok(r == 0 && q_is(Q->theta0_sq + 3, 1, 30000)
               && q_is(Q->theta0_sq, 1, 10000) && Q->theta0_sign[3] == 1,
           "fc1 negative s: a0^2 = 1/30000, w0_i^2 = 1e-4 %s", err->msg);

    /* fc with two neurons: layout w_0, a_0, w_1, a_1. */
    r = accept(Q,
               "{\"model\": \"fc\", \"X\": [[1, 0, 0], [0, 1, 0]], "
               "\"y\": [1, 2], \"init\": {\"neurons\": [{\"w0\": [1, 0, "
               "0], \"a0\": 2}, {\"w0\": [0, \"-0.5\", 0], \"a0\": -3}]}, "
               "\"regularizer\": \"candidate-sum\"}",
               err);
    tap_ok(r == 0 && Q->m == 2 && Q->N == 8 && q_is(Q->theta0_sq + 3, 4, 1)
               && q_is(Q->theta0_sq + 5, 1, 4) && Q->theta0_sign[5] == -1
               && q_is(Q->theta0_sq + 7, 9, 1) && Q->theta0_sign[7] == -1
               && Q->reg == GFC_REG_CANDIDATE_SUM,
           "fc with two neurons %s", err->msg);

    /* A vector from a one-row CSV, an absolute path, and reuse of Q. */
    tmp_file(p, sizeof(p), "row.csv", "1,2\n", 4);
    {
        char doc[9000];

        snprintf(doc, sizeof(doc),
                 "{\"model\": \"diag\", \"X\": [[1, 0, 0], [0, 1, 0]], "
                 "\"y\": \"%s\", \"init\": {\"alpha\": 1, \"s\": 0}, "
                 "\"regularizer\": \"paper\"}",
                 p);
        r = accept(Q, doc, err);
    }
    tap_ok(r == 0 && q_is(Q->y + 1, 2, 1) && Q->path != NULL,
           "one-row CSV vector by absolute path %s", err->msg);
    r = accept(Q,
               "{\"model\": \"diag\", \"X\": [[1, 0, 0], [0, 1, 0]], "
               "\"y\": \"X.csv\", \"init\": {\"alpha\": 1, \"s\": 0}, "
               "\"regularizer\": \"paper\"}",
               err);
    tap_ok(
        r == GFC_BAD_INPUT
            && has(err->msg, "one row or one column", "2 rows of 3 columns"),
        "a CSV matrix where a vector belongs: %s", err->msg);

    gfc_problem_clear(P);
    gfc_problem_clear(Q);
}

/* Under a comma-decimal locale nothing may change (cases/B16). */
static void
test_locale(void)
{
    gfc_problem_t P, Q;
    gfc_error_t err;
    char h1[65], h2[65];
    int r;

    gfc_problem_init(P);
    gfc_problem_init(Q);
    r = load_case(P, "b16_diag_locale.json", err);
    gfc_problem_digest_hex(h1, P);
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL
        && setlocale(LC_ALL, "de_DE") == NULL)
        tap_ok(1, "# SKIP no de_DE locale installed");
    else
    {
        r |= load_case(Q, "b16_diag_locale.json", err);
        gfc_problem_digest_hex(h2, Q);
        tap_ok(r == 0 && strcmp(h1, h2) == 0,
               "b16 under de_DE: same problem and digest");
        setlocale(LC_ALL, "C");
    }
    gfc_problem_clear(P);
    gfc_problem_clear(Q);
}

static void
test_rank(void)
{
    fmpq_mat_t X;
    slong dep[40], ndep, i, j;
    int cols[6] = { 1, 1, 0, 1, 0, 0 };
    flint_rand_t st;
    fmpz_t big;

    /* Rows 0 and 2 agree on the selected columns only. */
    fmpq_mat_init(X, 3, 6);
    for (i = 0; i < 6; i++)
    {
        fmpq_set_si(fmpq_mat_entry(X, 0, i), i + 1, 1);
        fmpq_set_si(fmpq_mat_entry(X, 1, i), (i % 2) ? 1 : 0, 1);
        fmpq_set_si(fmpq_mat_entry(X, 2, i), i + 1, 2);
    }
    fmpq_set_si(fmpq_mat_entry(X, 2, 2), 7, 1);
    tap_ok(gfc_rows_rank(X, NULL, dep, &ndep) == 3, "rank 3 overall");
    tap_ok(gfc_rows_rank(X, cols, dep, &ndep) == 2 && ndep == 2 && dep[0] == 0
               && dep[1] == 2,
           "rank 2 on columns {0, 1, 3}: rows 0 and 2 dependent");
    fmpq_mat_clear(X);

    /* A minor equal to the product of the three primes the rank test
       works modulo: rank 2 over Q, rank 1 modulo each prime. */
    fmpz_init(big);
    fmpz_set_ui(big, UWORD(4294967291));
    fmpz_mul_ui(big, big, UWORD(4294967279));
    fmpz_mul_ui(big, big, UWORD(4294967231));
    fmpq_mat_init(X, 3, 4);
    fmpq_one(fmpq_mat_entry(X, 0, 0));
    fmpz_set(fmpq_numref(fmpq_mat_entry(X, 1, 1)), big);
    tap_ok(gfc_rows_rank(X, NULL, dep, &ndep) == 2 && ndep == 1 && dep[0] == 2,
           "unlucky primes: exact rank 2, row 3 zero");
    fmpz_mul_ui(big, big, 2);
    fmpz_set(fmpq_numref(fmpq_mat_entry(X, 2, 1)), big);
    tap_ok(gfc_rows_rank(X, NULL, dep, &ndep) == 2 && ndep == 2 && dep[0] == 1
               && dep[1] == 2,
           "unlucky primes: rows 2 and 3 dependent");
    fmpq_mat_clear(X);
    fmpz_clear(big);

    /* Random 30 x 60 with row 17 = 3 row 4 - row 9 / 2. */
    gfc_randinit(st);
    fmpq_mat_init(X, 30, 60);
    for (i = 0; i < 30; i++)
        for (j = 0; j < 60; j++)
            fmpq_randtest(fmpq_mat_entry(X, i, j), st, 40);
    tap_ok(gfc_rows_rank(X, NULL, dep, &ndep) == 30, "random 30 x 60: full");
    for (j = 0; j < 60; j++)
    {
        fmpq *e = fmpq_mat_entry(X, 17, j);

        fmpq_mul_si(e, fmpq_mat_entry(X, 4, j), 3);
        fmpq_div_2exp(fmpq_mat_entry(X, 16, 0), fmpq_mat_entry(X, 9, j), 1);
        fmpq_sub(e, e, fmpq_mat_entry(X, 16, 0));
        fmpq_randtest(fmpq_mat_entry(X, 16, 0), st, 40);
    }
    tap_ok(gfc_rows_rank(X, NULL, dep, &ndep) == 29 && ndep == 3 && dep[0] == 4
               && dep[1] == 9 && dep[2] == 17,
           "random 30 x 60 with a planted dependency: rows 5, 10, 18");
    fmpq_mat_clear(X);
    gfc_randclear(st);
}

int
main(void)
{
    const char *t = getenv("top_srcdir");
    const char *tmp = getenv("TMPDIR");
    char p[sizeof(tmp_dir) + sizeof(written[0]) + 16];
    int i;

    snprintf(top, sizeof(top), "%s", (t != NULL) ? t : ".");
    snprintf(tmp_dir, sizeof(tmp_dir), "%s/gfc-problem-XXXXXX",
             (tmp != NULL) ? tmp : "/tmp");
    if (mkdtemp(tmp_dir) == NULL)
    {
        tap_ok(0, "mkdtemp %s", tmp_dir);
        return tap_done();
    }
    test_cases();
    test_data();
    test_rejections();
    test_deep_file();
    test_accepted();
    test_locale();
    test_rank();
    for (i = 0; i < nwritten; i++)
    {
        snprintf(p, sizeof(p), "%.4000s/%.120s", tmp_dir, written[i]);
        unlink(p);
    }
    rmdir(tmp_dir);
    flint_cleanup();
    return tap_done();
}
