"""SGD takes one momentum per hiker: a batch equals the same hikers run one at a time, bit
for bit (issue 14: the phase map relies on it)."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import descend, get_landscape, make_optimizer


@pytest.mark.parametrize("name", ["momentum", "nesterov"])
@pytest.mark.parametrize(
    "landscape", [("rosenbrock", {}), ("himmelblau", {}), ("quadratic", {"scales": (1.0, 4.0)})]
)
def test_per_hiker_momentum_matches_one_at_a_time_runs_exactly(name, landscape):
    land = get_landscape(landscape[0], **landscape[1])
    x0 = np.array([-1.2, 1.0])
    rates = np.array([1e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.3])  # the last diverges on rosenbrock
    momenta = np.array([0.5, 0.9, 0.0, 0.99, 0.7, 0.95])
    if name == "nesterov":  # torch refuses Nesterov without momentum
        momenta = np.where(momenta == 0, 0.1, momenta)
    batch = descend(
        land,
        np.repeat(x0[None], len(rates), axis=0),
        make_optimizer(name, rates, momentum=momenta),
        200,
    )
    for i, (rate, mu) in enumerate(zip(rates, momenta, strict=True)):
        alone = descend(land, x0, make_optimizer(name, rate, momentum=float(mu)), 200)
        np.testing.assert_array_equal(batch.positions[:, i], alone.positions)
        np.testing.assert_array_equal(batch.losses[:, i], alone.losses)
        assert bool(batch.diverged[i]) == alone.diverged
        assert int(batch.diverged_at[i]) == alone.diverged_at
        if mu == 0:  # momentum 0 in a batch is plain SGD, the same numbers as "sgd"
            plain = descend(land, x0, make_optimizer("sgd", rate), 200)
            np.testing.assert_array_equal(plain.positions, alone.positions)
    if landscape[0] == "rosenbrock":
        assert batch.diverged[-1] and not batch.diverged[:3].any()  # mixed: the test bites


def test_a_diverging_hiker_does_not_disturb_the_others():
    land = get_landscape("quadratic", scales=(2.0,))
    rates = np.array([0.1, 1.5, 0.1])
    momenta = np.array([0.0, 0.0, 0.9])
    both = descend(land, np.ones((3, 1)), make_optimizer("momentum", rates, momentum=momenta), 900)
    assert list(both.diverged) == [False, True, False]
    for i in (0, 2):
        alone = descend(land, [1.0], make_optimizer("momentum", rates[i], momentum=momenta[i]), 900)
        np.testing.assert_array_equal(both.positions[:, i], alone.positions)


def test_momentum_arrays_are_checked():
    with pytest.raises(ValueError, match="momentum"):
        make_optimizer("momentum", 0.1, momentum=np.array([0.5, -0.1]))
    with pytest.raises(ValueError, match="momentum"):
        make_optimizer("momentum", 0.1, momentum=np.array([0.5, np.nan]))
    with pytest.raises(ValueError, match="Nesterov"):
        make_optimizer("nesterov", 0.1, momentum=np.array([0.5, 0.0]))
    opt = make_optimizer("momentum", 0.1, momentum=np.array([0.5, 0.9, 0.1]))
    with pytest.raises(ValueError, match="3 momenta for 2 hikers"):
        descend(get_landscape("quadratic", scales=(1.0,)), np.ones((2, 1)), opt, 3)


def test_fresh_copies_do_not_share_the_momentum_array():
    momenta = np.array([0.5, 0.9])
    opt = make_optimizer("momentum", 0.1, momentum=momenta)
    momenta[0] = 0.0  # the caller's array changes afterwards
    copy = opt.fresh()
    copy.hyper["momentum"][1] = 0.1
    np.testing.assert_array_equal(opt.hyper["momentum"], [0.5, 0.9])
