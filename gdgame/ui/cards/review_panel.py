"""The Anki-like reviewer: front, reveal, rate 1-4 with the next interval on each button.

Keys (while the panel has focus): Space or Enter reveals the back (once revealed they
answer Good), 1-4 rate Again/Hard/Good/Easy, E edits the card, - buries it until
tomorrow, @ suspends it, Ctrl+1..4 flag it, Ctrl+Z undoes the last answer or action.
All card text is shown as plain text. Scheduling is the Collection's job; this panel
only shows ``col.next_card()`` and forwards the rating and the actions.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gdgame.display_names import level_name, literal_ampersands, section_name
from gdgame.study import (
    RATING_NAMES,
    Card,
    Collection,
    format_interval,
    format_wait,
    glossary_by_id,
)
from gdgame.ui.cards.review_actions import (
    FLAG_HEX,
    FLAG_INK,
    FLAG_KEYS,
    ReviewActions,
    action_for_key,
)
from gdgame.ui.cards.review_actions import flag_name as _flag_name
from gdgame.ui.cards.review_card_actions import CardActionsMixin

_REVEAL_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
_RATING_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}
_MAX_WAKE_MS = 6 * 3600 * 1000
_MAX_ANSWER_MS = 60_000  # like Anki: a card left on screen longer counts as a minute


def plain_label(text: str = "", *, wrap: bool = True, point_delta: int = 0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click on the text keeps keys 1-4 working
    if point_delta:
        font = QFont(label.font())
        font.setPointSize(max(8, font.pointSize() + point_delta))
        label.setFont(font)
    return label


class ReviewPanel(CardActionsMixin, QWidget):
    """Shows one card at a time; emits ``answered(line)`` after each rating."""

    answered = Signal(str)
    link_requested = Signal(str, str, str)  # screen id, target key, target value

    def __init__(self, col: Collection, parent: QWidget | None = None):
        super().__init__(parent)
        self.col = col
        self.card: Card | None = None
        self.revealed = False
        self._terms = glossary_by_id()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Card review")
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self.refresh)
        self._build()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.counts_label = plain_label(wrap=False)
        self.counts_label.setAccessibleName("Cards left")
        self.today_label = plain_label()
        self.today_label.setAccessibleName("Today")
        self.options_button = QPushButton("Deck options…")
        self.options_button.setToolTip("New cards per day, reviews per day, desired retention")
        self.options_button.clicked.connect(self.open_options)
        top = QHBoxLayout()
        summary = QVBoxLayout()
        summary.addWidget(self.counts_label)
        summary.addWidget(self.today_label)
        top.addLayout(summary, 1)
        top.addWidget(self.options_button, 0, Qt.AlignmentFlag.AlignTop)

        self.flag_badge = plain_label(wrap=False)
        self.flag_badge.setObjectName("card-flag")
        self.flag_badge.setAccessibleName("Flag")
        self.reason_label = plain_label()
        self.reason_label.setObjectName("mistake-reason")
        self.reason_label.setAccessibleName("Why this card is back")
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason_label.setStyleSheet("QLabel { color: #D55E00; font-weight: bold; }")
        self.front_label = plain_label(point_delta=10)
        self.front_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.front_label.setAccessibleName("Card front")
        self.back_label = plain_label(point_delta=3)
        self.back_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.back_label.setAccessibleName("Card back")
        self.note_label = plain_label()
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        italic = QFont(self.note_label.font())
        italic.setItalic(True)
        self.note_label.setFont(italic)
        self.my_note_label = plain_label()
        self.my_note_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.my_note_label.setAccessibleName("Your note")
        self.rule = QFrame()
        self.rule.setFrameShape(QFrame.Shape.HLine)
        self.learn_button = self._link_button("learn")
        self.hike_button = self._link_button("hike")
        links = QHBoxLayout()
        links.addStretch(1)
        links.addWidget(self.learn_button)
        links.addWidget(self.hike_button)
        links.addStretch(1)

        card_page = QFrame()
        card_page.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card_page)
        card_layout.setContentsMargins(32, 24, 32, 24)
        card_layout.addWidget(self.flag_badge, 0, Qt.AlignmentFlag.AlignRight)
        card_layout.addWidget(self.reason_label)
        card_layout.addStretch(1)
        card_layout.addWidget(self.front_label)
        card_layout.addWidget(self.rule)
        card_layout.addWidget(self.back_label)
        card_layout.addWidget(self.note_label)
        card_layout.addWidget(self.my_note_label)
        card_layout.addLayout(links)
        card_layout.addStretch(1)

        self.done_label = plain_label(point_delta=4)
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_label.setAccessibleName("Done for today")
        self.quiz_button = self._link_button("quiz")
        self.quiz_button.setText("Test yourself with a quiz  ›")
        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.addStretch(1)
        done_layout.addWidget(self.done_label)
        done_layout.addWidget(self.quiz_button, 0, Qt.AlignmentFlag.AlignHCenter)
        done_layout.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(card_page)
        self.pages.addWidget(done_page)
        self.done_page = done_page

        self.actions = ReviewActions()
        self.actions.requested.connect(self._action_requested)

        self.reveal_button = QPushButton("Show answer  (Space)")
        self.reveal_button.clicked.connect(self.reveal)
        self.rating_buttons: dict[int, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reveal_button)
        for rating, name in RATING_NAMES.items():
            button = QPushButton(name)
            button.setMinimumSize(120, 48)
            button.setToolTip(f"{name} (key {rating})")
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
            self.rating_buttons[rating] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.undo_button = QPushButton("Undo  (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        buttons.addWidget(self.undo_button)
        for button in (self.reveal_button, *self.rating_buttons.values(), self.undo_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.reveal_button.setProperty("keyboard_keys", "Space or Enter")
        self.undo_button.setProperty("keyboard_keys", "Ctrl+Z")
        for button in self.rating_buttons.values():
            button.setProperty("keyboard_keys", "1 / 2 / 3 / 4")
        self.options_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._clock = QElapsedTimer()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.actions)
        layout.addLayout(buttons)

    def _link_button(self, screen_id: str) -> QPushButton:
        button = QPushButton()
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._style_link(button)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; 1-4 still rate
        button.clicked.connect(lambda: self._follow(screen_id))
        return button

    def _style_link(self, button: QPushButton) -> None:
        colour = self.palette().color(QPalette.ColorRole.Link).name()
        button.setStyleSheet(f"QPushButton {{ color: {colour}; border: none; padding: 4px; }}")

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switched while running
            for name in ("learn_button", "hike_button", "quiz_button"):
                if hasattr(self, name):
                    self._style_link(getattr(self, name))

    # ------------------------------------------------------------------- actions
    def refresh(self) -> None:
        """Show the next card (or the done state) and the counts of cards left."""
        now = datetime.now(UTC)
        self.card = self.col.next_card(now)
        self.revealed = False
        counts = self.col.counts(now)
        self.counts_label.setText(
            f"New {counts.new}   ·   Learning {counts.learning}   ·   To review {counts.review}"
        )
        self.today_label.setText(self.col.today(now).estimate_text())
        self.undo_button.setEnabled(self.col.can_undo)
        label = self.col.undo_label
        self.undo_button.setToolTip(f"{label} (Ctrl+Z)" if label else "Nothing to undo")
        self._wake.stop()
        if self.card is None:
            self._show_done(now)
        else:
            self._show_card()

    def _show_card(self) -> None:
        card = self.card
        assert card is not None
        self.pages.setCurrentIndex(0)
        self.reason_label.setText(card.reason)
        self.reason_label.setVisible(bool(card.reason))
        self._show_flag(card.flag)
        self.front_label.setText(card.front)
        self.back_label.setText(card.back)
        self.note_label.setText(card.note)
        self.my_note_label.setText(f"Your note: {card.my_note}" if card.my_note else "")
        term = self._terms.get(card.term_id or "")
        section = section_name(term.chapter) if term else ""
        self.learn_button.setText(literal_ampersands(f"Read {section} in Learn  ›") if term else "")
        level = level_name(term.levels[0]) if term and term.levels else ""
        self.hike_button.setText(
            literal_ampersands(f"Try it in the Hike: “{level}”  ›") if level else ""
        )
        self.actions.setVisible(True)
        self._clock.start()
        self._set_revealed(False)

    def _show_flag(self, flag: int) -> None:
        self.flag_badge.setText(f"⚑ {_flag_name(flag)}" if flag else "")
        fill, ink = FLAG_HEX.get(flag, ""), FLAG_INK.get(flag, "")
        self.flag_badge.setStyleSheet(  # a chip: flag colour behind text of >= 4.5:1 contrast
            f"QLabel {{ background: {fill}; color: {ink}; font-weight: bold;"
            " border-radius: 4px; padding: 2px 8px; }"
        )
        self.flag_badge.setVisible(bool(flag))
        self.actions.show_flag(flag)

    def _set_revealed(self, revealed: bool) -> None:
        self.revealed = revealed
        for widget in (self.rule, self.back_label):
            widget.setVisible(revealed)
        self.note_label.setVisible(revealed and bool(self.note_label.text()))
        self.my_note_label.setVisible(revealed and bool(self.my_note_label.text()))
        self.learn_button.setVisible(revealed and bool(self.learn_button.text()))
        self.hike_button.setVisible(revealed and bool(self.hike_button.text()))
        self.reveal_button.setVisible(not revealed and self.card is not None)
        preview = self.col.preview(self.card.id) if revealed and self.card else {}
        for rating, button in self.rating_buttons.items():
            button.setVisible(revealed)
            if rating in preview:
                label = f"{RATING_NAMES[rating]}\n{format_interval(preview[rating])}"
                button.setText(label)
                button.setAccessibleName(
                    f"{RATING_NAMES[rating]}, next review in {format_interval(preview[rating])}"
                )

    def _show_done(self, now: datetime) -> None:
        self.pages.setCurrentIndex(1)
        self.actions.setVisible(False)
        for button in (self.reveal_button, *self.rating_buttons.values()):
            button.setVisible(False)
        next_due = self.col.next_due()
        if next_due is None:
            when = "There are no cards to review. Add some in the Browse tab."
        else:
            local = next_due.astimezone()
            day = "today" if local.date() == datetime.now().date() else local.strftime("%a %d %b")
            when = (
                f"The next card is due {day} at {local.strftime('%H:%M')} "
                f"(in {format_wait(next_due - now)})."
            )
            wait_ms = int((next_due - now).total_seconds() * 1000) + 500
            if self.isVisible() and 0 < wait_ms <= _MAX_WAKE_MS:
                self._wake.start(wait_ms)
        self.done_label.setText(f"Done for today!\n\n{when}")

    def reveal(self) -> None:
        if self.card is not None and not self.revealed:
            self._set_revealed(True)

    def rate(self, rating: int) -> None:
        if self.card is None or not self.revealed:
            return
        elapsed = min(self._clock.elapsed(), _MAX_ANSWER_MS) if self._clock.isValid() else None
        try:
            self.col.answer(self.card.id, rating, answer_ms=elapsed)
        except KeyError:  # deleted meanwhile (browser or another window)
            self.refresh()
            return
        self.answered.emit(f"reviewed 1 card ({RATING_NAMES[rating]})")
        self.refresh()

    def undo(self) -> None:
        label = self.col.undo_label
        card = self.col.undo()
        if card is not None:
            self.refresh()
            self.answered.emit(label.replace("Undo ", "undid the ", 1))

    def stop(self) -> None:
        self._wake.stop()

    def _follow(self, screen_id: str) -> None:
        if screen_id == "quiz":
            self.link_requested.emit("quiz", "", "")
            return
        term = self._terms.get(self.card.term_id or "") if self.card else None
        if term is None:
            return
        if screen_id == "learn":
            self.link_requested.emit("learn", "section", term.chapter)
        elif term.levels:
            self.link_requested.emit("hike", "level", term.levels[0])

    # ----------------------------------------------------------------- keyboard
    def event(self, event) -> bool:
        # Ctrl+1..4 flag the card here (as in Anki), not the window's "go to screen".
        if event.type() == QEvent.Type.ShortcutOverride and self._flag_key(event):
            event.accept()
            return True
        return super().event(event)

    def _flag_key(self, event) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return (
            self.card is not None
            and modifiers == Qt.KeyboardModifier.ControlModifier
            and event.key() in FLAG_KEYS
        )

    def keyPressEvent(self, event) -> None:
        key = event.key()
        action = action_for_key(event) if self.card is not None else None
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif action is not None:
            self._action_requested(*action)
        elif key in _REVEAL_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if self.revealed:
                self.rate(3)
            else:
                self.reveal()
        elif key in _RATING_KEYS and self.revealed:
            self.rate(_RATING_KEYS[key])
        else:
            super().keyPressEvent(event)
