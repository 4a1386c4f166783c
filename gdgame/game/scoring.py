"""Stars and points for a hike (no Qt).

Stars compare the steps used with the level's par: three at or under par, two at or
under ``two_star``, one for any win within the budget. The score starts from a base
for winning, adds a bonus for every unused step and takes points off for each divergent
step, each undo and each hint rung shown (see :mod:`gdgame.game.hints`).
"""

from __future__ import annotations

WIN_BASE = 500
POINTS_PER_SPARE_STEP = 50
DIVERGENCE_PENALTY = 75
UNDO_PENALTY = 20
STAR_BONUS = 100


def stars(par: int, two_star: int, steps_used: int, won: bool) -> int:
    if not won:
        return 0
    if steps_used <= par:
        return 3
    if steps_used <= two_star:
        return 2
    return 1


def score(
    *,
    won: bool,
    steps_used: int,
    step_budget: int,
    divergences: int,
    undos: int,
    star_count: int,
    hint_points: int = 0,
) -> int:
    """Points for one hike; never negative. A lost hike scores nothing."""
    if not won:
        return 0
    points = WIN_BASE + STAR_BONUS * star_count
    points += POINTS_PER_SPARE_STEP * max(0, step_budget - steps_used)
    points -= DIVERGENCE_PENALTY * divergences + UNDO_PENALTY * undos + hint_points
    return max(0, points)
