"""Errors never reach the user as a traceback: log them, then show a short dialog."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gdgame import logs


def show_error(title: str, text: str, parent=None) -> None:
    """A plain, non-technical error dialog (call from the GUI thread)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(box.textFormat().PlainText)
    box.exec()


class ErrorReporter:
    """Global ``sys.excepthook``: log the traceback, tell the user briefly.

    ``interactive=False`` (smoke tests) only logs and remembers the errors.
    """

    def __init__(self, log_file, interactive: bool = True):
        self.log_file = log_file
        self.interactive = interactive
        self.errors: list[str] = []
        self._showing = False

    def install(self) -> ErrorReporter:
        sys.excepthook = self
        return self

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        summary = logs.log_exception(exc_type, exc, tb)
        self.errors.append(f"{exc_type.__name__}: {summary}")
        if not self.interactive or self._showing or QApplication.instance() is None:
            return
        # Show the dialog once the current slot has returned, never re-entrantly.
        QTimer.singleShot(0, lambda: self._show(summary))

    def _show(self, summary: str) -> None:
        self._showing = True
        try:
            show_error(
                "Something went wrong",
                "gdgame hit an unexpected problem and skipped that action.\n\n"
                f"{summary}\n\nDetails were written to the log file:\n{self.log_file}",
            )
        finally:
            self._showing = False
