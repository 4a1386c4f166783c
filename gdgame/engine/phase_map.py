"""The (learning rate x momentum) phase map: which pairs converge, crawl or blow up.

One hiker per (rate, momentum) cell, all starting at the same point and all moved in one
vectorised run (the optimiser takes one rate and one momentum per hiker), so a 200 x 200
map of 300 steps is a single engine pass of 40,000 hikers.

On a bowl (a quadratic) the answer is known exactly. Along a direction of curvature L,
heavy-ball momentum (``x <- x - lr * b``, ``b <- beta * b + g``) is stable exactly when

    lr * L < 2 * (1 + beta)          (plain gradient descent, beta = 0: lr < 2 / L)

and Nesterov's variant exactly when ``lr * L < 2 * (1 + beta) / (1 + 2 * beta)``.
:func:`stability_limit` gives these rates, so the map can draw the theory's line over the
engine's measured cells.

A cell counts as *diverged* when the engine had to stop its hiker (the position or loss
stopped being a number) or when its loss ended higher than it started: on a bowl a run that
ends above its start is growing without bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdgame.engine.analysis import check_in
from gdgame.engine.descent import Descent
from gdgame.engine.landscape import as_points
from gdgame.engine.optimizers import check_lr, check_momentum, make_optimizer

__all__ = [
    "PHASE_OPTIMIZERS",
    "MAX_CELLS_PER_AXIS",
    "PhaseMap",
    "momentum_phase_map",
    "stability_limit",
    "constant_curvature",
]

PHASE_OPTIMIZERS = ("momentum", "nesterov")
MAX_CELLS_PER_AXIS = 200


@dataclass
class PhaseMap:
    """The result: ``final_loss[i, j]`` belongs to ``momenta[i]`` and ``rates[j]``.

    Attributes:
        rates, momenta: the axes (rates are usually log-spaced).
        final_loss: loss after ``steps`` steps (a diverged cell keeps its last finite loss).
        start_loss: the loss at the common start.
        overflowed: the engine stopped that hiker (non-finite position or loss).
        diverged: overflowed, or ended above the start loss.
        steps, optimizer: what was run.
    """

    rates: np.ndarray
    momenta: np.ndarray
    final_loss: np.ndarray
    start_loss: float
    overflowed: np.ndarray
    diverged: np.ndarray
    steps: int
    optimizer: str

    def cell(self, i: int, j: int) -> tuple[float, float]:
        """(rate, momentum) of row i (momentum), column j (rate)."""
        return float(self.rates[j]), float(self.momenta[i])

    def best(self) -> tuple[int, int] | None:
        """Row and column of the lowest final loss among cells that did not diverge."""
        score = np.where(self.diverged, np.inf, self.final_loss)
        if not np.isfinite(score).any():
            return None
        i, j = np.unravel_index(int(np.argmin(score)), score.shape)
        return int(i), int(j)


def stability_limit(curvature: float, momentum, optimizer: str = "momentum"):
    """The largest stable rate on a bowl of curvature ``curvature`` (None if it does not bend).

    ``momentum`` may be a number or an array (one limit per momentum). Heavy ball:
    2 (1 + beta) / L; Nesterov: 2 (1 + beta) / ((1 + 2 beta) L).
    """
    if optimizer not in PHASE_OPTIMIZERS:
        raise ValueError(f"no stability formula for {optimizer!r}")
    if not (np.isfinite(curvature) and curvature > 0):
        return None
    beta = np.asarray(momentum, dtype=np.float64)
    limit = 2.0 * (1.0 + beta) / curvature
    if optimizer == "nesterov":
        limit = limit / (1.0 + 2.0 * beta)
    return float(limit) if limit.ndim == 0 else limit


def constant_curvature(landscape, samples: int = 9, seed: int = 0) -> float | None:
    """The landscape's largest curvature if it is the same all over its box (a quadratic),
    else None. Checked on a few points spread over the box (fixed seed: repeatable)."""
    rng = np.random.default_rng(seed)
    lo = np.array([b[0] for b in landscape.bounds], dtype=np.float64)
    hi = np.array([b[1] for b in landscape.bounds], dtype=np.float64)
    points = lo + (hi - lo) * rng.random((samples, landscape.dim))
    with np.errstate(all="ignore"):
        H = np.asarray(landscape.hessian(points), dtype=np.float64)
    H = H.reshape(samples, landscape.dim, landscape.dim)
    if not np.isfinite(H).all():
        return None
    scale = max(1.0, float(np.max(np.abs(H))))
    if np.max(np.abs(H - H[0])) > 1e-6 * scale:
        return None
    return float(np.linalg.eigvalsh(H[0])[-1])


def momentum_phase_map(
    landscape,
    x0,
    rates,
    momenta,
    steps: int,
    optimizer: str = "momentum",
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    schedule=None,
    noise: float = 0.0,
    seed: int | None = None,
) -> PhaseMap:
    """Run every (momentum, rate) pair for ``steps`` steps from ``x0`` in one pass.

    ``progress(fraction)`` is called about every 1% of the steps; ``cancel()`` is asked
    after every step and stops the run by raising :class:`SweepCancelled`.
    """
    if optimizer not in PHASE_OPTIMIZERS:
        raise ValueError(f"the phase map needs an optimiser with momentum: {PHASE_OPTIMIZERS}")
    lr_axis = np.asarray(check_lr(np.asarray(rates, dtype=np.float64).reshape(-1)))
    mu_axis = np.asarray(check_momentum(np.asarray(momenta, dtype=np.float64).reshape(-1)))
    for name, axis in (("rates", lr_axis), ("momenta", mu_axis)):
        if not 1 <= axis.size <= MAX_CELLS_PER_AXIS:
            raise ValueError(f"the phase map takes 1 to {MAX_CELLS_PER_AXIS} {name}")
    steps = int(steps)
    if steps < 1:
        raise ValueError("the phase map needs at least one step")
    X0, single = as_points(x0, landscape.dim)
    if not single:
        raise ValueError("every cell starts from one point x0 of shape (dim,)")
    mu_grid, lr_grid = np.meshgrid(mu_axis, lr_axis, indexing="ij")
    opt = make_optimizer(optimizer, lr_grid.ravel(), momentum=mu_grid.ravel())
    core = Descent(
        landscape,
        np.repeat(X0, lr_grid.size, axis=0),
        opt,
        schedule=schedule,
        noise=noise,
        seed=seed,
    )
    start_loss = float(core.loss[0])
    for k in range(steps):
        core.step()
        check_in(k + 1, steps, progress, cancel, "phase map")
    if progress is not None:
        progress(1.0)
    shape = mu_grid.shape
    final = core.loss.reshape(shape).copy()
    overflowed = core.diverged.reshape(shape).copy()
    with np.errstate(invalid="ignore"):
        diverged = overflowed | ~(final <= start_loss) if np.isfinite(start_loss) else overflowed
    return PhaseMap(lr_axis, mu_axis, final, start_loss, overflowed, diverged, steps, optimizer)
