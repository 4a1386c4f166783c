"""Browse, add, edit, delete and bulk-import cards (mixin of Collection; no Qt).

Suspend, bury, flag and in-place edits are undoable: see :mod:`gdgame.study.card_actions`.

Glossary cards keep the glossary's text: they can be suspended, buried, flagged and
given the learner's own note, but not edited or deleted. User and imported cards can
be changed freely. Two cards never share a front (compared case- and space-insensitively);
importing a front that exists updates that card instead of adding a second one.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from gdgame import storage
from gdgame.study.model import Card, ImportResult, card_from_row
from gdgame.study.schema import CARD_COLUMNS, front_key, iso

MAX_FRONT_CHARS = 1_000
MAX_BACK_CHARS = 10_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Direction embeddings and overrides (U+202A-E): they make text show in another order
# than it is stored ("Trojan source"; Unicode advises isolates instead). Other invisible
# characters are allowed (right-to-left marks, joiners of Persian, Indic scripts and
# emoji, the zero-width spaces of Thai): a front that differs from another only in them
# is the same card (gdgame.study.schema.front_key).
_INVISIBLE = re.compile("[\u202a-\u202e]")


class CardTextError(ValueError):
    """Card text that cannot be stored (empty, too long, control characters, duplicate)."""


def clean_card_text(front: str, back: str) -> tuple[str, str]:
    """Strip and check a card's two sides; raises CardTextError with a plain message."""
    if not isinstance(front, str) or not isinstance(back, str):
        raise CardTextError("both sides of a card must be text")
    front, back = front.strip(), back.strip()
    for side, text, limit in (("front", front, MAX_FRONT_CHARS), ("back", back, MAX_BACK_CHARS)):
        if not text:
            raise CardTextError(f"the {side} of the card is empty")
        if len(text) > limit:
            raise CardTextError(f"the {side} is {len(text):,} characters long (limit {limit:,})")
        bad = _CONTROL.search(text)
        if bad is not None:
            code = ord(bad.group())
            raise CardTextError(f"the {side} contains a control character (code {code})")
        hidden = _INVISIBLE.search(text)
        if hidden is not None:
            code = ord(hidden.group())
            raise CardTextError(
                f"the {side} contains an invisible direction control (U+{code:04X}), "
                "which shows text in another order than it is written"
            )
    return front, back


class CardEditing:
    """Card management methods; needs ``self.conn``."""

    conn: sqlite3.Connection

    def cards(self, search: str = "", include_suspended: bool = True) -> list[Card]:
        """All cards in deck order, optionally filtered by text in front, back or tags."""
        sql = f"SELECT {CARD_COLUMNS} FROM study_cards WHERE 1 = 1"
        params: list = []
        if search.strip():
            pattern = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%")
            pattern = pattern.replace("_", "\\_") + "%"
            sql += (
                " AND (front LIKE ? ESCAPE '\\' OR back LIKE ? ESCAPE '\\'"
                " OR tags LIKE ? ESCAPE '\\' OR term_id LIKE ? ESCAPE '\\')"
            )
            params += [pattern] * 4
        if not include_suspended:
            sql += " AND suspended = 0"
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return [card_from_row(r) for r in cursor.execute(sql + " ORDER BY id", params)]

    def find_by_front(self, front: str) -> Card | None:
        """The card whose front matches ``front`` ignoring case and spacing, if any."""
        return self._find_by_front(front)

    def _find_by_front(self, front: str) -> Card | None:
        row = self.conn.execute(
            f"SELECT {CARD_COLUMNS} FROM study_cards WHERE front_key = ?", (front_key(front),)
        ).fetchone()
        return card_from_row(row) if row else None

    def _user_card(self, card_id: int) -> Card:
        card = self.card(card_id)  # type: ignore[attr-defined]
        if not card.is_user_card:
            raise CardTextError(
                f"'{card.front}' is part of the built-in glossary; it can be suspended "
                "but not edited or deleted"
            )
        return card

    def add_card(
        self, front: str, back: str, tags: Iterable[str] = (), now: datetime | None = None
    ) -> Card:
        front, back = clean_card_text(front, back)
        stamp = iso(now or datetime.now(UTC))
        with storage.transaction(self.conn):
            if self._find_by_front(front) is not None:
                raise CardTextError(f"a card with the front '{front}' already exists")
            cursor = self.conn.execute(
                "INSERT INTO study_cards(front, front_key, back, tags, source, state, step,"
                " due, created, modified) VALUES (?, ?, ?, ?, 'user', 1, 0, ?, ?, ?)",
                (front, front_key(front), back, " ".join(tags), stamp, stamp, stamp),
            )
        return self.card(int(cursor.lastrowid))  # type: ignore[attr-defined]

    def edit_card(self, card_id: int, front: str, back: str) -> Card:
        front, back = clean_card_text(front, back)
        with storage.transaction(self.conn):
            self._user_card(card_id)
            other = self._find_by_front(front)
            if other is not None and other.id != card_id:
                raise CardTextError(f"another card already has the front '{front}'")
            self.conn.execute(
                "UPDATE study_cards SET front = ?, front_key = ?, back = ?, modified = ?"
                " WHERE id = ?",
                (front, front_key(front), back, iso(datetime.now(UTC)), card_id),
            )
        return self.card(card_id)  # type: ignore[attr-defined]

    def delete_card(self, card_id: int) -> None:
        with storage.transaction(self.conn):
            self._user_card(card_id)
            self.conn.execute("DELETE FROM study_cards WHERE id = ?", (card_id,))

    def import_cards(
        self,
        pairs: Iterable[tuple[str, str]],
        now: datetime | None = None,
        update_existing: bool = True,
    ) -> ImportResult:
        """Add or update cards from (front, back) pairs in ONE transaction.

        A front that matches a user/imported card updates it (or, ``update_existing``
        False, leaves it as it is: counted kept); a front that matches a glossary card
        leaves the built-in card as it is (counted unchanged). A front the file already
        had (same key: case and spacing aside) is skipped and counted as repeated: the
        first row wins, as when it is typed in twice. Any invalid pair raises
        CardTextError and nothing is written.
        """
        stamp = iso(now or datetime.now(UTC))
        counts: Counter[str] = Counter()
        with storage.transaction(self.conn):
            for front, back, existing, what in self._sort_import(pairs):
                if what == "update" and not update_existing:
                    what = "kept"
                if what == "add":
                    self.conn.execute(
                        "INSERT INTO study_cards(front, front_key, back, source, state, step,"
                        " due, created, modified) VALUES (?, ?, ?, 'import', 1, 0, ?, ?, ?)",
                        (front, front_key(front), back, stamp, stamp, stamp),
                    )
                elif what == "update":
                    self.conn.execute(
                        "UPDATE study_cards SET front = ?, back = ?, modified = ? WHERE id = ?",
                        (front, back, stamp, existing.id),
                    )
                counts[what] += 1
        return ImportResult(
            counts["add"], counts["update"], counts["same"], counts["repeat"], counts["kept"]
        )

    def import_clashes(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        """The fronts of your cards that importing ``pairs`` would change (the file has
        another back, or another spelling of the front). Writes nothing; raises
        CardTextError for an invalid pair, as :meth:`import_cards` would."""
        return [card.front for _f, _b, card, what in self._sort_import(pairs) if what == "update"]

    def _sort_import(self, pairs: Iterable[tuple[str, str]]) -> Iterator[tuple]:
        """(front, back, existing card or None, what) per row, what being "add",
        "update", "same" (nothing to change, or a glossary card) or "repeat"."""
        seen: set[str] = set()
        for raw_front, raw_back in pairs:
            front, back = clean_card_text(raw_front, raw_back)
            key = front_key(front)
            if key in seen:
                yield front, back, None, "repeat"
                continue
            seen.add(key)
            existing = self._find_by_front(front)
            if existing is None:
                what = "add"
            elif not existing.is_user_card or (existing.front, existing.back) == (front, back):
                what = "same"
            else:
                what = "update"
            yield front, back, existing, what
