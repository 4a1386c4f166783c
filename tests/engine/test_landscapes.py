"""Every landscape: analytic gradient/Hessian vs finite differences, shapes, minima, copies."""

import copy
import functools
import pickle

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gdgame.engine import (
    Landscape,
    descend,
    get_landscape,
    list_landscapes,
    make_optimizer,
    random_landscape,
)

EPS = np.finfo(float).eps

# (registry name, parameters): every built-in landscape, some with non-default parameters.
CASES = [
    ("quadratic", {"scales": (2.0,)}),
    ("quadratic", {"scales": (1.0, 10.0, 0.5)}),
    ("rosenbrock", {}),
    ("himmelblau", {}),
    ("beale", {}),
    ("rastrigin", {}),
    ("rastrigin", {"dim": 3}),
    ("ackley", {}),
    ("styblinski_tang", {}),
    ("styblinski_tang", {"dim": 3}),
    ("double_well", {}),
    ("double_well", {"tilt": -0.5}),
    ("plateau", {}),
    ("saddle", {}),
    ("ravine", {}),
    ("ravine", {"condition": 100.0, "angle": 30.0}),
    ("six_hump_camel", {}),
    ("random", {"seed": 1, "dim": 1, "difficulty": 0.2}),
    ("random", {"seed": 2, "dim": 2, "difficulty": 0.9}),
]
IDS = [f"{name}-{i}" for i, (name, _) in enumerate(CASES)]


@functools.cache
def _landscape(i: int) -> Landscape:
    name, params = CASES[i]
    return get_landscape(name, **params)


def _point(landscape, fractions):
    lo = np.array([b[0] for b in landscape.bounds])
    hi = np.array([b[1] for b in landscape.bounds])
    return lo + (hi - lo) * np.asarray(fractions[: landscape.dim])


def _fd_gradient(f, x, h):
    """Five-point central differences (error O(h^4)) of the scalar function f at x."""
    g = np.empty_like(x)
    for j in range(len(x)):
        e = np.zeros_like(x)
        e[j] = h[j]
        g[j] = (-f(x + 2 * e) + 8 * f(x + e) - 8 * f(x - e) + f(x - 2 * e)) / (12 * h[j])
    return g


def _assert_close_to_fd(analytic, numeric, magnitude):
    """Relative error 1e-6 (with an absolute floor of 1e-6 for near-zero slopes), plus the
    rounding noise of the finite difference itself, which grows with |f| / h."""
    err = np.max(np.abs(analytic - numeric))
    tol = 1e-6 * max(np.max(np.abs(analytic)), 1.0) + 64 * EPS * (1 + magnitude) / 1e-3
    assert err <= tol, (analytic, numeric, err, tol)


def _avoid_kinks(land, x):
    """Finite differences need smoothness: skip points near the two known kinks."""
    if land.name == "ackley":
        assume(np.linalg.norm(x) > 0.1)  # the funnel tip at 0
    if land.name == "plateau":
        assume(abs(x[0] - land.params["bottom"]) > 0.01)  # the wall starts (f'' jumps)


fractions = st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3)


@pytest.mark.parametrize("i", range(len(CASES)), ids=IDS)
@settings(max_examples=40, deadline=None)
@given(fractions=fractions)
def test_gradient_matches_finite_differences(i, fractions):
    land = _landscape(i)
    x = _point(land, fractions)
    _avoid_kinks(land, x)
    h = 1e-3 * np.maximum(1.0, np.abs(x))
    numeric = _fd_gradient(land.value, x, h)
    _assert_close_to_fd(land.gradient(x), numeric, abs(land.value(x)))


@pytest.mark.parametrize("i", range(len(CASES)), ids=IDS)
@settings(max_examples=25, deadline=None)
@given(fractions=fractions)
def test_hessian_matches_finite_differences_of_gradient(i, fractions):
    land = _landscape(i)
    x = _point(land, fractions)
    if land.name == "ackley":
        return  # uses the generic finite-difference Hessian itself
    _avoid_kinks(land, x)
    h = 1e-3 * np.maximum(1.0, np.abs(x))
    H = land.hessian(x)
    assert H.shape == (land.dim, land.dim)
    np.testing.assert_allclose(H, H.T, atol=1e-9 * max(1.0, np.abs(H).max()))
    for k in range(land.dim):
        numeric = _fd_gradient(lambda p, k=k: land.gradient(p)[k], x, h)
        _assert_close_to_fd(H[k], numeric, np.abs(land.gradient(x)).max())


@pytest.mark.parametrize("i", range(len(CASES)), ids=IDS)
def test_vectorised_shapes_and_values(i):
    land = _landscape(i)
    rng = np.random.default_rng(i)
    X = np.stack([_point(land, rng.uniform(size=3)) for _ in range(7)])
    assert land.value(X).shape == (7,)
    assert land.gradient(X).shape == (7, land.dim)
    assert land.hessian(X).shape == (7, land.dim, land.dim)
    assert land.value(X).dtype == np.float64
    for k in range(7):
        assert land.value(X[k]) == pytest.approx(land.value(X)[k], rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(land.gradient(X[k]), land.gradient(X)[k], rtol=1e-12)
    assert isinstance(land.value(X[0]), float)


@pytest.mark.parametrize("i", range(len(CASES)), ids=IDS)
def test_minima_are_valley_bottoms(i):
    land = _landscape(i)
    assert land.minima.ndim == 2 and land.minima.shape[1] == land.dim
    assert 1 <= land.n_global <= len(land.minima)
    values = land.value(land.minima)
    np.testing.assert_allclose(values[: land.n_global], land.global_min_value, atol=1e-9)
    assert np.all(values[land.n_global :] > land.global_min_value)
    scale = max(1.0, np.abs(land.gradient(_point(land, [0.9, 0.1, 0.7]))).max())
    assert np.abs(land.gradient(land.minima)).max() <= 1e-7 * scale
    if land.name != "ackley":  # Ackley's minimum is a kink, not a smooth bowl
        assert np.all(np.linalg.eigvalsh(land.hessian(land.minima))[:, 0] > 0)
    assert all(land.contains(m) for m in land.minima)
    assert land.is_global(land.global_minima[0])
    for m in land.local_minima:
        assert land.is_local(m) and not land.is_global(m)


@pytest.mark.parametrize("i", range(len(CASES)), ids=IDS)
def test_landscapes_pickle_and_deepcopy(i):
    land = _landscape(i)
    x = _point(land, [0.3, 0.6, 0.2])
    for clone in (pickle.loads(pickle.dumps(land)), copy.deepcopy(land)):
        assert clone.value(x) == land.value(x)
        np.testing.assert_array_equal(clone.minima, land.minima)


def test_registry_lists_every_required_landscape():
    required = {
        "quadratic", "rosenbrock", "himmelblau", "beale", "rastrigin", "ackley",
        "styblinski_tang", "double_well", "plateau", "saddle", "ravine", "six_hump_camel",
        "random",
    }  # fmt: skip
    assert required <= set(list_landscapes())
    for name in list_landscapes():
        land = get_landscape(name)
        assert land.name == name
        assert len(land.bounds) == land.dim
        assert all(lo < hi for lo, hi in land.bounds)


def test_bad_names_and_parameters_raise_clear_errors():
    with pytest.raises(ValueError, match="unknown landscape"):
        get_landscape("volcano")
    with pytest.raises(ValueError, match="positive"):
        get_landscape("quadratic", scales=(1.0, -2.0))
    with pytest.raises(ValueError, match="shape"):
        get_landscape("rosenbrock").value(np.zeros(3))
    with pytest.raises(ValueError, match="difficulty"):
        random_landscape(1, 2, difficulty=3)


def test_double_well_has_a_local_trap_and_plateau_is_flat():
    well = get_landscape("double_well")
    assert well.global_minima[0, 0] < 0 < well.local_minima[0, 0]
    shelf = get_landscape("plateau")
    assert abs(shelf.gradient(np.array([-3.0]))[0]) < 0.05
    assert abs(shelf.gradient(np.array([0.0]))[0]) > 0.5
    # downhill all the way from the shelf to the single minimum, uphill after it
    xs = np.linspace(*shelf.bounds[0], 2001)[:, None]
    slope = shelf.gradient(xs)[:, 0]
    bottom = shelf.minima[0, 0]
    assert np.all(slope[xs[:, 0] < bottom - 1e-9] < 0) and np.all(slope[xs[:, 0] > bottom] > 0)
    hike = get_landscape(
        "plateau", shelf_height=1, edge=0, sharpness=3, bottom=0.5, curvature=2, tilt=0.05
    )
    path = descend(hike, np.array([-3.5]), make_optimizer("sgd", 0.3), 400)
    assert hike.is_global(path.final_position, tol=1e-6)


def test_saddle_point_has_zero_slope_but_is_no_minimum():
    saddle = get_landscape("saddle")
    np.testing.assert_array_equal(saddle.gradient(saddle.saddle_points[0]), [0.0, 0.0])
    eig = np.linalg.eigvalsh(saddle.hessian(saddle.saddle_points[0]))
    assert eig[0] < 0 < eig[1]


def test_ravine_condition_number():
    ravine = get_landscape("ravine", condition=50.0, angle=20.0)
    eig = np.linalg.eigvalsh(ravine.hessian(np.zeros(2)))
    assert eig[1] / eig[0] == pytest.approx(50.0)


@pytest.mark.parametrize("dim", [1, 2])
@pytest.mark.parametrize("seed", range(6))
def test_random_landscape_is_reproducible_and_finds_its_global_minimum(seed, dim):
    difficulty = seed / 5
    land = random_landscape(seed, dim=dim, difficulty=difficulty)
    again = get_landscape("random", seed=seed, dim=dim, difficulty=difficulty)
    np.testing.assert_array_equal(land.minima, again.minima)
    axes = [np.linspace(lo, hi, 401 if dim == 1 else 121) for lo, hi in land.bounds]
    grid = np.stack([g.ravel() for g in np.meshgrid(*axes)], axis=1)
    assert land.value(grid).min() >= land.global_min_value - 1e-12
    other = random_landscape(seed + 100, dim=dim, difficulty=difficulty)
    assert not np.array_equal(other.minima, land.minima)
