"""Run controls: play/pause, single step, reset, speed, number of steps, noise, step counter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgame.settings_schema import LAB_DEFAULT_SPEED
from gdgame.ui import theme
from gdgame.ui.lab.input_limits import NOISE, RUN_STEPS
from gdgame.ui.lab.run_controller import SPEEDS

NOISE_STEPS = round(NOISE.high / NOISE.resolution)  # the slider moves in steps of 0.1
NOISE_MAX = NOISE.high


class RunPanel(QWidget):
    """Buttons and sliders; the screen connects them to its :class:`RunController`."""

    settingsChanged = Signal()  # steps or noise changed: the run must restart

    def __init__(self, parent=None):
        super().__init__(parent)
        self.play_button = QPushButton("Play")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Play / pause (Space)")
        self.step_button = QPushButton("Step")
        self.step_button.setToolTip("Take one step (S)")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Back to the start points (R)")
        buttons = QHBoxLayout()
        for button in (self.play_button, self.step_button, self.reset_button):
            buttons.addWidget(button)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(SPEEDS.index(LAB_DEFAULT_SPEED))
        self.speed.setToolTip("How many steps per second the hikers take (+ and - keys)")
        self.speed.setAccessibleName("Speed: steps per second")
        self.speed_label = QLabel()
        self.steps = QSpinBox()
        self.steps.setRange(RUN_STEPS.low, RUN_STEPS.high)
        self.steps.setValue(RUN_STEPS.default)
        self.steps.setKeyboardTracking(False)
        self.steps.setToolTip("How many steps the race lasts")
        self.noise = QSlider(Qt.Orientation.Horizontal)
        self.noise.setRange(round(NOISE.low / NOISE.resolution), NOISE_STEPS)
        self.noise.setToolTip("Adds random noise to every slope (stochastic gradients)")
        self.noise.setAccessibleName("Gradient noise")
        self.noise_label = QLabel()
        self.counter = QLabel()
        self.counter.setAccessibleName("Step counter")
        theme.enlarge_font(self.counter, 1.2)

        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_label)
        noise_row = QHBoxLayout()
        noise_row.addWidget(self.noise, 1)
        noise_row.addWidget(self.noise_label)
        form = QFormLayout()
        form.addRow("Speed", speed_row)
        form.addRow("Steps", self.steps)
        form.addRow("Noise", noise_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.counter)

        self.speed.valueChanged.connect(self._show_labels)
        self.noise.valueChanged.connect(self._show_labels)
        self.noise.sliderReleased.connect(self.settingsChanged)
        self.noise.valueChanged.connect(self._noise_moved)
        self.steps.valueChanged.connect(self.settingsChanged)
        self._show_labels()
        self.show_count(0, 60, "idle")

    def speed_value(self) -> float:
        return float(SPEEDS[self.speed.value()])

    def noise_value(self) -> float:
        return NOISE_MAX * self.noise.value() / NOISE_STEPS

    def set_noise(self, noise: float) -> None:
        self.noise.blockSignals(True)
        self.noise.setValue(round(noise / NOISE_MAX * NOISE_STEPS))
        self.noise.blockSignals(False)
        self._show_labels()

    def set_steps(self, steps: int) -> None:
        self.steps.blockSignals(True)
        self.steps.setValue(int(steps))
        self.steps.blockSignals(False)

    def _noise_moved(self, _value: int) -> None:
        if not self.noise.isSliderDown():  # keyboard / programmatic: apply at once
            self.settingsChanged.emit()

    def _show_labels(self, *_args) -> None:
        self.speed_label.setText(f"{SPEEDS[self.speed.value()]} steps/s")
        noise = self.noise_value()
        self.noise_label.setText("off" if noise == 0 else f"σ = {noise:.1f}")

    def show_count(self, step: int, total: int, state: str) -> None:
        note = {"paused": " (paused)", "finished": " (done)"}.get(state, "")
        self.counter.setText(f"Step {step} / {total}{note}")
        playing = state == "playing"
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.setText("Pause" if playing else "Play")
        self.play_button.blockSignals(False)
        finished = state == "finished"
        self.step_button.setEnabled(not finished)
