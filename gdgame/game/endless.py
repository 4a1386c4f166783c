"""Endless mode: generated levels on seeded random landscapes, harder at each depth (no Qt).

Depth 1 is a gentle 1D landscape with one or two wells; each deeper level raises the
engine's ``difficulty`` knob (more, deeper, narrower wells) and soon moves to 2D. Par and
budget come from the greedy oracle, so every generated level is winnable.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from gdgame.engine import random_landscape
from gdgame.game import oracle
from gdgame.game.hike import Hike
from gdgame.game.levels import RANDOM_LANDSCAPE, Goal, Level

MAX_ATTEMPTS = 12
ORACLE_BUDGET = 40
TERMS = ("local-minimum", "global-minimum", "learning-rate", "safe-step")


def difficulty(depth: int) -> float:
    return float(min(1.0, 0.1 + 0.08 * (depth - 1)))


def dimension(depth: int) -> int:
    return 1 if depth <= 2 or depth % 4 == 0 else 2


def _candidate(depth: int, attempt: int) -> Level:
    seed = 1000 * depth + attempt
    params = {"seed": seed, "dim": dimension(depth), "difficulty": difficulty(depth)}
    landscape = random_landscape(**params)
    rng = np.random.default_rng(seed)
    lows = np.array([lo for lo, _ in landscape.bounds])
    highs = np.array([hi for _, hi in landscape.bounds])
    start = rng.uniform(lows + 0.1 * (highs - lows), highs - 0.1 * (highs - lows))
    height = float(landscape.value(start)) - float(landscape.global_min_value)
    tolerance = max(0.01, 0.01 * height)
    return Level(
        id=f"endless-{depth}",
        title=f"Endless depth {depth}",
        concept="Unknown ground: read the slope, mind the safe rate and avoid the hollows.",
        chapter="chapter-4",
        terms=TERMS,
        landscape=RANDOM_LANDSCAPE,
        params=params,
        start=tuple(float(v) for v in start),
        goal=Goal("loss", tolerance),
        step_budget=ORACLE_BUDGET,
        par=ORACLE_BUDGET,
        two_star=ORACLE_BUDGET,
        hints=(
            "Nobody has seen these hills. After a step, compare the slope you feel now with "
            "the slope before: what does the change tell you about the ground?",
            "How fast the slope changes from place to place is the curvature L. Below 2/L a "
            "rate converges and 1/L lands on the bottom of a bowl. A hollow that is not low "
            "enough is a trap: only a bold stride taken while the ground is steep gets past "
            "its rim.",
        ),
        intro=f"Generated ground, difficulty {difficulty(depth):.2f}. Find the lowest point.",
        source=f"endless depth {depth}",
    )


def endless_level(depth: int) -> Level:
    """The endless level at ``depth`` (1, 2, ...): always the same for the same depth."""
    if depth < 1:
        raise ValueError("endless depth starts at 1")
    fallback = None
    for attempt in range(MAX_ATTEMPTS):
        level = _candidate(depth, attempt)
        played = oracle.play(Hike(level))
        if not played.won:
            continue
        steps = played.steps_used
        if steps < 2:  # too easy: one lucky leap
            fallback = fallback or (level, steps)
            continue
        return _with_par(level, steps)
    if fallback is not None:
        return _with_par(*fallback)
    raise RuntimeError(f"could not generate a winnable endless level at depth {depth}")


def _with_par(level: Level, oracle_steps: int) -> Level:
    par = oracle_steps + 2
    two_star = 2 * par + 2
    return replace(level, par=par, two_star=two_star, step_budget=max(3 * par, two_star + 6))
