"""The Hike rules: each step kind, rate validation, undo, budget and copies."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from gdgame.game import STEP_KINDS, Hike


def test_descent_is_plain_gradient_descent(make_level):
    hike = Hike(make_level(params={"scales": [2.0]}, start=[1.0]))
    result = hike.step(0.3)
    assert result.kind == "descent"
    assert hike.position[0] == pytest.approx(0.4)  # 1 - 0.3 * 2
    assert hike.loss == pytest.approx(0.16) and result.loss_before == pytest.approx(1.0)
    assert hike.gradient[0] == pytest.approx(0.8)
    assert hike.steps_used == 1 and not hike.finished
    assert result.headline and result.explanation and result.tie_in and result.term
    assert result.curvature == pytest.approx(2.0)
    assert result.rate_x_curvature == pytest.approx(0.6)
    assert "0.6" in result.explanation
    np.testing.assert_allclose(result.start, [1.0])
    np.testing.assert_allclose(result.felt_gradient, [2.0])
    np.testing.assert_allclose(result.target, result.start - 0.3 * result.felt_gradient)
    assert not result.penalised and not result.mistake


def test_divergence_when_the_loss_grows(make_level):
    hike = Hike(make_level(params={"scales": [20.0]}))
    result = hike.step(0.15)  # 2/L = 0.1
    assert result.kind == "divergence"
    assert result.loss > result.loss_before
    assert hike.position[0] == pytest.approx(2.0 - 0.15 * 40)
    assert hike.divergences == 1
    assert "higher" in result.headline
    assert result.penalised and result.mistake
    assert result.rate_x_curvature == pytest.approx(3.0)
    assert result.two_over_l == pytest.approx(0.1) and result.one_over_l == pytest.approx(0.05)


def test_a_wild_step_off_the_map_keeps_the_hiker_in_place(make_level):
    hike = Hike(make_level(params={"scales": [20.0]}))
    result = hike.step(10.0)
    assert result.kind == "divergence" and result.fell_off
    assert hike.position[0] == 2.0 and hike.loss == result.loss_before
    assert hike.steps_used == 1
    assert result.target[0] == pytest.approx(2.0 - 10.0 * 40.0)  # where the leap was aimed
    assert "off the map" in result.headline
    [(start, target, kind)] = hike.failed_leaps()
    assert start[0] == 2.0 and target[0] == result.target[0] and kind == "divergence"


def test_overshoot_crosses_the_valley_but_goes_down(make_level):
    hike = Hike(make_level(params={"scales": [4.0]}, start=[2.0], goal={"tolerance": 1e-4}))
    result = hike.step(0.4)  # between 1/L = 0.25 and 2/L = 0.5
    assert result.kind == "overshoot"
    assert hike.position[0] == pytest.approx(-1.2)
    assert result.loss < result.loss_before
    assert not result.penalised and not result.mistake  # a lesson, not a mistake
    assert hike.divergences == 0


def test_exactly_at_two_over_l_the_hiker_bounces_forever(make_level):
    hike = Hike(make_level(params={"scales": [4.0]}, start=[2.0], goal={"tolerance": 1e-4}))
    results = [hike.step(0.5) for _ in range(3)]
    assert [r.position[0] for r in results] == pytest.approx([-2.0, 2.0, -2.0])
    assert {r.kind for r in results} == {"divergence"}
    assert all("same height" in r.headline for r in results)
    assert all("forever" in r.explanation for r in results)


def test_overshoot_in_2d(make_level):
    level = make_level(params={"scales": [1.0, 3.0]}, start=[2.0, 1.5])
    assert Hike(level).step(0.6).kind == "overshoot"


def test_crawl_when_the_step_is_far_too_small(make_level):
    hike = Hike(make_level())
    result = hike.step(1e-4)
    assert result.kind == "crawl"
    assert 0 < result.loss_before - result.loss < 0.01 * result.loss_before
    assert result.mistake and not result.penalised


def test_stuck_in_a_local_minimum(make_level):
    level = make_level(landscape="double_well", params={"tilt": 0.3}, start=[1.2])
    hike = Hike(level)
    kinds = [hike.step(0.05).kind for _ in range(5)]
    assert kinds[-1] == "stuck"
    trap = hike.landscape.local_minima[0]
    assert abs(hike.position[0] - trap[0]) < 0.05


def test_won_when_the_goal_is_reached(make_level):
    hike = Hike(make_level())
    result = hike.step(1.0)
    assert result.kind == "won"
    assert hike.won and hike.finished and hike.stars == 3 and hike.score > 0


def test_radius_goal(make_level):
    hike = Hike(make_level(goal={"kind": "radius", "tolerance": 0.5}))
    assert hike.step(0.5).kind == "descent"  # at 1.0: loss 0.5, distance 1
    assert hike.step(0.6).kind == "won"  # at 0.4


def test_all_kinds_have_words():
    from gdgame.game import messages
    from gdgame.game.levels import GLOSSARY_TERMS

    assert set(STEP_KINDS) == {
        "divergence",
        "overshoot",
        "crawl",
        "stuck",
        "noisy",
        "descent",
        "won",
    }
    for kind in STEP_KINDS:
        assert messages.headline(kind) and messages.explanation(kind, 0.5)
        sentence, term = messages.tie_in(kind)
        assert sentence and term in GLOSSARY_TERMS


@pytest.mark.parametrize(
    ("rate", "words"),
    [
        (math.nan, "NaN"),
        (math.inf, "finite"),
        (-math.inf, "finite"),
        (0.0, "greater than 0"),
        (-0.5, "greater than 0"),
        ("0.1", "must be a number"),
        (None, "must be a number"),
        (True, "must be a number"),
    ],
)
def test_bad_rates_are_rejected_with_a_clear_message(make_level, rate, words):
    hike = Hike(make_level())
    with pytest.raises(ValueError, match=words):
        hike.step(rate)
    assert hike.steps_used == 0 and hike.position[0] == 2.0


def test_numpy_rates_are_fine(make_level):
    assert Hike(make_level()).step(np.float32(0.5)).kind == "descent"


def test_undo_restores_the_step_and_costs_points(make_level):
    hike = Hike(make_level(step_budget=8, par=3, two_star=5))
    hike.step(0.5)
    before = (hike.position.copy(), hike.loss, hike.gradient.copy())
    diverged = hike.step(3.0)
    assert diverged.kind == "divergence"
    assert hike.undo()
    assert [(s.tolist(), t.tolist(), k) for s, t, k in hike.failed_leaps()] == [
        (diverged.start.tolist(), diverged.target.tolist(), "divergence")
    ]
    assert np.array_equal(hike.position, before[0]) and hike.loss == before[1]
    assert np.array_equal(hike.gradient, before[2])
    assert hike.steps_used == 1 and hike.undos == 1 and len(hike.history) == 1
    clean = Hike(hike.level)
    clean.step(0.5)
    clean.step(1.0)
    hike.step(1.0)
    assert hike.won and clean.won
    assert hike.score < clean.score
    assert not hike.undo()  # a won hike is final


def test_undo_with_nothing_to_undo(make_level):
    hike = Hike(make_level())
    assert not hike.undo() and hike.undos == 0


def test_the_budget_ends_the_hike(make_level):
    hike = Hike(make_level(step_budget=3, par=1, two_star=2))
    for _ in range(3):
        hike.step(1e-3)
    assert hike.finished and not hike.won and hike.stars == 0 and hike.score == 0
    assert not hike.undo()  # the map has been revealed: no taking back
    with pytest.raises(ValueError, match="over"):
        hike.step(0.5)
    hike.restart()
    assert hike.steps_used == 0 and not hike.finished


def test_history_trail_and_plot_series(make_level):
    hike = Hike(make_level())
    for rate in (0.1, 0.2, 0.3):
        hike.step(rate)
    assert [r.step for r in hike.history] == [1, 2, 3]
    assert hike.trail().shape == (4, 1)
    assert hike.losses().shape == (4,) and hike.slopes().shape == (4,)
    assert hike.rates().tolist() == [0.1, 0.2, 0.3]
    assert hike.slopes()[-1] == pytest.approx(hike.slope)


def test_deepcopy_is_independent(make_level):
    hike = Hike(make_level())
    hike.step(0.1)
    twin = copy.deepcopy(hike)
    twin.step(0.5)
    assert hike.steps_used == 1 and twin.steps_used == 2
    assert hike.position[0] != twin.position[0]


def test_schedule_decay_only_where_allowed(make_level):
    with pytest.raises(ValueError, match="schedule"):
        Hike(make_level()).set_decay(0.5)
    hike = Hike(make_level(allow_schedule=True, goal={"tolerance": 1e-6}, step_budget=10))
    hike.set_decay(0.5)
    rates = [hike.step(0.4).lr for _ in range(3)]
    assert rates == pytest.approx([0.4, 0.2, 0.1])
    assert hike.speed_limits().rates == pytest.approx([0.4, 0.2, 0.1])
    for bad in (0.0, 1.5, math.nan):
        with pytest.raises(ValueError):
            hike.set_decay(bad)


def test_noisy_steps_repeat_after_undo(make_level):
    hike = Hike(make_level(params={"scales": [1.0, 2.0]}, start=[2.0, -1.0], noise=0.5, seed=3))
    first = hike.step(0.3).position.copy()
    hike.undo()
    again = hike.step(0.3).position
    assert np.array_equal(first, again)
    assert "shaky" in hike.history[-1].explanation
    assert np.array_equal(hike.history[-1].felt_gradient, hike.history[-1].felt_gradient)
    noiseless = Hike(make_level(params={"scales": [1.0, 2.0]}, start=[2.0, -1.0]))
    assert not np.allclose(noiseless.step(0.3).position, first)


def test_the_felt_slope_is_the_one_the_step_goes_against(make_level):
    level = make_level(params={"scales": [1.0, 2.0]}, start=[2.0, -1.0], noise=0.5, seed=3)
    hike = Hike(level)
    for _ in range(5):
        felt = hike.felt_gradient
        assert not np.allclose(felt, hike.gradient)  # noisy: not the true slope
        assert hike.slope == pytest.approx(float(np.linalg.norm(felt)))
        result = hike.step(0.2)
        np.testing.assert_allclose(result.felt_gradient, felt)
        np.testing.assert_allclose(result.position, result.start - 0.2 * felt)
    assert hike.slopes()[:-1] == pytest.approx(
        [float(np.linalg.norm(r.felt_gradient)) for r in hike.history]
    )
    quiet = Hike(make_level(params={"scales": [1.0, 2.0]}, start=[2.0, -1.0]))
    np.testing.assert_array_equal(quiet.felt_gradient, quiet.gradient)


def test_speed_limits_give_the_rate_beside_one_and_two_over_l(make_level):
    hike = Hike(make_level(params={"scales": [4.0]}, goal={"tolerance": 1e-9}))
    for rate in (0.1, 0.3, 0.45):
        hike.step(rate)
    limits = hike.speed_limits()
    assert limits.steps.tolist() == [1, 2, 3]
    assert limits.rates == pytest.approx([0.1, 0.3, 0.45])
    assert limits.one_over_l == pytest.approx([0.25] * 3)
    assert limits.two_over_l == pytest.approx([0.5] * 3)


def test_where_the_ground_bends_downward_there_is_no_speed_limit(make_level):
    level = make_level(landscape="double_well", params={"tilt": 0.3}, start=[0.1])
    result = Hike(level).step(0.05)  # near the ridge top the ground bends down
    assert result.curvature < 0
    assert np.isnan(result.one_over_l) and np.isnan(result.two_over_l)
    assert result.kind in ("crawl", "descent")


def test_on_a_ravine_floor_the_speed_limit_is_still_the_walls(make_level):
    """The chart's 2/L is the sharpest bend's, even when the step only met the gentle floor."""
    hike = Hike(make_level(params={"scales": [1.0, 20.0]}, start=[2.0, 0.0], step_budget=9))
    result = hike.step(0.09)
    assert result.curvature == pytest.approx(1.0)  # the step moved along the floor only
    assert result.sharpest == pytest.approx(20.0)
    assert hike.speed_limits().two_over_l.tolist() == pytest.approx([0.1])
