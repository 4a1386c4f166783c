"""The learning-rate range test: one run with an exponentially growing rate suggests a rate
that the theory (bowls) and practice (training the penguin line) both accept."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import (
    SweepCancelled,
    descend,
    get_landscape,
    lr_range_test,
    make_optimizer,
    smooth_log_losses,
)
from gdgame.engine.formula import make_formula_landscape
from gdgame.engine.range_test import range_floor

CURVATURES = (0.5, 2.0, 20.0, 300.0, 3000.0)


@pytest.mark.parametrize("curvature", CURVATURES)
@pytest.mark.parametrize(
    ("scales", "start"), [((1.0,), (1.5,)), ((1.0, 1.0), (1.0, -2.0))], ids=["1d", "round-2d"]
)
def test_on_a_bowl_of_curvature_l_both_suggestions_lie_between_a_tenth_and_two_over_l(
    curvature, scales, start
):
    bowl = get_landscape("quadratic", scales=tuple(curvature * s for s in scales))
    test = lr_range_test(bowl, start)
    for rate in (test.steepest_rate, test.min_over_ten, test.suggested_rate):
        assert 0.1 / curvature <= rate <= 2.0 / curvature
    assert test.steepest_rate == pytest.approx(1.0 / curvature, rel=0.3)  # 1/L lands at once
    assert test.diverged == (10.0 * curvature > 3.0)  # it stops once the loss shoots up


@pytest.mark.parametrize("curvature", (1.0, 20.0, 300.0))
@pytest.mark.parametrize("ratio", (7.0, 50.0))
def test_where_directions_bend_differently_the_suggestion_respects_the_sharpest(curvature, ratio):
    """A gentle direction's plunge can look steepest at a rate already unstable for the
    sharp one; the suggested rate is the careful one, stable for every direction."""
    for scales, start in (
        ((curvature / ratio, curvature), (1.0, 1.2)),
        ((curvature, curvature / ratio), (0.1, 3.0)),
    ):
        bowl = get_landscape("quadratic", scales=scales)
        test = lr_range_test(bowl, start)
        assert 0.1 / curvature <= test.suggested_rate < 2.0 / curvature
        path = descend(bowl, start, make_optimizer("sgd", test.suggested_rate), 3000)
        assert not path.diverged and path.final_loss < 1e-6 * bowl.value(start)


@pytest.mark.parametrize("batch_size", [None, 64, 16])
def test_on_the_scaled_penguin_line_the_suggested_rate_then_trains_within_budget(batch_size):
    land = get_landscape("penguin_mass", batch_size=batch_size)
    start = np.zeros(2)
    test = lr_range_test(land, start, seed=1)
    rate = test.suggested_rate
    assert 0 < rate < 2.0 / land.max_curvature(start)  # a stable rate
    budget = 150  # steps: about seven epochs of batches of sixteen
    path = descend(land, start, make_optimizer("sgd", rate), budget, seed=2)
    gap = path.final_loss - land.global_min_value
    start_gap = land.value(start) - land.global_min_value
    assert gap < 0.01 * land.global_min_value < 1e-3 * start_gap  # the best line, nearly


def test_the_record_holds_rates_raw_and_smoothed_losses_and_the_path():
    land = get_landscape("penguin_mass", batch_size=16)
    test = lr_range_test(land, [0.0, 0.0], lr_min=1e-5, lr_max=5.0, steps=200, seed=3)
    k = len(test.rates)
    assert test.losses.shape == test.smoothed.shape == test.full_losses.shape == (k,)
    assert test.positions.shape == (k + 1, 2)
    ratio = test.rates[1:] / test.rates[:-1]
    np.testing.assert_allclose(ratio, (5.0 / 1e-5) ** (1 / 199))  # exponential growth
    assert test.rates[0] == pytest.approx(1e-5)
    np.testing.assert_allclose(test.smoothed, smooth_log_losses(test.losses, 0.9))
    np.testing.assert_allclose(test.full_losses, land.value(test.positions[1:]))
    assert not np.allclose(test.losses, test.full_losses)  # mini-batch losses wobble
    assert test.start_loss == pytest.approx(land.value([0.0, 0.0]))
    # the smoothed curve wobbles less than the raw batch losses
    assert np.std(np.diff(np.log(test.smoothed))) < np.std(np.diff(np.log(test.losses)))
    assert test.minimum_rate == pytest.approx(test.rates[np.argmin(test.smoothed)], rel=0.5)


def test_a_range_test_repeats_with_its_seed():
    land = get_landscape("penguin_species", batch_size=8)
    a = lr_range_test(land, [0.0, 0.0], seed=4)
    b = lr_range_test(land, [0.0, 0.0], seed=4)
    np.testing.assert_array_equal(a.losses, b.losses)
    assert a.suggested_rate == b.suggested_rate
    assert not np.array_equal(a.losses, lr_range_test(land, [0.0, 0.0], seed=5).losses)


def test_smoothing_is_a_bias_corrected_running_average_of_the_log():
    losses = np.array([8.0, 2.0, 4.0])
    np.testing.assert_allclose(smooth_log_losses(losses, 0.0), losses)
    # after bias correction the logs weigh 1; then 1/3, 2/3; then 1/7, 2/7, 4/7
    np.testing.assert_allclose(
        smooth_log_losses(losses, 0.5)[:2], [8.0, 8 ** (1 / 3) * 2 ** (2 / 3)]
    )
    assert smooth_log_losses(losses, 0.5)[2] == pytest.approx(
        8 ** (1 / 7) * 2 ** (2 / 7) * 4 ** (4 / 7)
    )


def test_other_optimisers_and_flat_ground_give_an_honest_answer():
    bowl = get_landscape("quadratic", scales=(4.0,))
    adam = lr_range_test(bowl, [1.5], optimizer="adam", betas=(0.9, 0.999))
    assert adam.suggested_rate is not None and adam.rates[-1] > adam.suggested_rate
    at_the_bottom = lr_range_test(bowl, [0.0])  # the loss never falls: no steepest point
    assert at_the_bottom.steepest_rate is None and not at_the_bottom.fell
    assert at_the_bottom.suggested_rate is None and at_the_bottom.min_over_ten is None


def test_progress_and_cancel_work_like_the_sweep():
    land = get_landscape("penguin_mass", batch_size=32)
    seen = []
    lr_range_test(land, [0.0, 0.0], lr_max=0.5, progress=seen.append)
    assert seen[-1] == 1.0 and all(0 < f <= 1 for f in seen) and len(seen) > 50
    assert seen == sorted(seen)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) >= 3

    with pytest.raises(SweepCancelled, match="range test cancelled"):
        lr_range_test(land, [0.0, 0.0], cancel=cancel)


@pytest.mark.parametrize(
    "bad",
    [
        {"lr_min": 0.0},
        {"lr_min": 1.0, "lr_max": 0.5},
        {"lr_max": float("inf")},
        {"steps": 5},
        {"steps": 100.5},
        {"smoothing": 1.0},
        {"diverge_factor": 1.0},
    ],
)
def test_bad_settings_are_refused(bad):
    with pytest.raises(ValueError):
        lr_range_test(get_landscape("quadratic"), [1.0], **bad)
    with pytest.raises(ValueError, match="one hiker"):
        lr_range_test(get_landscape("quadratic", scales=(1.0, 2.0)), np.zeros((3, 2)))


def test_a_first_step_that_blows_up_gives_no_suggestion():
    steep = get_landscape("quadratic", scales=(1e200,))
    test = lr_range_test(steep, [1.0], lr_min=1.0, lr_max=10.0, steps=30)
    assert test.diverged and len(test.rates) == 0 and len(test.positions) == 1
    assert test.suggested_rate is None and test.minimum_rate is None


# -- landscapes whose loss goes below zero: the test reads "loss - floor" ------------------
def test_a_floor_below_a_bowl_shifted_down_gives_the_same_test_as_the_bowl():
    """A constant shift changes no slope: the same walk, the same suggestions (while the
    height above the floor stays well above the rounding of the floor: 100 steps)."""
    bowl, start = "x**2 + 4*y**2", [1.5, 1.0]
    plain = lr_range_test(make_formula_landscape(bowl), start, steps=100)
    shifted = lr_range_test(make_formula_landscape(bowl + " - 5"), start, floor=-5.0, steps=100)
    n = min(len(plain.rates), len(shifted.rates))  # the stop may differ by a rounding
    assert abs(len(plain.rates) - len(shifted.rates)) <= 1
    np.testing.assert_allclose(shifted.losses[:n], plain.losses[:n] - 5.0, atol=1e-9)
    heights = shifted.smoothed[:n] - shifted.floor
    np.testing.assert_allclose(heights, plain.smoothed[:n], rtol=1e-6, atol=1e-9)
    assert shifted.suggested_rate == pytest.approx(plain.suggested_rate)
    assert shifted.steepest_rate == pytest.approx(plain.steepest_rate)


def test_range_floor_is_zero_unless_the_loss_goes_below_zero():
    assert range_floor(get_landscape("quadratic")) == 0.0
    assert range_floor(get_landscape("penguin_mass")) == 0.0  # the best fit's loss is > 0
    well = make_formula_landscape("x**4 - 3*x**2")
    assert well.global_min_value == pytest.approx(-2.25)
    assert -2.25 - 1e-5 < range_floor(well) < well.global_min_value


def test_on_a_double_well_below_zero_the_floor_finds_a_rate_the_bare_loss_cannot():
    well = make_formula_landscape("x**4 - 3*x**2")
    curvature = float(well.hessian(well.global_minima[0])[0, 0])  # 12 at the bottom
    bare = lr_range_test(well, [0.5])  # log of negative losses: nothing to read
    assert bare.suggested_rate is None and not bare.fell
    test = lr_range_test(well, [0.5], floor=range_floor(well))
    assert test.fell and not test.below_floor
    assert 0.1 / curvature <= test.steepest_rate <= 2.0 / curvature
    assert test.suggested_rate <= test.steepest_rate
    np.testing.assert_allclose(test.smoothed, smooth_log_losses(test.losses, 0.9, floor=test.floor))


def test_a_floor_above_the_true_bottom_is_reported():
    well = make_formula_landscape("x**4 - 3*x**2")
    assert lr_range_test(well, [0.5], floor=-1.0).below_floor
    with pytest.raises(ValueError, match="floor"):
        lr_range_test(well, [0.5], floor=float("nan"))


def test_standing_on_the_bottom_below_zero_nothing_falls_and_nothing_is_suggested():
    sunk = make_formula_landscape("x**2 - 5")
    test = lr_range_test(sunk, [0.0], floor=range_floor(sunk))
    assert not test.fell and test.suggested_rate is None
