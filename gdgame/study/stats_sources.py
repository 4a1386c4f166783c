"""Read-only access to the tables the Stats screen summarises (no Qt).

Each reader returns plain rows and treats a missing table (that part of the app was
never used, or comes from an older version) as empty. Rows whose time cannot be read
are skipped rather than failing the whole screen.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from gdgame.ids import CAMPAIGN_LEVELS

HIKE_KINDS = ("descent", "overshoot", "divergence", "crawl", "stuck", "noisy", "won")
CAMPAIGN = CAMPAIGN_LEVELS
"""Hike level ids in campaign order; used when the level files can't be read."""

_STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}
LEVELS_UNREADABLE = "The Hike level files could not be read, so stars may be missing (see the log)."
log = logging.getLogger("gdgame")


@dataclass(frozen=True)
class CardRow:
    state: int
    suspended: bool
    due: datetime
    last_review: datetime | None

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    @property
    def kind(self) -> str:
        if self.suspended:
            return "suspended"
        return "new" if self.is_new else _STATE_NAMES.get(self.state, "learning")


@dataclass(frozen=True)
class ReviewRow:
    """One answer of the review log. ``state`` is the card's FSRS state *before* the
    answer (2 = Review); ``interval_days`` its scheduled interval then (due minus last
    review), None when unknown (new card, or a log row without the snapshot)."""

    time: datetime
    rating: int
    elapsed_days: float | None
    source: str
    state: int = 0
    interval_days: float | None = None


@dataclass(frozen=True)
class HikeEvent:
    time: datetime
    level_id: str
    step: int
    kind: str


def parse_time(text: object) -> datetime | None:
    """An ISO-8601 time as an aware datetime (naive: UTC); None if unreadable."""
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    try:
        return [tuple(row) for row in conn.execute(sql)]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc) or "no such column" in str(exc):
            return []
        raise


def read_cards(conn: sqlite3.Connection) -> list[CardRow]:
    cards = []
    for state, suspended, due, last in _rows(
        conn, "SELECT state, suspended, due, last_review FROM study_cards"
    ):
        due_time = parse_time(due)
        if due_time is None:
            continue
        last_time = parse_time(last) if last else None
        cards.append(CardRow(int(state), bool(suspended), due_time, last_time))
    return cards


def scheduled_interval(card_before: object) -> float | None:
    """Days between the last review and the due time in a card snapshot (JSON of
    ``fsrs.Card.to_dict()``); None if it can't be read."""
    try:
        snapshot = json.loads(str(card_before))
        due, last = parse_time(snapshot["due"]), parse_time(snapshot["last_review"])
    except (ValueError, TypeError, KeyError):
        return None
    if due is None or last is None:
        return None
    return (due - last).total_seconds() / 86400


def read_reviews(conn: sqlite3.Connection) -> list[ReviewRow]:
    reviews = []
    for time, rating, elapsed, source, state, card_before in _rows(
        conn,
        "SELECT time, rating, elapsed_days, source, state,"
        " CASE WHEN state = 2 THEN card_before END FROM study_reviews ORDER BY time",
    ):
        moment = parse_time(time)
        if moment is not None:
            elapsed = None if elapsed is None else float(elapsed)
            interval = scheduled_interval(card_before) if card_before else None
            reviews.append(
                ReviewRow(
                    moment, int(rating), elapsed, str(source or ""), int(state or 0), interval
                )
            )
    return reviews


def read_desired_retention(conn: sqlite3.Connection, default: float = 0.9) -> float:
    """The learner's desired retention (Cards screen setting), 0..1."""
    rows = _rows(conn, "SELECT value FROM study_meta WHERE key = 'desired_retention'")
    try:
        return float(rows[0][0]) if rows else default
    except (TypeError, ValueError):
        return default


def read_hike_events(conn: sqlite3.Connection) -> list[HikeEvent]:
    events = []
    for time, level_id, step, kind in _rows(
        conn, "SELECT time, level_id, step, kind FROM hike_events ORDER BY id"
    ):
        moment = parse_time(time)
        if moment is not None:
            events.append(HikeEvent(moment, str(level_id), int(step), str(kind)))
    return events


def campaign_levels(problems: list[str] | None = None) -> list[tuple[str, int, int]]:
    """``(level_id, par, two_star)`` in campaign order from the level files.

    Unreadable level files give [] (the stats still show): the error is logged with its
    traceback and :data:`LEVELS_UNREADABLE` is added to ``problems`` for the user.
    """
    try:
        from gdgame.game.levels import load_levels

        return [(lv.id, lv.par, lv.two_star) for lv in load_levels(check_landscape=False)]
    except Exception:  # noqa: BLE001 - missing or broken level files: no par data
        log.exception("the stats could not read the Hike level files")
        if problems is not None:
            problems.append(LEVELS_UNREADABLE)
        return []


def _stars_for_steps(par: int, two_star: int, steps: int) -> int:
    if steps <= par:
        return 3
    return 2 if steps <= two_star else 1


def stars_from_events(
    events: Iterable[HikeEvent], levels: Sequence[tuple[str, int, int]]
) -> dict[str, int]:
    """Best stars per level from "won" events (the winning step number = steps used)."""
    par = {level_id: (p, two) for level_id, p, two in levels}
    best: dict[str, int] = {}
    for event in events:
        if event.kind == "won" and event.level_id in par:
            stars = _stars_for_steps(*par[event.level_id], max(1, event.step))
            best[event.level_id] = max(best.get(event.level_id, 0), stars)
    return best


def stars_from_progress(conn: sqlite3.Connection) -> dict[str, int] | None:
    """Best stars per level from the Hike's ``hike_progress`` table; None if it doesn't exist."""
    try:
        rows = conn.execute("SELECT level_id, MAX(stars) FROM hike_progress GROUP BY level_id")
        return {str(level): int(stars or 0) for level, stars in rows}
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc) or "no such column" in str(exc):
            return None
        raise


def read_stars(
    conn: sqlite3.Connection,
    events: Iterable[HikeEvent],
    level_order: Sequence[str] | None = None,
    problems: list[str] | None = None,
) -> list[tuple[str, int]]:
    """``(level_id, best stars 0..3)`` for every campaign level, in campaign order.

    The Hike's progress table is the authority; a database from before it existed falls
    back to the "won" steps of the event log. Endless levels are summed up as one
    "endless" row (their best).
    """
    levels = campaign_levels(problems)
    order = list(level_order or [level_id for level_id, _, _ in levels] or CAMPAIGN)
    best = stars_from_progress(conn)
    if best is None:
        best = stars_from_events(events, levels)
    rows = [(level_id, min(3, best.pop(level_id, 0))) for level_id in order]
    endless = [stars for level_id, stars in best.items() if level_id.startswith("endless-")]
    if endless:
        rows.append(("endless", min(3, max(endless))))
    return rows
