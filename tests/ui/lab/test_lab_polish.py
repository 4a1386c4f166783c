"""The Lab as a teacher meets it: empty plots that explain themselves, a Lab menu with
keyboard shortcuts, presets whose lesson is visible, hikers that leave the map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.screen import LabScreen


@pytest.fixture
def lab(shown_screen):
    return shown_screen(LabScreen)


def finish(lab, qtbot):
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.controller.play()


def test_empty_plots_show_a_hint_and_the_whole_step_range(lab, qtbot):
    plots = lab.plots
    assert plots.hint.isVisible() and "Play" in plots.hint.text()
    loss_axis = plots.loss_plot.getPlotItem().getAxis("left")
    assert loss_axis.style["showValues"] is False  # no meaningless numbers around one point
    x_range = plots.loss_plot.getPlotItem().vb.viewRange()[0]
    assert x_range[0] <= 0 < 60 <= x_range[1] < 70  # 0..steps, not a default +-400
    assert not lab.sweep.hint.isHidden() and "Run sweep" in lab.sweep.hint.text()
    lab.actions.step.trigger()
    qtbot.waitUntil(lambda: not plots.hint.isVisible(), timeout=5000)
    assert lab.controller.step_count() == 1
    assert loss_axis.style["showValues"] is True
    lab.actions.reset.trigger()
    assert plots.hint.isVisible()


def test_lab_menu_lists_commands_with_shortcuts_only_while_shown(lab, qtbot):
    names = {a.text(): a.shortcut().toString() for a in lab.menu_actions() if a.text()}
    assert names == {
        "Play / Pause": "Space",
        "Step": "S",
        "Reset": "R",
        "Faster": "+",
        "Slower": "-",
        "Log-Scale Loss": "L",
        "Run Sweep": "Ctrl+Return",
        "Cancel Sweep / Range Test": "Esc",
        "Data Panel": "D",
        "Run Range Test": "Ctrl+T",
        "Use Suggested Rate": "Ctrl+U",
        "Export Run…": "Ctrl+E",
        "Save Plots…": "Ctrl+Shift+E",
    }
    assert all(a.isEnabled() for a in lab.menu_actions() if not a.isSeparator())
    lab.deactivate()  # another screen is shown: Space, S and R belong to it
    assert not any(a.isEnabled() for a in lab.menu_actions() if not a.isSeparator())
    lab.activate()
    for button, key in (
        (lab.run_panel.play_button, "Space"),
        (lab.run_panel.step_button, "(S)"),
        (lab.run_panel.reset_button, "(R)"),
        (lab.sweep.run_button, "Ctrl+Enter"),
        (lab.save_run_button, "Ctrl+E"),
    ):
        assert key in button.toolTip()


def test_space_key_plays_and_pauses(lab, qtbot):
    lab.activateWindow()
    qtbot.waitUntil(lab.isActiveWindow, timeout=5000)
    lab.run_panel.steps.setValue(5000)
    lab.run_panel.play_button.setFocus()
    qtbot.keyClick(lab.run_panel.play_button, Qt.Key.Key_Space)
    assert lab.controller.state == "playing"
    qtbot.keyClick(lab.run_panel.play_button, Qt.Key.Key_Space)
    assert lab.controller.state == "paused"
    speed = lab.run_panel.speed.value()
    qtbot.keyClick(lab.run_panel.play_button, Qt.Key.Key_Minus)
    assert lab.run_panel.speed.value() == speed - 1
    assert lab.controller.speed == lab.run_panel.speed_value()
    qtbot.keyClick(lab.run_panel.play_button, Qt.Key.Key_L)
    assert lab.plots.log_loss.isChecked() and lab.actions.log_loss.isChecked()


def test_overshoot_preset_shows_the_hiker_leaving_the_map(lab, qtbot):
    lab.preset.setCurrentIndex(lab.preset.findData("overshoot-demo"))
    lab.preset.activated.emit(lab.preset.currentIndex())
    assert lab.run_panel.play_button.hasFocus()  # Space now plays, not the combo box
    finish(lab, qtbot)
    assert lab.surface.off_map() == [False, False, True]
    labels = lab.map_area.legend.entries  # the legend strip under the map
    assert labels[2].endswith("(off the map)") and "off the map" not in labels[0]
    lab.reset_run()
    lab.controller.step_once()
    qtbot.waitUntil(lambda: lab.controller.step_count() == 1, timeout=5000)
    assert lab.surface.off_map() == [False, False, False]


def test_decay_preset_turns_on_the_log_loss_and_uses_its_seed(lab, qtbot):
    lab.open(preset="decay-schedule")
    assert lab.plots.log_loss.isChecked()
    finish(lab, qtbot)
    first = lab.controller.recording.positions[: lab.controller.recording.count].copy()
    lab.open(preset="decay-schedule")
    finish(lab, qtbot)
    assert (lab.controller.recording.positions[: len(first)] == first).all()  # same seed
    lab.open(preset="too-small")
    assert not lab.plots.log_loss.isChecked()


def test_hikers_sharing_a_start_get_nested_rings(lab):
    lab.hikers.set_specs([HikerSpec("sgd", 0.1, (1.0, 1.0)) for _ in range(3)])
    rings = lab.surface._start_items[1::2]  # each start: a halo, then the coloured ring
    sizes = [item.points()[0].size() for item in rings]
    assert sizes[0] < sizes[1] < sizes[2]


def test_narrow_window_moves_plots_and_sweep_to_tabs(lab, qtbot):
    assert lab.views.is_wide() and lab.views.tabBar().isHidden()
    lab.resize(900, 560)  # e.g. 1280 x 800 pixels at a scale factor of 1.5
    qtbot.waitUntil(lambda: not lab.views.is_wide(), timeout=5000)
    tabs = [lab.views.tabText(i) for i in range(lab.views.count())]
    assert tabs == ["Map", "Plots", "Step by step", "Sweep", "Phase map", "Data", "Range test"]
    assert lab.views.width() >= lab.views.minimumSizeHint().width()  # nothing clipped
    lab.sweep.count.setValue(20)
    with qtbot.waitSignal(lab.sweep.finished, timeout=10_000):
        lab.actions.sweep.trigger()
    assert lab.views.currentWidget() is lab.sweep  # the sweep shows itself
    lab.sweep.rateChosen.emit(0.0123456)
    assert lab.views.currentWidget() is lab.views.race  # back to the map to watch it
    assert lab.hikers.selected().lr == pytest.approx(0.0123)  # rounded for reading
    lab.resize(1280, 800)
    qtbot.waitUntil(lab.views.is_wide, timeout=5000)
    assert lab.views.count() == 1 and lab.sweep.isVisible() and lab.plots.isVisible()


def test_sweep_result_replaces_the_hint_and_fits_the_view(lab, qtbot):
    lab.sweep.count.setValue(30)
    with qtbot.waitSignal(lab.sweep.finished, timeout=10_000):
        lab.start_sweep()
    assert not lab.sweep.hint.isVisible()
    assert all(lab.sweep.plot.getPlotItem().vb.autoRangeEnabled())
    lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData("double_well"))
    assert lab.sweep.hint.isVisible() and lab.sweep.best_rate is None  # old result is gone
    assert lab.sweep.rates.size == 0 and not lab.sweep.safe_line.isVisible()


def test_save_dialogs_add_the_chosen_suffix_and_remember_the_folder(
    lab, ctx, tmp_path, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    messages, asked, questions = [], [], []
    ctx.notify = messages.append
    monkeypatch.setattr(  # the second save finds my-run.json: it asks, we say Yes
        QMessageBox,
        "exec",
        lambda box: questions.append(box.text()) or QMessageBox.StandardButton.Yes,
    )

    def fake_dialog(_parent, _title, start, _filters):
        asked.append(start)
        return str(tmp_path / "my-run"), "JSON (*.json)"

    QFileDialog.getSaveFileName, original = fake_dialog, QFileDialog.getSaveFileName
    try:
        lab.actions.step.trigger()
        qtbot.waitUntil(lambda: lab.controller.step_count() == 1, timeout=5000)
        lab.actions.export_run.trigger()
        lab.actions.export_run.trigger()
    finally:
        QFileDialog.getSaveFileName = original
    assert (tmp_path / "my-run.json").read_text().startswith("{")
    assert messages[-1] == "Saved my-run.json"
    assert asked[1].startswith(str(tmp_path))  # the second time it opens where we saved
    assert len(questions) == 1 and "my-run.json" in questions[0]  # asked before replacing


def test_svg_export_is_a_drawable_picture(lab, tmp_path):
    from PySide6.QtSvg import QSvgRenderer

    written = lab.export_plots(tmp_path / "plots.svg")
    for path in written:
        renderer = QSvgRenderer(str(path))
        assert renderer.isValid() and renderer.defaultSize().width() > 100, path.name


def test_bad_formula_says_the_old_landscape_stays_and_counter_says_paused(lab, qtbot):
    lab.landscapes.kind.setCurrentIndex(lab.landscapes.kind.findData("custom"))
    lab.landscapes.formula.setText("foo(x)")
    with qtbot.waitSignal(lab.landscapes.buildFinished, timeout=10_000):
        lab.landscapes.apply_formula.click()
    assert "previous landscape" in lab.landscapes.error.text()
    lab.run_panel.steps.setValue(5000)
    lab.actions.play.trigger()
    qtbot.waitUntil(lambda: lab.controller.step_count() >= 1, timeout=5000)
    lab.deactivate()  # the user opens another screen mid-run
    assert lab.run_panel.counter.text().endswith("(paused)")


def test_window_lab_menu_keys_work_only_on_the_lab(qtbot, ctx):
    from gdgame.ui.home import HomeScreen
    from gdgame.ui.main_window import MainWindow

    window = MainWindow(ctx, [HomeScreen, LabScreen])
    qtbot.addWidget(window)
    try:
        lab = window.screens["lab"]  # built (the window builds screens as needed)
        menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
        assert "Lab" in menus
        window.navigate("home")
        assert not lab.actions.play.isEnabled()
        window.navigate("lab")
        assert lab.actions.play.isEnabled() and lab.actions.step.isEnabled()
        window.navigate("home")
        assert not lab.actions.reset.isEnabled()
    finally:
        window.shutdown()


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_the_settings_column_shows_every_field_whole(lab, qtbot, size):
    """No button or number box of the left column is cut at its right edge."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QPushButton, QScrollArea

    lab.resize(*size)
    scroll = next(s for s in lab.findChildren(QScrollArea) if s.accessibleName() == "Lab settings")
    qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
    column = scroll.widget()
    right = scroll.viewport().width()
    fields = [
        w
        for kind in (QPushButton, QAbstractSpinBox, QComboBox)
        for w in column.findChildren(kind)
        if w.isVisibleTo(column)
    ]
    assert fields
    for widget in fields:
        edge = widget.mapTo(column, widget.rect().topRight()).x()
        assert edge < right, (widget.accessibleName() or widget.text(), edge, right)
        assert widget.width() >= widget.minimumSizeHint().width() - 1


def test_the_results_table_says_when_a_hiker_ended_above_its_start():
    from gdgame.engine.analysis import HikerResult
    from gdgame.ui.lab.results_table import NEVER, RISING, row_cells

    spec = HikerSpec("sgd", 1.04, (1.0, 1.0))
    slow = HikerResult(1.2e4, 2.0, 0, None, None, rising=True)
    settled = HikerResult(1e-6, 1e-6, 30, 12, None)
    assert row_cells(0, spec, slow)[-1][0] == RISING
    assert row_cells(0, spec, settled)[-1][0] == NEVER
