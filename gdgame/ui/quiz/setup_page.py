"""The Quiz start page: choose the mode, the number of questions and the topics (tags)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgame.study.learn_mode import LEARN, MAX_SIZE
from gdgame.study.quiz import MAX_LENGTH
from gdgame.study.quiz_model import MATCHING, MODE_LABELS, MODES
from gdgame.ui import theme
from gdgame.ui.quiz.answer_widgets import WRONG_COLOUR, OptionButton, plain_label

MODE_DESCRIPTIONS = {
    "multiple-choice": "Pick the right term or definition among four.",
    "type-in": "Read a definition, type the term. Small typos are forgiven.",
    "true-false": "Does this definition belong to this term?",
    "scenario": "A training run misbehaves: what is wrong, what helps?",
    "matching": "Rounds of four terms to pair with their definitions: click, key or drag.",
    LEARN: "Adaptive: each term in the format your memory needs, until you recall it twice.",
}
ALL_MODES = (*MODES, LEARN)
ALL_LABELS = {**MODE_LABELS, LEARN: "learn"}
UNITS = {MATCHING: ("round", "rounds"), LEARN: ("term", "terms")}
TAG_COLUMNS = 4


class SetupPage(QWidget):
    """Emits ``start_requested(mode, length, tags)``."""

    start_requested = Signal(str, int, list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel("Quiz yourself")
        theme.enlarge_font(title, 1.6)
        intro = plain_label(
            "Every answer also counts as a review of that card: right moves it further "
            "out, wrong brings it back soon."
        )

        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        modes_box = QGroupBox("Mode")
        modes_layout = QVBoxLayout(modes_box)
        self.mode_buttons: dict[str, OptionButton] = {}
        for index, mode in enumerate(ALL_MODES):
            button = OptionButton(str(index + 1))
            button.set_option(
                str(index + 1), f"{ALL_LABELS[mode].capitalize()}: {MODE_DESCRIPTIONS[mode]}"
            )
            button.setAccessibleName(f"Mode {ALL_LABELS[mode]}")
            button.toggled.connect(lambda _on: self._update_suffix())
            self.mode_group.addButton(button)
            self.mode_buttons[mode] = button
            modes_layout.addWidget(button)
        self.mode_buttons[MODES[0]].setChecked(True)

        self.length = QSpinBox()
        self.length.setRange(1, MAX_LENGTH)
        self.length.setValue(10)
        self.length.valueChanged.connect(lambda _n: self._update_suffix())
        self.length.setAccessibleName("Length")
        self._update_suffix()
        length_label = QLabel("&Length:")
        length_label.setBuddy(self.length)
        length_row = QHBoxLayout()
        length_row.addWidget(length_label)
        length_row.addWidget(self.length)
        length_row.addStretch(1)

        self.tags_box = QGroupBox("Topics (none chosen: all)")
        self.tags_layout = QGridLayout(self.tags_box)
        self.tag_buttons: dict[str, QPushButton] = {}

        self.error_label = plain_label()
        self.error_label.setStyleSheet(f"color: {WRONG_COLOUR};")
        self.error_label.hide()
        self.start_button = QPushButton("Start quiz  (Enter)")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.request_start)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(modes_box)
        layout.addLayout(length_row)
        layout.addWidget(self.tags_box)
        layout.addWidget(self.error_label)
        layout.addLayout(start_row)
        layout.addStretch(1)

    # ------------------------------------------------------------------ choices
    def set_tags(self, terms) -> None:
        """One toggle per tag of the glossary, with the number of terms carrying it."""
        counts = Counter(tag for term in terms for tag in getattr(term, "tags", ()))
        for button in self.tag_buttons.values():
            self.tags_layout.removeWidget(button)
            button.deleteLater()
        self.tag_buttons = {}
        for index, tag in enumerate(sorted(counts)):
            name = tag.replace("-", " ")
            button = QPushButton(f"{name} ({counts[tag]})")
            button.setCheckable(True)
            button.setAccessibleName(f"Topic {name}, {counts[tag]} terms")
            self.tag_buttons[tag] = button
            self.tags_layout.addWidget(button, index // TAG_COLUMNS, index % TAG_COLUMNS)

    def _update_suffix(self) -> None:
        """ "1 question" / "10 questions"; matching counts rounds, the learn mode terms."""
        if not hasattr(self, "length"):
            return
        one, many = UNITS.get(self.mode, ("question", "questions"))
        self.length.setMaximum(MAX_SIZE if self.mode == LEARN else MAX_LENGTH)
        self.length.setSuffix(f" {one if self.length.value() == 1 else many}")
        self.length.setAccessibleDescription(f"How many {many}")

    @property
    def mode(self) -> str:
        return next((m for m, b in self.mode_buttons.items() if b.isChecked()), MODES[0])

    def set_mode(self, mode: str) -> None:
        if mode in self.mode_buttons:
            self.mode_buttons[mode].setChecked(True)

    @property
    def tags(self) -> list[str]:
        return [tag for tag, button in self.tag_buttons.items() if button.isChecked()]

    def set_selected_tags(self, tags) -> list[str]:
        """Check exactly ``tags``; returns the ones that are not glossary tags."""
        wanted = {str(tag) for tag in tags or ()}
        for tag, button in self.tag_buttons.items():
            button.setChecked(tag in wanted)
        return sorted(wanted - set(self.tag_buttons))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def request_start(self) -> None:
        self.start_requested.emit(self.mode, self.length.value(), self.tags)

    def press_key(self, key: int, text: str) -> bool:
        """1-6 choose the mode (6: learn); Enter starts."""
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.request_start()
            return True
        keys = "".join(str(i + 1) for i in range(len(ALL_MODES)))
        if text and len(text) == 1 and text in keys:
            self.set_mode(ALL_MODES[int(text) - 1])
            return True
        return False
