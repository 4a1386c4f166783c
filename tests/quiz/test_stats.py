"""Stats aggregations on a temporary SQLite database filled by hand."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from gdgame.storage import migrate, open_database
from gdgame.study import schema
from gdgame.study.stats import RETENTION_BUCKETS, load_stats
from gdgame.study.stats_sources import read_stars

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

HIKE_EVENTS = """CREATE TABLE hike_events (
    id INTEGER PRIMARY KEY, time TEXT NOT NULL, level_id TEXT NOT NULL,
    step INTEGER NOT NULL, lr REAL NOT NULL, kind TEXT NOT NULL)"""


@pytest.fixture
def conn(tmp_path):
    connection, _ = open_database(tmp_path / "stats.sqlite3")
    yield connection
    connection.close()


def _add_card(conn, n, state, due, last_review=None, suspended=0):
    conn.execute(
        "INSERT INTO study_cards (id, term_id, front, front_key, back, source, suspended,"
        " state, due, last_review, created, modified)"
        " VALUES (?, ?, ?, ?, 'back', 'glossary', ?, ?, ?, ?, ?, ?)",
        (
            n,
            f"t{n}",
            f"Front {n}",
            f"front {n}",
            suspended,
            state,
            schema.iso(due),
            schema.iso(last_review) if last_review else None,
            schema.iso(NOW),
            schema.iso(NOW),
        ),
    )


def _add_review(conn, card, time, rating, elapsed, source="review", state=2, before="{}"):
    conn.execute(
        "INSERT INTO study_reviews (card_id, time, rating, state, state_after, elapsed_days,"
        " interval_days, source, card_before) VALUES (?, ?, ?, ?, 2, ?, 1.0, ?, ?)",
        (card, schema.iso(time), rating, state, elapsed, source, before),
    )


def _fill(conn):
    migrate(conn, schema.COMPONENT, schema.MIGRATIONS)
    conn.execute(HIKE_EVENTS)
    day = timedelta(days=1)
    _add_card(conn, 1, 1, NOW)  # new
    _add_card(conn, 2, 2, NOW + 3 * day, NOW - day)  # review, due in 3 days
    _add_card(conn, 3, 2, NOW - 2 * day, NOW - 5 * day)  # overdue review -> today
    _add_card(conn, 4, 3, NOW + timedelta(minutes=5), NOW)  # relearning, due today
    _add_card(conn, 5, 2, NOW + 40 * day, NOW, suspended=1)  # suspended
    _add_card(conn, 6, 2, NOW + 45 * day, NOW)  # beyond the forecast
    _add_review(conn, 2, NOW - day, 3, None)  # first review: no retention data
    _add_review(conn, 2, NOW - day, 3, 0.2)
    _add_review(conn, 3, NOW - 5 * day, 1, 0.5, source="quiz")
    _add_review(conn, 3, NOW, 3, 3.0, source="quiz")
    _add_review(conn, 4, NOW, 1, 12.0)
    _add_review(conn, 4, NOW - 40 * day, 3, 12.0)  # outside the 30 days shown
    events = [
        (NOW, "gentle-bowl", 1, 0.1, "descent"),
        (NOW, "gentle-bowl", 2, 0.1, "won"),
        (NOW - day, "steep-bowl", 1, 2.0, "divergence"),
        (NOW - day, "steep-bowl", 2, 0.5, "overshoot"),
        (NOW - day, "steep-bowl", 9, 0.2, "won"),
        (NOW - 50 * day, "plateau", 1, 0.1, "crawl"),
    ]
    conn.executemany(
        "INSERT INTO hike_events (time, level_id, step, lr, kind) VALUES (?, ?, ?, ?, ?)",
        [(schema.iso(t), lv, s, lr, k) for t, lv, s, lr, k in events],
    )


def test_empty_database_gives_empty_stats(conn):
    data = load_stats(conn, now=NOW)
    assert data.is_empty
    assert len(data.reviews.days) == 30 and data.reviews.days[-1] == NOW.date()
    assert data.reviews.total == 0 and data.forecast.total == 0 and data.steps.total == 0
    assert all(bucket.retention is None for bucket in data.retention)
    assert set(data.states.values()) == {0}
    assert data.stars[0] == ("gentle-bowl", 0) and len(data.stars) >= 13
    assert data.notes


def test_filled_database(conn):
    _fill(conn)
    data = load_stats(conn, now=NOW)
    assert not data.is_empty
    assert data.reviews.series["cards"][-1] == 1 and data.reviews.series["quiz"][-1] == 1
    assert data.reviews.series["cards"][-2] == 2 and data.reviews.series["quiz"][-6] == 1
    assert data.reviews.total == 5  # the review 40 days ago is not shown
    buckets = {b.label: b for b in data.retention}
    assert len(data.retention) == len(RETENTION_BUCKETS)
    assert (buckets["≤ 1 day"].reviews, buckets["≤ 1 day"].passed) == (2, 1)
    assert buckets["2–3 days"].retention == 1.0
    assert (buckets["1–2 weeks"].reviews, buckets["1–2 weeks"].retention) == (2, 0.5)
    assert buckets["> 8 weeks"].retention is None
    assert data.forecast.days[0] == NOW.date()
    assert data.forecast.series["review"][0] == 1 and data.forecast.series["review"][3] == 1
    assert data.forecast.series["learning"][0] == 1
    assert data.forecast.total == 3
    assert data.states == {"new": 1, "learning": 0, "review": 3, "relearning": 1, "suspended": 1}
    steps = data.steps.series
    assert steps["descent"][-1] == 1 and steps["won"][-1] == 1 and steps["won"][-2] == 1
    assert steps["divergence"][-2] == 1 and sum(steps["crawl"]) == 0


def _snapshot(interval_days: float) -> str:
    last = NOW - timedelta(days=30)
    due = last + timedelta(days=interval_days)
    return json.dumps({"state": 2, "due": schema.iso(due), "last_review": schema.iso(last)})


def test_true_retention_counts_review_state_cards_by_their_interval(conn):
    migrate(conn, schema.COMPONENT, schema.MIGRATIONS)
    _add_card(conn, 1, 2, NOW, NOW)
    learning, relearning = 1, 3
    _add_review(conn, 1, NOW, 1, 0.01, state=learning, before=_snapshot(0.01))
    _add_review(conn, 1, NOW, 3, 0.1, state=relearning, before=_snapshot(0.1))
    _add_review(conn, 1, NOW, 2, 9.0, state=2, before=_snapshot(3.0))  # Hard is a pass
    _add_review(conn, 1, NOW, 1, 3.5, state=2, before=_snapshot(3.0))
    _add_review(conn, 1, NOW, 4, 40.0, state=2, before=_snapshot(30.0), source="quiz")
    _add_review(conn, 1, NOW, 3, 10.0, state=2, before="not json")  # falls back to elapsed
    buckets = {b.label: (b.reviews, b.passed) for b in load_stats(conn, now=NOW).retention}
    assert buckets["2–3 days"] == (2, 1)  # by the interval given, not the time elapsed
    assert buckets["3–8 weeks"] == (1, 1)
    assert buckets["1–2 weeks"] == (1, 1)
    assert buckets["≤ 1 day"] == (0, 0)  # learning steps are not retention
    assert sum(reviews for reviews, _ in buckets.values()) == 4


def test_true_retention_from_real_answers(tmp_path):
    from gdgame.study import Collection

    with Collection.open(tmp_path / "real.sqlite3") as col:
        card = col.card_for_term("gradient")
        start = NOW - timedelta(days=20)
        col.answer(card.id, 4, now=start)  # Easy: straight to Review
        first_interval = col.card(card.id).due - start
        col.answer(card.id, 3, now=col.card(card.id).due)  # passed on time
        col.answer(card.id, 1, now=col.card(card.id).due)  # lapsed
        data = load_stats(col.conn, now=NOW)
    counted = [b for b in data.retention if b.reviews]
    assert sum(b.reviews for b in counted) == 2 and sum(b.passed for b in counted) == 1
    first = next(b for b in data.retention if b.reviews and b.passed == 1)
    days = first_interval.total_seconds() / 86400
    upper = dict(RETENTION_BUCKETS)[first.label]
    lower = max([0.0] + [u for _, u in RETENTION_BUCKETS if u <= days])
    assert lower <= days < upper


def test_stars_from_won_events_and_progress_table(conn):
    _fill(conn)
    levels = [("gentle-bowl", 3, 5), ("steep-bowl", 4, 8), ("plateau", 10, 20)]
    from gdgame.study import stats_sources

    events = stats_sources.read_hike_events(conn)
    assert stats_sources.stars_from_events(events, levels) == {"gentle-bowl": 3, "steep-bowl": 1}
    order = ["gentle-bowl", "steep-bowl", "plateau"]
    stars = read_stars(conn, events, level_order=order)  # no progress table: from events
    assert [level for level, _ in stars] == order and dict(stars)["plateau"] == 0
    from gdgame.game.progress import ProgressStore

    store = ProgressStore(conn)  # creates hike_progress: it becomes the authority
    store.record_result("steep-bowl", 2, 800)
    store.record_result("steep-bowl", 1, 500)
    store.record_result("endless-2", 1, 500)
    store.record_result("endless-5", 3, 900)
    assert read_stars(conn, events, level_order=order) == [
        ("gentle-bowl", 0),
        ("steep-bowl", 2),
        ("plateau", 0),
        ("endless", 3),
    ]


def test_unreadable_rows_are_skipped(conn):
    conn.execute(HIKE_EVENTS)
    conn.execute(
        "INSERT INTO hike_events (time, level_id, step, lr, kind)"
        " VALUES ('yesterday', 'x', 1, 0.1, 'won')"
    )
    assert load_stats(conn, now=NOW).steps.total == 0


def test_naive_now_is_refused(conn):
    with pytest.raises(ValueError):
        load_stats(conn, now=datetime(2026, 1, 1))


def test_read_stats_file_is_read_only_and_tolerant(tmp_path):
    from gdgame.study.stats import StatsError, read_stats_file

    missing = tmp_path / "none.sqlite3"
    assert read_stats_file(missing, now=NOW).is_empty
    assert not missing.exists()
    good = tmp_path / "good.sqlite3"
    connection, _ = open_database(good)
    _fill(connection)
    connection.close()
    assert read_stats_file(good, now=NOW).reviews.total == 5
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StatsError):
        read_stats_file(junk, now=NOW)
    assert junk.read_bytes().startswith(b"this is not")
