"""The learning-rate range test: find a good rate with one short training run (no Qt).

Practitioners pick a starting rate like this (Leslie Smith, 2017; the "LR finder" of
fastai and pytorch-lr-finder): train for a few hundred steps while the rate grows
exponentially, say from 1e-6 to 10, and watch the training loss. At first the rate is
too small to matter and the loss stays flat; then it starts to fall, fastest somewhere in
the useful range; finally the rate is too large, the loss shoots up and the test stops.

The raw losses wobble (on a model with mini-batches each one is the loss of one batch), so
they are smoothed with a bias-corrected exponential moving average. The average runs over
the logarithm of the loss, so a fall over many orders of magnitude stays visible; the
smoothed curve is a running geometric mean in loss units. Two suggestions come from it:

* **steepest**: the rate where the smoothed loss falls fastest against the log of the rate
  (in relative terms: its log falls fastest), looked for before the lowest point;
* **minimum / 10**: a tenth of the rate at the lowest smoothed loss (the rule of thumb
  that backs off from the edge of divergence).

On a bowl of curvature L the log of the loss falls fastest around lr = 1/L and keeps
falling until 2/L, so the steepest point lies near 1/L and the minimum/10 rule near 0.3/L.
Where the ground bends differently in different directions, a plunge of a gentle
direction can look steepest at a rate that is already unstable for the sharp one (its
part of the loss is then too small to show yet), so the *suggested* rate is the more
careful of the two suggestions. On real models the loss cannot fall below the best fit's,
which moves the steepest point to smaller rates (about 0.1/L on the penguin line).

The logarithm needs positive losses. A landscape whose loss goes below zero (a formula
such as ``x**4 - 3*x**2``) is tested on its height above a ``floor`` at or below every
loss, e.g. its lowest value: the same walk (a constant shift changes no slope), read as
"loss - floor". The default floor, 0, is the practitioners' test on the loss itself. (The
shifted loss is rounded to about 1e-16 of the floor's size, so heights below that are lost.)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdgame.engine.analysis import check_in
from gdgame.engine.descent import Descent
from gdgame.engine.landscape import as_points
from gdgame.engine.optimizers import make_optimizer

__all__ = [
    "MIN_STEPS",
    "LogAverage",
    "RangeTest",
    "check_range",
    "lr_range_test",
    "range_floor",
    "smooth_log_losses",
]

TINY = 1e-300
FLAT_SHARE = 1e-3
"""Smoothed losses within this share of the lowest count as the lowest (a flat bottom)."""
SKIP_START = 10
"""The first smoothed values lean on very few losses: the steepest point is not looked for
among them."""
MIN_STEPS = 2 * SKIP_START
"""The fewest steps a range test takes."""
FLOOR_MARGIN = 1e-6
"""A floor sits this share (of its size, at least 1) below a landscape's lowest value, so a
loss that reaches the bottom up to rounding still has a height above it."""


@dataclass(frozen=True, eq=False)
class RangeTest:
    """The result of :func:`lr_range_test`: arrays of equal length, one entry per step taken.

    Attributes:
        rates: the rate of each step (growing exponentially).
        losses: the training loss seen right after that step (on a stochastic landscape the
            loss of the next mini-batch, as a training loop sees it; else the exact loss).
        smoothed: the smoothed losses (see the module docs).
        full_losses: the exact loss over all the data after each step.
        positions: where the hiker stood: row 0 is the start, row k + 1 after step k.
        steepest_rate: the rate where the smoothed loss falls fastest (None if it never fell).
        minimum_rate: the rate at the lowest smoothed loss (the first, where the curve is
            flat at its lowest; None if the very first step blew up).
        diverged: True when the test stopped early because the loss shot up.
        start_loss: the loss before the first step.
        floor: the loss was read as its height above this value (0: the loss itself);
            ``smoothed`` is the smoothed height plus the floor, in loss units again.
    """

    rates: np.ndarray
    losses: np.ndarray
    smoothed: np.ndarray
    full_losses: np.ndarray
    positions: np.ndarray
    steepest_rate: float | None
    minimum_rate: float | None
    diverged: bool
    start_loss: float
    floor: float = 0.0

    @property
    def fell(self) -> bool:
        """Whether the smoothed loss ever went clearly below its first value."""
        if len(self.smoothed) < 2:
            return False
        height = self.smoothed - self.floor
        return bool(np.min(height) < height[0] * (1.0 - FLAT_SHARE))

    @property
    def below_floor(self) -> bool:
        """Whether a raw loss went below the floor (its height was then read as ~0): the
        hiker found ground lower than the floor promised, e.g. outside a formula's box."""
        return bool(np.any(self.losses < self.floor))

    @property
    def min_over_ten(self) -> float | None:
        """A tenth of the rate at the lowest smoothed loss (None if the loss never fell)."""
        return self.minimum_rate / 10.0 if self.fell else None

    @property
    def suggested_rate(self) -> float | None:
        """The more careful of the two suggestions (steepest, minimum/10) that exist; None
        when the loss never fell (nothing to suggest)."""
        found = [r for r in (self.steepest_rate, self.min_over_ten) if r is not None]
        return min(found) if found else None


class LogAverage:
    """Bias-corrected exponential moving average of log(loss), read back in loss units."""

    def __init__(self, smoothing: float, floor: float = 0.0):
        self.smoothing = smoothing
        self.floor = floor
        self.average = 0.0
        self.count = 0

    def add(self, loss: float) -> float:
        """Take in one loss; return the smoothed loss so far (its height above the floor
        averaged, plus the floor)."""
        return self.add_height(loss) + self.floor

    def add_height(self, loss: float) -> float:
        """Take in one loss; return the smoothed height above the floor (always > 0)."""
        self.count += 1
        beta = self.smoothing
        height = max(loss - self.floor, TINY)
        self.average = beta * self.average + (1.0 - beta) * math.log(height)
        return math.exp(self.average / (1.0 - beta**self.count))


def smooth_log_losses(losses, smoothing: float, floor: float = 0.0) -> np.ndarray:
    """The smoothed curve of ``losses`` (``smoothing`` is the running average's weight:
    0 keeps the raw losses), as :func:`lr_range_test` computes it."""
    average = LogAverage(smoothing, floor)
    return np.array([average.add(float(loss)) for loss in losses])


def _lowest(smoothed: np.ndarray) -> int:
    """Index of the lowest point: the first one within ``FLAT_SHARE`` of the minimum."""
    floor = float(np.min(smoothed))
    return int(np.argmax(smoothed <= floor * (1.0 + FLAT_SHARE)))


def _steepest(rates: np.ndarray, smoothed: np.ndarray, lowest: int) -> float | None:
    if lowest <= SKIP_START + 1:
        return None
    logs = np.log(smoothed[: lowest + 1])
    slope = np.gradient(logs, np.log(rates[: lowest + 1]))
    window = slope[SKIP_START:]
    best = int(np.argmin(window))
    return float(rates[SKIP_START + best]) if window[best] < 0 else None


def range_floor(landscape) -> float:
    """The floor to read a range test on ``landscape`` against: 0 (the loss itself) when its
    lowest value is 0 or more, else a hair below its lowest value (see ``FLOOR_MARGIN``)."""
    lowest = float(getattr(landscape, "global_min_value", 0.0))
    if not math.isfinite(lowest) or lowest >= 0:
        return 0.0
    return lowest - FLOOR_MARGIN * max(1.0, abs(lowest))


def check_range(lr_min: float, lr_max: float, steps: int) -> None:
    """Raise ``ValueError`` unless ``lr_min`` .. ``lr_max`` over ``steps`` is a valid test."""
    if not (math.isfinite(lr_min) and math.isfinite(lr_max) and 0 < lr_min < lr_max):
        raise ValueError("the rates must grow: 0 < lr_min < lr_max, both finite")
    if int(steps) != steps or steps < MIN_STEPS:
        raise ValueError(f"a range test needs a whole number of steps, {MIN_STEPS} or more")


def _check(lr_min, lr_max, steps, smoothing, diverge_factor, floor) -> None:
    if not math.isfinite(floor):
        raise ValueError("the floor must be a finite number")
    check_range(lr_min, lr_max, steps)
    if not 0 <= smoothing < 1:
        raise ValueError("smoothing must be from 0 up to (not including) 1")
    if not diverge_factor > 1:
        raise ValueError("diverge_factor must be greater than 1")


def lr_range_test(
    landscape,
    x0,
    lr_min: float = 1e-6,
    lr_max: float = 10.0,
    steps: int = 300,
    optimizer: str = "sgd",
    smoothing: float = 0.9,
    diverge_factor: float = 4.0,
    seed: int | None = 0,
    noise: float = 0.0,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    floor: float = 0.0,
    **hyper,
) -> RangeTest:
    """Train one hiker from ``x0`` while the rate grows from ``lr_min`` to ``lr_max``.

    Step k uses the rate ``lr_min * (lr_max / lr_min) ** (k / (steps - 1))``. The test
    stops early once the smoothed loss (above the floor) exceeds ``diverge_factor`` times
    its lowest value, or the hiker blows up. ``optimizer`` and ``**hyper`` choose the
    optimiser; ``seed`` the mini-batches (and ``noise``) as in :class:`Descent`.
    ``progress(fraction)`` and ``cancel()`` are called about every 1% of the steps, as in
    ``lr_sweep`` (cancelling raises :class:`SweepCancelled`). ``floor`` (at or below every
    loss, e.g. the lowest value of a landscape that goes below zero: :func:`range_floor`)
    is subtracted before the logarithm.
    """
    floor = float(floor)
    _check(lr_min, lr_max, steps, smoothing, diverge_factor, floor)
    X0, single = as_points(x0, landscape.dim)
    if not single:
        raise ValueError("a range test trains one hiker: x0 must have shape (dim,)")
    steps = int(steps)
    schedule = lr_min * (lr_max / lr_min) ** (np.arange(steps) / (steps - 1))
    core = Descent(
        landscape, X0, make_optimizer(optimizer, lr_min, **hyper), noise=noise, seed=seed
    )
    start_loss = float(core.loss[0])
    positions, losses, full, heights = [X0[0].copy()], [], [], []
    average, lowest, diverged = LogAverage(smoothing, floor), math.inf, False
    for k, rate in enumerate(schedule):
        core.set_lr(rate)
        core.step()
        positions.append(core.X[0].copy())
        full.append(float(core.loss[0]))
        seen = _seen_loss(landscape, core)
        losses.append(seen)
        if core.diverged[0] or not math.isfinite(seen):
            diverged = True
            break
        heights.append(average.add_height(seen))
        lowest = min(lowest, heights[-1])
        if heights[-1] > diverge_factor * lowest:
            diverged = True
            break
        check_in(k + 1, steps, progress, cancel, "range test")
    if progress is not None:
        progress(1.0)
    taken = len(heights)
    rates, curve = schedule[:taken], np.array(heights)
    bottom = _lowest(curve) if taken else None
    return RangeTest(
        rates=rates,
        losses=np.array(losses[:taken]),
        smoothed=curve + floor,
        full_losses=np.array(full[:taken]),
        positions=np.array(positions[: taken + 1]),
        steepest_rate=None if bottom is None else _steepest(rates, curve, bottom),
        minimum_rate=None if bottom is None else float(rates[bottom]),
        diverged=diverged,
        start_loss=start_loss,
        floor=floor,
    )


def _seen_loss(landscape, core: Descent) -> float:
    """The loss a training loop would see now: the next mini-batch's, or the exact one."""
    if core.batch_rows is None:
        return float(core.loss[0])
    return float(landscape.batch_value(core.X[0], core.batch_rows))
