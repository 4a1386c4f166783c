"""The range test's typed range, its words and the rate a hiker takes (Qt-free)."""

from __future__ import annotations

import pytest

from gdgame.engine import get_landscape, lr_range_test
from gdgame.engine.formula import make_formula_landscape
from gdgame.engine.range_test import range_floor
from gdgame.ui.lab.input_limits import LEARNING_RATE, RANGE_STEPS
from gdgame.ui.lab.range_setup import RangeSettings, hiker_rate, read_range, summary, sweep_words


def test_a_good_range_is_read_with_commas_and_exponents():
    assert read_range(" 1e-6", "0,5", 300) == RangeSettings(1e-6, 0.5, 300)


@pytest.mark.parametrize(
    ("low", "high", "steps", "words"),
    [
        ("abc", "10", 300, "lowest rate must be a number such as 1e-6"),
        ("", "10", 300, "you typed nothing"),
        ("1e-6", "nan", 300, "highest rate must be from"),
        ("0", "10", 300, "lowest rate must be from 1e-08 to 100"),
        ("1e-6", "1000", 300, "highest rate must be from 1e-08 to 100"),
        ("0.1", "0.01", 300, "must be below the highest"),
        ("0.1", "0.1", 300, "must be below the highest"),
        ("1e-6", "10", 5, f"from {RANGE_STEPS.low} to {RANGE_STEPS.high}"),
    ],
)
def test_a_bad_range_is_refused_with_a_message(low, high, steps, words):
    with pytest.raises(ValueError, match=words):
        read_range(low, high, steps)


def test_the_steps_limit_comes_from_the_engine():
    assert RANGE_STEPS.low == 20  # lr_range_test refuses fewer
    with pytest.raises(ValueError):
        lr_range_test(get_landscape("quadratic"), [1.0], steps=RANGE_STEPS.low - 1)
    lr_range_test(get_landscape("quadratic"), [1.0], steps=RANGE_STEPS.low)


def test_the_hiker_takes_three_figures_inside_its_rate_box():
    assert hiker_rate(0.0123456) == (0.0123, "")
    taken, note = hiker_rate(3e-9)
    assert taken == LEARNING_RATE.low and "outside the rates a hiker takes" in note


def test_the_words_carry_the_engines_numbers():
    bowl = get_landscape("quadratic", scales=(4.0,))
    test = lr_range_test(bowl, [1.5])
    words = summary(test, RangeSettings(1e-6, 10.0, 300))
    assert f"Suggested learning rate {test.suggested_rate:.3g}" in words
    assert f"the steepest fall ({test.steepest_rate:.3g})" in words
    assert f"the lowest point / 10 ({test.min_over_ten:.3g})" in words
    assert "starting point to check" in words and "not a guarantee" in words
    assert "floor" not in words


def test_no_fall_says_so_and_what_to_try():
    bowl = get_landscape("quadratic", scales=(4.0,))
    flat = lr_range_test(bowl, [0.0])
    words = summary(flat, RangeSettings(1e-6, 10.0, 300))
    assert "did not fall" in words and "no rate to suggest" in words
    assert "Suggested" not in words and "start the hiker on a slope" in words
    blown = lr_range_test(get_landscape("quadratic", scales=(1e200,)), [1.0], 1.0, 10.0, 30)
    assert "already blew up" in summary(blown, RangeSettings(1.0, 10.0, 30))


def test_below_zero_the_words_name_the_floor():
    well = make_formula_landscape("x**4 - 3*x**2")
    test = lr_range_test(well, [0.5], floor=range_floor(well))
    words = summary(test, RangeSettings(1e-6, 10.0, 300))
    assert "loss − floor" in words and f"{test.floor:.6g}" in words
    assert f"{test.suggested_rate:.3g}" in words


def test_sweep_words():
    assert "No sweep" in sweep_words(None, None)
    assert sweep_words(0.0123456, 50) == (
        "Sweep's best rate here: 0.0123 (lowest final loss after 50 steps)."
    )
