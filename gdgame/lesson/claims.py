"""Numbers the lesson states, kept as data next to the text (no Qt, no engine).

Lesson and glossary text never types a computed number. It writes a placeholder
``{claim.field}`` (optionally ``{claim.field:format}``) and the claim's table, in the same
TOML file, stores the inputs and the results::

    example = "... the new weight is {big.w0} − {big.rate} × {big.gradient} = {big.p1} ..."

    [claims.big]            # a lesson file; in the glossary: [term.claims.big]
    check = "bowl"          # which computation proves it (see KINDS)
    curvature = 2.0
    start = 0.5
    ...
    p1 = -1.5               # a result, as the text shows it

The loaders fill the placeholders from the stored values, so the learner sees plain text.
``tests/lesson/test_claims.py`` recomputes every stored result with :mod:`gdgame.engine`
(:mod:`gdgame.lesson.claim_checks`), so text and engine cannot drift apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from gdgame.lesson.regimes import REGIMES

MINUS = "\u2212"
PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9_-]*)\.([a-z][a-z0-9_]*)(?::([^{}]+))?\}")
LOOKS_LIKE_PLACEHOLDER = re.compile(r"\{[^{}\s]*\.[^{}\s]*\}")
MAX_BOWL_STEPS = 12


class ClaimError(ValueError):
    """A claim table or a placeholder is malformed; the message names where."""


@dataclass(frozen=True)
class ClaimKind:
    """What a ``check`` computes: its inputs (None: required) and the results it can state."""

    inputs: Mapping[str, float | None]
    results: tuple[str, ...]
    text_results: tuple[str, ...] = ()  # results that are words, not numbers
    choices: Mapping[str, tuple[float, ...]] = field(default_factory=dict)  # allowed inputs


_BOWL_STEPS = tuple(f"p{k}" for k in range(1, MAX_BOWL_STEPS + 1))
_BOWL_LOSSES = tuple(f"loss{k}" for k in range(MAX_BOWL_STEPS + 1))

KINDS: dict[str, ClaimKind] = {
    # one update w_new = w - rate * gradient; change = rate * |gradient|
    "update": ClaimKind({"w": None, "gradient": None, "rate": None}, ("change", "w_new")),
    # a constant rate on the bowl f = curvature / 2 * (x - bottom)^2, started at ``start``
    "bowl": ClaimKind(
        {"curvature": None, "start": None, "bottom": 0.0, "rate": None, "steps": 5.0},
        ("g0", "rate_x_l", "multiplier", "size", "regime", *_BOWL_STEPS, *_BOWL_LOSSES),
        text_results=("regime",),
    ),
    # the one-step rate 1/L and the stability limit 2/L of a bowl of curvature L
    "limits": ClaimKind({"curvature": None}, ("one_over_l", "two_over_l")),
    # a 2-D bowl with a steep and a flat curvature: conditioning and how long it takes
    "condition": ClaimKind(
        {"steep": None, "flat": None, "factor": 10.0},
        (
            "kappa",
            "contour_ratio",
            "best_rate",
            "flat_multiplier",
            "steps_plain",
            "momentum_rate",
            "momentum",
            "steps_momentum",
        ),
    ),
    # -- models on the penguin data (gdgame.lesson.data_claims); scaled: 1 standardised
    # flipper lengths, 0 flipper lengths in centimetres; batch 0: every row
    # the landscape of the penguin line: its data, its curvatures, its best line
    "penguin-line": ClaimKind(
        {"scaled": None},
        (
            "rows",
            "feature_min",
            "feature_max",
            "feature_mean",
            "feature_sd",
            "steep",
            "flat",
            "kappa",
            "contour_ratio",
            "floor_ratio",
            "one_over_l",
            "two_over_l",
            "start_loss",
            "best_loss",
            "best_miss",
        ),
        choices={"scaled": (0, 1)},
    ),
    # plain descent from the zero line at a rate (a decay gamma per step), averaged over
    # ``runs`` seeded runs when it feels mini-batches
    "penguin-walk": ClaimKind(
        {"scaled": None, "rate": None, "steps": None, "batch": 0.0, "gamma": 1.0, "runs": 1.0},
        ("rate_x_l", "first_loss", "loss", "excess", "best_loss"),
        choices={"scaled": (0, 1)},
    ),
    # the slope mini-batches of the scaled penguin line feel at the best line
    "batch-slope": ClaimKind(
        {"batch": None, "epochs": 20.0, "seed": 0.0},
        ("rows", "per_epoch", "last_batch", "typical", "full_slope"),
    ),
    # the learning-rate range test on the penguin line, and its suggestion used from zero
    "range-test": ClaimKind(
        {
            "scaled": None,
            "batch": 0.0,
            "lr_min": 1e-6,
            "lr_max": 10.0,
            "steps": 300.0,
            "seed": 0.0,
            "budget": 30.0,
        },
        (
            "steepest",
            "minimum",
            "min_over_ten",
            "suggested",
            "stopped_at",
            "one_over_l",
            "budget_loss",
            "budget_excess",
        ),
        choices={"scaled": (0, 1)},
    ),
    # telling Adelie from Chinstrap penguins by their bills: the log-loss landscape
    "penguin-species": ClaimKind(
        {"scaled": None},
        ("rows", "start_probability", "start_loss", "best_loss", "best_accuracy"),
        choices={"scaled": (0, 1)},
    ),
}


@dataclass(frozen=True)
class Claim:
    """One stored claim: its check, its inputs and the results the text states."""

    id: str
    check: str
    values: Mapping[str, float | str]
    where: str = ""

    @property
    def kind(self) -> ClaimKind:
        return KINDS[self.check]

    def inputs(self) -> dict[str, float]:
        """Every input, with the kind's defaults for those not given."""
        given = {key: value for key, value in self.values.items() if key in self.kind.inputs}
        return {key: float(given.get(key, default)) for key, default in self.kind.inputs.items()}

    def stated(self) -> dict[str, float | str]:
        """The results the claim states (what a test must recompute)."""
        return {k: v for k, v in self.values.items() if k in self.kind.results}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def parse_claim(claim_id: str, table: object, where: str) -> Claim:
    """Check one claim table (``check`` plus known fields of the right type)."""
    place = f"{where}: claim '{claim_id}'"
    if not isinstance(table, dict):
        raise ClaimError(f"{place} must be a table")
    check = table.get("check")
    if check not in KINDS:
        raise ClaimError(f"{place}: field 'check' must be one of {', '.join(KINDS)}")
    kind = KINDS[check]
    values: dict[str, float | str] = {}
    for key, value in table.items():
        if key == "check":
            continue
        if key not in kind.inputs and key not in kind.results:
            raise ClaimError(f"{place}: '{check}' has no field '{key}'")
        if key in kind.text_results:
            if value not in REGIMES:
                raise ClaimError(f"{place}: field '{key}' must be one of {', '.join(REGIMES)}")
        elif not _is_number(value):
            raise ClaimError(f"{place}: field '{key}' must be a finite number")
        values[key] = value
    missing = [k for k, default in kind.inputs.items() if default is None and k not in values]
    if missing:
        raise ClaimError(f"{place}: missing input '{missing[0]}'")
    for key, allowed in kind.choices.items():
        if key in values and values[key] not in allowed:
            shown = " or ".join(format_number(value) for value in allowed)
            raise ClaimError(f"{place}: field '{key}' must be {shown}")
    if check == "bowl" and not 1 <= values.get("steps", 5) <= MAX_BOWL_STEPS:
        raise ClaimError(f"{place}: 'steps' must be between 1 and {MAX_BOWL_STEPS}")
    return Claim(claim_id, check, values, where)


def parse_claims(table: object, where: str) -> dict[str, Claim]:
    """All claims of a ``[claims]`` table (missing table: no claims)."""
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise ClaimError(f"{where}: 'claims' must be a table of claims")
    return {claim_id: parse_claim(claim_id, value, where) for claim_id, value in table.items()}


def format_number(value: float, spec: str | None = None) -> str:
    """A number for people: the given format, or up to 10 significant digits; a real minus."""
    if spec:
        text = format(value, spec)
    elif value == 0:
        text = "0"
    elif float(value).is_integer() and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = f"{value:.10g}"
    return text.replace("-", MINUS)


def format_value(field: str, value: float | str, spec: str | None = None) -> str:
    if isinstance(value, str):
        return REGIMES[value].name if value in REGIMES else value
    return format_number(value, spec)


def placeholders(text: str) -> list[tuple[str, str, str | None]]:
    """Every ``(claim, field, format)`` the text refers to, in order."""
    return [(m.group(1), m.group(2), m.group(3)) for m in PLACEHOLDER.finditer(text)]


def fill(text: str, claims: Mapping[str, Claim], where: str = "") -> str:
    """``text`` with each placeholder replaced by its claim's stored value."""

    def replace(match: re.Match) -> str:
        claim_id, field, spec = match.group(1), match.group(2), match.group(3)
        claim = claims.get(claim_id)
        if claim is None:
            raise ClaimError(f"{where}: text refers to unknown claim '{claim_id}'")
        if field in claim.values:
            value = claim.values[field]
        elif field in claim.kind.inputs:
            value = claim.inputs()[field]
        else:
            raise ClaimError(f"{where}: claim '{claim_id}' states no '{field}'")
        try:
            return format_value(field, value, spec)
        except ValueError as error:
            raise ClaimError(f"{where}: bad format '{spec}' for {claim_id}.{field}") from error

    filled = PLACEHOLDER.sub(replace, text)
    broken = LOOKS_LIKE_PLACEHOLDER.search(filled)
    if broken:
        raise ClaimError(f"{where}: malformed placeholder {broken.group(0)}")
    return filled
