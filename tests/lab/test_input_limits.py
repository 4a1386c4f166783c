"""Every Lab input's range comes from the engine's own limits (issue 13, defect 5): both ends
are accepted by the engine, the next value outside is refused (or outside what is shown),
and gamma = 0, which the engine refuses, cannot be entered."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdgame.engine import get_landscape, iter_descent, lr_sweep, make_optimizer, make_schedule
from gdgame.engine.optimizers import check_lr
from gdgame.engine.presets import HikerSpec
from gdgame.engine.random_hills import random_landscape
from gdgame.ui.lab import input_limits as limits
from gdgame.ui.lab.run_setup import (
    hiker_problem,
    hiker_stream,
    make_hiker_schedule,
    optimizer_hyper,
)

BOWL = get_landscape("quadratic", scales=(1.0, 4.0))


def _engine_accepts(check) -> bool:
    try:
        check()
    except (ValueError, TypeError):
        return False
    return True


def _hyper_check(optimizer, name, value):
    return lambda: make_optimizer(
        optimizer, 0.1, **limits.optimizer_kwargs(optimizer, {name: value})
    )


def _schedule_check(kind, limit, value):
    return lambda: make_schedule(kind, **{limit.name: int(value) if limit.integer else value})


def _noise_check(noise):
    return lambda: iter_descent(BOWL, np.ones(2), make_optimizer("sgd", 0.1), 1, noise=noise)


def _steps_check(steps):
    return lambda: iter_descent(BOWL, np.ones(2), make_optimizer("sgd", 0.1), int(steps))


CASES = [
    *[
        (f"{opt}.{lim.name}", lim, lambda v, o=opt, n=lim.name: _hyper_check(o, n, v))
        for opt, lims in limits.HYPERPARAMETERS.items()
        for lim in lims
    ],
    *[
        (f"{kind}.{lim.name}", lim, lambda v, k=kind, li=lim: _schedule_check(k, li, v))
        for kind, lims in limits.SCHEDULE_PARAMETERS.items()
        for lim in lims
    ],
    ("learning rate", limits.LEARNING_RATE, lambda v: lambda: check_lr(v)),
    ("sweep rate", limits.SWEEP_RATE, lambda v: lambda: check_lr(v)),
    ("noise", limits.NOISE, _noise_check),
    ("run steps", limits.RUN_STEPS, _steps_check),
    ("sweep steps", limits.SWEEP_STEPS, _steps_check),
]
IDS = [case[0] for case in CASES]


@pytest.mark.parametrize(("label", "limit", "check"), CASES, ids=IDS)
def test_both_ends_are_accepted_by_the_engine(label, limit, check):
    assert _engine_accepts(check(limit.low)), f"{label}: engine refuses the lowest value"
    assert _engine_accepts(check(limit.high)), f"{label}: engine refuses the highest value"
    assert limit.low <= limit.default <= limit.high


@pytest.mark.parametrize(("label", "limit", "check"), CASES, ids=IDS)
def test_each_end_is_the_display_end_or_the_engine_refuses_one_step_further(label, limit, check):
    shown_low, shown_high = limit.shown
    if limit.low != shown_low:
        assert not _engine_accepts(check(limit.low - limit.resolution)), label
    if limit.high != shown_high:
        assert not _engine_accepts(check(limit.high + limit.resolution)), label


@pytest.mark.parametrize("kind", ["step", "exponential"])
def test_gamma_zero_cannot_be_entered_and_the_lowest_gamma_runs(kind):
    gamma = next(lim for lim in limits.SCHEDULE_PARAMETERS[kind] if lim.name == "gamma")
    assert gamma.low > 0 and gamma.clamp(0.0) == gamma.low
    with pytest.raises(ValueError):
        make_schedule(kind, gamma=0.0)  # the engine's rule the range follows
    spec = HikerSpec("sgd", 0.1, (2.0, 1.5), schedule=kind, schedule_params={"gamma": gamma.low})
    steps = list(hiker_stream(BOWL, [spec], 20))
    assert len(steps) == 21
    final = lr_sweep(
        BOWL, np.array([2.0, 1.5]), [0.01, 0.1], 20, schedule=make_hiker_schedule(spec)
    )
    assert np.all(np.isfinite(final))


def test_nesterov_momentum_starts_above_zero():
    momentum = limits.HYPERPARAMETERS["nesterov"][0]
    assert momentum.low > 0 and limits.HYPERPARAMETERS["momentum"][0].low == 0


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_value_a_box_can_hold_is_accepted(data):
    label, limit, check = data.draw(st.sampled_from(CASES))
    steps = round((limit.high - limit.low) / limit.resolution)
    k = data.draw(st.integers(0, steps))
    value = limit.low + k * limit.resolution
    value = int(round(value)) if limit.integer else round(value, limit.decimals)
    assert _engine_accepts(check(min(value, limit.high))), (label, value)


def test_random_landscape_limits_match_the_engine():
    high, low = limits.DIFFICULTY.high, limits.DIFFICULTY.low
    random_landscape(seed=limits.RANDOM_SEED.high, difficulty=high)
    random_landscape(seed=limits.RANDOM_SEED.low, difficulty=low)
    for outside in (low - limits.DIFFICULTY.resolution, high + limits.DIFFICULTY.resolution):
        with pytest.raises(ValueError):
            random_landscape(difficulty=outside)


def test_settings_the_engine_refuses_are_named_before_any_run():
    bad = HikerSpec("sgd", 0.1, (1.0,), schedule="step", schedule_params={"gamma": 0.0})
    assert "gamma" in hiker_problem(bad)
    assert hiker_problem(HikerSpec("adam", 0.1, (1.0,), hyper={"beta1": 0.5})) is None
    assert optimizer_hyper(HikerSpec("adam", 0.1, (1.0,))) == {"betas": (0.9, 0.999)}


def test_ranges_are_asked_of_the_engine_on_first_use_not_at_import():
    """Importing the module (done while the app starts) asks the engine nothing; the first
    use does, once, and ``from ... import NAME`` works as for any module constant."""
    import subprocess
    import sys

    script = (
        "import gdgame.ui.lab.input_limits as m\n"
        "calls = []\n"
        "original = m.engine_limit\n"
        "m.engine_limit = lambda *a, **k: calls.append(a[0]) or original(*a, **k)\n"
        "assert not {'NOISE', 'HYPERPARAMETERS', 'ALL_LIMITS'} & set(vars(m))\n"
        "from gdgame.ui.lab.input_limits import NOISE\n"
        "assert calls == ['noise'] and m.NOISE is NOISE and calls == ['noise']\n"
        "hyper = m.HYPERPARAMETERS\n"
        "assert len(m.ALL_LIMITS) == len(set(m.ALL_LIMITS)) > 10\n"
        "assert m.HYPERPARAMETERS is hyper and m.NOISE is NOISE  # asked once, kept\n"
        "try:\n"
        "    m.NO_SUCH_LIMIT\n"
        "except AttributeError as error:\n"
        "    assert 'NO_SUCH_LIMIT' in str(error)\n"
        "else:\n"
        "    raise SystemExit('an unknown name was handed out')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
