"""Play / pause / single step / reset of a Lab race, streamed from a worker thread.

The worker pulls steps from the run's generator only when asked (``advance(k)``), so
pause is exact and the GUI thread never blocks. A display QTimer asks for as many steps as
the speed allows (one request in flight at a time), appends arrived batches to the
recording and emits ``frame`` so views repaint at most once per tick.

The generator lives in a :class:`StepSource` for the whole run: after a stop (leaving the
Lab) the next worker carries on from its state, with nothing to replay, and stopping a
worker only cancels it (it ends within a step; see ``workers.Retired``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from gdgame.engine.presets import HikerSpec
from gdgame.settings_schema import LAB_SPEEDS
from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.lab.run_setup import hiker_stream
from gdgame.ui.lab.step_source import StepSource
from gdgame.ui.lab.workers import DescentWorker, Retired, WorkerThread

FRAME_MS = 33
SPEEDS = LAB_SPEEDS  # steps per second (the settings file stores a position in it)


class RunController(QObject):
    """Owns the recording, the descent worker and the display timer of one race."""

    frame = Signal()  # the recording changed: repaint
    finished = Signal()  # every step of the run has arrived
    stateChanged = Signal(str)  # "idle", "playing", "paused", "finished"
    failed = Signal(str)
    requestSteps = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.recording: RunRecording | None = None
        self.steps = 60
        self.speed = 20.0
        self.state = "idle"
        self._job: WorkerThread | None = None
        self._retired = Retired()
        self._setup = None
        self._source: StepSource | None = None
        self._token = 0  # identifies the current worker
        self._run_tokens: set[int] = set()  # every worker of this run (older runs: ignored)
        self._pending = False
        self._owed = 0.0
        self._single_steps = 0
        self._dirty = False
        self._done = False
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)

    # --- set-up -----------------------------------------------------------------------------
    def prepare(
        self,
        landscape,
        hikers: list[HikerSpec],
        steps: int,
        noise: float,
        seed: int = 0,
        runaway: float = float("inf"),
        lowest: float = float("nan"),
    ):
        """Drop any old run and get ready to stream a new one from step 0.

        ``runaway`` is the loss above which a hiker counts as diverged, ``lowest`` the
        landscape's lowest value (for the results table)."""
        self.stop()
        self.steps = int(steps)
        self._setup = (landscape, list(hikers), self.steps, float(noise), int(seed))
        stream = partial(hiker_stream, landscape, list(hikers), self.steps, float(noise), int(seed))
        self._source = StepSource(stream, total=self.steps + 1)
        self._run_tokens = set()
        self.recording = RunRecording(
            list(hikers),
            landscape.dim,
            landscape=getattr(landscape, "name", ""),
            noise=noise,
            runaway=float(runaway),
            lowest=float(lowest),
        )
        self._owed, self._single_steps, self._done = 0.0, 0, False
        self._set_state("idle")
        self._request(1)  # the start point (step 0) appears right away

    def _ensure_worker(self) -> None:
        """Start a worker; after a stop it carries on from the run's stored state."""
        if self._job is not None or self._source is None:
            return
        self._token += 1
        self._run_tokens.add(self._token)
        worker = DescentWorker(self._source, token=self._token)
        worker.stepped.connect(self._on_stepped)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self.requestSteps.connect(worker.advance)
        self._job = WorkerThread(worker)
        self._job.start()
        self._pending = False

    def stop(self) -> None:
        """Stop the timer and cancel the worker (safe any time; holds the GUI thread <= 30 ms).

        Steps the worker pulled before it noticed still arrive and are recorded.
        """
        self._timer.stop()
        if self._job is not None:
            job, self._job = self._job, None
            self.requestSteps.disconnect(job.worker.advance)
            self._retired.stop(job)
        self._pending = False

    def shutdown(self) -> None:
        """Stop, and wait for any worker still finishing (the window is closing)."""
        self.stop()
        self._retired.join()

    def request(self, count: int) -> None:
        """Take ``count`` more steps as fast as the worker makes them (fast-forward)."""
        if self._setup is None or self._done:
            return
        self._single_steps += max(0, int(count))  # sent on the next tick, as one request
        self._timer.start()  # stops itself when idle

    def busy(self) -> bool:
        """True while steps are asked for and not yet arrived, or the display timer runs."""
        return self._pending or self._timer.isActive()

    # --- controls ---------------------------------------------------------------------------
    def play(self) -> None:
        if self._setup is None or self._done:
            return
        self._set_state("playing")
        self._timer.start()

    def pause(self) -> None:
        if self.state == "playing":
            self._set_state("paused")
        self._owed = 0.0
        if not self._single_steps:
            self._timer.stop()
        if self._dirty:
            self._dirty = False
            self.frame.emit()

    def step_once(self) -> None:
        if self._setup is None or self._done:
            return
        self.pause()
        self._single_steps += 1  # sent on the next tick once no request is in flight
        self._timer.start()  # stops itself when idle

    def set_speed(self, steps_per_second: float) -> None:
        self.speed = max(0.1, float(steps_per_second))

    def step_count(self) -> int:
        """Steps taken so far (the start point is step 0)."""
        return 0 if self.recording is None else max(self.recording.count - 1, 0)

    def is_finished(self) -> bool:
        return self._done

    # --- internals --------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    def _request(self, count: int) -> None:
        self._ensure_worker()
        if self._job is not None and not self._pending and not self._done:
            self._pending = True
            self.requestSteps.emit(int(count))

    def _tick(self) -> None:
        if self.state == "playing":
            self._owed = min(self._owed + self.speed * FRAME_MS / 1000.0, 10_000.0)
        count = int(self._owed) + self._single_steps
        if count >= 1 and not self._pending:
            self._owed -= int(self._owed)
            self._single_steps = 0
            self._request(count)
        if self._dirty:
            self._dirty = False
            self.frame.emit()
        if self.state != "playing" and not self._pending and not self._single_steps:
            self._timer.stop()

    def _is_current(self, token: int) -> bool:
        """True for the worker now in charge (its reply ends the request in flight)."""
        return self._job is not None and token == self._token

    def _on_stepped(self, token: int, first: int, batch) -> None:
        if self._is_current(token):
            self._pending = False
        if token not in self._run_tokens or self.recording is None:
            return  # a worker of an older run
        if first != self.recording.count:  # cannot happen: batches arrive in order
            return
        self.recording.append(*batch)
        self._dirty = True
        if not self._timer.isActive():
            self._dirty = False
            self.frame.emit()

    def _on_finished(self, token: int) -> None:
        if token not in self._run_tokens or self._done:
            return
        self._done = True
        self._pending = False
        self._timer.stop()
        self._dirty = False
        self._set_state("finished")  # before the frame: views always draw the last frame
        self.frame.emit()
        self.finished.emit()

    def _on_failed(self, token: int, message: str) -> None:
        if token not in self._run_tokens or self._done:
            return
        self._done = True
        self._pending = False
        self._timer.stop()
        self._set_state("finished")
        self.failed.emit(message)
