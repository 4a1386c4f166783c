"""Link Hike mistakes to flashcards (no Qt).

The Hike screen logs each notable step in the table ``hike_events`` (created by the
"game" component). A mistake makes the matching glossary cards due now; their FSRS
stability, difficulty and history are kept, only the due time moves earlier. The id
of the last event handled is remembered in ``study_meta`` so each event counts once.
The table may not exist yet (no game played): then nothing happens. Steps the player took
back (``undone``) are not mistakes; neither is an overshoot that still converges nor a
rise caused only by gradient noise (see :mod:`gdgame.game.messages`).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from gdgame import storage
from gdgame.display_names import level_name
from gdgame.study.schema import iso

if TYPE_CHECKING:
    from gdgame.study.collection import Collection
    from gdgame.study.model import Card

MISTAKE_TERMS: dict[str, tuple[str, ...]] = {
    "divergence": ("divergence", "safe-step"),
    "crawl": ("learning-rate", "step-size", "crawl"),
    "stuck": ("local-minimum",),
}
MISTAKE_WORDS = {
    "divergence": "your descent diverged",
    "crawl": "your descent crawled",
    "stuck": "you got stuck",
}
_LAST_EVENT_KEY = "last_hike_event_id"


def _new_mistakes(conn: sqlite3.Connection, after_id: int) -> list[sqlite3.Row]:
    kinds = tuple(MISTAKE_TERMS)
    marks = ", ".join("?" * len(kinds))
    query = f"SELECT id, level_id, kind FROM hike_events WHERE id > ? AND kind IN ({marks})"
    for not_undone in (" AND undone = 0", ""):  # the second: a log from before undo marks
        try:
            return conn.execute(f"{query}{not_undone} ORDER BY id", (after_id, *kinds)).fetchall()
        except sqlite3.OperationalError:  # no hike_events table yet (or an older layout)
            continue
    return []


def apply(col: Collection, now: datetime) -> list[Card]:
    """Make the cards of new mistakes due at ``now``; returns the cards touched."""
    conn = col.conn
    after_id = int(col._meta(_LAST_EVENT_KEY, "0") or 0)
    events = _new_mistakes(conn, after_id)
    if not events:
        return []
    reasons: dict[str, str] = {}
    for event in events:
        level = level_name(event["level_id"])
        reason = f"In the Hike, {MISTAKE_WORDS[event['kind']]} on the level “{level}”."
        for term_id in MISTAKE_TERMS[event["kind"]]:
            reasons[term_id] = reason  # the latest mistake explains the card
    stamp = iso(now)
    touched = []
    with storage.transaction(conn):
        for term_id, reason in reasons.items():
            cursor = conn.execute(
                "UPDATE study_cards SET due = MIN(due, ?), reason = ?, modified = ?"
                " WHERE term_id = ? AND suspended = 0",
                (stamp, reason, stamp, term_id),
            )
            if cursor.rowcount:
                touched.append(term_id)
        col._set_meta(_LAST_EVENT_KEY, str(max(int(e["id"]) for e in events)))
    return [card for t in touched if (card := col.card_for_term(t)) is not None]
