"""The study collection: flashcards scheduled by FSRS in the shared SQLite file (no Qt).

Usage::

    col = Collection.open(paths.database)      # seeds the glossary deck once
    if col.recovery: show(col.recovery.message())
    for card in col.due():                      # cards due now, learning/review first
        ...
    col.answer(card.id, 3)                      # 1 Again, 2 Hard, 3 Good, 4 Easy
    col.undo()                                  # revert this session's last answer
    col.close()

Every write runs in one ``BEGIN IMMEDIATE`` transaction that is committed before
the method returns, so an answer that returned survives the process being killed.

For the Quiz screen: ``col.record_quiz_answer(term_id, correct)`` feeds a quiz answer
to the scheduler as a review (correct -> Good, wrong -> Again, source "quiz").
For the Stats screen: ``col.reviews()``, ``col.cards()``, ``col.state_counts()``.
A Collection belongs to the thread that opened it (SQLite connection rule).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs

from gdgame import storage
from gdgame.study import mistakes
from gdgame.study.editing import CardEditing
from gdgame.study.glossary import Term, load_glossary
from gdgame.study.model import Card, Counts, Review, card_from_row, review_from_row
from gdgame.study.schema import (
    CARD_COLUMNS,
    COMPONENT,
    MIGRATIONS,
    front_key,
    iso,
    parse_iso,
    utc_now,
)

DEFAULT_RETENTION = 0.9
RETENTION_RANGE = (0.7, 0.99)
BACKUPS_KEPT = 10
LEARN_AHEAD = timedelta(minutes=20)


class Collection(CardEditing):
    """Open with :meth:`open`; see the module docstring for the main calls."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovery=None):
        self.conn = conn
        self.path = path
        self.recovery: storage.Recovery | None = recovery
        self.backup_error: str | None = None
        self._undo_stack: list[int] = []
        self._scheduler = self._make_scheduler(self.desired_retention)

    # ----------------------------------------------------------------- lifecycle
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        backups_dir: str | Path | None = None,
        glossary: tuple[Term, ...] | None = None,
        now: datetime | None = None,
        recover: bool = True,
    ) -> Collection:
        """Open or create the study tables in ``path`` and seed the glossary deck.

        A damaged file is moved aside (``col.recovery`` says where), or with
        ``recover=False`` raises :class:`storage.DamagedDatabase` and is left alone; a daily
        backup is written to ``backups_dir`` (default: ``<folder of path>/backups``), keeping 10.
        """
        path = Path(path)
        conn, recovery = storage.open_database(path, recover=recover)
        try:
            storage.migrate(conn, COMPONENT, MIGRATIONS)
            col = cls(conn, path, recovery)
            moment = _utc(now)
            col._seed(glossary if glossary is not None else load_glossary(), moment)
            col._backup_once_a_day(Path(backups_dir or path.parent / "backups"), moment)
        except BaseException:
            conn.close()
            raise
        return col

    @classmethod
    def open_read_only(
        cls,
        path: str | Path,
        *,
        glossary: tuple[Term, ...] | None = None,
        now: datetime | None = None,
    ) -> Collection:
        """The collection in ``path`` as it would open, for commands that only read it.

        Works on a private in-memory copy (:func:`storage.read_only_copy`): nothing is
        written to ``path`` or its folder, which may be read-only. A missing file gives the
        glossary deck a first start would create; a damaged one raises
        :class:`storage.DamagedDatabase`. Changes made through it are never saved.
        """
        path = Path(path)
        conn = storage.read_only_copy(path)
        try:
            storage.migrate(conn, COMPONENT, MIGRATIONS)
            col = cls(conn, path)
            col._seed(glossary if glossary is not None else load_glossary(), _utc(now))
        except BaseException:
            conn.close()
            raise
        return col

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ------------------------------------------------------------------- settings
    def _meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM study_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO study_meta(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @property
    def desired_retention(self) -> float:
        return float(self._meta("desired_retention", str(DEFAULT_RETENTION)))

    def set_desired_retention(self, value: float) -> None:
        low, high = RETENTION_RANGE
        if not low <= float(value) <= high:
            raise ValueError(f"desired retention must be between {low} and {high}, got {value}")
        with storage.transaction(self.conn):
            self._set_meta("desired_retention", repr(float(value)))
        self._scheduler = self._make_scheduler(float(value))

    @staticmethod
    def _make_scheduler(retention: float) -> fsrs.Scheduler:
        # No fuzz: the interval printed on a button is exactly what the answer gives.
        return fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)

    # -------------------------------------------------------------------- seeding
    def _seed(self, terms: tuple[Term, ...], now: datetime) -> None:
        """Add glossary terms not yet in the deck; refresh the text of existing ones.

        Runs only when the glossary content changed since last time, so the deck is
        seeded once and scheduling history is never touched.
        """
        signature = json.dumps([[t.id, t.term, t.definition, t.example, t.tags] for t in terms])
        if self._meta("glossary_signature") == signature:
            return
        stamp = iso(now)
        with storage.transaction(self.conn):
            for term in terms:
                text = (term.term, front_key(term.term), term.definition, term.example)
                self.conn.execute(
                    "UPDATE OR IGNORE study_cards SET front = ?, front_key = ?, back = ?,"
                    " note = ?, tags = ?, modified = ? WHERE term_id = ?",
                    (*text, " ".join(term.tags), stamp, term.id),
                )
                self.conn.execute(
                    "INSERT OR IGNORE INTO study_cards(term_id, front, front_key, back, note,"
                    " tags, source, state, step, due, created, modified)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'glossary', 1, 0, ?, ?, ?)",
                    (term.id, *text, " ".join(term.tags), stamp, stamp, stamp),
                )
            self._set_meta("glossary_signature", signature)

    def _backup_once_a_day(self, backups_dir: Path, now: datetime) -> None:
        today = now.date().isoformat()
        if self._meta("last_backup_day") == today:
            return
        try:
            storage.backup(self.conn, backups_dir, keep=BACKUPS_KEPT)
        except (OSError, sqlite3.Error) as exc:
            self.backup_error = f"could not write a backup to {backups_dir}: {exc}"
            return
        with storage.transaction(self.conn):
            self._set_meta("last_backup_day", today)

    # -------------------------------------------------------------------- queries
    def card(self, card_id: int) -> Card:
        row = self.conn.execute(
            f"SELECT {CARD_COLUMNS} FROM study_cards WHERE id = ?", (card_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no card with id {card_id}")
        return card_from_row(row)

    def card_for_term(self, term_id: str) -> Card | None:
        row = self.conn.execute(
            f"SELECT {CARD_COLUMNS} FROM study_cards WHERE term_id = ?", (term_id,)
        ).fetchone()
        return card_from_row(row) if row else None

    def due(self, now: datetime | None = None, limit: int | None = None) -> list[Card]:
        """Unsuspended cards due at ``now``: cards flagged by a Hike mistake first, then
        learning and review cards by due time, then new ones."""
        sql = (
            f"SELECT {CARD_COLUMNS} FROM study_cards WHERE suspended = 0 AND due <= ?"
            " ORDER BY flag = '', last_review IS NULL, due, id"
        )
        params: tuple = (iso(_utc(now)),)
        if limit is not None:
            sql += " LIMIT ?"
            params += (int(limit),)
        cursor = self.conn.cursor()
        cursor.row_factory = None
        return [card_from_row(row) for row in cursor.execute(sql, params)]

    def next_card(self, now: datetime | None = None) -> Card | None:
        """The card to show next: the first due one, else (like Anki) a learning card
        falling due within LEARN_AHEAD, else None ("done for today")."""
        moment = _utc(now)
        due = self.due(moment, limit=1)
        if due:
            return due[0]
        ahead = self.due(moment + LEARN_AHEAD, limit=1)
        return ahead[0] if ahead else None

    def counts(self, now: datetime | None = None) -> Counts:
        """How many new, learning (incl. relearning) and review cards are left now.

        Like Anki, learning cards falling due within LEARN_AHEAD count as left: the
        reviewer shows them before saying "done for today".
        """
        moment = _utc(now)
        row = self.conn.execute(
            "SELECT SUM(last_review IS NULL AND due <= ?1),"
            " SUM(last_review IS NOT NULL AND state != 2),"
            " SUM(last_review IS NOT NULL AND state = 2 AND due <= ?1)"
            " FROM study_cards WHERE suspended = 0 AND due <= ?2",
            (iso(moment), iso(moment + LEARN_AHEAD)),
        ).fetchone()
        return Counts(*(int(v or 0) for v in row))

    def state_counts(self) -> dict[str, int]:
        """All cards by kind: new, learning, review, relearning, suspended."""
        result = dict.fromkeys(("new", "learning", "review", "relearning", "suspended"), 0)
        for card in self.cards():
            result["suspended" if card.suspended else card.kind] += 1
        return result

    def next_due(self) -> datetime | None:
        """When the next unsuspended card falls due (may be in the past if one is due)."""
        row = self.conn.execute("SELECT MIN(due) FROM study_cards WHERE suspended = 0").fetchone()
        return parse_iso(row[0]) if row and row[0] else None

    def preview(self, card_id: int, now: datetime | None = None) -> dict[int, timedelta]:
        """Time until the card would be due again for each rating 1..4 (for the buttons)."""
        moment = _utc(now)
        fcard = self.card(card_id).to_fsrs()
        result = {}
        for rating in fsrs.Rating:
            after, _ = self._scheduler.review_card(fcard, rating, review_datetime=moment)
            result[int(rating)] = after.due - moment
        return result

    def reviews(self, card_id: int | None = None, since: datetime | None = None) -> list[Review]:
        """The review log, oldest first (optionally one card's, or since a time)."""
        sql = (
            "SELECT id, card_id, time, rating, state, state_after, elapsed_days,"
            " interval_days, source FROM study_reviews WHERE 1 = 1"
        )
        params: list = []
        if card_id is not None:
            sql += " AND card_id = ?"
            params.append(card_id)
        if since is not None:
            sql += " AND time >= ?"
            params.append(iso(_utc(since)))
        return [review_from_row(tuple(r)) for r in self.conn.execute(sql + " ORDER BY id", params)]

    # -------------------------------------------------------------------- answers
    def answer(
        self, card_id: int, rating: int, now: datetime | None = None, source: str = "review"
    ) -> Card:
        """Record a review (1 Again .. 4 Easy); committed before this returns."""
        if isinstance(rating, bool) or int(rating) not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1 (Again) to 4 (Easy), got {rating!r}")
        moment = _utc(now)
        with storage.transaction(self.conn):
            before = self.card(card_id)
            after, _log = self._scheduler.review_card(
                before.to_fsrs(), fsrs.Rating(int(rating)), review_datetime=moment
            )
            elapsed = (
                (moment - before.last_review).total_seconds() / 86400
                if before.last_review
                else None
            )
            snapshot = json.dumps({**before.to_fsrs().to_dict(), "flag": before.flag})
            cursor = self.conn.execute(
                "INSERT INTO study_reviews(card_id, time, rating, state, state_after,"
                " elapsed_days, interval_days, source, card_before)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    card_id,
                    iso(moment),
                    int(rating),
                    before.state,
                    int(after.state),
                    elapsed,
                    (after.due - moment).total_seconds() / 86400,
                    source,
                    snapshot,
                ),
            )
            self._write_fsrs(card_id, after.to_dict(), flag="", now=moment)
        self._undo_stack.append(int(cursor.lastrowid))
        return self.card(card_id)

    def record_quiz_answer(
        self, term_id: str, correct: bool, now: datetime | None = None
    ) -> Card | None:
        """Feed a quiz answer to the scheduler: correct -> Good, wrong -> Again."""
        card = self.card_for_term(term_id)
        if card is None:
            return None
        return self.answer(card.id, 3 if correct else 1, now=now, source="quiz")

    @property
    def can_undo(self) -> bool:
        return bool(self._undo_stack)

    def undo(self) -> Card | None:
        """Revert the last answer given through this Collection; returns the card."""
        while self._undo_stack:
            review_id = self._undo_stack.pop()
            with storage.transaction(self.conn):
                row = self.conn.execute(
                    "SELECT card_id, card_before FROM study_reviews WHERE id = ?", (review_id,)
                ).fetchone()
                if row is None:  # the card was deleted meanwhile
                    continue
                before = json.loads(row[1])
                self._write_fsrs(row[0], before, flag=before.get("flag", ""), now=utc_now())
                self.conn.execute("DELETE FROM study_reviews WHERE id = ?", (review_id,))
            return self.card(row[0])
        return None

    def _write_fsrs(self, card_id: int, state: dict, flag: str, now: datetime) -> None:
        last = state.get("last_review")
        self.conn.execute(
            "UPDATE study_cards SET state = ?, step = ?, stability = ?, difficulty = ?,"
            " due = ?, last_review = ?, flag = ?, modified = ? WHERE id = ?",
            (
                int(state["state"]),
                state["step"],
                state["stability"],
                state["difficulty"],
                iso(parse_iso(state["due"])),
                iso(parse_iso(last)) if last else None,
                flag,
                iso(now),
                card_id,
            ),
        )

    # --------------------------------------------------------------- game mistakes
    def apply_game_mistakes(self, now: datetime | None = None) -> list[Card]:
        """Make cards due now for Hike mistakes logged since the last call."""
        return mistakes.apply(self, _utc(now))


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now.astimezone(UTC)
