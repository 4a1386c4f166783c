"""Every campaign level can be won within its budget by a simple greedy oracle."""

from __future__ import annotations

import pytest

from gdgame.game import Hike, load_levels
from gdgame.game.oracle import RATE_GRID, play

LEVELS = load_levels()


def test_the_oracle_tries_a_log_grid_within_the_slider_range():
    assert RATE_GRID[0] == pytest.approx(1e-4) and RATE_GRID[-1] == pytest.approx(10.0)


@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_each_level_is_winnable_within_budget(level):
    hike = play(Hike(level))
    assert hike.won, f"{level.id}: oracle ended at loss {hike.loss:.4g}"
    assert hike.steps_used <= level.step_budget
    assert hike.stars >= 1
