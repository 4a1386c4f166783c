"""The penguin levels: the Hike feels real mini-batches, and what the texts claim in words
(without numbers) is what the engine does."""

from __future__ import annotations

import dataclasses

import numpy as np

from gdgame.engine.minibatch import MiniBatches
from gdgame.game import Hike, load_levels
from gdgame.game.hike import noise_seed
from gdgame.game.oracle import play_solution

LEVELS = {level.id: level for level in load_levels()}


def test_only_the_mini_batch_level_wobbles():
    assert LEVELS["mini-batches"].stochastic and LEVELS["noisy-slope"].stochastic
    assert not LEVELS["penguin-line"].stochastic and not LEVELS["unscaled-line"].stochastic
    assert Hike(LEVELS["mini-batches"]).landscape.stochastic


def test_the_hike_feels_the_gradient_of_a_seeded_mini_batch_of_penguins():
    level = LEVELS["mini-batches"]
    hike = Hike(level)
    land = hike.landscape
    for step in range(4):
        rng = np.random.default_rng(noise_seed(level, step))
        rows = MiniBatches(land.n_rows, level.params["batch_size"], rng).next()
        expected = land.batch_gradient(hike.position, rows)
        np.testing.assert_allclose(hike.felt_gradient, expected, rtol=1e-14)
        assert not np.allclose(hike.felt_gradient, land.gradient(hike.position))
        result = hike.step(0.2)
        np.testing.assert_allclose(result.felt_gradient, expected, rtol=1e-14)
        np.testing.assert_allclose(result.target, result.start - 0.2 * expected, rtol=1e-14)
    felt = hike.felt_gradient
    hike.undo()
    hike.step(0.2)
    np.testing.assert_allclose(hike.felt_gradient, felt, rtol=1e-14)  # replays feel the same


def test_a_safe_rate_on_mini_batches_is_never_called_a_divergence():
    level = dataclasses.replace(LEVELS["mini-batches"], step_budget=60)
    level = dataclasses.replace(level, goal=dataclasses.replace(level.goal, tolerance=1e-9))
    hike = Hike(level)
    kinds = [hike.step(0.3).kind for _ in range(60)]
    assert "divergence" not in kinds and "noisy" in kinds


def test_the_scaled_line_lands_exactly_on_the_best_line():
    hike = play_solution(Hike(LEVELS["penguin-line"]))
    np.testing.assert_allclose(hike.position, hike.landscape.global_minima[0], atol=1e-12)


def test_the_unscaled_line_is_the_same_fit_in_a_ravine_whose_floor_cannot_be_walked():
    level = LEVELS["unscaled-line"]
    hike = play_solution(Hike(level))
    land = hike.landscape
    scaled = Hike(LEVELS["penguin-line"]).landscape
    np.testing.assert_allclose(land.best_line(), scaled.best_line(), rtol=1e-12)  # same line
    walls, floor = np.linalg.eigvalsh(land.hessian(hike.position))[::-1]
    assert 1e4 < walls / floor < 1e5  # "tens of thousands of times less"
    floor_direction = np.linalg.eigh(land.hessian(hike.position))[1][:, 0]
    assert abs(floor_direction[1]) > 0.99  # "mostly the bias"
    # "the slope all but vanishes" on the floor
    assert hike.slope < 1e-3 * np.linalg.norm(land.gradient(level.start))
    # "your line is still too flat": its weight is far below the best line's
    assert hike.won and hike.position[0] < 0.5 * land.global_minima[0][0]
    # "no rate the walls allow could walk it within the budget": even just under 2/L of the
    # walls, the budget's steps shrink the distance along the floor by under a tenth
    shrink = (1.0 - 0.999 * 2.0 / walls * floor) ** level.step_budget
    assert shrink > 0.9


def test_on_mini_batches_the_first_bold_stride_gains_most_of_the_height():
    level = LEVELS["mini-batches"]
    land = Hike(level).landscape
    every_penguin = np.array([land.batch_gradient(level.start, [i]) for i in range(land.n_rows)])
    assert np.all(every_penguin[:, 1] < 0)  # every penguin pulls the line up (the bias)
    hike = Hike(level)
    hike.set_decay(level.solution.decay)
    first = hike.step(level.solution.rates[0])
    floor = land.global_min_value
    assert first.loss - floor < 0.5 * (first.loss_before - floor)  # most of the height
    best_weight = land.global_minima[0][0]
    assert abs(first.position[0] - best_weight) > abs(level.start[0] - best_weight)  # tilted


def test_a_decaying_rate_lets_the_mini_batch_wobble_die_down():
    """Over many shuffles, the late altitude with the written decay is a small fraction of
    the late altitude at the same constant rate (which keeps chasing every batch)."""
    base = LEVELS["mini-batches"]

    def late_gaps(decay: float, seed: int) -> float:
        level = dataclasses.replace(base, seed=seed, step_budget=40)
        level = dataclasses.replace(level, goal=dataclasses.replace(level.goal, tolerance=1e-12))
        hike = Hike(level)
        hike.set_decay(decay)
        while not hike.finished:
            hike.step(level.solution.rates[0])
        return float(np.mean(hike.heights()[-15:]))

    seeds = range(31, 43)
    calm = np.mean([late_gaps(base.solution.decay, seed) for seed in seeds])
    jittery = np.mean([late_gaps(1.0, seed) for seed in seeds])
    assert calm < 0.2 * jittery
