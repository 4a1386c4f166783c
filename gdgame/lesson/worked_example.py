"""The learning-rate worked example: one update ``w_new = w - rate * gradient`` (no Qt).

The Learn screen's calculator only displays what this module computes: input checks with
friendly messages, the arithmetic spelled out line by line, and the next few steps on a
simple bowl ``L(w) = (w - c)^2`` whose slope at the learner's ``w`` equals their gradient.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from gdgame.lesson.regimes import regime_for

DEFAULT_W = 0.5
DEFAULT_GRADIENT = 2.0
DEFAULT_RATE = 0.01
MAX_MAGNITUDE = 1e6
MAX_RATE = 100.0
BOWL_STEPS = 8
BOWL_CURVATURE = 2.0  # L(w) = (w - c)^2 bends with curvature 2: 1/L = 0.5, 2/L = 1
MINUS = "\u2212"
TIMES = "\u00d7"

FIELD_LABELS = {"w": "The weight w", "gradient": "The gradient", "rate": "The learning rate"}


@dataclass(frozen=True)
class StepInputs:
    w: float = DEFAULT_W
    gradient: float = DEFAULT_GRADIENT
    rate: float = DEFAULT_RATE


@dataclass(frozen=True)
class Validation:
    """Either checked ``inputs`` or, per field ("w", "gradient", "rate"), a message."""

    inputs: StepInputs | None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.inputs is not None


def fmt(value: float) -> str:
    """A number for people: up to 10 significant digits, no float noise, a real minus sign."""
    if value == 0:
        return "0"
    return f"{value:.10g}".replace("-", MINUS)


def parse_number(text: str, label: str) -> float:
    """``text`` as a finite float, or ValueError with a message that starts with ``label``."""
    cleaned = text.strip().replace(MINUS, "-").replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    if not cleaned:
        raise ValueError(f"{label} is empty: type a number such as 0.5.")
    lowered = cleaned.lower().lstrip("+-")
    if lowered == "nan":
        raise ValueError(f"{label} cannot be NaN (\u201cnot a number\u201d): type a real number.")
    if lowered in ("inf", "infinity"):
        raise ValueError(f"{label} must be a finite number, not infinity.")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{label}: \u201c{text.strip()}\u201d is not a number.") from None
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise ValueError(
            f"{label} is too large: keep it between {fmt(-MAX_MAGNITUDE)} and {fmt(MAX_MAGNITUDE)}."
        )
    return value


def validate(w_text: str, gradient_text: str, rate_text: str) -> Validation:
    """Check the three text fields; every problem is reported, not only the first."""
    values: dict[str, float] = {}
    errors: dict[str, str] = {}
    for key, text in (("w", w_text), ("gradient", gradient_text), ("rate", rate_text)):
        try:
            values[key] = parse_number(text, FIELD_LABELS[key])
        except ValueError as error:
            errors[key] = str(error)
    rate = values.get("rate")
    if rate is not None:
        if rate <= 0:
            errors["rate"] = (
                "The learning rate must be greater than zero: a zero or negative "
                "rate never walks downhill."
            )
        elif rate > MAX_RATE:
            errors["rate"] = f"The learning rate is too large: keep it at {fmt(MAX_RATE)} or below."
    if errors:
        return Validation(None, errors)
    return Validation(StepInputs(values["w"], values["gradient"], values["rate"]))


@dataclass(frozen=True)
class WorkedStep:
    """One gradient-descent update, with the arithmetic spelled out."""

    inputs: StepInputs
    change: float  # rate * gradient
    w_new: float

    def arithmetic(self) -> list[str]:
        w, g, rate = self.inputs.w, self.inputs.gradient, self.inputs.rate
        gradient_text = fmt(g) if g >= 0 else f"({fmt(g)})"
        sign = MINUS if self.change >= 0 else "+"
        return [
            f"w_new = w {MINUS} rate {TIMES} gradient",
            f"      = {fmt(w)} {MINUS} {fmt(rate)} {TIMES} {gradient_text}",
            f"      = {fmt(w)} {sign} {fmt(abs(self.change))}",
            f"      = {fmt(self.w_new)}",
        ]

    def explanation(self) -> str:
        g = self.inputs.gradient
        if g == 0:
            return "The gradient is zero: the ground is flat here, so the weight stays put."
        direction = "down" if g > 0 else "up"
        rises = "rises" if g > 0 else "falls"
        return (
            f"The loss {rises} as w grows, so the weight moves {direction} by "
            f"{fmt(abs(self.change))} (the rate {fmt(self.inputs.rate)} times the "
            f"gradient's size {fmt(abs(g))})."
        )


def gradient_step(inputs: StepInputs) -> WorkedStep:
    change = inputs.rate * inputs.gradient
    return WorkedStep(inputs, change, inputs.w - change)


@dataclass(frozen=True)
class BowlPath:
    """The next steps on the bowl ``L(w) = (w - bottom)^2`` from the learner's numbers."""

    bottom: float
    positions: tuple[float, ...]  # w_0 (the learner's w), w_1, ...
    losses: tuple[float, ...]
    verdict: str

    def curve(self, points: int = 101) -> tuple[list[float], list[float]]:
        """Samples of the bowl that cover every position, for plotting."""
        low, high = min(self.positions + (self.bottom,)), max(self.positions + (self.bottom,))
        margin = max((high - low) * 0.15, 0.5)
        low, high = low - margin, high + margin
        xs = [low + (high - low) * i / (points - 1) for i in range(points)]
        return xs, [(x - self.bottom) ** 2 for x in xs]

    def description(self) -> str:
        return (
            f"Next steps on the bowl L(w) = (w {MINUS} c)\u00b2 with its bottom at "
            f"c = {fmt(self.bottom)}, chosen so that its slope at your w is your gradient. "
            f"It bends with curvature {fmt(BOWL_CURVATURE)}, so a rate of "
            f"{fmt(1 / BOWL_CURVATURE)} (1/L) lands on the bottom in one step and "
            f"{fmt(2 / BOWL_CURVATURE)} (2/L) is the limit (chapter 5)."
        )


def _verdict(inputs: StepInputs) -> str:
    """The regime of this rate on the bowl, in the words the lesson and the Hike use."""
    if inputs.gradient == 0:
        return "You are already at the bottom: the slope is flat, so no step moves you."
    rate_x_l = inputs.rate * BOWL_CURVATURE
    regime = regime_for(rate_x_l)
    text = f"{regime.name[:1].upper()}{regime.name[1:]}: {regime.summary}"
    if regime.id in ("crawl", "descent"):
        text += f" This rate closes {(rate_x_l) * 100:.3g}% of the gap per step."
    return text


def bowl_steps(inputs: StepInputs, steps: int = BOWL_STEPS) -> BowlPath:
    """Follow ``w <- w - rate * 2 (w - c)`` for ``steps`` steps from the learner's ``w``."""
    bottom = inputs.w - inputs.gradient / BOWL_CURVATURE
    positions = [inputs.w]
    for _ in range(steps):
        w = positions[-1]
        positions.append(w - inputs.rate * BOWL_CURVATURE * (w - bottom))
    losses = tuple((w - bottom) ** 2 for w in positions)
    return BowlPath(bottom, tuple(positions), losses, _verdict(inputs))
