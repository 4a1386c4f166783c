"""The hint ladder: a question first, then the principle, then the numbers (no Qt).

Every level carries two hints written for it: a **nudge** (a question or a qualitative
push that makes the player think) and the **principle** behind the level. The third rung,
the **numbers**, is computed at the hiker's feet from the ground's curvature (never stored
as text, so it cannot drift from the engine). Each rung costs points, shown before it is
taken; the numbers rung also costs the third star, because it all but hands over the rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gdgame.game import regimes, terrain

SLIDER_MIN, SLIDER_MAX = 1e-4, 10.0
"""The rates the rate slider offers; a hint never points outside them."""

RUNG_KINDS = ("nudge", "principle", "numbers")
RUNG_COSTS = {"nudge": 25, "principle": 50, "numbers": 100}
"""Points each rung costs when it is first shown."""
NUMBERS_STAR_CAP = 2
"""After the numbers rung a level can earn at most this many stars."""
LEARN_SECTION = "chapter-5"
"""The Learn section that explains 1/L, 2/L and the condition number (the numbers rung's
link); the principle rung links the level's own chapter."""
CAREFUL_STEP_SHARE = 0.05
"""Where curvature sets no limit, a careful step crosses about this share of the map."""
FLAT = 1e-12


@dataclass(frozen=True)
class HintRung:
    index: int
    kind: str
    text: str
    cost: int
    learn_section: str | None = None

    @property
    def caps_stars(self) -> bool:
        return self.kind == "numbers"

    def cost_text(self) -> str:
        if self.caps_stars:
            return f"costs {self.cost} points and the third star"
        return f"costs {self.cost} points"


def careful_rate(slope: float, map_size: float) -> float:
    """A rate whose step crosses about a twentieth of the map (NaN if the slope is zero)."""
    if not (math.isfinite(slope) and slope > 0 and math.isfinite(map_size) and map_size > 0):
        return math.nan
    return CAREFUL_STEP_SHARE * map_size / slope


def on_slider(rate: float) -> float:
    return min(SLIDER_MAX, max(SLIDER_MIN, rate))


def _flat_ground(slope: float, map_size: float) -> str:
    text = "Here the ground is flat or bends downward, so its curvature sets no speed limit. "
    careful = careful_rate(slope, map_size)
    if not math.isfinite(careful):
        return text + "Only a larger rate moves you on from here."
    text += (
        f"A step is rate x slope, and the slope here is {slope:.3g}: a rate near "
        f"{on_slider(careful):.3g} moves you about a twentieth of the way across the map."
    )
    if careful > 2.0:
        text += " The ground is nearly level, so bold rates are safe up here."
    return text


def numbers_text(landscape, position, slope: float) -> str:
    """The numbers rung: 1/L and 2/L of the sharpest bend at ``position``, in plain words."""
    bends = regimes.local_curvatures(landscape, position)
    top = float(bends[0])
    if not (math.isfinite(top) and top > FLAT):
        return _flat_ground(slope, terrain.bounds_size(landscape))
    text = (
        f"At your feet the ground's sharpest bend is L = {top:.3g}. On a bowl that bends like "
        f"this, a rate of 1/L = {1 / top:.3g} lands on the bottom in one step along that "
        f"direction; rates between 1/L and 2/L = {2 / top:.3g} cross the bottom but still "
        "converge; rates above 2/L diverge."
    )
    if len(bends) > 1:
        low = float(bends[-1])
        if low <= FLAT:
            text += " Across it the ground is flat or bends downward: no limit from there."
        elif top / low > 1.5:
            text += (
                f" The gentlest direction bends with only {low:.3g}, a condition number of "
                f"about {top / low:.3g}: a rate the sharp bend allows moves you slowly along "
                "the gentle one."
            )
    if 1 / top > SLIDER_MAX:
        text += f" The slider stops at {SLIDER_MAX:g}: use its top end."
    return text


def suggested_rate(landscape, position, slope: float) -> float:
    """The rate the numbers rung points to: 1/L of the sharpest bend, else a careful rate."""
    top = float(regimes.local_curvatures(landscape, position)[0])
    if math.isfinite(top) and top > FLAT:
        return on_slider(1.0 / top)
    careful = careful_rate(slope, terrain.bounds_size(landscape))
    return on_slider(careful) if math.isfinite(careful) else SLIDER_MAX


def sensible_rate(bend: regimes.Bend, slope: float, map_size: float) -> float:
    """The rate a sensible player would not go far below: 1/L of the sharpest bend at the
    feet (any direction: a bend the step does not meet yet still caps a bolder rate), else
    a careful stride where the ground is flat or bends downward."""
    if math.isfinite(bend.sharpest) and bend.sharpest > FLAT:
        return min(1.0 / bend.sharpest, SLIDER_MAX)
    careful = careful_rate(slope, map_size)
    return min(careful, SLIDER_MAX) if math.isfinite(careful) else SLIDER_MAX


class HintLadder:
    """Which rungs of one level's ladder the player has bought."""

    def __init__(self, texts: tuple[str, ...], chapter: str = LEARN_SECTION):
        self.texts = tuple(texts[:2])
        self.chapter = chapter
        self.shown = 0

    @property
    def size(self) -> int:
        return len(self.texts) + 1

    def rung(self, index: int, landscape, position, slope: float) -> HintRung:
        kind = RUNG_KINDS[-1] if index >= len(self.texts) else RUNG_KINDS[index]
        if kind == "numbers":
            text = numbers_text(landscape, position, slope)
        else:
            text = self.texts[index]
        section = {"nudge": None, "principle": self.chapter}.get(kind, LEARN_SECTION)
        return HintRung(index, kind, text, RUNG_COSTS[kind], section)

    def next_kind(self) -> str | None:
        if self.shown >= self.size:
            return None
        return RUNG_KINDS[-1] if self.shown >= len(self.texts) else RUNG_KINDS[self.shown]

    @property
    def points_spent(self) -> int:
        kinds = [RUNG_KINDS[i] for i in range(min(self.shown, len(self.texts)))]
        if self.shown > len(self.texts):
            kinds.append("numbers")
        return sum(RUNG_COSTS[k] for k in kinds)

    @property
    def star_cap(self) -> int:
        return NUMBERS_STAR_CAP if self.shown > len(self.texts) else 3
