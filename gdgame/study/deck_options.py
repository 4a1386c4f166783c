"""Deck options and today's workload (mixin of Collection; no Qt).

Anki's two most used options with FSRS, kept in ``study_meta``:

- new cards per day and maximum reviews per day: the reviewer introduces at most that many
  new cards, and answers at most that many review cards, per study day (from 4 am local
  time). Answers from the Quiz and the learn mode count too: a review is a review.
  Learning cards are never held back (a half-learned card left for tomorrow is lost work);
- desired retention (0.70-0.97): the chance of recalling a card when it comes back, passed
  to ``fsrs.Scheduler``. :func:`retention_tradeoff` says in one line what it costs.

:meth:`DeckOptionsMixin.today` sums up what is left today and how long it should take, from
the median time of the learner's own timed answers.
"""

from __future__ import annotations

import sqlite3
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import fsrs

from gdgame import storage
from gdgame.study.card_actions import study_day_start
from gdgame.study.schema import iso, utc_now

DEFAULT_NEW_PER_DAY = 20
DEFAULT_REVIEWS_PER_DAY = 200
PER_DAY_RANGE = (0, 9999)
DEFAULT_RETENTION = 0.9
RETENTION_RANGE = (0.70, 0.97)
DEFAULT_SECONDS_PER_CARD = 8.0
"""The time estimate per card until the learner has timed answers of their own."""
TIMED_ANSWERS_USED = 200
"""The median answer time is taken over this many latest timed answers."""


@dataclass(frozen=True)
class DeckOptions:
    new_per_day: int = DEFAULT_NEW_PER_DAY
    reviews_per_day: int = DEFAULT_REVIEWS_PER_DAY
    desired_retention: float = DEFAULT_RETENTION


@dataclass(frozen=True)
class Today:
    """What the reviewer will still show today (within the limits) and the time it takes.

    ``seconds_per_card`` is the median of the learner's timed answers, or
    DEFAULT_SECONDS_PER_CARD when ``timed`` is False (no timed answers yet).
    """

    new: int
    learning: int
    review: int
    new_done: int
    reviews_done: int
    seconds_per_card: float
    timed: bool

    @property
    def cards(self) -> int:
        return self.new + self.learning + self.review

    @property
    def minutes(self) -> int:
        """Estimated minutes, rounded up (0 only when nothing is left)."""
        seconds = self.cards * self.seconds_per_card
        return int(-(-seconds // 60)) if seconds > 0 else 0

    def estimate_text(self) -> str:
        """ "About 4 min left today (median answer 9 s)"."""
        if self.cards == 0:
            return "Nothing left for today."
        basis = (
            f"median answer {self.seconds_per_card:.0f} s"
            if self.timed
            else f"{DEFAULT_SECONDS_PER_CARD:.0f} s a card until your own answers are timed"
        )
        return f"About {self.minutes} min left today ({basis})"

    def text(self) -> str:
        if self.cards == 0:
            return "Nothing left for today."
        counts = f"Today: {self.review} to review, {self.learning} learning, {self.new} new"
        return f"{counts} · {self.estimate_text()[0].lower()}{self.estimate_text()[1:]}"


def _check_per_day(name: str, value: int) -> int:
    low, high = PER_DAY_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return value


def check_retention(value: float) -> float:
    low, high = RETENTION_RANGE
    value = float(value)
    if not low <= value <= high:
        raise ValueError(f"desired retention must be between {low} and {high}, got {value}")
    return value


def make_scheduler(retention: float) -> fsrs.Scheduler:
    # No fuzz: the interval printed on a button is exactly what the answer gives.
    return fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)


@cache
def reviews_in_first_year(retention: float) -> tuple[int, tuple[int, ...]]:
    """How often ``fsrs`` shows a new card answered Good every time in its first year,
    and the first intervals in days (rounded) it gives."""
    scheduler = make_scheduler(retention)
    card, moment = fsrs.Card(), datetime(2025, 1, 1, 9, tzinfo=UTC)
    end, count, days = moment + timedelta(days=365), 0, []
    while moment < end:
        card, _ = scheduler.review_card(card, fsrs.Rating.Good, review_datetime=moment)
        count += 1
        gap = (card.due - moment).total_seconds() / 86400
        if gap >= 1:
            days.append(round(gap))
        moment = card.due
    return count, tuple(days[:4])


def retention_tradeoff(retention: float) -> str:
    """One line on the workload of a desired retention, with numbers from ``fsrs``."""
    retention = check_retention(retention)
    count, days = reviews_in_first_year(round(retention, 2))
    base_count, base_days = reviews_in_first_year(DEFAULT_RETENTION)
    gaps = ", ".join(str(d) for d in days)
    line = (
        f"At {retention:.0%}, a card you always know comes back after {gaps}… days "
        f"and is reviewed {count} times in its first year"
    )
    if round(retention, 2) == DEFAULT_RETENTION:
        return line + ". Higher: fewer cards forgotten, more reviews; lower: the reverse."
    more = "more" if count > base_count else "fewer"
    forget = "fewer" if retention > DEFAULT_RETENTION else "more"
    return (
        f"{line} ({base_count} at {DEFAULT_RETENTION:.0%}): {more} reviews, "
        f"{forget} cards forgotten."
    )


class DeckOptionsMixin:
    """Needs ``self.conn``, ``self._meta``, ``self._set_meta`` and ``self.tz``."""

    conn: sqlite3.Connection
    tz = None

    @property
    def options(self) -> DeckOptions:
        def number(key: str, default, kind):
            try:
                return kind(self._meta(key, str(default)))  # type: ignore[attr-defined]
            except (TypeError, ValueError):
                return default

        retention = number("desired_retention", DEFAULT_RETENTION, float)
        low, high = RETENTION_RANGE
        return DeckOptions(
            new_per_day=max(0, number("new_per_day", DEFAULT_NEW_PER_DAY, int)),
            reviews_per_day=max(0, number("reviews_per_day", DEFAULT_REVIEWS_PER_DAY, int)),
            desired_retention=min(high, max(low, retention)),
        )

    @property
    def desired_retention(self) -> float:
        return self.options.desired_retention

    def set_desired_retention(self, value: float) -> None:
        self.set_options(desired_retention=value)

    def set_options(
        self,
        new_per_day: int | None = None,
        reviews_per_day: int | None = None,
        desired_retention: float | None = None,
    ) -> DeckOptions:
        """Change any of the options (checked first: a bad value changes nothing)."""
        values = {}
        if new_per_day is not None:
            values["new_per_day"] = str(_check_per_day("new cards per day", new_per_day))
        if reviews_per_day is not None:
            values["reviews_per_day"] = str(
                _check_per_day("maximum reviews per day", reviews_per_day)
            )
        if desired_retention is not None:
            values["desired_retention"] = repr(check_retention(desired_retention))
        with storage.transaction(self.conn):
            for key, value in values.items():
                self._set_meta(key, value)  # type: ignore[attr-defined]
        self._scheduler = make_scheduler(self.desired_retention)
        return self.options

    # ---------------------------------------------------------------------- limits
    def done_today(self, now: datetime | None = None) -> tuple[int, int]:
        """(new cards introduced, review cards answered) since the study day began."""
        start = iso(study_day_start(now or utc_now(), self.tz))
        row = self.conn.execute(
            "SELECT SUM(elapsed_days IS NULL), SUM(elapsed_days IS NOT NULL AND state = 2)"
            " FROM study_reviews WHERE time >= ?",
            (start,),
        ).fetchone()
        return int(row[0] or 0), int(row[1] or 0)

    def allowance(self, now: datetime | None = None) -> tuple[int, int]:
        """(new cards, review cards) the reviewer may still show today."""
        options = self.options
        new_done, reviews_done = self.done_today(now)
        return (
            max(0, options.new_per_day - new_done),
            max(0, options.reviews_per_day - reviews_done),
        )

    def median_answer_seconds(self) -> float | None:
        rows = self.conn.execute(
            "SELECT answer_ms FROM study_reviews WHERE answer_ms IS NOT NULL"
            " ORDER BY id DESC LIMIT ?",
            (TIMED_ANSWERS_USED,),
        ).fetchall()
        return statistics.median(r[0] for r in rows) / 1000 if rows else None

    def today(self, now: datetime | None = None) -> Today:
        counts = self.counts(now)  # type: ignore[attr-defined]
        new_done, reviews_done = self.done_today(now)
        median = self.median_answer_seconds()
        return Today(
            new=counts.new,
            learning=counts.learning,
            review=counts.review,
            new_done=new_done,
            reviews_done=reviews_done,
            seconds_per_card=median if median is not None else DEFAULT_SECONDS_PER_CARD,
            timed=median is not None,
        )
