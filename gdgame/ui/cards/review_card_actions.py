"""The reviewer's actions on the card on screen: edit (E), bury (-), suspend (@), flag
(Ctrl+1..4), and the deck options dialog (a mixin of :class:`ReviewPanel`).

Each action is one undoable step of the Collection (Ctrl+Z in the reviewer).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from gdgame.study import Card, CardTextError
from gdgame.study.deck_options import DeckOptions
from gdgame.ui.cards.card_dialog import CardDialog
from gdgame.ui.cards.deck_options_dialog import DeckOptionsDialog
from gdgame.ui.cards.review_actions import flag_name
from gdgame.ui.errors import show_error


class CardActionsMixin:
    """Needs ``self.col``, ``self.card``, ``self.revealed``, ``self.answered`` (a signal),
    ``self.refresh()``, ``self._show_card()``, ``self._set_revealed()`` and
    ``self.undo_button``."""

    def _action_requested(self, action: str, flag: int) -> None:
        if action == "edit":
            self.edit_current()
        elif action == "bury":
            self.bury_current()
        elif action == "suspend":
            self.suspend_current()
        elif action == "flag":
            self.flag_current(flag)

    def _after_action(self, message: str, keep_card: bool) -> None:
        if keep_card and self.card is not None:
            self.card = self.col.card(self.card.id)
            revealed = self.revealed
            self._show_card()
            if revealed:
                self._set_revealed(True)
            self.undo_button.setEnabled(self.col.can_undo)
            self.undo_button.setToolTip(f"{self.col.undo_label} (Ctrl+Z)")
        else:
            self.refresh()
        self.answered.emit(message)

    def bury_current(self) -> None:
        if self.card is not None:
            self.col.bury(self.card.id)
            self._after_action(f"buried '{self.card.front}' until tomorrow", keep_card=False)

    def suspend_current(self) -> None:
        if self.card is not None:
            self.col.set_suspended(self.card.id, True)
            self._after_action(
                f"suspended '{self.card.front}' (unsuspend it in Browse)", keep_card=False
            )

    def flag_current(self, flag: int) -> None:
        if self.card is not None:
            card = self.col.toggle_flag(self.card.id, flag)
            if card.flag:
                message = f"flagged '{card.front}' {flag_name(card.flag).split()[0].lower()}"
            else:
                message = f"removed the flag from '{card.front}'"
            self._after_action(message, keep_card=True)

    def ask_edit(self, card: Card) -> tuple[str, str, str] | None:
        """The edit dialog: (front, back, note), or None if cancelled (tests replace it)."""

        def taken(front: str) -> bool:
            other = self.col.find_by_front(front)
            return other is not None and other.id != card.id

        title = "Edit card" if card.is_user_card else "Your note on a glossary card"
        dialog = CardDialog(
            self,
            title,
            card.front,
            card.back,
            taken,
            note=card.my_note,
            text_locked=not card.is_user_card,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = (*dialog.values(), dialog.note())
        dialog.deleteLater()
        return values if accepted else None

    def edit_current(self) -> None:
        if self.card is None:
            return
        values = self.ask_edit(self.card)
        if values is None:
            return
        front, back, note = values
        try:
            if self.card.is_user_card:
                self.col.update_card(self.card.id, front=front, back=back, my_note=note)
            else:
                self.col.update_card(self.card.id, my_note=note)
        except CardTextError as exc:
            show_error("Cards", f"The card was not changed: {exc}.", self)
            return
        self._after_action("saved the card (Ctrl+Z undoes it)", keep_card=True)

    def ask_options(self, options: DeckOptions) -> DeckOptions | None:
        """The deck options dialog; None if cancelled (tests replace it)."""
        dialog = DeckOptionsDialog(options, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.options()
        dialog.deleteLater()
        return chosen if accepted else None

    def open_options(self) -> None:
        chosen = self.ask_options(self.col.options)
        if chosen is None:
            return
        try:
            self.col.set_options(
                new_per_day=chosen.new_per_day,
                reviews_per_day=chosen.reviews_per_day,
                desired_retention=chosen.desired_retention,
            )
        except ValueError as exc:
            show_error("Deck options", f"The options were not changed: {exc}.", self)
            return
        revealed = self.revealed
        self.refresh()
        if revealed and self.card is not None:
            self._set_revealed(True)
        self.answered.emit("saved the deck options")
        self.setFocus()
