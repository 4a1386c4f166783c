"""Background workers of the Lab: a step streamer for races and a learning-rate sweep.

Each worker is a QObject moved to its own QThread; results cross back to the GUI thread
only as signals. ``WorkerThread`` owns the pair and stops it cleanly (quit + wait), so a
stale worker is always cancelled before a new one starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from gdgame.engine import lr_sweep


class DescentWorker(QObject):
    """Pulls steps from a ``hiker_stream`` generator on request (``advance(k)``)."""

    stepped = Signal(int, object)  # (token, tuple of arrays with a leading axis of k steps)
    finished = Signal(int)  # token
    failed = Signal(int, str)  # token, message

    def __init__(
        self,
        stream_factory: Callable[[], Iterator],
        total: int | None = None,
        skip: int = 0,
        token: int = 0,
    ):
        super().__init__()
        self.token = token
        self._skip = skip
        self._factory = stream_factory
        self._stream: Iterator | None = None
        self._total = total
        self._delivered = 0
        self._done = False

    @Slot(int)
    def advance(self, count: int) -> None:
        if self._done:
            return
        batch = []
        try:
            if self._stream is None:
                self._stream = self._factory()
                for _ in range(self._skip):  # resume after a stop: same seeds, same steps
                    next(self._stream)
                self._delivered = self._skip
            for _ in range(max(1, count)):
                try:
                    batch.append(next(self._stream))
                except StopIteration:
                    self._done = True
                    break
                self._delivered += 1
                if self._total is not None and self._delivered >= self._total:
                    self._done = True
                    break
        except Exception as error:  # noqa: BLE001 - shown to the user, never a traceback
            self._done = True
            self.failed.emit(self.token, f"The run stopped: {error}")
            return
        if batch:
            parts = tuple(np.stack(p) for p in zip(*batch, strict=True))
            self.stepped.emit(self.token, parts)
        if self._done:
            self.finished.emit(self.token)


class SweepWorker(QObject):
    """Runs one vectorised ``lr_sweep`` with progress and cancel."""

    # every signal carries the worker's token first, so a stale sweep's results are ignored
    progress = Signal(int, int)  # token, percent
    done = Signal(int, object, object)  # token, rates, final losses
    cancelled = Signal(int)
    failed = Signal(int, str)

    def __init__(
        self,
        landscape,
        x0,
        rates: np.ndarray,
        steps: int,
        optimizer: str,
        hyper: dict,
        schedule=None,
        token: int = 0,
        noise: float = 0.0,
        seed: int | None = None,
    ):
        super().__init__()
        self.token = token
        self._noise = (float(noise), seed)
        self._args = (landscape, x0, rates, steps, optimizer, hyper)
        self._schedule = schedule
        self._cancel = threading.Event()
        self._last_percent = -1

    def cancel(self) -> None:
        """Thread-safe: asks the running sweep to stop at its next check."""
        self._cancel.set()

    def _report(self, fraction: float, *rest) -> None:
        if rest:  # progress(done, total)
            fraction = fraction / max(rest[0], 1)
        percent = int(100 * min(max(float(fraction), 0.0), 1.0))
        if percent != self._last_percent:
            self._last_percent = percent
            self.progress.emit(self.token, percent)

    @Slot()
    def run(self) -> None:
        landscape, x0, rates, steps, optimizer, hyper = self._args
        try:
            losses = lr_sweep(
                landscape,
                x0,
                rates,
                steps,
                optimizer=optimizer,
                progress=self._report,
                cancel=self._cancel.is_set,
                schedule=self._schedule,
                noise=self._noise[0],
                seed=self._noise[1],
                **hyper,
            )
        except Exception as error:  # noqa: BLE001 - shown to the user, never a traceback
            if self._cancel.is_set():
                self.cancelled.emit(self.token)
            else:
                self.failed.emit(self.token, f"The sweep stopped: {error}")
            return
        if self._cancel.is_set() or losses is None:
            self.cancelled.emit(self.token)
            return
        self.progress.emit(self.token, 100)
        self.done.emit(self.token, np.asarray(rates), np.asarray(losses, dtype=np.float64))


class WorkerThread:
    """A worker QObject living in its own QThread; ``stop()`` quits and joins the thread."""

    def __init__(self, worker: QObject, start_slot: Callable | None = None):
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(f"lab-{type(worker).__name__}")
        worker.moveToThread(self.thread)
        if start_slot is not None:
            self.thread.started.connect(start_slot)

    def start(self) -> None:
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def stop(self) -> None:
        cancel = getattr(self.worker, "cancel", None)
        if cancel is not None:
            cancel()
        self.thread.quit()
        self.thread.wait()
