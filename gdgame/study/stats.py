"""Numbers behind the Stats screen, from the shared SQLite database (no Qt).

:func:`load_stats` reads the study cards and review log (``study_cards``,
``study_reviews``), the Hike event log (``hike_events``) and the Hike progress, and
returns a :class:`StatsData` the screen only has to plot. Every reader tolerates a table
that does not exist yet (that part of the app was never used): it returns no rows.

Days are calendar days in the timezone of ``now`` (the local one by default).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from gdgame import storage
from gdgame.study.stats_sources import (
    HIKE_KINDS,
    CardRow,
    HikeEvent,
    ReviewRow,
    read_cards,
    read_desired_retention,
    read_hike_events,
    read_reviews,
    read_stars,
)

DAYS_SHOWN = 30
REVIEW_STATE = 2  # fsrs.State.Review
CARD_STATES = ("new", "learning", "review", "relearning", "suspended")
RETENTION_BUCKETS: tuple[tuple[str, float], ...] = (
    ("≤ 1 day", 2.0),
    ("2–3 days", 4.0),
    ("4–7 days", 8.0),
    ("1–2 weeks", 15.0),
    ("2–3 weeks", 21.0),
    ("3–8 weeks", 57.0),
    ("> 8 weeks", float("inf")),
)
"""(label, upper bound in days, exclusive) of each retention bucket: the card's interval
when it was reviewed (from 21 days on, Anki calls a card mature)."""

__all__ = [
    "CARD_STATES",
    "DAYS_SHOWN",
    "HIKE_KINDS",
    "RETENTION_BUCKETS",
    "DailyCounts",
    "RetentionBucket",
    "StatsData",
    "cards_by_state",
    "due_forecast",
    "StatsError",
    "load_stats",
    "read_stats_file",
    "retention_by_interval",
    "reviews_per_day",
    "step_kinds_per_day",
]


class StatsError(RuntimeError):
    """The database could not be read; the message says why (no data is changed)."""


@dataclass(frozen=True)
class DailyCounts:
    """Counts per day for the last (or next) days; ``series`` maps a name to its counts."""

    days: tuple[date, ...]
    series: dict[str, tuple[int, ...]]

    @property
    def total(self) -> int:
        return sum(sum(values) for values in self.series.values())


@dataclass(frozen=True)
class RetentionBucket:
    label: str
    reviews: int
    passed: int

    @property
    def retention(self) -> float | None:
        """Share of reviews in this bucket answered right; None when there are none."""
        return self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True)
class StatsData:
    """Everything the Stats screen plots."""

    reviews: DailyCounts
    retention: tuple[RetentionBucket, ...]
    forecast: DailyCounts
    states: dict[str, int]
    stars: tuple[tuple[str, int], ...]
    steps: DailyCounts
    notes: tuple[str, ...] = field(default=())
    desired_retention: float = 0.9

    @property
    def is_empty(self) -> bool:
        return not (self.reviews.total or sum(self.states.values()) or self.steps.total)


def _last_days(today: date, days: int) -> tuple[date, ...]:
    return tuple(today - timedelta(days=days - 1 - i) for i in range(days))


def _local_day(moment: datetime, now: datetime) -> date:
    return moment.astimezone(now.tzinfo).date()


def reviews_per_day(reviews: Iterable[ReviewRow], now: datetime, days: int = DAYS_SHOWN):
    """Reviews per day over the last ``days`` days, split into "cards" and "quiz" answers."""
    shown = _last_days(now.date(), days)
    index = {day: i for i, day in enumerate(shown)}
    counts = {"cards": [0] * days, "quiz": [0] * days}
    for review in reviews:
        i = index.get(_local_day(review.time, now))
        if i is not None:
            counts["cards" if review.source == "review" else "quiz"][i] += 1
    return DailyCounts(shown, {name: tuple(values) for name, values in counts.items()})


def retention_by_interval(reviews: Iterable[ReviewRow]) -> tuple[RetentionBucket, ...]:
    """True retention (Anki's definition), bucketed by the card's interval.

    Only answers to cards in the Review state count: new, learning and relearning steps
    test short-term memory, not what the schedule promised. A pass is any rating above
    Again. Each answer falls in the bucket of the interval the card had been given
    (time between its last review and its due date; the time actually elapsed when
    the log has no snapshot).
    """
    totals = [0] * len(RETENTION_BUCKETS)
    passed = [0] * len(RETENTION_BUCKETS)
    for review in reviews:
        if review.state != REVIEW_STATE:
            continue
        interval = review.interval_days
        if interval is None:
            interval = review.elapsed_days
        if interval is None:
            continue
        for i, (_, upper) in enumerate(RETENTION_BUCKETS):
            if interval < upper:
                totals[i] += 1
                passed[i] += review.rating >= 2
                break
    return tuple(
        RetentionBucket(label, totals[i], passed[i])
        for i, (label, _) in enumerate(RETENTION_BUCKETS)
    )


def due_forecast(cards: Iterable[CardRow], now: datetime, days: int = DAYS_SHOWN):
    """Cards already studied that fall due on each of the next ``days`` days (overdue: today).

    New (never reviewed) and suspended cards are not counted; "learning" covers
    learning and relearning cards, "review" the rest.
    """
    today = now.date()
    shown = tuple(today + timedelta(days=i) for i in range(days))
    counts = {"learning": [0] * days, "review": [0] * days}
    for card in cards:
        if card.suspended or card.is_new:
            continue
        offset = max(0, (_local_day(card.due, now) - today).days)
        if offset < days:
            counts["review" if card.state == 2 else "learning"][offset] += 1
    return DailyCounts(shown, {name: tuple(values) for name, values in counts.items()})


def cards_by_state(cards: Iterable[CardRow]) -> dict[str, int]:
    """How many cards are new, learning, review, relearning or suspended."""
    counts = Counter(card.kind for card in cards)
    return {state: counts.get(state, 0) for state in CARD_STATES}


def step_kinds_per_day(events: Iterable[HikeEvent], now: datetime, days: int = DAYS_SHOWN):
    """Hike steps per day over the last ``days`` days, one series per step kind."""
    shown = _last_days(now.date(), days)
    index = {day: i for i, day in enumerate(shown)}
    counts: dict[str, list[int]] = {kind: [0] * days for kind in HIKE_KINDS}
    for event in events:
        i = index.get(_local_day(event.time, now))
        if i is not None:
            counts.setdefault(event.kind, [0] * days)[i] += 1
    return DailyCounts(shown, {kind: tuple(values) for kind, values in counts.items()})


def load_stats(
    conn: sqlite3.Connection,
    now: datetime | None = None,
    level_order: Sequence[str] | None = None,
) -> StatsData:
    """Read every table the Stats screen needs (missing tables count as empty)."""
    now = now or datetime.now().astimezone()
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    cards = read_cards(conn)
    reviews = read_reviews(conn)
    events = read_hike_events(conn)
    notes: list[str] = []
    stars = read_stars(conn, events, level_order, problems=notes)
    if not reviews:
        notes.append("No reviews yet: study in Cards or take a Quiz.")
    if not events:
        notes.append("No Hike steps yet.")
    return StatsData(
        reviews=reviews_per_day(reviews, now),
        retention=retention_by_interval(reviews),
        forecast=due_forecast(cards, now),
        states=cards_by_state(cards),
        stars=tuple(stars),
        steps=step_kinds_per_day(events, now),
        notes=tuple(notes),
        desired_retention=read_desired_retention(conn),
    )


def read_stats_file(
    path: str | Path,
    now: datetime | None = None,
    level_order: Sequence[str] | None = None,
) -> StatsData:
    """:func:`load_stats` on a read-only copy of the database file
    (:func:`gdgame.storage.read_only_copy`: never created, changed or moved, and readable
    in a read-only folder). A missing file gives empty stats; an unreadable or damaged one
    raises :class:`StatsError` (for damage, saying how to recover).
    """
    path = Path(path)
    try:
        conn = storage.read_only_copy(path)
    except storage.DatabaseError as exc:
        raise StatsError(str(exc)) from exc
    conn.row_factory = None
    try:
        return load_stats(conn, now=now, level_order=level_order)
    except sqlite3.DatabaseError as exc:
        raise StatsError(f"cannot read {path.name}: {exc}") from exc
    finally:
        conn.close()
