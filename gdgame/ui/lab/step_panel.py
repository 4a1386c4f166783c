"""Step by step: the selected hiker's update rule with its real numbers, one step at a time.

The numbers come from ``gdgame.engine.step_explain``: the hiker's optimiser is rebuilt at
step k from the recorded run (``OptimizerReplay``) and takes step k + 1 again, so every
number shown is the engine's own state (the momentum buffer, Adagrad's sum, RMSprop's and
Adam's averages and corrections). Back and forward walk through the recorded run; with
"Follow the run" ticked the panel shows the newest step as the race plays.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine.step_explain import OptimizerReplay, StepExplanation, readable
from gdgame.ui.lab.names import hiker_name
from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.lab.run_setup import make_hiker_optimizer

EMPTY = "Take a step (S) to see how the selected hiker's optimiser made it."
AXES = ("x", "y")


def explanation_html(explanation: StepExplanation, title: str, note: str = "") -> str:
    """The rule, then a table: symbol, formula, value per coordinate, in words."""
    dim = len(explanation.position)
    heads = "".join(f"<th align='right'>{a}</th>" for a in AXES[:dim])
    rows = []
    for term in explanation.terms:
        values = list(term.values)
        if len(values) == 1 and dim > 1:
            cells = f"<td align='right' colspan='{dim}'>{readable(values[0])}</td>"
        else:
            cells = "".join(f"<td align='right'>{readable(v)}</td>" for v in values)
        rows.append(
            f"<tr><td><b>{html.escape(term.symbol)}</b></td>"
            f"<td>{html.escape(term.formula)}</td>{cells}"
            f"<td>{html.escape(term.words)}</td></tr>"
        )
    extra = f"<p><i>{html.escape(note)}</i></p>" if note else ""
    return (
        f"<p><b>{html.escape(title)}</b><br>"
        f"<span style='font-family:monospace'>{html.escape(explanation.rule)}</span></p>"
        f"{extra}<table cellspacing='0' cellpadding='3' border='0'>"
        f"<tr><th align='left'>term</th><th align='left'>formula</th>{heads}"
        f"<th align='left'>in words</th></tr>{''.join(rows)}</table>"
    )


class StepPanel(QWidget):
    """Shows step ``k + 1`` of hiker ``i``; emits ``explained`` with what it shows."""

    explained = Signal(object)  # StepExplanation, or None when there is nothing to show

    def __init__(self, parent=None):
        super().__init__(parent)
        self.recording: RunRecording | None = None
        self.hiker = 0
        self.explanation: StepExplanation | None = None
        self._replays: dict[int, OptimizerReplay] = {}
        self.back_button = QPushButton("◀ Back")
        self.back_button.setToolTip("The step before")
        self.forward_button = QPushButton("Forward ▶")
        self.forward_button.setToolTip("The next recorded step")
        self.step = QSpinBox()
        self.step.setPrefix("step ")
        self.step.setRange(1, 1)
        self.step.setKeyboardTracking(False)
        self.step.setAccessibleName("Step shown")
        self.follow = QCheckBox("Follow the run")
        self.follow.setChecked(True)
        self.follow.setToolTip("Show the newest step while the race plays")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Step by step")
        self.text.setPlaceholderText(EMPTY)
        row = QHBoxLayout()
        for widget in (self.back_button, self.step, self.forward_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.follow)
        self.title = QLabel(EMPTY)
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.back_button.clicked.connect(lambda: self.move_by(-1))
        self.forward_button.clicked.connect(lambda: self.move_by(1))
        self.step.valueChanged.connect(self._step_typed)
        self.follow.toggled.connect(lambda on: on and self.refresh())
        self._update_buttons()

    # --- what to show ---------------------------------------------------------------------
    def set_recording(self, recording: RunRecording | None) -> None:
        """A new run: forget the replays of the old one."""
        self.recording = recording
        self._replays = {}
        self.refresh()

    def set_hiker(self, index: int) -> None:
        if index != self.hiker:
            self.hiker = int(index)
            self.refresh()

    def last_step(self) -> int:
        """The newest step that can be explained (0: none yet)."""
        rec = self.recording
        return 0 if rec is None else max(rec.count - 1, 0)

    def refresh(self) -> None:
        """Show the newest step when following, else keep the step shown (if recorded)."""
        last = self.last_step()
        self.step.blockSignals(True)
        self.step.setRange(1, max(last, 1))
        if self.follow.isChecked():
            self.step.setValue(max(last, 1))
        self.step.blockSignals(False)
        self._show(self.step.value() if last else 0)

    def move_by(self, delta: int) -> None:
        self.follow.setChecked(False)
        self.step.setValue(self.step.value() + delta)

    def show_step(self, step: int) -> None:
        """Show step ``step`` (1 = the first step taken); stops following the run."""
        self.follow.setChecked(False)
        self.step.setValue(int(step))
        self._show(self.step.value())

    def _step_typed(self, value: int) -> None:
        self.follow.setChecked(value >= self.last_step() and self.follow.isChecked())
        self._show(value)

    # --- drawing --------------------------------------------------------------------------
    def _replay(self, index: int) -> OptimizerReplay:
        if index not in self._replays:
            spec = self.recording.hikers[index]
            self._replays[index] = OptimizerReplay(make_hiker_optimizer(spec))
        return self._replays[index]

    def _show(self, step: int) -> None:
        rec = self.recording
        if rec is None or not 1 <= step <= self.last_step() or self.hiker >= rec.n_hikers:
            self.explanation = None
            self.title.setText(EMPTY)
            self.text.clear()
            self._update_buttons()
            self.explained.emit(None)
            return
        k = step - 1
        i = self.hiker
        explanation = self._replay(i).explain(
            k, rec.positions[:, i], rec.gradients[:, i], rec.lrs[:, i]
        )
        self.explanation = explanation
        spec = rec.hikers[self.hiker]
        title = f"Hiker {self.hiker + 1} ({hiker_name(spec)}): step {step}, from step {k}"
        note = ""
        gone = int(rec.diverged_at[self.hiker])
        if 0 <= gone <= step:
            note = (
                f"This hiker diverged at step {gone}: from there on its numbers only show "
                "it running away (once they overflow, the engine keeps it where it was)."
            )
        self.title.setText(title)
        self.text.setHtml(explanation_html(explanation, "The update rule", note))
        self._update_buttons()
        self.explained.emit(explanation)

    def _update_buttons(self) -> None:
        last = self.last_step()
        value = self.step.value()
        self.back_button.setEnabled(last > 0 and value > 1)
        self.forward_button.setEnabled(last > 0 and value < last)
        self.step.setEnabled(last > 0)
