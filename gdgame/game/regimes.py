"""Why a step gets its name: the rate against the curvature it meets (no Qt).

On a bowl ``f(x) = L/2 * x**2`` one gradient-descent step with rate ``lr`` turns the
distance to the bottom ``d`` into ``(1 - lr*L) * d``, and the slope ``L*d`` changes by the
same factor. So the product ``lr * L`` alone sets what a constant rate does:

* below about 0.2 each step removes less than a fifth of the distance: a **crawl**;
* up to 1 the hiker walks steadily down (exactly 1 lands on the bottom in one step);
* between 1 and 2 each step crosses the bottom but lands closer: an **overshoot** that
  still converges;
* at 2 the hiker bounces between the same two heights forever, above 2 each bounce is
  higher than the last: **divergence** (the sequence does not converge).

On real ground the bend changes from place to place and differs by direction, so a step
is judged on the ground's local bowl at the hiker's feet (its Hessian) and the noise-free
slope (the game knows it even when the hiker feels a noisy one). Each principal direction
of that bowl (an eigenvector of the Hessian, curvature L_i) that holds a real share of the
hiker's height above the bowl's bottom counts as *met*; the sharpest bend met sets the
regime through ``lr * L``: the steepest direction caps the rate. A direction holding almost
none of the height (a hiker already on a ravine's floor) does not decide the name of a step.

The local bowl is a model. When a long stride carries the hiker over ground that bends
quite differently (over a ridge into a deeper hollow, off a shelf), the model no longer
predicts the step: then a step past the local limit that still landed lower is a *leap*,
not a divergence: a rate that is unstable for the hollow it leaves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdgame.game import terrain

CRAWL_BELOW = 0.2
"""lr x L below this: each step removes less than a fifth of the distance (a crawl)."""
ONE_STEP = 1.0
"""lr x L = 1: the rate that lands on the bottom of a bowl in one step (1/L)."""
LIMIT = 2.0
"""lr x L at or above this: the bounce no longer shrinks (2/L is the speed limit)."""
LIMIT_SLACK = 1e-6
"""Rounding room at the boundaries: within this of 2 a step bounces back to the same
height; within it of 1 (a rate of exactly 1/L) it lands on the bottom, not across it."""
MET_SHARE = 0.01
"""A direction counts as met when it holds at least this share of the height."""
FLAT = 1e-12
"""Curvature at or below this is flat: it sets no speed limit."""


TRUST = 0.5
"""The local bowl predicts a step when its predicted change in loss is within this share."""


@dataclass(frozen=True)
class Bend:
    """The curvature a step met and what the rate made of it.

    ``curvature`` is the sharpest bend met (on a bowl: its L along the directions the step
    moves); ``rate_x_curvature`` is ``lr * curvature``; ``sharpest`` is the sharpest bend
    at the feet in any direction. ``curvature <= 0`` (or NaN) means the ground was flat or
    bent downward along the step: then the curvature sets no speed limit. ``predicted`` says
    whether the local bowl predicted the noise-free step (see the module docs) and
    ``noise_free_change`` is the change in loss that step would have made.
    """

    rate: float
    curvature: float
    rate_x_curvature: float
    sharpest: float
    predicted: bool = True
    noise_free_change: float = math.nan

    @property
    def limited(self) -> bool:
        """Whether the ground bent upward along the step (so 1/L and 2/L exist)."""
        return math.isfinite(self.curvature) and self.curvature > 0

    @property
    def one_over_l(self) -> float:
        return 1.0 / self.curvature if self.limited else math.nan

    @property
    def two_over_l(self) -> float:
        return 2.0 / self.curvature if self.limited else math.nan

    @property
    def past_limit(self) -> bool:
        return self.rate_x_curvature >= LIMIT - LIMIT_SLACK

    @property
    def at_limit(self) -> bool:
        """Right at 2: the step lands as high on the far side as it started."""
        return abs(self.rate_x_curvature - LIMIT) <= LIMIT_SLACK

    @property
    def crosses_bottom(self) -> bool:
        return ONE_STEP + LIMIT_SLACK < self.rate_x_curvature < LIMIT - LIMIT_SLACK

    @property
    def leap(self) -> bool:
        """Past the local limit, yet (noise-free) lower: the bowl model did not hold."""
        return self.past_limit and not self.predicted and self.noise_free_change < 0


def _local_bowl(landscape, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hessian (symmetrised), its curvatures and principal directions (columns) at ``x``."""
    h = np.atleast_2d(np.asarray(landscape.hessian(x), dtype=float))
    h = 0.5 * (h + h.T)
    if not np.all(np.isfinite(h)):
        return h, np.full(len(x), math.nan), np.eye(len(x))
    curvatures, vectors = np.linalg.eigh(h)
    return h, curvatures, vectors


def _met(curvatures: np.ndarray, along: np.ndarray, size: float) -> np.ndarray:
    """Directions that hold at least MET_SHARE of the height above the local bowl's bottom.

    Along a direction of curvature L_i > 0 the slope c_i puts the hiker c_i**2 / (2 L_i)
    above the bottom. Where no direction bends upward, directions carrying a share of the
    slope count instead (they decide only between a crawl and a descent).
    """
    upward = np.isfinite(curvatures) & (curvatures > FLAT)
    heights = np.where(upward, along**2 / np.where(upward, curvatures, 1.0), 0.0)
    total = float(heights.sum())
    if total > 0:
        return upward & (heights >= MET_SHARE * total)
    return np.isfinite(curvatures) & (np.abs(along) >= MET_SHARE * size)


def bend_met(landscape, x, rate: float) -> Bend:
    """The bend a noise-free step of ``rate`` from ``x`` meets (see the module docs)."""
    x = terrain.as_point(x)
    with np.errstate(all="ignore"):
        slope = terrain.as_point(landscape.gradient(x))
        size = float(np.linalg.norm(slope))
        h, curvatures, vectors = _local_bowl(landscape, x)
        sharpest = float(np.max(curvatures)) if np.all(np.isfinite(curvatures)) else math.nan
        if not (math.isfinite(size) and size > 0) or not math.isfinite(sharpest):
            return Bend(rate, math.nan, math.nan, sharpest)
        met = _met(curvatures, vectors.T @ slope, size)
        curvature = float(np.max(curvatures[met])) if met.any() else sharpest
        step = -rate * slope
        model = float(slope @ step + 0.5 * step @ h @ step)
        landing = x + step
        change = math.inf
        if terrain.in_arena(landscape, landing):
            change = float(landscape.value(landing)) - float(landscape.value(x))
    predicted = math.isfinite(change) and abs(change - model) <= TRUST * max(
        abs(model), abs(change), 1e-300
    )
    return Bend(rate, curvature, rate * curvature, sharpest, predicted, change)


def local_curvatures(landscape, x) -> np.ndarray:
    """The ground's curvatures at ``x`` (Hessian eigenvalues), sharpest first."""
    _, curvatures, _ = _local_bowl(landscape, terrain.as_point(x))
    return np.sort(curvatures)[::-1]


def zone_text(rate_x_curvature: float) -> str:
    """The zone a step's ``lr x L`` falls in, in the lesson's words (for the maths panel)."""
    r = rate_x_curvature
    if not math.isfinite(r) or r <= 0:
        return "the ground does not bend upward here, so it sets no speed limit"
    if r < CRAWL_BELOW:
        return f"crawl zone (below {CRAWL_BELOW:g})"
    if abs(r - ONE_STEP) <= LIMIT_SLACK:
        return f"exactly {ONE_STEP:g}: the one-step rate 1/L, lands on the bottom"
    if r < ONE_STEP:
        return f"descent zone ({CRAWL_BELOW:g} to {ONE_STEP:g})"
    if r < LIMIT - LIMIT_SLACK:
        return f"overshoot zone ({ONE_STEP:g} to {LIMIT:g}: crosses, converges)"
    if r <= LIMIT + LIMIT_SLACK:
        return f"exactly {LIMIT:g}: the speed limit 2/L, bounces forever"
    return f"divergence zone (above {LIMIT:g}: each bounce grows)"
