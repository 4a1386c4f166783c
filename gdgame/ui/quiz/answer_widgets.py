"""The answer areas of the Quiz: option buttons and a type-in box (matching: matching_panel).

Each panel shows a :class:`~gdgame.study.quiz_model.Question`, emits ``submitted`` with
the learner's response (the form :func:`gdgame.study.quiz.grade` expects) and marks the
verdict it is given. No grading happens here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gdgame.study.quiz_model import TRUE_FALSE_OPTIONS, Grade, Question
from gdgame.ui import theme

LETTERS = "ABCD"
TRUE_FALSE_KEYS = "TF"
RIGHT_COLOUR = "#009E73"
WRONG_COLOUR = "#D55E00"
SELECTED = {  # (background, text, border) of a chosen option: contrast >= 4.5:1
    "light": ("#0b4f8a", "#ffffff", "#06335a"),
    "dark": ("#a8c7fa", "#0b1d33", "#d3e3fd"),
}
CHECK = "✓"


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(name: str) -> float:
        colour = QColor(name)
        channels = []
        for value in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def selected_colours() -> tuple[str, str, str]:
    return SELECTED["dark" if theme.is_dark() else "light"]


def plain_label(text: str = "", wrap: bool = True) -> QLabel:
    """A label that never interprets markup (card text is shown as plain text)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class OptionButton(QPushButton):
    """A push button whose long text wraps: a key badge ("A") and the option text.

    Checked (chosen) it is filled with a strong colour and its badge shows a check mark,
    so the choice is plain in light and dark mode alike (not just a darker grey).
    """

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCheckable(True)
        self._verdict: bool | None = None
        self.toggled.connect(lambda _on: self._restyle())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.key_label = plain_label(key, wrap=False)
        self.key_label.setMinimumWidth(28)
        font = self.key_label.font()
        font.setBold(True)
        self.key_label.setFont(font)
        self.text_label = plain_label()
        for label in (self.key_label, self.text_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.key_label)
        layout.addWidget(self.text_label, 1)

    def set_option(self, key: str, text: str) -> None:
        self.key = key
        self.text_label.setText(text)
        self.setAccessibleName(f"Option {key}: {text}")
        self.mark(None)

    def option_text(self) -> str:
        return self.text_label.text()

    def mark(self, right: bool | None) -> None:
        """Colour the text green (right), orange-red (wrong) or reset it (None)."""
        self._verdict = right
        self._restyle()

    def _restyle(self) -> None:
        if getattr(self, "_restyling", False):
            return
        self._restyling = True
        try:
            self._apply_style()
        finally:
            self._restyling = False

    def _set_sheet(self, widget: QWidget, sheet: str) -> None:
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)

    def _apply_style(self) -> None:
        key = getattr(self, "key", self.key_label.text().lstrip("✓✗ "))
        if self._verdict is not None:
            colour = RIGHT_COLOUR if self._verdict else WRONG_COLOUR
            text_style = f"color: {colour}; font-weight: bold;"
            self._set_sheet(self, "")
            self.key_label.setText(("✓ " if self._verdict else "✗ ") + key)
        elif self.isChecked():
            background, text, border = selected_colours()
            text_style = f"color: {text}; font-weight: bold;"
            self._set_sheet(
                self,
                f"QPushButton {{ background: {background}; border: 2px solid {border};"
                " border-radius: 4px; }",
            )
            self.key_label.setText(f"{CHECK} {key}")
        else:
            text_style = ""
            self._set_sheet(self, "")
            self.key_label.setText(key)
        self._set_sheet(self.text_label, text_style)
        self._set_sheet(self.key_label, text_style)
        chosen = ", chosen" if self.isChecked() and self._verdict is None else ""
        self.setAccessibleDescription(chosen.strip(", "))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:  # light/dark switched
            self._restyle()


class OptionsPanel(QWidget):
    """2 to 4 options (multiple choice, true/false, scenario); keys 1-4 and A-D (T/F for
    true/false) select."""

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons = [OptionButton(letter) for letter in LETTERS]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, button in enumerate(self.buttons):
            button.clicked.connect(lambda _=False, i=index: self._clicked(i))
            layout.addWidget(button)
        self.selected = -1
        self.locked = False
        self.keys = LETTERS

    def show_question(self, question: Question) -> None:
        self.selected = -1
        self.locked = False
        self.keys = TRUE_FALSE_KEYS if question.options == TRUE_FALSE_OPTIONS else LETTERS
        for index, button in enumerate(self.buttons):
            visible = index < len(question.options)
            button.setVisible(visible)
            button.setEnabled(True)
            button.setChecked(False)
            if visible:
                button.set_option(self.keys[index], question.options[index])

    def option_count(self) -> int:
        return sum(not button.isHidden() for button in self.buttons)

    def select(self, index: int) -> None:
        """Highlight option ``index`` (keyboard); Enter then submits it."""
        if self.locked or not 0 <= index < self.option_count():
            return
        self.selected = index
        for i, button in enumerate(self.buttons):
            button.setChecked(i == index)

    def _clicked(self, index: int) -> None:
        if self.locked:
            return
        self.select(index)
        self.submit()

    def submit(self) -> bool:
        if self.locked or self.selected < 0:
            return False
        self.submitted.emit(self.selected)
        return True

    def show_verdict(self, question: Question, verdict: Grade) -> None:
        self.locked = True
        for index, button in enumerate(self.buttons[: self.option_count()]):
            button.setEnabled(False)
            if index == question.correct:
                button.mark(True)
            elif index == self.selected:
                button.mark(False)


class TypeInPanel(QWidget):
    """A line edit; Enter (handled by the screen) or "Check" submits the typed answer."""

    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Type the term, then press Enter")
        self.edit.setAccessibleName("Your answer")
        self.edit.setMaxLength(200)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        self.locked = False

    def show_question(self, question: Question) -> None:
        self.locked = False
        self.edit.clear()
        self.edit.setReadOnly(False)
        self.edit.setStyleSheet("")
        # The question page gives the edit the focus once this panel is visible.

    def submit(self) -> bool:
        if self.locked:
            return False
        self.submitted.emit(self.edit.text())
        return True

    def show_verdict(self, question: Question, verdict: Grade) -> None:
        self.locked = True
        self.edit.setReadOnly(True)
        colour = RIGHT_COLOUR if verdict.correct else WRONG_COLOUR
        self.edit.setStyleSheet(f"color: {colour}; font-weight: bold;")
