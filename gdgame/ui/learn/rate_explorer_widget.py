"""Chapter 5's rate explorer: drag the learning rate, see |1 - rate x L| and the next steps.

A thin view over :class:`gdgame.lesson.rate_explorer.RateExplorer`: the slider, the rate
box, the curvature choice and the 1/L and 2/L buttons call the model; everything shown
(multiplier, regime, the five positions on the bowl) is what the model computed.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

from gdgame.lesson.rate_explorer import (
    CURVATURES,
    SLIDER_MAX,
    SLIDER_SCALE,
    STEPS,
    RateExplorer,
    RateReading,
    short,
)
from gdgame.lesson.regimes import CRAWL_BELOW
from gdgame.ui import theme
from gdgame.ui.learn.common import TintedPanel, heading, plain_label
from gdgame.ui.learn.plots import bowl_plot

PLOT_HEIGHT_LINES = 11
REGIME_COLOURS = {  # Okabe-Ito, as in the plots
    "crawl": "#999999",
    "descent": "#009E73",
    "one-step": "#009E73",
    "overshoot": "#E69F00",
    "bounce": "#D55E00",
    "divergence": "#D55E00",
}
ZONES = (  # (from rate x L, to rate x L, regime id, label)
    (0.0, CRAWL_BELOW, "crawl", "crawl"),
    (CRAWL_BELOW, 1.0, "descent", "descent"),
    (1.0, 2.0, "overshoot", "overshoot"),
    (2.0, SLIDER_MAX / SLIDER_SCALE, "divergence", "divergence"),
)


class RateScale(QWidget):
    """The coloured regimes under the slider, with the 1/L and 2/L marks at their places."""

    def __init__(self, slider: QSlider, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider = slider
        self.curvature = 1.0
        self.setMinimumHeight(round(self.fontMetrics().height() * 2.6) + 10)
        self.setAccessibleName("Regimes of the learning rate")

    def set_curvature(self, curvature: float) -> None:
        self.curvature = curvature
        self.update()

    def x_of(self, rate_x_l: float) -> float:
        """Where the slider handle's centre sits for ``rate_x_l``, in this widget."""
        option = QStyleOptionSlider()
        self.slider.initStyleOption(option)
        style = self.slider.style()
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self.slider
        )
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self.slider
        )
        span = groove.width() - handle.width()
        low, high = self.slider.minimum(), self.slider.maximum()
        fraction = (rate_x_l * SLIDER_SCALE - low) / (high - low)
        left = self.slider.x() - self.x() + groove.x() + handle.width() / 2
        return left + fraction * span

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        band = QRectF(0, 2, 0, metrics.height() * 0.6)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        for start, end, regime, label in ZONES:
            left, right = max(0.0, self.x_of(start)), min(float(self.width()), self.x_of(end))
            painter.fillRect(
                QRectF(left, band.top(), right - left, band.height()),
                QColor(REGIME_COLOURS[regime]),
            )
            if metrics.horizontalAdvance(label) < right - left - 4:
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(left, band.bottom() + 2, right - left, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
        painter.setPen(QPen(text_colour, 2))
        for rate_x_l, name in ((1.0, "1/L"), (2.0, "2/L")):
            x = self.x_of(rate_x_l)
            painter.drawLine(int(x), 0, int(x), int(band.bottom() + 2))
            text = f"{name} = {short(rate_x_l / self.curvature)}"
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(
                    x - width / 2, band.bottom() + metrics.height() + 2, width, metrics.height()
                ),
                Qt.AlignmentFlag.AlignHCenter,
                text,
            )
        painter.end()


class RateExplorerWidget(TintedPanel):
    """Drag the rate on a bowl; emits ``changed(rate, curvature)`` after each update."""

    changed = Signal(float, float)

    def __init__(self, model: RateExplorer, parent: QWidget | None = None):
        super().__init__(0.04, parent)
        self.model = model
        self.setAccessibleName("Rate explorer")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Try it: drag the learning rate", 3))
        layout.addLayout(self._controls())
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(1, SLIDER_MAX)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(10)
        self.slider.setAccessibleName("Learning rate slider")
        self.slider.setToolTip("Drag, or use the arrow keys (Page Up/Down for bigger moves)")
        self.slider.valueChanged.connect(self._slider_moved)
        self.scale = RateScale(self.slider)
        layout.addWidget(self.slider)
        layout.addWidget(self.scale)
        self.multiplier_label = plain_label("")
        self.size_label = plain_label("")
        self.regime_label = plain_label("")
        self.regime_label.setAccessibleName("Regime")
        self.positions_label = plain_label("")
        self.plot = self._make_plot()
        readout = QVBoxLayout()
        for label in (self.multiplier_label, self.size_label, self.regime_label):
            readout.addWidget(label)
        readout.addWidget(plain_label(f"Distance to the bottom, start and {STEPS} steps:"))
        readout.addWidget(self.positions_label)
        readout.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(readout, 1)
        row.addWidget(self.plot, 1)
        layout.addLayout(row)
        self.limits_label = plain_label("")
        layout.addWidget(self.limits_label)
        self._apply_fonts()
        self.refresh()

    # -- building ---------------------------------------------------------------------------
    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.curvature_box = QComboBox()
        self.curvature_box.setAccessibleName("Curvature L of the bowl")
        for curvature in CURVATURES:
            self.curvature_box.addItem(short(curvature), curvature)
        self.curvature_box.setCurrentIndex(CURVATURES.index(self.model.curvature))
        self.curvature_box.currentIndexChanged.connect(self._curvature_chosen)
        self.rate_box = QDoubleSpinBox()
        self.rate_box.setDecimals(4)
        self.rate_box.setAccessibleName("Learning rate")
        self.rate_box.setKeyboardTracking(False)
        self.rate_box.valueChanged.connect(self._rate_typed)
        curvature_label = QLabel("Curvature &L:")
        curvature_label.setBuddy(self.curvature_box)
        rate_label = QLabel("Learning &rate:")
        rate_label.setBuddy(self.rate_box)
        self.one_button = QPushButton("Rate = 1/L")
        self.two_button = QPushButton("Rate = 2/L")
        self.one_button.clicked.connect(lambda: self._set_rate_x_l(1.0))
        self.two_button.clicked.connect(lambda: self._set_rate_x_l(2.0))
        for widget in (curvature_label, self.curvature_box, rate_label, self.rate_box):
            row.addWidget(widget)
        row.addSpacing(self.fontMetrics().height())
        row.addWidget(self.one_button)
        row.addWidget(self.two_button)
        row.addStretch(1)
        return row

    def _make_plot(self) -> pg.PlotWidget:
        plot, self.bowl_curve, self.path_curve = bowl_plot(
            self.fontMetrics().height() * PLOT_HEIGHT_LINES, "distance from the bottom"
        )
        self.start_marker = plot.plot(pen=None, symbol="s", symbolSize=10)
        self.step_labels: list[pg.TextItem] = []
        for step in range(STEPS + 1):
            label = pg.TextItem(str(step), anchor=(0.5, 1.2))
            plot.addItem(label)
            self.step_labels.append(label)
        plot.setAccessibleName("The next steps on the bowl")
        return plot

    def _apply_fonts(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        self.regime_label.setFont(bold)
        self.multiplier_label.setFont(bold)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "plot"):
            theme.style_plot(self.plot)
            self.refresh()
        elif event.type() == QEvent.Type.FontChange and hasattr(self, "regime_label"):
            self._apply_fonts()

    # -- input ------------------------------------------------------------------------------
    def _slider_moved(self, position: int) -> None:
        if position != self.model.slider_position:
            self.model.set_slider(position)
            self.refresh()

    def _rate_typed(self, rate: float) -> None:
        if abs(rate - self.model.rate) > 0.5 * 10 ** -self.rate_box.decimals():
            self.model.set_rate(rate)
            self.refresh()

    def _curvature_chosen(self, index: int) -> None:
        self.model.set_curvature(float(self.curvature_box.itemData(index)))
        self.refresh()

    def _set_rate_x_l(self, rate_x_l: float) -> None:
        self.model.set_rate(rate_x_l / self.model.curvature)
        self.refresh()

    # -- output -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the model's current reading everywhere."""
        reading = self.model.reading()
        for widget, value in (
            (self.slider, self.model.slider_position),
            (self.rate_box, reading.rate),
        ):
            widget.blockSignals(True)
            if widget is self.rate_box:
                widget.setRange(self.model.min_rate, self.model.max_rate)
                widget.setSingleStep(self.model.min_rate)
            widget.setValue(value)
            widget.blockSignals(False)
        self.scale.set_curvature(reading.curvature)
        self.multiplier_label.setText(reading.multiplier_text())
        self.size_label.setText(reading.size_text())
        regime = reading.regime
        self.regime_label.setText(f"{regime.name[:1].upper()}{regime.name[1:]}: {regime.summary}")
        self.positions_label.setText(reading.positions_text())
        self.limits_label.setText(reading.limits_text())
        self._plot(reading)
        self.changed.emit(reading.rate, reading.curvature)

    def _plot(self, reading: RateReading) -> None:
        xs, ys = reading.curve()
        self.bowl_curve.setData(xs, ys)
        colour = QColor(REGIME_COLOURS[reading.regime.id])
        self.path_curve.setPen(pg.mkPen(colour, width=1.5))
        self.path_curve.setSymbolBrush(colour)
        self.path_curve.setData(list(reading.positions), list(reading.losses))
        text = self.palette().color(QPalette.ColorRole.WindowText)
        self.start_marker.setSymbolBrush(text)  # the start in a neutral colour
        self.start_marker.setData([reading.positions[0]], [reading.losses[0]])
        spots: dict[tuple[float, float], list[int]] = {}
        for step, (x, y) in enumerate(zip(reading.positions, reading.losses, strict=True)):
            spots.setdefault((round(x, 9), round(y, 9)), []).append(step)
        for label, ((x, y), steps) in zip(self.step_labels, spots.items(), strict=False):
            label.setText(", ".join(str(step) for step in steps), color=text)
            label.setPos(x, y)
            label.setVisible(True)
        for label in self.step_labels[len(spots) :]:
            label.setVisible(False)
        self.plot.getPlotItem().enableAutoRange()

    def reading(self) -> RateReading:
        return self.model.reading()
