"""Issue 14: plots that survive divergence, hover readings and the results table.

A hiker past the stability limit blows up in the race; the healthy hikers' curves still
fill at least half of each plot's height; the diverged one is crossed out in the plots, the
legend and the table; the table's numbers are the engine's own trajectories."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from gdgame.engine import descend, get_landscape, make_optimizer
from gdgame.engine.analysis import map_height, runaway_level
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.results_table import COLUMNS
from gdgame.ui.lab.run_setup import LandscapeChoice
from gdgame.ui.lab.screen import LabScreen

BOWL = {"scales": (1.0, 4.0)}  # L = 4: plain SGD is stable below lr = 0.5
HEALTHY = [0.02, 0.05, 0.1, 0.2]
WILD = 0.9  # far past 2 / L: the loss grows ~(1 - 0.9 * 4)^2 = 6.8-fold per step


@pytest.fixture
def lab(shown_screen):
    return shown_screen(LabScreen)


def race(lab, qtbot, specs, steps, log=False):
    lab.landscapes.select(LandscapeChoice(kind="quadratic", params=BOWL))
    lab.hikers.set_specs(specs)
    lab.plots.log_loss.setChecked(log)
    lab.run_panel.steps.setValue(steps)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=20_000):
        lab.run_panel.play_button.click()
    lab.plots.grab()  # paint: ranges settle


def healthy_share(series, healthy: list[int]) -> float:
    """How much of the plot's height the healthy curves' drawn values span."""
    drawn = np.concatenate([series.y_values(i) for i in healthy])
    drawn = drawn[np.isfinite(drawn)]
    y0, y1 = series.item.vb.viewRange()[1]
    return (drawn.max() - drawn.min()) / (y1 - y0)


@pytest.mark.parametrize("log", [False, True])
def test_a_diverging_hiker_leaves_the_healthy_curves_half_the_height(lab, qtbot, log):
    specs = [HikerSpec("sgd", r, (2.0, 1.5)) for r in [*HEALTHY, WILD]]
    race(lab, qtbot, specs, 400, log)
    recording = lab.controller.recording
    gone = int(recording.diverged_at[4])
    assert gone > 0 and (recording.diverged_at[:4] == -1).all()
    assert recording.losses[gone, 4] > runaway_level(0.0, map_height(lab.landscape))
    assert recording.losses[: recording.count, 4].max() > 1e100  # it really blew up
    for key in ("loss", "gradient"):
        series = lab.plots.series[key]
        assert healthy_share(series, [0, 1, 2, 3]) >= 0.5, key
        xs, _ys = series.crosses.getData()
        assert list(xs) == [gone]  # one cross, at the step it diverged
    assert f"diverged at step {gone}" in lab.map_area.legend.entries[4]
    assert all("diverged" not in entry for entry in lab.map_area.legend.entries[:4])
    assert lab.results.cell_text(4, "Diverged at") == f"✕ step {gone}"
    assert lab.results.cell_text(0, "Diverged at") == "—"


def test_results_table_matches_the_engine_trajectories(lab, qtbot):
    specs = [
        HikerSpec("sgd", 0.1, (2.0, 1.5)),
        HikerSpec("momentum", 0.05, (2.0, 1.5), {"momentum": 0.9}),
        HikerSpec("adam", 0.1, (2.0, 1.5)),
        HikerSpec("sgd", 0.001, (2.0, 1.5)),
    ]
    race(lab, qtbot, specs, 80)
    lab.results.tolerance.setValue(1e-3)
    bowl = get_landscape("quadratic", **BOWL)
    finals = []
    for i, spec in enumerate(specs):
        opt = make_optimizer(spec.optimizer, spec.lr, **spec.hyper)
        path = descend(bowl, np.array(spec.start), opt, 80)
        finals.append(path.losses[-1])
        assert lab.results.cell_text(i, "Final loss") == f"{path.losses[-1]:.4g}"
        assert lab.results.cell_text(i, "Best loss") == f"{path.losses.min():.4g}"
        close = np.flatnonzero(path.losses <= 1e-3)
        goal = str(close[0]) if close.size else "—"
        assert lab.results.cell_text(i, "Steps to goal") == goal
        assert lab.results.cell_text(i, "Rate") == f"{spec.lr:.4g}"
    winner = int(np.argmin(finals))
    assert lab.results.best == winner
    assert lab.results.cell_text(winner, "Hiker").startswith("★")
    assert lab.results.cell_text(3, "Steps to goal") == "—"  # lr 0.001 crawls
    lab.results.table.sortItems(COLUMNS.index("Final loss"))
    order = [lab.results.hiker_at_row(r) for r in range(4)]
    assert order == list(np.argsort(finals))
    lab.results.tolerance.setValue(1e-12)  # a stricter goal: fewer hikers reach it
    assert lab.results.cell_text(3, "Steps to goal") == "—"


def test_results_go_out_with_the_run(lab, qtbot, tmp_path):
    race(lab, qtbot, [HikerSpec("sgd", 0.1, (2.0, 1.5)), HikerSpec("sgd", WILD, (2.0, 1.5))], 60)
    import csv
    import json

    lab.export_run(tmp_path / "run.csv")
    with (tmp_path / "run-results.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["winner"] for row in rows] == ["True", "False"]
    assert rows[1]["diverged_at"] == str(lab.controller.recording.diverged_at[1])
    data = json.loads(lab.export_run(tmp_path / "run.json").read_text())
    assert data["results"][0]["final_loss"] == pytest.approx(
        float(lab.controller.recording.losses[60, 0])
    )
    assert data["hikers"][1]["diverged_at"] == int(lab.controller.recording.diverged_at[1])


def test_hovering_a_curve_reads_step_and_value(lab, qtbot):
    race(lab, qtbot, [HikerSpec("sgd", 0.05, (2.0, 1.5)), HikerSpec("adam", 0.1, (2.0, 1.5))], 40)
    series = lab.plots.series["loss"]
    value = float(lab.controller.recording.losses[20, 1])
    vb = series.item.vb
    scene = vb.mapViewToScene(pg_point(20, value))
    series._mouse_moved((QPointF(scene.x(), scene.y()),))
    assert series.label.isVisible()
    text = series.label.textItem.toPlainText()
    assert "2. Adam lr=0.1" in text and f"step 20: loss {value:.4g}" in text
    far = vb.mapViewToScene(pg_point(20, vb.viewRange()[1][1]))  # nothing near the top
    series._mouse_moved((QPointF(far.x(), far.y()),))
    assert not series.label.isVisible()


def pg_point(x, y):
    import pyqtgraph as pg

    return pg.Point(float(x), float(y))
