"""Monkey test: 5,000 seeded random key presses and clicks spread over every screen.

The whole main window is built (every screen in the registry) and each screen in turn
gets its share of random input aimed at its visible, enabled widgets. The test fails on
any exception raised inside Qt (pytest-qt), any Qt warning (qt_log_level_fail), or a
QTimer/QThread left running (tests/conftest.py). Modal dialogs, file pickers, context
menus and opening URLs are answered "cancel" at once so the monkey never blocks.
A failure message names the seed, screen and the last actions to replay the problem.
"""

from __future__ import annotations

import logging
import os
import random

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QColorDialog,
    QComboBox,
    QDialog,
    QFileDialog,
    QGraphicsView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from gdgame.ui.main_window import MainWindow

SEED = int(os.environ.get("GDGAME_MONKEY_SEED", "20261125"))  # other seeds: explore locally
TOTAL_EVENTS = 5_000
EVENTS_BETWEEN_WAITS = 40
KEYS = [
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_Plus,
    Qt.Key.Key_Minus,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Period,
    Qt.Key.Key_Question,
    *[getattr(Qt.Key, f"Key_{c}") for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"],
]
# Widgets a person actually operates get most of the input (labels and frames the rest).
INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QTabBar,
    QTextEdit,
)
INTERACTIVE_SHARE = 0.7
MODIFIERS = [Qt.KeyboardModifier.NoModifier] * 4 + [Qt.KeyboardModifier.ShiftModifier]


@pytest.fixture
def never_block(monkeypatch):
    """Answer every modal question 'cancel' immediately; never open a browser."""
    cancel = QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(QDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: int(cancel))
    monkeypatch.setattr(QFileDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    monkeypatch.setattr(QInputDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: cancel))
    for name in ("about", "aboutQt"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: None))
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    for name in ("getText", "getMultiLineText", "getInt", "getDouble", "getItem"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(lambda *a, **k: (None, False)))
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *a, **k: None))
    monkeypatch.setattr(QMenu, "exec", lambda self, *a, **k: None)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda *a, **k: True))


def _dismiss_native_popups() -> None:
    """Close popups and modal windows that Qt itself runs in a nested event loop (a tool
    button's menu, a combo box's list): Python-level patches cannot reach those."""
    for widget in (QApplication.activePopupWidget(), QApplication.activeModalWidget()):
        if widget is not None:
            widget.close()


@pytest.fixture
def window(qtbot, ctx, never_block):
    win = MainWindow(ctx)
    win.show()
    qtbot.waitExposed(win)
    dismisser = QTimer()
    dismisser.setInterval(50)
    dismisser.timeout.connect(_dismiss_native_popups)
    dismisser.start()
    yield win
    dismisser.stop()
    win.close()
    win.shutdown()
    qtbot.wait(20)


def _targets(screen: QWidget) -> list[QWidget]:
    found = [
        widget
        for widget in screen.findChildren(QWidget)
        if widget.isVisible() and widget.isEnabled() and widget.width() > 2
    ]
    return found or [screen]


def _close_strays(window: QWidget) -> None:
    """Close popups, dialogs and tool windows the monkey opened outside the main window."""
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible():
            widget.close()


def _pick(rng: random.Random, targets: list[QWidget]) -> QWidget:
    interactive = [w for w in targets if isinstance(w, INTERACTIVE)]
    if interactive and rng.random() < INTERACTIVE_SHARE:
        return rng.choice(interactive)
    return rng.choice(targets)


def _poke(rng: random.Random, screen: QWidget, targets: list[QWidget]) -> str:
    """One random key press or click on a random widget; returns a replayable description."""
    target = _pick(rng, targets)
    if not shiboken6.isValid(target):  # deleted since the list was made (e.g. a rebuilt form)
        targets[:] = _targets(screen)
        target = _pick(rng, targets)
    name = f"{type(target).__name__}({target.objectName() or target.accessibleName()!r})"
    if rng.random() < 0.5:
        key, modifier = rng.choice(KEYS), rng.choice(MODIFIERS)
        QTest.keyClick(target, key, modifier)
        return f"key {key.name}+{modifier.name} -> {name}"
    point = QPoint(rng.randrange(target.width()), rng.randrange(max(1, target.height())))
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    return f"click ({point.x()},{point.y()}) -> {name}"


# The offscreen platform plugin cannot raise windows or grab the keyboard; it says so
# whenever a combo box or menu pops up. Those two messages are not gdgame's.
# With the optional speech extra on a machine without speech-dispatcher, Qt says so too.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise",
    "This plugin does not support grabbing",
    "Error loading text-to-speech plug-in",
)
def test_random_input_on_every_screen_raises_nothing(window, qtbot, caplog):
    caplog.set_level(logging.WARNING, logger="gdgame")
    rng = random.Random(SEED)
    poked: dict[str, int] = {}
    screen_ids = window.screen_ids()
    assert {"home", "hike", "lab", "learn", "cards", "quiz", "stats"} <= set(screen_ids)
    share, extra = divmod(TOTAL_EVENTS, len(screen_ids))
    sent, recent = 0, []
    for index, screen_id in enumerate(screen_ids):
        window.navigate(screen_id)
        qtbot.wait(20)
        screen = window.screens[screen_id]
        targets = _targets(screen)
        for count in range(share + (1 if index < extra else 0)):
            if window.current_screen() is not screen:  # a click navigated away: come back
                _close_strays(window)
                window.navigate(screen_id)
                targets = _targets(screen)
            action = _poke(rng, screen, targets)
            recent = (recent + [f"#{sent} {screen_id}: {action}"])[-12:]
            sent += 1
            poked[screen_id] = poked.get(screen_id, 0) + 1
            if count % EVENTS_BETWEEN_WAITS == EVENTS_BETWEEN_WAITS - 1:
                _close_strays(window)
                qtbot.wait(5)  # let timers, animations and workers run
                targets = _targets(screen)
        window.screens[screen_id].deactivate()
        _close_strays(window)
    replay = "\n".join([f"seed {SEED}", *recent])
    # every screen really got its share of input (a screen that vanished gets none) ...
    assert all(poked.get(screen_id, 0) >= share for screen_id in screen_ids), poked
    # ... nothing was logged as an error (workers log their failures: a silent one counts) ...
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, f"{errors[:3]}\n{replay}"
    # ... and after all that, every screen still opens and is the one shown.
    for screen_id in screen_ids:
        window.navigate(screen_id)
        screen = window.screens[screen_id]
        assert window.current_screen() is screen and window.stack.currentWidget() is screen
        assert screen.isVisible(), f"{screen_id} is not shown\n{replay}"
