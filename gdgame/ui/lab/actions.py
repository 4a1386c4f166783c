"""The Lab menu: run, sweep and export commands with their keyboard shortcuts.

The actions belong to the Lab screen (so their shortcuts work wherever the screen is shown)
and the main window lists them in a "Lab" menu. They are enabled only while the Lab is the
visible screen, so Space, S and R stay free for the other screens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class LabActions:
    """Play/pause, step, reset, speed, log-scale loss, sweep, cancel, data panel, range
    test, export, save plots."""

    def __init__(self, screen: QWidget):
        self._screen = screen
        self.actions: list[QAction] = []
        s = screen
        self.play = self._make("Play / Pause", ("Space",), s.toggle_play)
        self.step = self._make("Step", ("S",), s.run_panel.step_button.click)
        self.reset = self._make("Reset", ("R",), s.reset_run)
        speed = s.run_panel.speed
        self.faster = self._make("Faster", ("+", "="), lambda: speed.setValue(speed.value() + 1))
        self.slower = self._make("Slower", ("-",), lambda: speed.setValue(speed.value() - 1))
        self.log_loss = self._make("Log-Scale Loss", ("L",), s.plots.log_loss.toggle)
        self.log_loss.setCheckable(True)
        self.log_loss.setChecked(s.plots.log_loss.isChecked())
        s.plots.log_loss.toggled.connect(self.log_loss.setChecked)
        self._separator()
        self.sweep = self._make("Run Sweep", ("Ctrl+Return", "Ctrl+Enter"), s.start_sweep)
        self.cancel_sweep = self._make("Cancel Sweep / Range Test", ("Esc",), s.cancel_tasks)
        self._separator()
        self.data_panel = self._make("Data Panel", ("D",), s.show_data_panel)
        self.range_test = self._make("Run Range Test", ("Ctrl+T",), s.start_range_test)
        self.use_rate = self._make(
            "Use Suggested Rate", ("Ctrl+U",), s.range_panel.use_button.click
        )
        self._separator()
        self.export_run = self._make("Export Run…", ("Ctrl+E",), s.save_run_dialog)
        self.save_plots = self._make("Save Plots…", ("Ctrl+Shift+E",), s.save_plots_dialog)
        self.set_active(False)

    def _make(self, text: str, keys: tuple[str, ...], slot: Callable) -> QAction:
        action = QAction(text, self._screen)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setToolTip(f"{text} ({keys[0]})")
        action.triggered.connect(lambda _checked=False: slot())
        self._screen.addAction(action)
        self.actions.append(action)
        return action

    def _separator(self) -> None:
        separator = QAction(self._screen)
        separator.setSeparator(True)
        self.actions.append(separator)

    def set_active(self, on: bool) -> None:
        """Enable the shortcuts while the Lab is shown; disable them on other screens."""
        for action in self.actions:
            if not action.isSeparator():
                action.setEnabled(on)
