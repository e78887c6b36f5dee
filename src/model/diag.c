/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Diagonal linear network (proofs/diag-paper.md, section 1):
 * beta = u+ o v+ - u- o v-, with the flow u+' = -v+ o g, v+' = -u+ o g,
 * u-' = v- o g, v-' = u- o g.
 * Parameters are laid out u+, v+, u-, v- (d entries each).
 */
#include "model.h"

static void
diag_beta(arb_ptr beta, arb_srcptr th, const gfc_data_t D, slong prec)
{
    slong i, d = D->d;
    arb_t t;

    arb_init(t);
    for (i = 0; i < d; i++)
    {
        arb_mul(t, th + 2 * d + i, th + 3 * d + i, prec);
        arb_mul(beta + i, th + i, th + d + i, prec);
        arb_sub(beta + i, beta + i, t, prec);
    }
    arb_clear(t);
}

/* Order by order: beta_k, then r_k = X beta_k (- y at k = 0), then g_k,
   then the order k+1 coefficients of the four factors from the Cauchy
   products with g.  Cost O(d len^2 + n d len). */
static void
diag_taylor(arb_ptr c, slong len, const gfc_data_t D, slong prec)
{
    slong d = D->d, i, k;
    arb_ptr up = c, vp = c + d * len, um = c + 2 * d * len;
    arb_ptr vm = c + 3 * d * len;
    arb_ptr beta, g;
    arb_t s;

    beta = _arb_vec_init(d);
    g = _arb_vec_init(d * len);
    arb_init(s);

    for (k = 0; k + 1 < len; k++)
    {
        for (i = 0; i < d; i++)
        {
            arb_dot(s, NULL, 0, um + i * len, 1, vm + i * len + k, -1,
                    k + 1, prec);
            arb_dot(beta + i, s, 1, up + i * len, 1, vp + i * len + k, -1,
                    k + 1, prec);
            arb_neg(beta + i, beta + i);
        }
        gfc_data_gradient_order(g + k, len, beta, k == 0, D, prec);
        for (i = 0; i < d; i++)
        {
            arb_srcptr gi = g + i * len + k;

            arb_dot(s, NULL, 0, vp + i * len, 1, gi, -1, k + 1, prec);
            arb_div_si(up + i * len + k + 1, s, -(k + 1), prec);
            arb_dot(s, NULL, 0, up + i * len, 1, gi, -1, k + 1, prec);
            arb_div_si(vp + i * len + k + 1, s, -(k + 1), prec);
            arb_dot(s, NULL, 0, vm + i * len, 1, gi, -1, k + 1, prec);
            arb_div_si(um + i * len + k + 1, s, k + 1, prec);
            arb_dot(s, NULL, 0, um + i * len, 1, gi, -1, k + 1, prec);
            arb_div_si(vm + i * len + k + 1, s, k + 1, prec);
        }
    }

    arb_clear(s);
    _arb_vec_clear(g, d * len);
    _arb_vec_clear(beta, d);
}

/* beta and g have degree 2(len-1), the field degree 3(len-1). */
static slong
diag_field_len(slong len)
{
    return 3 * len - 2;
}

static void
diag_field_poly(arb_ptr out, arb_srcptr th, slong len, slong lout,
                const gfc_data_t D, slong prec)
{
    slong d = D->d, i, q, lb = FLINT_MIN(2 * len - 1, lout);
    arb_srcptr up = th, vp = th + d * len, um = th + 2 * d * len;
    arb_srcptr vm = th + 3 * d * len;
    arb_srcptr fac[4];
    arb_ptr beta, g, t;

    beta = _arb_vec_init(d * lb);
    g = _arb_vec_init(d * lb);
    t = _arb_vec_init(lb);

    for (i = 0; i < d; i++)
    {
        gfc_poly_mullow(beta + i * lb, up + i * len, len, vp + i * len, len,
                        lb, prec);
        gfc_poly_mullow(t, um + i * len, len, vm + i * len, len, lb, prec);
        _arb_vec_sub(beta + i * lb, beta + i * lb, t, lb, prec);
    }
    gfc_data_gradient_poly(g, beta, lb, D, prec);
    /* u+' = -v+ g, v+' = -u+ g, u-' = v- g, v-' = u- g */
    fac[0] = vp;
    fac[1] = up;
    fac[2] = vm;
    fac[3] = um;
    for (q = 0; q < 4; q++)
        for (i = 0; i < d; i++)
        {
            arb_ptr o = out + (q * d + i) * lout;

            gfc_poly_mullow(o, g + i * lb, lb, fac[q] + i * len, len, lout,
                             prec);
            if (q < 2)
                _arb_vec_neg(o, o, lout);
        }

    _arb_vec_clear(t, lb);
    _arb_vec_clear(g, d * lb);
    _arb_vec_clear(beta, d * lb);
}

/* M(g) = sum_i g_i Hess(beta_i) has the 2x2 blocks +-[[0, g_i], [g_i, 0]]
   on (u+_i, v+_i) and (u-_i, v-_i), so ||M(g)||_2 = ||g||_inf. */
static void
diag_lognorm(mag_t mu, arb_srcptr box, const gfc_data_t D, slong prec)
{
    slong i;
    arb_ptr beta = _arb_vec_init(D->d), g = _arb_vec_init(D->d);
    mag_t t;

    mag_init(t);
    diag_beta(beta, box, D, prec);
    gfc_data_gradient_of(g, beta, D, prec);
    mag_zero(mu);
    for (i = 0; i < D->d; i++)
    {
        arb_get_mag(t, g + i);
        mag_max(mu, mu, t);
    }
    mag_clear(t);
    _arb_vec_clear(g, D->d);
    _arb_vec_clear(beta, D->d);
}

/* J J^T is diagonal with entries u+^2 + v+^2 + u-^2 + v-^2.  Each square
   is bounded from the magnitude bounds of its factor (lower ends rounded
   down, upper ends up), so a ball that straddles zero still gives a
   non-negative lower end. */
static void
diag_gram(arb_mat_t K, arb_srcptr box, const gfc_data_t D, slong prec)
{
    slong d = D->d, n = D->n, i, j, l, q;
    arb_ptr w = _arb_vec_init(d);
    arb_ptr col = _arb_vec_init(d);
    mag_t hi, t;
    arf_t a, b;

    mag_init(hi);
    mag_init(t);
    arf_init(a);
    arf_init(b);
    for (i = 0; i < d; i++)
    {
        mag_zero(hi);
        arf_zero(a);
        for (q = 0; q < 4; q++)
        {
            arb_get_mag_lower(t, box + q * d + i);
            arf_set_mag(b, t);
            arf_mul(b, b, b, prec, ARF_RND_DOWN);
            arf_add(a, a, b, prec, ARF_RND_DOWN);
            arb_get_mag(t, box + q * d + i);
            mag_addmul(hi, t, t);
        }
        arf_set_mag(b, hi);
        arb_set_interval_arf(w + i, a, b, prec);
    }
    for (j = 0; j < n; j++)
        for (l = 0; l <= j; l++)
        {
            for (i = 0; i < d; i++)
                arb_mul(col + i, w + i, arb_mat_entry(D->XT, i, l), prec);
            arb_dot(arb_mat_entry(K, j, l), NULL, 0,
                    arb_mat_entry(D->X, j, 0), 1, col, 1, d, prec);
            arb_set(arb_mat_entry(K, l, j), arb_mat_entry(K, j, l));
        }
    arf_clear(a);
    arf_clear(b);
    mag_clear(hi);
    mag_clear(t);
    _arb_vec_clear(col, d);
    _arb_vec_clear(w, d);
}

static slong
diag_nbranch(const gfc_data_t D)
{
    (void) D;
    return 0;
}

static void
diag_branch(arb_ptr out, arb_srcptr box, const gfc_data_t D, slong prec)
{
    (void) out;
    (void) box;
    (void) D;
    (void) prec;
}

const gfc_model_ops gfc_model_diag = {
    "diag",
    diag_beta,
    diag_taylor,
    diag_field_len,
    diag_field_poly,
    diag_lognorm,
    diag_gram,
    diag_nbranch,
    diag_branch
};
