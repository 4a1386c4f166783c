"""The penguin model landscapes: exact maths against the data, stated minima, views."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdgame.engine import get_landscape, list_landscapes
from gdgame.engine.data import load_penguins
from gdgame.engine.logistic_model import clip_line

LINEAR = ("penguin_mass", "penguin_mass_unscaled")
LOGISTIC = ("penguin_species", "penguin_species_unscaled")
MODELS = LINEAR + LOGISTIC
BUILT = {name: get_landscape(name) for name in MODELS}
fractions = st.tuples(st.floats(0.0, 1.0), st.floats(0.0, 1.0))


def _inside(land, frac) -> np.ndarray:
    return np.array([lo + f * (hi - lo) for f, (lo, hi) in zip(frac, land.bounds, strict=True)])


def _rows(name):
    """The model's inputs and targets rebuilt here from the raw table, independently."""
    data = load_penguins()
    if name in LINEAR:
        x = data.flipper_length_mm
        x = (x - x.mean()) / x.std() if name == "penguin_mass" else x / 10.0
        return np.column_stack([x, np.ones_like(x)]), data.body_mass_g / 1000.0
    keep = np.isin(data.species, ["Adelie", "Chinstrap"])
    bills = np.column_stack([data.bill_length_mm, data.bill_depth_mm])[keep]
    if name == "penguin_species":
        bills = (bills - bills.mean(axis=0)) / bills.std(axis=0)
    return bills, (data.species[keep] == "Chinstrap").astype(float)


def _direct_value(name, w):
    """The loss written straight from its definition, one row at a time in NumPy."""
    inputs, target = _rows(name)
    score = inputs @ w
    if name in LINEAR:
        return float(np.mean((score - target) ** 2))
    # -[y log p + (1 - y) log(1 - p)] with p = 1 / (1 + exp(-score)), written without overflow
    return float(np.mean(np.logaddexp(0.0, score) - target * score))


def _central(f, x, h):
    out = []
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = h[j]
        out.append((f(x + e) - f(x - e)) / (2 * h[j]))
    return np.array(out)


@pytest.mark.parametrize("name", MODELS)
@settings(max_examples=25, deadline=None)
@given(frac=fractions)
def test_value_matches_the_definition_over_the_rows(name, frac):
    land = BUILT[name]
    w = _inside(land, frac)
    assert land.value(w) == pytest.approx(_direct_value(name, w), rel=1e-10, abs=1e-12)


@pytest.mark.parametrize("name", MODELS)
@settings(max_examples=25, deadline=None)
@given(frac=fractions)
def test_gradient_and_hessian_match_central_differences(name, frac):
    land = BUILT[name]
    w = _inside(land, frac)
    h = 1e-5 * np.array([hi - lo for lo, hi in land.bounds])
    g, H = land.gradient(w), land.hessian(w)
    # a difference quotient carries rounding noise of about eps * |f| / h on top of its error
    noise = 64 * np.finfo(float).eps / h.min()
    numeric_g = _central(land.value, w, h)
    tol_g = 1e-6 * max(1.0, float(np.abs(g).max())) + noise * abs(land.value(w))
    np.testing.assert_allclose(g, numeric_g, rtol=1e-6, atol=tol_g)
    numeric_h = _central(land.gradient, w, h).T
    np.testing.assert_allclose(H, H.T, rtol=0, atol=1e-14 * np.abs(H).max())
    tol_h = 1e-6 * np.abs(H).max() + noise * np.abs(g).max()
    np.testing.assert_allclose(H, numeric_h, rtol=1e-5, atol=tol_h)


@pytest.mark.parametrize("name", MODELS)
def test_many_points_at_once_agree_with_one_at_a_time(name):
    land = BUILT[name]
    W = np.array([_inside(land, f) for f in np.random.default_rng(3).uniform(size=(7, 2))])
    np.testing.assert_allclose(land.value(W), [land.value(w) for w in W], rtol=1e-13)
    np.testing.assert_allclose(land.gradient(W), [land.gradient(w) for w in W], rtol=1e-12)
    np.testing.assert_allclose(land.hessian(W), [land.hessian(w) for w in W], rtol=1e-12)
    assert land.hessian(W).shape == (7, 2, 2)


@pytest.mark.parametrize("name", LINEAR)
def test_the_stated_best_line_is_the_least_squares_solution(name):
    land = BUILT[name]
    inputs, target = _rows(name)
    solution, residual, *_ = np.linalg.lstsq(inputs, target, rcond=None)
    np.testing.assert_allclose(land.global_minima[0], solution, rtol=1e-12)
    assert land.global_min_value == pytest.approx(residual[0] / len(target), rel=1e-12)
    assert land.global_min_value == pytest.approx(_direct_value(name, solution), rel=1e-12)


@pytest.mark.parametrize("name", LOGISTIC)
def test_the_stated_logistic_minimum_has_no_slope_and_is_lowest(name):
    land = BUILT[name]
    best = land.global_minima[0]
    assert np.linalg.norm(land.gradient(best)) < 1e-8
    assert np.all(np.linalg.eigvalsh(land.hessian(best)) > 0)  # a true minimum
    around = best + 0.05 * np.random.default_rng(1).standard_normal((50, 2))
    assert np.all(land.value(around) > land.global_min_value)
    assert land.global_min_value == pytest.approx(_direct_value(name, best), rel=1e-12)


def test_the_scaled_line_is_a_round_bowl_and_the_unscaled_one_a_ravine():
    round_bowl, ravine = BUILT["penguin_mass"], BUILT["penguin_mass_unscaled"]
    np.testing.assert_allclose(np.linalg.eigvalsh(round_bowl.hessian([0.0, 0.0])), [2, 2])
    bends = np.linalg.eigvalsh(ravine.hessian([0.0, 0.0]))
    assert 8e4 < bends[1] / bends[0] < 9e4
    # the same best line and the same lowest error, written in different units
    np.testing.assert_allclose(round_bowl.best_line(), ravine.best_line(), rtol=1e-12)
    assert round_bowl.global_min_value == pytest.approx(ravine.global_min_value, rel=1e-12)


def test_separable_species_have_no_lowest_point():
    with pytest.raises(ValueError, match="separable"):
        get_landscape("penguin_species", species=("Adelie", "Gentoo"))
    other = get_landscape("penguin_species", species=("Chinstrap", "Gentoo"))
    assert np.linalg.norm(other.gradient(other.global_minima[0])) < 1e-8
    assert other.params["species"] == ("Chinstrap", "Gentoo")
    with pytest.raises(ValueError, match="two different"):
        get_landscape("penguin_species", species=("Adelie", "Adelie"))


@pytest.mark.parametrize("name", MODELS)
def test_registered_like_the_others_with_sensible_bounds(name):
    land = get_landscape(name)
    assert name in list_landscapes() and land.name == name and land.dim == 2
    assert land.contains(land.global_minima[0]) and land.contains(np.zeros(2))
    assert not land.stochastic and land.params == {"batch_size": None}
    for clone in (pickle.loads(pickle.dumps(land)), copy.deepcopy(land)):
        assert clone.value([0.3, -0.2]) == land.value([0.3, -0.2])


@pytest.mark.parametrize("bad", [0, -1, 334, 2.5, True, "8"])
def test_batch_sizes_outside_one_to_all_rows_are_refused(bad):
    with pytest.raises((ValueError, TypeError)):
        get_landscape("penguin_mass", batch_size=bad)


def test_the_line_view_draws_the_model_in_natural_units():
    land = BUILT["penguin_mass"]
    view = land.data_view()
    assert view.kind == "regression" and len(view.x) == 333 and view.labels is None
    assert view.x_label == "flipper length (mm)" and view.y_label == "body mass (kg)"
    best = land.global_minima[0]
    line = land.model_lines(best)
    assert line.shape == (2, 2)
    (x0, y0), (x1, y1) = line
    slope = (y1 - y0) / (x1 - x0)
    raw = np.polyfit(view.x, view.y, 1)  # kg per mm, fitted here from the raw data
    assert slope == pytest.approx(raw[0], rel=1e-10)
    assert y0 == pytest.approx(np.polyval(raw, x0), rel=1e-10)
    many = land.model_lines(np.array([best, [0.0, 0.0]]))
    assert many.shape == (2, 2, 2) and np.all(many[1, :, 1] == 0.0)
    np.testing.assert_allclose(land.predict(best, [200.0]), np.polyval(raw, [200.0]))


def test_the_species_view_draws_the_decision_boundary():
    land = BUILT["penguin_species"]
    view = land.data_view()
    assert view.kind == "classification" and view.class_names == ("Adelie", "Chinstrap")
    best = land.global_minima[0]
    (xa, ya), (xb, yb) = land.model_lines(best)
    (bx0, bx1), (by0, by1) = view.box
    for x, y in ((xa, ya), (xb, yb)):
        assert bx0 - 1e-9 <= x <= bx1 + 1e-9 and by0 - 1e-9 <= y <= by1 + 1e-9
        assert land.predict(best, [[x, y]])[0] == pytest.approx(0.5, abs=1e-9)  # p = 1/2
    assert land.accuracy(best) > 0.9 > land.accuracy(np.zeros(2))
    predicted = land.predict(best, np.column_stack([view.x, view.y])) > 0.5
    assert np.mean(predicted == view.labels) == pytest.approx(land.accuracy(best))
    assert np.all(np.isnan(land.model_lines(np.zeros(2))))  # no weights: no boundary


def test_clip_line_keeps_the_part_inside_the_box():
    box = ((0.0, 4.0), (0.0, 2.0))
    lines = clip_line(np.array([1.0, 0.0, 1.0]), np.array([-1.0, 1.0, 1.0]), [0.0, -1.0, 10.0], box)
    np.testing.assert_allclose(lines[0], [[0, 0], [2, 2]])  # y = x leaves through the top
    assert sorted(lines[1, :, 0]) == [0.0, 4.0] and np.all(lines[1, :, 1] == 1.0)  # y = 1
    assert np.all(np.isnan(lines[2]))  # x + y = -10 misses the box
