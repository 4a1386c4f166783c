"""Tables of the "study" component in the shared gdgame database (no Qt).

``study_cards`` keeps each card's text plus its FSRS state as the columns of
``fsrs.Card.to_dict()`` (state, step, stability, difficulty, due, last_review);
times are stored as fixed-width ISO-8601 UTC text so they sort as strings.
``study_reviews`` is the review log (``source``: "review", "quiz", "learn" or "override"
for a quiz answer the learner marked right); ``card_before`` (the card's FSRS dict before
the answer, JSON) makes undo exact. ``study_meta`` holds small key/value settings.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

COMPONENT = "study"

_V1 = """
CREATE TABLE study_cards (
    id INTEGER PRIMARY KEY,
    term_id TEXT UNIQUE,
    front TEXT NOT NULL,
    front_key TEXT NOT NULL UNIQUE,
    back TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    suspended INTEGER NOT NULL DEFAULT 0,
    flag TEXT NOT NULL DEFAULT '',
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,
    last_review TEXT,
    created TEXT NOT NULL,
    modified TEXT NOT NULL
);
CREATE INDEX study_cards_due ON study_cards(suspended, due);
CREATE TABLE study_reviews (
    id INTEGER PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES study_cards(id) ON DELETE CASCADE,
    time TEXT NOT NULL,
    rating INTEGER NOT NULL,
    state INTEGER NOT NULL,
    state_after INTEGER NOT NULL,
    elapsed_days REAL,
    interval_days REAL NOT NULL,
    source TEXT NOT NULL,
    card_before TEXT NOT NULL
);
CREATE INDEX study_reviews_card ON study_reviews(card_id);
CREATE INDEX study_reviews_time ON study_reviews(time);
CREATE TABLE study_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
"""

# v2 (reviewer actions, issue 16): the mistake text moves to ``reason``; ``flag`` is now
# Anki's colour flag (0 none, 1 red, 2 orange, 3 green, 4 blue); ``buried_until`` hides a
# card until the next study day; ``my_note`` is the learner's own note on any card;
# ``answer_ms`` is how long an answer took (for the "Today" time estimate).
_V2 = """
ALTER TABLE study_cards RENAME COLUMN flag TO reason;
ALTER TABLE study_cards ADD COLUMN flag INTEGER NOT NULL DEFAULT 0;
ALTER TABLE study_cards ADD COLUMN buried_until TEXT;
ALTER TABLE study_cards ADD COLUMN my_note TEXT NOT NULL DEFAULT '';
ALTER TABLE study_reviews ADD COLUMN answer_ms INTEGER
"""


CARD_COLUMNS = (
    "id, term_id, front, back, note, tags, source, suspended, reason, "
    "state, step, stability, difficulty, due, last_review, flag, buried_until, my_note"
)
FLAG_COLOURS = {1: "red", 2: "orange", 3: "green", 4: "blue"}
"""Anki's flag numbers (Ctrl+1..4) and their colour names; 0 is no flag."""


def iso(moment: datetime) -> str:
    """Fixed-width UTC text for a datetime, e.g. 2026-01-02T03:04:05.000000+00:00."""
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is UTC:  # fast path: what iso() writes
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


# Unicode's default-ignorable code points (DerivedCoreProperties.txt): characters that
# show nothing (zero-width spaces and joiners, direction marks, soft hyphen, variation
# selectors, tags...). Two fronts that differ only in them look the same to a learner.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def front_key(front: str) -> str:
    """The duplicate key of a card: its front as it reads, whatever the case, spacing,
    invisible characters or Unicode composition ("Café" typed as e + combining accent)."""
    text = unicodedata.normalize("NFC", _IGNORABLE.sub("", front))
    return unicodedata.normalize("NFC", " ".join(text.split()).casefold())


def _v3_keys_as_read(conn) -> None:
    """v3: every card's front_key by the rule above. A card whose new key an older card
    already has keeps its old key: both stay (nothing is merged or lost)."""
    rows = conn.execute("SELECT id, front, front_key FROM study_cards ORDER BY id").fetchall()
    taken = {key for _id, _front, key in rows}
    for card_id, front, old in rows:
        new = front_key(front)
        if new != old and new not in taken:
            conn.execute("UPDATE study_cards SET front_key = ? WHERE id = ?", (new, card_id))
            taken.discard(old)
            taken.add(new)


# v3: front keys as a card reads (see front_key); SQL for v1-v2, a function for v3.
MIGRATIONS = [_V1, _V2, _v3_keys_as_read]
