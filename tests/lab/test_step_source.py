"""The run's step source (Qt-free): resumes from its generator, checks cancel before every
step, never loses a step it pulled (issue 13, defect 2)."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import get_landscape
from gdgame.engine.analysis import SweepCancelled, lr_sweep
from gdgame.ui.lab.step_source import StepSource


class Counting:
    """A step generator factory that counts how often it is built and how many steps it made."""

    def __init__(self, fail_at: int | None = None):
        self.built = 0
        self.made = 0
        self.fail_at = fail_at

    def __call__(self):
        self.built += 1
        return self._steps()

    def _steps(self):
        k = 0
        while True:
            if k == self.fail_at:
                raise RuntimeError("the landscape broke")
            self.made += 1
            yield (np.array([k]),)
            k += 1


def _collect():
    batches = []
    return batches, lambda first, items: batches.append((first, [int(i[0][0]) for i in items]))


def test_a_second_take_resumes_where_the_first_stopped_without_replaying():
    factory = Counting()
    source = StepSource(factory, total=1000)
    batches, deliver = _collect()
    source.take(300, lambda: False, deliver)
    source.take(5, lambda: False, deliver)  # e.g. a new worker after leaving the Lab
    assert factory.built == 1 and factory.made == 305
    assert batches == [(0, list(range(300))), (300, [300, 301, 302, 303, 304])]


def test_cancel_is_checked_before_every_step_and_pulled_steps_are_delivered():
    factory = Counting()
    source = StepSource(factory, total=1000)
    checks = []

    def cancelled():
        checks.append(1)
        return len(checks) > 7

    batches, deliver = _collect()
    assert source.take(500, cancelled, deliver) == 7
    assert batches == [(0, list(range(7)))]  # what was made before the stop is kept
    assert source.produced == 7 and not source.done


def test_the_source_ends_after_total_steps():
    source = StepSource(Counting(), total=4)
    batches, deliver = _collect()
    source.take(100, lambda: False, deliver)
    assert source.done and batches == [(0, [0, 1, 2, 3])]
    assert source.take(100, lambda: False, deliver) == 0


def test_a_failing_generator_is_reported_once_and_stays_failed():
    source = StepSource(Counting(fail_at=3), total=100)
    batches, deliver = _collect()
    with pytest.raises(RuntimeError, match="broke"):
        source.take(10, lambda: False, deliver)
    assert batches == [(0, [0, 1, 2])]  # the steps before the error still arrive
    assert source.done and isinstance(source.error, RuntimeError)


def test_a_sweep_checks_cancel_after_every_step():
    calls = []

    def cancel():
        calls.append(1)
        return False

    bowl = get_landscape("quadratic", scales=(2.0,))
    lr_sweep(bowl, np.array([1.0]), np.linspace(0.01, 1, 10), 200, cancel=cancel)
    assert len(calls) == 199  # after each step but the last
    with pytest.raises(SweepCancelled, match="after 1 of"):
        lr_sweep(bowl, np.array([1.0]), np.linspace(0.01, 1, 10), 200, cancel=lambda: True)
