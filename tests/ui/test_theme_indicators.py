"""Check boxes and radio buttons stay visible on the dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

from gdgame.ui import theme


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + (0.0722 * channel(colour.blue()))
    )


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_an_unchecked_indicator_has_a_visible_edge_in_dark(qtbot, kind):
    app = QApplication.instance()
    theme.apply(app, dark=True)
    try:
        box = kind("Log scale for the loss")
        qtbot.addWidget(box)
        box.resize(box.sizeHint())
        image = box.grab().toImage()
        window = app.palette().color(app.palette().ColorRole.Window)
        middle = image.height() // 2
        best = max(
            _contrast(QColor(image.pixel(x, middle)), window) for x in range(image.height())
        )  # the indicator sits at the left, about as wide as the widget is high
        assert best >= 3.0  # WCAG 2.1 non-text contrast
    finally:
        theme.apply(app, dark=False)


@pytest.mark.parametrize("dark", [False, True])
def test_plot_titles_use_the_palette_text_colour(qtbot, dark):
    import pyqtgraph as pg

    app = QApplication.instance()
    theme.apply(app, dark=dark)
    try:
        plot = pg.PlotWidget(title="Loss per step")
        qtbot.addWidget(plot)
        theme.style_plot(plot)
        label = plot.getPlotItem().titleLabel
        title = QColor(pg.mkColor(label.opts["color"] or pg.getConfigOption("foreground")))
        assert title.name() in label.item.toHtml()  # the colour the title is drawn in
        background = QColor(theme.plot_colors()[0])
        assert _contrast(title, background) >= 4.5  # WCAG AA for text
    finally:
        theme.apply(app, dark=False)
