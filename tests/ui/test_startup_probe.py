"""The start-up probes benchmarks/startup.py reads (gdgame --startup-probe / --startup-stalls)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from gdgame.ui.startup_probe import INTERACTIVE, LoopWatch, arm_interactive


def test_loop_watch_reports_a_turn_that_blocked_the_event_loop(qtbot, capsys):
    finished = []
    watch = LoopWatch(seconds=0.4, finish=lambda: finished.append(True))
    watch.start()
    QTimer.singleShot(100, lambda: time.sleep(0.12))  # one slow turn, as a big build would be
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert 100 <= watch.longest_ms() < 1000
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"longest blocked turn: {watch.longest_ms():.1f} ms"
    assert any(line.strip().startswith("blocked 1") for line in out[1:])


def test_interactive_is_printed_once_the_loop_runs_the_armed_timer(qtbot, capsys):
    finished = []
    timer = arm_interactive(finish=lambda: finished.append(True))
    assert timer.isActive() and timer.remainingTime() <= 50
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert capsys.readouterr().out == f"{INTERACTIVE}\n"
