"""Issue 14: the step-by-step panel, vectors on the map, the phase map and the 3-D switch."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from gdgame.engine import get_landscape, make_optimizer
from gdgame.engine.descent import Descent
from gdgame.engine.phase_map import stability_limit
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.run_setup import LandscapeChoice
from gdgame.ui.lab.screen import LabScreen
from gdgame.ui.surface3d import Surface3DView, gl_unavailable_reason

BOWL = {"scales": (1.0, 4.0)}
START = (2.0, 1.5)


@pytest.fixture
def lab(shown_screen):
    screen = shown_screen(LabScreen)
    screen.landscapes.select(LandscapeChoice(kind="quadratic", params=BOWL))
    return screen


def run_steps(lab, qtbot, specs, steps):
    lab.hikers.set_specs(specs)
    lab.run_panel.steps.setValue(steps)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    with qtbot.waitSignal(lab.controller.finished, timeout=10_000):
        lab.controller.play()


@pytest.mark.parametrize(
    ("optimizer", "state", "symbol"),
    [("momentum", "momentum_buffer", "b"), ("adam", "exp_avg", "m"), ("adagrad", "sum", "s")],
)
def test_step_panel_shows_the_optimizer_state_of_the_selected_hiker(
    lab, qtbot, optimizer, state, symbol
):
    spec = HikerSpec(optimizer, 0.05, START)
    run_steps(lab, qtbot, [HikerSpec("sgd", 0.1, START), spec], 30)
    lab.hikers.list.setCurrentRow(1)
    lab.steps_panel.show_step(12)
    shown = lab.steps_panel.explanation
    core = Descent(
        get_landscape("quadratic", **BOWL), np.array(START), make_optimizer(optimizer, 0.05)
    )
    for _ in range(12):
        core.step()
    np.testing.assert_array_equal(shown.term(symbol).values, core.optimizer.state[state][0])
    np.testing.assert_array_equal(shown.new_position, core.X[0])
    text = lab.steps_panel.text.toPlainText()
    assert "step 12" in lab.steps_panel.title.text() and "Hiker 2" in lab.steps_panel.title.text()
    assert shown.term(symbol).words.split()[0] in text
    lab.steps_panel.back_button.click()
    assert lab.steps_panel.explanation.step == 11
    lab.steps_panel.forward_button.click()
    lab.steps_panel.forward_button.click()
    assert lab.steps_panel.explanation.step == 13
    assert not lab.steps_panel.follow.isChecked()


def test_vectors_share_one_scale_and_end_where_the_step_went(lab, qtbot):
    run_steps(lab, qtbot, [HikerSpec("momentum", 0.05, START)], 10)
    lab.map_area.vectors.setChecked(True)
    lab.steps_panel.show_step(5)
    shown = lab.steps_panel.explanation
    overlay = lab.map_area.overlay
    scale = overlay.scale
    origin = shown.position
    np.testing.assert_allclose(overlay.shown["step"], origin + scale * shown.displacement)
    np.testing.assert_allclose(overlay.shown["slope"], origin - scale * shown.rate * shown.gradient)
    np.testing.assert_allclose(
        overlay.shown["velocity"], origin - scale * shown.rate * shown.velocity
    )
    lengths = [np.linalg.norm(tip - origin) for tip in overlay.shown.values()]
    (x0, x1), (y0, y1) = lab.landscape.bounds
    assert max(lengths) == pytest.approx(0.25 * np.hypot(x1 - x0, y1 - y0))
    assert f"×{scale:.3g}" in lab.map_area.vector_note.text()
    lab.map_area.vectors.setChecked(False)
    assert overlay.shown == {} and not lab.map_area.vector_note.text()


def test_phase_map_marks_divergence_where_theory_does_and_races_a_cell(lab, qtbot):
    lab.hikers.set_specs([HikerSpec("sgd", 0.1, START)])
    phase = lab.phase
    phase.rate_low.setValue(0.01)
    phase.rate_high.setValue(3.0)
    phase.rate_count.setValue(40)
    phase.momentum_count.setValue(30)
    phase.steps.setValue(300)
    with qtbot.waitSignal(phase.finished, timeout=20_000):
        phase.run_button.click()
    result = phase.result
    assert result.final_loss.shape == (30, 40)
    assert phase.progress.value() == 100 and not phase.hint.isVisible()
    limit = stability_limit(4.0, result.momenta)[:, None]
    ratio = result.rates[None, :] / limit
    clear = np.abs(np.log(ratio)) > 0.02
    np.testing.assert_array_equal(result.diverged[clear], (ratio > 1)[clear])
    xs, ys = phase.theory.getData()  # the dashed line: the theory's edge, L = 4
    assert len(ys) == 30 and "L = 4" in phase.status.text()
    count = len(lab.hikers.specs())
    vb = phase.plot.getPlotItem().vb
    i, j = 10, 5
    rate, beta = result.cell(i, j)
    scene = vb.mapViewToScene(QPointF(np.log10(rate), beta))
    assert phase.cell_at(scene) == (rate, beta)
    phase.cellChosen.emit(result.optimizer, rate, beta)
    added = lab.hikers.specs()[-1]
    assert len(lab.hikers.specs()) == count + 1
    assert added.optimizer == "momentum" and added.lr == float(f"{rate:.3g}")
    assert added.hyper["momentum"] == pytest.approx(beta, abs=1e-3)


def test_phase_map_cancel_keeps_the_app_usable(lab, qtbot):
    lab.phase.rate_count.setValue(200)
    lab.phase.momentum_count.setValue(200)
    lab.phase.steps.setValue(5000)
    with qtbot.waitSignal(lab.phase.runner.cancelled, timeout=20_000):
        lab.phase.run_button.click()
        qtbot.waitUntil(lambda: lab.phase.progress.value() > 0, timeout=20_000)
        lab.phase.cancel_button.click()
    assert lab.phase.run_button.isEnabled() and "cancelled" in lab.phase.status.text()


def test_3d_switch_says_why_it_is_off_without_opengl(lab):
    reason = gl_unavailable_reason()
    if reason is None:
        pytest.skip("OpenGL works here: the fallback is tested offscreen")
    button = lab.map_area.view3d_button
    assert not button.isEnabled() and button.toolTip() == reason
    view = Surface3DView()  # safe to make anyway: a note, nothing GL
    view.set_landscape(get_landscape("himmelblau"))
    assert not view.available() and view.note.text() == reason
    view.deleteLater()


def test_3d_view_draws_the_surface_and_paths(lab, qtbot):
    """Runs where OpenGL works, e.g. ``xvfb-run -a env QT_QPA_PLATFORM=xcb pytest ...``."""
    if gl_unavailable_reason() is not None:
        pytest.skip(f"needs OpenGL (run under xvfb-run): {gl_unavailable_reason()}")
    run_steps(lab, qtbot, [HikerSpec("sgd", 0.1, START), HikerSpec("adam", 0.1, START)], 20)
    lab.map_area.view3d_button.click()
    view = lab.map_area.surface3d
    assert lab.map_area.is_3d() and view.available()
    lab._repaint()
    assert len(view.paths) == 2
    image = view.view.grabFramebuffer()
    assert image.width() > 0 and len({image.pixel(x, 40) for x in range(0, image.width(), 7)}) > 3
    lab.landscapes.select(LandscapeChoice(kind="double_well"))
    assert not lab.map_area.is_3d() and not lab.map_area.view3d_button.isEnabled()


@pytest.mark.parametrize("frozen", [False, True])
def test_3d_probe_without_pyopengl_gives_a_reason_not_a_crash(qapp, monkeypatch, frozen):
    import sys

    from gdgame.ui import surface3d

    monkeypatch.setattr(surface3d.QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    monkeypatch.setitem(sys.modules, "OpenGL", None)  # "import OpenGL" now fails
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)
    reason = surface3d._probe()
    assert reason == (
        "This build of gdgame comes without the 3-D view."
        if frozen
        else "The 3-D view needs PyOpenGL (pip install PyOpenGL)."
    )
