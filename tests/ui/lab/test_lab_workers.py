"""Lab workers: leaving mid-run neither replays the run nor waits for a busy worker, and
every unexpected error is logged with its traceback while the user sees one short line
(issue 13, defects 2 and 10)."""

from __future__ import annotations

import logging
import threading

import numpy as np
import pytest

from gdgame.engine import get_landscape
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab import run_controller
from gdgame.ui.lab.run_controller import RunController
from gdgame.ui.lab.run_setup import LandscapeChoice, hiker_stream
from gdgame.ui.lab.screen import LabScreen
from gdgame.ui.lab.sweep_panel import SweepPanel


class CountingStream:
    """Wraps ``hiker_stream``: counts the steps the engine makes; can block or fail a step."""

    def __init__(self, block_at: int | None = None, fail_at: int | None = None):
        self.made: list[int] = []  # steps made by each stream started (one per run)
        self.block_at, self.fail_at = block_at, fail_at
        self.blocked = threading.Event()  # set once a step is held
        self.release = threading.Event()  # lets the held step go on
        self.went_on = threading.Event()  # set when the held step has gone on

    def __call__(self, *args, **kwargs):
        self.made.append(0)
        run = len(self.made) - 1
        for index, item in enumerate(hiker_stream(*args, **kwargs)):
            if index == self.block_at:
                self.blocked.set()
                self.release.wait(10)
                self.went_on.set()
            if index == self.fail_at:
                raise RuntimeError("the slope is undefined here\n(second line, log only)")
            self.made[run] += 1
            yield item


@pytest.fixture
def lab(shown_screen):
    return shown_screen(LabScreen)


def test_coming_back_resumes_from_the_stored_state_without_replaying(lab, qtbot, monkeypatch):
    stream = CountingStream()
    monkeypatch.setattr(run_controller, "hiker_stream", stream)
    lab.landscapes.select(LandscapeChoice(kind="quadratic", params={"scales": (1.0, 4.0)}))
    lab.hikers.set_specs([HikerSpec("sgd", 0.01 * (i + 1), (2.0, 1.5)) for i in range(8)])
    lab.run_panel.set_steps(5000)
    lab.reset_run()
    controller = lab.controller
    qtbot.waitUntil(lambda: controller.recording.count == 1)  # this run's stream has begun
    runs = len(stream.made)
    controller.request(2000)
    qtbot.waitUntil(lambda: controller.recording.count == 2001, timeout=20_000)
    lab.deactivate()  # leave the Lab mid-run
    lab.activate()
    controller.step_once()
    qtbot.waitUntil(lambda: controller.recording.count == 2002, timeout=20_000)
    assert len(stream.made) == runs  # no new stream after leaving and coming back
    assert stream.made[-1] == 2002  # and each step was made once: nothing replayed
    recording = controller.recording
    expected = list(hiker_stream(lab.landscape, lab.hikers.specs(), 5000))[:2002]
    np.testing.assert_allclose(recording.positions[:2002], np.stack([e[0] for e in expected]))


@pytest.fixture
def controller():
    made = RunController()
    yield made
    made.shutdown()


def test_stopping_a_busy_worker_returns_at_once_and_loses_no_step(controller, qtbot, monkeypatch):
    stream = CountingStream(block_at=5)
    monkeypatch.setattr(run_controller, "hiker_stream", stream)
    bowl = get_landscape("quadratic", scales=(1.0, 4.0))
    controller.prepare(bowl, [HikerSpec("sgd", 0.1, (2.0, 1.5))], 100, 0.0)
    qtbot.waitUntil(lambda: controller.recording.count == 1)
    controller.request(50)
    qtbot.waitUntil(stream.blocked.is_set)  # the worker is stuck inside step 5
    try:
        controller.stop()  # leaving the Lab: must not wait for that step
        still_busy = not stream.went_on.is_set()
    finally:
        stream.release.set()
    assert still_busy and len(controller._retired) == 1
    # the cancelled worker finishes its step; what it made is still recorded, in order
    qtbot.waitUntil(lambda: controller.recording.count == 6, timeout=10_000)
    controller.step_once()
    qtbot.waitUntil(lambda: controller.recording.count == 7, timeout=10_000)
    assert stream.made == [7]
    controller.shutdown()
    assert len(controller._retired) == 0


def test_a_failing_run_is_logged_with_traceback_and_shown_in_one_line(
    lab, qtbot, monkeypatch, caplog
):
    monkeypatch.setattr(run_controller, "hiker_stream", CountingStream(fail_at=3))
    lab.run_panel.set_steps(30)
    lab.reset_run()
    with (
        caplog.at_level(logging.ERROR, logger="gdgame"),
        qtbot.waitSignal(lab.controller.failed, timeout=10_000) as failed,
    ):
        lab.controller.request(10)
    message = failed.args[0]
    assert message == "The run stopped: the slope is undefined here"
    assert lab.run_panel.counter.text() == message
    records = [r for r in caplog.records if r.exc_info]
    assert len(records) == 1 and "second line" in str(records[0].exc_info[1])
    assert lab.controller.recording.count == 3  # the good steps stay


class BrokenLandscape:
    """A landscape whose slope raises an unexpected error (a bug, not bad input)."""

    def __init__(self):
        self._bowl = get_landscape("quadratic", scales=(2.0,))
        self.dim, self.bounds = 1, self._bowl.bounds

    def value(self, x):
        return self._bowl.value(x)

    def hessian(self, x):
        return self._bowl.hessian(x)

    def gradient(self, x):
        raise ZeroDivisionError("float division by zero")


def test_a_failing_sweep_is_logged_with_traceback_and_shown_in_one_line(qtbot, caplog):
    panel = SweepPanel()
    qtbot.addWidget(panel)
    panel.count.setValue(5)
    with caplog.at_level(logging.ERROR, logger="gdgame"):
        panel.start(BrokenLandscape(), np.array([1.0]), "sgd", {})
        qtbot.waitUntil(lambda: not panel.is_running() and panel.run_button.isEnabled())
    assert panel.status.text() == "The sweep stopped: float division by zero"
    assert [r.exc_info[0] for r in caplog.records if r.exc_info] == [ZeroDivisionError]
    panel.shutdown()


def test_long_hiker_paths_are_drawn_one_pixel_wide(qtbot):
    from gdgame.ui.lab.recording import RunRecording
    from gdgame.ui.lab.surface_view import THICK_PATH_POINTS, SurfaceView

    view = SurfaceView()
    qtbot.addWidget(view)
    view.set_landscape(get_landscape("quadratic", scales=(1.0, 4.0)))
    view.set_hikers(["a"], [np.zeros(2)])
    recording = RunRecording([HikerSpec()], 2)
    steps = THICK_PATH_POINTS + 1
    recording.append(np.zeros((steps, 1, 2)), np.zeros((steps, 1)), np.zeros((steps, 1, 2)), 1)
    path = view._hiker_items[0][0]
    assert path.opts["pen"].width() == 2
    view.show_recording(recording)
    assert path.opts["pen"].width() == 1  # thick 60,000-point paths take ~0.1 s each to draw
    view.set_hikers(["a"], [np.zeros(2)])  # a new run starts thick again
    assert view._hiker_items[0][0].opts["pen"].width() == 2
