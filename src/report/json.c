/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <string.h>
#include "report.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if it is not
   one: overlong forms, surrogates and code points above U+10FFFF are
   refused, as RFC 3629 requires. */
static size_t
utf8_len(const unsigned char *s)
{
    unsigned char c = s[0];
    size_t n, i;
    unsigned long cp;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        n = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 4, cp = c & 0x07;
    else
        return 0;
    for (i = 1; i < n; i++)
    {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)
        || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    return n;
}

char *
gfc_json_quote(const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *) s;
    size_t cap, k = 0, n;
    char *out;

    /* Worst case: every byte becomes a six-byte escape. */
    cap = 6 * strlen(s) + 3;
    out = flint_malloc(cap);
    out[k++] = '"';
    while (*p != '\0')
    {
        unsigned char c = *p;

        if (c == '"' || c == '\\')
        {
            out[k++] = '\\';
            out[k++] = (char) c;
            p++;
        }
        else if (c == '\n' || c == '\t' || c == '\r')
        {
            out[k++] = '\\';
            out[k++] = (c == '\n') ? 'n' : (c == '\t') ? 't' : 'r';
            p++;
        }
        else if (c < 0x20 || c == 0x7f)
        {
            memcpy(out + k, "\\u00", 4);
            out[k + 4] = hex[c >> 4];
            out[k + 5] = hex[c & 15];
            k += 6;
            p++;
        }
        else if ((n = utf8_len(p)) != 0)
        {
            memcpy(out + k, p, n);
            k += n;
            p += n;
        }
        else
        {
            memcpy(out + k, "\\ufffd", 6);
            k += 6;
            p++;
        }
    }
    out[k++] = '"';
    out[k] = '\0';
    return out;
}
