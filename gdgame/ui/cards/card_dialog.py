"""Dialog to add or edit a card (plain text only).

The learner's own cards can change front, back and note; a built-in glossary card shows
its text read-only (it is shared, checked text) and takes the learner's own note.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from gdgame.study.editing import CardTextError, clean_card_text


class CardDialog(QDialog):
    """Asks for a front and a back; OK stays disabled until both are valid."""

    def __init__(
        self,
        parent=None,
        title: str = "Add card",
        front: str = "",
        back: str = "",
        taken: Callable[[str], bool] | None = None,
        note: str | None = None,
        text_locked: bool = False,
    ):
        """``taken(front)`` says whether another card already has that front; ``note``
        (not None) adds the learner's own note; ``text_locked`` shows front and back
        read-only (a glossary card)."""
        super().__init__(parent)
        self.taken = taken
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.front_edit = QLineEdit(front)
        self.front_edit.setPlaceholderText("e.g. Learning rate warm restart")
        self.front_edit.setAccessibleName("Card front")
        self.back_edit = QPlainTextEdit(back)
        self.back_edit.setPlaceholderText("What should you remember?")
        self.back_edit.setAccessibleName("Card back")
        self.back_edit.setTabChangesFocus(True)
        self.note_edit = QPlainTextEdit(note or "")
        self.note_edit.setPlaceholderText("Your own words, a picture to remember it by…")
        self.note_edit.setAccessibleName("Your note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setVisible(note is not None)
        for edit in (self.front_edit, self.back_edit):
            edit.setReadOnly(text_locked)
            if text_locked:  # plainly not a field to type in
                edit.setStyleSheet("background: palette(window);")
        if text_locked:
            self.back_edit.setMaximumHeight(self.back_edit.fontMetrics().height() * 6)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Front", self.front_edit)
        form.addRow("&Back", self.back_edit)
        if note is not None:
            form.addRow("Your &note", self.note_edit)
        layout = QVBoxLayout(self)
        if text_locked:
            locked = QLabel(
                "This card belongs to the built-in glossary, so its text stays as it is. "
                "Add your own note below: it shows under the answer."
            )
            locked.setWordWrap(True)
            layout.addWidget(locked)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.front_edit.textChanged.connect(self._validate)
        self.back_edit.textChanged.connect(self._validate)
        self._validate()
        if text_locked:
            self.note_edit.setFocus()

    def values(self) -> tuple[str, str]:
        return self.front_edit.text(), self.back_edit.toPlainText()

    def note(self) -> str:
        return self.note_edit.toPlainText()

    def _validate(self) -> None:
        try:
            front, _back = clean_card_text(*self.values())
            if self.taken is not None and self.taken(front):
                raise CardTextError(f"a card with the front '{front}' already exists")
        except CardTextError as exc:
            text = str(exc)
            self.problem.setText(text[:1].upper() + text[1:] + ".")
            ok = False
        else:
            self.problem.setText("")
            ok = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
