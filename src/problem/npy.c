/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * numpy .npy reader for float64 arrays of up to two dimensions.
 *
 * The header is a Python dict literal; only the subset numpy writes is
 * understood (string keys, a string, True/False, a tuple of integers).
 * Every offset is checked against the buffer length before use: the file
 * may be truncated or hostile.
 */
#include "problem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
    const unsigned char *p;
    const unsigned char *end;
} cursor;

typedef struct
{
    int have_descr, have_order, have_shape;
    char descr[64];
    int descr_ok;
    int fortran;
    int ndim;
    slong shape[2];
} header;

static void
skip_ws(cursor *c)
{
    while (
        c->p < c->end
        && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

/* A quoted string without escapes; returns 0 and a span, or 1. */
static int
read_str(cursor *c, const unsigned char **s, size_t *len)
{
    unsigned char q;

    if (c->p >= c->end || (*c->p != '\'' && *c->p != '"'))
        return 1;
    q = *c->p++;
    *s = c->p;
    while (c->p < c->end && *c->p != q)
    {
        if (*c->p == '\\')
            return 1;
        c->p++;
    }
    if (c->p >= c->end)
        return 1;
    *len = (size_t)(c->p - *s);
    c->p++;
    return 0;
}

static int
word(cursor *c, const char *w)
{
    size_t n = strlen(w);

    if ((size_t)(c->end - c->p) >= n && memcmp(c->p, w, n) == 0)
    {
        c->p += n;
        return 1;
    }
    return 0;
}

static int
bad_header(const char *name, const char *what, gfc_error_t err)
{
    gfc_error_set(err,
                  "%s: the .npy header is malformed (%s); expected a header "
                  "such as {'descr': '<f8', 'fortran_order': False, "
                  "'shape': (2, 3), }",
                  name, what);
    return GFC_BAD_INPUT;
}

static int
too_many(const char *name, gfc_error_t err)
{
    gfc_error_set(err, "%s: the array has more than %ld elements, the limit",
                  name, (long)GFC_MAX_ELEMENTS);
    return GFC_BAD_INPUT;
}

static int
read_shape(cursor *c, header *h, const char *name, gfc_error_t err)
{
    int nd = 0;

    if (c->p >= c->end || *c->p != '(')
        return bad_header(name, "'shape' must be a tuple of integers", err);
    c->p++;
    for (;;)
    {
        slong v = 0;
        const unsigned char *a;

        skip_ws(c);
        if (c->p < c->end && *c->p == ')')
        {
            c->p++;
            break;
        }
        a = c->p;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
        {
            if (v > GFC_MAX_ELEMENTS)
                return too_many(name, err);
            v = 10 * v + (*c->p - '0');
            c->p++;
        }
        if (c->p == a)
            return bad_header(name,
                              "'shape' must be a tuple of "
                              "non-negative integers",
                              err);
        if (v > GFC_MAX_ELEMENTS)
            return too_many(name, err);
        if (nd >= 2)
        {
            gfc_error_set(err,
                          "%s: arrays of more than 2 dimensions are not "
                          "accepted; a vector (1-D) or a matrix (2-D) was "
                          "expected",
                          name);
            return GFC_BAD_INPUT;
        }
        h->shape[nd++] = v;
        skip_ws(c);
        if (c->p < c->end && *c->p == ',')
        {
            c->p++;
            continue;
        }
        skip_ws(c);
        if (c->p < c->end && *c->p == ')')
        {
            c->p++;
            /* Python requires the comma in a 1-tuple: "(3)" is an int. */
            if (nd == 1)
                return bad_header(name,
                                  "a 1-element 'shape' needs a "
                                  "trailing comma",
                                  err);
            break;
        }
        return bad_header(name, "'shape' must be a tuple of integers", err);
    }
    h->ndim = nd;
    return 0;
}

static int
parse_header(header *h, const unsigned char *s, size_t len, const char *name,
             gfc_error_t err)
{
    cursor c;

    memset(h, 0, sizeof(*h));
    c.p = s;
    c.end = s + len;
    skip_ws(&c);
    if (c.p >= c.end || *c.p != '{')
        return bad_header(name, "it does not start with '{'", err);
    c.p++;
    for (;;)
    {
        const unsigned char *k;
        size_t kl;

        skip_ws(&c);
        if (c.p < c.end && *c.p == '}')
        {
            c.p++;
            break;
        }
        if (read_str(&c, &k, &kl))
            return bad_header(name, "a key is not a quoted string", err);
        skip_ws(&c);
        if (c.p >= c.end || *c.p != ':')
            return bad_header(name, "':' missing after a key", err);
        c.p++;
        skip_ws(&c);
        if (kl == 5 && memcmp(k, "descr", 5) == 0)
        {
            const unsigned char *v;
            size_t vl;

            if (h->have_descr++)
                return bad_header(name, "'descr' appears twice", err);
            if (read_str(&c, &v, &vl))
                return bad_header(name,
                                  "'descr' must be a plain dtype "
                                  "string such as '<f8'",
                                  err);
            gfc_quote_bytes(h->descr, sizeof(h->descr), (const char *)v, vl);
            h->descr_ok = (vl == 3 && (v[0] == '<' || v[0] == '>')
                           && v[1] == 'f' && v[2] == '8');
        }
        else if (kl == 13 && memcmp(k, "fortran_order", 13) == 0)
        {
            if (h->have_order++)
                return bad_header(name, "'fortran_order' appears twice", err);
            if (word(&c, "True"))
                h->fortran = 1;
            else if (word(&c, "False"))
                h->fortran = 0;
            else
                return bad_header(name,
                                  "'fortran_order' must be True or "
                                  "False",
                                  err);
        }
        else if (kl == 5 && memcmp(k, "shape", 5) == 0)
        {
            int r;

            if (h->have_shape++)
                return bad_header(name, "'shape' appears twice", err);
            r = read_shape(&c, h, name, err);
            if (r)
                return r;
        }
        else
        {
            char q[80], what[160];

            gfc_quote_bytes(q, sizeof(q), (const char *)k, kl);
            snprintf(what, sizeof(what),
                     "unknown key '%s'; only 'descr', 'fortran_order' and "
                     "'shape' are understood",
                     q);
            return bad_header(name, what, err);
        }
        skip_ws(&c);
        if (c.p < c.end && *c.p == ',')
        {
            c.p++;
            continue;
        }
        skip_ws(&c);
        if (c.p < c.end && *c.p == '}')
        {
            c.p++;
            break;
        }
        return bad_header(name, "',' or '}' expected after a value", err);
    }
    skip_ws(&c);
    if (c.p != c.end)
        return bad_header(name, "text after the closing '}'", err);
    if (!h->have_descr)
        return bad_header(name, "the key 'descr' is missing", err);
    if (!h->have_order)
        return bad_header(name, "the key 'fortran_order' is missing", err);
    if (!h->have_shape)
        return bad_header(name, "the key 'shape' is missing", err);
    return 0;
}

static unsigned long long
load64(const unsigned char *p, int big)
{
    unsigned long long v = 0;
    int i;

    for (i = 0; i < 8; i++)
        v = (v << 8) | p[big ? i : 7 - i];
    return v;
}

int
gfc_npy_parse(gfc_qarray_t A, const unsigned char *buf, size_t len,
              const char *name, gfc_error_t err)
{
    static const unsigned char magic[6] = { 0x93, 'N', 'U', 'M', 'P', 'Y' };
    size_t hlen, hstart, count, want, have, i;
    slong rows, cols;
    int major, minor, r, big;
    header h;

    gfc_qarray_clear(A);
    if (len == 0)
    {
        gfc_error_set(err, "%s: the file is empty; a .npy file was expected",
                      name);
        return GFC_BAD_INPUT;
    }
    if (len < 10 || memcmp(buf, magic, 6) != 0)
    {
        if (memcmp(buf, magic, (len < 6) ? len : 6) == 0)
            gfc_error_set(err,
                          "%s: truncated: the file ends inside the .npy "
                          "preamble (%zu bytes)",
                          name, len);
        else
            gfc_error_set(err,
                          "%s: not a .npy file (it does not start with the "
                          "bytes \\x93NUMPY)",
                          name);
        return GFC_BAD_INPUT;
    }
    major = buf[6];
    minor = buf[7];
    if ((major != 1 && major != 2 && major != 3) || minor != 0)
    {
        gfc_error_set(err,
                      "%s: unsupported .npy format version %d.%d; versions "
                      "1.0, 2.0 and 3.0 are understood",
                      name, major, minor);
        return GFC_BAD_INPUT;
    }
    if (major == 1)
    {
        hlen = (size_t)buf[8] | ((size_t)buf[9] << 8);
        hstart = 10;
    }
    else
    {
        if (len < 12)
        {
            gfc_error_set(err,
                          "%s: truncated: the file ends inside the .npy "
                          "preamble (%zu bytes)",
                          name, len);
            return GFC_BAD_INPUT;
        }
        hlen = (size_t)buf[8] | ((size_t)buf[9] << 8) | ((size_t)buf[10] << 16)
               | ((size_t)buf[11] << 24);
        hstart = 12;
    }
    if (hlen > GFC_NPY_MAX_HEADER)
    {
        gfc_error_set(err,
                      "%s: the .npy header claims %zu bytes; at most %d are "
                      "accepted",
                      name, hlen, GFC_NPY_MAX_HEADER);
        return GFC_BAD_INPUT;
    }
    if (len - hstart < hlen)
    {
        gfc_error_set(err,
                      "%s: truncated: the .npy header should be %zu bytes, "
                      "the file ends after %zu",
                      name, hlen, len - hstart);
        return GFC_BAD_INPUT;
    }
    r = parse_header(&h, buf + hstart, hlen, name, err);
    if (r)
        return r;
    if (!h.descr_ok)
    {
        gfc_error_set(err,
                      "%s: dtype '%s' is not supported: '<f8' or '>f8' "
                      "(float64) was expected",
                      name, h.descr);
        return GFC_BAD_INPUT;
    }
    big = (h.descr[0] == '>');

    rows = (h.ndim >= 1) ? h.shape[0] : 1;
    cols = (h.ndim == 2) ? h.shape[1] : 1;
    /* Division, not multiplication: slong may be 32 bits wide. */
    if (cols != 0 && rows > GFC_MAX_ELEMENTS / cols)
        return too_many(name, err);
    count = (size_t)(rows * cols);
    want = 8 * count;
    have = len - hstart - hlen;
    if (have < want)
    {
        gfc_error_set(err,
                      "%s: truncated: the header promises %zu data bytes, "
                      "%zu are present",
                      name, want, have);
        return GFC_BAD_INPUT;
    }
    if (have > want)
    {
        gfc_error_set(err,
                      "%s: %zu unexpected bytes after the %zu data bytes the "
                      "header promises",
                      name, have - want, want);
        return GFC_BAD_INPUT;
    }

    A->v = _fmpq_vec_init((slong)count);
    A->ndim = h.ndim;
    A->rows = rows;
    A->cols = cols;
    for (i = 0; i < count; i++)
    {
        const unsigned char *p = buf + hstart + hlen + 8 * i;
        size_t at = i;

        /* Fortran order stores column by column. */
        if (h.fortran && h.ndim == 2)
            at = (i % (size_t)rows) * (size_t)cols + i / (size_t)rows;
        if (gfc_binary64_to_fmpq(A->v + at, load64(p, big)))
        {
            char where[64];

            if (h.ndim == 2)
                snprintf(where, sizeof(where), "[%zu, %zu]", at / (size_t)cols,
                         at % (size_t)cols);
            else if (h.ndim == 1)
                snprintf(where, sizeof(where), "[%zu]", at);
            else
                snprintf(where, sizeof(where), "()");
            gfc_error_set(err,
                          "%s: the element at index %s is %s; only finite "
                          "numbers are accepted",
                          name, where,
                          (load64(p, big) & ((1ULL << 52) - 1)) ? "NaN"
                                                                : "infinite");
            gfc_qarray_clear(A);
            return GFC_BAD_INPUT;
        }
    }
    return 0;
}

int
gfc_npy_read(gfc_qarray_t A, const char *path, gfc_error_t err)
{
    char *buf;
    size_t len;
    int r;

    r = gfc_read_file(&buf, &len, path,
                      8 * (size_t)GFC_MAX_ELEMENTS + 16 + GFC_NPY_MAX_HEADER,
                      err);
    if (r)
        return r;
    r = gfc_npy_parse(A, (const unsigned char *)buf, len, path, err);
    free(buf);
    return r;
}
