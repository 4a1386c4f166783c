"""Deck options: daily limits, desired retention passed to fsrs, and the Today summary."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from gdgame.study import Collection
from gdgame.study.card_actions import study_day_start
from gdgame.study.deck_options import (
    DEFAULT_SECONDS_PER_CARD,
    retention_tradeoff,
    reviews_in_first_year,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
TZ = UTC


@pytest.fixture
def col(tmp_path):
    collection = Collection.open(tmp_path / "gdgame.sqlite3", now=T0, tz=TZ)
    yield collection
    collection.close()


def test_limits_hold_on_a_500_card_deck_over_a_simulated_week(col):
    extra = 500 - len(col.cards())
    col.import_cards(((f"Card {i}", f"Back {i}") for i in range(extra)), now=T0)
    assert len(col.cards()) == 500
    col.set_options(new_per_day=25, reviews_per_day=30)
    rng = random.Random(16)
    new_per_day, reviews_per_day = Counter(), Counter()
    for day in range(7):
        moment = T0 + timedelta(days=day)
        session_end = moment + timedelta(hours=3)
        while moment < session_end:
            card = col.next_card(now=moment)
            if card is None:
                break
            if card.is_new:
                new_per_day[day] += 1
            elif card.state == fsrs.State.Review:
                reviews_per_day[day] += 1
            col.answer(card.id, rng.choice((1, 3, 3, 3, 4)), now=moment)
            moment += timedelta(seconds=20)
        new_done, reviews_done = col.done_today(moment)
        assert (new_done, reviews_done) == (new_per_day[day], reviews_per_day[day])
        if reviews_per_day[day] == 30:  # the limit held cards back, it did not run dry
            waiting = col.conn.execute(
                "SELECT COUNT(*) FROM study_cards WHERE state = 2 AND due <= ?",
                (moment.isoformat(timespec="microseconds"),),
            ).fetchone()[0]
            assert waiting > 0
    assert all(new_per_day[day] == 25 for day in range(7))  # 500 new cards: never run out
    assert all(reviews_per_day[day] <= 30 for day in range(7))
    assert max(reviews_per_day.values()) == 30  # the review limit was reached, not skipped
    assert col.counts(moment).new == 0 and col.counts(moment).review == 0


def test_limits_count_from_the_start_of_the_study_day(col):
    col.set_options(new_per_day=2)
    for _ in range(2):
        col.answer(col.next_card(now=T0).id, 4, now=T0)
    assert col.counts(T0).new == 0 and col.next_card(now=T0) is None
    tomorrow = study_day_start(T0, TZ) + timedelta(days=1)
    assert col.counts(tomorrow - timedelta(seconds=1)).new == 0
    assert col.counts(tomorrow).new == 2


def test_a_bad_option_changes_nothing(col):
    before = col.options
    for values in (
        {"new_per_day": -1},
        {"reviews_per_day": 10_000},
        {"new_per_day": 2.5},
        {"desired_retention": 0.99},
        {"new_per_day": 5, "desired_retention": 0.5},
    ):
        with pytest.raises(ValueError):
            col.set_options(**values)
        assert col.options == before
    col.conn.execute("UPDATE study_meta SET value = 'junk' WHERE key = 'desired_retention'")
    assert col.options.desired_retention == 0.9  # a damaged setting reads as the default


def test_desired_retention_changes_the_intervals_fsrs_gives(col):
    card = col.next_card(now=T0)
    col.answer(card.id, 3, now=T0)
    col.answer(card.id, 3, now=T0 + timedelta(minutes=10))
    later = T0 + timedelta(days=3)
    intervals = {}
    for retention in (0.7, 0.8, 0.9, 0.97):
        col.set_options(desired_retention=retention)
        intervals[retention] = col.preview(card.id, now=later)[3]
        reference = fsrs.Scheduler(desired_retention=retention, enable_fuzzing=False)
        expected, _ = reference.review_card(col.card(card.id).to_fsrs(), 3, review_datetime=later)
        assert intervals[retention] == expected.due - later  # exactly fsrs' interval
    assert intervals[0.7] > intervals[0.8] > intervals[0.9] > intervals[0.97]


def test_the_workload_line_uses_fsrs_numbers():
    text = retention_tradeoff(0.95)
    count, days = reviews_in_first_year(0.95)
    base, _ = reviews_in_first_year(0.9)
    assert count > base
    assert f"reviewed {count} times" in text and f"({base} at 90%)" in text
    assert ", ".join(map(str, days)) in text and "more reviews" in text
    assert "fewer reviews" in retention_tradeoff(0.8)


def test_today_estimates_minutes_from_the_median_answer_time(col):
    col.set_options(new_per_day=10)
    today = col.today(T0)
    assert (today.new, today.learning, today.review) == (10, 0, 0)
    assert not today.timed and today.seconds_per_card == DEFAULT_SECONDS_PER_CARD
    for ms in (4000, 30000, 6000):
        col.answer(col.next_card(now=T0).id, 4, now=T0, answer_ms=ms)
    today = col.today(T0)
    assert today.timed and today.seconds_per_card == 6.0  # the median, not the mean
    assert (today.new, today.new_done) == (7, 3)
    assert today.minutes == 1  # 7 cards x 6 s = 42 s, rounded up
    assert "7 new" in today.text() and "about 1 min" in today.text()
