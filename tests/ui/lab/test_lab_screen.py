"""The Lab screen: races stream from a worker, sweeps run off the GUI thread, formulas,
presets and exports. Every test shuts the screen down (no leaked timers/threads)."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from gdgame.engine.presets import HikerSpec, list_presets
from gdgame.ui.lab.run_setup import CUSTOM, LandscapeChoice
from gdgame.ui.lab.screen import LabScreen


@pytest.fixture
def lab(qtbot, ctx):
    screen = LabScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    yield screen
    screen.shutdown()


def race(lab, qtbot, specs, steps):
    lab.landscapes.select(LandscapeChoice(kind="quadratic", params={"scales": (1.0, 4.0)}))
    lab.hikers.set_specs(specs)
    lab.run_panel.steps.setValue(steps)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.run_panel.play_button.click()


def test_two_hikers_fifty_steps_give_fifty_one_points(lab, qtbot):
    specs = [HikerSpec("sgd", 0.1, (2.0, 1.5)), HikerSpec("adam", 0.05, (-2.0, 1.0))]
    race(lab, qtbot, specs, 50)
    counts = lab.plots.point_counts()
    assert counts == {"loss": [51, 51], "gradient": [51, 51], "rate": [51, 51]}
    assert lab.controller.step_count() == 50
    assert "Step 50 / 50" in lab.run_panel.counter.text()
    recording = lab.controller.recording
    np.testing.assert_allclose(recording.positions[0], [[2.0, 1.5], [-2.0, 1.0]])
    assert recording.losses[50, 0] < recording.losses[0, 0]  # the sgd hiker went downhill
    assert lab.map_area.legend.entries == ["1. SGD lr=0.1", "2. Adam lr=0.05"]


def test_pause_stops_the_counter_and_resume_continues(lab, qtbot):
    lab.hikers.set_specs(
        [HikerSpec("sgd", 0.05, (2.0, 2.0)), HikerSpec("momentum", 0.02, (2.0, 2.0))]
    )
    lab.run_panel.steps.setValue(5000)
    lab.run_panel.speed.setValue(5)  # 50 steps per second
    lab.run_panel.play_button.click()
    qtbot.waitUntil(lambda: lab.controller.step_count() >= 3, timeout=5000)
    lab.run_panel.play_button.click()  # pause
    assert lab.controller.state == "paused"
    # a request in flight may still land; then the timer stops and nothing asks for more
    qtbot.waitUntil(lambda: not lab.controller.busy(), timeout=5000)
    paused_at = lab.controller.step_count()
    QApplication.processEvents()  # anything still queued would arrive now
    assert lab.controller.step_count() == paused_at and not lab.controller.busy()
    lab.run_panel.step_button.click()
    qtbot.waitUntil(lambda: lab.controller.step_count() == paused_at + 1, timeout=5000)
    lab.run_panel.play_button.click()  # resume
    assert lab.controller.state == "playing"
    qtbot.waitUntil(lambda: lab.controller.step_count() > paused_at + 3, timeout=5000)
    lab.run_panel.reset_button.click()
    assert lab.controller.step_count() == 0


def test_leaving_and_coming_back_resumes_the_same_run(lab, qtbot):
    lab.run_panel.steps.setValue(30)
    lab.run_panel.step_button.click()
    qtbot.waitUntil(lambda: lab.controller.step_count() == 1, timeout=5000)
    before = lab.controller.recording.positions[:2].copy()
    lab.deactivate()
    lab.activate()
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.controller.play()
    assert lab.controller.recording.count == 31
    np.testing.assert_array_equal(lab.controller.recording.positions[:2], before)


def test_sweep_reports_progress_and_marks_best_and_safe_rate(lab, qtbot):
    lab.landscapes.select(LandscapeChoice(kind="quadratic", params={"scales": (2.0,)}))
    lab.sweep.count.setValue(60)
    lab.sweep.steps.setValue(200)
    with (
        qtbot.waitSignal(lab.sweep.finished, timeout=10_000),
        qtbot.waitSignal(lab.sweep.progressed, timeout=10_000),
    ):
        lab.sweep.run_button.click()
    assert len(lab.sweep.rates) == 60
    assert lab.sweep.progress.value() == 100
    assert lab.sweep.safe_rate == pytest.approx(1.0)  # f = x^2: L = 2
    assert 0.3 < lab.sweep.best_rate < 1.0
    assert lab.sweep.safe_line.isVisible()
    assert "Best rate" in lab.sweep.status.text()
    # clicking a point hands its rate to the selected hiker
    lab.sweep.rateChosen.emit(0.25)
    assert lab.hikers.selected().lr == pytest.approx(0.25)


def test_sweep_uses_the_noise_slider(lab, qtbot):
    lab.landscapes.select(LandscapeChoice(kind="quadratic", params={"scales": (2.0,)}))
    lab.sweep.count.setValue(20)
    lab.sweep.steps.setValue(50)
    finals = []
    for noise in (0.0, 1.0):
        lab.run_panel.set_noise(noise)
        with qtbot.waitSignal(lab.sweep.finished, timeout=10_000):
            lab.start_sweep()
        finals.append(lab.sweep.losses.copy())
    assert not np.allclose(finals[0], finals[1])  # stochastic gradients change the outcome


def test_sweep_can_be_cancelled(lab, qtbot):
    lab.sweep.count.setValue(10_000)
    lab.sweep.steps.setValue(5000)
    with qtbot.waitSignal(lab.sweep.progressed, timeout=10_000):
        lab.start_sweep()
    assert lab.sweep.is_running()
    with qtbot.waitSignal(lab.sweep.cancelled, timeout=10_000):
        lab.sweep.cancel_button.click()
    assert not lab.sweep.is_running()
    assert lab.sweep.run_button.isEnabled()
    assert "cancelled" in lab.sweep.status.text()


def test_custom_formula_accepted_and_drawn(lab, qtbot):
    with qtbot.waitSignal(lab.landscapes.buildFinished, timeout=10_000):
        lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData(CUSTOM))
    lab.landscapes.formula.setText("x**4 - 3*x**2 + y**2")
    with qtbot.waitSignal(lab.landscapes.buildFinished, timeout=10_000) as built:
        lab.landscapes.apply_formula.click()
    assert built.args == [True]
    assert lab.landscape.name == "custom"
    assert lab.landscape.dim == 2
    assert lab.landscapes.error.isHidden()
    assert "d/dx = 4 * x**3 - 6 * x" in lab.landscapes.slope.text()
    assert lab.surface.landscape is lab.landscape


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("__import__('os')", "not an allowed function"),
        ("1/0", "Division by zero"),
        ("x + banana", "Unknown name 'banana'"),
        ("x.__class__", "Attribute access"),
        ("lambda: 3", "lambda"),
        ("x**99999", "exponent"),
        ("log(x)", "not a finite number"),
    ],
)
def test_custom_formula_rejected_with_inline_error(lab, qtbot, formula, message):
    before = lab.landscape
    with qtbot.waitSignal(lab.landscapes.buildFinished, timeout=10_000):
        lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData(CUSTOM))
    good = lab.landscape
    lab.landscapes.formula.setText(formula)
    with qtbot.waitSignal(lab.landscapes.buildFinished, timeout=10_000) as built:
        lab.landscapes.formula.returnPressed.emit()
    assert built.args == [False]
    assert message in lab.landscapes.error.text()
    assert lab.landscapes.error.isVisible()
    assert lab.landscape is good  # the previous landscape stays in place
    assert before is not None


@pytest.mark.parametrize("preset_id", list_presets())
def test_presets_open_by_navigation_target(lab, qtbot, preset_id):
    lab.open(preset=preset_id)
    assert lab.preset.currentData() == preset_id
    assert lab.preset_note.text()
    assert len(lab.hikers.specs()) >= 2
    assert lab.controller.steps == lab.run_panel.steps.value()
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.controller.play()
    assert lab.controller.recording.count == lab.controller.steps + 1
    qtbot.waitUntil(lambda: not lab.landscapes.building(), timeout=10_000)
    assert lab.preset.currentData() == preset_id  # its own landscape keeps it chosen


def test_choosing_another_landscape_clears_the_preset_and_its_text(lab, qtbot):
    preset_id = list_presets()[0]
    lab.open(preset=preset_id)
    described = lab.preset_note.text()
    other = next(
        i
        for i in range(lab.landscapes.kind.count())
        if lab.landscapes.kind.itemData(i) not in (lab.landscapes.choice.kind, "custom", "random")
    )
    lab.landscapes.kind.setCurrentIndex(other)
    qtbot.waitUntil(lambda: lab.preset.currentIndex() == 0, timeout=5000)
    assert lab.preset_note.text() != described and "pick one" in lab.preset_note.text()


def test_unknown_preset_is_reported_not_raised(lab, ctx):
    messages = []
    ctx.notify = messages.append
    lab.open(preset="no-such-preset")
    assert messages and "no-such-preset" in messages[0]


def test_click_on_the_map_places_the_selected_hiker(lab, qtbot):
    assert lab.landscape.dim == 2
    view = lab.surface
    target = view.getPlotItem().vb.mapViewToScene(pg_point(1.0, -1.0))
    pos = view.mapFromScene(target)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos.x(), pos.y()))
    start = lab.hikers.selected().start
    assert start == pytest.approx((1.0, -1.0), abs=0.1)


def pg_point(x, y):
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def test_add_and_remove_hikers_up_to_eight(lab):
    while lab.hikers.add_button.isEnabled():
        lab.hikers.add_button.click()
    assert len(lab.hikers.specs()) == 8
    assert len(lab.plots.curves["loss"]) == 8
    lab.hikers.remove_button.click()
    assert len(lab.hikers.specs()) == 7


def test_export_run_and_plots(lab, qtbot, tmp_path):
    race(lab, qtbot, [HikerSpec("sgd", 0.1, (2.0, 1.0)), HikerSpec("adam", 0.1, (1.0, 2.0))], 10)
    csv_path = lab.export_run(tmp_path / "run.csv")
    with csv_path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 * 11
    assert {"position_x", "position_y", "loss", "gradient_x", "learning_rate"} <= set(rows[0])
    data = json.loads(lab.export_run(tmp_path / "run.json").read_text())
    assert [len(h["steps"]) for h in data["hikers"]] == [11, 11]
    for suffix in (".png", ".svg"):
        written = lab.export_plots(tmp_path / f"plots{suffix}")
        assert len(written) == 6  # map, sweep, phase map and the three live plots
        assert all(p.exists() and p.stat().st_size > 0 for p in written)


def test_smoke_returns_race_and_sweep_lines(lab):
    from gdgame.ui.smoke import wait

    lines = lab.smoke(wait)
    assert lines[0] == "lab: race 2 hikers x 40 steps"
    assert lines[1].startswith("lab: sweep 50 rates, best lr=")


def test_switching_between_1d_and_2d_keeps_the_optimisers(lab, qtbot):
    lab.hikers.set_specs(
        [HikerSpec("nesterov", 0.02, (3.0, 3.0)), HikerSpec("rmsprop", 0.05, (3.0, 3.0))]
    )
    lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData("double_well"))
    assert lab.landscape.dim == 1
    specs = lab.hikers.specs()
    assert [s.optimizer for s in specs] == ["nesterov", "rmsprop"]
    assert all(len(s.start) == 1 for s in specs)
    assert not lab.hikers.start_y.isEnabled()  # kept in place (nothing jumps), unused
    lab.run_panel.steps.setValue(20)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.controller.play()
    assert lab.plots.point_counts()["loss"] == [21, 21]


def test_settings_are_remembered(qtbot, ctx):
    first = LabScreen(ctx)
    first.run_panel.speed.setValue(2)
    first.plots.log_loss.setChecked(True)
    first.shutdown()
    second = LabScreen(ctx)
    assert second.run_panel.speed.value() == 2
    assert second.plots.log_loss.isChecked()
    second.shutdown()
    for screen in (first, second):  # never shown: let Qt delete them, not the garbage collector
        screen.deleteLater()
    qtbot.wait(20)


def test_every_landscape_can_be_picked_drawn_and_raced(lab, qtbot):
    names = [lab.landscapes.kind.itemData(i) for i in range(lab.landscapes.kind.count())]
    assert "rosenbrock" in names and "random" in names and "custom" in names
    lab.run_panel.steps.setValue(5)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    for index, name in enumerate(names):
        if name == CUSTOM:  # a formula is built in a worker: wait for it
            with qtbot.waitSignal(lab.landscapes.buildFinished, timeout=10_000):
                lab.landscapes.kind.setCurrentIndex(index)
        else:
            lab.landscapes.kind.setCurrentIndex(index)
        assert lab.landscapes.error.isHidden(), (name, lab.landscapes.error.text())
        assert lab.surface.landscape is lab.landscape
        with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
            lab.controller.play()
        assert lab.controller.recording.count == 6, name
    lab.landscapes.kind.setCurrentIndex(names.index("random"))
    lab.landscapes.random_dim.setCurrentText("1D")
    assert lab.landscape.dim == 1
    lab.landscapes.seed.setValue(42)
    assert lab.landscape.dim == 1 and lab.landscapes.error.isHidden()


def test_editing_a_hiker_changes_its_optimiser_rate_and_schedule(lab, qtbot):
    lab.hikers.set_specs([HikerSpec("sgd", 0.01, (3.5, 3.5)), HikerSpec("sgd", 0.01, (3.5, 3.5))])
    lab.hikers.list.setCurrentRow(1)
    lab.hikers.choose_optimizer("adam")
    assert set(lab.hikers.hyper_boxes) == {"beta1", "beta2"}
    lab.hikers.hyper_boxes["beta1"].setValue(0.8)
    lab.hikers.lr.setValue(0.05)
    lab.hikers.choose_schedule("step")
    assert set(lab.hikers.schedule_boxes) == {"step_size", "gamma"}
    lab.hikers.schedule_boxes["step_size"].setValue(5)
    lab.hikers.schedule_boxes["gamma"].setValue(0.5)
    spec = lab.hikers.specs()[1]
    assert (spec.optimizer, spec.lr, spec.schedule) == ("adam", 0.05, "step")
    assert spec.hyper["beta1"] == pytest.approx(0.8)
    assert spec.schedule_params == {"step_size": 5, "gamma": 0.5}
    assert lab.hikers.specs()[0].optimizer == "sgd"  # the other hiker is untouched
    lab.run_panel.steps.setValue(12)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.controller.play()
    rates = lab.controller.recording.lrs[1:13, 1]
    np.testing.assert_allclose(rates, [0.05] * 5 + [0.025] * 5 + [0.0125] * 2)


def test_a_new_sweep_replaces_a_running_one(lab, qtbot):
    lab.sweep.count.setValue(10_000)
    lab.sweep.steps.setValue(5000)
    with qtbot.waitSignal(lab.sweep.progressed, timeout=10_000):
        lab.start_sweep()
    lab.sweep.count.setValue(20)
    lab.sweep.steps.setValue(10)
    with qtbot.waitSignal(lab.sweep.finished, timeout=10_000) as blocker:
        lab.start_sweep()
    assert len(blocker.args[0]) == 20
    # the replaced sweep was cancelled; once its thread has ended nothing of it can arrive
    qtbot.waitUntil(lambda: len(lab.sweep._retired) == 0, timeout=10_000)
    QApplication.processEvents()
    assert len(lab.sweep.rates) == 20 and not lab.sweep.is_running()


def test_landscape_parameters_can_be_edited_safely(lab):
    lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData("ravine"))
    assert "condition=20.0" in lab.landscapes.params.text()
    lab.landscapes.params.setText("condition=50, angle=30")
    lab.landscapes.params.returnPressed.emit()
    assert lab.landscape.params == {"condition": 50.0, "angle": 30.0}
    good = lab.landscape
    for text, message in (
        ("condition=__import__('os')", "must be a number"),
        ("condition=0.5", "at least 1"),
        ("colour=3", "Unknown parameter"),
        ("condition=", "name=value"),
    ):
        lab.landscapes.params.setText(text)
        lab.landscapes.params.returnPressed.emit()
        assert message in lab.landscapes.error.text(), text
        assert lab.landscape is good
    lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData("quadratic"))
    lab.landscapes.params.setText("scales=(1, 4)")
    lab.landscapes.params.returnPressed.emit()
    assert lab.landscape.dim == 2 and lab.landscapes.error.isHidden()
    lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData("rastrigin"))
    lab.landscapes.params.setText("dim=3")
    lab.landscapes.params.returnPressed.emit()
    assert "1D and 2D" in lab.landscapes.error.text()


def test_sweep_range_typed_backwards_still_sweeps_between_the_two(lab, qtbot):
    lab.landscapes.select(LandscapeChoice(kind="quadratic", params={"scales": (2.0,)}))
    lab.sweep.count.setValue(20)
    lab.sweep.low.setValue(3.0)
    lab.sweep.high.setValue(0.001)
    with qtbot.waitSignal(lab.sweep.finished, timeout=10_000):
        lab.sweep.run_button.click()
    assert lab.sweep.rates.min() == pytest.approx(0.001)
    assert lab.sweep.rates.max() == pytest.approx(3.0)
    assert lab.sweep.best_rate is not None and lab.sweep.best_rate < 1.0


def test_saved_plots_show_their_curves_even_from_a_tab_never_opened(lab, qtbot, tmp_path):
    """Save Plots from the map in a narrow window: the live plots on their hidden tab draw
    only when shown, so they were written with axes but no curves."""
    from PySide6.QtGui import QColor, QImage

    from gdgame.ui import theme

    lab.views.arrange(False)  # a narrow window: map and plots on tabs of their own
    lab.views.show_race()
    race(lab, qtbot, [HikerSpec("sgd", 0.1, (2.0, 1.0))], 10)
    assert not lab.plots.loss_plot.isVisible()
    written = {p.stem.rsplit("-", 1)[-1]: p for p in lab.export_plots(tmp_path / "p.png")}
    image = QImage(str(written["loss"]))
    ink = QColor(theme.SERIES_COLORS[0])

    def near_ink(colour: QColor) -> bool:  # the curve is antialiased: close to its ink
        return (
            abs(colour.red() - ink.red())
            + abs(colour.green() - ink.green())
            + abs(colour.blue() - ink.blue())
            < 90
        )

    drawn = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if near_ink(QColor(image.pixel(x, y)))
    )
    assert drawn > 100  # the hiker's loss curve is in the picture
