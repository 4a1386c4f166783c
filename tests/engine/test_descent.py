"""The descent loop: batches, divergence, noise, the generator form and copies."""

import copy

import numpy as np
import pytest

from gdgame.engine import (
    Descent,
    StepRecord,
    descend,
    get_landscape,
    iter_descent,
    make_optimizer,
    make_schedule,
)

OPTIMIZERS = [
    ("sgd", {}),
    ("momentum", {}),
    ("nesterov", {"weight_decay": 0.01}),
    ("adagrad", {"lr_decay": 0.01}),
    ("rmsprop", {"centered": True, "momentum": 0.3}),
    ("adam", {"amsgrad": True}),
]


@pytest.mark.parametrize(("name", "hyper"), OPTIMIZERS)
@pytest.mark.parametrize("schedule", [None, make_schedule("cosine", t_max=20, eta_min=1e-5)])
def test_batch_of_hikers_equals_single_runs(name, hyper, schedule):
    banana = get_landscape("rosenbrock")
    rng = np.random.default_rng(7)
    starts = rng.uniform([-2, -1], [2, 3], size=(5, 2))
    rates = np.array([1e-4, 3e-4, 1e-3, 2e-3, 5e-3])
    batch = descend(banana, starts, make_optimizer(name, rates, **hyper), 40, schedule=schedule)
    assert batch.positions.shape == (41, 5, 2)
    assert batch.losses.shape == (41, 5)
    assert batch.gradients.shape == (41, 5, 2)
    assert batch.lrs.shape == (40, 5)
    for k in range(5):
        single = descend(
            banana, starts[k], make_optimizer(name, rates[k], **hyper), 40, schedule=schedule
        )
        assert single.positions.shape == (41, 2)
        assert single.lrs.shape == (40,)
        np.testing.assert_allclose(batch.positions[:, k], single.positions, rtol=1e-13)
        np.testing.assert_allclose(batch.losses[:, k], single.losses, rtol=1e-13)
        np.testing.assert_allclose(batch.lrs[:, k], single.lrs, rtol=1e-13)
        assert batch.diverged[k] == single.diverged


def test_scalar_rate_for_a_batch_keeps_one_rate_per_step():
    bowl = get_landscape("quadratic", scales=(1.0, 4.0))
    path = descend(bowl, np.ones((3, 2)), make_optimizer("sgd", 0.1), 4)
    assert path.lrs.shape == (4,)
    np.testing.assert_allclose(path.positions[-1], [[0.9**4, 0.6**4]] * 3)


def test_diverging_hikers_freeze_without_warnings_and_others_continue():
    # pytest turns warnings into errors, so an overflow warning would fail this test.
    parabola = get_landscape("quadratic", scales=(2.0,))
    rates = np.array([0.1, 1.5, 40.0])
    path = descend(parabola, np.ones((3, 1)), make_optimizer("sgd", rates), 2000)
    np.testing.assert_array_equal(path.diverged, [False, True, True])
    assert np.all(np.isfinite(path.positions)) and np.all(np.isfinite(path.losses))
    assert path.positions[-1, 0, 0] == pytest.approx(0.0, abs=1e-12)
    for k in (1, 2):
        at = path.diverged_at[k]
        assert at > 0
        frozen = path.positions[at - 1 :, k]
        np.testing.assert_array_equal(frozen, np.broadcast_to(frozen[0], frozen.shape))
    assert path.diverged_at[2] < path.diverged_at[1]  # the bigger rate blows up sooner
    assert path.diverged_at[0] == -1


@pytest.mark.parametrize("name", ["momentum", "adagrad", "rmsprop", "adam"])
def test_divergence_with_stateful_optimizers(name):
    banana = get_landscape("rosenbrock")
    starts = np.array([[-1.2, 1.0], [-1.2, 1.0]])
    path = descend(banana, starts, make_optimizer(name, np.array([1e-4, 10.0])), 300)
    assert np.all(np.isfinite(path.positions))
    assert not path.diverged[0]


def test_single_hiker_types():
    path = descend(get_landscape("double_well"), np.array([1.5]), 0.01, 10)
    assert path.positions.shape == (11, 1)
    assert path.losses.shape == (11,)
    assert isinstance(path.diverged, bool)
    assert path.diverged_at == -1
    assert path.steps == 10
    assert path.final_loss == path.losses[-1]


def test_generator_agrees_with_descend():
    banana = get_landscape("rosenbrock")
    opt = make_optimizer("adam", 0.02)
    sched = make_schedule("step", step_size=5, gamma=0.5)
    path = descend(banana, np.array([-1.2, 1.0]), opt, 25, schedule=sched, noise=0.3, seed=4)
    records = list(
        iter_descent(banana, np.array([-1.2, 1.0]), opt, 25, schedule=sched, noise=0.3, seed=4)
    )
    assert len(records) == 25
    for k, rec in enumerate(records, start=1):
        assert isinstance(rec, StepRecord) and rec.step == k
        np.testing.assert_array_equal(rec.positions, path.positions[k])
        np.testing.assert_array_equal(rec.gradients, path.gradients[k])
        assert rec.losses == path.losses[k]
        assert rec.lrs == path.lrs[k - 1]
        assert rec.diverged is False


def test_endless_generator_can_be_stopped():
    gen = iter_descent(get_landscape("saddle"), np.array([1.0, 0.5]), make_optimizer("sgd", 0.1))
    records = [next(gen) for _ in range(500)]
    gen.close()
    np.testing.assert_allclose(records[-1].positions, [0.0, 1.0], atol=1e-8)


def test_noise_is_reproducible_by_seed():
    saddle = get_landscape("saddle")
    opt = make_optimizer("sgd", 0.05)
    on_ridge = np.array([1.5, 0.0])
    a = descend(saddle, on_ridge, opt, 200, noise=0.1, seed=11)
    b = descend(saddle, on_ridge, opt, 200, noise=0.1, seed=11)
    c = descend(saddle, on_ridge, opt, 200, noise=0.1, seed=12)
    np.testing.assert_array_equal(a.positions, b.positions)
    assert not np.array_equal(a.positions, c.positions)
    # Without noise the hiker stops at the saddle; with noise it slides off into a valley.
    still = descend(saddle, on_ridge, opt, 200)
    np.testing.assert_allclose(still.positions[-1], [0.0, 0.0], atol=1e-3)
    assert abs(a.positions[-1, 1]) > 0.5


def test_noisy_gradients_wobble_around_the_true_gradient():
    bowl = get_landscape("quadratic", scales=(1.0, 1.0))
    starts = np.zeros((4000, 2))
    path = descend(bowl, starts, make_optimizer("sgd", 0.0), 1, noise=0.5, seed=0)
    felt = path.gradients[0]
    assert abs(felt.mean()) < 0.03
    assert felt.std() == pytest.approx(0.5, rel=0.05)


def test_optimizer_passed_in_is_not_changed():
    opt = make_optimizer("adam", 0.1)
    descend(get_landscape("rosenbrock"), np.array([0.0, 0.0]), opt, 5)
    assert opt.state == {} and opt.t == 0


def test_descent_core_can_be_copied_and_rewound():
    core = Descent(
        get_landscape("himmelblau"), np.array([0.0, 0.0]), make_optimizer("momentum", 0.01)
    )
    for _ in range(5):
        core.step()
    saved = copy.deepcopy(core)
    for _ in range(5):
        core.step()
    for _ in range(5):
        saved.step()
    np.testing.assert_array_equal(saved.position, core.position)
    saved.set_lr(0.0)  # the step is lr * velocity, so a zero rate stops the hiker dead
    before = saved.position
    saved.step()
    assert saved.k == 11
    np.testing.assert_array_equal(saved.position, before)


def test_batch_records_and_duck_typed_landscapes():
    class Parabola:  # anything with dim and vectorised value/gradient will do
        dim = 1

        def value(self, x):
            return np.sum(np.asarray(x) ** 2, axis=-1)

        def gradient(self, x):
            return 2 * np.asarray(x)

    gen = iter_descent(Parabola(), np.array([[1.0], [2.0]]), make_optimizer("sgd", 0.25), 3)
    records = list(gen)
    assert records[-1].positions.shape == (2, 1)
    np.testing.assert_allclose(records[-1].positions[:, 0], [0.125, 0.25])
    np.testing.assert_allclose(records[-1].losses, [0.125**2, 0.25**2])
    np.testing.assert_array_equal(records[-1].diverged, [False, False])


def test_bad_arguments_raise_clear_errors():
    banana = get_landscape("rosenbrock")
    with pytest.raises(ValueError, match="learning rates"):
        descend(banana, np.zeros((2, 2)), make_optimizer("sgd", np.array([0.1, 0.2, 0.3])), 3)
    with pytest.raises(ValueError, match="not negative"):
        make_optimizer("sgd", -0.1)
    with pytest.raises(ValueError, match="unknown optimizer"):
        make_optimizer("lbfgs", 0.1)
    with pytest.raises(TypeError, match="no setting"):
        make_optimizer("adam", 0.1, momentum=0.9)
    with pytest.raises(ValueError, match="steps"):
        descend(banana, np.zeros(2), 0.1, -1)
    with pytest.raises(ValueError, match="shape"):
        iter_descent(banana, np.zeros(3), 0.1, 5)  # raises before the first step
    with pytest.raises(ValueError, match="unknown schedule"):
        make_schedule("zigzag")
