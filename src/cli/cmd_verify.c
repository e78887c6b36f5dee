/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert verify: recompute every claim of a certificate from the problem
 * and the certificate's schedule and precision, without any search.  A
 * claimed ball must contain the recomputed enclosure; the verdict and its
 * bound must follow both from the recomputed and from the claimed balls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "cert.h"
#include "problem.h"
#include "certify.h"

typedef struct
{
    const char *file;
    slong max_prec;         /* refuse to work at more bits than this */
    char msg[1024];
}
verr_t;

static int
reject(verr_t *e, const char *field, const char *what)
{
    snprintf(e->msg, sizeof(e->msg), "%s: %s: %s", e->file, field, what);
    return 0;
}

static const char *
get_string(const gfc_json *o, const char *key)
{
    const gfc_json *v = gfc_json_get(o, key);

    return (v != NULL && v->type == GFC_JSON_STRING) ? v->text : NULL;
}

/* A claimed ball or bound as text: what arb_set_str reads, except a
   negative radius, which gfcert never writes. */
static int
read_ball(arb_t x, const char *s, slong prec)
{
    if (strstr(s, "+/- -") != NULL || strstr(s, "+/--") != NULL)
        return 1;
    return arb_set_str(x, s, prec) != 0 || !arb_is_finite(x);
}

static int
get_long(slong *x, const gfc_json *o, const char *key, slong lo, slong hi)
{
    const gfc_json *v = gfc_json_get(o, key);
    char *end;
    long t;

    if (v == NULL || v->type != GFC_JSON_NUMBER)
        return 0;
    t = strtol(v->text, &end, 10);
    if (*end != '\0' || t < lo || t > hi)
        return 0;
    *x = t;
    return 1;
}

static int
get_bool(int *x, const gfc_json *o, const char *key)
{
    const gfc_json *v = gfc_json_get(o, key);

    if (v == NULL || v->type != GFC_JSON_BOOL)
        return 0;
    *x = v->boolean;
    return 1;
}

/* Every key of the object o (named where, "" for the top level) is in
   keys: an extra key would be an unchecked claim. */
static int
keys_in(verr_t *e, const gfc_json *o, const char *where,
        const char *const *keys)
{
    char field[256];
    size_t i;
    int k;

    if (o == NULL || o->type != GFC_JSON_OBJECT)
        return 1;
    for (i = 0; i < o->count; i++)
    {
        for (k = 0; keys[k] != NULL; k++)
            if (strcmp(o->keys[i], keys[k]) == 0)
                break;
        if (keys[k] == NULL)
        {
            snprintf(field, sizeof(field), "%s%s%.200s", where,
                     where[0] != '\0' ? "." : "", o->keys[i]);
            return reject(e, field, "not a key of a gfcert certificate");
        }
    }
    return 1;
}

static int
known_keys(verr_t *e, const gfc_json *cert)
{
    static const char *const top[] = {
        "format", "tool", "problem", "kind", "verdict", "bound",
        "bound_meaning", "gap_index", "reason", "branch", "digits",
        "precision", "flow_proven", "bias_proven", "beta_flow", "beta_bias",
        "lambda", "tail", "symbolic_facts", "schedule", NULL
    };
    static const char *const problem[] = {
        "path", "sha256", "model", "regularizer", "n", "d", NULL
    };
    static const char *const tail[] = {
        "T", "err_T", "residual_T", "lambda_min_K_lower", "ball_radius",
        "path_length", "error_growth", NULL
    };
    static const char *const schedule[] = { "steps", "h", "order", NULL };
    static const char *const branch[] = {
        "signs_at_infinity", "crossed", "may_have_touched_zero",
        "unique_root", NULL
    };

    return keys_in(e, cert, "", top)
           && keys_in(e, gfc_json_get(cert, "problem"), "problem", problem)
           && keys_in(e, gfc_json_get(cert, "tail"), "tail", tail)
           && keys_in(e, gfc_json_get(cert, "schedule"), "schedule",
                      schedule)
           && keys_in(e, gfc_json_get(cert, "branch"), "branch", branch);
}

/* The branch claims must equal the recomputed ones. */
static int
check_branch(verr_t *e, const gfc_json *cert, const gfc_cert_t C)
{
    const gfc_json *b = gfc_json_get(cert, "branch"), *sg, *tz;
    slong j;
    int x;

    if (C->nbranch == 0 || !C->flow_proven)
        return (b == NULL) ? 1 : reject(e, "branch", "present, but nothing "
                                        "was sign-tracked");
    if (b == NULL || b->type != GFC_JSON_OBJECT)
        return reject(e, "branch", "missing");
    sg = gfc_json_get(b, "signs_at_infinity");
    tz = gfc_json_get(b, "may_have_touched_zero");
    if (sg == NULL || tz == NULL || sg->type != GFC_JSON_ARRAY
        || tz->type != GFC_JSON_ARRAY || (slong) sg->count != C->nbranch
        || (slong) tz->count != C->nbranch)
        return reject(e, "branch", "arrays of one entry per output weight "
                      "expected");
    for (j = 0; j < C->nbranch; j++)
    {
        const gfc_json *s1 = sg->items[j], *t1 = tz->items[j];
        char buf[8];

        snprintf(buf, sizeof(buf), "%d", C->signs[j]);
        if (s1->type != GFC_JSON_NUMBER || strcmp(s1->text, buf) != 0
            || t1->type != GFC_JSON_BOOL
            || t1->boolean != (C->flow->branch_touch[j] != 0))
            return reject(e, "branch", "differs from the recomputed signs");
    }
    if (!get_bool(&x, b, "crossed") || x != C->crossed
        || !get_bool(&x, b, "unique_root") || x != C->unique)
        return reject(e, "branch", "crossed or unique_root differs from "
                      "the recomputed value");
    return 1;
}

/* Every claimed ball must contain the recomputed one. */
static int
check_balls(verr_t *e, const gfc_json *cert, const char *key, arb_srcptr v,
            slong len, slong prec)
{
    const gfc_json *a = gfc_json_get(cert, key);
    arb_t c;
    slong i;
    char what[256];

    if (a == NULL || a->type != GFC_JSON_ARRAY || (slong) a->count != len)
        return reject(e, key, "missing, or not an array of the right "
                      "length");
    arb_init(c);
    for (i = 0; i < len; i++)
    {
        const gfc_json *s = a->items[i];

        if (s->type != GFC_JSON_STRING || read_ball(c, s->text, prec)
            || !arb_is_finite(c) || !arb_contains(c, v + i))
        {
            arb_clear(c);
            snprintf(what, sizeof(what), "entry %ld does not parse as a "
                     "ball that contains the recomputed enclosure",
                     (long) i + 1);
            return reject(e, key, what);
        }
    }
    arb_clear(c);
    return 1;
}

/* flow_proven, bias_proven, bound_meaning and gap_index as recomputed. */
static int
check_flags(verr_t *e, const gfc_json *cert, const gfc_cert_t C)
{
    const char *m = get_string(cert, "bound_meaning");
    slong gi;
    int x;

    if (!get_bool(&x, cert, "flow_proven") || x != C->flow_proven)
        return reject(e, "flow_proven", "differs from the replay");
    if (!get_bool(&x, cert, "bias_proven")
        || x != (C->bias_proven && !C->flow_only))
        return reject(e, "bias_proven", "differs from the recomputation");
    if (m == NULL || strcmp(m, gfc_cert_bound_meaning(C)) != 0)
        return reject(e, "bound_meaning", "does not describe the proof "
                      "found on recomputation");
    if (!get_long(&gi, cert, "gap_index", -1, WORD_MAX)
        || gi != C->gap_index)
        return reject(e, "gap_index", "differs from the recomputation");
    return 1;
}

static int
reject_tail(verr_t *e, const char *key, const char *what)
{
    char field[64];

    snprintf(field, sizeof(field), "tail.%s", key);
    return reject(e, field, what);
}

/* The claimed text must be the recomputed text. */
static int
check_text(verr_t *e, const gfc_json *o, const char *key, char *expect)
{
    const char *s = get_string(o, key);
    int ok = (s != NULL && strcmp(s, expect) == 0);

    flint_free(expect);
    return ok ? 1 : reject_tail(e, key, "differs from the recomputed value");
}

/* A tail constant claims an upper bound (upper = 1) or a lower bound
   (upper = 0) of the recomputed value v, whose text as certify writes it
   is text (freed here).  At the recorded precision the replay is
   deterministic, so the claimed text must be the recomputed text (any
   changed digit is caught); at another precision the claim must follow
   from the recomputed value. */
static int
check_bound(verr_t *e, const gfc_json *o, const char *key, char *text,
            const arb_t v, int upper, int same_prec, slong prec)
{
    const char *s = get_string(o, key);
    arb_t c;
    int ok;

    if (same_prec)
        return check_text(e, o, key, text);
    flint_free(text);
    arb_init(c);
    ok = s != NULL && read_ball(c, s, prec) == 0
         && (upper ? arb_le(v, c) : arb_le(c, v));
    arb_clear(c);
    return ok ? 1 : reject_tail(e, key, upper ? "is not an upper bound of "
                                "the recomputed value" : "is not a lower "
                                "bound of the recomputed value");
}

static int
check_upper(verr_t *e, const gfc_json *o, const char *key, const mag_t m,
            int same_prec, slong prec)
{
    arb_t v;
    int ok;

    arb_init(v);
    arf_set_mag(arb_midref(v), m);
    ok = check_bound(e, o, key, gfc_mag_str_upper(m, 3), v, 1, same_prec,
                     prec);
    arb_clear(v);
    return ok;
}

static int
check_lower(verr_t *e, const gfc_json *o, const char *key, const arf_t a,
            int same_prec, slong prec)
{
    arb_t v;
    int ok;

    arb_init(v);
    arf_set(arb_midref(v), a);
    ok = check_bound(e, o, key, gfc_arf_str_lower(a, 3), v, 0, same_prec,
                     prec);
    arb_clear(v);
    return ok;
}

/* The claimed lambda balls, each radius doubled (plus 2^(4-prec) (|m|+1),
   so that an exact ball has an interior), must pass
   the Krawczyk test (gfc_bias_check_box) on the branch of the flow's
   limit; C->bias then holds the proven root and beta_Q. */
static int
check_root(verr_t *e, const gfc_json *cert, gfc_cert_t C,
           const gfc_problem_t P, slong prec)
{
    const gfc_json *a = gfc_json_get(cert, "lambda");
    arb_ptr box;
    mag_t t;
    slong i;
    int ok = 1;

    if (a == NULL || a->type != GFC_JSON_ARRAY || (slong) a->count != P->n)
        return reject(e, "lambda", "missing, or not an array of n balls");
    box = _arb_vec_init(P->n);
    mag_init(t);
    for (i = 0; i < P->n && ok; i++)
    {
        const gfc_json *s = a->items[i];

        ok = s->type == GFC_JSON_STRING
             && read_ball(box + i, s->text, prec) == 0
             && arb_is_finite(box + i);
        if (ok)
        {
            arb_get_mag(t, box + i);
            mag_add_ui(t, t, 1);
            mag_mul_2exp_si(t, t, 4 - prec);
            mag_mul_2exp_si(arb_radref(box + i), arb_radref(box + i), 1);
            mag_add(arb_radref(box + i), arb_radref(box + i), t);
        }
    }
    if (!ok)
        reject(e, "lambda", "an entry does not parse as a finite ball");
    else if (gfc_cert_branch(C, P))
    {
        C->bias_proven = gfc_bias_check_box(C->bias, P, box, prec,
                                            (C->nbranch > 0) ? C->signs
                                                             : NULL);
        if (!C->bias_proven)
            ok = reject(e, "lambda", C->bias->reason);
    }
    mag_clear(t);
    _arb_vec_clear(box, P->n);
    return ok;
}

/* ENCLOSED means every claimed ball of beta_flow (already known to
   contain the recomputed enclosure) has radius at most 10^-digits. */
static int
within_digits(verr_t *e, const gfc_json *cert, slong d, slong digits,
              slong prec)
{
    const gfc_json *a = gfc_json_get(cert, "beta_flow");
    arb_t c, ten;
    mag_t target;
    slong i;
    int ok = 1;

    arb_init(c);
    arb_init(ten);
    mag_init(target);
    arb_set_ui(ten, 10);
    arb_pow_ui(ten, ten, (ulong) digits, 64);
    arb_inv(ten, ten, 64);
    arb_get_mag_lower(target, ten);
    for (i = 0; i < d && ok; i++)
        ok = read_ball(c, a->items[i]->text, prec) == 0
             && mag_cmp(arb_radref(c), target) <= 0;
    arb_clear(c);
    arb_clear(ten);
    mag_clear(target);
    return ok ? 1 : reject(e, "beta_flow", "a ball is wider than "
                           "10^-digits, so the flow is not ENCLOSED to the "
                           "claimed digits");
}

static int
claimed_arb(arb_t x, const gfc_json *cert, const char *key, slong prec)
{
    const char *s = get_string(cert, key);

    return s != NULL && read_ball(x, s, prec) == 0 && arb_is_finite(x);
}

static int
verify(verr_t *e, const gfc_json *cert, const char *problem_arg,
       slong prec_arg, int *verdict)
{
    const gfc_json *pj, *sj, *hj, *oj, *tj;
    const char *path, *vname, *hex_claim, *kind;
    gfc_problem_t P;
    gfc_error_t err;
    gfc_cert_t C;
    gfc_flow_opts fo;
    gfc_schedule_t S;
    slong prec, wprec, digits, steps, i, gi;
    char hex[65], alt[4096], why[512];
    mag_t target;
    arb_t x, y, z;
    int ok = 0, flow_claim, bias_claim, flow_kind, same;

    vname = get_string(cert, "format");
    if (vname == NULL || strcmp(vname, "gfcert-certificate-1") != 0)
        return reject(e, "format", "not a gfcert certificate (expected "
                      "\"gfcert-certificate-1\")");
    if (!known_keys(e, cert))
        return 0;
    pj = gfc_json_get(cert, "problem");
    path = (pj != NULL) ? get_string(pj, "path") : NULL;
    hex_claim = (pj != NULL) ? get_string(pj, "sha256") : NULL;
    if (problem_arg != NULL)
        path = problem_arg;
    if (path == NULL || hex_claim == NULL)
        return reject(e, "problem", "path and sha256 expected");
    if (!get_long(&prec, cert, "precision", 16, 1 << 24)
        || !get_long(&digits, cert, "digits", 1, 100000))
        return reject(e, "precision", "an integer precision and digits "
                      "expected");
    wprec = (prec_arg > 0) ? prec_arg : prec;
    same = (wprec == prec);
    /* The certificate decides the cost of the replay; its precision is
       capped so that an untrusted file cannot make verify run for days. */
    if (wprec > e->max_prec)
    {
        char what[160];

        snprintf(what, sizeof(what), "%ld bits exceed --max-prec %ld "
                 "(raise it to verify this certificate)", (long) wprec,
                 (long) e->max_prec);
        return reject(e, "precision", what);
    }
    vname = get_string(cert, "verdict");
    if (vname == NULL)
        return reject(e, "verdict", "missing");
    kind = get_string(cert, "kind");
    if (kind == NULL || (strcmp(kind, "flow") != 0
                         && strcmp(kind, "certify") != 0))
        return reject(e, "kind", "\"flow\" or \"certify\" expected");
    flow_kind = (strcmp(kind, "flow") == 0);
    /* Either half of a claim commits to the whole of it, so that no ball
       or constant is left unchecked. */
    flow_claim = gfc_json_get(cert, "beta_flow") != NULL
                 || gfc_json_get(cert, "tail") != NULL;
    bias_claim = gfc_json_get(cert, "beta_bias") != NULL
                 || gfc_json_get(cert, "lambda") != NULL;
    {
        const gfc_json *b = gfc_json_get(cert, "bound");
        int decided = !flow_kind && (strcmp(vname, "MATCH") == 0
                                     || strcmp(vname, "MISMATCH") == 0);

        /* Only a MATCH or a MISMATCH has a bound to claim. */
        if (b == NULL || (!decided && b->type != GFC_JSON_NULL))
            return reject(e, "bound", "null expected unless the verdict "
                          "is MATCH or MISMATCH");
    }
    if (flow_kind && (bias_claim || gfc_json_get(cert, "lambda") != NULL))
        return reject(e, "beta_bias", "a certificate of kind \"flow\" "
                      "claims nothing about the regularizer");

    sj = gfc_json_get(cert, "schedule");
    hj = (sj != NULL) ? gfc_json_get(sj, "h") : NULL;
    oj = (sj != NULL) ? gfc_json_get(sj, "order") : NULL;
    if (hj == NULL || oj == NULL || hj->type != GFC_JSON_ARRAY
        || oj->type != GFC_JSON_ARRAY || hj->count != oj->count
        || !get_long(&steps, sj, "steps", 0, 1L << 40)
        || (slong) hj->count != steps)
        return reject(e, "schedule", "steps, h and order of equal length "
                      "expected");

    /* A relative path is as typed at certify time: when it does not open
       from here, try it beside the certificate. */
    if (problem_arg == NULL && path[0] != '/' && access(path, R_OK) != 0)
    {
        const char *slash = strrchr(e->file, '/');

        if (slash != NULL && (size_t) (slash - e->file) + strlen(path) + 2
                                 < sizeof(alt))
        {
            memcpy(alt, e->file, (size_t) (slash - e->file) + 1);
            strcpy(alt + (slash - e->file) + 1, path);
            if (access(alt, R_OK) == 0)
                path = alt;
        }
    }
    gfc_problem_init(P);
    gfc_error_init(err);
    if (gfc_problem_load(P, path, err) != 0)
    {
        snprintf(e->msg, sizeof(e->msg), "%.900s (give the problem file "
                 "as the second argument if it moved)", err->msg);
        gfc_problem_clear(P);
        return 0;
    }
    gfc_problem_digest_hex(hex, P);
    if (strcmp(hex, hex_claim) != 0)
    {
        gfc_problem_clear(P);
        return reject(e, "problem.sha256", "the problem's exact content "
                      "differs from the one certified");
    }

    {
        slong n_claim, d_claim;
        const char *mc = get_string(pj, "model");
        const char *rc = get_string(pj, "regularizer");

        if (!get_long(&n_claim, pj, "n", 0, WORD_MAX)
            || !get_long(&d_claim, pj, "d", 0, WORD_MAX) || n_claim != P->n
            || d_claim != P->d || mc == NULL || rc == NULL
            || strcmp(mc, gfc_bias_model_name(P->model)) != 0
            || strcmp(rc, gfc_bias_reg_name(P->reg)) != 0)
        {
            gfc_problem_clear(P);
            return reject(e, "problem", "model, regularizer, n or d differ "
                          "from the problem file");
        }
    }
    if (!gfc_cert_check_facts(why, sizeof(why),
                              gfc_json_get(cert, "symbolic_facts"), P,
                              flow_kind))
    {
        gfc_problem_clear(P);
        return reject(e, "symbolic_facts", why);
    }
    gfc_schedule_init(S);
    mag_init(target);
    arb_init(x);
    arb_init(y);
    arb_init(z);
    gfc_cert_init(C, P);
    C->digits = digits;
    C->prec = wprec;
    {
        arf_t h;

        arf_init(h);
        for (i = 0; i < steps; i++)
        {
            const gfc_json *hs = hj->items[i], *os = oj->items[i];
            slong ord = 0;
            char *end = NULL;

            if (os->type == GFC_JSON_NUMBER)
                ord = strtol(os->text, &end, 10);
            if (hs->type != GFC_JSON_STRING
                || !gfc_dyadic_set_str(h, hs->text) || arf_sgn(h) <= 0
                || os->type != GFC_JSON_NUMBER || *end != '\0' || ord < 1
                || ord > 2000)
            {
                arf_clear(h);
                reject(e, "schedule", "a step is not a positive dyadic "
                       "\"m*2^e\" with an order from 1 to 2000");
                goto cleanup;
            }
            gfc_schedule_push(S, h, ord);
        }
        arf_clear(h);
    }

    /* Replay the flow exactly as scheduled. */
    if (flow_claim)
    {
        gfc_flow_opts_init(&fo, wprec);
        fo.replay = S;
        C->flow_proven = gfc_flow_run(C->flow, P, &fo);
        gfc_flow_opts_clear(&fo);
        if (!C->flow_proven)
        {
            reject(e, "schedule", "replaying the schedule does not prove "
                   "an enclosure of the limit");
            goto cleanup;
        }
        tj = gfc_json_get(cert, "tail");
        if (tj == NULL)
        {
            reject(e, "tail", "missing");
            goto cleanup;
        }
        if (!check_text(e, tj, "T", gfc_dyadic_str(arb_midref(C->flow->T)))
            || !check_upper(e, tj, "err_T", C->flow->err_T, same, wprec)
            || !check_upper(e, tj, "residual_T", C->flow->resid_T, same,
                            wprec)
            || !check_lower(e, tj, "lambda_min_K_lower", C->flow->lambda_lo,
                            same, wprec)
            || !check_upper(e, tj, "ball_radius", C->flow->radius, same,
                            wprec)
            || !check_upper(e, tj, "path_length", C->flow->tail, same,
                            wprec)
            || !check_upper(e, tj, "error_growth", C->flow->growth, same,
                            wprec))
            goto cleanup;
        if (!check_balls(e, cert, "beta_flow", C->flow->beta, P->d,
                         wprec + 64))
            goto cleanup;

        if (flow_kind)
        {
            C->flow_only = 1;
            gfc_cert_branch(C, P);
            if (!check_branch(e, cert, C) || !check_flags(e, cert, C))
                goto cleanup;
            if (strcmp(vname, "ENCLOSED") != 0)
            {
                reject(e, "verdict", "\"ENCLOSED\" expected for a "
                       "proven flow");
                goto cleanup;
            }
            if (!within_digits(e, cert, P->d, digits, wprec))
                goto cleanup;
            *verdict = GFC_MATCH;
            ok = 1;
            goto cleanup;
        }

        /* The same decision as certify, from the recomputed flow. */
        arb_set_ui(x, 10);
        arb_pow_ui(x, x, digits, 64);
        arb_inv(x, x, 64);
        arb_get_mag_lower(target, x);
        /* The root: the inclusion test on the claimed box, no search. */
        C->no_search = 1;
        if (bias_claim && !check_root(e, cert, C, P, wprec))
            goto cleanup;
        gfc_cert_judge(C, P, wprec, target);
    }
    if (strcmp(vname, gfc_verdict_name(C->verdict)) != 0)
    {
        reject(e, "verdict", "does not follow from the recomputed "
               "enclosures");
        goto cleanup;
    }
    if (!check_branch(e, cert, C) || !check_flags(e, cert, C))
        goto cleanup;
    if (bias_claim != C->bias_proven)
    {
        reject(e, "beta_bias", "present without a proven root, or missing");
        goto cleanup;
    }
    if (bias_claim
        && (!check_balls(e, cert, "beta_bias", C->bias->beta, P->d,
                         wprec + 64)
            || !check_balls(e, cert, "lambda", C->bias->lambda, P->n,
                            wprec + 64)))
        goto cleanup;

    if (C->verdict == GFC_MATCH)
    {
        /* The claimed bound covers the recomputed distance, and
           10^-digits covers the claimed bound. */
        arb_set_ui(y, 10);
        arb_pow_ui(y, y, digits, wprec);
        arb_inv(y, y, wprec);
        arb_zero(z);
        arf_set_mag(arb_midref(z), C->bound);
        if (!claimed_arb(x, cert, "bound", wprec) || !arb_le(z, x)
            || !arb_le(x, y))
        {
            reject(e, "bound", "does not cover the recomputed distance or "
                   "exceeds 10^-digits");
            goto cleanup;
        }
    }
    else if (C->verdict == GFC_MISMATCH)
    {
        /* The claimed gap (or violation) may not exceed the proven one,
           and must be claimed where it was proven. */
        if (C->proof == GFC_PROOF_DISJOINT)
            arb_set_arf(y, C->gap);
        else
            arb_set(y, C->violation);
        if (!claimed_arb(x, cert, "bound", wprec) || !arb_is_positive(x)
            || !get_long(&gi, cert, "gap_index", 0, 1L << 40)
            || gi != C->gap_index || !arb_le(x, y))
        {
            reject(e, "bound", "the gap or its place does not follow from "
                   "the recomputed enclosures");
            goto cleanup;
        }
    }
    *verdict = C->verdict;
    ok = 1;

cleanup:
    gfc_cert_clear(C);
    arb_clear(z);
    arb_clear(y);
    arb_clear(x);
    mag_clear(target);
    gfc_schedule_clear(S);
    gfc_problem_clear(P);
    return ok;
}

static const char verify_usage[] =
    "usage: gfcert verify CERT.json [PROBLEM] [--prec BITS] "
    "[--max-prec BITS]\n";

static int
parse_bits(slong *x, const char *text, const char *option)
{
    if (!gfc_cli_parse_slong(x, text, 16, 1L << 24))
    {
        fprintf(stderr, "gfcert: verify: %s: an integer number of bits "
                "from 16 to 16777216 expected, not '%s'\n", option, text);
        return 0;
    }
    return 1;
}

int
gfc_cmd_verify(int argc, char **argv)
{
    gfc_error_t err;
    gfc_json *cert = NULL;
    verr_t e;
    char *buf = NULL, msg[512];
    const char *files[2] = { NULL, NULL }, *ptext = NULL, *mtext = NULL;
    size_t len;
    slong prec_arg = 0, max_prec = 65536;
    int verdict = GFC_INCONCLUSIVE, nfiles = 0, i;

    for (i = 1; i < argc; i++)
    {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
        {
            printf("%sreplay the certificate's schedule at its recorded "
                   "precision, or at --prec BITS\n(verifying needs at least "
                   "the recorded precision in practice); refuse to work\n"
                   "above --max-prec BITS (default 65536)\n"
                   "exit status: the certificate's verdict (0 MATCH or "
                   "ENCLOSED, 1 MISMATCH,\n3 INCONCLUSIVE) when every claim "
                   "is recomputed; 2 when it is rejected or\nunreadable; "
                   "4 internal error\n",
                   verify_usage);
            return 0;
        }
        if (strcmp(argv[i], "--prec") == 0 && i + 1 < argc)
            ptext = argv[++i];
        else if (strncmp(argv[i], "--prec=", 7) == 0)
            ptext = argv[i] + 7;
        else if (strcmp(argv[i], "--max-prec") == 0 && i + 1 < argc)
            mtext = argv[++i];
        else if (strncmp(argv[i], "--max-prec=", 11) == 0)
            mtext = argv[i] + 11;
        else if (argv[i][0] != '-' && nfiles < 2)
            files[nfiles++] = argv[i];
        else
        {
            fprintf(stderr, "gfcert: verify: unexpected argument '%s'\n%s",
                    argv[i], verify_usage);
            return GFC_BAD_INPUT;
        }
    }
    if ((ptext != NULL && !parse_bits(&prec_arg, ptext, "--prec"))
        || (mtext != NULL && !parse_bits(&max_prec, mtext, "--max-prec")))
        return GFC_BAD_INPUT;
    if (nfiles < 1)
    {
        fputs(verify_usage, stderr);
        return GFC_BAD_INPUT;
    }
    gfc_error_init(err);
    if (gfc_read_file(&buf, &len, files[0], (size_t) 256 << 20, err) != 0)
    {
        fprintf(stderr, "gfcert: %s\n", err->msg);
        return GFC_BAD_INPUT;
    }
    if (gfc_json_parse(&cert, buf, len, msg, sizeof(msg)) != 0)
    {
        fprintf(stderr, "gfcert: %s: %s\n", files[0], msg);
        free(buf);
        return GFC_BAD_INPUT;
    }
    e.file = files[0];
    e.max_prec = max_prec;
    e.msg[0] = '\0';
    if (cert->type != GFC_JSON_OBJECT)
        reject(&e, "(top level)", "a JSON object expected");
    else if (verify(&e, cert, files[1], prec_arg, &verdict))
    {
        printf("verified   %s: every claim recomputed from the problem "
               "and the schedule\n", get_string(cert, "verdict"));
        gfc_json_free(cert);
        free(buf);
        return verdict;
    }
    fprintf(stderr, "gfcert: certificate REJECTED: %s\n", e.msg);
    gfc_json_free(cert);
    free(buf);
    return GFC_BAD_INPUT;
}
