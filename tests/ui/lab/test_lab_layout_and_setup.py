"""Issue 14: a layout that does not jump, display names instead of ids, a legend outside
the data that follows dark mode, and a set-up that survives a restart."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from gdgame import display_names
from gdgame.engine.presets import OPTIMIZERS, SCHEDULES, HikerSpec
from gdgame.ui import theme
from gdgame.ui.lab.run_setup import CUSTOM, LandscapeChoice
from gdgame.ui.lab.screen import LabScreen

FORMULA = "x**4 - 3*x**2 + y**2 + 0.5*x*y"


@pytest.fixture
def lab(shown_screen):
    return shown_screen(LabScreen)


def geometry(root: QWidget) -> dict:
    """Where every visible widget under ``root`` sits, in ``root``'s coordinates."""
    shapes = {}
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root) and not widget.objectName().startswith("qt_"):
            corner = widget.mapTo(root, QPoint(0, 0))
            shapes[id(widget)] = (corner.x(), corner.y(), widget.width(), widget.height())
    return shapes


def test_no_widget_moves_when_the_optimiser_or_schedule_changes(lab, qtbot):
    lab.hikers.set_specs([HikerSpec("sgd", 0.1, (1.0, 1.0))])
    panel = lab.hikers
    QApplication.processEvents()
    fixed = [panel.add_button, panel.remove_button, panel.list, panel.lr, panel.schedule]
    before = {id(w): (w.mapTo(lab, QPoint(0, 0)), w.size()) for w in fixed}
    stack_size = (panel.hyper_stack.geometry(), panel.schedule_stack.geometry())
    outside = geometry(lab.run_panel) | {id(lab.views): lab.views.geometry().getRect()}
    for optimizer in OPTIMIZERS:
        panel.choose_optimizer(optimizer)
        for schedule in SCHEDULES:
            panel.choose_schedule(schedule)
            QApplication.processEvents()
            after = {id(w): (w.mapTo(lab, QPoint(0, 0)), w.size()) for w in fixed}
            assert after == before, (optimizer, schedule)
            assert (panel.hyper_stack.geometry(), panel.schedule_stack.geometry()) == stack_size
            assert (
                geometry(lab.run_panel) | {id(lab.views): lab.views.geometry().getRect()} == outside
            )
    panel.choose_optimizer("momentum")
    assert set(panel.hyper_boxes) == {"momentum"}
    label = panel.hyper_boxes["momentum"]
    assert label.mapTo(lab, QPoint(0, 0)).x() == panel.lr.mapTo(lab, QPoint(0, 0)).x()
    before_add = panel.add_button.mapTo(lab, QPoint(0, 0))
    panel.add_button.click()
    panel.add_button.click()
    assert panel.add_button.mapTo(lab, QPoint(0, 0)) == before_add  # never under the mouse


def test_the_lab_shows_display_names_not_ids(lab):
    kinds = [lab.landscapes.kind.itemText(i) for i in range(lab.landscapes.kind.count())]
    assert "Four equal valleys (Himmelblau)" in kinds and "himmelblau" not in kinds
    assert not any("_" in k or k == k.lower() for k in kinds)
    optimizers = [lab.hikers.optimizer.itemText(i) for i in range(lab.hikers.optimizer.count())]
    assert optimizers == [display_names.optimizer_name(o) for o in OPTIMIZERS]
    assert optimizers[:3] == ["SGD", "SGD with momentum", "Nesterov momentum"]
    lab.hikers.set_specs([HikerSpec("rmsprop", 0.01, (1.0, 1.0))])
    assert lab.hikers.list.item(0).text() == "1. RMSprop lr=0.01"
    assert lab.map_area.legend.entries == ["1. RMSprop lr=0.01"]


def test_legend_sits_outside_the_map_and_follows_dark_mode(lab, qtbot):
    legend = lab.map_area.legend
    assert not lab.surface.isAncestorOf(legend)
    corner = legend.mapTo(lab, QPoint(0, 0))
    assert corner.y() >= lab.surface.mapTo(lab, QPoint(0, 0)).y() + lab.surface.height()
    lab.landscapes.select(LandscapeChoice(kind="double_well"))  # 1-D: plain background
    app = QApplication.instance()
    try:
        theme.apply(app, dark=True)
        QApplication.processEvents()
        assert lab.surface.outline() == theme.plot_colors()[1] == "#e8eaed"
        ring = lab.surface._start_items[0]
        assert ring.opts["pen"].color().name() == "#e8eaed"  # a light halo on the dark map
    finally:
        theme.apply(app, dark=False)
        QApplication.processEvents()
    assert lab.surface._start_items[0].opts["pen"].color().name() != "#e8eaed"


def test_the_setup_survives_a_restart(qtbot, ctx):
    first = LabScreen(ctx)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.landscapes.buildFinished, timeout=10_000):
        first.landscapes.select(LandscapeChoice(kind=CUSTOM, formula=FORMULA))
    hikers = [
        HikerSpec("sgd", 0.01, (1.5, 1.0)),
        HikerSpec("momentum", 0.02, (1.0, -1.0), {"momentum": 0.8}),
        HikerSpec("nesterov", 0.01, (-1.0, 1.0), {"momentum": 0.7}),
        HikerSpec("adam", 0.05, (0.5, 0.5), {"beta1": 0.85, "beta2": 0.99}),
        HikerSpec("rmsprop", 0.01, (1.2, 1.2), {"alpha": 0.9}, "cosine", {"t_max": 50}),
    ]
    first.hikers.set_specs(hikers)
    first.run_panel.set_steps(321)
    first.run_panel.set_noise(0.4)
    first.sweep.low.setValue(0.002)
    first.sweep.high.setValue(0.7)
    first.sweep.count.setValue(77)
    first.results.tolerance.setValue(1e-5)
    first.map_area.vectors.setChecked(True)
    first.shutdown()
    second = LabScreen(ctx)
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: not second.landscapes.building(), timeout=10_000)
    try:
        assert second.landscapes.choice.kind == CUSTOM
        assert second.landscapes.formula.text() == FORMULA
        assert second.landscape.dim == 2
        assert second.hikers.specs() == first.hikers.specs()
        assert len(second.hikers.specs()) == 5
        assert second.run_panel.steps.value() == 321
        assert second.run_panel.noise_value() == pytest.approx(0.4)
        assert (second.sweep.low.value(), second.sweep.high.value()) == (0.002, 0.7)
        assert second.sweep.count.value() == 77
        assert second.results.tolerance.value() == pytest.approx(1e-5)
        assert second.map_area.vectors.isChecked()
    finally:
        second.shutdown()


def test_a_damaged_setup_is_fitted_or_dropped_on_load(qtbot, ctx):
    saved = [
        {"optimizer": "sgd", "lr": 1e9, "start": [1.0, 1.0]},  # too fast: clamped
        {"optimizer": "momentum", "lr": 0.1, "start": [1.0, 1.0], "hyper": {"momentum": 7}},
        {"optimizer": "adam", "lr": 0.1, "start": [1.0, 1.0], "hyper": {"bogus": 1.0}},
    ]
    ctx.settings.setValue("lab/hikers", json.dumps(saved))
    ctx.settings.setValue("lab/landscape", json.dumps({"kind": "ravine", "params": {"x": "a"}}))
    ctx.settings.setValue("lab/steps", "-5")
    lab = LabScreen(ctx)
    qtbot.addWidget(lab)
    try:
        specs = lab.hikers.specs()
        assert specs[0].lr == 100.0  # the largest rate the Lab offers
        assert specs[1].hyper["momentum"] == pytest.approx(0.999)
        assert specs[2].hyper == {}
        assert lab.landscapes.choice.kind == "himmelblau"  # the damaged landscape: default
        assert lab.run_panel.steps.value() == 60
    finally:
        lab.shutdown()


def test_a_preset_chosen_while_a_formula_is_being_built_shows_the_preset(lab, qtbot):
    """Found by the monkey test: the preset's 1-D bowl went to the hikers, while the map
    kept the 2-D landscape of before (an IndexError on drawing the start points)."""
    lab.landscapes.select(LandscapeChoice(kind=CUSTOM, formula=FORMULA))
    assert lab.landscapes.building()
    assert lab.apply_preset("overshoot-demo")
    assert lab.landscape.dim == 1 and lab.surface.landscape is lab.landscape
    assert len(lab.surface._start_items) == 2 * 3  # halo + ring for each of three hikers
    qtbot.waitUntil(lambda: not lab.landscapes.building(), timeout=10_000)
    assert lab.landscape.dim == 1  # the formula that arrived late was dropped
