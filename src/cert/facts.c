/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The symbolic facts a certificate relies on: the list must be exactly
 * the one the model and regularizer require, and every fact is proved
 * again (src/symbolic/, proofs/symbolic.md).
 */
#include <stdio.h>
#include <string.h>
#include "cert.h"
#include "problem.h"
#include "symbolic.h"

static int
fail(char *msg, size_t len, const char *what, const char *name,
     size_t name_len)
{
    char q[128];

    if (name == NULL)
        snprintf(msg, len, "%s", what);
    else
    {
        gfc_quote_bytes(q, sizeof(q), name, name_len);
        snprintf(msg, len, "fact '%s' %s", q, what);
    }
    return 0;
}

int
gfc_cert_check_facts(char *msg, size_t len, const gfc_json *facts,
                     const gfc_problem_t P, int flow_only)
{
    const char *const *want = gfc_symbolic_facts(P->model, P->reg,
                                                 flow_only);
    size_t i, nwant = 0;

    while (want[nwant] != NULL)
        nwant++;
    if (facts == NULL || facts->type != GFC_JSON_ARRAY)
        return fail(msg, len, "missing, or not an array of "
                    "{\"name\", \"record\"} objects", NULL, 0);

    for (i = 0; i < facts->count; i++)
    {
        const gfc_json *f = facts->items[i], *nm, *rc;
        const char *rec;

        if (f->type != GFC_JSON_OBJECT || f->count != 2
            || (nm = gfc_json_get(f, "name")) == NULL
            || (rc = gfc_json_get(f, "record")) == NULL
            || nm->type != GFC_JSON_STRING || rc->type != GFC_JSON_STRING)
            return fail(msg, len, "an entry is not an object with exactly "
                        "the strings \"name\" and \"record\"", NULL, 0);
        rec = (strlen(nm->text) == nm->len)
                  ? gfc_symbolic_fact_record(nm->text) : NULL;
        if (rec == NULL)
            return fail(msg, len, "is not a known symbolic fact", nm->text,
                        nm->len);
        if (strlen(rc->text) != rc->len || strcmp(rc->text, rec) != 0)
            return fail(msg, len, "names the wrong record (expected "
                        "the one in proofs/ that holds it)", nm->text,
                        nm->len);
    }

    /* Exactly the facts the numeric argument uses, in the order written. */
    for (i = 0; i < facts->count || i < nwant; i++)
    {
        const gfc_json *nm = (i < facts->count)
                                 ? gfc_json_get(facts->items[i], "name")
                                 : NULL;

        if (i >= nwant)
            return fail(msg, len, "is not one this model and regularizer "
                        "rely on", nm->text, nm->len);
        if (nm == NULL || strcmp(nm->text, want[i]) != 0)
            return fail(msg, len, "is required by this model and "
                        "regularizer but missing or out of order",
                        want[i], strlen(want[i]));
    }

    for (i = 0; i < nwant; i++)
        if (!gfc_symbolic_fact_check(want[i]))
            return fail(msg, len, "is not proved on re-running it",
                        want[i], strlen(want[i]));
    return 1;
}
