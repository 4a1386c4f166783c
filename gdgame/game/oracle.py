"""A simple greedy player: each turn, try a log-spaced grid of rates and keep the best (no Qt).

Used by the winnability test, the endless-level generator (to set par and budget) and
the screen's smoke test. It peeks one step ahead on copies of the hike, so it plays the
exact rules the learner plays.
"""

from __future__ import annotations

import copy

import numpy as np

from gdgame.game import terrain
from gdgame.game.hike import Hike

RATE_GRID = tuple(float(r) for r in np.logspace(-4, 1, 51))


def preview(hike: Hike, lr: float) -> Hike:
    """A copy of ``hike`` after one step at ``lr`` (the landscape is shared, not copied)."""
    trial = copy.deepcopy(hike, memo={id(hike.landscape): hike.landscape})
    trial.step(lr)
    return trial


def _badness(hike: Hike) -> tuple[int, float]:
    if hike.won:
        return (0, 0.0)
    if hike.level.goal.kind == "radius":
        distance = terrain.distance_to(terrain.global_minima(hike.landscape), hike.position)
        return (1, distance)
    return (1, hike.loss)


def best_rate(hike: Hike, rates=RATE_GRID) -> float:
    """The rate of ``rates`` whose single step ends lowest (a winning step first)."""
    best, best_key = rates[0], None
    for lr in rates:
        key = _badness(preview(hike, lr))
        if best_key is None or key < best_key:
            best, best_key = lr, key
            if key[0] == 0:
                break
    return best


def play(hike: Hike, rates=RATE_GRID) -> Hike:
    """Play ``hike`` greedily until it is won or its budget is spent; returns it."""
    while not hike.finished:
        hike.step(best_rate(hike, rates))
    return hike
