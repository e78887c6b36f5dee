/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Two-layer fully connected linear network with m hidden neurons
 * (proofs/fc1-paper.md and proofs/fc-candidate-sum.md, section 1; m = 1
 * is the model fc1): beta = sum_j a_j w_j, with the flow
 * w_j' = -a_j g, a_j' = -w_j^T g.  Neuron j occupies the
 * parameters [j(d+1), (j+1)(d+1)): w_j, then a_j.
 */
#include "model.h"

static slong
neurons(const gfc_data_t D)
{
    return D->N / (D->d + 1);
}

static void
fc_beta(arb_ptr beta, arb_srcptr th, const gfc_data_t D, slong prec)
{
    slong d = D->d, m = neurons(D), i, j;

    _arb_vec_zero(beta, d);
    for (j = 0; j < m; j++)
    {
        arb_srcptr w = th + j * (d + 1), a = w + d;

        for (i = 0; i < d; i++)
            arb_addmul(beta + i, a, w + i, prec);
    }
}

/* Order by order as for the diagonal model: beta_k from the Cauchy
   products a_j * w_j, then r_k, g_k, and the next coefficients of w_j
   (from a_j * g) and a_j (from w_j . g).  Cost O(m d len^2 + n d len). */
static void
fc_taylor(arb_ptr c, slong len, const gfc_data_t D, slong prec)
{
    slong d = D->d, m = neurons(D), i, j, k;
    arb_ptr beta, g;
    arb_t s, t;

    beta = _arb_vec_init(d);
    g = _arb_vec_init(d * len);
    arb_init(s);
    arb_init(t);

    for (k = 0; k + 1 < len; k++)
    {
        _arb_vec_zero(beta, d);
        for (j = 0; j < m; j++)
        {
            arb_srcptr w = c + j * (d + 1) * len, a = w + d * len;

            for (i = 0; i < d; i++)
            {
                arb_dot(s, NULL, 0, a, 1, w + i * len + k, -1, k + 1, prec);
                arb_add(beta + i, beta + i, s, prec);
            }
        }
        gfc_data_gradient_order(g + k, len, beta, k == 0, D, prec);
        for (j = 0; j < m; j++)
        {
            arb_ptr w = c + j * (d + 1) * len, a = w + d * len;

            arb_zero(t);
            for (i = 0; i < d; i++)
            {
                arb_dot(s, NULL, 0, w + i * len, 1, g + i * len + k, -1,
                        k + 1, prec);
                arb_add(t, t, s, prec);
            }
            for (i = 0; i < d; i++)
            {
                arb_dot(s, NULL, 0, a, 1, g + i * len + k, -1, k + 1, prec);
                arb_div_si(w + i * len + k + 1, s, -(k + 1), prec);
            }
            arb_div_si(a + k + 1, t, -(k + 1), prec);
        }
    }

    arb_clear(t);
    arb_clear(s);
    _arb_vec_clear(g, d * len);
    _arb_vec_clear(beta, d);
}

static slong
fc_field_len(slong len)
{
    return 3 * len - 2;
}

static void
fc_field_poly(arb_ptr out, arb_srcptr th, slong len, slong lout,
              const gfc_data_t D, slong prec)
{
    slong d = D->d, m = neurons(D), i, j, lb = FLINT_MIN(2 * len - 1, lout);
    arb_ptr beta, g, t;

    beta = _arb_vec_init(d * lb);
    g = _arb_vec_init(d * lb);
    t = _arb_vec_init(FLINT_MAX(lb, lout));

    for (j = 0; j < m; j++)
    {
        arb_srcptr w = th + j * (d + 1) * len, a = w + d * len;

        for (i = 0; i < d; i++)
        {
            gfc_poly_mullow(t, w + i * len, len, a, len, lb, prec);
            _arb_vec_add(beta + i * lb, beta + i * lb, t, lb, prec);
        }
    }
    gfc_data_gradient_poly(g, beta, lb, D, prec);
    for (j = 0; j < m; j++)
    {
        arb_srcptr w = th + j * (d + 1) * len, a = w + d * len;
        arb_ptr ow = out + j * (d + 1) * lout, oa = ow + d * lout;

        _arb_vec_zero(oa, lout);
        for (i = 0; i < d; i++)
        {
            gfc_poly_mullow(ow + i * lout, g + i * lb, lb, a, len, lout,
                             prec);
            _arb_vec_neg(ow + i * lout, ow + i * lout, lout);
            gfc_poly_mullow(t, g + i * lb, lb, w + i * len, len, lout,
                             prec);
            _arb_vec_sub(oa, oa, t, lout, prec);
        }
    }

    _arb_vec_clear(t, FLINT_MAX(lb, lout));
    _arb_vec_clear(g, d * lb);
    _arb_vec_clear(beta, d * lb);
}

/* M(g) = sum_i g_i Hess(beta_i) is block diagonal over the neurons, each
   block [[0, g], [g^T, 0]] on (w_j, a_j) with eigenvalues +-||g||_2, so
   ||M(g)||_2 = ||g||_2. */
static void
fc_lognorm(mag_t mu, arb_srcptr box, const gfc_data_t D, slong prec)
{
    arb_ptr beta = _arb_vec_init(D->d), g = _arb_vec_init(D->d);

    fc_beta(beta, box, D, prec);
    gfc_data_gradient_of(g, beta, D, prec);
    gfc_vec_norm2_upper(mu, g, D->d);
    _arb_vec_clear(g, D->d);
    _arb_vec_clear(beta, D->d);
}

/* J J^T = sum_j (a_j^2 I + w_j w_j^T), so K = sum_j a_j^2 X X^T +
   (X w_j)(X w_j)^T.  a_j^2 is enclosed from the magnitude bounds of a_j
   (lower end rounded down), so a ball around 0 keeps a lower end >= 0. */
static void
fc_gram(arb_mat_t K, arb_srcptr box, const gfc_data_t D, slong prec)
{
    slong d = D->d, n = D->n, m = neurons(D), j, l, q;
    arb_mat_t G;
    arb_ptr xw = _arb_vec_init(n);
    arb_t a2, s;
    arf_t lo, hi;
    mag_t t;

    arb_mat_init(G, n, n);
    arb_init(a2);
    arb_init(s);
    arf_init(lo);
    arf_init(hi);
    mag_init(t);
    arb_mat_mul(G, D->X, D->XT, prec);
    arb_mat_zero(K);
    for (j = 0; j < m; j++)
    {
        arb_srcptr w = box + j * (d + 1), a = w + d;

        arb_get_mag_lower(t, a);
        arf_set_mag(lo, t);
        arf_mul(lo, lo, lo, prec, ARF_RND_DOWN);
        arb_get_mag(t, a);
        arf_set_mag(hi, t);
        arf_mul(hi, hi, hi, prec, ARF_RND_UP);
        arb_set_interval_arf(a2, lo, hi, prec);
        for (l = 0; l < n; l++)
            arb_dot(xw + l, NULL, 0, arb_mat_entry(D->X, l, 0), 1, w, 1, d,
                    prec);
        for (l = 0; l < n; l++)
            for (q = 0; q < n; q++)
            {
                arb_mul(s, arb_mat_entry(G, l, q), a2, prec);
                arb_addmul(s, xw + l, xw + q, prec);
                arb_add(arb_mat_entry(K, l, q), arb_mat_entry(K, l, q), s,
                        prec);
            }
    }
    mag_clear(t);
    arf_clear(hi);
    arf_clear(lo);
    arb_clear(s);
    arb_clear(a2);
    _arb_vec_clear(xw, n);
    arb_mat_clear(G);
}

static slong
fc_nbranch(const gfc_data_t D)
{
    return neurons(D);
}

static void
fc_branch(arb_ptr out, arb_srcptr box, const gfc_data_t D, slong prec)
{
    slong j, m = neurons(D);

    (void) prec;
    for (j = 0; j < m; j++)
        arb_set(out + j, box + j * (D->d + 1) + D->d);
}

const gfc_model_ops gfc_model_fc = {
    "fc",
    fc_beta,
    fc_taylor,
    fc_field_len,
    fc_field_poly,
    fc_lognorm,
    fc_gram,
    fc_nbranch,
    fc_branch
};
