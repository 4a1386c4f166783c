"""The Lab's boxes take their ranges from ``input_limits`` (the engine's own limits), and
settings the engine refuses are named instead of crashing Play or Run sweep (defect 5)."""

from __future__ import annotations

import pytest

from gdgame.engine.presets import OPTIMIZERS, SCHEDULES, HikerSpec
from gdgame.ui.lab import input_limits as limits
from gdgame.ui.lab.screen import LabScreen


@pytest.fixture
def lab(shown_screen):
    return shown_screen(LabScreen)


def _range(box):
    return (box.minimum(), box.maximum())


def _same_ranges(boxes: dict, expected: tuple) -> bool:
    shown = {name: _range(box) for name, box in boxes.items()}
    wanted = {lim.name: (lim.low, lim.high) for lim in expected}
    return shown.keys() == wanted.keys() and all(
        shown[name] == pytest.approx(wanted[name]) for name in wanted
    )


def test_every_hiker_box_has_the_engine_range(lab):
    panel = lab.hikers
    assert _range(panel.lr) == pytest.approx((limits.LEARNING_RATE.low, limits.LEARNING_RATE.high))
    for optimizer in OPTIMIZERS:
        panel.choose_optimizer(optimizer)
        assert _same_ranges(panel.hyper_boxes, limits.HYPERPARAMETERS[optimizer]), optimizer
    for schedule in SCHEDULES:
        panel.choose_schedule(schedule)
        assert _same_ranges(panel.schedule_boxes, limits.SCHEDULE_PARAMETERS[schedule]), schedule


def test_gamma_zero_cannot_be_typed_and_the_run_works(lab, qtbot):
    lab.hikers.choose_schedule("exponential")
    gamma = lab.hikers.schedule_boxes["gamma"]
    gamma.setValue(0.0)
    assert gamma.value() > 0
    assert lab.hikers.selected().schedule_params["gamma"] > 0
    lab.run_panel.set_steps(10)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.run_panel.play_button.click()
    lab.sweep.count.setValue(5)
    with qtbot.waitSignal(lab.sweep.finished, timeout=10_000):
        lab.sweep.run_button.click()


def test_a_setting_the_engine_refuses_is_named_not_raised(lab):
    bad = HikerSpec("sgd", 0.1, (1.0, 1.0), schedule="step", schedule_params={"gamma": 0.0})
    lab.hikers.set_specs([bad])  # e.g. from a preset file: the boxes were bypassed
    assert lab.run_panel.counter.text().startswith("Cannot run:")
    assert "gamma" in lab.run_panel.counter.text()
    lab.start_sweep()
    assert lab.sweep.status.text().startswith("Cannot sweep:")
    assert not lab.sweep.is_running()


def test_the_run_panel_and_sweep_use_the_engine_ranges(lab):
    assert _range(lab.run_panel.steps) == (limits.RUN_STEPS.low, limits.RUN_STEPS.high)
    assert _range(lab.sweep.steps) == (limits.SWEEP_STEPS.low, limits.SWEEP_STEPS.high)
    assert _range(lab.sweep.low) == pytest.approx((limits.SWEEP_RATE.low, limits.SWEEP_RATE.high))
    lab.run_panel.noise.setValue(lab.run_panel.noise.maximum())
    assert lab.run_panel.noise_value() == pytest.approx(limits.NOISE.high)
