"""The reviewer's card actions and one undo stack for them (mixin of Collection; no Qt).

Like Anki's reviewer: edit the card (E), bury it until the next study day (-), suspend it
(@) and toggle a colour flag (Ctrl+1..4). Every action, like every answer, is one step
on the undo stack; :meth:`CardActions.undo` takes back the latest, whichever it was::

    col.bury(card.id)              # gone until tomorrow's study day starts
    col.toggle_flag(card.id, 1)    # red flag (again: no flag)
    col.update_card(card.id, my_note="think: step = rate x slope")
    col.undo_label                 # "Undo note on 'Learning rate'"
    col.undo()                     # the card as it was

Each change is committed before the method returns. The undo stack lives as long as the
Collection object (one app session), as in Anki.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from gdgame import storage
from gdgame.study.editing import MAX_BACK_CHARS, CardTextError, clean_card_text
from gdgame.study.model import Card
from gdgame.study.schema import FLAG_COLOURS, front_key, iso, utc_now

DAY_STARTS_AT_HOUR = 4
"""A study day starts at 4 am local time (Anki's default), so a late evening counts as one day."""

_RESTORED = ("front", "front_key", "back", "my_note", "suspended", "flag", "buried_until")


@dataclass(frozen=True)
class UndoStep:
    """What one undo takes back: reviews (with the FSRS state before each) and/or the
    non-scheduling columns of cards as they were."""

    label: str
    review_ids: tuple[int, ...] = ()
    cards_before: tuple[tuple[int, dict], ...] = ()


def study_day_start(moment: datetime, tz=None) -> datetime:
    """When the study day containing ``moment`` began (4 am local time), as aware time."""
    local = moment.astimezone(tz)
    start = local.replace(hour=DAY_STARTS_AT_HOUR, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return start


class CardActions:
    """Needs ``self.conn``, ``self.card()``, ``self._undo_stack`` and ``self.tz``."""

    conn: sqlite3.Connection
    tz = None  # None: the computer's time zone (tests pass a fixed one)

    # ------------------------------------------------------------------ undo stack
    def _push_undo(self, step: UndoStep) -> None:
        group = getattr(self, "_undo_group", None)
        if group is not None:
            group.append(step)
        else:
            self._undo_stack.append(step)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    @property
    def undo_label(self) -> str:
        """What Ctrl+Z would take back, e.g. "Undo bury of 'Momentum'" ("" if nothing)."""
        return f"Undo {self._undo_stack[-1].label}" if self._undo_stack else ""

    @property
    def last_step(self) -> UndoStep | None:
        """The step :meth:`undo` would take back (callers may keep it for later)."""
        return self._undo_stack[-1] if self._undo_stack else None

    def undo(self) -> Card | None:
        """Take back the latest answer or card action of this session; returns the card."""
        while self._undo_stack:
            card = self.undo_step(self._undo_stack[-1])
            if card is not None:
                return card
        return None

    def undo_step(self, step: UndoStep) -> Card | None:
        """Take back ``step``, e.g. one kept from another Collection object on the same
        file (the Quiz reopens its collection); None if nothing of it was left."""
        if step in self._undo_stack:
            self._undo_stack.remove(step)
        card_id = None
        with storage.transaction(self.conn):
            for review_id in reversed(step.review_ids):
                card_id = self._undo_review(review_id) or card_id
            for cid, columns in step.cards_before:
                if self._restore_columns(cid, columns):
                    card_id = cid
        return self.card(card_id) if card_id is not None else None  # type: ignore[attr-defined]

    def _undo_review(self, review_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT card_id, card_before FROM study_reviews WHERE id = ?", (review_id,)
        ).fetchone()
        if row is None:  # the card was deleted meanwhile
            return None
        before = json.loads(row[1])
        reason = before.get("reason", before.get("flag", ""))
        self._write_fsrs(  # type: ignore[attr-defined]
            row[0], before, reason=reason if isinstance(reason, str) else "", now=utc_now()
        )
        self.conn.execute("DELETE FROM study_reviews WHERE id = ?", (review_id,))
        return int(row[0])

    def _columns(self, card_id: int) -> dict:
        row = self.conn.execute(
            f"SELECT {', '.join(_RESTORED)} FROM study_cards WHERE id = ?", (card_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no card with id {card_id}")
        return dict(zip(_RESTORED, tuple(row), strict=True))

    def _restore_columns(self, card_id: int, columns: dict) -> bool:
        sets = ", ".join(f"{name} = ?" for name in _RESTORED)
        cursor = self.conn.execute(
            f"UPDATE study_cards SET {sets}, modified = ? WHERE id = ?",
            (*(columns[name] for name in _RESTORED), iso(utc_now()), card_id),
        )
        return cursor.rowcount > 0

    def _change(self, card_id: int, label: str, sql: str, params: tuple) -> Card:
        """Run one UPDATE of a card as an undoable step."""
        with storage.transaction(self.conn):
            before = self._columns(card_id)
            self.conn.execute(
                f"UPDATE study_cards SET {sql}, modified = ? WHERE id = ?",
                (*params, iso(utc_now()), card_id),
            )
        self._push_undo(UndoStep(label, cards_before=((card_id, before),)))
        return self.card(card_id)  # type: ignore[attr-defined]

    def _name(self, card_id: int) -> str:
        front = self.card(card_id).front  # type: ignore[attr-defined]
        short = front if len(front) <= 40 else front[:39] + "…"
        return f"'{short}'"

    # --------------------------------------------------------------------- actions
    def bury(self, card_id: int, now: datetime | None = None) -> Card:
        """Hide the card until the next study day starts (4 am local time)."""
        moment = now or utc_now()
        until = study_day_start(moment, self.tz) + timedelta(days=1)
        return self._change(
            card_id, f"bury of {self._name(card_id)}", "buried_until = ?", (iso(until),)
        )

    def unbury(self, card_id: int) -> Card:
        return self._change(card_id, f"unbury of {self._name(card_id)}", "buried_until = NULL", ())

    def set_suspended(self, card_id: int, suspended: bool = True) -> Card:
        word = "suspend" if suspended else "unsuspend"
        return self._change(
            card_id, f"{word} of {self._name(card_id)}", "suspended = ?", (int(bool(suspended)),)
        )

    def set_flag(self, card_id: int, flag: int) -> Card:
        """Set colour flag 1-4 (red, orange, green, blue) or 0 for none."""
        if isinstance(flag, bool) or int(flag) not in (0, *FLAG_COLOURS):
            raise ValueError(f"flag must be 0 (none) or 1-4, got {flag!r}")
        colour = FLAG_COLOURS.get(int(flag))
        label = f"{colour} flag on" if colour else "flag removal from"
        return self._change(card_id, f"{label} {self._name(card_id)}", "flag = ?", (int(flag),))

    def toggle_flag(self, card_id: int, flag: int) -> Card:
        """Anki's Ctrl+1..4: set that flag, or clear it if the card already has it."""
        current = self.card(card_id).flag  # type: ignore[attr-defined]
        return self.set_flag(card_id, 0 if current == int(flag) else flag)

    def update_card(
        self,
        card_id: int,
        front: str | None = None,
        back: str | None = None,
        my_note: str | None = None,
    ) -> Card:
        """Edit a card in place (the reviewer's E), as one undoable step.

        Glossary cards keep the glossary's front and back (checked, shared text); any card
        takes the learner's own note. Raises :class:`CardTextError` with a plain message.
        """
        card = self.card(card_id)  # type: ignore[attr-defined]
        front = card.front if front is None else front
        back = card.back if back is None else back
        if not card.is_user_card and (front.strip(), back.strip()) != (card.front, card.back):
            raise CardTextError(
                f"'{card.front}' is part of the built-in glossary: its text cannot be "
                "changed, but you can add your own note"
            )
        front, back = clean_card_text(front, back)
        note = card.my_note if my_note is None else _clean_note(my_note)
        with storage.transaction(self.conn):
            other = self.conn.execute(
                "SELECT id FROM study_cards WHERE front_key = ?", (front_key(front),)
            ).fetchone()
            if other is not None and other[0] != card_id:
                raise CardTextError(f"another card already has the front '{front}'")
            before = self._columns(card_id)
            self.conn.execute(
                "UPDATE study_cards SET front = ?, front_key = ?, back = ?, my_note = ?,"
                " modified = ? WHERE id = ?",
                (front, front_key(front), back, note, iso(utc_now()), card_id),
            )
        only_note = (front, back) == (card.front, card.back)
        what = "note on" if only_note else "edit of"
        self._push_undo(
            UndoStep(f"{what} {self._name(card_id)}", cards_before=((card_id, before),))
        )
        return self.card(card_id)  # type: ignore[attr-defined]

    def buried_cards(self, now: datetime | None = None) -> list[Card]:
        moment = iso(now or utc_now())
        ids = self.conn.execute(
            "SELECT id FROM study_cards WHERE buried_until > ? ORDER BY id", (moment,)
        ).fetchall()
        return [self.card(int(row[0])) for row in ids]  # type: ignore[attr-defined]


def _clean_note(note: str) -> str:
    if not isinstance(note, str):
        raise CardTextError("the note must be text")
    note = note.strip()
    if len(note) > MAX_BACK_CHARS:
        raise CardTextError(f"the note is {len(note):,} characters long (limit {MAX_BACK_CHARS:,})")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in note):
        raise CardTextError("the note contains a control character")
    return note
