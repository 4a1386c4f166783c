"""Tools that answer "which learning rate?": the safe step and the learning-rate sweep.

* :func:`safe_lr` -- near a point x the landscape bends like a bowl whose steepest curvature
  is L (the largest eigenvalue of the Hessian). Plain gradient descent on such a bowl
  shrinks the error when lr < 2 / L and blows up when lr > 2 / L, so 2 / L is the largest
  *safe* rate there (lr = 1 / L would jump straight to the bottom along that direction).
* :func:`lr_sweep` -- try many rates at once: one hiker per rate, all starting at the same
  point, all moved in one vectorised run. Plotting the final loss against the rate (log
  axis) shows the classic picture: too small crawls, just right converges, too big explodes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdgame.engine.descent import Descent
from gdgame.engine.landscape import as_points
from gdgame.engine.optimizers import make_optimizer

__all__ = ["SweepCancelled", "check_in", "lr_sweep", "safe_lr", "max_curvature"]

FLAT = 1e-12  # curvature at or below this counts as "no bend": no safe-rate limit


class SweepCancelled(Exception):
    """Raised by :func:`lr_sweep` when its ``cancel()`` callback returned True."""


def max_curvature(landscape, x):
    """Largest Hessian eigenvalue at x: a float for one point, an array for ``(n, dim)``."""
    if hasattr(landscape, "max_curvature"):
        return landscape.max_curvature(x)
    X, single = as_points(x, landscape.dim)
    with np.errstate(all="ignore"):
        H = np.asarray(landscape.hessian(X), dtype=np.float64).reshape(len(X), *(X.shape[1],) * 2)
        lam = np.full(len(X), np.nan)
        ok = np.isfinite(H).all(axis=(1, 2))
        if ok.any():
            lam[ok] = np.linalg.eigvalsh(H[ok])[:, -1]
    return float(lam[0]) if single else lam


def safe_lr(landscape, x):
    """The largest stable plain-SGD rate at x: 2 / (largest Hessian eigenvalue).

    For one point returns a float, or ``None`` when the landscape does not bend upwards at x
    (largest eigenvalue <= 0: flat or curving down, as on a hilltop or a plateau), where the
    curvature sets no limit. For points ``(n, dim)`` returns an ``(n,)`` array with NaN in
    those places (NaN leaves a gap in a plot). Cheap: one analytic Hessian per point.

    On a quadratic bowl f = 0.5 * sum(s_i x_i^2) it is 2 / max(s) everywhere.
    """
    lam = max_curvature(landscape, x)
    if np.ndim(lam) == 0:
        return 2.0 / lam if np.isfinite(lam) and lam > FLAT else None
    lam = np.asarray(lam, dtype=np.float64)
    out = np.full(lam.shape, np.nan)
    bent = np.isfinite(lam) & (lam > FLAT)
    out[bent] = 2.0 / lam[bent]
    return out


def lr_sweep(
    landscape,
    x0,
    lrs,
    steps: int,
    optimizer: str = "sgd",
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    schedule=None,
    noise: float = 0.0,
    seed: int | None = None,
    **hyper,
) -> np.ndarray:
    """Final loss after ``steps`` steps for every rate in ``lrs``, in one vectorised run.

    Args:
        landscape: where to walk.
        x0: the common start point, shape ``(dim,)``.
        lrs: the rates to try (any 1-D sequence, e.g. ``np.logspace(-4, 0, 200)``).
        steps: steps per rate.
        optimizer: optimiser name for :func:`make_optimizer`; ``**hyper`` are its settings.
        progress: called as ``progress(fraction)`` (0 < fraction <= 1) about every 1% of the
            steps, and with 1.0 at the end.
        cancel: called after every step; when it returns True the sweep stops by
            raising :class:`SweepCancelled`.
        schedule: optional schedule applied to every rate.
        noise, seed: stochastic gradients, as in :func:`descend` (each rate's hiker draws
            its own seeded noise, so a sweep is repeatable). On a stochastic landscape
            (a model with a ``batch_size``) every rate's hiker feels the same mini-batches in
            the same order, so the curve compares rates, not luck.

    Returns:
        Array ``(len(lrs),)`` of final losses. Rates whose hiker diverged get ``np.inf``.
    """
    rates = np.asarray(lrs, dtype=np.float64).reshape(-1)
    X0, single = as_points(x0, landscape.dim)
    if not single:
        raise ValueError("lr_sweep starts every rate from one point x0 of shape (dim,)")
    opt = make_optimizer(optimizer, rates, **hyper)
    core = Descent(
        landscape,
        np.repeat(X0, len(rates), axis=0),
        opt,
        schedule=schedule,
        noise=noise,
        seed=seed,
    )
    for k in range(int(steps)):
        core.step()
        check_in(k + 1, int(steps), progress, cancel, "sweep")
    if progress is not None:
        progress(1.0)
    return np.where(core.diverged, np.inf, core.loss)


def check_in(done: int, steps: int, progress, cancel, what: str) -> None:
    """After ``done`` of ``steps`` steps (not at the end): ask ``cancel()`` after every step,
    so a stop request is honoured at once (True raises :class:`SweepCancelled`), and report
    ``progress(fraction)`` about every 1% of the steps."""
    if done >= steps:
        return
    if cancel is not None and cancel():
        raise SweepCancelled(f"{what} cancelled after {done} of {steps} steps")
    if progress is not None and done % max(1, steps // 100) == 0:
        progress(done / steps)
