"""The interactive worked example: type w, gradient and rate; see the update and next steps.

All checks and maths come from :mod:`gdgame.lesson.worked_example`; this widget only
forwards the text the learner types and shows the result (or the inline messages).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gdgame.lesson import worked_example as model
from gdgame.ui import theme
from gdgame.ui.learn.common import TintedPanel, blend, heading, plain_label
from gdgame.ui.learn.plots import bowl_plot

FIELDS = (
    ("w", "Weight w", "0.5"),
    ("gradient", "Gradient dL/dw", "2.0"),
    ("rate", "Learning rate", "0.01"),
)
PLOT_HEIGHT_LINES = 13
INPUT_WIDTH_CHARS = 24


class WorkedExampleWidget(TintedPanel):
    """A small calculator for ``w_new = w - rate * gradient`` with a plot of the next steps."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0.04, parent)
        self.setAccessibleName("Worked example calculator")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Try it yourself", 3))
        form = QFormLayout()
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for key, label, default in FIELDS:
            edit = QLineEdit(default)
            edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * INPUT_WIDTH_CHARS)
            edit.setAccessibleName(label)
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self.recalculate)
            error = plain_label("")
            error.setAccessibleName(f"{label} problem")
            error.hide()
            field = QWidget()
            column = QVBoxLayout(field)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(label, field)
            self.inputs[key], self.errors[key] = edit, error
        self.arithmetic = plain_label("")
        self.arithmetic.setAccessibleName("Arithmetic of the update")
        self.explanation = plain_label("")
        self.bowl_note = plain_label("")
        self.verdict = plain_label("")
        self.plot = self._make_plot()
        self.legend = plain_label("Square: your w.  Dots: the next steps, one per update.")
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.arithmetic)
        left.addWidget(self.explanation)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.plot)
        right.addWidget(self.legend)
        right.addWidget(self.verdict)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        layout.addLayout(row)
        layout.addWidget(self.bowl_note)
        self._apply_fonts()
        self.recalculate()

    def _make_plot(self) -> pg.PlotWidget:
        plot, self.bowl_curve, self.path_curve = bowl_plot(
            self.fontMetrics().height() * PLOT_HEIGHT_LINES, "weight w"
        )
        plot.setFixedHeight(self.fontMetrics().height() * PLOT_HEIGHT_LINES)
        self.start_marker = plot.plot(
            pen=None, symbol="s", symbolSize=9, symbolBrush=theme.SERIES_COLORS[1]
        )
        plot.setAccessibleName("Plot of the next steps on a bowl")
        return plot

    def _apply_fonts(self) -> None:
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        base = self.font()
        if base.pointSizeF() > 0:
            fixed.setPointSizeF(base.pointSizeF())
        self.arithmetic.setFont(fixed)
        bold = self.font()
        bold.setBold(True)
        for label in self.errors.values():
            label.setFont(bold)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        kind = event.type()
        if kind == QEvent.Type.PaletteChange and hasattr(self, "plot"):
            theme.style_plot(self.plot)
            self._mark_fields()
        elif kind == QEvent.Type.FontChange and hasattr(self, "arithmetic"):
            self._apply_fonts()

    def set_values(self, w: str, gradient: str, rate: str) -> None:
        for key, text in (("w", w), ("gradient", gradient), ("rate", rate)):
            self.inputs[key].setText(text)

    def recalculate(self) -> None:
        result = model.validate(*(self.inputs[key].text() for key, _label, _default in FIELDS))
        self._show_errors(result.errors)
        self.plot.setVisible(result.ok)
        self.legend.setVisible(result.ok)
        self.arithmetic.setVisible(result.ok)
        if not result.ok:
            self.arithmetic.setText("")
            self.explanation.setText("Fix the marked value to see the update and the next steps.")
            for label in (self.bowl_note, self.verdict):
                label.setText("")
            return
        step = model.gradient_step(result.inputs)
        path = model.bowl_steps(result.inputs)
        self.arithmetic.setText("\n".join(step.arithmetic()))
        self.explanation.setText(step.explanation())
        self.bowl_note.setText(path.description())
        self.verdict.setText(path.verdict)
        xs, ys = path.curve()
        self.bowl_curve.setData(xs, ys)
        self.path_curve.setData(list(path.positions), list(path.losses))
        self.start_marker.setData([path.positions[0]], [path.losses[0]])

    def _show_errors(self, errors: dict[str, str]) -> None:
        self._errors = errors
        for key, label in self.errors.items():
            message = errors.get(key, "")
            label.setText(f"\u26a0 {message}" if message else "")
            label.setVisible(bool(message))
            self.inputs[key].setToolTip(message)
        self._mark_fields()

    def _mark_fields(self) -> None:
        """Tint a field with a problem towards red, starting from the palette's Base colour."""
        errors = getattr(self, "_errors", {})
        for key, edit in self.inputs.items():
            palette = self.palette()
            if key in errors:
                base = palette.color(QPalette.ColorRole.Base)
                palette.setColor(QPalette.ColorRole.Base, blend(base, QColor("red"), 0.28))
            edit.setPalette(palette)

    def has_error(self, key: str) -> bool:
        return not self.errors[key].isHidden()

    def error_text(self, key: str) -> str:
        return self.errors[key].text()
