"""The rate explorer of chapter 5: pick a rate, see the multiplier and the next steps (no Qt).

The learner drags a learning rate on a bowl of curvature L. :class:`RateExplorer` keeps
that choice; :meth:`RateExplorer.reading` walks the next steps with :mod:`gdgame.engine`
(a :class:`~gdgame.engine.landscapes.Quadratic` bowl, plain gradient descent) and names
the regime in the words the lesson and the Hike share (:mod:`gdgame.lesson.regimes`).
The Learn widget only shows what this module returns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdgame.engine import descend
from gdgame.engine.landscapes import Quadratic
from gdgame.lesson.claims import format_number
from gdgame.lesson.regimes import Regime, regime_for

CURVATURES: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 10.0)
DEFAULT_CURVATURE = 4.0
DEFAULT_RATE_X_L = 0.5
START = 1.0  # the hiker starts this far from the bottom
STEPS = 5
SLIDER_SCALE = 100  # slider positions per unit of rate x L
SLIDER_MAX = 250  # rate x L up to 2.5: past the 2/L limit, so divergence shows too
ARROW = "\u2192"


def short(value: float) -> str:
    """A number in at most three significant digits, with a real minus sign."""
    return format_number(float(f"{value:.3g}")) if math.isfinite(value) else "\u221e"


@dataclass(frozen=True)
class RateReading:
    """What one rate does on the bowl: the numbers and the words the widget shows."""

    curvature: float
    rate: float
    multiplier: float  # measured: distance after one step / distance before
    regime: Regime
    positions: tuple[float, ...]  # distance from the bottom: start, then one per step
    losses: tuple[float, ...]

    @property
    def rate_x_l(self) -> float:
        return self.rate * self.curvature

    @property
    def size(self) -> float:
        return abs(self.multiplier)

    @property
    def one_over_l(self) -> float:
        return 1.0 / self.curvature

    @property
    def two_over_l(self) -> float:
        return 2.0 / self.curvature

    def multiplier_text(self) -> str:
        return (
            f"rate \u00d7 L = {short(self.rate_x_l)}, so each step multiplies the distance to "
            f"the bottom by 1 \u2212 {short(self.rate_x_l)} = {short(self.multiplier)}"
        )

    def size_text(self) -> str:
        size = short(self.size)
        if self.regime.id == "bounce":
            return f"|1 \u2212 rate \u00d7 L| = {size}: the distance never shrinks"
        if self.size > 1:
            return f"|1 \u2212 rate \u00d7 L| = {size}, above 1: the distance grows every step"
        return f"|1 \u2212 rate \u00d7 L| = {size}, below 1: the distance shrinks every step"

    def positions_text(self) -> str:
        return f" {ARROW} ".join(short(p) for p in self.positions)

    def limits_text(self) -> str:
        return (
            f"On this bowl L = {short(self.curvature)}: 1/L = {short(self.one_over_l)} "
            f"lands in one step, 2/L = {short(self.two_over_l)} is the limit."
        )

    def curve(self, points: int = 121) -> tuple[np.ndarray, np.ndarray]:
        """The bowl's loss over a range that holds every position, for plotting."""
        reach = max(max(abs(p) for p in self.positions), START) * 1.15
        xs = np.linspace(-reach, reach, points)
        return xs, Quadratic((self.curvature,)).value(xs.reshape(-1, 1))


class RateExplorer:
    """The learner's choice: a bowl's curvature and a learning rate on it."""

    def __init__(self, curvature: float = DEFAULT_CURVATURE, rate_x_l: float = DEFAULT_RATE_X_L):
        self.curvature = DEFAULT_CURVATURE
        self.rate = DEFAULT_RATE_X_L / DEFAULT_CURVATURE
        self.set_curvature(curvature)
        self.set_rate(rate_x_l / self.curvature)

    @property
    def min_rate(self) -> float:
        return 1.0 / (SLIDER_SCALE * self.curvature)

    @property
    def max_rate(self) -> float:
        return SLIDER_MAX / (SLIDER_SCALE * self.curvature)

    def set_curvature(self, curvature: float) -> None:
        """Change the bowl and keep rate x L (so the regime stays the same)."""
        if not (math.isfinite(curvature) and curvature > 0):
            raise ValueError(f"the curvature must be a positive number, got {curvature!r}")
        rate_x_l = self.rate * self.curvature
        self.curvature = float(curvature)
        self.rate = rate_x_l / self.curvature

    def set_rate(self, rate: float) -> None:
        """Choose the rate, kept within the slider's range."""
        if not math.isfinite(rate):
            raise ValueError(f"the learning rate must be a number, got {rate!r}")
        self.rate = min(max(float(rate), self.min_rate), self.max_rate)

    def set_slider(self, position: int) -> None:
        self.set_rate(position / (SLIDER_SCALE * self.curvature))

    @property
    def slider_position(self) -> int:
        return round(self.rate * self.curvature * SLIDER_SCALE)

    def reading(self) -> RateReading:
        """Walk :data:`STEPS` steps from :data:`START` with the engine and describe them."""
        bowl = Quadratic((self.curvature,))
        run = descend(bowl, [START], self.rate, steps=STEPS)
        distances = tuple(float(d) for d in run.positions[:, 0])
        return RateReading(
            curvature=self.curvature,
            rate=self.rate,
            multiplier=distances[1] / distances[0],
            regime=regime_for(self.rate * self.curvature),
            positions=distances,
            losses=tuple(float(v) for v in run.losses),
        )
