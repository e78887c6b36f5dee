/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * A small JSON document model built from yajl's event (callback) parser.
 *
 * yajl_tree is not used: its tree is freed recursively, so a deeply nested
 * document could exhaust the stack.  Here depth is capped while parsing
 * (so freeing recurses at most GFC_JSON_MAX_DEPTH levels), numbers are
 * kept only as their source text, and a repeated object key is an error,
 * since keeping either copy silently would change the problem.
 */
#include "problem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

typedef struct
{
    gfc_json *root;
    gfc_json *stack[GFC_JSON_MAX_DEPTH];
    int depth;
    size_t values;
    char *key;
    size_t key_len;
    int failed;
    char why[512];
} builder;

void
gfc_quote_bytes(char *out, size_t outlen, const char *s, size_t len)
{
    size_t i, k = 0;

    if (outlen == 0)
        return;
    for (i = 0; i < len; i++)
    {
        unsigned char c = (unsigned char)s[i];

        /* Room for one escape, an ellipsis and the terminator. */
        if (k + 8 >= outlen)
        {
            if (k + 4 <= outlen)
            {
                memcpy(out + k, "...", 3);
                k += 3;
            }
            break;
        }
        if (c >= 0x20 && c < 0x7f && c != '\\')
            out[k++] = (char)c;
        else
        {
            snprintf(out + k, outlen - k, "\\x%02x", c);
            k += 4;
        }
    }
    out[k] = '\0';
}

const char *
gfc_json_type_name(gfc_json_type t)
{
    switch (t)
    {
        case GFC_JSON_NULL:
            return "null";
        case GFC_JSON_BOOL:
            return "a boolean";
        case GFC_JSON_NUMBER:
            return "a number";
        case GFC_JSON_STRING:
            return "a string";
        case GFC_JSON_ARRAY:
            return "an array";
        case GFC_JSON_OBJECT:
            return "an object";
    }
    return "an unknown value";
}

void
gfc_json_free(gfc_json *v)
{
    size_t i;

    if (v == NULL)
        return;
    for (i = 0; i < v->count; i++)
    {
        gfc_json_free(v->items[i]);
        if (v->keys != NULL)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->key_lens);
    free(v->text);
    free(v);
}

const gfc_json *
gfc_json_get(const gfc_json *obj, const char *key)
{
    size_t i, len = strlen(key);

    if (obj == NULL || obj->type != GFC_JSON_OBJECT)
        return NULL;
    for (i = 0; i < obj->count; i++)
        if (obj->key_lens[i] == len && memcmp(obj->keys[i], key, len) == 0)
            return obj->items[i];
    return NULL;
}

static char *
copy_bytes(const void *s, size_t len)
{
    char *t = malloc(len + 1);

    if (t != NULL)
    {
        memcpy(t, s, len);
        t[len] = '\0';
    }
    return t;
}

static int
fail(builder *b, const char *why)
{
    b->failed = 1;
    snprintf(b->why, sizeof(b->why), "%s", why);
    return 0;
}

/* The JSON path of the container at stack level lev (0 = the root). */
static void
container_path(char *out, size_t outlen, const builder *b, int lev)
{
    size_t k = 0;
    int i;

    out[0] = '\0';
    for (i = 0; i < lev && k + 1 < outlen; i++)
    {
        const gfc_json *c = b->stack[i];
        size_t last = c->count - 1;

        if (c->type == GFC_JSON_ARRAY)
            snprintf(out + k, outlen - k, "[%zu]", last);
        else
        {
            char q[80];

            gfc_quote_bytes(q, sizeof(q), c->keys[last], c->key_lens[last]);
            snprintf(out + k, outlen - k, "%s%s", (i == 0) ? "" : ".", q);
        }
        k = strlen(out);
    }
}

static int
add_value(builder *b, gfc_json *v)
{
    gfc_json *top;

    if (b->depth == 0)
    {
        b->root = v;
        return 1;
    }
    top = b->stack[b->depth - 1];
    if (top->count == top->alloc)
    {
        size_t na = (top->alloc == 0) ? 4 : 2 * top->alloc;
        gfc_json **ni = realloc(top->items, na * sizeof(gfc_json *));

        if (ni == NULL)
        {
            gfc_json_free(v);
            return fail(b, "out of memory");
        }
        top->items = ni;
        if (top->type == GFC_JSON_OBJECT)
        {
            char **nk = realloc(top->keys, na * sizeof(char *));
            size_t *nl;

            if (nk == NULL)
            {
                gfc_json_free(v);
                return fail(b, "out of memory");
            }
            top->keys = nk;
            nl = realloc(top->key_lens, na * sizeof(size_t));
            if (nl == NULL)
            {
                gfc_json_free(v);
                return fail(b, "out of memory");
            }
            top->key_lens = nl;
        }
        top->alloc = na;
    }
    if (top->type == GFC_JSON_OBJECT)
    {
        top->keys[top->count] = b->key;
        top->key_lens[top->count] = b->key_len;
        b->key = NULL;
    }
    top->items[top->count++] = v;
    return 1;
}

static gfc_json *
new_value(builder *b, gfc_json_type t)
{
    gfc_json *v;

    /* Each value costs about a hundred bytes of tree. */
    if (++b->values > GFC_JSON_MAX_VALUES)
    {
        char why[128];

        snprintf(why, sizeof(why), "the document has more than %zu values",
                 GFC_JSON_MAX_VALUES);
        fail(b, why);
        return NULL;
    }
    v = calloc(1, sizeof(gfc_json));
    if (v == NULL)
        fail(b, "out of memory");
    else
        v->type = t;
    return v;
}

static int
on_null(void *ctx)
{
    builder *b = ctx;
    gfc_json *v = new_value(b, GFC_JSON_NULL);

    return (v != NULL) && add_value(b, v);
}

static int
on_boolean(void *ctx, int val)
{
    builder *b = ctx;
    gfc_json *v = new_value(b, GFC_JSON_BOOL);

    if (v == NULL)
        return 0;
    v->boolean = (val != 0);
    return add_value(b, v);
}

static int
text_value(builder *b, gfc_json_type t, const void *s, size_t len)
{
    gfc_json *v = new_value(b, t);

    if (v == NULL)
        return 0;
    v->text = copy_bytes(s, len);
    if (v->text == NULL)
    {
        free(v);
        return fail(b, "out of memory");
    }
    v->len = len;
    return add_value(b, v);
}

static int
on_number(void *ctx, const char *s, size_t len)
{
    return text_value(ctx, GFC_JSON_NUMBER, s, len);
}

static int
on_string(void *ctx, const unsigned char *s, size_t len)
{
    return text_value(ctx, GFC_JSON_STRING, s, len);
}

static int
open_container(builder *b, gfc_json_type t)
{
    gfc_json *v;

    if (b->depth >= GFC_JSON_MAX_DEPTH)
    {
        char why[128];

        snprintf(why, sizeof(why),
                 "arrays and objects are nested deeper than %d levels",
                 GFC_JSON_MAX_DEPTH);
        return fail(b, why);
    }
    v = new_value(b, t);
    if (v == NULL || !add_value(b, v))
        return 0;
    b->stack[b->depth++] = v;
    return 1;
}

static int
on_start_map(void *ctx)
{
    return open_container(ctx, GFC_JSON_OBJECT);
}

static int
on_start_array(void *ctx)
{
    return open_container(ctx, GFC_JSON_ARRAY);
}

static int
on_map_key(void *ctx, const unsigned char *s, size_t len)
{
    builder *b = ctx;

    free(b->key);
    b->key = copy_bytes(s, len);
    b->key_len = len;
    if (b->key == NULL)
        return fail(b, "out of memory");
    return 1;
}

typedef struct
{
    const char *key;
    size_t len;
    size_t index;
} key_ref;

static int
cmp_key_ref(const void *pa, const void *pb)
{
    const key_ref *a = pa, *b = pb;
    int c = memcmp(a->key, b->key, (a->len < b->len) ? a->len : b->len);

    if (c != 0)
        return c;
    if (a->len != b->len)
        return (a->len < b->len) ? -1 : 1;
    return (a->index < b->index) ? -1 : (a->index > b->index);
}

static int
same_key(const gfc_json *o, size_t a, size_t b)
{
    return o->key_lens[a] == o->key_lens[b]
           && memcmp(o->keys[a], o->keys[b], o->key_lens[a]) == 0;
}

/* Sorting keeps the duplicate check O(k log k) even for a hostile object
   with very many keys; small objects are scanned directly. */
static int
find_duplicate(const gfc_json *o, size_t *dup)
{
    size_t i, j;
    key_ref *r;

    if (o->count <= 16)
    {
        for (i = 0; i < o->count; i++)
            for (j = i + 1; j < o->count; j++)
                if (same_key(o, i, j))
                {
                    *dup = i;
                    return 1;
                }
        return 0;
    }
    r = malloc(o->count * sizeof(key_ref));
    if (r == NULL)
        return -1;
    for (i = 0; i < o->count; i++)
    {
        r[i].key = o->keys[i];
        r[i].len = o->key_lens[i];
        r[i].index = i;
    }
    qsort(r, o->count, sizeof(key_ref), cmp_key_ref);
    for (i = 0; i + 1 < o->count; i++)
        if (r[i].len == r[i + 1].len
            && memcmp(r[i].key, r[i + 1].key, r[i].len) == 0)
        {
            *dup = r[i].index;
            free(r);
            return 1;
        }
    free(r);
    return 0;
}

static int
on_end_map(void *ctx)
{
    builder *b = ctx;
    const gfc_json *o = b->stack[b->depth - 1];
    size_t dup;
    int r = find_duplicate(o, &dup);

    if (r < 0)
        return fail(b, "out of memory");
    if (r > 0)
    {
        char path[256], key[80], why[512];

        container_path(path, sizeof(path), b, b->depth - 1);
        gfc_quote_bytes(key, sizeof(key), o->keys[dup], o->key_lens[dup]);
        snprintf(why, sizeof(why), "duplicate key \"%s\" in %s%s%s", key,
                 (path[0] == '\0') ? "the top-level object" : "object ", path,
                 "; every key may appear only once");
        return fail(b, why);
    }
    b->depth--;
    return 1;
}

static int
on_end_array(void *ctx)
{
    builder *b = ctx;

    b->depth--;
    return 1;
}

static const yajl_callbacks callbacks
    = { on_null,    on_boolean,     NULL,         NULL,
        on_number,  on_string,      on_start_map, on_map_key,
        on_end_map, on_start_array, on_end_array };

static void
locate(const char *text, size_t off, size_t *line, size_t *col)
{
    size_t i;

    *line = 1;
    *col = 1;
    for (i = 0; i < off; i++)
    {
        if (text[i] == '\n')
        {
            (*line)++;
            *col = 1;
        }
        else
            (*col)++;
    }
}

int
gfc_json_parse(gfc_json **out, const char *text, size_t len, char *msg,
               size_t msglen)
{
    builder b;
    yajl_handle h;
    yajl_status st;
    size_t off, line, col;

    memset(&b, 0, sizeof(b));
    *out = NULL;
    h = yajl_alloc(&callbacks, NULL, &b);
    if (h == NULL)
    {
        snprintf(msg, msglen, "out of memory");
        return 1;
    }
    st = yajl_parse(h, (const unsigned char *)text, len);
    off = yajl_get_bytes_consumed(h);
    if (st == yajl_status_ok)
    {
        st = yajl_complete_parse(h);
        off = len;
    }
    if (st != yajl_status_ok)
    {
        if (off > len)
            off = len;
        locate(text, off, &line, &col);
        if (b.failed)
            snprintf(msg, msglen, "%s (at byte %zu, line %zu, column %zu)",
                     b.why, off, line, col);
        else
        {
            unsigned char *e = yajl_get_error(h, 0, NULL, 0);
            char ye[256];
            size_t n;

            snprintf(ye, sizeof(ye), "%s",
                     (e != NULL) ? (const char *)e : "invalid JSON");
            n = strlen(ye);
            while (n > 0 && (ye[n - 1] == '\n' || ye[n - 1] == ' '))
                ye[--n] = '\0';
            if (e != NULL)
                yajl_free_error(h, e);
            snprintf(msg, msglen,
                     "JSON syntax error at byte %zu (line %zu, column %zu): "
                     "%s",
                     off, line, col, ye);
        }
        yajl_free(h);
        free(b.key);
        gfc_json_free(b.root);
        return 1;
    }
    yajl_free(h);
    free(b.key);
    if (b.root == NULL)
    {
        snprintf(msg, msglen, "the file holds no JSON value");
        return 1;
    }
    *out = b.root;
    return 0;
}
