"""Reviewer actions: bury, suspend, flag and in-place edit persist and are undoable."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from gdgame import storage
from gdgame.study import CardTextError, Collection
from gdgame.study.card_actions import study_day_start
from gdgame.study.schema import _V1, _V2, COMPONENT, MIGRATIONS

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # a Sunday, 9 am in the test time zone
TZ = UTC


@pytest.fixture
def path(tmp_path):
    return tmp_path / "gdgame.sqlite3"


@pytest.fixture
def col(path):
    collection = Collection.open(path, now=T0, tz=TZ)
    yield collection
    collection.close()


def reopen(col, path):
    col.close()
    return Collection.open(path, now=T0, tz=TZ)


def test_bury_hides_the_card_until_the_next_study_day_and_persists(col, path):
    card = col.next_card(now=T0)
    col.bury(card.id, now=T0)
    assert card.id not in {c.id for c in col.due(now=T0)}
    col = reopen(col, path)
    buried = col.card(card.id)
    assert buried.buried_until == datetime(2026, 3, 2, 4, 0, tzinfo=UTC)  # 4 am next day
    assert card.id not in {c.id for c in col.due(now=T0 + timedelta(hours=18))}
    assert card.id in {c.id for c in col.due(now=T0 + timedelta(hours=19))}
    col.close()


def test_study_day_starts_at_four_in_the_morning():
    late = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)
    assert study_day_start(late, TZ) == datetime(2026, 3, 1, 4, 0, tzinfo=UTC)
    assert study_day_start(T0, TZ) == datetime(2026, 3, 1, 4, 0, tzinfo=UTC)


def test_each_action_is_undone_by_ctrl_z_in_reverse_order(col, path):
    card = col.next_card(now=T0)
    col.answer(card.id, 3, now=T0)
    col.toggle_flag(card.id, 1)
    col.set_suspended(card.id, True)
    col.bury(card.id, now=T0)
    col.update_card(card.id, my_note="rate x slope = step")
    after = col.card(card.id)
    assert (after.flag, after.suspended, after.my_note) == (1, True, "rate x slope = step")
    assert after.buried_until is not None
    assert col.undo_label.startswith("Undo note on 'Gradient Descent'")
    assert col.undo().my_note == ""
    assert col.undo_label.startswith("Undo bury")
    assert col.undo().buried_until is None
    assert not col.undo().suspended
    assert col.undo().flag == 0
    restored = col.undo()  # the answer: the card is new again
    assert restored.is_new and col.reviews(card_id=card.id) == []
    assert col.undo() is None and col.undo_label == ""
    col = reopen(col, path)  # the undone state is what was saved
    saved = col.card(card.id)
    assert (saved.flag, saved.suspended, saved.my_note, saved.buried_until) == (0, False, "", None)
    col.close()


def test_flags_toggle_like_anki_and_persist(col, path):
    card = col.next_card(now=T0)
    assert col.toggle_flag(card.id, 2).flag == 2  # orange
    assert col.toggle_flag(card.id, 4).flag == 4  # another colour replaces it
    col = reopen(col, path)
    assert col.card(card.id).flag == 4
    assert col.toggle_flag(card.id, 4).flag == 0  # the same colour again clears it
    for bad in (5, -1, True):
        with pytest.raises(ValueError):
            col.set_flag(card.id, bad)
    col.close()


def test_in_place_edit_of_user_and_glossary_cards(col):
    mine = col.add_card("Zebra step", "A striped stride")
    edited = col.update_card(mine.id, front="Zebra stride", back="Black and white", my_note="n")
    assert (edited.front, edited.back, edited.my_note) == ("Zebra stride", "Black and white", "n")
    assert col.undo_label == "Undo edit of 'Zebra stride'"
    col.undo()
    assert col.card(mine.id).front == "Zebra step"
    glossary = col.card_for_term("momentum")
    with pytest.raises(CardTextError, match="built-in glossary"):
        col.update_card(glossary.id, back="my own wording")
    noted = col.update_card(glossary.id, my_note="heavy ball")
    assert noted.back == glossary.back and noted.my_note == "heavy ball"
    with pytest.raises(CardTextError, match="already has the front"):
        col.update_card(mine.id, front="Momentum")
    with pytest.raises(CardTextError, match="control character"):
        col.update_card(mine.id, my_note="bad\x07bell")
    assert col.card(mine.id).front == "Zebra step"  # refused edits changed nothing


def test_one_quiz_answer_with_several_terms_is_one_undo_step(col):
    cards = col.record_answers([("momentum", True), ("adam", False), ("no-such", True)], now=T0)
    assert [c.term_id for c in cards] == ["momentum", "adam"]
    assert len(col.reviews()) == 2
    col.undo()
    assert col.reviews() == []
    assert col.card_for_term("momentum").is_new and col.card_for_term("adam").is_new


def test_a_version_one_database_keeps_its_mistake_reasons(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(storage._SCHEMA_VERSIONS)
    storage.migrate(conn, COMPONENT, [_V1])
    conn.execute(
        "INSERT INTO study_cards(term_id, front, front_key, back, source, state, step, due,"
        " created, modified, flag) VALUES ('x', 'X', 'x', 'b', 'user', 1, 0,"
        " '2026-03-01T09:00:00.000000+00:00', '2026-03-01T09:00:00.000000+00:00',"
        " '2026-03-01T09:00:00.000000+00:00', 'In the Hike, you got stuck.')"
    )
    conn.close()
    col = Collection.open(path, now=T0, tz=TZ)
    card = col.card_for_term("x")
    assert card.reason == "In the Hike, you got stuck." and card.flag == 0
    assert storage.schema_version(col.conn, COMPONENT) == len(MIGRATIONS)
    col.close()


def test_version_two_keys_are_rebuilt_as_cards_read_and_lookalikes_both_stay(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(storage._SCHEMA_VERSIONS)
    storage.migrate(conn, COMPONENT, [_V1, _V2])
    stamp = "2026-03-01T09:00:00.000000+00:00"
    for front in ("Zerowidth", "Zero\u200bwidth", "Cafe\u0301 rate"):  # keys by the old rule
        conn.execute(
            "INSERT INTO study_cards(front, front_key, back, source, state, step, due, created,"
            " modified) VALUES (?, ?, 'b', 'user', 1, 0, ?, ?, ?)",
            (front, " ".join(front.split()).casefold(), stamp, stamp, stamp),
        )
    conn.close()
    col = Collection.open(path, now=T0, tz=TZ)
    assert storage.schema_version(col.conn, COMPONENT) == 3
    fronts = {c.front for c in col.cards(search="") if c.source == "user"}
    assert fronts == {"Zerowidth", "Zero\u200bwidth", "Cafe\u0301 rate"}  # nothing merged
    with pytest.raises(CardTextError, match="already"):
        col.add_card("Caf\u00e9 RATE", "composed")  # the decomposed card's key was rebuilt
    with pytest.raises(CardTextError, match="already"):
        col.add_card("Zero\u2060width", "another lookalike")
    col.close()
