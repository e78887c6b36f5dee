/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * One point of a sweep, in its own worker process: the point's problem
 * file, its certificate exactly as gfcert certify writes it, and the
 * result line with norms of the certified beta(inf).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cert.h"
#include "report.h"
#include "sweep.h"

/* Figures of the result balls beyond the requested digits, so that the
   radius, not the rounding of the midpoint, shows the width. */
#define EXTRA_DIGITS 8

void
gfc_sweep_crash_read(gfc_sweep_crash *c)
{
    const char *s = getenv("GFCERT_SWEEP_CRASH");
    char stage[16];
    long k;

    memset(c, 0, sizeof(*c));
    c->parent_after = -1;
    c->point = -1;
    if (s == NULL || *s == '\0')
        return;
    if (sscanf(s, "parent:%ld", &k) == 1)
        c->parent_after = k;
    else if (sscanf(s, "point:%ld:%15s", &k, stage) == 2)
    {
        c->point = k;
        c->stage = (strcmp(stage, "problem") == 0) ? GFC_SWEEP_CRASH_PROBLEM
                   : (strcmp(stage, "cert") == 0)  ? GFC_SWEEP_CRASH_CERT
                   : (strcmp(stage, "temp") == 0)  ? GFC_SWEEP_CRASH_TEMP
                                                   : GFC_SWEEP_CRASH_NONE;
    }
}

static void
crash_at(const gfc_sweep_crash *c, slong i, int stage)
{
    if (c != NULL && c->point == i && c->stage == stage)
        raise(SIGKILL);
}

/* beta_l2 = X^T (X X^T)^{-1} y, exactly: the minimum-norm interpolant. */
static void
min_l2(fmpq *b, const gfc_problem_t P)
{
    fmpq_mat_t Xt, G, Y, Z, B;
    slong i;

    fmpq_mat_init(Xt, P->d, P->n);
    fmpq_mat_init(G, P->n, P->n);
    fmpq_mat_init(Y, P->n, 1);
    fmpq_mat_init(Z, P->n, 1);
    fmpq_mat_init(B, P->d, 1);
    fmpq_mat_transpose(Xt, P->X);
    fmpq_mat_mul(G, P->X, Xt);
    for (i = 0; i < P->n; i++)
        fmpq_set(fmpq_mat_entry(Y, i, 0), P->y + i);
    /* X has full row rank (checked when the problem was read), so
       X X^T is invertible. */
    if (!fmpq_mat_solve_fraction_free(Z, G, Y))
        gfc_abort("sweep: X X^T is singular for a validated problem");
    fmpq_mat_mul(B, Xt, Z);
    for (i = 0; i < P->d; i++)
        fmpq_set(b + i, fmpq_mat_entry(B, i, 0));
    fmpq_mat_clear(B);
    fmpq_mat_clear(Z);
    fmpq_mat_clear(Y);
    fmpq_mat_clear(G);
    fmpq_mat_clear(Xt);
}

static void
put_str(gfc_buf *b, const char *key, const char *val)
{
    gfc_buf_put(b, ",\"");
    gfc_buf_put(b, key);
    gfc_buf_put(b, "\":");
    gfc_buf_put_own(b, gfc_json_quote(val));
}

static void
put_si(gfc_buf *b, const char *key, slong x)
{
    char t[64];

    snprintf(t, sizeof(t), ",\"%s\":%ld", key, (long) x);
    gfc_buf_put(b, t);
}

static void
put_ball(gfc_buf *b, const char *key, const arb_t x, int have,
         slong digits)
{
    gfc_buf_put(b, ",\"");
    gfc_buf_put(b, key);
    gfc_buf_put(b, "\":");
    if (!have)
    {
        gfc_buf_put(b, "null");
        return;
    }
    gfc_buf_put(b, "\"");
    gfc_buf_put_own(b, gfc_ball_str(x, digits));
    gfc_buf_put(b, "\"");
}

/* A string field of the certificate ("" when absent or null). */
static const char *
cert_field(const gfc_json *c, const char *key)
{
    const gfc_json *v = gfc_json_get(c, key);

    return (v != NULL && v->type == GFC_JSON_STRING) ? v->text : "";
}

/* The result line: grid values, the verdict and bound as the certificate
   states them, and enclosures of the norms of beta(inf). */
static char *
result_line(const gfc_sweep_t S, slong i, const gfc_cert_t C,
            const gfc_problem_t P, const char *cert_json)
{
    gfc_buf b = { NULL, 0, 0 };
    gfc_json *cj = NULL;
    char msg[256], name[32];
    arb_t l1, l2, pop, dist, t;
    fmpq *bl2;
    slong k, prec = FLINT_MAX(C->prec, 128), dg = S->digits + EXTRA_DIGITS;
    int have = C->flow_proven;

    if (gfc_json_parse(&cj, cert_json, strlen(cert_json), msg, sizeof(msg)))
        gfc_abort("sweep: the certificate does not parse");
    arb_init(l1);
    arb_init(l2);
    arb_init(pop);
    arb_init(dist);
    arb_init(t);
    bl2 = _fmpq_vec_init(P->d);
    min_l2(bl2, P);
    for (k = 0; have && k < P->d; k++)
    {
        arb_srcptr x = C->flow->beta + k;

        arb_abs(t, x);
        arb_add(l1, l1, t, prec);
        arb_addmul(l2, x, x, prec);
        if (P->wstar != NULL)
        {
            arb_set_fmpq(t, P->wstar + k, prec);
            arb_sub(t, x, t, prec);
            arb_addmul(pop, t, t, prec);
        }
        arb_set_fmpq(t, bl2 + k, prec);
        arb_sub(t, x, t, prec);
        arb_addmul(dist, t, t, prec);
    }
    arb_sqrtpos(l2, l2, prec);
    arb_sqrtpos(dist, dist, prec);

    gfc_buf_put(&b, "{\"index\":");
    snprintf(msg, sizeof(msg), "%ld", (long) i);
    gfc_buf_put(&b, msg);
    put_str(&b, "model", gfc_bias_model_name(P->model));
    put_str(&b, "regularizer", gfc_bias_reg_name(P->reg));
    put_str(&b, "alpha", gfc_sweep_alpha(S, i));
    put_str(&b, "shape", "s");
    put_str(&b, "shape_value", gfc_sweep_shape(S, i));
    put_si(&b, "digits", S->digits);
    put_str(&b, "verdict", cert_field(cj, "verdict"));
    put_str(&b, "bound", cert_field(cj, "bound"));
    put_str(&b, "bound_meaning", cert_field(cj, "bound_meaning"));
    put_ball(&b, "beta_l1", l1, have, dg);
    put_ball(&b, "beta_l2", l2, have, dg);
    put_ball(&b, "pop_error", pop, have && P->wstar != NULL, dg);
    put_ball(&b, "dist_min_l2", dist, have, dg);
    put_si(&b, "steps", C->flow->steps);
    put_si(&b, "precision", C->prec);
    put_str(&b, "reason", cert_field(cj, "reason"));
    gfc_sweep_point_name(name, sizeof(name), i, "cert");
    snprintf(msg, sizeof(msg), "points/%s", name);
    put_str(&b, "certificate", msg);
    gfc_buf_put(&b, "}\n");

    _fmpq_vec_clear(bl2, P->d);
    arb_clear(t);
    arb_clear(dist);
    arb_clear(pop);
    arb_clear(l2);
    arb_clear(l1);
    gfc_json_free(cj);
    return b.s;
}

static int
write_or_complain(const char *name, const char *text, size_t len)
{
    int e = gfc_sweep_write_atomic(name, text, len);

    if (e != 0)
        fprintf(stderr, "gfcert sweep: cannot write %s: %s\n", name,
                strerror(e));
    return e == 0;
}

int
gfc_sweep_run_point(const gfc_sweep_t S, slong i,
                    const gfc_sweep_crash *crash)
{
    char pname[32], cname[32], rname[32], tname[32], tmp[64];
    gfc_problem_t P;
    gfc_error_t err;
    gfc_certify_opts o;
    gfc_cert_t C;
    double start = gfc_clock();
    char *text, *json, *line, secs[96];
    FILE *f;
    int ok;

    gfc_sweep_point_name(pname, sizeof(pname), i, "problem");
    gfc_sweep_point_name(cname, sizeof(cname), i, "cert");
    gfc_sweep_point_name(rname, sizeof(rname), i, "result");
    gfc_sweep_point_name(tname, sizeof(tname), i, "time");
    text = gfc_sweep_problem_text(S, i);
    ok = write_or_complain(pname, text, strlen(text));
    flint_free(text);
    if (!ok)
        return GFC_INTERNAL;
    crash_at(crash, i, GFC_SWEEP_CRASH_PROBLEM);

    gfc_problem_init(P);
    gfc_error_init(err);
    if (gfc_problem_load(P, pname, err) != 0)
    {
        fprintf(stderr, "gfcert sweep: point %ld: %s\n", (long) i,
                err->msg);
        gfc_problem_clear(P);
        return GFC_BAD_INPUT;
    }
    gfc_certify_opts_init(&o);
    o.digits = S->digits;
    o.max_time = S->max_time;
    o.max_prec = S->max_prec;
    gfc_cert_init(C, P);
    gfc_certify(C, P, &o);
    json = gfc_cert_json(C, P);
    ok = write_or_complain(cname, json, strlen(json));
    crash_at(crash, i, GFC_SWEEP_CRASH_CERT);

    line = ok ? result_line(S, i, C, P, json) : NULL;
    /* Seconds are kept out of the result so that results do not depend
       on the machine; the program never calls setlocale, so %.2f
       writes a '.'. */
    snprintf(secs, sizeof(secs), "{\"index\":%ld,\"seconds\":%.2f}\n",
             (long) i, gfc_clock() - start);
    if (ok)
        ok = write_or_complain(tname, secs, strlen(secs));
    if (ok && crash != NULL && crash->point == i
        && crash->stage == GFC_SWEEP_CRASH_TEMP)
    {
        /* What a writer killed in the middle leaves behind. */
        snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", rname, (long) getpid());
        f = fopen(tmp, "w");
        if (f != NULL)
        {
            fwrite(line, 1, strlen(line) / 2, f);
            fflush(f);
        }
        raise(SIGKILL);
    }
    if (ok)
        ok = write_or_complain(rname, line, strlen(line));

    flint_free(line);
    flint_free(json);
    gfc_cert_clear(C);
    gfc_problem_clear(P);
    return ok ? 0 : GFC_INTERNAL;
}
