"""Turn the Lab's choices into engine objects and a step stream (Qt-free).

``LandscapeChoice`` says which landscape to build (an engine landscape, the seeded
generator, or a custom formula); ``hiker_stream`` runs every hiker with its own optimiser
and schedule through the engine's ``iter_descent`` and yields one combined step at a time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from gdgame.engine import (
    get_landscape,
    iter_descent,
    make_optimizer,
    make_schedule,
    random_landscape,
)
from gdgame.engine.formula import make_formula_landscape
from gdgame.engine.presets import HikerSpec, Preset
from gdgame.ui.lab.input_limits import HYPERPARAMETERS, SCHEDULE_PARAMETERS, optimizer_kwargs
from gdgame.ui.lab.names import hiker_name

RANDOM = "random"
CUSTOM = "custom"
DIM_MESSAGE = "The Lab draws 1D and 2D landscapes only (use dim=1 or dim=2)."


@dataclass(frozen=True)
class LandscapeChoice:
    """Which landscape to build: ``kind`` is an engine name, ``"random"`` or ``"custom"``."""

    kind: str = "quadratic"
    params: dict = field(default_factory=dict)
    formula: str = ""
    seed: int = 0
    dim: int = 2
    difficulty: float = 0.5


def build_landscape(choice: LandscapeChoice):
    """The landscape for ``choice``; FormulaError/ValueError carry a message to show."""
    if choice.kind == CUSTOM:
        landscape = make_formula_landscape(choice.formula)
    elif choice.kind == RANDOM:
        landscape = random_landscape(seed=choice.seed, dim=choice.dim, difficulty=choice.difficulty)
    else:
        dim = choice.params.get("dim", 2)
        if isinstance(dim, bool) or dim not in (1, 2):  # before building: dim=10**12 is huge
            raise ValueError(DIM_MESSAGE)
        try:
            landscape = get_landscape(choice.kind, **choice.params)
        except TypeError as error:  # an unknown parameter name
            raise ValueError(f"Unknown parameter for {choice.kind}: {error}") from None
        except (MemoryError, OverflowError):
            raise ValueError(f"These parameters make {choice.kind} far too large.") from None
    if landscape.dim not in (1, 2):
        raise ValueError(DIM_MESSAGE)
    return landscape


def format_params(params: dict) -> str:
    """``{"scales": (1.0, 4.0)}`` -> ``"scales=(1.0, 4.0)"`` (editable text)."""
    return ", ".join(f"{key}={value!r}" for key, value in params.items())


def parse_params(text: str) -> dict:
    """Parse ``"condition=50, angle=30"`` safely: names and number literals only.

    Raises ValueError with a readable message for anything else.
    """
    text = text.strip()
    if not text:
        return {}
    try:
        call = ast.parse(f"f({text})", mode="eval").body
    except SyntaxError:
        raise ValueError("Write parameters as name=value, separated by commas.") from None
    if not isinstance(call, ast.Call) or call.args or len(text) > 200:
        raise ValueError("Write parameters as name=value, separated by commas.")
    params = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            raise ValueError("Write parameters as name=value, separated by commas.")
        try:
            value = ast.literal_eval(keyword.value)
        except (ValueError, SyntaxError, TypeError, RecursionError):
            raise ValueError(f"{keyword.arg} must be a number or (numbers, ...).") from None
        numbers = value if isinstance(value, tuple | list) else (value,)
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
            raise ValueError(f"{keyword.arg} must be a number or (numbers, ...).")
        params[keyword.arg] = tuple(value) if isinstance(value, list) else value
    return params


def choice_for_preset(preset: Preset) -> LandscapeChoice:
    if preset.landscape == CUSTOM:
        return LandscapeChoice(kind=CUSTOM, formula=preset.formula)
    return LandscapeChoice(kind=preset.landscape, params=dict(preset.landscape_params))


def optimizer_hyper(spec: HikerSpec) -> dict:
    """The engine keyword arguments for the hiker's hyperparameters."""
    hyper = {p.name: spec.hyper.get(p.name, p.default) for p in HYPERPARAMETERS[spec.optimizer]}
    return optimizer_kwargs(spec.optimizer, hyper)


def make_hiker_optimizer(spec: HikerSpec):
    return make_optimizer(spec.optimizer, spec.lr, **optimizer_hyper(spec))


def make_hiker_schedule(spec: HikerSpec):
    if spec.schedule == "constant":
        return None
    params = {}
    for limit in SCHEDULE_PARAMETERS[spec.schedule]:
        value = spec.schedule_params.get(limit.name, limit.default)
        params[limit.name] = int(value) if limit.integer else float(value)
    return make_schedule(spec.schedule, **params)


def hiker_problem(spec: HikerSpec) -> str | None:
    """Why the engine would refuse this hiker's settings (e.g. a preset's gamma = 0), or None."""
    try:
        make_hiker_optimizer(spec)
        make_hiker_schedule(spec)
    except (ValueError, TypeError, KeyError) as error:
        return f"{hiker_name(spec)}: {error}"
    return None


def fit_start(start, landscape) -> np.ndarray:
    """The hiker's start as a point of the landscape's dimension, clipped to its box."""
    lo = np.array([b[0] for b in landscape.bounds])
    hi = np.array([b[1] for b in landscape.bounds])
    point = np.zeros(landscape.dim)
    given = np.asarray(start, dtype=np.float64).ravel()[: landscape.dim]
    point[: given.size] = given
    return np.clip(point, lo, hi)


def hiker_stream(
    landscape, hikers: list[HikerSpec], steps: int, noise: float = 0.0, seed: int = 0
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Yield ``(positions (n, dim), losses (n,), gradients (n, dim), lrs (n,), diverged (n,))``.

    The first item is the start (step 0, rate NaN: no step was taken yet), then one item per
    step: ``steps + 1`` in all. Each hiker has its own optimiser and schedule, so each gets
    its own engine generator; they advance together.
    """
    starts = [fit_start(spec.start, landscape) for spec in hikers]
    streams = [
        iter_descent(
            landscape,
            start,
            make_hiker_optimizer(spec),
            steps,
            schedule=make_hiker_schedule(spec),
            noise=noise,
            seed=seed + index,
        )
        for index, (spec, start) in enumerate(zip(hikers, starts, strict=True))
    ]
    first = np.stack(starts)
    with np.errstate(all="ignore"):
        losses, gradients = landscape.value(first), landscape.gradient(first)
    n = len(hikers)
    yield first, np.asarray(losses), np.asarray(gradients), np.full(n, np.nan), np.zeros(n, bool)
    for records in zip(*streams, strict=True):
        yield (
            np.stack([np.asarray(r.positions, dtype=np.float64).reshape(-1) for r in records]),
            np.array([float(np.asarray(r.losses).reshape(-1)[0]) for r in records]),
            np.stack([np.asarray(r.gradients, dtype=np.float64).reshape(-1) for r in records]),
            np.array([float(np.asarray(r.lrs).reshape(-1)[0]) for r in records]),
            np.array([bool(np.asarray(r.diverged).reshape(-1)[0]) for r in records]),
        )
