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
