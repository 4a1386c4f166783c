"""Dialog to add or edit one of the learner's own cards (plain text only)."""

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
    ):
        """``taken(front)`` says whether another card already has that front."""
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
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.front_edit.textChanged.connect(self._validate)
        self.back_edit.textChanged.connect(self._validate)
        self._validate()

    def values(self) -> tuple[str, str]:
        return self.front_edit.text(), self.back_edit.toPlainText()

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
