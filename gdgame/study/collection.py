"""The study collection: flashcards scheduled by FSRS in the shared SQLite file (no Qt).

Usage::

    col = Collection.open(paths.database)      # seeds the glossary deck once
    if col.recovery: show(col.recovery.message())
    for card in col.due():                      # due now, learning/review first (card_queries)
        ...
    col.answer(card.id, 3)                      # 1 Again, 2 Hard, 3 Good, 4 Easy
    col.bury(card.id); col.toggle_flag(card.id, 1)  # reviewer actions (card_actions)
    col.undo()                                  # revert this session's last answer/action
    col.set_options(new_per_day=10)             # deck options and today() (deck_options)
    col.close()

Every write runs in one ``BEGIN IMMEDIATE`` transaction that is committed before
the method returns, so an answer that returned survives the process being killed.

For the Quiz screen: ``col.record_quiz_answer(term_id, correct)`` feeds a quiz answer
to the scheduler as a review (correct -> Good, wrong -> Again, source "quiz");
``col.record_answers([(term_id, correct), ...], source)`` records several as ONE undo step.
For the Stats screen: ``col.reviews()``, ``col.cards()``, ``col.state_counts()``.
A Collection belongs to the thread that opened it (SQLite connection rule).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import fsrs

from gdgame import storage
from gdgame.study import mistakes
from gdgame.study.card_actions import CardActions, UndoStep
from gdgame.study.card_queries import LEARN_AHEAD, CardQueries, as_utc
from gdgame.study.deck_options import (
    DEFAULT_RETENTION,
    RETENTION_RANGE,
    DeckOptionsMixin,
    make_scheduler,
)
from gdgame.study.editing import CardEditing
from gdgame.study.glossary import Term, load_glossary
from gdgame.study.model import Card
from gdgame.study.schema import (
    COMPONENT,
    MIGRATIONS,
    front_key,
    iso,
    parse_iso,
)

__all__ = ["Collection", "DEFAULT_RETENTION", "RETENTION_RANGE", "LEARN_AHEAD", "SOURCES"]
BACKUPS_KEPT = 10
SOURCES = ("review", "quiz", "learn", "override")
"""Where an answer came from: the reviewer, the Quiz, the learn mode, or a quiz answer
graded wrong that the learner marked right ("I was right")."""


class Collection(CardQueries, CardActions, DeckOptionsMixin, CardEditing):
    """Open with :meth:`open`; see the module docstring for the main calls."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovery=None, tz=None):
        self.conn = conn
        self.path = path
        self.tz = tz  # the study day's time zone; None: the computer's
        self.recovery: storage.Recovery | None = recovery
        self.backup_error: str | None = None
        self._undo_stack: list[UndoStep] = []
        self._undo_group: list[UndoStep] | None = None
        self._scheduler = make_scheduler(self.desired_retention)

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
        tz=None,
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
            col = cls(conn, path, recovery, tz=tz)
            moment = as_utc(now)
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
            col._seed(glossary if glossary is not None else load_glossary(), as_utc(now))
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

    # -------------------------------------------------------------------- answers
    def answer(
        self,
        card_id: int,
        rating: int,
        now: datetime | None = None,
        source: str = "review",
        answer_ms: int | None = None,
    ) -> Card:
        """Record a review (1 Again .. 4 Easy); committed before this returns.

        ``answer_ms``: how long the learner took (kept for the "Today" time estimate).
        """
        if isinstance(rating, bool) or int(rating) not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1 (Again) to 4 (Easy), got {rating!r}")
        if source not in SOURCES:
            raise ValueError(f"source must be one of {', '.join(SOURCES)}, got {source!r}")
        if answer_ms is not None:
            answer_ms = max(0, min(int(answer_ms), 3_600_000))
        moment = as_utc(now)
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
            snapshot = json.dumps({**before.to_fsrs().to_dict(), "reason": before.reason})
            cursor = self.conn.execute(
                "INSERT INTO study_reviews(card_id, time, rating, state, state_after,"
                " elapsed_days, interval_days, source, card_before, answer_ms)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    answer_ms,
                ),
            )
            self._write_fsrs(card_id, after.to_dict(), reason="", now=moment)
        self._push_undo(
            UndoStep(f"answer to {self._name(card_id)}", review_ids=(int(cursor.lastrowid),))
        )
        return self.card(card_id)

    def record_quiz_answer(
        self, term_id: str, correct: bool, now: datetime | None = None, source: str = "quiz"
    ) -> Card | None:
        """Feed a quiz answer to the scheduler: correct -> Good, wrong -> Again."""
        card = self.card_for_term(term_id)
        if card is None:
            return None
        return self.answer(card.id, 3 if correct else 1, now=now, source=source)

    def record_answers(
        self,
        results: Iterable[tuple[str, bool]],
        source: str = "quiz",
        now: datetime | None = None,
    ) -> list[Card]:
        """Record ``(term_id, correct)`` results (one quiz answer) as ONE undo step; terms
        without a card are skipped. Returns the cards reviewed."""
        cards = []
        with self.undo_group("quiz answer" if source != "learn" else "learn-mode answer"):
            for term_id, correct in results:
                card = self.record_quiz_answer(term_id, correct, now=now, source=source)
                if card is not None:
                    cards.append(card)
        return cards

    @contextmanager
    def undo_group(self, label: str) -> Iterator[None]:
        """Steps pushed inside the block become ONE undo step (e.g. a matching answer)."""
        outer, self._undo_group = self._undo_group, []
        try:
            yield
        finally:
            steps, self._undo_group = self._undo_group, outer
            if len(steps) == 1:
                self._push_undo(steps[0])
            elif steps:
                reviews = tuple(i for step in steps for i in step.review_ids)
                cards = tuple(c for step in steps for c in step.cards_before)
                self._push_undo(UndoStep(label, review_ids=reviews, cards_before=cards))

    def _write_fsrs(self, card_id: int, state: dict, reason: str, now: datetime) -> None:
        last = state.get("last_review")
        self.conn.execute(
            "UPDATE study_cards SET state = ?, step = ?, stability = ?, difficulty = ?,"
            " due = ?, last_review = ?, reason = ?, modified = ? WHERE id = ?",
            (
                int(state["state"]),
                state["step"],
                state["stability"],
                state["difficulty"],
                iso(parse_iso(state["due"])),
                iso(parse_iso(last)) if last else None,
                reason,
                iso(now),
                card_id,
            ),
        )

    # --------------------------------------------------------------- game mistakes
    def apply_game_mistakes(self, now: datetime | None = None) -> list[Card]:
        """Make cards due now for Hike mistakes logged since the last call."""
        return mistakes.apply(self, as_utc(now))
