/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * The one-dimensional regularizer of proofs/diag-paper.md, section 8, for
 * plots.
 */
#include "report.h"

void
gfc_report_qk(arb_t q, const arb_t z, const arb_t k, slong prec)
{
    arb_t u, s, t;

    arb_init(u);
    arb_init(s);
    arb_init(t);

    /* q_k(z) = (k/4) (u asinh u + 1 - sqrt(1 + u^2)), u = 2z/k, with
       1 - sqrt(1 + u^2) written as -u^2 / (1 + sqrt(1 + u^2)) so that
       no 1 cancels for small u. */
    arb_mul_2exp_si(u, z, 1);
    arb_div(u, u, k, prec);
    arb_sqr(s, u, prec);
    arb_add_ui(t, s, 1, prec);
    arb_sqrtpos(t, t, prec);
    arb_add_ui(t, t, 1, prec);
    arb_div(s, s, t, prec);
    arb_asinh(t, u, prec);
    arb_mul(t, t, u, prec);
    arb_sub(t, t, s, prec);
    arb_mul(t, t, k, prec);
    arb_mul_2exp_si(q, t, -2);

    arb_clear(u);
    arb_clear(s);
    arb_clear(t);
}
