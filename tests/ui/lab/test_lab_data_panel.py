"""Issue 15, Lab: the data panel draws the data and every hiker's current model."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from gdgame.engine import make_optimizer
from gdgame.engine.descent import Descent
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.run_setup import LandscapeChoice
from gdgame.ui.lab.screen import LabScreen
from gdgame.ui.theme import SERIES_COLORS

LINE_HIKERS = [
    HikerSpec("sgd", 0.05, (-1.0, 1.0)),
    HikerSpec("sgd", 0.3, (2.0, 5.0)),
    HikerSpec("momentum", 0.05, (0.5, 2.0), {"momentum": 0.8}),
]


@pytest.fixture
def lab(shown_screen):
    return shown_screen(LabScreen)


def choose(lab, kind, **params):
    assert lab.landscapes.select(LandscapeChoice(kind=kind, params=params))


def run(lab, qtbot, specs, steps):
    lab.hikers.set_specs(specs)
    lab.run_panel.steps.setValue(steps)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.controller.play()
    lab.views.show_page(lab.data_panel)
    qtbot.waitUntil(lab.data_panel.isVisible, timeout=2000)
    lab._repaint()


def ends(curve) -> np.ndarray:
    return curve.ends()


@pytest.mark.parametrize("kind", ["penguin_mass", "penguin_mass_unscaled"])
def test_each_hiker_is_its_line_in_its_colour_at_its_recorded_weights(lab, qtbot, kind):
    choose(lab, kind)
    land = lab.landscape
    scale = 0.001 if "unscaled" in kind else 1.0  # the ravine takes small rates only
    specs = [replace(s, lr=s.lr * scale) for s in LINE_HIKERS]
    run(lab, qtbot, specs, 25)
    panel, recording = lab.data_panel, lab.controller.recording
    assert len(panel.curves) == len(specs)
    for i, (curve, spec) in enumerate(zip(panel.curves, specs, strict=True)):
        assert curve.colour() == SERIES_COLORS[i].lower()
        start = recording.positions[0, i]  # the start, fitted into the landscape's box
        core = Descent(land, start, make_optimizer(spec.optimizer, spec.lr, **spec.hyper))
        for _ in range(25):
            core.step()
        weights = recording.positions[recording.count - 1, i]
        np.testing.assert_allclose(weights, core.X[0], rtol=1e-12)
        (x0, y0), (x1, y1) = ends(curve)
        slope = (y1 - y0) / (x1 - x0)  # kg per mm of flipper, read off the drawing
        flippers = np.array([180.0, 220.0])
        drawn = y0 + slope * (flippers - x0)
        np.testing.assert_allclose(drawn, land.predict(core.X[0], flippers), rtol=1e-9)
    best = ends(panel.best)
    np.testing.assert_allclose(best, land.best_line())
    item = panel.plot.getPlotItem()
    assert item.getAxis("bottom").labelText == "flipper length (mm)"  # real units, scaled or not
    assert item.getAxis("left").labelText == "body mass (kg)"
    assert panel.legend.labels()[-1] == "best line"


def test_the_boundary_of_each_hiker_passes_where_its_logit_is_zero(lab, qtbot):
    choose(lab, "penguin_species")
    land = lab.landscape
    specs = [HikerSpec("sgd", 0.5, (1.0, -2.0)), HikerSpec("adam", 0.1, (-1.0, 1.5))]
    run(lab, qtbot, specs, 15)
    panel, recording = lab.data_panel, lab.controller.recording
    for i, curve in enumerate(panel.curves):
        weights = recording.positions[recording.count - 1, i]
        points = ends(curve)
        assert np.linalg.norm(points[1] - points[0]) > 1.0  # a real segment across the box
        logits = land.to_features(points) @ weights
        np.testing.assert_allclose(logits, 0.0, atol=1e-9)
        np.testing.assert_allclose(land.predict(weights, points), 0.5, atol=1e-9)
    assert panel.plot.getPlotItem().getAxis("bottom").labelText == "bill length (mm)"
    assert panel.legend.labels()[:2] == list(land.class_names)


def test_the_lines_follow_the_hikers_step_by_step(lab, qtbot):
    choose(lab, "penguin_mass")
    lab.hikers.set_specs(LINE_HIKERS[:2])
    lab.views.show_page(lab.data_panel)
    qtbot.waitUntil(lab.data_panel.isVisible, timeout=2000)
    drawn = []
    for step in (1, 2, 3):
        lab.controller.step_once()
        qtbot.waitUntil(lambda s=step: lab.controller.recording.count == s + 1, timeout=5000)
        lab._repaint()
        recording = lab.controller.recording
        now = [ends(c) for c in lab.data_panel.curves]
        expected = lab.landscape.model_lines(recording.positions[step])
        np.testing.assert_allclose(np.stack(now), expected)
        drawn.append(now[0])
    assert not np.allclose(drawn[0], drawn[2])  # the line moved with the hiker


def test_the_latest_mini_batch_of_the_selected_hiker_is_ringed(lab, qtbot):
    choose(lab, "penguin_mass", batch_size=6)
    run(lab, qtbot, LINE_HIKERS[:2], 9)
    panel, recording = lab.data_panel, lab.controller.recording
    lab.hikers.list.setCurrentRow(1)
    rows = recording.last_step_batch(1)
    assert len(rows) == 6
    np.testing.assert_array_equal(panel.drawn_rows(), lab.landscape.data_view().x[rows])
    assert panel.ring_colour() == SERIES_COLORS[1].lower()
    panel.show_batch.setChecked(False)
    assert len(panel.drawn_rows()) == 0


def test_on_a_formula_landscape_the_tab_is_disabled_and_says_why(lab):
    choose(lab, "quadratic")
    panel, views = lab.data_panel, lab.views
    assert not panel.available and not views.page_enabled(panel)
    index = views.tools.indexOf(panel)
    assert not views.tools.isTabEnabled(index)
    assert "Penguins" in views.tools.tabToolTip(index)
    assert panel.stack.currentWidget() is panel.reason
    assert "models trained on data" in panel.reason.text()
    assert "Penguins: fit a line (scaled flipper length)" in panel.reason.text()
    assert panel.curves == []
    messages = []
    lab.ctx.notify = messages.append
    lab.actions.data_panel.trigger()  # the menu says so too
    assert messages == [panel.reason.text()]
    choose(lab, "penguin_mass")
    assert panel.available and views.tools.isTabEnabled(index)
    assert panel.stack.currentWidget() is not panel.reason


def test_a_dark_switch_redraws_the_points_in_the_new_text_colour(lab, qtbot):
    from PySide6.QtWidgets import QApplication

    from gdgame.ui import theme

    choose(lab, "penguin_mass")
    app = QApplication.instance()
    before = lab.data_panel._data_items[0].opts["symbolBrush"].color().name()
    theme.apply(app, dark=True)
    try:
        qtbot.waitUntil(
            lambda: lab.data_panel._data_items[0].opts["symbolBrush"].color().name() != before,
            timeout=2000,
        )
        assert (
            lab.data_panel._data_items[0].opts["symbolBrush"].color().name()
            == (theme.plot_colors()[1])
        )
    finally:
        theme.apply(app, dark=False)
