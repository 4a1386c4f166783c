"""Read-only queries of the study deck (mixin of Collection; no Qt).

What the reviewer and the Stats screen ask, none of which writes::

    col.card(card_id); col.card_for_term(term_id)
    col.due(now)             # cards to study now, in order, within today's limits
    col.next_card(now)       # the first of them, else a learning card due within LEARN_AHEAD
    col.counts(now)          # new / learning / review left now (the reviewer's header)
    col.state_counts()       # all cards by kind (Stats)
    col.next_due()           # when the next card may be shown
    col.preview(card_id)     # time until due again for each rating 1..4 (the buttons)
    col.reviews(card_id)     # the review log, oldest first
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import fsrs

from gdgame.study.model import Card, Counts, Review, card_from_row, review_from_row
from gdgame.study.schema import CARD_COLUMNS, iso, parse_iso, utc_now

LEARN_AHEAD = timedelta(minutes=20)
"""A learning card falling due within this long is shown now rather than "done for today"."""


def as_utc(now: datetime | None) -> datetime:
    """``now`` in UTC (the current time if None); a naive datetime raises ValueError."""
    if now is None:
        return utc_now()
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now.astimezone(UTC)


class CardQueries:
    """Needs ``self.conn``, ``self._scheduler``, ``self.allowance()`` and ``self.cards()``."""

    conn: sqlite3.Connection
    _scheduler: fsrs.Scheduler

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
        """Cards to study at ``now``, in order: cards a Hike mistake brought back first,
        then learning and review cards by due time, then new ones.

        Suspended and buried cards are left out, and so are new and review cards past
        today's limits (:meth:`allowance`); learning cards are never held back.
        """
        moment = as_utc(now)
        new_left, reviews_left = self.allowance(moment)  # type: ignore[attr-defined]
        stamp = iso(moment)
        sql = (
            f"SELECT {CARD_COLUMNS} FROM study_cards WHERE suspended = 0 AND due <= ?"
            " AND (buried_until IS NULL OR buried_until <= ?)"
            " ORDER BY reason = '', last_review IS NULL, due, id"
        )
        cursor = self.conn.cursor()
        cursor.row_factory = None
        cards: list[Card] = []
        for row in cursor.execute(sql, (stamp, stamp)):
            card = card_from_row(row)
            if card.is_new:
                if new_left <= 0:
                    continue
                new_left -= 1
            elif card.state == fsrs.State.Review:
                if reviews_left <= 0:
                    continue
                reviews_left -= 1
            cards.append(card)
            if limit is not None and len(cards) >= limit:
                break
        return cards

    def next_card(self, now: datetime | None = None) -> Card | None:
        """The card to show next: the first due one, else (like Anki) a learning card
        falling due within LEARN_AHEAD, else None ("done for today")."""
        moment = as_utc(now)
        due = self.due(moment, limit=1)
        if due:
            return due[0]
        ahead = self.due(moment + LEARN_AHEAD, limit=1)
        return ahead[0] if ahead else None

    def counts(self, now: datetime | None = None) -> Counts:
        """How many new, learning (incl. relearning) and review cards are left now,
        within today's limits (suspended and buried cards left out).

        Like Anki, learning cards falling due within LEARN_AHEAD count as left: the
        reviewer shows them before saying "done for today".
        """
        moment = as_utc(now)
        row = self.conn.execute(
            "SELECT SUM(last_review IS NULL AND due <= ?1),"
            " SUM(last_review IS NOT NULL AND state != 2),"
            " SUM(last_review IS NOT NULL AND state = 2 AND due <= ?1)"
            " FROM study_cards WHERE suspended = 0 AND due <= ?2"
            " AND (buried_until IS NULL OR buried_until <= ?1)",
            (iso(moment), iso(moment + LEARN_AHEAD)),
        ).fetchone()
        new, learning, review = (int(v or 0) for v in row)
        new_left, reviews_left = self.allowance(moment)  # type: ignore[attr-defined]
        return Counts(min(new, new_left), learning, min(review, reviews_left))

    def state_counts(self) -> dict[str, int]:
        """All cards by kind: new, learning, review, relearning, suspended."""
        result = dict.fromkeys(("new", "learning", "review", "relearning", "suspended"), 0)
        for card in self.cards():  # type: ignore[attr-defined]
            result["suspended" if card.suspended else card.kind] += 1
        return result

    def next_due(self) -> datetime | None:
        """When the next card may be shown: the earliest due time of an unsuspended card,
        or the end of its burial if later (may be in the past if one is due). Cards held
        back by today's limits wait for the next study day (see :meth:`today`)."""
        row = self.conn.execute(
            "SELECT MIN(CASE WHEN buried_until > due THEN buried_until ELSE due END)"
            " FROM study_cards WHERE suspended = 0"
        ).fetchone()
        return parse_iso(row[0]) if row and row[0] else None

    def preview(self, card_id: int, now: datetime | None = None) -> dict[int, timedelta]:
        """Time until the card would be due again for each rating 1..4 (for the buttons)."""
        moment = as_utc(now)
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
            params.append(iso(as_utc(since)))
        return [review_from_row(tuple(r)) for r in self.conn.execute(sql + " ORDER BY id", params)]
