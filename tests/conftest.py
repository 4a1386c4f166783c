"""Shared test set-up: offscreen Qt, a private data folder, and leak checks.

Tests fail on Python warnings and Qt warnings (pyproject), and on QThreads still
running or QTimers still active after the test (napari's approach).
"""

from __future__ import annotations

import os
import weakref

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Never touch the real user folders: every test gets its own GDGAME_DATA_DIR."""
    folder = tmp_path / "gdgame-data"
    monkeypatch.setenv("GDGAME_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(request, monkeypatch):
    """A question box nobody answers would hang the run: fail at once instead (a test that
    expects one patches ``QMessageBox.exec`` itself, which overrides this)."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QMessageBox

    def refuse(box):
        raise AssertionError(f"a modal QMessageBox opened in a test: {box.text()!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)


def _alive(obj, check) -> bool:
    try:
        return bool(check(obj))
    except RuntimeError:  # the C++ object is already deleted
        return False


@pytest.fixture(autouse=True)
def _no_leaked_qt_workers(request, monkeypatch):
    """Fail a test that leaves a QThread running or a QTimer active behind it."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QThread, QTimer

    threads: weakref.WeakSet = weakref.WeakSet()
    timers: weakref.WeakSet = weakref.WeakSet()
    thread_start, timer_start = QThread.start, QTimer.start

    def tracked_thread_start(self, *args, **kwargs):
        threads.add(self)
        return thread_start(self, *args, **kwargs)

    def tracked_timer_start(self, *args, **kwargs):
        timers.add(self)
        return timer_start(self, *args, **kwargs)

    monkeypatch.setattr(QThread, "start", tracked_thread_start)
    monkeypatch.setattr(QTimer, "start", tracked_timer_start)
    yield
    running = [t for t in list(threads) if _alive(t, QThread.isRunning)]
    for thread in running:
        thread.quit()
        thread.wait(2000)
    active = [t for t in list(timers) if _alive(t, QTimer.isActive)]
    for timer in active:
        timer.stop()
    assert not running, f"test leaked {len(running)} running QThread(s): {running}"
    assert not active, f"test leaked {len(active)} active QTimer(s): {active}"


@pytest.fixture
def app_paths(_private_data_dir):
    from gdgame.paths import resolve

    return resolve(_private_data_dir).ensure()


@pytest.fixture
def ctx(qapp, app_paths):
    """An AppContext on a private folder, for building screens in tests."""
    from gdgame.ui.context import AppContext

    context = AppContext.for_folder(app_paths)
    context.navigated = []  # (screen_id, target) pairs, for asserting navigation

    def navigate(screen_id, **target):
        context.navigated.append((screen_id, target))

    context.navigate = navigate
    return context


@pytest.fixture
def shown_screen(qtbot, ctx):
    """``shown_screen(ScreenClass, size=(w, h))``: built on ``ctx``, shown, activated, and
    shut down (timers and workers stopped) after the test."""
    made = []

    def make(cls, size=(1280, 800)):
        screen = cls(ctx)
        qtbot.addWidget(screen)
        screen.resize(*size)
        screen.show()
        screen.activate()
        made.append(screen)
        return screen

    yield make
    for screen in made:
        screen.shutdown()
