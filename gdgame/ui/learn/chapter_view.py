"""One chapter: explanation (with an interactive piece where the chapter has one), story,
"Try it" buttons and glossary links."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gdgame.lesson import Chapter
from gdgame.lesson.rate_explorer import RateExplorer
from gdgame.ui.learn.common import (
    ReadingPage,
    TintedPanel,
    heading,
    markdown_label,
    rich_label,
)
from gdgame.ui.learn.link_names import level_title, preset_title, term_name
from gdgame.ui.learn.rate_explorer_widget import RateExplorerWidget

WIDGETS = {"rate-explorer": lambda: RateExplorerWidget(RateExplorer())}
"""The interactive pieces a chapter can name in its ``widget`` field."""


class ChapterView(ReadingPage):
    """Emits ``try_hike(level_id)``, ``try_lab(preset_id)`` and ``show_term(term_id)``."""

    try_hike = Signal(str)
    try_lab = Signal(str)
    show_term = Signal(str)

    def __init__(self, chapter: Chapter, parent: QWidget | None = None):
        super().__init__(parent)
        self.chapter = chapter
        self.widget: QWidget | None = None
        self.add(heading(f"Chapter {chapter.number} · {chapter.title}", 1))
        self.add(markdown_label(chapter.explanation))
        if chapter.widget in WIDGETS:
            self.widget = self.add(WIDGETS[chapter.widget]())
        if chapter.explanation_more:
            self.add(markdown_label(chapter.explanation_more))
        self.add(self._story_panel())
        self.add(heading("Try it", 2))
        self.try_buttons: list[QPushButton] = []
        self.add(self._try_row())
        self.add(self._glossary_links())
        self.finish()

    def _story_panel(self) -> QWidget:
        panel = TintedPanel(0.1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(f"Story: {self.chapter.story_title}", 3))
        layout.addWidget(markdown_label(self.chapter.story))
        return panel

    def _try_row(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        links = self.chapter.links
        for number, level_id in enumerate(links.hike_levels):
            prefix = "Try it in the Hike" if number == 0 else "Also in the Hike"
            button = self._button(f"{prefix}: {level_title(level_id)}", layout)
            button.setToolTip(f"Play the Hike level “{level_title(level_id)}”")
            button.clicked.connect(lambda _checked=False, i=level_id: self.try_hike.emit(i))
            if number == 0:
                button.setDefault(True)
        for preset_id in links.lab_presets:
            button = self._button(f"Try it in the Lab: {preset_title(preset_id)}", layout)
            button.setToolTip(f"Open the Lab experiment “{preset_title(preset_id)}”")
            button.clicked.connect(lambda _checked=False, i=preset_id: self.try_lab.emit(i))
        return box

    def _button(self, text: str, layout: QVBoxLayout) -> QPushButton:
        row = QHBoxLayout()
        button = QPushButton(text)
        row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.try_buttons.append(button)
        return button

    def _glossary_links(self) -> QLabel:
        anchors = " · ".join(
            f'<a href="{html.escape(term)}">{html.escape(term_name(term))}</a>'
            for term in self.chapter.links.glossary
        )
        label = rich_label(f"<b>Flashcards for this chapter:</b> {anchors}", links=True)
        label.linkActivated.connect(self.show_term.emit)
        self.glossary_label = label
        return label

    def hike_button(self) -> QPushButton:
        """The chapter's main "Try it" button (its first Hike level)."""
        return self.try_buttons[0]
