"""The hiker's leap from one place to the next, about a third of a second long.

``LeapAnimation.play(path)`` calls ``on_frame(point)`` with points of ``path(t)`` for
``t`` from 0 to 1 and ``on_done()`` at the end. :meth:`LeapAnimation.finish` jumps to the
end at once (a click, the next step, leaving the screen).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation

STEP_MS = 330


def arc(start, end, lift: float = 0.0) -> Callable[[float], np.ndarray]:
    """A straight line from ``start`` to ``end``; ``lift`` raises its middle (1D: a hop)."""
    start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)

    def point(t: float) -> np.ndarray:
        here = start + t * (end - start)
        if lift:
            here = here.copy()
            here[-1] += 4.0 * t * (1.0 - t) * lift
        return here

    return point


def out_and_back(start, turn, lift: float = 0.0) -> Callable[[float], np.ndarray]:
    """Leap from ``start`` to ``turn`` in the first half and back in the second."""
    out, back = arc(start, turn, lift), arc(turn, start, lift)
    return lambda t: out(2.0 * t) if t <= 0.5 else back(2.0 * t - 1.0)


class LeapAnimation(QObject):
    """Drives one leap; nothing runs between leaps."""

    def __init__(self, on_frame, on_done, parent: QObject | None = None):
        super().__init__(parent)
        self._on_frame, self._on_done = on_frame, on_done
        self._path: Callable[[float], np.ndarray] | None = None
        self._anim = QVariantAnimation(self)
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.setDuration(STEP_MS)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._anim.valueChanged.connect(self._frame)
        self._anim.finished.connect(self._done)

    def play(self, path: Callable[[float], np.ndarray]) -> None:
        self.finish()
        self._path = path
        self._on_frame(path(0.0))
        self._anim.start()

    def duration(self) -> int:
        return self._anim.duration()

    def path(self, t: float) -> np.ndarray:
        """Where the running leap puts the hiker at ``t`` (0 start, 1 end)."""
        if self._path is None:
            raise RuntimeError("no leap is running")
        return self._path(t)

    def is_running(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def finish(self) -> None:
        """Jump to the end of the running leap (nothing happens when none runs)."""
        if self.is_running():
            self._anim.stop()
            self._done()

    def _frame(self, value) -> None:
        if self._path is not None:
            self._on_frame(self._path(float(value)))

    def _done(self) -> None:
        path, self._path = self._path, None
        if path is not None:
            self._on_frame(path(1.0))
            self._on_done()
