"""Every screen of the real main window: each interactive widget has an accessible name
and a keyboard path (Tab reaches it, or the key that works it is listed in F1).

The walk visits each screen's pages and states a learner sees (the reviewer with the
answer shown, the browser, each quiz page and question format, every Learn section), and
reports every widget that fails, by class, object name and text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from gdgame.ui.context import AppContext
from gdgame.ui.main_window import MainWindow
from gdgame.ui.shortcuts_help import shortcuts_html

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)
SCREEN_IDS = [
    "home",
    "hike",
    "lab",
    "learn",
    "cards",
    "quiz",
    "stats",
]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName() or "").strip()


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isEnabled() and widget.window().isVisible()


def _part_of_parent(widget: QWidget) -> bool:
    """Parts whose parent carries the name and the keys: a spin box's line edit, a line
    edit's clear button, a scroll area's viewport and scroll bars, a table's header."""
    parent = widget.parent()
    if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit):
        return True
    if isinstance(widget, QScrollBar | QHeaderView):
        return True
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget


def problems_under(root: QWidget, keys_help: str) -> list[str]:
    """Focusable or interactive widgets under ``root`` with no name or no keyboard path."""
    found = []
    for widget in root.findChildren(QWidget):
        if not _shown(widget, root):
            continue
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if not (focusable or isinstance(widget, INTERACTIVE)):
            continue
        if _part_of_parent(widget):
            continue
        what = f"{type(widget).__name__} '{widget.objectName()}' {getattr(widget, 'text', str)()!r}"
        if not accessible_name(widget):
            found.append(f"no accessible name: {what}")
        keys = str(widget.property("keyboard_keys") or "")
        if not focusable and not (keys and f"{keys}</b>" in keys_help):
            found.append(f"no keyboard path (not on Tab, no key listed in F1): {what}")
    return found


def walk(window, screen_id: str):
    """Yield (state name, root widget) for each state of the screen worth checking."""
    window.navigate(screen_id)
    screen = window.screens[screen_id]
    yield "opened", screen
    if screen_id == "cards" and screen.review is not None:
        screen.review.reveal()
        yield "answer shown", screen
        screen.tabs.setCurrentWidget(screen.browse)
        screen.browse.select_card(screen.col.cards()[0].id)
        yield "browse", screen
    elif screen_id == "quiz":
        from gdgame.study.learn_mode import LEARN
        from gdgame.study.quiz import MODES

        for mode in (*MODES, LEARN):
            screen.start(mode, 2, [], seed=1)
            yield f"{mode} question", screen
            question = screen.session.current
            screen._answered(
                list(question.solution)
                if question.mode == "matching"
                else "x"
                if question.mode == "type-in"
                else 0
            )
            yield f"{mode} feedback", screen
        screen.show_results()
        yield "results", screen
    elif screen_id == "learn" and screen.lesson is not None:
        for section in screen.pages:
            screen.open(section=section)
            yield f"section {section}", screen
    yield "window chrome", window.nav


@pytest.fixture
def window(qtbot, app_paths):
    win = MainWindow(AppContext.for_folder(app_paths))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()


@pytest.mark.parametrize("screen_id", SCREEN_IDS)
def test_every_focusable_widget_has_a_name_and_a_keyboard_path(window, qtbot, screen_id):
    keys_help = shortcuts_html(window)
    failures = []
    for state, root in walk(window, screen_id):
        qtbot.wait(1)
        failures += [
            f"{screen_id} / {state}: {problem}" for problem in problems_under(root, keys_help)
        ]
    assert not failures, "\n".join(dict.fromkeys(failures))


def test_the_check_finds_a_nameless_button(qtbot):
    """The walk can fail: an icon-only button nobody named, off the Tab chain."""
    from PySide6.QtWidgets import QToolButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    button = QToolButton()
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    QVBoxLayout(root).addWidget(button)
    root.show()
    qtbot.waitExposed(root)
    found = problems_under(root, "")
    assert any("no accessible name" in p for p in found)
    assert any("no keyboard path" in p for p in found)
    button.setAccessibleName("Zoom in")
    button.setProperty("keyboard_keys", "+")
    assert problems_under(root, "<b>+</b>") == []
