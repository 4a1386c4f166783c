"""True mini-batch gradients: real rows, dealt epoch by epoch from a seeded generator, felt
by every descent (and so by sweeps, the Lab and the Hike) on a stochastic landscape."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import Descent, descend, get_landscape, lr_sweep, make_optimizer
from gdgame.engine.minibatch import MiniBatches

MODELS = ("penguin_mass", "penguin_mass_unscaled", "penguin_species", "penguin_species_unscaled")
POINTS = np.array([[0.0, 0.0], [0.3, -1.2], [2.5, 4.0]])


def test_each_epoch_deals_every_row_exactly_once():
    batches = MiniBatches(10, 4, np.random.default_rng(0))
    dealt = [batches.next() for _ in range(6)]  # two epochs: 4 + 4 + 2, twice
    assert [len(rows) for rows in dealt] == [4, 4, 2, 4, 4, 2]
    for epoch in (dealt[:3], dealt[3:]):
        assert sorted(np.concatenate(epoch).tolist()) == list(range(10))
    assert not np.array_equal(np.concatenate(dealt[:3]), np.concatenate(dealt[3:]))  # reshuffled
    assert batches.epochs == 2.0


def test_the_same_seed_deals_the_same_batches_and_another_seed_others():
    def deal(seed):
        batches = MiniBatches(333, 8, np.random.default_rng(seed))
        return np.concatenate([batches.next() for _ in range(50)])

    np.testing.assert_array_equal(deal(5), deal(5))
    assert not np.array_equal(deal(5), deal(6))


@pytest.mark.parametrize("name", MODELS)
def test_a_full_batch_is_the_exact_gradient(name):
    exact = get_landscape(name)
    every_row = get_landscape(name, batch_size=exact.n_rows)
    assert not every_row.stochastic and every_row.params["batch_size"] is None
    shuffled = np.random.default_rng(1).permutation(exact.n_rows)
    np.testing.assert_allclose(
        exact.batch_gradient(POINTS, shuffled), exact.gradient(POINTS), rtol=1e-11, atol=1e-13
    )
    np.testing.assert_allclose(exact.batch_value(POINTS, shuffled), exact.value(POINTS), rtol=1e-12)
    # a descent with every row in the batch walks the exact gradient, bit for bit
    opt = make_optimizer("sgd", 0.3 / exact.max_curvature(POINTS[0]))
    a = descend(exact, POINTS, opt, 20, seed=3)
    b = descend(every_row, POINTS, opt, 20, seed=3)
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.gradients, b.gradients)


@pytest.mark.parametrize("name", MODELS)
def test_batches_of_one_averaged_over_all_rows_give_the_exact_gradient(name):
    land = get_landscape(name, batch_size=1)
    singles = np.array([land.batch_gradient(POINTS, [i]) for i in range(land.n_rows)])
    np.testing.assert_allclose(singles.mean(axis=0), land.gradient(POINTS), rtol=1e-11, atol=1e-13)
    # the same through a descent that stands still (rate 0) for one epoch of batches of one
    path = descend(land, POINTS[1], make_optimizer("sgd", 0.0), land.n_rows - 1, seed=9)
    felt = path.gradients
    assert len({tuple(g) for g in felt}) > land.n_rows // 2  # every step felt another penguin
    np.testing.assert_allclose(felt.mean(axis=0), land.gradient(POINTS[1]), rtol=1e-11, atol=1e-13)


@pytest.mark.parametrize("name", MODELS)
def test_a_descent_feels_the_rows_of_its_batch(name):
    land = get_landscape(name, batch_size=16)
    assert land.stochastic
    core = Descent(land, POINTS, make_optimizer("sgd", 0.01), seed=4)
    for _ in range(3):
        rows = core.batch_rows
        assert rows.shape == (16,) and len(set(rows.tolist())) == 16
        np.testing.assert_array_equal(core.G, land.batch_gradient(core.X, rows))
        assert not np.allclose(core.G, land.gradient(core.X))  # a wobbly estimate
        record = core.record()
        np.testing.assert_array_equal(record.batch, rows)
        core.step()
    assert core.epochs == pytest.approx(4 * 16 / land.n_rows)


def test_every_hiker_of_one_descent_feels_the_same_rows():
    land = get_landscape("penguin_mass", batch_size=8)
    many = Descent(land, POINTS, make_optimizer("sgd", 0.1), seed=11)
    for i, point in enumerate(POINTS):
        alone = Descent(land, point, make_optimizer("sgd", 0.1), seed=11)
        np.testing.assert_array_equal(alone.batch_rows, many.batch_rows)
        np.testing.assert_allclose(alone.G[0], many.G[i], rtol=1e-15)


def test_seeded_runs_repeat_and_other_seeds_differ():
    land = get_landscape("penguin_species", batch_size=4)
    opt = make_optimizer("momentum", 0.5, momentum=0.9)
    one = descend(land, POINTS, opt, 40, seed=2)
    np.testing.assert_array_equal(one.positions, descend(land, POINTS, opt, 40, seed=2).positions)
    assert not np.allclose(one.positions, descend(land, POINTS, opt, 40, seed=3).positions)


def test_gaussian_noise_adds_on_top_of_the_batches():
    land = get_landscape("penguin_mass", batch_size=8)
    plain = Descent(land, POINTS[0], 0.1, seed=1)
    noisy = Descent(land, POINTS[0], 0.1, noise=0.5, seed=1)
    np.testing.assert_array_equal(plain.batch_rows, noisy.batch_rows)
    extra = noisy.G - plain.G
    assert np.all(extra != 0) and np.all(np.abs(extra) < 5 * 0.5)


def test_a_duck_typed_stochastic_landscape_works_through_the_public_methods():
    land = get_landscape("penguin_mass", batch_size=8)

    class Wrapped:
        dim, stochastic = 2, True
        value, gradient = land.value, land.gradient
        batch_gradient, minibatches = land.batch_gradient, land.minibatches

    a = descend(Wrapped(), POINTS, make_optimizer("sgd", 0.1), 10, seed=6)
    b = descend(land, POINTS, make_optimizer("sgd", 0.1), 10, seed=6)
    np.testing.assert_allclose(a.positions, b.positions, rtol=1e-14)


def test_batch_rows_must_be_row_numbers():
    land = get_landscape("penguin_mass")
    for bad in ([], [333], [-1], [0.5], [[1, 2]]):
        with pytest.raises(ValueError, match="row"):
            land.batch_gradient(POINTS[0], bad)


def test_sweeps_on_mini_batches_repeat_and_small_batches_jitter_more():
    rates = np.array([0.1, 0.25, 0.5])

    def sweep(batch, seed=0):
        land = get_landscape("penguin_mass", batch_size=batch)
        return lr_sweep(land, [0.0, 0.0], rates, 60, seed=seed) - land.global_min_value

    exact = sweep(None)
    np.testing.assert_array_equal(sweep(4), sweep(4))
    assert np.all(exact < 1e-6)  # the exact gradient settles on the best line
    gaps = np.array([[sweep(batch, seed) for seed in range(8)] for batch in (4, 64)])
    small, large = gaps.mean(axis=1)
    assert np.all(small > large) and np.all(large > exact)  # smaller batch, larger jitter
    assert small[2] > small[0]  # and a larger rate jitters more


def test_a_shrinking_rate_averages_the_batches_out():
    land = get_landscape("penguin_mass", batch_size=4)
    constant = descend(land, [0.0, 0.0], make_optimizer("sgd", 0.4), 200, seed=8)
    from gdgame.engine import make_schedule

    decaying = descend(
        land,
        [0.0, 0.0],
        make_optimizer("sgd", 0.4),
        200,
        seed=8,
        schedule=make_schedule("exponential", gamma=0.97),
    )
    tail = slice(150, None)
    gap_constant = constant.losses[tail].mean() - land.global_min_value
    gap_decaying = decaying.losses[tail].mean() - land.global_min_value
    assert gap_decaying < 0.05 * gap_constant
