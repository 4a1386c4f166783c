"""A plot legend that lives under the plot, never on top of the data.

pyqtgraph draws its legend inside the view box, where it covers start markers and paths;
a rich-text label below the plot says the same and is read by screen readers too.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

# How each entry is drawn in the legend text: a line, a dashed line or a marker.
SWATCHES = {
    "line": "━━",
    "dash": "╍╍",
    "star": "★",
    "dot": "●",
    "triangle": "▲",
    "square": "□",
    "block": "■",
}


def legend_html(entries: list[tuple[str, str, str]]) -> str:
    """``entries``: (label, colour, swatch) with swatch a key of :data:`SWATCHES`."""
    parts = [
        f"<span style='color:{colour}; font-weight:bold'>{SWATCHES.get(swatch, swatch)}</span>"
        f"&nbsp;{escape(label)}"
        for label, colour, swatch in entries
    ]
    return " &nbsp;&nbsp; ".join(parts)


class LegendLabel(QLabel):
    """One wrapped line of legend entries; empty (and taking no room) when cleared."""

    def __init__(self, accessible: str):
        super().__init__()
        self.setAccessibleName(accessible)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.entries: list[tuple[str, str, str]] = []

    def set_entries(self, entries: list[tuple[str, str, str]]) -> None:
        self.entries = list(entries)
        self.setText(legend_html(self.entries))
        self.setVisible(bool(self.entries))

    def labels(self) -> list[str]:
        return [label for label, _, _ in self.entries]
