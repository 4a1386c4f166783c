"""A simple greedy player: each turn, try a log-spaced grid of rates and keep the best (no Qt).

Used by the winnability test, the endless-level generator (to set par and budget) and
the screen's smoke test. It peeks one step ahead on copies of the hike, so it plays the
exact rules the learner plays.
"""

from __future__ import annotations

import copy

import numpy as np

from gdgame.engine import Descent
from gdgame.game import terrain
from gdgame.game.hike import Hike, felt_slope, noise_seed

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


# --- a novice who reads only the step names ------------------------------------------------
NOVICE_FACTORS = {
    "crawl": 3.0,
    "descent": 1.25,
    "overshoot": 0.7,
    "noisy": 0.8,
    "divergence": 0.25,
    "stuck": 1.0,
}
"""How a novice changes the rate after each step name (divergence also undoes the step)."""


def play_novice(hike: Hike, start_rate: float = 0.1, factors=None) -> Hike:
    """Play like a learner who reads only the step names (no hints, no maths): up on a
    crawl, a little up on a descent, down on an overshoot, far down and undo on divergence."""
    factors = NOVICE_FACTORS if factors is None else factors
    rate, undos_left = start_rate, 3 * hike.level.step_budget
    while not hike.finished:
        result = hike.step(rate)
        if result.kind == "won":
            break
        rate = min(RATE_GRID[-1], max(RATE_GRID[0], rate * factors[result.kind]))
        if result.kind == "divergence" and undos_left > 0 and hike.undo():
            undos_left -= 1
    return hike


def play_solution(hike: Hike) -> Hike:
    """Play the level's written ``solution`` (rates in order, the last one repeated)."""
    solution = hike.level.solution
    if solution is None:
        raise ValueError(f"level {hike.level.id!r} has no written solution")
    if hike.level.allow_schedule:
        hike.set_decay(solution.decay)
    while not hike.finished:
        hike.step(solution.rate_at(hike.steps_used))
    return hike


def _felt_slopes(level, landscape, X: np.ndarray, step: int) -> np.ndarray:
    """What each hiker of ``X`` would feel at ``step`` in the Hike: the same mini-batch rows
    (on data levels) and the same noise draw for every position."""
    rows_only = Descent(landscape, X.copy(), 1.0, seed=noise_seed(level, step)).G
    return rows_only + (felt_slope(level, landscape, X[0], step) - rows_only[0])


def constant_rate_runs(level, rates, landscape=None) -> tuple[np.ndarray, np.ndarray]:
    """Play every rate of ``rates`` as a constant rate, all at once (vectorised).

    Follows the Hike's rules exactly: the same felt noise at each step number, a step off
    the map leaves the hiker where it stood, the goal ends the walk. Returns the steps each
    rate took (``budget + 1`` where it never won) and the final altitude of each.
    """
    landscape = level.build_landscape() if landscape is None else landscape
    rates = np.asarray(rates, dtype=float)
    probe = Hike(level, landscape)  # for the goal test only
    X = np.repeat(terrain.as_point(level.start)[None, :], len(rates), axis=0)
    loss = np.asarray(landscape.value(X), dtype=float)
    won_at = np.full(len(rates), level.step_budget + 1)
    for step in range(level.step_budget):
        with np.errstate(all="ignore"):
            target = X - rates[:, None] * _felt_slopes(level, landscape, X, step)
            inside = np.array([terrain.in_arena(landscape, t) for t in target])
            new_loss = np.where(inside, np.asarray(landscape.value(target), dtype=float), np.inf)
        stays = ~np.isfinite(new_loss) | (won_at <= step)
        X = np.where(stays[:, None], X, target)
        loss = np.where(stays, loss, new_loss)
        reached = np.array([probe.reached_goal(x, v) for x, v in zip(X, loss, strict=True)])
        won_at = np.where((won_at > step + 1) & reached & ~stays, step + 1, won_at)
    return won_at, loss


def best_constant_rate(level, rates=None) -> tuple[float, Hike]:
    """The constant rate (from a fine log grid) that wins in the fewest steps, and its hike
    (replayed with the real rules). Ties go to the lowest final altitude."""
    rates = np.logspace(-4, 1, 401) if rates is None else np.asarray(rates, dtype=float)
    steps, loss = constant_rate_runs(level, rates)
    best = float(rates[np.lexsort((np.nan_to_num(loss, nan=np.inf), steps))[0]])
    hike = Hike(level)
    while not hike.finished:
        hike.step(best)
    return best, hike
