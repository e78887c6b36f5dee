/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * A growing text buffer for the JSON, CSV and LaTeX the toolkit writes.
 */
#include <string.h>
#include "report.h"

void
gfc_buf_put_n(gfc_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->alloc)
    {
        b->alloc = FLINT_MAX(2 * b->alloc, b->len + n + 1024);
        b->s = flint_realloc(b->s, b->alloc);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void
gfc_buf_put(gfc_buf *b, const char *s)
{
    gfc_buf_put_n(b, s, strlen(s));
}

void
gfc_buf_put_own(gfc_buf *b, char *s)
{
    gfc_buf_put(b, s);
    flint_free(s);
}

void
gfc_buf_put_si(gfc_buf *b, slong x)
{
    char t[32];

    flint_sprintf(t, "%wd", x);
    gfc_buf_put(b, t);
}

void
gfc_buf_put_json(gfc_buf *b, const char *s)
{
    if (s == NULL)
        gfc_buf_put(b, "null");
    else
        gfc_buf_put_own(b, gfc_json_quote(s));
}
