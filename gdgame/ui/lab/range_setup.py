"""The Lab's learning-rate range test without Qt: reading the typed range, the words that
sum up a result, and the rate handed to a hiker. Every number in the words comes from the
engine's :class:`~gdgame.engine.range_test.RangeTest`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gdgame.engine.range_test import RangeTest
from gdgame.ui.lab.input_limits import LEARNING_RATE, RANGE_RATE, RANGE_STEPS, Limit

DEFAULT_LOW, DEFAULT_HIGH = 1e-6, 10.0
HINT_TEXT = "a number such as 1e-6 or 0.5"


@dataclass(frozen=True)
class RangeSettings:
    lr_min: float
    lr_max: float
    steps: int


def _rate(text: str, what: str, limit: Limit = RANGE_RATE) -> float:
    cleaned = text.strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        shown = text.strip() or "nothing"
        raise ValueError(f"The {what} must be {HINT_TEXT} (you typed {shown}).") from None
    if not (math.isfinite(value) and limit.low <= value <= limit.high):
        raise ValueError(f"The {what} must be from {limit.low:g} to {limit.high:g}.")
    return value


def read_range(low_text: str, high_text: str, steps: int) -> RangeSettings:
    """The typed range as settings; ``ValueError`` with a message for the learner if not."""
    low = _rate(low_text, "lowest rate")
    high = _rate(high_text, "highest rate")
    if not low < high:
        raise ValueError(
            f"The lowest rate ({low:g}) must be below the highest ({high:g}): the test grows "
            "the learning rate from one to the other."
        )
    if int(steps) != steps or not RANGE_STEPS.low <= steps <= RANGE_STEPS.high:
        raise ValueError(
            f"The number of steps must be a whole number from {RANGE_STEPS.low} "
            f"to {RANGE_STEPS.high}."
        )
    return RangeSettings(low, high, int(steps))


def hiker_rate(rate: float) -> tuple[float, str]:
    """The suggested ``rate`` as a hiker takes it: three significant figures, inside the
    hiker's rate box; plus a note when it had to be moved into the box."""
    readable = float(f"{rate:.3g}")
    taken = LEARNING_RATE.clamp(readable)
    if taken != readable:
        return taken, (
            f"The suggestion {readable:g} is outside the rates a hiker takes "
            f"({LEARNING_RATE.low:g} to {LEARNING_RATE.high:g}); {taken:g} was used."
        )
    return taken, ""


def floor_words(test: RangeTest) -> str:
    if test.floor == 0:
        return ""
    return (
        f"This landscape goes below zero, so the test reads loss − floor: the floor is its "
        f"lowest value ({test.floor:.6g}, a hair lower)."
    )


def summary(test: RangeTest, settings: RangeSettings) -> str:
    """Plain words for a finished test: the suggestion with both numbers, or why there is
    none and what to try."""
    parts = [floor_words(test)]
    if len(test.rates) == 0:
        parts.append(
            f"The very first step, at rate {settings.lr_min:g}, already blew up, so there is "
            "no curve to read. Try a smaller lowest rate."
        )
    elif not test.fell or test.suggested_rate is None:
        reached = float(test.rates[-1])
        parts.append(
            f"The loss did not fall anywhere from rate {settings.lr_min:g} to {reached:.3g}, "
            "so there is no rate to suggest."
        )
        if test.diverged:
            parts.append("It shot up before it fell: try a smaller lowest rate.")
        else:
            parts.append(
                "Try a larger highest rate or more steps, or start the hiker on a slope "
                "(it may stand on flat ground or at the bottom already)."
            )
    else:
        found = []
        if test.steepest_rate is not None:
            found.append(f"the steepest fall ({test.steepest_rate:.3g})")
        if test.min_over_ten is not None:
            found.append(f"the lowest point / 10 ({test.min_over_ten:.3g})")
        parts.append(
            f"Suggested learning rate {test.suggested_rate:.3g}: the smaller of "
            f"{' and '.join(found)}. It is a starting point to check with a run, not a "
            "guarantee."
        )
    if test.below_floor:
        parts.append(
            "The loss went below the floor (lower ground than the landscape's known lowest "
            "value), so the curve there cannot be trusted."
        )
    return " ".join(p for p in parts if p)


def sweep_words(best_rate: float | None, steps: int | None) -> str:
    if best_rate is None:
        return "No sweep on this landscape yet: run one (Sweep tab) to compare."
    after = f" after {steps} steps" if steps else ""
    return f"Sweep's best rate here: {best_rate:.3g} (lowest final loss{after})."
