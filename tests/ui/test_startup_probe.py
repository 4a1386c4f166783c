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
    longest = watch.longest_ms()
    assert longest >= 100  # the 120 ms sleep, less one 5 ms tick; more on a busy machine
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"longest blocked turn: {longest:.1f} ms"
    assert any(line.strip().startswith(f"blocked {longest:.0f} ms at ") for line in out[1:])


def test_interactive_is_printed_once_the_loop_runs_the_armed_timer(qtbot, capsys):
    finished = []
    timer = arm_interactive(finish=lambda: finished.append(True))
    assert timer.isActive() and timer.remainingTime() <= 50
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert capsys.readouterr().out == f"{INTERACTIVE}\n"
