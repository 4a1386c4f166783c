"""The layout of the play page: header, field (or reveal), messages, controls and plots.

Only widgets live here; :class:`gdgame.ui.hike.screen.HikeScreen` wires them to the game.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gdgame.ui.hike.field_view import FieldView
from gdgame.ui.hike.hints_panel import HintsPanel
from gdgame.ui.hike.maths_panel import MathsPanel
from gdgame.ui.hike.plots_panel import PlotsPanel
from gdgame.ui.hike.rate_control import RateControl
from gdgame.ui.hike.reveal_view import RevealView
from gdgame.ui.hike.step_banner import StepBanner


def _button(text: str, accessible: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setToolTip(tip)
    return button


class PlayPage(QWidget):
    """All the widgets of one hike, laid out; no game logic."""

    def __init__(
        self,
        rate: float,
        motion_off: Callable[[], bool] = lambda: False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAccessibleName("Level title")
        self.concept = QLabel()
        self.concept.setAccessibleName("What this level teaches")
        self.concept.setWordWrap(True)
        self.status = QLabel()
        self.status.setAccessibleName("Steps and goal")
        self.status.setWordWrap(True)
        self.levels_button = _button("◀ Levels", "Back to the level list", "Level list (Esc)")
        self.lesson_button = _button(
            "Read the lesson",
            "Open the matching lesson chapter",
            "Open the lesson chapter this level is about",
        )
        header = QHBoxLayout()
        header.addWidget(self.levels_button)
        header.addWidget(self.title, 1)
        header.addWidget(self.lesson_button)

        self.field = FieldView()
        self.reveal = RevealView()
        self.views = QStackedWidget()
        self.views.addWidget(self.field)
        self.views.addWidget(self.reveal)
        self.banner = StepBanner(motion_off)
        self.maths = MathsPanel()
        self.hints = HintsPanel()

        self.rate = RateControl(rate)
        self.decay_label = QLabel("&Decay per step")
        self.decay = QDoubleSpinBox()
        self.decay.setRange(0.5, 1.0)
        self.decay.setSingleStep(0.01)
        self.decay.setDecimals(2)
        self.decay.setValue(1.0)
        self.decay.setAccessibleName("Learning-rate decay per step")
        self.decay.setToolTip("After each step the rate is multiplied by this (1 = no decay)")
        self.decay_label.setBuddy(self.decay)
        self.rate.step_on_space(self.decay)
        decay_row = QHBoxLayout()
        decay_row.addWidget(self.decay_label)
        decay_row.addWidget(self.decay)
        self.decay_note = QLabel()
        self.decay_note.setAccessibleName("Rate factor of the next step")
        decay_row.addWidget(self.decay_note)
        decay_row.addStretch(1)
        self.decay_row = QWidget()
        self.decay_row.setLayout(decay_row)
        decay_row.setContentsMargins(0, 0, 0, 0)

        self.step_button = _button(
            "Step (Space)", "Take a step", "Take a step with this learning rate (Space or Enter)"
        )
        self.undo_button = _button(
            "Undo (Ctrl+Z)", "Undo the last step", "Take back the last step (costs points)"
        )
        self.restart_button = _button("Restart (R)", "Restart the level", "Start again (R)")
        self.hint_button = _button("Hint (H)", "Show the next hint", "Show the next hint (H)")
        self.maths_button = _button(
            "Maths (M)", "Show the maths of each step", "Show or hide each step's update (M)"
        )
        self.maths_button.setCheckable(True)
        buttons = QHBoxLayout()
        for button in (
            self.step_button,
            self.undo_button,
            self.restart_button,
            self.hint_button,
            self.maths_button,
        ):
            buttons.addWidget(button)

        self.result = QLabel()
        self.result.setAccessibleName("Level result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.next_button = _button("Next level ▶ (N)", "Next level", "Play the next level (N)")
        self.retry_button = _button("Retry (R)", "Retry this level", "Play this level again (R)")
        end_row = QHBoxLayout()
        end_row.addWidget(self.result, 1)
        end_row.addWidget(self.retry_button)
        end_row.addWidget(self.next_button)
        self.end_panel = QWidget()
        self.end_panel.setLayout(end_row)
        end_row.setContentsMargins(0, 0, 0, 0)
        self.end_panel.setVisible(False)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.concept)
        column.addWidget(self.status)
        column.addWidget(self.views, 1)
        column.addWidget(self.banner)
        column.addWidget(self.end_panel)
        column.addWidget(self.rate)
        column.addWidget(self.decay_row)
        column.addLayout(buttons)
        self.plots = PlotsPanel()
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.hints)
        right_column.addWidget(self.maths)
        right_column.addWidget(self.plots, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        for plot in (
            self.field.plot,
            self.reveal.plot,
            self.plots.loss_plot,
            self.plots.slope_plot,
            self.plots.rate_plot,
        ):
            plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # and its viewport: Tab never
            plot.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # lands on a blank plot

    def show_maths(self, on: bool) -> None:
        self.maths.setVisible(on)
        if self.maths_button.isChecked() != on:
            self.maths_button.setChecked(on)

    def show_reveal(self, on: bool) -> None:
        self.views.setCurrentWidget(self.reveal if on else self.field)
        self.banner.set_compact(on)  # the result below says what happened; the map gets room
        self.end_panel.setVisible(on)
