"""Reveal data: the true surface, the player's path and the ghosts' paths."""

from __future__ import annotations

import numpy as np

from gdgame.game import Hike
from gdgame.game.reveal import reveal


def test_reveal_1d(make_level):
    hike = Hike(make_level(step_budget=10, par=3, two_star=6))
    hike.step(0.5)
    hike.step(0.5)
    data = reveal(hike, resolution=50)
    assert data.dim == 1 and data.surface.ys is None
    assert data.surface.xs.shape == data.surface.values.shape == (50,)
    assert np.array_equal(data.player_path, hike.trail())
    sgd, adam = data.ghosts
    assert sgd.optimizer == "sgd" and adam.optimizer == "adam"
    assert sgd.won_at == 1 and sgd.lr == 1.0
    assert sgd.path.shape == (2, 1)
    assert adam.path.shape[1] == 1 and adam.path.shape[0] >= 2
    assert "best fixed rate" in sgd.label


def test_reveal_2d_grid_covers_the_paths(make_level):
    level = make_level(params={"scales": [1.0, 3.0]}, start=[2.0, 1.5], step_budget=15)
    hike = Hike(level)
    hike.step(0.7)  # diverges a little outside the bowl's box
    data = reveal(hike, resolution=40)
    surface = data.surface
    assert surface.values.shape == (40, 40)
    assert surface.xs[0] <= data.player_path[:, 0].min()
    assert surface.ys[-1] >= data.player_path[:, 1].max()
    x, y = surface.xs[7], surface.ys[11]
    assert surface.values[7, 11] == np.float64(0.5 * x * x + 1.5 * y * y)
    best_fixed, adam = data.ghosts
    assert best_fixed.won_at == 5 and best_fixed.lr < 2 / 3
    assert adam.path.shape == (16, 2)  # Adam does not reach this goal: the whole budget
    assert data.global_minima.shape == (1, 2)


def test_reveal_carries_failed_leaps_and_speed_limits(make_level):
    hike = Hike(make_level(params={"scales": [4.0]}, step_budget=3, par=1, two_star=2))
    hike.step(0.1)
    wild = hike.step(0.6)  # 2/L = 0.5: a divergence, taken back
    hike.undo()
    hike.step(0.1)
    hike.step(0.1)
    data = reveal(hike, resolution=30)
    [(start, target, kind)] = data.failed_leaps
    assert kind == "divergence" and target[0] == wild.target[0]
    assert data.surface.xs[0] <= target[0] <= data.surface.xs[-1]  # drawn inside the box
    assert data.speed_limits.two_over_l.tolist() == [0.5, 0.5, 0.5]


def test_the_fixed_rate_ghost_feels_the_same_noise_as_the_player(make_level):
    level = make_level(
        params={"scales": [1.0, 2.0]}, start=[2.0, -1.0], noise=0.5, seed=4, step_budget=12
    )
    data = reveal(Hike(level), resolution=20)
    ghost = data.ghosts[0]
    replay = Hike(level)
    while not replay.finished:
        replay.step(ghost.lr)
    np.testing.assert_array_equal(ghost.path, replay.trail())


def test_a_data_level_reveals_the_players_model_beside_the_best_fit():
    from gdgame.game import load_levels

    level = next(lv for lv in load_levels() if lv.id == "penguin-line")
    hike = Hike(level)
    hike.step(0.1)
    data = reveal(hike, resolution=20)
    fit = data.fit
    assert fit is not None and fit.data.kind == "regression" and len(fit.data.x) > 300
    land = hike.landscape
    np.testing.assert_allclose(fit.player, land.model_lines(hike.position))
    np.testing.assert_allclose(fit.best, land.best_line())
    assert not np.allclose(fit.player, fit.best)  # one step is not yet the best line
    bowl = Hike(next(lv for lv in load_levels() if lv.id == "gentle-bowl"))
    bowl.step(0.5)
    assert reveal(bowl, resolution=20).fit is None


def test_the_fixed_rate_ghost_is_never_beaten_by_a_constant_one_over_l():
    """On every bowl level a player holding 1/L (the sharpest bend at the start) must not
    be shown a "best fixed rate" ghost that needs more steps than they did."""
    from gdgame.game import Hike, load_levels
    from gdgame.game.hints import SLIDER_MAX, SLIDER_MIN
    from gdgame.game.regimes import local_curvatures
    from gdgame.game.reveal import reveal

    for level in load_levels():
        if level.landscape != "quadratic":
            continue
        hike = Hike(level)
        one_step = 1.0 / float(local_curvatures(hike.landscape, level.start)[0])
        rate = min(max(one_step, SLIDER_MIN), SLIDER_MAX)  # as close to 1/L as one can pick
        while not hike.finished:
            hike.step(rate)
        ghost = reveal(hike).ghosts[0]
        assert "best fixed rate" in ghost.label
        assert SLIDER_MIN <= ghost.lr <= SLIDER_MAX, level.id  # a rate the player can pick
        if hike.won:
            assert ghost.won_at is not None and ghost.won_at <= hike.steps_used, level.id
