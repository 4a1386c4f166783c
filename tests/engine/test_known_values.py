"""Hand-checkable values from the issue, to 1e-8."""

import numpy as np
import pytest

from gdgame.engine import descend, get_landscape, make_optimizer

TOL = 1e-8


@pytest.fixture
def parabola():
    """f(x) = x^2 (quadratic with scale 2): each SGD step multiplies x by (1 - 2 * lr)."""
    return get_landscape("quadratic", scales=(2,))


def _sgd_path(landscape, x0, lr, steps):
    return descend(landscape, np.array(x0, dtype=float), make_optimizer("sgd", lr), steps)


def test_parabola_small_rate_shrinks_geometrically(parabola):
    path = _sgd_path(parabola, [1.0], 0.1, 5)
    assert path.positions[5, 0] == pytest.approx(0.32768, abs=TOL)
    np.testing.assert_allclose(path.positions[:, 0], 0.8 ** np.arange(6), atol=TOL)
    np.testing.assert_allclose(path.losses, path.positions[:, 0] ** 2, atol=TOL)


def test_parabola_rate_one_over_curvature_lands_in_one_step(parabola):
    path = _sgd_path(parabola, [1.0], 0.5, 5)
    np.testing.assert_allclose(path.positions[1:, 0], 0.0, atol=TOL)


def test_parabola_rate_two_over_curvature_oscillates(parabola):
    path = _sgd_path(parabola, [1.0], 1.0, 6)
    np.testing.assert_allclose(path.positions[:, 0], [1, -1, 1, -1, 1, -1, 1], atol=TOL)
    assert not path.diverged


def test_parabola_too_large_rate_grows(parabola):
    path = _sgd_path(parabola, [1.0], 1.1, 5)
    assert path.positions[5, 0] == pytest.approx(-2.48832, abs=TOL)


def test_rosenbrock_value_and_gradient():
    banana = get_landscape("rosenbrock")
    assert banana.value(np.array([-1.2, 1.0])) == pytest.approx(24.2, abs=TOL)
    np.testing.assert_allclose(banana.gradient(np.array([-1.2, 1.0])), [-215.6, -88.0], atol=TOL)


def test_rosenbrock_first_sgd_step():
    path = _sgd_path(get_landscape("rosenbrock"), [-1.2, 1.0], 1e-3, 1)
    np.testing.assert_allclose(path.positions[1], [-0.9844, 1.088], atol=TOL)


def test_rosenbrock_first_adam_step():
    banana = get_landscape("rosenbrock")
    path = descend(banana, np.array([-1.2, 1.0]), make_optimizer("adam", 1e-2), 1)
    np.testing.assert_allclose(path.positions[1], [-1.19, 1.01], atol=TOL)


def test_known_minima_values():
    assert get_landscape("six_hump_camel").global_min_value == pytest.approx(-1.0316284535, abs=TOL)
    tang = get_landscape("styblinski_tang", dim=2)
    assert tang.global_min_value == pytest.approx(2 * -39.16616570377142, abs=1e-6)
    np.testing.assert_allclose(tang.global_minima[0], [-2.903534027771178] * 2, atol=1e-8)
    himmelblau = get_landscape("himmelblau")
    np.testing.assert_allclose(himmelblau.value(himmelblau.minima), 0.0, atol=1e-20)
    assert himmelblau.n_global == 4
    np.testing.assert_allclose(get_landscape("beale").minima, [[3.0, 0.5]])


def test_momentum_first_steps_by_hand():
    """SGD momentum 0.9 on f = x^2 from 1 with lr 0.1: b1 = g0, then b = 0.9 b + g."""
    path = descend(
        get_landscape("quadratic", scales=(2,)), np.array([1.0]), make_optimizer("momentum", 0.1), 2
    )
    # step 1: g = 2, b = 2, x = 1 - 0.2 = 0.8; step 2: g = 1.6, b = 1.8 + 1.6 = 3.4, x = 0.46
    np.testing.assert_allclose(path.positions[:, 0], [1.0, 0.8, 0.46], atol=TOL)
