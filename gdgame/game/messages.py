"""The words the Hike says after each step, tied to the lesson (no Qt).

All text is our own. Each step kind has a short headline (the animated label), an
explanation of what happened to the blindfolded hiker and a lesson tie-in naming the idea
and the glossary term it belongs to. Explanations quote ``rate x curvature`` (see
:mod:`gdgame.game.regimes`): the one number that sets what a rate does on a bowl.

The learning rate and the length of a step are different things: a step moves the hiker
by rate x slope, so the same rate makes long strides on steep ground and short ones on
gentle ground. The text never calls the rate a step length.
"""

from __future__ import annotations

import math

STEP_KINDS = ("divergence", "overshoot", "crawl", "stuck", "noisy", "descent", "won")
MISTAKE_KINDS = frozenset({"divergence", "crawl", "stuck"})
"""Steps that make the matching flashcards due (an overshoot that converges is a lesson)."""
PENALISED_KINDS = frozenset({"divergence"})
"""Steps that cost points."""

HEADLINES = {
    "divergence": "Divergence! You landed higher than before",
    "overshoot": "Overshoot: you crossed the bottom but landed lower",
    "crawl": "Crawling... that step barely moved you",
    "stuck": "Stuck in a hollow that is not the bottom",
    "noisy": "Shaky step: the slope you felt was off",
    "descent": "Nice step: downhill",
    "won": "Goal reached!",
}

LEAP_HEADLINE = "A leap: past the speed limit, yet lower"
DIVERGENCE_HEADLINES = {
    "fell_off": "Divergence! You flew off the map",
    "growing": "Divergence! Your bounce across the valley grew",
    "at_limit": "At the limit: you bounced back to the same height",
}


def _r(value: float) -> str:
    return f"{value:.3g}"


def _divergence(situation: str, r: float) -> str:
    if situation == "fell_off":
        return (
            "The step was so long that it carried you off the map, so you have been put back "
            "where you stood. Rate x slope was a giant leap: a rate this large makes the loss "
            "explode."
        )
    if situation == "at_limit":
        return (
            f"Rate x curvature was {_r(r)}, right at 2: you landed exactly as high on the far "
            "side as you started. At this rate you would bounce between the same two points "
            "forever and never settle. To converge, the rate must stay below 2/L."
        )
    if situation == "growing":
        return (
            "The loss went down this time, but along the steepest direction your step met, "
            f"rate x curvature was {_r(r)}: past 2. Along that direction you landed further up "
            "the far side than you started, and at this rate every bounce is bigger than the "
            "last until the loss climbs. The steepest direction sets the speed limit."
        )
    if math.isfinite(r) and r >= 2.0:
        return (
            f"Rate x curvature was {_r(r)}: past 2. You sailed across the low ground and came "
            "down on the far side higher than you started. Keep this rate and each bounce "
            "grows: the loss climbs instead of shrinking."
        )
    return (
        "You landed higher than you started. The ground changed under your stride: the rate "
        "was too large for the slopes you crossed, so the step overshot the low ground."
    )


def _crawl(r: float, limited: bool) -> str:
    if not limited:
        return (
            "Along your step the ground is flat or bends downward, so its curvature sets no "
            "speed limit here; yet your rate made the step tiny compared with the map. Tiny "
            "steps waste time: the W in G.L.O.W. A much larger rate is safe on this ground."
        )
    return (
        f"Rate x curvature was only {_r(r)}, far below 1, so along your step you covered only "
        f"about {max(r, 0.0):.0%} of the way to its lowest point. Tiny steps waste time: the W "
        "in G.L.O.W. This ground allows a rate several times larger."
    )


def _leap(r: float) -> str:
    return (
        f"At your feet rate x curvature was {_r(r)}, far past 2: had the ground been a bowl "
        "that bends like it does here, this stride would have bounced out of it. But the "
        "ground is not a bowl: the stride carried you over ground that bends differently, and "
        "you landed lower. On steep ground rate x slope is a long stride, and a long stride "
        "can cross a ridge into another hollow, so the rate, not only the start, can decide "
        "where you end up. Such leaps are a gamble, not a method."
    )


def _floor(r: float, sharpest: float) -> str:
    return (
        f"The loss went down. Along your step the ground bends gently (rate x curvature "
        f"{_r(r)}), but across it the ground bends far more sharply (L = {sharpest:.3g}): a much "
        "bolder rate would set you bouncing between the walls. On a narrow floor like this "
        "every safe rate makes slow progress: the ground is ill-conditioned."
    )


def _descent(r: float, limited: bool, sharpest: float = math.nan) -> str:
    if limited and r < 0.2 and math.isfinite(sharpest):
        return _floor(r, sharpest)
    if not limited:
        return (
            "You stepped against the slope and the loss went down. Along your step the ground "
            "is flat or bends downward, so its curvature sets no speed limit here. That is "
            "gradient descent: new position = old position - learning rate x slope."
        )
    near = (
        " Close to 1: nearly the rate that lands on the lowest point along your step in one go."
        if r > 0.8
        else ""
    )
    return (
        f"Rate x curvature was {_r(r)}, between 0.2 and 1: you stepped against the slope, the "
        "loss went down and you stayed on this side of the lowest point along your step. That "
        f"is gradient descent: new position = old position - learning rate x slope.{near}"
    )


def _overshoot(r: float) -> str:
    return (
        f"Rate x curvature was {_r(r)}, between 1 and 2: you stepped across the lowest point "
        "along your step and landed on the far side, but lower than before. Keep this rate "
        "and you zig-zag in with smaller and smaller bounces: it still converges, just not in "
        "a straight line. "
        "This is not a mistake; a rate nearer 1/L would land closer to that lowest point."
    )


def _noisy(r: float) -> str:
    if math.isfinite(r) and r >= 2.0:
        return (
            "The loss went up because the slope you felt was a noisy estimate, like a "
            "gradient from a small mini-batch. The same stride against the true slope would "
            "have landed lower, so this is noise, not divergence, and costs nothing."
        )
    within = (
        f" Your rate was within the speed limit (rate x curvature {_r(r)}, below 2)"
        if math.isfinite(r)
        else " Your rate was within the speed limit"
    )
    return (
        "The loss went up, but not because of your rate: the slope you felt was a noisy "
        "estimate, like a gradient from a small mini-batch, and it pointed a little wrong."
        f"{within}, so this is noise, not divergence, and costs nothing. Near the bottom the "
        "noise is larger than the true slope: smaller rates average it out."
    )


STUCK = (
    "The ground is almost flat in every direction, yet this is not the lowest point of the "
    "whole landscape: a local minimum. Down here every rate below the hollow's speed limit "
    "only settles you deeper into it. To reach a deeper valley you must get over the ridge: "
    "press R to start again and try a long stride while the ground under you is still "
    "steep, so that rate x slope carries you across."
)
WON = (
    "You reached the goal without seeing the ground, guided only by the slope under your "
    "feet and your choice of learning rate."
)

TIE_INS = {
    "divergence": (
        "Divergence: above 2/L each bounce is bigger than the last and the loss grows.",
        "divergence",
    ),
    "overshoot": (
        "Overshoot, the O in G.L.O.W.: between 1/L and 2/L you jump past the minimum, yet "
        "still converge.",
        "overshoot",
    ),
    "crawl": (
        "Crawl: far below 1/L each step covers a tiny part of the way (Wasted time).",
        "crawl",
    ),
    "stuck": (
        "Local minimum: a hollow that is low nearby but not lowest overall.",
        "local-minimum",
    ),
    "noisy": (
        "Noisy step: a gradient from a few examples is a noisy guess of the true slope.",
        "noisy-step",
    ),
    "descent": (
        "Gradient descent: step against the gradient, again and again.",
        "gradient-descent",
    ),
    "won": (
        "Convergence: step after step against the slope, the loss closed in on its lowest value.",
        "convergence",
    ),
}


def headline(kind: str, situation: str = "") -> str:
    """The short label; ``situation`` refines a divergence (see :data:`DIVERGENCE_HEADLINES`)."""
    if kind == "divergence" and situation in DIVERGENCE_HEADLINES:
        return DIVERGENCE_HEADLINES[situation]
    if kind == "descent" and situation == "leap":
        return LEAP_HEADLINE
    return HEADLINES[kind]


NOISY_NOTE = (
    " On this level the slope you feel is shaky, like a gradient from a small mini-batch, so "
    "each step wanders a little off the true downhill line."
)


def explanation(
    kind: str,
    rate_x_curvature: float = math.nan,
    limited: bool = True,
    situation: str = "",
    noisy: bool = False,
    sharpest: float = math.nan,
    win_note: str = "",
) -> str:
    """What happened and why, in the lesson's terms, with the step's rate x curvature.

    ``limited``: the ground bent upward along the step; ``sharpest``: the sharpest bend at
    the hiker's feet in any direction (it caps a bolder rate even where the step is gentle);
    ``win_note``: what a level adds when it is won (e.g. that the model is not the best yet).
    """
    r = rate_x_curvature
    if kind == "divergence":
        text = _divergence(situation, r)
    elif kind == "overshoot":
        text = _overshoot(r)
    elif kind == "crawl":
        text = _crawl(r, limited)
    elif kind == "descent":
        text = _leap(r) if situation == "leap" else _descent(r, limited, sharpest)
    elif kind == "noisy":
        return _noisy(r)
    elif kind == "stuck":
        text = STUCK
    else:
        return WON + (f" {win_note}" if win_note else "")
    return text + NOISY_NOTE if noisy else text


def tie_in(kind: str) -> tuple[str, str]:
    """(sentence, glossary term id) linking the step to the lesson."""
    return TIE_INS[kind]


def steps_text(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"
