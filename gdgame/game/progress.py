"""Saved Hike progress in the shared SQLite database (no Qt).

Component ``"game"`` owns the tables ``hike_events`` (one row per step, written as the
step happens; the Study module reads it), ``hike_progress`` (best stars and score per
level) and ``hike_unlocked``. Version 2 of the step log marks steps the player took back
(``undone``: they no longer make flashcards due) and the rules that named each step
(``rules``: 1 for steps saved before step names followed the rate x curvature theory,
when any rise in loss, even one caused by gradient noise, was called a divergence).
A damaged file is moved aside by :func:`gdgame.storage.open_database`;
:attr:`ProgressStore.recovery` then says so.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gdgame.game.messages import STEP_KINDS
from gdgame.ids import CAMPAIGN_LEVELS
from gdgame.storage import Recovery, migrate, open_database, transaction

log = logging.getLogger("gdgame.game")

COMPONENT = "game"
EVENT_KINDS = STEP_KINDS
RULES_VERSION = 2
"""The step-naming rules new events are recorded under (see the module docs)."""

MIGRATIONS = [
    """
    CREATE TABLE IF NOT EXISTS hike_events (
        id INTEGER PRIMARY KEY,
        time TEXT NOT NULL,
        level_id TEXT NOT NULL,
        step INTEGER NOT NULL,
        lr REAL NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS hike_events_level ON hike_events(level_id);
    CREATE TABLE IF NOT EXISTS hike_progress (
        level_id TEXT PRIMARY KEY,
        stars INTEGER NOT NULL DEFAULT 0,
        best_score INTEGER NOT NULL DEFAULT 0,
        wins INTEGER NOT NULL DEFAULT 0,
        updated TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS hike_unlocked (
        level_id TEXT PRIMARY KEY,
        time TEXT NOT NULL
    )
    """,
    """
    ALTER TABLE hike_events ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE hike_events ADD COLUMN rules INTEGER NOT NULL DEFAULT 1
    """,
]


def _unlock_after_wins(conn: sqlite3.Connection) -> None:
    """Version 3: the campaign was reordered; open the level after every level won."""
    won = {row[0] for row in conn.execute("SELECT level_id FROM hike_progress WHERE wins > 0")}
    for level_id, after in zip(CAMPAIGN_LEVELS, CAMPAIGN_LEVELS[1:], strict=False):
        if level_id in won:
            conn.execute(
                "INSERT OR IGNORE INTO hike_unlocked(level_id, time) VALUES (?, ?)",
                (after, _now()),
            )


MIGRATIONS.append(_unlock_after_wins)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _readable(level_id: object, numbers) -> LevelProgress | None:
    """The row's progress, or None (logged, row left as it is) if a value is no number."""
    try:
        return LevelProgress(str(level_id), *(int(value) for value in numbers))
    except (TypeError, ValueError, OverflowError):
        log.warning("hike progress of %r is unreadable %r; skipped", level_id, tuple(numbers))
        return None


@dataclass(frozen=True)
class LevelProgress:
    level_id: str
    stars: int = 0
    best_score: int = 0
    wins: int = 0


class ProgressStore:
    """Stars, best scores, unlocked levels and the step log of the Hike."""

    def __init__(self, conn: sqlite3.Connection, recovery: Recovery | None = None):
        self.conn = conn
        self.recovery = recovery
        migrate(conn, COMPONENT, MIGRATIONS)

    @classmethod
    def open(cls, path: str | Path) -> ProgressStore:
        """Open (creating or recovering) the database file at ``path``."""
        conn, recovery = open_database(path)
        return cls(conn, recovery)

    def close(self) -> None:
        self.conn.close()

    # --- step log -------------------------------------------------------------------------
    def record_step(self, level_id: str, step: int, lr: float, kind: str, time: str = "") -> int:
        """Log one step; returns its event id (for :meth:`mark_undone`)."""
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown step kind {kind!r}")
        cursor = self.conn.execute(
            "INSERT INTO hike_events(time, level_id, step, lr, kind, rules)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (time or _now(), level_id, int(step), float(lr), kind, RULES_VERSION),
        )
        return int(cursor.lastrowid)

    def mark_undone(self, event_id: int) -> None:
        """The player took this step back: it stays in the log but is no longer a mistake."""
        self.conn.execute("UPDATE hike_events SET undone = 1 WHERE id = ?", (int(event_id),))

    def events(self, level_id: str | None = None) -> list[sqlite3.Row]:
        if level_id is None:
            return self.conn.execute("SELECT * FROM hike_events ORDER BY id").fetchall()
        return self.conn.execute(
            "SELECT * FROM hike_events WHERE level_id = ? ORDER BY id", (level_id,)
        ).fetchall()

    # --- results and unlocks ----------------------------------------------------------------
    def record_result(
        self, level_id: str, stars: int, score: int, unlocks: str | None = None
    ) -> LevelProgress:
        """Keep the best stars/score of a won level and unlock the next one."""
        now = _now()
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO hike_progress(level_id, stars, best_score, wins, updated)"
                " VALUES (?, ?, ?, 1, ?) ON CONFLICT(level_id) DO UPDATE SET"
                " stars = MAX(stars, excluded.stars),"
                " best_score = MAX(best_score, excluded.best_score),"
                " wins = wins + 1, updated = excluded.updated",
                (level_id, int(stars), int(score), now),
            )
            for unlocked in (level_id, unlocks):
                if unlocked:
                    self.conn.execute(
                        "INSERT OR IGNORE INTO hike_unlocked(level_id, time) VALUES (?, ?)",
                        (unlocked, now),
                    )
        return self.level(level_id)

    def unlock(self, level_id: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO hike_unlocked(level_id, time) VALUES (?, ?)",
            (level_id, _now()),
        )

    def unlocked(self) -> set[str]:
        """Levels unlocked: those saved as unlocked, plus the level after every level won in
        today's campaign order (so new or reordered levels never lock a returning player out)."""
        rows = self.conn.execute("SELECT level_id FROM hike_unlocked").fetchall()
        won = {r[0] for r in self.conn.execute("SELECT level_id FROM hike_progress WHERE wins > 0")}
        after_won = {
            after
            for level_id, after in zip(CAMPAIGN_LEVELS, CAMPAIGN_LEVELS[1:], strict=False)
            if level_id in won
        }
        return {row[0] for row in rows} | after_won

    def level(self, level_id: str) -> LevelProgress:
        row = self.conn.execute(
            "SELECT stars, best_score, wins FROM hike_progress WHERE level_id = ?", (level_id,)
        ).fetchone()
        readable = _readable(level_id, row) if row is not None else None
        return readable or LevelProgress(level_id)

    def all_levels(self) -> dict[str, LevelProgress]:
        rows = self.conn.execute(
            "SELECT level_id, stars, best_score, wins FROM hike_progress"
        ).fetchall()
        found = ((r[0], _readable(r[0], r[1:])) for r in rows)
        return {level_id: got for level_id, got in found if got is not None}

    def total_stars(self) -> int:
        row = self.conn.execute("SELECT COALESCE(SUM(stars), 0) FROM hike_progress").fetchone()
        return int(row[0])
