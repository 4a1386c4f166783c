"""Start-up probes for ``benchmarks/startup.py`` (hidden ``--startup-probe``/``--startup-stalls``).

Only PySide6 is imported here, so the benchmark's bare PySide6 + pyqtgraph window uses the
very same probes as gdgame and both are timed alike. Each probe prints flushed lines that
the benchmark reads from a pipe:

* :func:`arm_interactive` (``--startup-probe``): "interactive" once a 50 ms single-shot
  timer, armed just before ``app.exec()``, has fired: the window is shown *and* the event
  loop is free to answer the user. Then the app closes (whole process = start, show, quit).
* :class:`LoopWatch` (``--startup-stalls``): runs a 5 ms timer for 3 s of event loop and
  prints "longest blocked turn: N ms" (how late the timer came at worst), the turns that
  blocked longer than 50 ms, then quits.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer

SHOWN = "first window shown"
INTERACTIVE = "interactive"
INTERACTIVE_TIMER_MS = 50
WATCH_SECONDS = 3.0
WATCH_TICK_MS = 5
BLOCKED_LIMIT_MS = 50.0


def arm_interactive(finish: Callable[[], object] = QCoreApplication.quit) -> QTimer:
    """Call right before ``app.exec()``: prints INTERACTIVE when the loop is free, then
    calls ``finish`` (gdgame closes its window, as a user would)."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)

    def fired() -> None:
        print(INTERACTIVE, flush=True)
        finish()

    timer.timeout.connect(fired)
    timer.start(INTERACTIVE_TIMER_MS)
    return timer


class LoopWatch(QObject):
    """Measures how long the event loop was kept from running a short timer, then quits.

    Each tick notes the time since the previous one; the longest gap minus the tick interval
    is the longest turn the loop spent on something else (building a screen, a paint...).
    """

    def __init__(
        self,
        seconds: float = WATCH_SECONDS,
        finish: Callable[[], object] = QCoreApplication.quit,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.seconds = seconds
        self._finish = finish
        self.gaps_ms: list[tuple[float, float]] = []  # (ms since start, blocked ms)
        self._started = self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(WATCH_TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Call right before ``app.exec()``."""
        self._started = self._last = time.perf_counter()
        self._timer.start()

    def longest_ms(self) -> float:
        return max((blocked for _, blocked in self.gaps_ms), default=0.0)

    def _tick(self) -> None:
        now = time.perf_counter()
        blocked = (now - self._last) * 1000.0 - WATCH_TICK_MS
        self.gaps_ms.append(((self._last - self._started) * 1000.0, max(0.0, blocked)))
        self._last = now
        if now - self._started >= self.seconds:
            self._timer.stop()
            self.report()
            self._finish()

    def report(self) -> None:
        print(f"longest blocked turn: {self.longest_ms():.1f} ms", flush=True)
        for at, blocked in self.gaps_ms:
            if blocked > BLOCKED_LIMIT_MS:
                print(f"  blocked {blocked:.0f} ms at {at:.0f} ms", flush=True)
