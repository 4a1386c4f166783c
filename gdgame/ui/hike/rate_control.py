"""The learning-rate control: a log-scale slider (1e-4 .. 10) plus a typed value."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSlider, QVBoxLayout, QWidget

from gdgame.game import check_rate
from gdgame.ui.theme import is_dark

LOG_MIN, LOG_MAX = -4.0, 1.0
MIN_RATE, MAX_RATE = 10**LOG_MIN, 10**LOG_MAX
TICKS_PER_DECADE = 100
FINE_NUDGE = 5  # ticks: 1/20 of a decade (x1.12)
COARSE_NUDGE = 25  # ticks: 1/4 of a decade (x1.78)


def rate_to_tick(rate: float) -> int:
    exponent = min(LOG_MAX, max(LOG_MIN, math.log10(rate)))
    return round((exponent - LOG_MIN) * TICKS_PER_DECADE)


def tick_to_rate(tick: int) -> float:
    return float(f"{10 ** (LOG_MIN + tick / TICKS_PER_DECADE):.3g}")


def format_rate(rate: float) -> str:
    return f"{rate:.3g}"


class RateControl(QWidget):
    """Pick the learning rate; emits ``rateChanged(float)`` or ``invalidRate(str)``.

    Up/Down nudge the slider by 1/20 of a decade and PageUp/PageDown by 1/4 when it has
    focus; :meth:`nudge` does the same from anywhere. Typing a value and pressing Enter
    applies it (bad text is reported, the previous rate is kept). Space in the typed field,
    or in any number field passed to :meth:`step_on_space` (a number never holds a space),
    emits ``stepRequested`` so the focus never traps the player's step key.
    """

    rateChanged = Signal(float)
    invalidRate = Signal(str)
    stepRequested = Signal()

    def __init__(self, rate: float = 0.1, parent: QWidget | None = None):
        super().__init__(parent)
        self._rate = check_rate(rate)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, round((LOG_MAX - LOG_MIN) * TICKS_PER_DECADE))
        self.slider.setSingleStep(FINE_NUDGE)
        self.slider.setPageStep(COARSE_NUDGE)
        self.slider.setAccessibleName("Learning rate slider")
        self.slider.setAccessibleDescription(
            "Learning rate from 0.0001 to 10 on a log scale. Up and Down nudge it, "
            "Page Up and Page Down change it faster."
        )
        self.slider.setToolTip("Learning rate (log scale). Up/Down, PageUp/PageDown nudge it.")
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Learning rate value")
        self.edit.setToolTip("Type a learning rate; Enter or Space takes the step with it")
        self.edit.setMaximumWidth(110)
        self.error = QLabel("")
        self.error.setObjectName("hike-rate-error")
        self.error.setAccessibleName("Learning rate problem")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {'#FF9E5E' if is_dark() else '#B34700'};")
        self.error.setVisible(False)
        title = QLabel("Learning rate")
        title.setBuddy(self.slider)
        low, high = QLabel("0.0001"), QLabel("10")
        row = QHBoxLayout()
        row.addWidget(low)
        row.addWidget(self.slider, 1)
        row.addWidget(high)
        row.addWidget(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.slider.valueChanged.connect(self._slider_moved)
        self.edit.returnPressed.connect(self.apply_typed)
        self._space_steps: list[QWidget] = []
        self.step_on_space(self.edit)
        self._show(self._rate)

    def step_on_space(self, widget: QWidget) -> None:
        """Make Space in ``widget`` (a number field) emit ``stepRequested`` instead of typing."""
        self._space_steps.append(widget)
        widget.installEventFilter(self)

    def typing_here(self, widget: QWidget | None) -> bool:
        """Whether ``widget`` is one of the number fields that swallow letter keys."""
        return any(w is widget or w.isAncestorOf(widget) for w in self._space_steps if widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
            and any(watched is w for w in self._space_steps)
        ):
            self.stepRequested.emit()
            return True
        return super().eventFilter(watched, event)

    def rate(self) -> float:
        return self._rate

    def set_rate(self, rate: float) -> None:
        self._rate = check_rate(rate)
        self._show(self._rate)
        self.rateChanged.emit(self._rate)

    def nudge(self, ticks: int) -> None:
        self.slider.setValue(self.slider.value() + ticks)

    def apply_typed(self) -> bool:
        """Use the typed value; returns False (and reports why) if it is not a usable rate."""
        text = self.edit.text().strip()
        try:
            value = float(text) if text else math.nan
        except ValueError:
            message = f"'{text}' is not a number. Type a rate such as 0.05 or 1e-3."
            self._fail(message)
            return False
        try:
            rate = check_rate(value)
        except ValueError as exc:
            self._fail(str(exc) if text else "Type a learning rate, such as 0.05.")
            return False
        if not MIN_RATE <= rate <= MAX_RATE:
            self._fail(
                f"{format_rate(rate)} is outside the learning rates you can choose: "
                f"type a rate from {format_rate(MIN_RATE)} to {format_rate(MAX_RATE)}."
            )
            return False
        self._set_error("")
        self.set_rate(rate)
        return True

    def typed_is_current(self) -> bool:
        return self.edit.text().strip() == format_rate(self._rate)

    def _fail(self, message: str) -> None:
        self._set_error(message)
        self.invalidRate.emit(message)

    def _set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def _slider_moved(self, tick: int) -> None:
        if tick == rate_to_tick(self._rate):
            return
        self._rate = tick_to_rate(tick)
        self.edit.setText(format_rate(self._rate))
        self._set_error("")
        self.rateChanged.emit(self._rate)

    def _show(self, rate: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(rate_to_tick(rate))
        self.slider.blockSignals(False)
        self.edit.setText(format_rate(rate))
