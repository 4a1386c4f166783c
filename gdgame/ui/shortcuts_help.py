"""Help > Keyboard Shortcuts: every key the app answers to, screen by screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gdgame.ui.cards.review_actions import KEYS as REVIEWER_KEYS

BUILD_GAP_MS = 30  # between two screens built for the list: the dialog answers meanwhile

# Keys handled inside a screen (not menu actions, which are listed automatically).
SCREEN_KEYS: dict[str, list[tuple[str, str]]] = {
    "hike": [
        ("Up / Down", "nudge the learning rate a little"),
        ("Page Up / Page Down", "change the learning rate a lot"),
        ("Space or Enter", "take a step (also from the rate field; at the end: finish the reveal)"),
        ("N", "after a win: the next level"),
        ("Ctrl+Z", "undo the last step (costs points)"),
        ("R", "restart the level"),
        ("H", "take the next hint (its price is on the button)"),
        ("M", "show or hide the maths of each step"),
        ("Esc", "back to the level list"),
    ],
    "cards": [
        ("Space or Enter", "show the answer"),
        ("1 / 2 / 3 / 4", "rate: Again / Hard / Good / Easy"),
        *REVIEWER_KEYS,
        ("Ctrl+Z", "undo the last answer, edit, bury, suspend or flag"),
    ],
    "quiz": [
        ("1-6", "on the start page: choose the mode (6: learn)"),
        ("1-4 or A-D", "choose an option (matching: 1-4 a term, A-D a definition)"),
        ("T / F", "true or false"),
        ("Enter", "check the answer; Enter again: next question"),
        ("R", "after a wrong typed answer: I was right (count it right)"),
        ("Ctrl+Z", "take back the last answer and its review"),
    ],
}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shortcuts_html(window, pending: Sequence[str] | None = None) -> str:
    """An HTML table built from the live window, so it never goes out of date.

    ``pending`` None lists every screen (building any not built yet); otherwise it names
    the screens still to be built, which are left out and announced as coming.
    """
    rows = []
    if pending:
        titles = ", ".join(_escape(window.screen_title(sid)) for sid in pending)
        rows.append(f"<p><i>Adding the keys of: {titles}…</i></p>")
    rows.append("<h3>Everywhere</h3><table cellpadding='3'>")
    for action in window.actions():
        if not action.shortcut().isEmpty():
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            label = action.text().replace("&", "")
            rows.append(f"<tr><td><b>{_escape(key)}</b></td><td>{_escape(label)}</td></tr>")
    rows.append("</table>")
    screens = window.screens if pending is None else _built_screens(window)
    for screen_id, screen in screens.items():
        keys = list(SCREEN_KEYS.get(screen_id, []))
        for action in screen.menu_actions():
            if not action.shortcut().isEmpty():
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                keys.append((key, action.text().replace("&", "")))
        if keys:
            rows.append(f"<h3>{_escape(screen.title)}</h3><table cellpadding='3'>")
            rows.extend(
                f"<tr><td><b>{_escape(k)}</b></td><td>{_escape(v)}</td></tr>" for k, v in keys
            )
            rows.append("</table>")
    return "".join(rows)


def _built_screens(window) -> dict:
    return {screen_id: window.screen(screen_id) for screen_id in window.built_screen_ids()}


class ShortcutsDialog(QDialog):
    """Opens at once with the screens built so far; the others are built one per
    event-loop turn (a screen can take a tenth of a second) and their keys added."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 600)
        self._window = window
        built = set(window.built_screen_ids())
        self.pending = [sid for sid in window.screen_ids() if sid not in built]
        self._builder = QTimer(self)
        self._builder.setInterval(BUILD_GAP_MS)
        self._builder.timeout.connect(self.build_next)
        self.browser = QTextBrowser()
        self._show_keys()
        if self.pending:
            self._builder.start()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def build_next(self) -> None:
        """Build the next screen still missing and list its keys."""
        if self.pending:
            self._window.screen(self.pending.pop(0))
            self._show_keys()
        if not self.pending:
            self._builder.stop()

    def _show_keys(self) -> None:
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(shortcuts_html(self._window, self.pending))
        self.browser.verticalScrollBar().setValue(scroll)  # the reader's place stays
