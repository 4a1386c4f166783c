"""The step-by-step numbers are the optimiser's own state after k steps, for all six
optimisers (issue 14), and a replayed run gives the same state as the run itself."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import descend, get_landscape, make_optimizer
from gdgame.engine.descent import Descent
from gdgame.engine.step_explain import OptimizerReplay, explain_update, readable

RATES = {"sgd": 5e-4, "momentum": 5e-4, "nesterov": 5e-4, "adagrad": 0.1, "rmsprop": 0.01}
LAND = get_landscape("rosenbrock")
X0 = np.array([-1.2, 1.0])


def run_until(name: str, k: int, noise: float = 0.3) -> Descent:
    core = Descent(LAND, X0, make_optimizer(name, RATES.get(name, 0.05)), noise=noise, seed=3)
    for _ in range(k):
        core.step()
    return core


def values(explanation, symbol):
    return np.array(explanation.term(symbol).values)


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
@pytest.mark.parametrize("k", [0, 1, 6, 29])
def test_numbers_equal_the_optimizer_state_after_the_step(name, k):
    core = run_until(name, k)
    shown = explain_update(core.optimizer, core.X[0], core.G[0], core.current_rate())
    core.step()  # the run takes that same step: its state is what the panel showed
    state, hyper = core.optimizer.state, core.optimizer.hyper
    assert shown.step == k + 1 == core.optimizer.t
    np.testing.assert_array_equal(shown.new_position, core.X[0])
    np.testing.assert_array_equal(values(shown, "x_new"), core.X[0])
    np.testing.assert_array_equal(values(shown, "Δx"), core.X[0] - shown.position)
    if name in ("momentum", "nesterov"):
        np.testing.assert_array_equal(values(shown, "b"), state["momentum_buffer"][0])
        np.testing.assert_array_equal(shown.velocity, state["momentum_buffer"][0])
        if k:
            mu = hyper["momentum"]
            np.testing.assert_allclose(values(shown, "μ·b_prev"), mu * values(shown, "b_prev"))
        if name == "nesterov":
            look = values(shown, "g") + hyper["momentum"] * values(shown, "b")
            np.testing.assert_allclose(values(shown, "d"), look)
            np.testing.assert_allclose(-shown.rate * look, values(shown, "Δx"), rtol=1e-9)
        else:
            np.testing.assert_allclose(-values(shown, "lr·b"), values(shown, "Δx"), rtol=1e-9)
    elif name == "adagrad":
        np.testing.assert_array_equal(values(shown, "s"), state["sum"][0])
        root = np.sqrt(state["sum"][0]) + hyper["eps"]
        np.testing.assert_array_equal(values(shown, "√s+ε"), root)
        step = values(shown, "rate_eff") * values(shown, "g")
        np.testing.assert_allclose(-step, values(shown, "Δx"), rtol=1e-9)
    elif name == "rmsprop":
        np.testing.assert_array_equal(values(shown, "v"), state["square_avg"][0])
        root = np.sqrt(state["square_avg"][0]) + hyper["eps"]
        np.testing.assert_array_equal(values(shown, "√v+ε"), root)
        step = values(shown, "rate_eff") * values(shown, "g")
        np.testing.assert_allclose(-step, values(shown, "Δx"), rtol=1e-9)
    elif name == "adam":
        b1, b2 = hyper["betas"]
        t = core.optimizer.t
        np.testing.assert_array_equal(values(shown, "m"), state["exp_avg"][0])
        np.testing.assert_array_equal(values(shown, "v"), state["exp_avg_sq"][0])
        np.testing.assert_array_equal(shown.velocity, state["exp_avg"][0])
        assert values(shown, "1−β1^t")[0] == 1 - b1**t
        assert values(shown, "1−β2^t")[0] == 1 - b2**t
        m_hat = state["exp_avg"][0] / (1 - b1**t)
        np.testing.assert_array_equal(values(shown, "m̂"), m_hat)
        step = values(shown, "rate_eff") * m_hat
        np.testing.assert_allclose(-step, values(shown, "Δx"), rtol=1e-9)
    else:
        np.testing.assert_allclose(-values(shown, "lr·g"), values(shown, "Δx"), rtol=1e-9)
    assert all(term.words for term in shown.terms)
    assert shown.rule.startswith(("x_new", "b", "s", "v", "m"))


@pytest.mark.parametrize("name", ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_replay_of_a_recorded_run_gives_the_same_state_forward_and_back(name):
    opt = make_optimizer(name, RATES.get(name, 0.05))
    steps = 1100  # past two checkpoints
    path = descend(LAND, X0, opt, steps, noise=0.3, seed=3)
    rates = np.concatenate([[np.nan], np.broadcast_to(path.lrs, (steps,))])
    replay = OptimizerReplay(opt)
    for k in (3, 1050, 600, 0, 1099, 2):
        core = run_until(name, k)
        again = replay.before(k, path.positions, path.gradients, rates)
        assert again.t == core.optimizer.t == k
        for key, array in core.optimizer.state.items():
            np.testing.assert_array_equal(again.state[key], array)
        shown = replay.explain(k, path.positions, path.gradients, rates)
        np.testing.assert_array_equal(shown.new_position, path.positions[k + 1])


def test_momentum_first_step_and_readable_numbers():
    core = run_until("momentum", 0, noise=0.0)
    shown = explain_update(core.optimizer, core.X[0], core.G[0], 5e-4)
    assert shown.term("b").formula == "g (first step)"
    np.testing.assert_array_equal(values(shown, "b"), values(shown, "g"))
    assert (
        "90%"
        in explain_update(run_until("momentum", 2).optimizer, X0, LAND.gradient(X0), 5e-4)
        .term("μ·b_prev")
        .words
    )
    assert readable(0.000123456) == "1.235e-04"
    assert readable(12.3456) == "12.35"
    assert readable(float("inf")) == "+∞" and readable(0.0) == "0"
