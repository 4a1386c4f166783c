"""Issue 15, Lab: the learning-rate range test tool."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import lr_range_test
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.run_setup import CUSTOM, LandscapeChoice
from gdgame.ui.lab.screen import LabScreen


@pytest.fixture
def lab(shown_screen):
    return shown_screen(LabScreen)


def on_bowl(lab, curvature: float, start=(1.5, -1.0)):
    choice = LandscapeChoice(kind="quadratic", params={"scales": (curvature, curvature)})
    assert lab.landscapes.select(choice)
    lab.hikers.set_specs([HikerSpec("sgd", 0.01, start), HikerSpec("adam", 0.1, start)])


def run_test(lab, qtbot):
    panel = lab.range_panel
    with qtbot.waitSignal(panel.finished, timeout=20_000):
        lab.actions.range_test.trigger()
    return panel.result


@pytest.mark.parametrize("curvature", [0.5, 4.0, 60.0])
def test_on_a_bowl_of_curvature_l_the_suggestion_lies_between_a_tenth_and_two_over_l(
    lab, qtbot, curvature
):
    on_bowl(lab, curvature)
    result = run_test(lab, qtbot)
    panel = lab.range_panel
    assert 0.1 / curvature <= result.suggested_rate <= 2.0 / curvature
    expected = lr_range_test(lab.landscape, np.array([1.5, -1.0]))  # the engine, run again
    assert result.suggested_rate == expected.suggested_rate
    text = panel.status.text()
    assert f"{result.suggested_rate:.3g}" in text and f"{result.steepest_rate:.3g}" in text
    assert f"{result.min_over_ten:.3g}" in text and "not a guarantee" in text
    assert panel.marks["steepest"].isVisible() and panel.marks["tenth"].isVisible()
    assert panel.marks["steepest"].value() == pytest.approx(np.log10(result.steepest_rate))
    assert panel.marks["tenth"].value() == pytest.approx(np.log10(result.min_over_ten))
    xs, ys = panel.smooth.getOriginalDataset()
    np.testing.assert_array_equal(xs, result.rates)
    np.testing.assert_allclose(ys, result.smoothed)
    assert lab.views.tools.currentWidget() is panel
    assert panel.plot.getPlotItem().getAxis("left").labelText == "loss"


def test_use_this_rate_gives_it_to_the_selected_hiker_and_undo_takes_it_back(lab, qtbot):
    on_bowl(lab, 4.0)
    lab.hikers.list.setCurrentRow(1)
    result = run_test(lab, qtbot)
    assert lab.range_panel.use_button.isEnabled()
    lab.actions.use_rate.trigger()
    assert lab.hikers.specs()[1].lr == float(f"{result.suggested_rate:.3g}")
    assert lab.hikers.specs()[0].lr == 0.01  # only the selected hiker
    undo = lab.range_panel.undo_button
    assert undo.isEnabled() and "0.1" in undo.text()
    undo.click()
    assert lab.hikers.specs()[1].lr == 0.1 and not undo.isEnabled()


def test_undo_gives_a_preset_hiker_its_name_back_with_its_rate(lab, qtbot):
    on_bowl(lab, 4.0)
    calm = HikerSpec("sgd", 0.2, (1.5, -1.0), label="calm: lr 0.2")
    lab.hikers.set_specs([calm, HikerSpec("adam", 0.1, (1.5, -1.0))])
    lab.hikers.list.setCurrentRow(0)
    run_test(lab, qtbot)
    lab.actions.use_rate.trigger()
    assert "calm" not in lab.hikers.list.item(0).text()  # the preset's name no longer fits
    lab.range_panel.undo_button.click()
    assert lab.hikers.specs()[0] == calm
    assert "calm: lr 0.2" in lab.hikers.list.item(0).text()


@pytest.mark.parametrize("change", ["remove another hiker", "edit the hiker", "add a hiker"])
def test_undo_is_withdrawn_once_the_hikers_change(lab, qtbot, change):
    """Undo remembers a hiker by its place: after a removal it would rename another one,
    after an edit it would put a preset's name on a hiker that no longer fits it."""
    on_bowl(lab, 4.0)
    calm = HikerSpec("sgd", 0.2, (1.5, -1.0), label="calm: lr 0.2")
    good = HikerSpec("sgd", 0.3, (1.5, -1.0), label="good: lr 0.3")
    lab.hikers.set_specs([HikerSpec("adam", 0.1, (1.5, -1.0)), calm, good])
    lab.hikers.list.setCurrentRow(1)
    run_test(lab, qtbot)
    lab.actions.use_rate.trigger()
    undo = lab.range_panel.undo_button
    assert undo.isEnabled()
    if change == "remove another hiker":
        lab.hikers.list.setCurrentRow(0)
        lab.hikers.remove_selected()
    elif change == "edit the hiker":
        lab.hikers.optimizer.setCurrentIndex(lab.hikers.optimizer.findData("adam"))
    else:
        lab.hikers.add_button.click()
    after = lab.hikers.specs()
    assert not undo.isEnabled()
    undo.click()  # a click that may still be on its way does nothing
    assert lab.hikers.specs() == after
    assert not any(spec.label == "calm: lr 0.2" for spec in after)


def test_cancel_leaves_the_lab_usable(lab, qtbot):
    on_bowl(lab, 4.0)
    panel = lab.range_panel
    panel.steps.setValue(panel.steps.maximum())
    with qtbot.waitSignal(panel.runner.cancelled, timeout=10_000):
        lab.actions.range_test.trigger()
        lab.actions.cancel_sweep.trigger()  # Esc
    assert "cancelled" in panel.status.text() and panel.result is None
    assert panel.run_button.isEnabled() and not panel.cancel_button.isEnabled()
    panel.steps.setValue(300)
    assert run_test(lab, qtbot).suggested_rate is not None  # runs again
    lab.controller.step_once()  # and the race still steps
    qtbot.waitUntil(lambda: lab.controller.recording.count == 2, timeout=5000)


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [("0.5", "0.01", "must be below the highest"), ("fast", "10", "must be a number")],
)
def test_a_bad_range_gives_a_message_and_runs_nothing(lab, qtbot, low, high, words):
    on_bowl(lab, 4.0)
    panel = lab.range_panel
    panel.low.setText(low)
    panel.high.setText(high)
    lab.actions.range_test.trigger()
    assert words in panel.status.text()
    assert not panel.is_running() and panel.result is None and panel.progress.value() == 0
    assert panel.run_button.isEnabled()


def test_a_hiker_on_the_bottom_gets_words_not_a_bogus_suggestion(lab, qtbot):
    on_bowl(lab, 4.0, start=(0.0, 0.0))
    result = run_test(lab, qtbot)
    panel = lab.range_panel
    assert result.suggested_rate is None
    assert "did not fall" in panel.status.text() and "Suggested" not in panel.status.text()
    assert not panel.use_button.isEnabled()
    assert not panel.marks["steepest"].isVisible() and not panel.marks["tenth"].isVisible()


def test_below_zero_the_test_reads_loss_minus_floor(lab, qtbot):
    with qtbot.waitSignal(lab.landscapes.buildFinished, timeout=20_000):
        lab.landscapes.select(LandscapeChoice(kind=CUSTOM, formula="x**4 - 3*x**2"))
    qtbot.waitUntil(lambda: lab.landscape.global_min_value < 0, timeout=5000)
    lab.hikers.set_specs([HikerSpec("sgd", 0.01, (0.5,))])
    result = run_test(lab, qtbot)
    panel = lab.range_panel
    assert result.floor < lab.landscape.global_min_value < 0
    assert result.suggested_rate is not None and not result.below_floor
    assert "loss − floor" in panel.status.text() and f"{result.floor:.6g}" in panel.status.text()
    assert panel.plot.getPlotItem().getAxis("left").labelText == "loss − floor"
    _, ys = panel.smooth.getOriginalDataset()
    np.testing.assert_allclose(ys, result.smoothed - result.floor)
    assert np.all(ys > 0)
    lab.landscapes.select(LandscapeChoice(kind="quadratic"))  # a new landscape: no floor
    assert panel.plot.getPlotItem().getAxis("left").labelText == "loss"


def test_the_sweeps_best_rate_stands_beside_the_suggestion(lab, qtbot):
    on_bowl(lab, 4.0)
    panel = lab.range_panel
    assert "No sweep" in panel.sweep_note.text()
    lab.sweep.count.setValue(30)
    with qtbot.waitSignal(lab.sweep.finished, timeout=20_000):
        lab.actions.sweep.trigger()
    best = lab.sweep.best_rate
    run_test(lab, qtbot)
    assert f"{best:.3g}" in panel.sweep_note.text()
    assert f"after {lab.sweep.steps.value()} steps" in panel.sweep_note.text()
    assert panel.marks["sweep"].isVisible()
    assert panel.marks["sweep"].value() == pytest.approx(np.log10(best))
    on_bowl(lab, 2.0)  # another landscape: the old sweep and test no longer apply
    assert "No sweep" in panel.sweep_note.text() and panel.result is None
