"""What a constant learning rate does on a bowl: the regimes set by rate x curvature (no Qt).

On a bowl of curvature L the slope at a distance d from the bottom is L x d, so one step
``d <- d - rate x L x d`` multiplies the distance by the same number every time:

    multiplier m = 1 - rate x L

The size of m decides everything, which is why the game and the lesson name a step from
``rate x L`` (the same words everywhere):

====================  ==============  =====================================================
rate x L              multiplier m    regime
====================  ==============  =====================================================
below ~0.2            0.8 .. 1        crawl: each step closes under a fifth of the gap
0.2 .. 1              0 .. 0.8        steady descent, always on the same side
exactly 1 (1/L)       0               lands on the bottom in one step
1 .. 2                -1 .. 0         overshoot: crosses the bottom, but still converges
exactly 2 (2/L)       -1              bounces between two points forever
above 2               below -1        divergence: the distance grows every step
====================  ==============  =====================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gdgame.game.regimes import CRAWL_BELOW, LIMIT, LIMIT_SLACK, ONE_STEP

__all__ = ["CRAWL_BELOW", "REGIMES", "Regime", "multiplier", "regime_for"]
# The boundaries are the Hike's own (gdgame.game.regimes), so lesson and game cannot disagree.


@dataclass(frozen=True)
class Regime:
    """One way a constant rate behaves on a bowl."""

    id: str  # "crawl" | "descent" | "one-step" | "overshoot" | "bounce" | "divergence"
    name: str  # the words the lesson shows
    converges: bool
    summary: str  # one sentence, in the game's vocabulary


REGIMES: dict[str, Regime] = {
    regime.id: regime
    for regime in (
        Regime(
            "crawl",
            "crawl",
            True,
            "Each step closes less than a fifth of the remaining distance: safe, but it "
            "takes a great many steps.",
        ),
        Regime(
            "descent",
            "steady descent",
            True,
            "Each step closes a good share of the distance and stays on the same side of "
            "the bottom.",
        ),
        Regime(
            "one-step",
            "one-step landing",
            True,
            "The rate is exactly 1/L: the first step lands on the bottom.",
        ),
        Regime(
            "overshoot",
            "overshoot",
            True,
            "Each step crosses the bottom to the other side, but lands closer than it "
            "started, so the run still converges. Not a mistake.",
        ),
        Regime(
            "bounce",
            "bounces forever",
            False,
            "The rate is exactly 2/L: each step lands just as far away on the other side, "
            "so the hiker swings between two points and never settles.",
        ),
        Regime(
            "divergence",
            "divergence",
            False,
            "The rate is above 2/L: each step lands further from the bottom than the last, "
            "so the distance and the loss grow.",
        ),
    )
}


def multiplier(rate: float, curvature: float) -> float:
    """The number one step multiplies the distance to the bottom by: 1 - rate x L."""
    return 1.0 - rate * curvature


def regime_for(rate_x_l: float) -> Regime:
    """The regime of a constant rate whose product with the curvature is ``rate_x_l`` (> 0)."""
    if not (math.isfinite(rate_x_l) and rate_x_l > 0):
        raise ValueError(f"rate x curvature must be a positive number, got {rate_x_l!r}")
    if abs(rate_x_l - ONE_STEP) <= LIMIT_SLACK:
        return REGIMES["one-step"]
    if abs(rate_x_l - LIMIT) <= LIMIT_SLACK:
        return REGIMES["bounce"]
    if rate_x_l < CRAWL_BELOW:
        return REGIMES["crawl"]
    if rate_x_l < ONE_STEP:
        return REGIMES["descent"]
    if rate_x_l < LIMIT:
        return REGIMES["overshoot"]
    return REGIMES["divergence"]
