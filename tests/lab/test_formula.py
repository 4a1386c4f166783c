"""Custom formulas: safe parsing, symbolic slope vs finite differences, clear errors."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdgame.engine.formula import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_NODES,
    FormulaError,
    make_formula_landscape,
    parse_expression,
)
from gdgame.engine.landscape import Landscape

GOOD = [
    "x**4 - 3*x**2 + y**2",
    "x^2 + 3*y^2",
    "sin(x)*cos(y) + 0.1*(x**2 + y**2)",
    "exp(-x**2) * -1 + 0.05*x**2",
    "(1 - x)**2 + 5*(y - x**2)**2",
    "tanh(x) + sigmoid(y) + softplus(x - y) + atan(x*y)",
    "sqrt(x**2 + y**2 + 1) + log(1 + x**2) + abs(y)",
    "cosh(x/3) + sinh(y/5) + tan(x/3) + 2**x",
    "x**-2 * 0 + x**2 + pi*e*y**2",
]

BAD = {
    "__import__('os')": "not an allowed function",
    "__import__('os').system('ls')": "attribute",
    "1/0": "division by zero",
    "x + 1/0": "division by zero",
    "z + 1": "unknown name 'z'",
    "foo": "unknown name 'foo'",
    "x.real": "attribute",
    "(lambda: 1)()": "function",
    "lambda x: x": "lambda",
    "9**9**9": "exponent",
    "x**1000": "exponent",
    "2**(1000*x)": "not a finite number",
    "log(x)": "not a finite number",
    "1/x": "division by zero: the denominator x is 0 near x=0",
    "2x": "could not read",
    "x +": "could not read",
    "'hello'": "text",
    "[x, y]": "lists",
    "x, y": "tuples",
    "x if y else 1": "if/else",
    "x < y": "comparisons",
    "open('f')": "not an allowed function",
    "sin(x, y)": "exactly one argument",
    "sin": "is a function",
    "1j * x": "real numbers",
    "True * x": "real numbers",
    "x[0]": "indexing",
    "": "type a formula",
    "x" + " + x" * 200: "too long",
    "1e400 * x": "too large",
    "(10.0**99)**99": "too large",
}


def test_formula_is_an_engine_landscape_with_value_gradient_hessian():
    land = make_formula_landscape("x**4 - 3*x**2 + y**2")
    assert isinstance(land, Landscape)
    assert land.dim == 2 and land.name == "custom"
    assert land.value([1.0, 2.0]) == pytest.approx(2.0)
    np.testing.assert_allclose(land.gradient([1.0, 2.0]), [-2.0, 4.0])
    np.testing.assert_allclose(land.hessian([1.0, 2.0]), [[6.0, 0.0], [0.0, 2.0]])
    batch = land.value(np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert batch.shape == (2,)
    assert land.gradient(np.zeros((5, 2))).shape == (5, 2)
    np.testing.assert_allclose(np.sort(np.abs(land.minima[:, 0])), [np.sqrt(1.5)] * 2, atol=1e-9)
    assert land.n_global == 2
    assert land.global_min_value == pytest.approx(-2.25)


def test_one_dimensional_when_only_x_is_used():
    land = make_formula_landscape("(x - 1)^2")
    assert land.dim == 1
    assert land.value(3.0) == pytest.approx(4.0)
    np.testing.assert_allclose(land.minima, [[1.0]], atol=1e-9)
    assert land.gradient_text() == ["d/dx = 2 * (x - 1)"]


def test_constant_folding_keeps_derived_formula_short():
    land = make_formula_landscape("x**4 - 3*x**2 + y**2")
    assert land.gradient_text() == ["d/dx = 4 * x**3 - 6 * x", "d/dy = 2 * y"]


@pytest.mark.parametrize("text", GOOD)
def test_good_formulas_match_finite_differences(text):
    land = make_formula_landscape(text)
    rng = np.random.default_rng(1)
    lo, hi = np.array(land.bounds).T
    points = rng.uniform(lo * 0.9, hi * 0.9, size=(50, land.dim))
    h = 1e-6
    for i in range(land.dim):
        step = np.zeros(land.dim)
        step[i] = h
        numeric = (land.value(points + step) - land.value(points - step)) / (2 * h)
        np.testing.assert_allclose(land.gradient(points)[:, i], numeric, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(("text", "message"), list(BAD.items()))
def test_bad_formulas_raise_clear_errors(text, message):
    with pytest.raises(FormulaError) as caught:
        make_formula_landscape(text)
    assert message in str(caught.value).lower()


def test_hostile_input_never_runs_code(tmp_path):
    marker = tmp_path / "touched"
    with pytest.raises(FormulaError):
        make_formula_landscape(f"open({str(marker)!r}, 'w')")
    assert not marker.exists()


@pytest.mark.parametrize(
    "text",
    ["-" * (MAX_DEPTH + 10) + "x", "sin(" * (MAX_DEPTH + 5) + "x" + ")" * (MAX_DEPTH + 5)],
    ids=["minus signs", "functions"],
)
def test_deep_nesting_is_refused_by_the_nesting_guard(text):
    assert len(text) <= MAX_LENGTH  # not refused for its length ...
    assert text.count("(") + text.count("-") + 1 < MAX_NODES  # ... nor for its size
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse_expression(text)
    parse_expression("-" * (MAX_DEPTH - 5) + "x")  # nesting below the limit is fine


# --- poles and singular points (they can hide between grid samples) ----------------------------

POLES = {
    "tan(x)": ("tan(x) has a pole where cos(x) = 0", [np.pi / 2]),
    "1/(x-0.001)": ("the denominator x - 0.001 is 0", [0.001]),
    "1/(x**2-2)": ("the denominator x**2 - 2 is 0", [np.sqrt(2)]),
    "log(abs(x-0.001))": ("log(abs(x - 0.001)) is not a finite number", [0.001]),
    "1/((x-0.011)**2 + (y-0.013)**2)": ("is 0", [0.011, 0.013]),
    "sqrt(x**2 + y**2)": ("sqrt(x**2 + y**2) is undefined, or infinitely steep", [0, 0]),
    "exp(1/(x - 0.4)) + y**2": ("the denominator x - 0.4 is 0", [0.4, None]),
    "(x - 0.3)**-2 + y**2": ("pole where x - 0.3 = 0", [0.3, None]),
    "x**2 + 1/tan(y)": ("tan(y) has a pole", [None, np.pi / 2]),
}


@pytest.mark.parametrize(("text", "expected"), list(POLES.items()), ids=list(POLES))
def test_poles_are_refused_with_a_message_naming_them(text, expected):
    problem, where = expected
    with pytest.raises(FormulaError) as caught:
        make_formula_landscape(text)
    message = str(caught.value)
    assert problem in message
    near = _place(message)
    for name, value in zip("xy", where, strict=False):
        if value is not None:
            assert abs(abs(float(near[name])) - value) < 1e-3, message


def _place(message: str) -> dict[str, float]:
    """The point named after " near " in a message, e.g. {"x": 0.001}."""
    where = message.rsplit(" near ", 1)[1]
    number = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
    return {name: float(value) for name, value in re.findall(rf"([xy])=({number})", where)}


STEEP_BOWLS = ["1e9*x**2 + y**2", "x**40 + y**2", "x**2 + 1e6*y**4", "1/(x**2 + 1e-6)"]


@pytest.mark.parametrize("text", STEEP_BOWLS)
def test_steep_valid_landscapes_are_accepted_with_their_exact_slope(text):
    land = make_formula_landscape(text)
    rng = np.random.default_rng(3)
    lo, hi = np.array(land.bounds).T
    points = rng.uniform(lo, hi, size=(20, land.dim))
    exact = np.stack([_exact_gradient(text, p) for p in points])
    np.testing.assert_allclose(land.gradient(points), exact, rtol=1e-12)


def _exact_gradient(text: str, p: np.ndarray) -> list[float]:
    x, y = (list(p) + [0.0])[:2]
    return {
        "1e9*x**2 + y**2": [2e9 * x, 2 * y],
        "x**40 + y**2": [40 * x**39, 2 * y],
        "x**2 + 1e6*y**4": [2 * x, 4e6 * y**3],
        "1/(x**2 + 1e-6)": [-2 * x / (x**2 + 1e-6) ** 2],
    }[text]


def test_steep_bowl_minimum_is_at_the_bottom():
    land = make_formula_landscape("1e9*x**2 + y**2")
    np.testing.assert_allclose(land.minima[0], [0.0, 0.0], atol=1e-9)
    assert land.global_min_value == pytest.approx(0.0, abs=1e-12)


def test_custom_bounds_are_used():
    land = make_formula_landscape("x**2 + y**2", bounds=((-1, 1), (-2, 2)))
    assert land.bounds == ((-1.0, 1.0), (-2.0, 2.0))


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(-3, 3),
    b=st.floats(-3, 3),
    c=st.floats(0.1, 3),
    x=st.floats(-2.5, 2.5),
    y=st.floats(-2.5, 2.5),
)
def test_polynomial_gradient_property(a, b, c, x, y):
    land = make_formula_landscape(f"{a!r}*x**3 + {b!r}*x*y + {c!r}*y**2")
    expected = [3 * a * x**2 + b * y, b * x + 2 * c * y]
    np.testing.assert_allclose(land.gradient([x, y]), expected, rtol=1e-9, atol=1e-9)


def test_edge_of_the_box_is_not_a_valley():
    land = make_formula_landscape("sin(x)*cos(y) + 0.1*(x**2 + y**2)")
    assert len(land.minima) == 3
    lo, hi = np.array(land.bounds).T
    assert np.all((land.minima > lo) & (land.minima < hi))
    np.testing.assert_allclose(land.gradient(land.minima), 0.0, atol=1e-9)
    slope = make_formula_landscape("x + y")  # no valley inside: the lowest shown point
    np.testing.assert_allclose(slope.minima, [[-3.0, -3.0]])


MATHS_ALPHABET = "xy0123456789.+-*/^()e, _'[]sincoexplgqrtabh"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(alphabet=MATHS_ALPHABET, max_size=40)))
def test_any_typed_text_gives_a_landscape_or_a_clear_error(text):
    try:
        land = make_formula_landscape(text)
    except FormulaError as error:
        assert len(str(error)) > 10  # a sentence, not a bare exception name
    else:
        assert np.isfinite(land.value(land.minima)).all()


@settings(max_examples=40, deadline=None)
@given(a=st.floats(-2.9, 2.9), b=st.floats(-2.9, 2.9), c=st.floats(0.01, 5))
def test_a_pole_anywhere_in_the_box_is_found_and_a_lifted_one_is_not(a, b, c):
    with pytest.raises(FormulaError) as caught:
        make_formula_landscape(f"1/(x - {a!r}) + y**2")
    assert abs(_place(str(caught.value))["x"] - a) < 1e-3
    with pytest.raises(FormulaError) as caught:
        make_formula_landscape(f"log((x - {a!r})**2 + (y - {b!r})**2)")
    place = _place(str(caught.value))
    assert abs(place["x"] - a) < 1e-3 and abs(place["y"] - b) < 1e-3
    land = make_formula_landscape(f"-1/((x - {a!r})**2 + {c!r}) + y**2")
    np.testing.assert_allclose(land.minima[0], [a, 0.0], atol=1e-6)
