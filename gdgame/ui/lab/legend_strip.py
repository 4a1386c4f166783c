"""The hikers' legend, outside the data: one coloured entry per hiker, wrapped in lines.

Each entry says the hiker's number and name and, when it applies, "off the map" or
"✕ diverged at step k". It is plain rich text in the palette's colours, so it follows light
and dark mode by itself and never covers a minimum or the end of a path.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from gdgame.ui.theme import SERIES_COLORS

OFF_MAP = "off the map"


def entry_text(index: int, name: str, off_map: bool, diverged_at: int) -> str:
    """Plain text of one entry (the label adds the colour swatch)."""
    text = f"{index + 1}. {name}"
    if diverged_at >= 0:
        text += f" ✕ diverged at step {diverged_at}"
    elif off_map:
        text += f" ({OFF_MAP})"
    return text


def _unbroken(text: str) -> str:
    """Escaped, with non-breaking spaces: lines break between entries, not inside one."""
    return html.escape(text).replace(" ", "&nbsp;")


class LegendStrip(QLabel):
    """``set_hikers(names)``, then ``show_status(off_map, diverged_at)`` after each frame."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAccessibleName("Hikers legend")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self._names: list[str] = []
        self._status: tuple | None = None
        self.entries: list[str] = []

    def set_hikers(self, names: list[str]) -> None:
        self._names = list(names)
        self._status = None
        self.show_status([False] * len(names), [-1] * len(names))

    def show_status(self, off_map, diverged_at) -> None:
        status = (tuple(bool(v) for v in off_map), tuple(int(v) for v in diverged_at))
        if status == self._status:
            return
        self._status = status
        self.entries = [
            entry_text(i, name, off, gone)
            for i, (name, off, gone) in enumerate(zip(self._names, *status, strict=False))
        ]
        parts = []
        for i, text in enumerate(self.entries):
            colour = SERIES_COLORS[i % len(SERIES_COLORS)]
            style = "text-decoration: line-through;" if status[1][i] >= 0 else ""
            name, _, note = text.partition(" ✕ ")
            shown = f"<span style='{style}'>{_unbroken(name)}</span>"
            if note:
                shown += f" <b>✕&nbsp;{_unbroken(note)}</b>"
            parts.append(f"<span style='color:{colour}; font-size:large'>■</span>&nbsp;{shown}")
        self.setText("&nbsp;&nbsp;&nbsp; ".join(parts))
