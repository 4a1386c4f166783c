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
        "whole landscape: a local minimum. Small steps only settle you deeper into it. To "
        "reach the deeper valley you must cross the ridge: a very long step might fling you "
        "over it, or press R and take a bold step while the ground is still steep."
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


SLIDER_MIN, SLIDER_MAX = 1e-4, 10.0
"""The rates the step-size slider offers; hints never suggest a rate outside them."""

CAREFUL_STEP_SHARE = 0.05
"""Where curvature sets no limit, a careful step crosses about this share of the map."""


def on_slider(rate: float) -> float:
    return min(SLIDER_MAX, max(SLIDER_MIN, rate))


def careful_rate(slope: float, map_size: float) -> float:
    """A rate whose step crosses about a twentieth of the map (NaN if the slope is zero)."""
    if not (math.isfinite(slope) and slope > 0 and math.isfinite(map_size) and map_size > 0):
        return math.nan
    return CAREFUL_STEP_SHARE * map_size / slope


def suggested_rate(safe: float, slope: float = math.nan, map_size: float = math.nan) -> float:
    """The rate the hint points to: 1/L where the ground is bowl-shaped, else a careful one."""
    if math.isfinite(safe):
        return on_slider(safe / 2.0)
    careful = careful_rate(slope, map_size)
    return on_slider(careful) if math.isfinite(careful) else SLIDER_MAX


def rate_hint(safe: float, slope: float = math.nan, map_size: float = math.nan) -> str:
    """The safe-rate hint: 2/L at the hiker's feet, in plain words.

    Where the ground is flat or bends downward, 2/L gives no limit; then the hint turns
    the slope into a careful rate instead (a step of about a twentieth of the map).
    """
    if not math.isfinite(safe):
        text = "Here the ground is flat or bends downward, so its curvature sets no limit. "
        careful = careful_rate(slope, map_size)
        if not math.isfinite(careful):
            return text + "A larger rate helps you leave."
        text += (
            f"But a step is rate x slope, and the slope here is {slope:.3g}: a rate near "
            f"{on_slider(careful):.3g} moves you about a twentieth of the map."
        )
        if careful > 2.0:
            text += " The ground is nearly flat, so bold rates are safe up here."
        return text
    text = (
        f"Here the ground bends with curvature L = {2.0 / safe:.3g}. On a bowl that bends "
        f"like this, rates below 2/L = {safe:.3g} shrink the loss and about "
        f"1/L = {safe / 2.0:.3g} is the sweet spot."
    )
    if safe / 2.0 > SLIDER_MAX:
        text += f" The slider stops at {SLIDER_MAX:g}: use its top end."
    return text


def steps_text(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"
