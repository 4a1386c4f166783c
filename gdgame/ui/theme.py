"""Light/dark appearance that follows the system, and plot styling shared by screens."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QStyle, QWidget

# Colour-blind friendly series colours (Okabe-Ito), one per hiker / curve.
SERIES_COLORS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)

_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#303134",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2d2e31",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.Highlight: "#3d6bb3",
    QPalette.ColorRole.HighlightedText: "#ffffff",
}


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        return hints.colorScheme() == Qt.ColorScheme.Dark
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7378"))
    return palette


INDICATOR_EDGE_DARK = "#9aa0a6"  # >= 3:1 against the dark window (WCAG non-text contrast)


class VisibleIndicators(QProxyStyle):
    """Fusion, with check boxes and radio buttons outlined so they show on a dark window.

    Fusion draws their edge a shade darker than the window, which all but vanishes on a
    dark palette; here a light edge is drawn over it when the palette is dark.
    """

    SHAPES = {
        QStyle.PrimitiveElement.PE_IndicatorCheckBox: "box",
        QStyle.PrimitiveElement.PE_IndicatorRadioButton: "round",
    }

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802 (Qt override)
        super().drawPrimitive(element, option, painter, widget)
        shape = self.SHAPES.get(element)
        if shape is None or option.palette.color(QPalette.ColorRole.Window).lightness() >= 128:
            return
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing, shape == "round")
        painter.setPen(QPen(QColor(INDICATOR_EDGE_DARK), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect.adjusted(0, 0, -1, -1)
        painter.drawRect(rect) if shape == "box" else painter.drawEllipse(rect)
        painter.restore()


def apply(app: QApplication, dark: bool | None = None) -> bool:
    """Use Fusion with a light or dark palette; ``None`` follows the system setting."""
    dark = system_prefers_dark() if dark is None else dark
    if not isinstance(app.style(), VisibleIndicators):
        app.setStyle(VisibleIndicators("Fusion"))
    app.setPalette(_dark_palette() if dark else app.style().standardPalette())
    # pyqtgraph draws titles and legend text in its "foreground" (a mid grey by default,
    # under 3:1 on a light background): use the palette's text colour instead
    text = app.palette().color(QPalette.ColorRole.Text).name()
    pg.setConfigOptions(antialias=True, foreground=text)
    return dark


def follow_system(app: QApplication, on_change=None, enabled=lambda: True) -> None:
    """Re-apply the palette whenever the system switches between light and dark.

    ``enabled()`` is asked each time, so a user who chose Light or Dark keeps it.
    """
    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "colorSchemeChanged"):
        return

    def changed(_scheme):
        if not enabled():
            return
        apply(app)
        if on_change is not None:
            on_change()

    hints.colorSchemeChanged.connect(changed)


LEGEND_VEIL_ALPHA = 215  # of 255: the plot still shows faintly behind a legend


def plot_colors() -> tuple[str, str]:
    """(background, foreground) for plots, matching the current palette."""
    palette = QApplication.palette()
    return (
        palette.color(QPalette.ColorRole.Base).name(),
        palette.color(QPalette.ColorRole.Text).name(),
    )


def style_plot(widget: pg.PlotWidget) -> None:
    """Give a PlotWidget the palette's background and axis colours."""
    background, foreground = plot_colors()
    widget.setBackground(background)
    item = widget.getPlotItem()
    for name in ("left", "bottom", "right", "top"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(foreground))
        axis.setTextPen(pg.mkPen(foreground))


# Text colours that only mean "the palette's text colour" (light, dark, pyqtgraph default):
# a title or note drawn in one of them follows a light/dark switch, any other colour stays.
_NEUTRAL_TEXT = {"#000000", "#ffffff", _DARK[QPalette.ColorRole.Text], "#969696", "#c8c8c8"}


def _is_neutral(colour) -> bool:
    return colour is None or QColor(pg.mkColor(colour)).name() in _NEUTRAL_TEXT


def _restyle_texts(widget: pg.PlotWidget, foreground: str) -> None:
    """Titles and notes (TextItems) that were drawn in the old palette's text colour."""
    title = widget.getPlotItem().titleLabel
    if title.text and _is_neutral(title.opts.get("color")):
        title.setText(title.text, color=foreground)
    legend = widget.getPlotItem().legend
    if legend is not None:  # pyqtgraph legends keep the ink they were made with
        style_legend(legend)
    scene = widget.scene()
    for item in scene.items() if scene is not None else ():
        if isinstance(item, pg.TextItem) and _is_neutral(item.color):
            item.setColor(foreground)


def style_legend(legend: pg.LegendItem) -> None:
    """A legend inside a plot: words in the palette's text colour on a veil of the plot's
    background, so that lines passing behind it never cross the words."""
    background, foreground = plot_colors()
    veil = QColor(background)
    veil.setAlpha(LEGEND_VEIL_ALPHA)
    legend.setBrush(pg.mkBrush(veil))
    legend.setLabelTextColor(foreground)  # for labels added later
    for _sample, label in legend.items:  # and the words already drawn
        label.setText(label.text, color=foreground)


def enlarge_font(widget, factor: float, bold: bool = True):
    """Scale ``widget``'s font relative to the system font (never a fixed pixel size)."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)
    return widget


def restyle_plots(root) -> int:
    """Re-apply the palette to every PlotWidget under ``root`` (after a light/dark switch)."""
    widgets = root.findChildren(pg.PlotWidget)
    foreground = plot_colors()[1]
    for widget in widgets:
        style_plot(widget)
        _restyle_texts(widget, foreground)
    return len(widgets)


def refresh_widgets(root) -> None:
    """Make widgets that baked in the old palette pick up the new one.

    Style sheets that say ``palette(text)`` are resolved once, and rich-text labels colour
    their links when the text is set; setting both again re-reads the current palette.
    """
    for widget in root.findChildren(QWidget):
        sheet = widget.styleSheet()
        if sheet and "palette(" in sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
        if isinstance(widget, QLabel) and "<a " in widget.text():
            text = widget.text()
            widget.setText("")
            widget.setText(text)


def series_pen(index: int, width: float = 1.0) -> pg.QtGui.QPen:
    return pg.mkPen(SERIES_COLORS[index % len(SERIES_COLORS)], width=width)
