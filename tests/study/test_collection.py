"""Collection: seeding, FSRS scheduling, answer/undo, settings, editing, backups, recovery."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from gdgame.study import CardTextError, Collection, Counts, load_glossary

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def col(tmp_path):
    collection = Collection.open(tmp_path / "gdgame.sqlite3", now=T0)
    yield collection
    collection.close()


def test_open_seeds_the_glossary_once(tmp_path, col):
    assert len(col.cards()) == len(load_glossary())
    col.close()
    again = Collection.open(tmp_path / "gdgame.sqlite3", now=T0)
    assert len(again.cards()) == len(load_glossary())
    assert again.recovery is None
    again.close()


def test_due_lists_cards_with_id_front_back_due(col):
    due = col.due(now=T0)
    assert due[0].front == "Gradient Descent"
    assert {"Gradient Descent", "Learning Rate", "Gradient"} <= {c.front for c in due}
    assert all(c.id and c.back and c.due <= T0 for c in due)
    assert col.counts(now=T0).new == len(due)


def test_answer_schedules_exactly_like_fsrs(col):
    card = col.due(now=T0)[0]
    reference = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    expected, _ = reference.review_card(card.to_fsrs(), fsrs.Rating.Good, review_datetime=T0)
    after = col.answer(card.id, 3, now=T0)
    assert after.due == expected.due
    assert after.stability == pytest.approx(expected.stability)
    assert after.difficulty == pytest.approx(expected.difficulty)
    assert card.id not in {c.id for c in col.due(now=T0)}
    assert card.id in {c.id for c in col.due(now=T0 + timedelta(days=1))}


def test_preview_matches_the_answer(col):
    card = col.due(now=T0)[0]
    preview = col.preview(card.id, now=T0)
    assert preview[1] < preview[2] <= preview[3] < preview[4]
    after = col.answer(card.id, 4, now=T0)
    assert after.due - T0 == preview[4]


def test_reviews_are_logged_and_undo_restores_state(col):
    card = col.due(now=T0)[0]
    col.answer(card.id, 3, now=T0)
    later = T0 + timedelta(minutes=15)
    col.answer(card.id, 3, now=later)
    log = col.reviews()
    assert [r.rating for r in log] == [3, 3]
    assert log[0].was_new and not log[1].was_new
    assert log[1].elapsed == timedelta(minutes=15)
    assert log[1].interval > timedelta(0)
    middle = col.card(card.id)
    restored = col.undo()
    assert restored.id == card.id
    assert len(col.reviews()) == 1
    assert col.card(card.id).due < middle.due or col.card(card.id).state != middle.state
    assert col.undo().is_new
    assert col.reviews() == []
    assert col.card(card.id) == card
    assert col.undo() is None


def test_rating_must_be_1_to_4(col):
    card = col.due(now=T0)[0]
    for bad in (0, 5, True):
        with pytest.raises(ValueError):
            col.answer(card.id, bad, now=T0)
    with pytest.raises(ValueError):
        col.answer(card.id, 3, now=datetime(2026, 1, 1))
    assert col.reviews() == []


def test_quiz_answers_feed_the_scheduler(col):
    right = col.record_quiz_answer("gradient", True, now=T0)
    wrong = col.record_quiz_answer("adam", False, now=T0)
    assert right.due > wrong.due
    assert [r.source for r in col.reviews()] == ["quiz", "quiz"]
    assert [r.rating for r in col.reviews()] == [3, 1]
    assert col.record_quiz_answer("no-such-term", True) is None


def test_desired_retention_setting(col):
    card = col.due(now=T0)[0]
    col.answer(card.id, 3, now=T0)
    col.answer(card.id, 3, now=T0 + timedelta(minutes=10))
    normal = col.preview(card.id, now=T0 + timedelta(days=2))[3]
    col.set_desired_retention(0.97)
    assert col.desired_retention == pytest.approx(0.97)
    assert col.preview(card.id, now=T0 + timedelta(days=2))[3] < normal
    for bad in (1.5, 0.98, 0.69):  # the range is 0.70-0.97, as in Anki's FSRS options
        with pytest.raises(ValueError):
            col.set_desired_retention(bad)
    assert col.desired_retention == pytest.approx(0.97)


def test_counts_and_next_due(col):
    for card in col.cards():
        col.set_suspended(card.id, True) if card.term_id != "gradient" else None
    assert col.counts(now=T0).total == 1
    gradient = col.card_for_term("gradient")
    col.answer(gradient.id, 3, now=T0)  # Good: back in 10 minutes, within LEARN_AHEAD
    assert col.counts(now=T0) == Counts(new=0, learning=1, review=0)  # shown ahead: left
    col.answer(gradient.id, 1, now=T0)  # Again, then Easy: out of today's session
    col.answer(gradient.id, 4, now=T0)
    assert col.card(gradient.id).state == 2
    assert col.counts(now=T0).total == 0
    assert col.next_card(now=T0) is None
    col.undo()
    assert col.next_due() == col.card(gradient.id).due
    assert col.counts(now=T0 - timedelta(hours=1)).learning == 0  # not within 20 minutes
    assert col.counts(now=col.next_due()).learning == 1
    assert col.next_card(now=T0).id == gradient.id  # learning card shown ahead (Anki)
    assert col.next_card(now=T0 - timedelta(hours=1)) is None
    assert col.state_counts()["suspended"] == len(load_glossary()) - 1


def test_user_cards_add_edit_delete_and_glossary_protection(col):
    card = col.add_card("Zebra step", "A striped stride")
    assert [c.id for c in col.cards(search="striped")] == [card.id]
    with pytest.raises(CardTextError):
        col.add_card(" zebra  STEP ", "duplicate")
    assert col.edit_card(card.id, "Zebra!", "Changed stripes").back == "Changed stripes"
    glossary = col.card_for_term("adam")
    with pytest.raises(CardTextError):
        col.edit_card(glossary.id, "x", "y")
    with pytest.raises(CardTextError):
        col.delete_card(glossary.id)
    with pytest.raises(CardTextError):
        col.add_card("", "empty front")
    col.delete_card(card.id)
    assert col.cards(search="stripes") == []
    assert col.set_suspended(glossary.id).suspended
    assert glossary.id not in {c.id for c in col.due(now=T0)}


@pytest.mark.parametrize(("front", "code"), [("rate\u202eetar", "U+202E"), ("a\u202ab", "U+202A")])
def test_direction_overrides_and_embeddings_are_refused(col, front, code):
    """They show text in another order than it is stored (a reversed "Trojan" front)."""
    with pytest.raises(CardTextError, match=re.escape(f"invisible direction control ({code})")):
        col.add_card(front, "back")
    with pytest.raises(CardTextError, match="invisible direction control"):
        col.import_cards([("fine", "back"), ("also fine", front)])
    assert col.cards(search="fine") == []  # all or nothing


LOOKALIKES = [
    "Over\u00adshoot",  # soft hyphen
    "Overshoot\u200e",  # left-to-right mark
    "Over\u200bshoot",  # zero-width space
    "Over\u200dshoot",  # zero-width joiner
    "\ufeffOvershoot",  # byte-order mark
    "Overshoot\ufe0f",  # variation selector
    "Overshoot\U000e0041",  # tag character
    "O\u034fvershoot",  # combining grapheme joiner
    "\u2066Overshoot\u2069",  # direction isolate
]


@pytest.mark.parametrize("lookalike", LOOKALIKES)
def test_a_front_that_differs_only_in_invisible_characters_is_the_same_card(col, lookalike):
    with pytest.raises(CardTextError, match="already"):
        col.add_card(lookalike, "a second 'Overshoot' card")
    result = col.import_cards([(lookalike, "imported")])
    assert (result.added, result.unchanged) == (0, 1)  # the built-in card, left as it is


def test_composed_and_decomposed_accents_are_the_same_front(col):
    col.add_card("Caf\u00e9 rate", "composed")
    with pytest.raises(CardTextError, match="already"):
        col.add_card("Cafe\u0301 rate", "decomposed")


def test_text_that_needs_marks_and_joiners_is_accepted(col):
    """Right-to-left marks, the joiners of Persian script and emoji, Thai word breaks."""
    for front in (
        "\u200fنرخ یادگیری",
        "می\u200cخواهم",
        "hiker \U0001f9d1\u200d\U0001f9af",
        "อัตรา\u200bการเรียนรู้",
    ):
        assert col.add_card(front, "back").front == front


def test_search_treats_wildcards_literally(col):
    col.add_card("100% sure", "percent")
    assert [c.front for c in col.cards(search="100%")] == ["100% sure"]
    assert col.cards(search="_%_") == []


def test_daily_backup_keeps_ten(tmp_path):
    backups = tmp_path / "backups"
    for day in range(12):
        Collection.open(tmp_path / "db.sqlite3", now=T0 + timedelta(days=day)).close()
        Collection.open(tmp_path / "db.sqlite3", now=T0 + timedelta(days=day, hours=1)).close()
    files = sorted(backups.glob("gdgame-*.sqlite3"))
    assert len(files) == 10
    with sqlite3.connect(files[-1]) as copy:
        assert copy.execute("SELECT COUNT(*) FROM study_cards").fetchone()[0] > 30


def test_corrupt_database_is_moved_aside_and_recreated(tmp_path):
    path = tmp_path / "gdgame.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    col = Collection.open(path, now=T0)
    try:
        assert col.recovery is not None
        assert col.recovery.moved_to.exists()
        assert "fresh" in col.recovery.message()
        assert len(col.cards()) == len(load_glossary())
        assert len(col.due(now=T0)) == col.options.new_per_day  # today's new-card limit
    finally:
        col.close()


def test_truncated_database_recovers(tmp_path):
    path = tmp_path / "gdgame.sqlite3"
    col = Collection.open(path, now=T0)
    col.answer(col.due(now=T0)[0].id, 3, now=T0)
    col.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    col.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * 4000 + data[4100:])
    recovered = Collection.open(path, now=T0)
    try:
        assert recovered.recovery is not None
        assert recovered.reviews() == []
    finally:
        recovered.close()


def test_shares_the_file_with_other_components(tmp_path):
    from gdgame import storage

    path = tmp_path / "gdgame.sqlite3"
    conn, _ = storage.open_database(path)
    storage.migrate(conn, "game", ["CREATE TABLE game_things (id INTEGER PRIMARY KEY)"])
    conn.close()
    col = Collection.open(path, now=T0)
    try:
        assert storage.schema_version(col.conn, "game") == 1
        assert storage.schema_version(col.conn, "study") >= 1
    finally:
        col.close()
