"""Race results: final and best loss, steps to the goal, divergence (engine or runaway)."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import descend, get_landscape, make_optimizer
from gdgame.engine.analysis import (
    best_result,
    first_step_above,
    map_height,
    race_results,
    runaway_level,
)


def test_results_follow_the_engine_trajectories():
    bowl = get_landscape("quadratic", scales=(2.0,))
    rates = [0.2, 0.9, 1.04, 0.01]
    paths = [descend(bowl, [1.2], make_optimizer("sgd", r), 40) for r in rates]
    losses = np.stack([p.losses for p in paths], axis=1)
    level = runaway_level(bowl.global_min_value, map_height(bowl))
    results = race_results(losses, bowl.global_min_value, 1e-3, runaway=level)
    for path, result in zip(paths, results, strict=True):
        assert result.final_loss == path.losses[-1]
        assert result.best_loss == path.losses.min()
        close = np.flatnonzero(path.losses <= 1e-3)
        assert result.goal_step == (int(close[0]) if close.size else None)
    assert results[3].goal_step is None  # 0.01 crawls
    assert results[0].goal_step < results[1].goal_step
    assert not results[2].diverged  # grows, but in 40 steps stays near the map
    assert best_result(results) == 0


def test_a_runaway_hiker_is_diverged_at_the_step_it_passed_the_level():
    bowl = get_landscape("quadratic", scales=(2.0,))
    path = descend(bowl, [1.0], make_optimizer("sgd", 1.9), 400)
    level = runaway_level(0.0, map_height(bowl))
    first = int(np.argmax(path.losses > level))
    (result,) = race_results(path.losses[:, None], 0.0, 1e-3, [path.diverged_at], level)
    assert result.diverged_at == first < path.diverged_at  # long before the overflow
    assert result.final_loss == path.losses[first - 1]
    assert best_result([result]) is None
    (engine_only,) = race_results(path.losses[:, None], 0.0, 1e-3, [path.diverged_at])
    assert engine_only.diverged_at == path.diverged_at


def test_first_step_above_and_heights():
    losses = np.array([[1.0, 1.0], [5.0, np.nan], [50.0, 2.0]])
    assert list(first_step_above(losses, 10.0)) == [2, 1]
    assert list(first_step_above(losses[:1], 10.0, first=7)) == [-1, -1]
    assert map_height(get_landscape("quadratic", scales=(2.0,))) == pytest.approx(6.25, rel=1e-3)
    assert runaway_level(float("nan"), 2.0) == 2000.0
    with pytest.raises(ValueError):
        race_results(np.zeros(3), 0.0, 1e-3)


def test_a_hiker_just_past_2_over_l_is_rising_before_it_runs_away():
    """lr x L = 2.08 on a bowl grows the distance by 8% a step: after 60 steps the loss is far
    above its start but below the runaway level; the result must say it ended higher."""
    from gdgame.engine import descend, get_landscape, make_optimizer
    from gdgame.engine.analysis import race_results, runaway_level

    bowl = get_landscape("quadratic", scales=(2.0, 2.0))
    rates = np.array([2.08 / 2.0, 0.5 / 2.0])
    run = descend(bowl, np.array([[1.0, 1.0], [1.0, 1.0]]), make_optimizer("sgd", rates), 60)
    losses = np.asarray(run.losses)
    level = runaway_level(0.0, float(losses[0, 0]) * 100)
    results = race_results(losses, 0.0, 1e-3, runaway=level)
    slow, fine = results
    assert slow.diverged_at is None and slow.rising and slow.final_loss > losses[0, 0]
    assert not fine.rising and fine.goal_step is not None
