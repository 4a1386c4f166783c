"""The words the Hike says after each step, tied to the lesson (no Qt).

All text is our own. Each step kind has a short headline (the animated label),
an explanation of what happened to the blindfolded hiker and a lesson tie-in
naming the idea and the glossary term it belongs to.
"""

from __future__ import annotations

import math

STEP_KINDS = ("divergence", "overshoot", "crawl", "stuck", "descent", "won")

HEADLINES = {
    "divergence": "Divergence! You landed higher than before",
    "overshoot": "Overshoot! You crossed the valley",
    "crawl": "Crawling... that step barely moved you",
    "stuck": "Stuck in a hollow that is not the bottom",
    "descent": "Nice step: downhill",
    "won": "You reached the bottom!",
}

EXPLANATIONS = {
    "divergence": (
        "The step was so long that you sailed past the low ground and came down on the far "
        "slope, higher than you started. A learning rate that is too large makes the loss grow "
        "instead of shrink."
    ),
    "overshoot": (
        "The loss went down, but the slope under your feet now points the other way: you "
        "stepped right across the lowest line of the valley. A slightly smaller rate would land "
        "you nearer the bottom instead of bouncing from side to side."
    ),
    "crawl": (
        "The loss hardly changed. Compared with how gently the ground bends here, your step was "
        "tiny, and tiny steps waste time: the W in G.L.O.W. A larger learning rate covers the "
        "same ground in far fewer turns."
    ),
    "stuck": (
        "The ground is almost flat in every direction, yet this is not the lowest point of the "
        "whole landscape. Small steps keep you in this local minimum; only a bold step can carry "
        "you over the rim into a deeper valley."
    ),
    "descent": (
        "You felt the slope, stepped against it and the loss went down. That is gradient "
        "descent: new position = old position - learning rate x slope."
    ),
    "won": (
        "You found the low ground without seeing it, guided only by the slope under your feet "
        "and a well-chosen step size."
    ),
}

TIE_INS = {
    "divergence": ("Divergence: too large a learning rate makes the loss grow.", "divergence"),
    "overshoot": ("Overshoot: the O in G.L.O.W. — big steps jump past the minimum.", "overshoot"),
    "crawl": ("Learning rate: too small a step size means slow convergence.", "learning-rate"),
    "stuck": (
        "Local minimum: a hollow that is low nearby but not lowest overall.",
        "local-minimum",
    ),
    "descent": ("Gradient descent: step along the negative gradient, again and again.", "gradient"),
    "won": ("Convergence: the steps settled at the bottom of the valley.", "convergence"),
}


def headline(kind: str, fell_off: bool = False) -> str:
    if kind == "divergence" and fell_off:
        return "Divergence! You flew off the map"
    return HEADLINES[kind]


NOISY_NOTE = (
    " The slope you feel here is shaky, like a gradient from a small mini-batch, so each "
    "step wanders a little off the true downhill line."
)


def explanation(kind: str, fell_off: bool = False, noisy: bool = False) -> str:
    text = EXPLANATIONS[kind]
    if fell_off:
        text += " The jump was so wild that you were carried back to where you stood."
    if noisy and kind != "won":
        text += NOISY_NOTE
    return text


def tie_in(kind: str) -> tuple[str, str]:
    """(sentence, glossary term id) linking the step to the lesson."""
    return TIE_INS[kind]


def rate_hint(safe: float) -> str:
    """The safe-rate hint: 2/L at the hiker's feet, in plain words."""
    if not math.isfinite(safe):
        return (
            "Here the ground is flat or bends downward, so no step is too long for its "
            "curvature: a larger rate helps you leave."
        )
    return (
        f"Here the ground bends with curvature L = {2.0 / safe:.3g}. Rates below "
        f"2/L = {safe:.3g} shrink the loss; about 1/L = {safe / 2.0:.3g} is the sweet spot "
        "for a bowl this shape."
    )
