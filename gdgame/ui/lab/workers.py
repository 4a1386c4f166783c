"""Background workers of the Lab: a step streamer for races and a learning-rate sweep.

Each worker is a QObject moved to its own QThread; results cross back to the GUI thread
only as signals. ``WorkerThread`` owns the pair; stopping cancels the worker (each checks
its flag before every step) and never holds the GUI thread for more than ``STOP_WAIT_MS``:
a worker still busy by then finishes on its own, kept alive by ``Retired``.
Unexpected errors are logged with their traceback; the user sees one short line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from gdgame.engine import lr_sweep
from gdgame.engine.analysis import SweepCancelled
from gdgame.ui.lab.step_source import StepSource

log = logging.getLogger("gdgame.lab")
STOP_WAIT_MS = 30  # how long stop() may hold the GUI thread before leaving a worker to finish
JOIN_WAIT_MS = 3000  # shutdown: the window is closing, workers were cancelled long ago


def short_message(what: str, error: BaseException) -> str:
    """One line for the status bar: "The run stopped: <first line of the error>"."""
    text = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return f"The {what} stopped: {text[:200]}"


def report_failure(what: str, error: BaseException) -> str:
    """Log ``error`` with its traceback (an unexpected failure) and return the short line."""
    log.error("the Lab %s failed", what, exc_info=(type(error), error, error.__traceback__))
    return short_message(what, error)


class DescentWorker(QObject):
    """Pulls steps from the run's :class:`StepSource` on request (``advance(k)``).

    The source checks ``cancel()`` before every step (a step of eight hikers takes well under
    a millisecond), so a stop is honoured at once; steps pulled before it still arrive.
    """

    stepped = Signal(int, int, object)  # token, first step number, arrays with k leading rows
    finished = Signal(int)  # token
    failed = Signal(int, str)  # token, one short line

    def __init__(self, source: StepSource, token: int = 0):
        super().__init__()
        self.token = token
        self.source = source
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Thread-safe: stop before the next step."""
        self._cancel.set()

    @Slot(int)
    def advance(self, count: int) -> None:
        if self._cancel.is_set():
            return
        if self.source.error is not None:  # an earlier worker of this run already failed
            self.failed.emit(self.token, short_message("run", self.source.error))
            return
        try:
            self.source.take(count, self._cancel.is_set, self._deliver)
        except Exception as error:  # noqa: BLE001 - logged with its traceback, one line shown
            self.failed.emit(self.token, report_failure("run", error))
            return
        if self.source.done and not self._cancel.is_set():
            self.finished.emit(self.token)

    def _deliver(self, first: int, items: list) -> None:
        parts = tuple(np.stack(p) for p in zip(*items, strict=True))
        self.stepped.emit(self.token, first, parts)


class CancellableWorker(QObject):
    """A worker with a token (stale results are recognised), a cancel flag that its work
    checks, and a progress signal in whole percents (sent only when the percent changes)."""

    # every signal carries the worker's token first, so a stale worker's results are ignored
    progress = Signal(int, int)  # token, percent
    cancelled = Signal(int)
    failed = Signal(int, str)

    def __init__(self, token: int = 0):
        super().__init__()
        self.token = token
        self._cancel = threading.Event()
        self._last_percent = -1

    def cancel(self) -> None:
        """Thread-safe: asks the running work to stop at its next check."""
        self._cancel.set()

    def _attempt(self, what: str, work: Callable) -> tuple[bool, object]:
        """``(True, work())``; or, when it was cancelled or failed, the matching signal is
        sent and ``(False, None)`` returned. Unexpected errors are logged."""
        try:
            result = work()
        except SweepCancelled:
            self.cancelled.emit(self.token)
            return False, None
        except Exception as error:  # noqa: BLE001 - logged with its traceback, one line shown
            if self._cancel.is_set():
                self.cancelled.emit(self.token)
            else:
                self.failed.emit(self.token, report_failure(what, error))
            return False, None
        if self._cancel.is_set():
            self.cancelled.emit(self.token)
            return False, None
        return True, result

    def _report(self, fraction: float, *rest) -> None:
        if rest:  # progress(done, total)
            fraction = fraction / max(rest[0], 1)
        percent = int(100 * min(max(float(fraction), 0.0), 1.0))
        if percent != self._last_percent:
            self._last_percent = percent
            self.progress.emit(self.token, percent)


class SweepWorker(CancellableWorker):
    """Runs one vectorised ``lr_sweep`` with progress and cancel."""

    done = Signal(int, object, object)  # token, rates, final losses

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
        super().__init__(token)
        self._noise = (float(noise), seed)
        self._args = (landscape, x0, rates, steps, optimizer, hyper)
        self._schedule = schedule

    @Slot()
    def run(self) -> None:
        landscape, x0, rates, steps, optimizer, hyper = self._args
        ok, losses = self._attempt(
            "sweep",
            lambda: lr_sweep(
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
            ),
        )
        if not ok:
            return
        if losses is None:
            self.cancelled.emit(self.token)
            return
        self.progress.emit(self.token, 100)
        self.done.emit(self.token, np.asarray(rates), np.asarray(losses, dtype=np.float64))


class TaskWorker(CancellableWorker):
    """Runs ``work(progress, cancelled)`` once, off the GUI thread, and sends its result.

    ``work`` reports ``progress(fraction)`` and checks ``cancelled()`` often; it stops by
    raising :class:`SweepCancelled` (or returning after a cancel).
    """

    done = Signal(int, object)  # token, result

    def __init__(self, work: Callable, what: str, token: int = 0):
        super().__init__(token)
        self._work, self._what = work, what

    @Slot()
    def run(self) -> None:
        ok, result = self._attempt(
            self._what, lambda: self._work(self._report, self._cancel.is_set)
        )
        if ok:
            self.done.emit(self.token, result)


class TaskRunner(QObject):
    """One background task at a time: a new one cancels the old; only the current task's
    signals come through (``progressed``, ``finished``, ``cancelled``, ``failed``)."""

    progressed = Signal(int)
    finished = Signal(object)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, what: str, parent=None):
        super().__init__(parent)
        self._what = what
        self._job: WorkerThread | None = None
        self._retired = Retired()
        self._token = 0

    def start(self, work: Callable) -> None:
        self.stop()
        self._token += 1
        worker = TaskWorker(work, self._what, self._token)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_failed)
        self._job = WorkerThread(worker, worker.run)
        self._job.start()

    def is_running(self) -> bool:
        return self._job is not None

    def cancel(self) -> None:
        """Ask the task to stop; ``cancelled`` follows."""
        if self._job is not None:
            self._job.worker.cancel()

    def stop(self) -> bool:
        """Cancel and forget the task at once (its late signals are dropped). True if one
        was running."""
        if self._job is None:
            return False
        job, self._job = self._job, None
        self._token += 1
        self._retired.stop(job)
        return True

    def shutdown(self) -> None:
        self.stop()
        self._retired.join()

    def _current(self, token: int) -> bool:
        return self._job is not None and token == self._token

    def _finish(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            self._retired.stop(job)  # its run() has returned: the thread is ending

    def _on_progress(self, token: int, percent: int) -> None:
        if self._current(token):
            self.progressed.emit(percent)

    def _on_done(self, token: int, result) -> None:
        if self._current(token):
            self._finish()
            self.finished.emit(result)

    def _on_cancelled(self, token: int) -> None:
        if self._current(token):
            self._finish()
            self.cancelled.emit()

    def _on_failed(self, token: int, message: str) -> None:
        if self._current(token):
            self._finish()
            self.failed.emit(message)


class BuildWorker(QObject):
    """Builds one landscape off the GUI thread (a long formula takes up to a second).

    ``expected`` errors (a bad formula) come back as their message; anything else is a bug:
    logged with its traceback, one line shown.
    """

    built = Signal(int, object)  # token, landscape
    refused = Signal(int, str)  # token, message for the user

    def __init__(
        self,
        build: Callable[[], object],
        token: int,
        expected: tuple[type[BaseException], ...],
        describe: Callable[[BaseException], str],
    ):
        super().__init__()
        self.token = token
        self._build, self._expected, self._describe = build, expected, describe

    @Slot()
    def run(self) -> None:
        try:
            landscape = self._build()
        except self._expected as error:
            self.refused.emit(self.token, self._describe(error))
            return
        except Exception as error:  # noqa: BLE001 - logged with its traceback, one line shown
            self.refused.emit(self.token, report_failure("landscape build", error))
            return
        self.built.emit(self.token, landscape)


class WorkerThread:
    """A worker QObject living in its own QThread.

    ``stop()`` cancels the worker and gives it ``STOP_WAIT_MS`` to finish; it never blocks
    the GUI thread longer than that. A worker still busy is handed to a :class:`Retired`
    list, which keeps it alive until its thread ends (``join`` waits for it at shutdown).
    """

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

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Cancel and quit; True if the thread ended within ``wait_ms``."""
        cancel = getattr(self.worker, "cancel", None)
        if cancel is not None:
            cancel()
        self.thread.quit()
        return self.thread.wait(max(0, int(wait_ms)))


class Retired:
    """Workers told to stop that were still busy: kept alive until their thread ends."""

    def __init__(self):
        self._jobs: list[WorkerThread] = []

    def add(self, job: WorkerThread) -> None:
        self._jobs = [j for j in self._jobs if j.is_running()]
        self._jobs.append(job)

    def stop(self, job: WorkerThread, wait_ms: int = STOP_WAIT_MS) -> None:
        """Stop ``job``; if it needs longer than ``wait_ms``, keep it here until it ends."""
        if not job.stop(wait_ms):
            self.add(job)

    def __len__(self) -> int:
        return sum(1 for job in self._jobs if job.is_running())

    def join(self, wait_ms: int = JOIN_WAIT_MS) -> bool:
        """Wait (at shutdown) for every retired worker; False if one is still running."""
        ok = True
        for job in self._jobs:
            if not job.stop(wait_ms):
                log.warning("a Lab worker did not stop within %d ms", wait_ms)
                ok = False
        self._jobs = [j for j in self._jobs if j.is_running()]
        return ok
