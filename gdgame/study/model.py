"""Plain records handed out by the study Collection: cards, reviews, counts (no Qt)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

import fsrs

from gdgame.study.schema import parse_iso

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}


class Card(NamedTuple):
    """A flashcard with its FSRS scheduling state (an immutable record).

    ``source`` is "glossary" for the built-in deck (text comes from the glossary,
    only suspend, bury, flag and the learner's own note are allowed), "user" for cards
    added in the app and "import" for imported ones. ``reason`` explains why a card was
    made due early (a game mistake); ``flag`` is Anki's colour flag (0 none, 1 red,
    2 orange, 3 green, 4 blue); ``buried_until`` hides the card until then; ``my_note`` is
    the learner's own note (any card).
    """

    id: int
    front: str
    back: str
    due: datetime
    term_id: str | None
    note: str
    tags: tuple[str, ...]
    source: str
    suspended: bool
    reason: str
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    last_review: datetime | None
    flag: int = 0
    buried_until: datetime | None = None
    my_note: str = ""

    def buried_at(self, moment: datetime) -> bool:
        return self.buried_until is not None and self.buried_until > moment

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    @property
    def is_user_card(self) -> bool:
        return self.source != "glossary"

    @property
    def kind(self) -> str:
        """One of: new, learning, review, relearning."""
        return "new" if self.is_new else STATE_NAMES.get(self.state, "learning")

    def to_fsrs(self) -> fsrs.Card:
        return fsrs.Card(
            card_id=self.id,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due,
            last_review=self.last_review,
        )


class DamagedCard(ValueError):
    """A saved card whose stored values cannot be read (e.g. a due date that is no date)."""


def _card_time(row, name: str, text, optional: bool = True) -> datetime | None:
    if optional and not text:
        return None
    try:
        return parse_iso(text)
    except (TypeError, ValueError):
        raise DamagedCard(
            f"the saved card {row[0]} ({str(row[2])[:60]!r}) is damaged: its {name} "
            f"{text!r} is not a date"
        ) from None


def card_from_row(row: sqlite3.Row | tuple) -> Card:
    (cid, term_id, front, back, note, tags, source, suspended, reason) = row[:9]
    (state, step, stability, difficulty, due, last_review) = row[9:15]
    (flag, buried_until, my_note) = row[15:18]
    return Card(
        id=cid,
        front=front,
        back=back,
        due=_card_time(row, "due date", due, optional=False),
        term_id=term_id,
        note=note,
        tags=tuple(tags.split()) if tags else (),
        source=source,
        suspended=bool(suspended),
        reason=reason,
        state=state,
        step=step,
        stability=stability,
        difficulty=difficulty,
        last_review=_card_time(row, "last review", last_review),
        flag=int(flag or 0),
        buried_until=_card_time(row, "buried-until date", buried_until),
        my_note=my_note or "",
    )


class Review(NamedTuple):
    """One line of the review log.

    ``state`` is the FSRS state *before* the answer (1 learning, 2 review,
    3 relearning) and ``was_new`` tells a first review; ``elapsed`` is the time since
    the previous review (None for the first); ``interval`` the time until the next due.
    ``source`` is "review" (Cards screen), "quiz", "learn" (the adaptive learn mode) or
    "override" (a quiz answer graded wrong that the learner marked right);
    ``answer_ms`` how long the answer took (None when unknown).
    """

    id: int
    card_id: int
    time: datetime
    rating: int
    state: int
    state_after: int
    was_new: bool
    elapsed: timedelta | None
    interval: timedelta
    source: str
    answer_ms: int | None = None

    @property
    def passed(self) -> bool:
        return self.rating > 1


def review_from_row(row: sqlite3.Row | tuple) -> Review:
    rid, card_id, time, rating, state, state_after, elapsed, interval, source = row[:9]
    answer_ms = row[9] if len(row) > 9 else None
    return Review(
        id=rid,
        card_id=card_id,
        time=parse_iso(time),
        rating=rating,
        state=state,
        state_after=state_after,
        was_new=elapsed is None,
        elapsed=timedelta(days=elapsed) if elapsed is not None else None,
        interval=timedelta(days=interval),
        source=source,
        answer_ms=int(answer_ms) if answer_ms is not None else None,
    )


@dataclass(frozen=True, slots=True)
class Counts:
    """Cards due now by kind (what the review screen shows as "left")."""

    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    repeated: int = 0  # rows whose front an earlier row of the same file already had
    kept: int = 0  # your cards the file would have changed, left as they were on request

    def summary(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.repeated == 1:
            text += "; 1 row repeats an earlier front and was skipped"
        elif self.repeated:
            text += f"; {self.repeated} rows repeat an earlier front and were skipped"
        if self.kept:
            text += f"; {self.kept} of your cards kept as they were"
        return text


def format_interval(delta: timedelta) -> str:
    """Short Anki-style label for a button: "<1m", "10m", "3h", "4d", "2mo", "1.5y"."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30.4, 1):g}mo"
    return f"{round(days / 365.25, 1):g}y"


def format_wait(delta: timedelta) -> str:
    """Long form of a waiting time: "less than a minute", "10 minutes", "8 days"."""
    seconds = max(0.0, delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = round(seconds / size)
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return "less than a minute"
