"""safe_lr and lr_sweep."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdgame.engine import (
    SweepCancelled,
    descend,
    get_landscape,
    lr_sweep,
    make_optimizer,
    safe_lr,
)


@settings(max_examples=30, deadline=None)
@given(
    scales=st.lists(st.floats(0.01, 100.0), min_size=1, max_size=4),
    where=st.floats(-2.0, 2.0),
)
def test_safe_lr_on_quadratics_is_two_over_largest_scale(scales, where):
    bowl = get_landscape("quadratic", scales=scales)
    x = np.full(bowl.dim, where)
    assert safe_lr(bowl, x) == pytest.approx(2 / max(scales), rel=1e-12)


def test_safe_lr_marks_the_stability_edge():
    bowl = get_landscape("quadratic", scales=(4.0,))
    edge = safe_lr(bowl, np.array([1.0]))
    below = descend(bowl, np.array([1.0]), 0.99 * edge, 200)
    above = descend(bowl, np.array([1.0]), 1.01 * edge, 200)
    assert abs(below.positions[-1, 0]) < abs(above.positions[-1, 0])
    assert abs(below.positions[-1, 0]) < 1.0 < abs(above.positions[-1, 0])


def test_safe_lr_without_upward_bend_is_none_or_nan():
    well = get_landscape("double_well")
    assert safe_lr(well, np.array([0.0])) is None  # hilltop between the wells
    many = safe_lr(well, np.array([[0.0], [1.0]]))
    assert np.isnan(many[0]) and many[1] == pytest.approx(2 / 8)
    banana = get_landscape("rosenbrock")
    # at (1, 1) the Hessian is [[802, -400], [-400, 200]]
    lam = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]]))[-1]
    assert safe_lr(banana, np.array([1.0, 1.0])) == pytest.approx(2 / lam, rel=1e-12)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_sweep_equals_individual_runs(optimizer):
    banana = get_landscape("rosenbrock")
    start = np.array([-1.2, 1.0])
    rates = np.array([1e-5, 1e-4, 1e-3, 3e-3, 0.5])
    final = lr_sweep(banana, start, rates, 150, optimizer=optimizer)
    assert final.shape == (5,)
    for rate, loss in zip(rates, final, strict=True):
        single = descend(banana, start, make_optimizer(optimizer, rate), 150)
        expected = np.inf if single.diverged else single.losses[-1]
        assert loss == pytest.approx(expected, rel=1e-12)
    if optimizer == "sgd":
        assert np.isinf(final[-1])  # lr 0.5 on the banana explodes


def test_sweep_passes_hyperparameters_on():
    banana = get_landscape("rosenbrock")
    start = np.array([0.0, 0.0])
    swept = lr_sweep(banana, start, [1e-3], 50, optimizer="sgd", momentum=0.5)
    single = descend(banana, start, make_optimizer("sgd", 1e-3, momentum=0.5), 50)
    assert swept[0] == pytest.approx(single.losses[-1], rel=1e-12)


def test_sweep_with_noise_is_seeded_and_matches_a_noisy_batch_run():
    bowl = get_landscape("quadratic", scales=(1.0, 4.0))
    start = np.array([2.0, -1.0])
    rates = np.array([0.01, 0.1, 0.3])
    quiet = lr_sweep(bowl, start, rates, 60)
    noisy = lr_sweep(bowl, start, rates, 60, noise=2.0, seed=7)
    assert np.array_equal(noisy, lr_sweep(bowl, start, rates, 60, noise=2.0, seed=7))
    assert not np.allclose(noisy, quiet)
    batch = descend(
        bowl,
        np.repeat(start[None], 3, axis=0),
        make_optimizer("sgd", rates),
        60,
        noise=2.0,
        seed=7,
    )
    assert noisy == pytest.approx(batch.losses[-1], rel=1e-12)


def test_sweep_reports_progress_and_can_be_cancelled():
    parabola = get_landscape("quadratic", scales=(2.0,))
    seen = []
    lr_sweep(parabola, np.array([1.0]), np.linspace(0, 1, 10), 200, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 50
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) >= 3

    with pytest.raises(SweepCancelled):
        lr_sweep(parabola, np.array([1.0]), np.linspace(0, 1, 10), 200, cancel=cancel)
    assert len(calls) == 3


def test_big_sweep_shows_the_three_regimes():
    parabola = get_landscape("quadratic", scales=(2.0,))
    rates = np.logspace(-4, 1, 10_000)
    final = lr_sweep(parabola, np.array([1.0]), rates, 300)
    assert final.shape == (10_000,)
    crawl, good, explode = (
        final[rates < 1e-3],
        final[(rates > 0.1) & (rates < 0.9)],
        final[rates > 1.2],
    )
    assert np.all(crawl > 0.3) and np.all(good < 1e-10) and np.all(explode > 1e80)
    assert np.isinf(final[-1])
