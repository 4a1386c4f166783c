"""Hike mistakes make the matching cards due now, keeping their FSRS history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gdgame import storage
from gdgame.study import Collection

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HIKE_EVENTS = """CREATE TABLE hike_events (id INTEGER PRIMARY KEY, time TEXT NOT NULL,
level_id TEXT NOT NULL, step INTEGER NOT NULL, lr REAL NOT NULL, kind TEXT NOT NULL)"""


@pytest.fixture
def col(tmp_path):
    collection = Collection.open(tmp_path / "gdgame.sqlite3", now=T0)
    yield collection
    collection.close()


def log_event(col, kind, level="steep-bowl"):
    col.conn.execute(
        "INSERT INTO hike_events(time, level_id, step, lr, kind) VALUES (?, ?, 3, 0.9, ?)",
        (T0.isoformat(), level, kind),
    )


def learn(col, term_id, days):
    card = col.card_for_term(term_id)
    for day in range(days):
        card = col.answer(card.id, 3, now=T0 + timedelta(days=day))
    return card


def test_without_hike_table_nothing_happens(col):
    assert col.apply_game_mistakes(now=T0) == []


def game_log(col):
    """The Hike's real step log (all of its migrations) in the shared database."""
    from gdgame.game.progress import ProgressStore

    return ProgressStore(col.conn)


def test_mistakes_make_matching_cards_due_now(col):
    game_log(col)
    divergence = learn(col, "divergence", 4)
    local_min = learn(col, "local-minimum", 4)
    later = T0 + timedelta(days=5)
    assert divergence.due > later and local_min.due > later
    log_event(col, "won")
    log_event(col, "divergence")
    log_event(col, "stuck", level="double-well")
    log_event(col, "descent")
    touched = col.apply_game_mistakes(now=later)
    assert {c.term_id for c in touched} == {"divergence", "safe-step", "local-minimum"}
    learn(col, "gradient", 1)  # a learning card, due before the mistakes' cards
    due = [c.term_id for c in col.due(now=later)]
    assert set(due[:3]) == {"divergence", "safe-step", "local-minimum"}  # mistakes first
    assert "gradient" in due
    assert col.next_card(now=later).reason.startswith("In the Hike")
    after = col.card_for_term("divergence")
    assert after.stability == divergence.stability
    assert after.difficulty == divergence.difficulty
    assert after.state == divergence.state
    assert "diverged" in after.reason and "“A steep bowl”" in after.reason
    assert "steep-bowl" not in after.reason  # a display name, never the internal id
    assert len(col.reviews(card_id=after.id)) == 4
    # each event counts once
    assert col.apply_game_mistakes(now=later + timedelta(hours=1)) == []
    # answering clears the reason and schedules from the kept history
    answered = col.answer(after.id, 3, now=later)
    assert answered.reason == ""
    assert answered.due > later + timedelta(days=1)


def test_crawl_and_divergence_map_to_their_cards(col):
    storage.migrate(col.conn, "game", [HIKE_EVENTS])
    for term in ("learning-rate", "step-size", "divergence"):
        learn(col, term, 3)
    log_event(col, "crawl", level="shallow-bowl")
    log_event(col, "divergence")
    now = T0 + timedelta(days=4)
    touched = {c.term_id for c in col.apply_game_mistakes(now=now)}
    assert {"learning-rate", "step-size", "divergence"} <= touched
    assert all(col.card_for_term(t).due <= now for t in touched)


def test_lessons_are_not_mistakes_and_undone_steps_no_longer_count(col):
    """An overshoot that converges and a rise caused only by noise teach, they are not
    mistakes; a divergence the player took back no longer makes its card due."""
    store = game_log(col)
    for term in ("overshoot", "mini-batch", "divergence"):
        learn(col, term, 4)
    log_event(col, "overshoot")
    log_event(col, "noisy", level="noisy-slope")
    taken_back = store.record_step("steep-bowl", 2, 0.5, "divergence")
    store.mark_undone(taken_back)
    assert col.apply_game_mistakes(now=T0 + timedelta(days=5)) == []


def test_a_log_from_before_undo_marks_still_counts(col):
    storage.migrate(col.conn, "game", [HIKE_EVENTS])  # version 1: no "undone" column
    learn(col, "divergence", 4)
    log_event(col, "divergence")
    touched = col.apply_game_mistakes(now=T0 + timedelta(days=5))
    assert "divergence" in {c.term_id for c in touched}


def test_a_mistake_never_postpones_a_card(col):
    storage.migrate(col.conn, "game", [HIKE_EVENTS])
    log_event(col, "divergence")
    before = col.card_for_term("divergence").due
    col.apply_game_mistakes(now=T0 + timedelta(days=1))
    assert col.card_for_term("divergence").due == before
