"""The card browser: search, see scheduling, add/edit/delete your cards, suspend any card."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gdgame.study import Card, CardTextError, Collection
from gdgame.ui.cards.card_dialog import CardDialog
from gdgame.ui.cards.card_table import CardTableModel
from gdgame.ui.errors import show_error

COLUMN_SAMPLES = {
    0: "Learning Rate Schedule",
    2: "2026-12-31 23:59",
    3: "99.9 d",
    4: "relearning, imported",
    5: "⚑ Orange",
}


class BrowsePanel(QWidget):
    """A searchable table of every card; ``changed`` fires after any edit."""

    changed = Signal(str)

    def __init__(self, col: Collection, parent: QWidget | None = None):
        super().__init__(parent)
        self.col = col
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search terms, definitions and tags…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search cards")
        self.search.textChanged.connect(self.refresh)
        self.model = CardTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cards")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Widths from the font (not pixels), so the definition keeps room at any scale.
        metrics = self.table.fontMetrics()
        for column, sample in COLUMN_SAMPLES.items():
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 20)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(60)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.add_button = QPushButton("&Add card…")
        self.add_button.clicked.connect(self.add_card)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.suspend_button = QPushButton("&Suspend")
        self.suspend_button.clicked.connect(self.toggle_suspend_selected)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.suspend_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self._update_buttons()

    # ------------------------------------------------------------------ queries
    def refresh(self) -> None:
        selected = self.selected_card()
        self.model.set_cards(self.col.cards(search=self.search.text()))
        self.count_label.setText(f"{self.model.rowCount()} cards")
        if selected is not None:
            self.select_card(selected.id)
        self._update_buttons()

    def selected_card(self) -> Card | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.card_at(rows[0].row()) if rows else None

    def select_card(self, card_id: int) -> bool:
        row = self.model.row_of(card_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._update_buttons()
        return True

    def show_term(self, term_id: str) -> bool:
        """Clear the search and select the glossary card of ``term_id``."""
        card = self.col.card_for_term(term_id)
        if card is None:
            return False
        self.search.clear()
        self.refresh()
        return self.select_card(card.id)

    def _update_buttons(self, *_args) -> None:
        card = self.selected_card()
        own = card is not None and card.is_user_card
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.suspend_button.setEnabled(card is not None)
        self.suspend_button.setText("Un&suspend" if card and card.suspended else "&Suspend")
        if card is None:
            self.detail.setText("Select a card to see it in full.")
        else:
            extra = f"\n\n{card.note}" if card.note else ""
            origin = "" if own else "\n(Built-in glossary card: it can be suspended, not edited.)"
            self.detail.setText(f"{card.front}\n{card.back}{extra}{origin}")

    # ------------------------------------------------------------------ editing
    def ask_card_text(
        self, title: str, front: str = "", back: str = "", card_id: int | None = None
    ) -> tuple[str, str] | None:
        """Show the card dialog; returns (front, back) or None if cancelled."""
        dialog = CardDialog(self, title, front, back, taken=self.front_taken(card_id))
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values()
        dialog.deleteLater()
        return values if accepted else None

    def front_taken(self, card_id: int | None):
        """A check for the dialog: is ``front`` used by a card other than ``card_id``?"""

        def taken(front: str) -> bool:
            other = self.col.find_by_front(front)
            return other is not None and other.id != card_id

        return taken

    def confirm(self, question: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, "Delete card", question, buttons, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes

    def report(self, problem: str) -> None:
        show_error("Cards", problem, self)

    def add_card(self) -> None:
        values = self.ask_card_text("Add card")
        if values is None:
            return
        try:
            card = self.col.add_card(*values)
        except CardTextError as exc:
            self.report(f"The card was not added: {exc}.")
            return
        self.refresh()
        self.select_card(card.id)
        self.changed.emit(f"added the card '{card.front}'")

    def edit_selected(self) -> None:
        card = self.selected_card()
        if card is None or not card.is_user_card:
            return
        values = self.ask_card_text("Edit card", card.front, card.back, card.id)
        if values is None:
            return
        try:
            self.col.edit_card(card.id, *values)
        except CardTextError as exc:
            self.report(f"The card was not changed: {exc}.")
            return
        self.refresh()
        self.changed.emit("saved the card")

    def delete_selected(self) -> None:
        card = self.selected_card()
        if card is None or not card.is_user_card:
            return
        if not self.confirm(f"Delete the card '{card.front}' and its review history?"):
            return
        self.col.delete_card(card.id)
        self.refresh()
        self.changed.emit(f"deleted the card '{card.front}'")

    def toggle_suspend_selected(self) -> None:
        card = self.selected_card()
        if card is None:
            return
        updated = self.col.set_suspended(card.id, not card.suspended)
        self.refresh()
        word = "suspended" if updated.suspended else "unsuspended"
        self.changed.emit(f"{word} '{card.front}'")
