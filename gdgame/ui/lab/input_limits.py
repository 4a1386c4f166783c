"""The allowed range of every Lab input, asked of the engine itself (Qt-free).

Each input has a display range (what is worth offering: rates up to 100, at most 100,000
steps) and a resolution (the spin box's decimals). Validity is the engine's business: each
end of the display range is moved inward, one resolution step at a time, until the engine
accepts it. So ``gamma`` of a step schedule starts at 0.0001 because the engine refuses 0,
and Nesterov momentum starts above 0; when the engine's rules change, the boxes follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from gdgame.engine import get_landscape, iter_descent, make_optimizer, make_schedule
from gdgame.engine.optimizers import check_lr
from gdgame.engine.range_test import check_range

MAX_NUDGES = 1000  # an end that needs more steps than this means the display range is wrong


@dataclass(frozen=True)
class Limit:
    """One input: ``low``..``high`` (both accepted by the engine), shown with ``decimals``.

    ``decimals`` None means whole numbers.
    """

    name: str
    default: float
    low: float
    high: float
    decimals: int | None = None
    shown: tuple[float, float] | None = None  # the display range it was narrowed from

    @property
    def integer(self) -> bool:
        return self.decimals is None

    @property
    def resolution(self) -> float:
        return 1.0 if self.decimals is None else 10.0**-self.decimals

    def clamp(self, value: float) -> float:
        value = min(max(float(value), self.low), self.high)
        return int(round(value)) if self.integer else value


def _accepted(build: Callable[[float], object], value: float) -> bool:
    try:
        build(value)
    except (ValueError, TypeError, OverflowError):
        return False
    return True


def engine_limit(
    name: str,
    default: float,
    low: float,
    high: float,
    build: Callable[[float], object],
    decimals: int | None = None,
) -> Limit:
    """The display range ``low``..``high`` narrowed to what ``build(value)`` accepts."""
    step = 1.0 if decimals is None else 10.0**-decimals

    def snap(value: float) -> float:
        return float(round(value)) if decimals is None else round(value, decimals)

    lo, hi = snap(low), snap(high)
    for _ in range(MAX_NUDGES):
        if _accepted(build, lo):
            break
        lo = snap(lo + step)
    for _ in range(MAX_NUDGES):
        if _accepted(build, hi):
            break
        hi = snap(hi - step)
    if not (lo <= hi and _accepted(build, lo) and _accepted(build, hi)):
        raise ValueError(f"the engine accepts no {name} between {low} and {high}")
    if decimals is None:
        lo, hi = int(lo), int(hi)
    return Limit(name, min(max(default, lo), hi), lo, hi, decimals, (low, high))


# --- what the engine is asked ------------------------------------------------------------
def optimizer_kwargs(optimizer: str, values: dict) -> dict:
    """The engine's keyword arguments for the Lab's hyperparameter names (beta1, beta2)."""
    if optimizer == "adam":
        return {"betas": (values.get("beta1", 0.9), values.get("beta2", 0.999))}
    return dict(values)


def _optimizer(optimizer: str, name: str) -> Callable[[float], object]:
    return lambda v: make_optimizer(optimizer, 0.1, **optimizer_kwargs(optimizer, {name: v}))


def _schedule(kind: str, name: str, integer: bool) -> Callable[[float], object]:
    return lambda v: make_schedule(kind, **{name: int(v) if integer else float(v)})


def _descent(**kwargs) -> object:
    """One engine descent on a bowl with these settings (raises on a bad one)."""
    args = {"steps": 1, "noise": 0.0, **kwargs}
    return iter_descent(_bowl(), np.array([1.0]), make_optimizer("sgd", 0.1), **args)


@cache
def _bowl() -> object:
    return get_landscape("quadratic", scales=(1.0,))


# --- the Lab's inputs --------------------------------------------------------------------
HYPER_DECIMALS = 5
SCHEDULE_DECIMALS = 4

# Hyperparameters shown per optimiser: (name, default, display range).
_HYPER_DISPLAY: dict[str, tuple[tuple[str, float, float, float], ...]] = {
    "sgd": (),
    "momentum": (("momentum", 0.9, 0.0, 0.999),),
    "nesterov": (("momentum", 0.9, 0.0, 0.999),),
    "adagrad": (),
    "rmsprop": (("alpha", 0.99, 0.0, 0.9999),),
    "adam": (("beta1", 0.9, 0.0, 0.9999), ("beta2", 0.999, 0.0, 0.99999)),
}
# Schedule parameters: (name, default, display range, whole number?).
_SCHEDULE_DISPLAY: dict[str, tuple[tuple[str, float, float, float, bool], ...]] = {
    "constant": (),
    "step": (("step_size", 20, 1, 10_000, True), ("gamma", 0.5, 0.0, 1.0, False)),
    "exponential": (("gamma", 0.97, 0.0, 1.0, False),),
    "cosine": (("t_max", 100, 1, 100_000, True), ("eta_min", 0.0, 0.0, 10.0, False)),
    "linear_warmup": (("warmup_steps", 10, 1, 10_000, True),),
}

# Building a random landscape takes ~0.2 s, too slow to ask at start-up: these two are
# written out, and tests/lab/test_input_limits.py checks them against the engine.
RANDOM_SEED = Limit("seed", 0, 0, 1_000_000)
DIFFICULTY = Limit("difficulty", 0.5, 0.0, 1.0, decimals=2)


# Each range is asked of the engine the first time it is used, not when this module is
# imported (asking for all of them at once kept the start-up's preloading busy for 25 ms).
def _hyperparameters() -> dict[str, tuple[Limit, ...]]:
    return {
        optimizer: tuple(
            engine_limit(name, default, lo, hi, _optimizer(optimizer, name), HYPER_DECIMALS)
            for name, default, lo, hi in entries
        )
        for optimizer, entries in _HYPER_DISPLAY.items()
    }


def _schedule_parameters() -> dict[str, tuple[Limit, ...]]:
    return {
        kind: tuple(
            engine_limit(
                name,
                default,
                lo,
                hi,
                _schedule(kind, name, integer),
                None if integer else SCHEDULE_DECIMALS,
            )
            for name, default, lo, hi, integer in entries
        )
        for kind, entries in _SCHEDULE_DISPLAY.items()
    }


def _all_limits() -> tuple[Limit, ...]:
    singles = ("LEARNING_RATE", "SWEEP_RATE", "RUN_STEPS", "SWEEP_STEPS", "RANGE_RATE")
    return (
        *(limit for limits in _known("HYPERPARAMETERS").values() for limit in limits),
        *(limit for limits in _known("SCHEDULE_PARAMETERS").values() for limit in limits),
        *(_known(name) for name in (*singles, "RANGE_STEPS", "NOISE")),
        RANDOM_SEED,
        DIFFICULTY,
    )


def _known(name: str):
    """A lazy range, asked of the engine only if nobody has asked for it yet (so that
    every importer holds the very same object)."""
    return globals()[name] if name in globals() else __getattr__(name)


_LAZY: dict[str, Callable[[], object]] = {
    "HYPERPARAMETERS": _hyperparameters,
    "SCHEDULE_PARAMETERS": _schedule_parameters,
    "LEARNING_RATE": lambda: engine_limit("learning rate", 0.1, 1e-6, 100.0, check_lr, decimals=6),
    "SWEEP_RATE": lambda: engine_limit("sweep rate", 1e-4, 1e-6, 100.0, check_lr, decimals=6),
    "RUN_STEPS": lambda: engine_limit("steps", 60, 1, 100_000, lambda v: _descent(steps=int(v))),
    "SWEEP_STEPS": lambda: engine_limit(
        "sweep steps", 50, 1, 5000, lambda v: _descent(steps=int(v))
    ),
    "RANGE_RATE": lambda: engine_limit("range-test rate", 1e-6, 1e-8, 100.0, check_lr, decimals=8),
    "RANGE_STEPS": lambda: engine_limit(
        "range-test steps", 300, 1, 5000, lambda v: check_range(1e-3, 1e-1, int(v))
    ),
    "NOISE": lambda: engine_limit("noise", 0.0, 0.0, 5.0, lambda v: _descent(noise=v), decimals=1),
    "ALL_LIMITS": _all_limits,
}


def __getattr__(name: str) -> object:
    """A range asked of the engine on first use (PEP 562), then kept as a module global."""
    build = _LAZY.get(name)
    if build is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = build()
    return value
