/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * .npy reader: the b12-b15 case files (cases/README.md) with exact
 * expected values, and hostile or broken files built here byte by byte.
 */
#include "problem.h"
#include "tap.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char case_dir[4096];
static char tmp_dir[4096];

static const char *
case_path(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s/%s", case_dir, name);
    return buf;
}

/* Exact check against an integer matrix (row-major, scaled by 1/den). */
static int
equals(const gfc_qarray_t A, int ndim, slong rows, slong cols,
       const slong *num, slong den)
{
    slong i;
    fmpq_t e;
    int ok = (A->ndim == ndim && A->rows == rows && A->cols == cols);

    fmpq_init(e);
    for (i = 0; ok && i < rows * cols; i++)
    {
        fmpq_set_si(e, num[i], (ulong)den);
        ok = fmpq_equal(A->v + i, e);
    }
    fmpq_clear(e);
    return ok;
}

/* A .npy file in memory: preamble, header padded with spaces to a
   multiple of 16 (as numpy does) and ending in '\n', then data. */
static size_t
build(unsigned char *out, int major, const char *hdr, const void *data,
      size_t ndata)
{
    size_t pre = (major == 1) ? 10 : 12, h = strlen(hdr), total, k;

    total = pre + h + 1;
    total = (total + 15) / 16 * 16;
    memcpy(out, "\x93NUMPY", 6);
    out[6] = (unsigned char)major;
    out[7] = 0;
    k = total - pre;
    out[8] = (unsigned char)(k & 0xff);
    out[9] = (unsigned char)(k >> 8);
    if (major != 1)
    {
        out[10] = 0;
        out[11] = 0;
    }
    memcpy(out + pre, hdr, h);
    memset(out + pre + h, ' ', total - pre - h - 1);
    out[total - 1] = '\n';
    memcpy(out + total, data, ndata);
    return total + ndata;
}

static void
put_le(unsigned char *p, unsigned long long bits)
{
    int i;

    for (i = 0; i < 8; i++)
        p[i] = (unsigned char)(bits >> (8 * i));
}

static void
test_cases(void)
{
    gfc_qarray_t A;
    gfc_error_t err;
    char p[8192];
    static const slong fortran[6] = { 1, 2, 3, 4, 5, 6 };
    static const slong y12[2] = { 1, 2 };
    static const slong x13[6] = { 1, 0, 0, 0, 1, 0 };
    static const slong y13[2] = { 2, -5 };
    static const slong big[2] = { 2, 0 };
    static const slong five[1] = { 5 };
    fmpq_t e;

    gfc_qarray_init(A);
    gfc_error_init(err);
    fmpq_init(e);

    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b12_X_fortran.npy"), err)
                   == 0
               && equals(A, 2, 2, 3, fortran, 1),
           "b12: Fortran order gives X = [[1,2,3],[4,5,6]] %s", err->msg);
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b12_y.npy"), err) == 0
               && equals(A, 1, 2, 1, y12, 1),
           "b12: y = [1, 2]");
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b13_X_v1.npy"), err) == 0
               && equals(A, 2, 2, 3, x13, 1),
           "b13: v1.0 X = [[1,0,0],[0,1,0]]");
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b13_y_v2.npy"), err) == 0
               && equals(A, 1, 2, 1, y13, 4),
           "b13: v2.0 (4-byte header length) y = [0.5, -1.25] %s", err->msg);
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b13_y_v3.npy"), err) == 0
               && equals(A, 1, 2, 1, y13, 4),
           "b13: v3.0 y = [0.5, -1.25]");
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b14_X_bigendian.npy"), err)
                   == 0
               && equals(A, 2, 1, 2, big, 1),
           "b14: '>f8' gives [[2, 0]]");
    fmpz_set_str(fmpq_numref(e), "3602879701896397", 10);
    fmpz_set_str(fmpq_denref(e), "36028797018963968", 10);
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b14_y_f8.npy"), err) == 0
               && A->ndim == 1 && A->rows == 1 && fmpq_equal(A->v, e),
           "b14: y is the exact binary64 nearest 0.1, not 1/10");
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b14_y_f4.npy"), err) != 0
               && strstr(err->msg, "b14_y_f4.npy") != NULL
               && strstr(err->msg, "'<f4'") != NULL
               && strstr(err->msg, "'<f8' or '>f8'") != NULL,
           "b14: '<f4' rejected: %s", err->msg);
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b15_y_0d.npy"), err) == 0
               && equals(A, 0, 1, 1, five, 1),
           "b15: a 0-d array reads as ndim 0 (the loader refuses it)");
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "b15_X_truncated.npy"), err)
                   != 0
               && strstr(err->msg, "b15_X_truncated.npy") != NULL
               && strstr(err->msg, "truncated") != NULL,
           "b15: truncated file rejected: %s", err->msg);
    tap_ok(A->v == NULL, "a failed read leaves the array empty");
    tap_ok(gfc_npy_read(A, case_path(p, sizeof(p), "no_such_file.npy"), err)
                   != 0
               && strstr(err->msg, "no_such_file.npy") != NULL,
           "missing file: %s", err->msg);

    fmpq_clear(e);
    gfc_qarray_clear(A);
}

static void
test_version4(void)
{
    gfc_qarray_t A;
    gfc_error_t err;
    char p[8192], q[8192], *buf;
    size_t len;
    FILE *f;

    gfc_qarray_init(A);
    gfc_error_init(err);
    if (gfc_read_file(&buf, &len, case_path(p, sizeof(p), "b13_y_v2.npy"),
                      1 << 20, err))
    {
        tap_ok(0, "read b13_y_v2.npy: %s", err->msg);
        return;
    }
    buf[6] = 4;
    snprintf(q, sizeof(q), "%s/b13_y_v4.npy", tmp_dir);
    f = fopen(q, "wb");
    fwrite(buf, 1, len, f);
    fclose(f);
    free(buf);
    tap_ok(gfc_npy_read(A, q, err) != 0
               && strstr(err->msg, "b13_y_v4.npy") != NULL
               && strstr(err->msg, "version 4.0") != NULL,
           "v4 (patched byte 6) rejected naming the version: %s", err->msg);
    unlink(q);
    gfc_qarray_clear(A);
}

typedef struct
{
    const char *hdr;
    const char *want; /* part of the message */
} bad_header;

static void
test_hostile(void)
{
    static const bad_header bad[] = {
        { "{'descr': '<f8', 'fortran_order': False}", "'shape' is missing" },
        { "{'descr': '<f8', 'shape': (2,)}", "'fortran_order' is missing" },
        { "{'fortran_order': False, 'shape': (2,)}", "'descr' is missing" },
        { "garbage", "malformed" },
        { "", "malformed" },
        { "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}",
          "unknown key 'x'" },
        { "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, "
          "'shape': (2,)}",
          "twice" },
        { "{'descr': '<i8', 'fortran_order': False, 'shape': (2,)}", "'<i8'" },
        { "{'descr': '|u1', 'fortran_order': False, 'shape': (2,)}", "'|u1'" },
        { "{'descr': [('a', '<f8')], 'fortran_order': False, "
          "'shape': (2,)}",
          "plain dtype" },
        { "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}",
          "True or False" },
        { "{'descr': '<f8', 'fortran_order': False, 'shape': (2)}",
          "trailing comma" },
        { "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,)}",
          "non-negative" },
        { "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2)}",
          "more than 2 dimensions" },
        { "{'descr': '<f8', 'fortran_order': False, "
          "'shape': (1099511627776,)}",
          "elements" },
        { "{'descr': '<f8', 'fortran_order': False, "
          "'shape': (99999999999999999999999999999999,)}",
          "elements" },
        { "{'descr': '<f8', 'fortran_order': False, "
          "'shape': (16777216, 16777216)}",
          "elements" },
        { "{'descr': '<f8', 'fortran_order': False, "
          "'shape': (2097152, 3)}",
          "elements" },
        { "{'descr': '<f8', 'fortran_order': False, 'shape': (4194304,)}",
          "truncated" },
        { "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} x",
          "after the closing" },
        { "{'descr': '<f\\x38', 'fortran_order': False, 'shape': (2,)}",
          "malformed" },
        { "{'descr': '<f8' 'fortran_order': False, 'shape': (2,)}",
          "',' or '}'" },
        { "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)",
          "malformed" },
        { "{'descr: '<f8', 'fortran_order': False, 'shape': (2,)}",
          "malformed" },
    };
    unsigned char buf[512], data[64];
    gfc_qarray_t A;
    gfc_error_t err;
    size_t i, len;

    gfc_qarray_init(A);
    gfc_error_init(err);
    memset(data, 0, sizeof(data));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    {
        len = build(buf, 1, bad[i].hdr, data, 16);
        tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) != 0
                   && strstr(err->msg, "h.npy") != NULL
                   && strstr(err->msg, bad[i].want) != NULL,
               "hostile header %zu rejected (%s): %s", i, bad[i].want,
               err->msg);
    }

    /* Header length pointing far past the end of the file. */
    len = build(buf, 2,
                "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (2,)}",
                data, 16);
    buf[10] = 0xff;
    buf[11] = 0xff;
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) != 0,
           "v2 header length 4 GiB rejected: %s", err->msg);
    buf[10] = 0;
    buf[11] = 0;
    buf[9] = 0x7f;
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) != 0
               && strstr(err->msg, "truncated") != NULL,
           "header length beyond the file: %s", err->msg);

    /* Trailing bytes after the promised data. */
    len = build(buf, 1,
                "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (1,)}",
                data, 16);
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) != 0
               && strstr(err->msg, "unexpected bytes") != NULL,
           "extra bytes rejected: %s", err->msg);

    tap_ok(gfc_npy_parse(A, (const unsigned char *)"PK\3\4xxxxxxxx", 12,
                         "h.npy", err)
                   != 0
               && strstr(err->msg, "not a .npy file") != NULL,
           "wrong magic (an .npz) rejected: %s", err->msg);
    tap_ok(gfc_npy_parse(A, (const unsigned char *)"\x93NUM", 4, "h.npy", err)
                   != 0
               && strstr(err->msg, "truncated") != NULL,
           "4-byte file: %s", err->msg);
    tap_ok(gfc_npy_parse(A, (const unsigned char *)"", 0, "h.npy", err) != 0,
           "empty file: %s", err->msg);
    buf[7] = 1;
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) != 0
               && strstr(err->msg, "1.1") != NULL,
           "version 1.1 rejected: %s", err->msg);
    gfc_qarray_clear(A);
}

static void
test_values(void)
{
    unsigned char buf[512], data[64];
    gfc_qarray_t A;
    gfc_error_t err;
    size_t len;
    fmpq_t e;
    static const slong col[4] = { 1, 3, 2, 4 };

    gfc_qarray_init(A);
    gfc_error_init(err);
    fmpq_init(e);

    put_le(data, 0x7FF8000000000000ULL);
    len = build(buf, 1,
                "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (1,)}",
                data, 8);
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) != 0
               && strstr(err->msg, "NaN") != NULL,
           "NaN rejected: %s", err->msg);
    put_le(data, 0);
    put_le(data + 8, 0xFFF0000000000000ULL);
    len = build(buf, 1,
                "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (1, 2)}",
                data, 16);
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) != 0
               && strstr(err->msg, "infinite") != NULL
               && strstr(err->msg, "[0, 1]") != NULL,
           "-inf rejected with its index: %s", err->msg);

    put_le(data, 0x8000000000000000ULL);
    put_le(data + 8, 1);
    len = build(buf, 1,
                "{'descr': '<f8', 'fortran_order': False, "
                "'shape': (2,)}",
                data, 16);
    fmpq_one(e);
    fmpq_div_2exp(e, e, 1074);
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) == 0 && fmpq_is_zero(A->v)
               && fmpq_equal(A->v + 1, e),
           "-0 and the smallest subnormal exact");

    /* Fortran order, 2 x 2: file order 1, 2, 3, 4 is [[1, 3], [2, 4]]. */
    put_le(data, 0x3FF0000000000000ULL);
    put_le(data + 8, 0x4000000000000000ULL);
    put_le(data + 16, 0x4008000000000000ULL);
    put_le(data + 24, 0x4010000000000000ULL);
    len = build(buf, 3,
                "{'descr': '<f8', 'fortran_order': True, "
                "'shape': (2, 2), }",
                data, 32);
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) == 0
               && equals(A, 2, 2, 2, col, 1),
           "Fortran order 2x2 (v3.0)");

    /* Empty array: legal .npy, refused later by shape checks. */
    gfc_error_init(err);
    len = build(buf, 1,
                "{\"descr\": \"<f8\", \"fortran_order\": False, "
                "\"shape\": (0,)}",
                data, 0);
    tap_ok(gfc_npy_parse(A, buf, len, "h.npy", err) == 0 && A->rows == 0,
           "shape (0,) reads as an empty vector %s", err->msg);

    fmpq_clear(e);
    gfc_qarray_clear(A);
}

/* xorshift64*: reproducible from GFC_TEST_SEED, the same with any FLINT. */
static unsigned long long
next_random(unsigned long long *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

/* No prefix of a valid file and no single corrupted byte may crash or
   read out of bounds (ASan and valgrind watch this test). */
static void
test_prefixes_and_mutations(void)
{
    gfc_qarray_t A;
    gfc_error_t err;
    char p[8192], *full;
    unsigned char *cut;
    size_t len, i;
    int all_failed = 1, ok_after = 0;
    unsigned long long st;
    long rounds = 400 * tap_multiplier(), k;
    unsigned long seed = tap_seed();

    gfc_qarray_init(A);
    gfc_error_init(err);
    if (gfc_read_file(&full, &len,
                      case_path(p, sizeof(p), "b12_X_fortran.npy"), 1 << 20,
                      err))
    {
        tap_ok(0, "read b12_X_fortran.npy: %s", err->msg);
        return;
    }
    for (i = 0; i < len; i++)
    {
        /* A heap block of exactly i bytes, so ASan and valgrind see any
           read past the end. */
        cut = flint_malloc((i > 0) ? i : 1);
        memcpy(cut, full, i);
        if (gfc_npy_parse(A, cut, i, "cut.npy", err) == 0)
            all_failed = 0;
        flint_free(cut);
    }
    tap_ok(all_failed, "every proper prefix (%zu) rejected", len);

    st = 0x9E3779B97F4A7C15ULL ^ seed;
    for (k = 0; k < rounds; k++)
    {
        cut = flint_malloc(len);
        memcpy(cut, full, len);
        i = (size_t)(next_random(&st) % len);
        cut[i] = (unsigned char)next_random(&st);
        if (gfc_npy_parse(A, cut, len, "mut.npy", err) == 0)
            ok_after++;
        flint_free(cut);
    }
    tap_ok(1, "%ld random one-byte corruptions survived (%d still valid)",
           rounds, ok_after);
    free(full);
    gfc_qarray_clear(A);
}

int
main(void)
{
    const char *top = getenv("top_srcdir");
    const char *tmp = getenv("TMPDIR");

    snprintf(case_dir, sizeof(case_dir), "%s/tests/cases",
             (top != NULL) ? top : ".");
    snprintf(tmp_dir, sizeof(tmp_dir), "%s/gfc-npy-XXXXXX",
             (tmp != NULL) ? tmp : "/tmp");
    if (mkdtemp(tmp_dir) == NULL)
    {
        tap_ok(0, "mkdtemp %s", tmp_dir);
        return tap_done();
    }
    test_cases();
    test_version4();
    test_hostile();
    test_values();
    test_prefixes_and_mutations();
    rmdir(tmp_dir);
    flint_cleanup();
    return tap_done();
}
