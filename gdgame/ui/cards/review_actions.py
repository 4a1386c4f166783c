"""The reviewer's card actions row and its keys, as in Anki: E edit, - bury, @ suspend,
Ctrl+1..4 flag. The buttons never take the focus (keys 1-4 keep rating); each button
names its key, and ``KEYS`` lists them for Help > Keyboard Shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

from gdgame.study.schema import FLAG_COLOURS

FLAG_HEX = {1: "#D55E00", 2: "#E69F00", 3: "#009E73", 4: "#0072B2"}  # Okabe-Ito
FLAG_INK = {1: "#000000", 2: "#000000", 3: "#000000", 4: "#ffffff"}  # text on the flag
FLAG_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
KEYS = [
    ("E", "edit the card (your own note on glossary cards)"),
    ("-", "bury the card until tomorrow"),
    ("@", "suspend the card"),
    (
        "Ctrl+1 / 2 / 3 / 4",
        "flag red / orange / green / blue; again removes it (while a card is shown)",
    ),
]


def flag_name(flag: int) -> str:
    colour = FLAG_COLOURS.get(flag)
    return f"{colour.capitalize()} flag" if colour else "No flag"


def flag_icon(flag: int) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(FLAG_HEX.get(flag, "#00000000")))
    return QIcon(pixmap)


def action_for_key(event) -> tuple[str, int] | None:
    """("edit" | "bury" | "suspend" | "flag", flag number) for a reviewer key, else None."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers == Qt.KeyboardModifier.ControlModifier and event.key() in FLAG_KEYS:
        return "flag", FLAG_KEYS[event.key()]
    text = event.text()
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    if text.lower() == "e":
        return "edit", 0
    if text == "-":
        return "bury", 0
    if text == "@":
        return "suspend", 0
    return None


class ReviewActions(QWidget):
    """Buttons for the card on screen; emits ``requested(action, flag)``."""

    requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit_button = self._button("Edit  (E)", "edit", "Edit this card")
        self.bury_button = self._button("Bury  (-)", "bury", "Hide this card until tomorrow")
        self.suspend_button = self._button(
            "Suspend  (@)", "suspend", "Stop showing this card until you unsuspend it in Browse"
        )
        self.flag_button = QToolButton()
        self.flag_button.setText("Flag  (Ctrl+1-4)")
        self.flag_button.setAccessibleName("Flag this card")
        self.flag_button.setToolTip("Mark the card with a colour; flags show in Browse")
        self.flag_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.flag_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.flag_button.setAutoRaise(True)
        self.flag_button.setProperty("keyboard_keys", "Ctrl+1 / 2 / 3 / 4")
        menu = QMenu(self.flag_button)
        self.flag_actions: dict[int, QAction] = {}
        for number in (1, 2, 3, 4):
            action = menu.addAction(flag_icon(number), f"{flag_name(number)}\tCtrl+{number}")
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, n=number: self.requested.emit("flag", n))
            self.flag_actions[number] = action
        self.flag_button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.edit_button, self.bury_button, self.suspend_button):
            layout.addWidget(widget)
        layout.addWidget(self.flag_button)
        layout.addStretch(1)

    def _button(self, text: str, action: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setFlat(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("keyboard_keys", text.split("(")[-1].rstrip(")"))
        button.clicked.connect(lambda: self.requested.emit(action, 0))
        return button

    def show_flag(self, flag: int) -> None:
        for number, action in self.flag_actions.items():
            action.setChecked(number == flag)
