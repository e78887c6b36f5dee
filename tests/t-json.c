/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The JSON document model: exact number text, limits, strictness. */
#include "problem.h"
#include "tap.h"
#include <string.h>

static int
parse(gfc_json **v, const char *s, char *msg, size_t msglen)
{
    return gfc_json_parse(v, s, strlen(s), msg, msglen);
}

static void
test_values(void)
{
    gfc_json *v;
    const gfc_json *x;
    char msg[512];
    const char *doc = "{\"a\": [1.50, -0, 1e400, "
                      "123456789012345678901234567890],\n"
                      " \"b\": \"0.1\", \"c\": true, \"d\": null, "
                      "\"e\": {\"f\": \"x\\u0000y\"}}";

    tap_ok(parse(&v, doc, msg, sizeof(msg)) == 0, "parses a document");
    x = gfc_json_get(v, "a");
    tap_ok(x != NULL && x->type == GFC_JSON_ARRAY && x->count == 4,
           "array of 4");
    tap_ok(x != NULL && strcmp(x->items[0]->text, "1.50") == 0,
           "number text kept verbatim (1.50)");
    tap_ok(x != NULL && strcmp(x->items[1]->text, "-0") == 0,
           "-0 kept as text");
    tap_ok(x != NULL && strcmp(x->items[2]->text, "1e400") == 0,
           "1e400 kept (no double overflow)");
    tap_ok(x != NULL
               && strcmp(x->items[3]->text, "123456789012345678901234567890")
                      == 0,
           "big integer kept, not clamped");
    x = gfc_json_get(v, "b");
    tap_ok(x != NULL && x->type == GFC_JSON_STRING
               && strcmp(x->text, "0.1") == 0,
           "string value");
    x = gfc_json_get(v, "c");
    tap_ok(x != NULL && x->type == GFC_JSON_BOOL && x->boolean == 1,
           "boolean");
    x = gfc_json_get(v, "d");
    tap_ok(x != NULL && x->type == GFC_JSON_NULL, "null");
    x = gfc_json_get(gfc_json_get(v, "e"), "f");
    tap_ok(x != NULL && x->len == 3 && x->text[1] == '\0',
           "string with an embedded NUL keeps its length");
    tap_ok(gfc_json_get(v, "zz") == NULL, "missing key gives NULL");
    gfc_json_free(v);
}

static void
test_errors(void)
{
    gfc_json *v = NULL;
    char msg[512];

    tap_ok(parse(&v, "{\"a\": 1, \"a\": 2}", msg, sizeof(msg)) != 0
               && v == NULL && strstr(msg, "duplicate key \"a\"") != NULL,
           "duplicate key rejected: %s", msg);
    tap_ok(parse(&v, "{\"x\": [{\"k\": 1, \"j\": 2, \"k\": 3}]}", msg,
                 sizeof(msg))
                   != 0
               && strstr(msg, "x[0]") != NULL,
           "nested duplicate names its object: %s", msg);
    tap_ok(parse(&v, "{\"a\": 1,\n \"b\": }", msg, sizeof(msg)) != 0
               && strstr(msg, "byte") != NULL && strstr(msg, "line 2") != NULL,
           "syntax error gives byte and line: %s", msg);
    tap_ok(parse(&v, "{\"a\": 1} x", msg, sizeof(msg)) != 0,
           "trailing garbage rejected: %s", msg);
    tap_ok(parse(&v, "", msg, sizeof(msg)) != 0, "empty text rejected: %s",
           msg);
    tap_ok(parse(&v, "   \n", msg, sizeof(msg)) != 0,
           "blank text rejected: %s", msg);
    tap_ok(parse(&v, "{\"a\": 1 /* c */}", msg, sizeof(msg)) != 0,
           "comments rejected: %s", msg);
    tap_ok(parse(&v, "{\"a\": NaN}", msg, sizeof(msg)) != 0,
           "NaN literal rejected: %s", msg);
    tap_ok(parse(&v, "{\"a\": 01}", msg, sizeof(msg)) != 0,
           "leading zero rejected: %s", msg);
    tap_ok(parse(&v, "{\"a\": [1, 2}", msg, sizeof(msg)) != 0,
           "mismatched bracket rejected: %s", msg);
    tap_ok(parse(&v, "{\"a\": \"\xff\"}", msg, sizeof(msg)) != 0,
           "invalid UTF-8 rejected: %s", msg);
    tap_ok(parse(&v, "{\"a\": [1, 2", msg, sizeof(msg)) != 0,
           "premature end rejected: %s", msg);
}

static void
test_many_keys(void)
{
    char *doc = flint_malloc(30000), msg[512];
    size_t k = 0;
    int i;
    gfc_json *v;

    k += (size_t)sprintf(doc + k, "{");
    for (i = 0; i < 1000; i++)
        k += (size_t)sprintf(doc + k, "%s\"k%d\": %d", i ? ", " : "", i, i);
    sprintf(doc + k, "}");
    tap_ok(parse(&v, doc, msg, sizeof(msg)) == 0 && v->count == 1000,
           "1000 distinct keys accepted");
    gfc_json_free(v);
    sprintf(doc + k, ", \"k517\": 0}");
    tap_ok(parse(&v, doc, msg, sizeof(msg)) != 0
               && strstr(msg, "\"k517\"") != NULL,
           "a duplicate among 1001 keys found: %s", msg);
    flint_free(doc);
}

static void
test_depth(void)
{
    size_t n = 100000, i;
    char *doc = flint_malloc(6 * n + 16), msg[512];
    gfc_json *v = NULL;

    for (i = 0; i < n; i++)
        doc[i] = '[';
    doc[n] = '\0';
    tap_ok(gfc_json_parse(&v, doc, n, msg, sizeof(msg)) != 0 && v == NULL
               && strstr(msg, "nested deeper") != NULL,
           "100000 '[' rejected without crash: %s", msg);

    for (i = 0; i < n; i++)
        memcpy(doc + 5 * i, "{\"a\":", 5);
    doc[5 * n] = '\0';
    tap_ok(gfc_json_parse(&v, doc, 5 * n, msg, sizeof(msg)) != 0
               && strstr(msg, "nested deeper") != NULL,
           "100000 nested objects rejected: %s", msg);

    /* Exactly at the limit is fine; one more is not. */
    for (i = 0; i < GFC_JSON_MAX_DEPTH; i++)
    {
        doc[i] = '[';
        doc[2 * GFC_JSON_MAX_DEPTH - 1 - i] = ']';
    }
    doc[2 * GFC_JSON_MAX_DEPTH] = '\0';
    tap_ok(parse(&v, doc, msg, sizeof(msg)) == 0, "depth %d accepted",
           GFC_JSON_MAX_DEPTH);
    gfc_json_free(v);
    for (i = 0; i <= GFC_JSON_MAX_DEPTH; i++)
    {
        doc[i] = '[';
        doc[2 * GFC_JSON_MAX_DEPTH + 1 - i] = ']';
    }
    doc[2 * GFC_JSON_MAX_DEPTH + 2] = '\0';
    tap_ok(parse(&v, doc, msg, sizeof(msg)) != 0, "depth %d rejected",
           GFC_JSON_MAX_DEPTH + 1);
    flint_free(doc);
}

static void
test_quote(void)
{
    char out[16];

    gfc_quote_bytes(out, sizeof(out), "a\nb\\", 4);
    tap_ok(strcmp(out, "a\\x0ab\\x5c") == 0, "control bytes escaped: %s", out);
    gfc_quote_bytes(out, sizeof(out), "abcdefghijklmnopqrstuvwxyz", 26);
    tap_ok(strlen(out) < sizeof(out) && strstr(out, "...") != NULL,
           "long text cut: %s", out);
}

int
main(void)
{
    test_values();
    test_errors();
    test_many_keys();
    test_depth();
    test_quote();
    return tap_done();
}
