"""The worked example's maths: one update, the arithmetic text, input checks, bowl steps."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdgame.lesson.worked_example import (
    MINUS,
    StepInputs,
    bowl_steps,
    fmt,
    gradient_step,
    validate,
)


def test_defaults_give_the_lesson_numbers():
    step = gradient_step(StepInputs())
    assert step.change == pytest.approx(0.02)
    assert step.w_new == pytest.approx(0.48)
    assert step.arithmetic() == [
        f"w_new = w {MINUS} rate × gradient",
        f"      = 0.5 {MINUS} 0.01 × 2",
        f"      = 0.5 {MINUS} 0.02",
        "      = 0.48",
    ]
    assert "down by 0.02" in step.explanation()


def test_negative_gradient_moves_the_weight_up():
    step = gradient_step(StepInputs(w=0.5, gradient=-2.0, rate=0.01))
    assert step.w_new == pytest.approx(0.52)
    assert step.arithmetic()[1].endswith(f"× ({MINUS}2)")
    assert step.arithmetic()[2] == "      = 0.5 + 0.02"
    assert "up by 0.02" in step.explanation()


def test_zero_gradient_stays_put():
    step = gradient_step(StepInputs(w=1.0, gradient=0.0, rate=0.1))
    assert step.w_new == 1.0
    assert "flat" in step.explanation()
    assert "flat" in bowl_steps(StepInputs(w=1.0, gradient=0.0, rate=0.1)).verdict


def test_fmt_hides_float_noise_and_uses_a_real_minus():
    assert fmt(0.1 + 0.2) == "0.3"
    assert fmt(-1.5) == f"{MINUS}1.5"
    assert fmt(-0.0) == "0"


def test_good_text_is_accepted_with_spaces_and_decimal_comma():
    result = validate(" 0,5 ", "2", "1e-2")
    assert result.ok and not result.errors
    assert result.inputs == StepInputs(0.5, 2.0, 0.01)
    assert validate(f"{MINUS}0.5", "-2", "0.1").inputs.w == -0.5


@pytest.mark.parametrize(
    ("w", "gradient", "rate", "field", "words"),
    [
        ("abc", "2", "0.01", "w", "not a number"),
        ("", "2", "0.01", "w", "empty"),
        ("0.5", "nan", "0.01", "gradient", "NaN"),
        ("0.5", "2", "NaN", "rate", "NaN"),
        ("0.5", "inf", "0.01", "gradient", "infinity"),
        ("0.5", "2", "-infinity", "rate", "infinity"),
        ("1e400", "2", "0.01", "w", "too large"),
        ("0.5", "2", "-0.1", "rate", "greater than zero"),
        ("0.5", "2", "0", "rate", "greater than zero"),
        ("0.5", "2", "1000", "rate", "too large"),
    ],
)
def test_bad_input_is_reported_per_field(w, gradient, rate, field, words):
    result = validate(w, gradient, rate)
    assert not result.ok and result.inputs is None
    assert set(result.errors) == {field}
    assert words in result.errors[field]


def test_every_bad_field_is_reported_at_once():
    result = validate("x", "nan", "-1")
    assert set(result.errors) == {"w", "gradient", "rate"}


def test_bowl_starts_at_w_with_the_given_slope():
    inputs = StepInputs(0.5, 2.0, 0.01)
    path = bowl_steps(inputs, steps=5)
    assert path.bottom == pytest.approx(-0.5)
    assert path.positions[0] == 0.5
    assert path.positions[1] == pytest.approx(gradient_step(inputs).w_new)
    assert len(path.positions) == len(path.losses) == 6
    assert list(path.losses) == sorted(path.losses, reverse=True)
    assert path.verdict.startswith("Crawl") and "2%" in path.verdict
    assert "1/L" in path.description() and "2/L" in path.description()


@pytest.mark.parametrize(
    ("rate", "words"),
    [
        (0.05, "Crawl"),
        (0.3, "Steady descent"),
        (0.5, "One-step landing"),
        (0.8, "Overshoot"),
        (1.0, "Bounces forever"),
        (1.5, "Divergence"),
    ],
)
def test_bowl_verdicts(rate, words):
    assert bowl_steps(StepInputs(0.5, 2.0, rate)).verdict.startswith(words)


def test_diverging_rate_grows_the_loss():
    losses = bowl_steps(StepInputs(0.5, 2.0, 1.5)).losses
    assert all(b > a for a, b in zip(losses, losses[1:], strict=False))


def test_curve_covers_every_position():
    path = bowl_steps(StepInputs(0.5, 2.0, 0.8))
    xs, ys = path.curve()
    assert min(xs) < min(path.positions) and max(xs) > max(path.positions)
    assert min(ys) >= 0


finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(w=finite, gradient=finite, rate=st.floats(1e-6, 100))
def test_accepted_inputs_always_give_finite_steps(w, gradient, rate):
    result = validate(repr(w), repr(gradient), repr(rate))
    assert result.ok
    step = gradient_step(result.inputs)
    assert math.isfinite(step.w_new)
    path = bowl_steps(result.inputs)
    assert all(math.isfinite(x) for x in path.positions + path.losses)
    assert len(step.arithmetic()) == 4
