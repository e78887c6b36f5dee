/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * CSV of exact decimals.  Spreadsheets write a UTF-8 byte-order mark and
 * CRLF line ends; both are accepted so that neither sticks to a value.
 * Quoting, other separators and decimal commas are refused with the line
 * and column, never guessed at.
 */
#include "problem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
    fmpq *v;
    slong len;
    slong alloc;
} qvec;

static void
qvec_push(qvec *q, fmpq_t x)
{
    if (q->len == q->alloc)
    {
        slong na = (q->alloc == 0) ? 64 : 2 * q->alloc, i;
        fmpq *nv = realloc(q->v, (size_t)na * sizeof(fmpq));

        if (nv == NULL)
            gfc_abort("out of memory reading a CSV file");
        for (i = q->alloc; i < na; i++)
            fmpq_init(nv + i);
        q->v = nv;
        q->alloc = na;
    }
    fmpq_swap(q->v + q->len, x);
    q->len++;
}

static void
qvec_clear(qvec *q)
{
    slong i;

    for (i = 0; i < q->alloc; i++)
        fmpq_clear(q->v + i);
    free(q->v);
    q->v = NULL;
    q->len = q->alloc = 0;
}

static int
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

int
gfc_csv_parse(gfc_qarray_t A, const char *buf, size_t len, const char *name,
              slong *budget, gfc_error_t err)
{
    size_t pos = 0;
    slong line = 0, rows = 0, cols = -1, blank_line = 0, i;
    qvec q = { NULL, 0, 0 };
    fmpq_t x;
    int r = GFC_BAD_INPUT;

    gfc_qarray_clear(A);
    fmpq_init(x);
    if (len >= 3 && (unsigned char)buf[0] == 0xef
        && (unsigned char)buf[1] == 0xbb && (unsigned char)buf[2] == 0xbf)
        pos = 3;
    while (pos < len)
    {
        size_t a = pos, e = pos, f;
        slong col = 0, nfields = 0;
        int blank = 1;

        line++;
        while (e < len && buf[e] != '\n')
            e++;
        pos = (e < len) ? e + 1 : e;
        if (e > a && buf[e - 1] == '\r')
            e--;
        for (f = a; f < e; f++)
            if (!is_blank(buf[f]))
                blank = 0;
        if (blank)
        {
            if (blank_line == 0)
                blank_line = line;
            continue;
        }
        if (blank_line != 0)
        {
            gfc_error_set(err,
                          "%s: line %ld is blank but data follows on line "
                          "%ld; blank lines are allowed only at the end",
                          name, (long)blank_line, (long)line);
            goto done;
        }
        f = a;
        for (;;)
        {
            size_t s = f, t;
            const char *why;

            col++;
            while (f < e && buf[f] != ',')
                f++;
            t = f;
            while (s < t && is_blank(buf[s]))
                s++;
            while (t > s && is_blank(buf[t - 1]))
                t--;
            if (s == t)
            {
                gfc_error_set(err,
                              "%s: line %ld, column %ld: the field is empty; "
                              "a decimal number was expected",
                              name, (long)line, (long)col);
                goto done;
            }
            if (gfc_decimal_parse(x, buf + s, t - s, 0, &why))
            {
                char shown[80];
                int semi = (memchr(buf + a, ';', e - a) != NULL);

                gfc_quote_bytes(shown, sizeof(shown), buf + s, t - s);
                gfc_error_set(err,
                              "%s: line %ld, column %ld: \"%s\" is not a "
                              "decimal number (%s); a decimal number with "
                              "'.' was expected, fields separated by ','%s",
                              name, (long)line, (long)col, shown, why,
                              semi ? " (this line looks like ';'-separated "
                                     "data with decimal commas)"
                                   : "");
                goto done;
            }
            if (q.len >= GFC_MAX_ELEMENTS)
            {
                gfc_error_set(err,
                              "%s: line %ld, column %ld: more than %ld "
                              "numbers, the limit for one array",
                              name, (long)line, (long)col,
                              (long)GFC_MAX_ELEMENTS);
                goto done;
            }
            if (gfc_budget_take(budget, x))
            {
                gfc_error_set(err,
                              "%s: line %ld, column %ld: the numbers read so "
                              "far exceed the size limit of a problem",
                              name, (long)line, (long)col);
                goto done;
            }
            qvec_push(&q, x);
            nfields++;
            if (f >= e)
                break;
            f++;
        }
        if (cols < 0)
            cols = nfields;
        else if (nfields != cols)
        {
            gfc_error_set(err,
                          "%s: line %ld has %ld columns, the first data line "
                          "has %ld; every row must have the same number of "
                          "columns",
                          name, (long)line, (long)nfields, (long)cols);
            goto done;
        }
        rows++;
    }
    if (rows == 0)
    {
        gfc_error_set(err,
                      "%s: no data; at least one line of decimal "
                      "numbers was expected",
                      name);
        goto done;
    }
    A->ndim = 2;
    A->rows = rows;
    A->cols = cols;
    A->v = _fmpq_vec_init(rows * cols);
    for (i = 0; i < rows * cols; i++)
        fmpq_swap(A->v + i, q.v + i);
    r = 0;
done:
    fmpq_clear(x);
    qvec_clear(&q);
    return r;
}

int
gfc_csv_read(gfc_qarray_t A, const char *path, slong *budget, gfc_error_t err)
{
    char *buf;
    size_t len;
    int r;

    r = gfc_read_file(&buf, &len, path, GFC_CSV_MAX_BYTES, err);
    if (r)
        return r;
    r = gfc_csv_parse(A, buf, len, path, budget, err);
    free(buf);
    return r;
}
