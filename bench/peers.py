#!/usr/bin/python3
"""Uncertified peers of gfcert for the diagonal model, measured against a
gfcert certificate.

    /usr/bin/python3 peers.py PROBLEM.json CERT.json [--peer gd|ode|all]
                     [--repeat N] [--gd-loss mean|half] [--gd-max-iter N]
                     [--label NAME]

PROBLEM.json is a gfcert problem file for "model": "diag" with the shorthand
start {"alpha", "s"} and X, y inline or as .npy files; CERT.json is what
`gfcert certify PROBLEM --json` wrote for it.  One JSON object per peer is
printed on its own line (bench/table.py turns them into the table).

Peer "gd" is the paper's own method (bench/README.md, "Peers"): plain
gradient descent in binary64 from the (alpha, s) start with step 1e-3,
stopped when the training loss is below 1e-10, next to the regularizer's
minimiser from scipy.optimize.fsolve on the dual system.  Peer "ode" is a good
non-rigorous integrator: solve_ivp with DOP853 on the parameter ODE.

Every error is measured against gfcert's certified balls.  Their midpoints
are parsed exactly (decimal), so a reported error e means: the true distance
lies in [e - rad, e + rad] with rad the largest certified radius, reported
next to it.  No peer's own status flag is trusted: fsolve's answer is
judged by its residual ||X beta - y||, recomputed here.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
import warnings
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import fsolve

GD_STEP = 1e-3
GD_LOSS_STOP = 1e-10
ODE_T = 500.0
# Past t = 500 the ODE peer keeps going only if the flow has not converged
# there (small alpha escapes the origin late): loss above ODE_LOSS_OPEN,
# i.e. residuals above ~5e-13.  It then stops at ODE_LOSS_TINY (residuals
# ~5e-14, a few hundred ulps of y, below which binary64 residuals stop
# shrinking reliably) or at ODE_T_CAP, whichever comes first.
ODE_LOSS_OPEN = 1e-26
ODE_LOSS_TINY = 1e-28
ODE_T_CAP = 1e4


def die(msg):
    print("peers.py: " + msg, file=sys.stderr)
    sys.exit(2)


# ----------------------------------------------------------------- problem

def load_problem(path):
    """X, y and the scalar start of a shorthand diag problem file.  Only
    the part of the format the benchmark uses is accepted (X and y inline or
    as .npy, the (alpha, s) start, the "paper" regularizer with k from the
    start); anything else is refused rather than guessed at."""
    with open(path) as f:
        p = json.load(f)
    if p.get("model") != "diag":
        die("%s: only model \"diag\" has peers here" % path)
    init = p.get("init", {})
    if set(init) != {"alpha", "s"}:
        die("%s: only the shorthand start {\"alpha\", \"s\"} is supported"
            % path)
    if p.get("regularizer") != "paper":
        die("%s: only regularizer \"paper\" is supported" % path)
    base = os.path.dirname(os.path.abspath(path))

    def arr(key):
        v = p[key]
        if isinstance(v, list):
            return np.array([[num(x) for x in row] if isinstance(row, list)
                             else num(row) for row in v], dtype=float)
        if not isinstance(v, str) or not v.lower().endswith(".npy"):
            die("%s: %s must be an array or name a .npy file for the peers"
                % (path, key))
        return np.load(os.path.join(base, v))

    def num(x):
        # gfcert reads "1/3", "0.1" and 1e-4 exactly; the peers work in
        # binary64 anyway, so the nearest double is the honest input.
        return float(Fraction(str(x)))

    X, y = arr("X"), arr("y")
    alpha, s = num(init["alpha"]), num(init["s"])
    if not (alpha > 0 and 0 <= s < 1):
        die("%s: alpha > 0 and 0 <= s < 1 are required" % path)
    return X, y, alpha, s


def start(alpha, s, d):
    # proofs/diag-paper.md section 1; plus and minus parts start equal, so
    # beta(0) = 0.
    u = math.sqrt(alpha * (1 - s) / (1 + s))
    v = math.sqrt(alpha * (1 + s) / (1 - s))
    return np.concatenate([np.full(d, u), np.full(d, v),
                           np.full(d, u), np.full(d, v)])


def beta_of(theta, d):
    up, vp, um, vm = theta[:d], theta[d:2*d], theta[2*d:3*d], theta[3*d:]
    return up * vp - um * vm


# ------------------------------------------------------------- certificate

def parse_ball(text):
    """'[mid +/- rad]', '[+/- rad]' or a bare number -> (Decimal, Decimal).
    gfcert guarantees the printed ball encloses its computed ball."""
    t = text.strip()
    if t.startswith("[") and t.endswith("]"):
        body = t[1:-1].strip()
        if "+/-" in body:
            mid, rad = body.split("+/-")
            mid = mid.strip()
            return (Decimal(mid) if mid else Decimal(0)), Decimal(rad.strip())
        return Decimal(body), Decimal(0)
    return Decimal(t), Decimal(0)


def load_cert(path):
    with open(path) as f:
        c = json.load(f)
    out = {"verdict": c.get("verdict"), "bound": c.get("bound")}
    for key in ("beta_flow", "beta_bias"):
        balls = None
        if c.get("flow_proven" if key == "beta_flow" else "bias_proven") \
                and isinstance(c.get(key), list):
            try:
                balls = [parse_ball(b) for b in c[key]]
            except Exception:
                balls = None   # a non-finite ball proves nothing usable
        out[key] = balls
    return out


def distance(vec, balls):
    """Exact max_i |vec_i - mid_i| and max_i rad_i, or (None, None) when
    there is no certified answer or vec is not finite."""
    if balls is None or vec is None or not np.all(np.isfinite(vec)):
        return None, None
    if len(balls) != len(vec):
        die("certificate has %d entries, the problem d = %d"
            % (len(balls), len(vec)))
    with localcontext() as ctx:
        ctx.prec = 80   # enough for a 40-digit midpoint minus a double
        err = max(abs(Decimal(float(x)) - m) for x, (m, _) in zip(vec, balls))
        rad = max(r for _, r in balls)
    return float(err), float(rad)


# -------------------------------------------------------------------- peers

def peer_gd(X, y, alpha, s, loss_kind, max_iter):
    """Gradient descent on theta with the loss c*||r||^2/(2n):
    c = 2 ("mean", the mean of squares: the paper's normalisation, 63,859
    iterations on B1, bench/README.md) or c = 1 ("half", the 1/(2n) of
    proofs/diag-paper.md)."""
    n, d = X.shape
    c = 2.0 if loss_kind == "mean" else 1.0
    th = start(alpha, s, d)
    up, vp, um, vm = th[:d], th[d:2*d], th[2*d:3*d], th[3*d:]
    it, loss = 0, float("nan")
    with np.errstate(all="ignore"):
        while True:
            r = X @ (up * vp - um * vm) - y
            loss = c * float(r @ r) / (2 * n)
            if not loss >= GD_LOSS_STOP or it >= max_iter:
                break   # NaN also stops: a diverged run is reported as such
            g = (c / n) * (X.T @ r)
            up, vp, um, vm = (up - GD_STEP * vp * g, vp - GD_STEP * up * g,
                              um + GD_STEP * vm * g, vm + GD_STEP * um * g)
            it += 1
    beta = up * vp - um * vm
    return beta, it, loss


def peer_fsolve(X, y, alpha, s):
    """The regularizer's minimiser in binary64: beta_i = (k/2) sinh(2(X^T
    lambda)_i), X beta = y, fsolve from lambda = 0 with the exact Jacobian
    X diag(k cosh(2 X^T lambda)) X^T and its default tolerance (a tighter
    xtol only makes it flag good points as failures, cases README B20)."""
    n, d = X.shape
    k = 4 * alpha * (1 + s * s) / (1 - s * s)

    def b(lam):
        return 0.5 * k * np.sinh(2 * (X.T @ lam))

    def phi(lam):
        return X @ b(lam) - y

    def jac(lam):
        return (X * (k * np.cosh(2 * (X.T @ lam)))) @ X.T

    with np.errstate(all="ignore"), warnings.catch_warnings():
        # fsolve warns on slow progress; its flag is recorded, not obeyed.
        warnings.simplefilter("ignore")
        lam, info, ier, mesg = fsolve(phi, np.zeros(n), fprime=jac,
                                      full_output=True)
        beta = b(lam)
        res = float(np.linalg.norm(X @ beta - y))
    return beta, ier, " ".join(mesg.split()), info["nfev"], res


def peer_ode(X, y, alpha, s):
    """DOP853 on the parameter ODE with the loss ||r||^2/(2n) (gfcert's, so
    t means the same time as in the certificate), to t = 500, and past it
    only when the loss there is still above ODE_LOSS_OPEN."""
    n, d = X.shape

    def loss(th):
        r = X @ beta_of(th, d) - y
        return float(r @ r) / (2 * n)

    def f(t, th):
        up, vp, um, vm = th[:d], th[d:2*d], th[2*d:3*d], th[3*d:]
        g = X.T @ (X @ (up * vp - um * vm) - y) / n
        return np.concatenate([-vp * g, -up * g, vm * g, um * g])

    def tiny(t, th):
        return loss(th) - ODE_LOSS_TINY
    tiny.terminal = True

    opts = dict(method="DOP853", rtol=1e-13, atol=1e-18)
    with np.errstate(all="ignore"):
        sol = solve_ivp(f, (0.0, ODE_T), start(alpha, s, d), **opts)
        nfev, th, t_end, ok = sol.nfev, sol.y[:, -1], sol.t[-1], sol.success
        msg = sol.message
        if ok and loss(th) > ODE_LOSS_OPEN:
            sol = solve_ivp(f, (ODE_T, ODE_T_CAP), th, events=tiny, **opts)
            nfev += sol.nfev
            th, t_end, ok, msg = sol.y[:, -1], sol.t[-1], sol.success, \
                sol.message
    return beta_of(th, d), nfev, t_end, loss(th), ok, msg


def timed(fn, repeat):
    """Median wall time over `repeat` runs and the last run's result; the
    machines are shared, so single times are noise."""
    times, res = [], None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        res = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("problem")
    ap.add_argument("cert")
    ap.add_argument("--peer", choices=["gd", "ode", "all"], default="all")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--gd-loss", choices=["mean", "half"], default="mean")
    ap.add_argument("--gd-max-iter", type=int, default=3000000)
    ap.add_argument("--label", help="instance name for the table "
                    "(default: the problem file's name)")
    a = ap.parse_args()

    X, y, alpha, s = load_problem(a.problem)
    cert = load_cert(a.cert)
    name = a.label or os.path.basename(a.problem)

    if a.peer in ("gd", "all"):
        t_gd, (beta, it, loss) = timed(
            lambda: peer_gd(X, y, alpha, s, a.gd_loss, a.gd_max_iter),
            a.repeat)
        t_fs, (bq, ier, mesg, nfev, res) = timed(
            lambda: peer_fsolve(X, y, alpha, s), a.repeat)
        e_flow, r_flow = distance(beta, cert["beta_flow"])
        e_bias, r_bias = distance(bq, cert["beta_bias"])
        gd_vs_fs = (float(np.max(np.abs(beta - bq)))
                    if np.all(np.isfinite(beta)) and np.all(np.isfinite(bq))
                    else None)
        print(json.dumps({
            "problem": name, "peer": "gd",
            "loss": ("||r||^2/n (mean of squares, the paper's)"
                     if a.gd_loss == "mean" else "||r||^2/(2n)"),
            "time": t_gd, "iterations": it, "final_loss": loss,
            "stopped": "loss" if loss < GD_LOSS_STOP else (
                "diverged" if not math.isfinite(loss) else "iteration cap"),
            "err_vs_cert_flow": e_flow, "cert_flow_rad": r_flow,
            "fsolve_time": t_fs, "fsolve_ier": int(ier),
            "fsolve_message": mesg, "fsolve_nfev": int(nfev),
            "fsolve_residual": res,
            "fsolve_err_vs_cert_bias": e_bias, "cert_bias_rad": r_bias,
            "gd_vs_fsolve": gd_vs_fs}))
        sys.stdout.flush()

    if a.peer in ("ode", "all"):
        t_ode, (beta, nfev, t_end, loss, ok, msg) = timed(
            lambda: peer_ode(X, y, alpha, s), a.repeat)
        e_flow, r_flow = distance(beta, cert["beta_flow"])
        print(json.dumps({
            "problem": name, "peer": "ode", "time": t_ode, "nfev": int(nfev),
            "t_end": float(t_end), "final_loss": loss, "success": bool(ok),
            "message": msg,
            "err_vs_cert_flow": e_flow, "cert_flow_rad": r_flow}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
