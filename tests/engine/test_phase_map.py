"""The (rate x momentum) phase map: one vectorised pass, and divergence exactly where the
theory of the heavy ball (and of Nesterov) puts it on a bowl."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import SweepCancelled, descend, get_landscape, make_optimizer
from gdgame.engine.formula import make_formula_landscape
from gdgame.engine.phase_map import (
    constant_curvature,
    momentum_phase_map,
    stability_limit,
)

BAND = 0.01  # cells within 1% of the line are left out: there the growth is too slow to see


@pytest.mark.parametrize(
    ("optimizer", "scales", "low"),
    [("momentum", (2.0,), 0.0), ("momentum", (1.0, 4.0), 0.0), ("nesterov", (1.0, 4.0), 0.01)],
)
def test_bowl_diverges_exactly_past_the_theory_line(optimizer, scales, low):
    bowl = get_landscape("quadratic", scales=scales)
    curvature = constant_curvature(bowl)
    assert curvature == pytest.approx(max(scales))
    rates = np.logspace(-3, 1, 120)
    momenta = np.linspace(low, 0.99, 100)
    result = momentum_phase_map(bowl, np.ones(len(scales)), rates, momenta, 300, optimizer)
    limit = stability_limit(curvature, momenta, optimizer)[:, None]
    ratio = rates[None, :] / limit
    theory = ratio > 1  # heavy ball: lr > 2 (1 + beta) / L
    clear = np.abs(np.log(ratio)) > BAND
    assert clear.sum() > 0.95 * clear.size
    np.testing.assert_array_equal(result.diverged[clear], theory[clear])
    assert theory[clear].any() and (~theory[clear]).any()
    if optimizer == "momentum":  # beta = 0 row: plain gradient descent, limit 2 / L
        assert stability_limit(curvature, 0.0) == pytest.approx(2 / max(scales))


def test_cells_are_the_runs_one_at_a_time():
    land = get_landscape("himmelblau")
    rates, momenta = np.array([1e-3, 5e-3, 2e-2]), np.array([0.0, 0.5, 0.9])
    x0 = np.array([-1.0, 0.5])
    result = momentum_phase_map(land, x0, rates, momenta, 80)
    for i, mu in enumerate(momenta):
        for j, rate in enumerate(rates):
            alone = descend(land, x0, make_optimizer("momentum", rate, momentum=mu), 80)
            assert result.final_loss[i, j] == alone.final_loss
            assert result.overflowed[i, j] == alone.diverged
            assert result.cell(i, j) == (rate, mu)
    assert result.start_loss == land.value(x0)


def test_works_on_a_formula_and_reports_progress_and_cancel():
    land = make_formula_landscape("x**4 - 3*x**2 + y**2")
    seen = []
    rates = np.logspace(-3, 0, 30)
    result = momentum_phase_map(land, [1.5, 1.0], rates, [0.0, 0.9], 50, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 10
    assert result.final_loss.shape == (2, 30)
    best = result.best()
    assert best is not None and not result.diverged[best]
    with pytest.raises(SweepCancelled):
        momentum_phase_map(land, [1.5, 1.0], [0.1], [0.5], 1000, cancel=lambda: True)


def test_bad_axes_are_refused():
    bowl = get_landscape("quadratic", scales=(1.0,))
    with pytest.raises(ValueError, match="1 to 200 rates"):
        momentum_phase_map(bowl, [1.0], np.full(201, 0.1), [0.5], 10)
    with pytest.raises(ValueError, match="momentum"):
        momentum_phase_map(bowl, [1.0], [0.1], [-0.5], 10)
    with pytest.raises(ValueError, match="optimiser with momentum"):
        momentum_phase_map(bowl, [1.0], [0.1], [0.5], 10, optimizer="adam")
    assert constant_curvature(get_landscape("rosenbrock")) is None
    assert stability_limit(0.0, 0.5) is None
