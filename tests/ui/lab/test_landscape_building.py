"""Landscapes: formulas are built in a worker (the window stays responsive, only the latest
formula asked for is applied), and a landscape too large to build is refused with a message
(issue 13, defects 6 (last sentence) and 9)."""

from __future__ import annotations

import threading

import pytest

from gdgame.ui.lab import landscape_panel
from gdgame.ui.lab.landscape_panel import LandscapePanel
from gdgame.ui.lab.run_setup import CUSTOM, LandscapeChoice, build_landscape


@pytest.fixture
def panel(qtbot):
    widget = LandscapePanel()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown()


class SlowBuild:
    """``build_landscape`` that records its thread and can hold a formula until released."""

    def __init__(self, hold: str | None = None):
        self.threads: list[threading.Thread] = []
        self.hold, self.held, self.release = hold, threading.Event(), threading.Event()

    def __call__(self, choice):
        self.threads.append(threading.current_thread())
        if choice.formula == self.hold:
            self.held.set()
            self.release.wait(10)
        return build_landscape(choice)


def test_a_formula_is_built_off_the_gui_thread_and_the_gui_keeps_running(panel, qtbot, monkeypatch):
    slow = SlowBuild(hold="x**2 + y**2")
    monkeypatch.setattr(landscape_panel, "build_landscape", slow)
    before = panel.landscape
    assert panel.apply_choice(LandscapeChoice(kind=CUSTOM, formula="x**2 + y**2"))
    qtbot.waitUntil(slow.held.is_set)  # the GUI thread is free while the formula is checked
    assert panel.building() and panel.landscape is before
    assert panel.slope.text() == landscape_panel.BUILDING_NOTE
    with qtbot.waitSignal(panel.buildFinished, timeout=10_000) as built:
        slow.release.set()
    assert built.args == [True] and panel.landscape.name == "custom"
    assert slow.threads and all(t is not threading.main_thread() for t in slow.threads)


def test_only_the_latest_formula_is_applied(panel, qtbot, monkeypatch):
    slow = SlowBuild(hold="x**2")
    monkeypatch.setattr(landscape_panel, "build_landscape", slow)
    arrived = []
    panel.landscapeChanged.connect(arrived.append)
    panel.apply_choice(LandscapeChoice(kind=CUSTOM, formula="x**2"))
    qtbot.waitUntil(slow.held.is_set)
    panel.apply_choice(LandscapeChoice(kind=CUSTOM, formula="x**4 + y**2"))
    panel.apply_choice(LandscapeChoice(kind=CUSTOM, formula="x**2 + 3*y**2"))
    slow.release.set()
    qtbot.waitUntil(lambda: not panel.building(), timeout=10_000)
    assert [landscape.dim for landscape in arrived] == [2]  # x**2 and x**4 + y**2 dropped
    assert panel.choice.formula == "x**2 + 3*y**2"
    assert len(slow.threads) == 2  # the middle one was never built


def test_an_engine_landscape_chosen_meanwhile_wins_over_a_pending_formula(
    panel, qtbot, monkeypatch
):
    slow = SlowBuild(hold="x**2 + y**2")
    monkeypatch.setattr(landscape_panel, "build_landscape", slow)
    panel.apply_choice(LandscapeChoice(kind=CUSTOM, formula="x**2 + y**2"))
    qtbot.waitUntil(slow.held.is_set)
    panel.apply_choice(LandscapeChoice(kind="rosenbrock"))
    slow.release.set()
    qtbot.waitUntil(lambda: not panel.building(), timeout=10_000)
    assert panel.landscape.name == "rosenbrock"


@pytest.mark.parametrize("text", ["dim=1000000000000", "dim=0", "dim=10**40"])
def test_absurd_dimensions_are_refused_with_a_message(panel, text):
    panel.kind.setCurrentIndex(panel.kind.findData("ackley"))
    before = panel.landscape
    panel.params.setText(text)
    panel.params.returnPressed.emit()
    assert panel.landscape is before
    assert panel.error.isVisible() and panel.error.text()


def test_a_memory_error_while_building_is_a_message_not_a_crash(panel, monkeypatch):
    def too_big(choice):
        raise MemoryError

    monkeypatch.setattr(landscape_panel, "build_landscape", too_big)
    before = panel.landscape
    assert not panel.apply_choice(LandscapeChoice(kind="rastrigin", params={"dim": 2}))
    assert "far too large" in panel.error.text()
    assert panel.landscape is before
