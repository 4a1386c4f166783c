"""Memory aids: the rhyme, the story, G.L.O.W. as four cards, and a "Quiz me" link."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gdgame.lesson import AcronymLetter, Mnemonics
from gdgame.ui.learn.common import ReadingPage, TintedPanel, heading, markdown_label, rich_label

GLOW_COLUMNS = 4


class LetterCard(TintedPanel):
    """One letter of the acronym: the big letter, its word and what it means."""

    def __init__(self, letter: AcronymLetter, parent: QWidget | None = None):
        super().__init__(0.16, parent)
        self.letter = letter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        big = rich_label(
            f'<span style="font-size:xx-large; font-weight:bold">{html.escape(letter.letter)}'
            "</span>"
        )
        big.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        word = rich_label(f"<b>{html.escape(letter.word)}</b>")
        word.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        meaning = markdown_label(letter.meaning)
        layout.addWidget(big)
        layout.addWidget(word)
        layout.addWidget(meaning, 1)
        self.setAccessibleName(f"{letter.letter} for {letter.word}: {letter.meaning}")


class MemoryAidsView(ReadingPage):
    """Emits ``quiz_me(tags)`` when the learner asks to be quizzed."""

    quiz_me = Signal(list)

    def __init__(self, mnemonics: Mnemonics, parent: QWidget | None = None):
        super().__init__(parent)
        self._quiz_tags = list(mnemonics.quiz_tags)
        self.add(heading("Memory aids", 1))

        acronym = mnemonics.acronym
        self.add(heading(f"The acronym {acronym.word}", 2))
        self.add(markdown_label(acronym.intro))
        cards_box = QWidget()
        grid = QGridLayout(cards_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.letter_cards = [LetterCard(letter) for letter in acronym.letters]
        for index, card in enumerate(self.letter_cards):
            grid.addWidget(card, *divmod(index, GLOW_COLUMNS))
            grid.setColumnStretch(index % GLOW_COLUMNS, 1)
        self.add(cards_box)

        self.add(heading(mnemonics.rhyme_title, 2))
        rhyme = TintedPanel(0.06)
        rhyme_layout = QVBoxLayout(rhyme)
        rhyme_layout.setContentsMargins(0, 0, 0, 0)
        lines = "<br>".join(html.escape(line) for line in mnemonics.rhyme)
        rhyme_layout.addWidget(rich_label(f'<span style="font-size:large"><i>{lines}</i></span>'))
        self.add(rhyme)

        self.add(heading(mnemonics.story_title, 2))
        self.add(markdown_label(mnemonics.story))

        self.quiz_button = QPushButton("Quiz me on this")
        self.quiz_button.setToolTip("Start a short quiz on the lesson's key ideas")
        self.quiz_button.clicked.connect(lambda: self.quiz_me.emit(list(self._quiz_tags)))
        row = QHBoxLayout()
        row.addWidget(self.quiz_button)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.add(holder)
        self.finish()
