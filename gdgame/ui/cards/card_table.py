"""Table model listing cards for the browser: term, definition, due, stability, status, flag."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from gdgame.study import Card
from gdgame.ui.cards.review_actions import FLAG_HEX, flag_name

COLUMNS = ("Term", "Definition", "Due", "Stability", "Status", "Flag")
FLAG_COLUMN = 5


def describe_due(card: Card, now: datetime) -> str:
    if card.suspended:
        return "—"
    if card.buried_at(now):
        return "buried"
    if card.is_new:
        return "new"
    if card.due <= now:
        return "now"
    return card.due.astimezone().strftime("%Y-%m-%d %H:%M")


def describe_status(card: Card) -> str:
    parts = ["suspended" if card.suspended else card.kind]
    if card.is_user_card:
        parts.append("your card" if card.source == "user" else "imported")
    return ", ".join(parts)


class CardTableModel(QAbstractTableModel):
    """Read-only rows built from a list of :class:`gdgame.study.Card`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cards: list[Card] = []
        self._now = datetime.now(UTC)

    def set_cards(self, cards: list[Card]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self._now = datetime.now(UTC)
        self.endResetModel()

    def card_at(self, row: int) -> Card | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def row_of(self, card_id: int) -> int:
        return next((i for i, c in enumerate(self._cards) if c.id == card_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._cards)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        card = self.card_at(index.row()) if index.isValid() else None
        if card is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return card.front.replace("\n", " ")
            if column == 1:
                return card.back.replace("\n", " ")
            if column == 2:
                return describe_due(card, self._now)
            if column == 3:
                return "—" if card.stability is None else f"{card.stability:.1f} d"
            if column == FLAG_COLUMN:
                return f"⚑ {flag_name(card.flag).split()[0]}" if card.flag else ""
            return describe_status(card)
        if role == Qt.ItemDataRole.ForegroundRole and column == FLAG_COLUMN and card.flag:
            return QColor(FLAG_HEX[card.flag])
        if role == Qt.ItemDataRole.AccessibleTextRole and column == FLAG_COLUMN:
            return flag_name(card.flag)
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            # Force rich text around escaped content so markup in a card never renders.
            text = card.front if column == 0 else card.back
            return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
