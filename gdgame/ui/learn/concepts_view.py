"""Key concepts as cards, then the worked examples (one of them interactive)."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from gdgame.lesson import Concept, Example
from gdgame.ui.learn.common import ReadingPage, TintedPanel, heading, markdown_label, rich_label
from gdgame.ui.learn.worked_example_widget import WorkedExampleWidget

CARD_COLUMNS = 2
FIRST_GROUP = "Key concepts"


def _groups(concepts: tuple[Concept, ...]) -> list[tuple[str, list[Concept]]]:
    """The cards in their groups, in order; a card without a group joins the one before."""
    groups: list[tuple[str, list[Concept]]] = []
    for concept in concepts:
        if concept.group or not groups:
            groups.append((concept.group or FIRST_GROUP, []))
        groups[-1][1].append(concept)
    return groups


class ConceptsView(ReadingPage):
    """Emits ``show_term(term_id)`` when a concept's flashcard link is followed."""

    show_term = Signal(str)

    def __init__(
        self,
        concepts: tuple[Concept, ...],
        examples: tuple[Example, ...],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.worked_example: WorkedExampleWidget | None = None
        self.add(heading("Concepts & examples", 1))
        for group, members in _groups(concepts):
            self.add(heading(group, 2))
            self.add(self._grid(members))
        self.add(heading("Worked examples", 2))
        for example in examples:
            self.add(heading(example.title, 3))
            self.add(markdown_label(example.text))
            if example.interactive and self.worked_example is None:
                self.worked_example = self.add(WorkedExampleWidget())
        self.finish()

    def _grid(self, concepts: list[Concept]) -> QWidget:
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, concept in enumerate(concepts):
            grid.addWidget(self._concept_card(concept), *divmod(index, CARD_COLUMNS))
        for column in range(CARD_COLUMNS):
            grid.setColumnStretch(column, 1)
        return grid_box

    def _concept_card(self, concept: Concept) -> QWidget:
        card = TintedPanel(0.1)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(concept.name, 3))
        layout.addWidget(markdown_label(concept.text), 1)
        link = rich_label(
            f'<a href="{html.escape(concept.term)}">Review the flashcard</a>', links=True
        )
        link.linkActivated.connect(self.show_term.emit)
        layout.addWidget(link)
        return card
