"""Tools that answer "which learning rate?": the safe step and the learning-rate sweep.

* :func:`safe_lr` -- near a point x the landscape bends like a bowl whose steepest curvature
  is L (the largest eigenvalue of the Hessian). Plain gradient descent on such a bowl
  shrinks the error when lr < 2 / L and blows up when lr > 2 / L, so 2 / L is the largest
  *safe* rate there (lr = 1 / L would jump straight to the bottom along that direction).
* :func:`lr_sweep` -- try many rates at once: one hiker per rate, all starting at the same
  point, all moved in one vectorised run. Plotting the final loss against the rate (log
  axis) shows the classic picture: too small crawls, just right converges, too big explodes.
* :func:`race_results` -- the summary of a race: per hiker its final and best loss, the step
  it first came within the goal tolerance of the lowest value, and the step it diverged.
  A hiker *diverged* when the engine had to stop it (its position or loss stopped being a
  number) or when its loss rose past :func:`runaway_level`: a thousand times the height of
  the whole map above the lowest point. Nothing that far out is still descending.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdgame.engine.descent import Descent
from gdgame.engine.landscape import as_points
from gdgame.engine.optimizers import make_optimizer

__all__ = [
    "SweepCancelled",
    "check_in",
    "lr_sweep",
    "safe_lr",
    "max_curvature",
    "HikerResult",
    "race_results",
    "best_result",
    "map_height",
    "runaway_level",
    "first_step_above",
]

FLAT = 1e-12  # curvature at or below this counts as "no bend": no safe-rate limit
RUNAWAY_FACTOR = 1e3  # a loss this many map heights above the lowest point: diverged


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


# --- race results ---------------------------------------------------------------------------
def map_height(landscape, per_axis: int = 64) -> float:
    """Highest minus lowest finite loss on a grid over the landscape's box (1.0 if flat)."""
    axes = [np.linspace(lo, hi, per_axis) for lo, hi in landscape.bounds]
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, landscape.dim)
    with np.errstate(all="ignore"):
        values = np.asarray(landscape.value(grid), dtype=np.float64)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return 1.0
    height = float(finite.max() - finite.min())
    return height if np.isfinite(height) and height > 0 else 1.0


def runaway_level(lowest: float, height: float) -> float:
    """The loss above which a hiker counts as diverged: lowest + 1000 map heights."""
    base = float(lowest) if np.isfinite(lowest) else 0.0
    return base + RUNAWAY_FACTOR * max(float(height), 1e-12)


def first_step_above(losses, level: float, first: int = 0) -> np.ndarray:
    """Per column of ``losses`` (k, n): the first row (numbered from ``first``) whose loss is
    above ``level`` or not a number; -1 where there is none."""
    values = np.asarray(losses, dtype=np.float64)
    if len(values) == 0:
        return np.full(values.shape[1:], -1)
    with np.errstate(invalid="ignore"):
        bad = ~(values <= level)
    hit = bad.any(axis=0)
    return np.where(hit, first + np.argmax(bad, axis=0), -1)


@dataclass(frozen=True)
class HikerResult:
    """One hiker's race: losses, when it reached the goal, when it diverged (None: never)."""

    final_loss: float
    best_loss: float
    best_step: int
    goal_step: int | None
    diverged_at: int | None
    rising: bool = False  # not (yet) run away, but ended above its start: a slow divergence

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None


def race_results(
    losses, lowest: float, tolerance: float, diverged_at=None, runaway: float = np.inf
) -> list[HikerResult]:
    """Summarise a race from its losses ``(steps + 1, n)`` (row 0 is the start).

    ``goal_step`` is the first step whose loss is within ``tolerance`` of ``lowest`` (None
    if never, or if the lowest value is unknown). ``diverged_at`` per hiker (the engine's,
    -1 for none) is combined with the first step above ``runaway`` (see :func:`runaway_level`).
    A diverged hiker's final and best losses are those before it diverged.
    """
    values = np.asarray(losses, dtype=np.float64)
    if values.ndim != 2 or len(values) == 0:
        raise ValueError("losses must be an array (steps + 1, hikers) with at least one row")
    n = values.shape[1]
    engine = np.full(n, -1) if diverged_at is None else np.asarray(diverged_at).reshape(n)
    ran_off = first_step_above(values, runaway)
    results = []
    for i in range(n):
        marks = [int(s) for s in (engine[i], ran_off[i]) if s >= 0]
        stop = min(marks) if marks else None
        healthy = values[: len(values) if stop is None else stop, i]
        finite = np.isfinite(healthy)
        if finite.any():
            best_step = int(np.argmin(np.where(finite, healthy, np.inf)))
            best, final = float(healthy[best_step]), float(healthy[finite][-1])
        else:
            best_step, best, final = 0, float("nan"), float("nan")
        goal = None
        if np.isfinite(lowest) and np.isfinite(tolerance):
            with np.errstate(invalid="ignore"):
                close = np.flatnonzero(healthy - lowest <= tolerance)
            goal = int(close[0]) if close.size else None
        rising = stop is None and bool(final > values[0, i])
        results.append(HikerResult(final, best, best_step, goal, stop, rising))
    return results


def best_result(results: list[HikerResult]) -> int | None:
    """Index of the winner: the lowest final loss among hikers that did not diverge."""
    scores = [(r.final_loss, i) for i, r in enumerate(results) if not r.diverged]
    scores = [(loss, i) for loss, i in scores if np.isfinite(loss)]
    return min(scores)[1] if scores else None


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
