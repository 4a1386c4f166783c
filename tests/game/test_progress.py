"""Saved progress: the shared database, the event log schema, unlocks and recovery."""

from __future__ import annotations

from gdgame.game.progress import ProgressStore
from gdgame.storage import schema_version


def test_event_table_has_the_agreed_schema(tmp_path):
    store = ProgressStore.open(tmp_path / "gdgame.sqlite3")
    columns = store.conn.execute("PRAGMA table_info(hike_events)").fetchall()
    described = [(c["name"], c["type"], bool(c["notnull"]), bool(c["pk"])) for c in columns]
    assert described == [
        ("id", "INTEGER", False, True),
        ("time", "TEXT", True, False),
        ("level_id", "TEXT", True, False),
        ("step", "INTEGER", True, False),
        ("lr", "REAL", True, False),
        ("kind", "TEXT", True, False),
    ]
    assert schema_version(store.conn, "game") == 1
    mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode.lower() == "wal"
    store.close()


def test_steps_results_and_unlocks_persist(tmp_path):
    path = tmp_path / "gdgame.sqlite3"
    store = ProgressStore.open(path)
    store.record_step("gentle-bowl", 1, 0.5, "descent")
    store.record_step("gentle-bowl", 2, 5.0, "divergence")
    store.record_result("gentle-bowl", stars=2, score=700, unlocks="steep-bowl")
    store.record_result("gentle-bowl", stars=1, score=900)
    store.close()
    again = ProgressStore.open(path)
    assert again.recovery is None
    events = again.events("gentle-bowl")
    assert [(e["step"], e["lr"], e["kind"]) for e in events] == [
        (1, 0.5, "descent"),
        (2, 5.0, "divergence"),
    ]
    assert events[0]["time"].endswith("Z") and "T" in events[0]["time"]
    best = again.level("gentle-bowl")
    assert (best.stars, best.best_score, best.wins) == (2, 900, 2)
    assert again.unlocked() == {"gentle-bowl", "steep-bowl"}
    assert again.total_stars() == 2
    assert again.level("plateau").stars == 0
    again.close()


def test_unknown_kind_is_refused(tmp_path):
    import pytest

    store = ProgressStore.open(tmp_path / "db.sqlite3")
    with pytest.raises(ValueError):
        store.record_step("x", 1, 0.1, "teleport")
    store.close()


def test_a_corrupt_file_is_moved_aside_and_replaced(tmp_path):
    path = tmp_path / "gdgame.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = ProgressStore.open(path)
    assert store.recovery is not None
    assert "fresh" in store.recovery.message()
    assert store.recovery.moved_to.exists()
    store.record_step("gentle-bowl", 1, 0.5, "won")
    assert len(store.events()) == 1
    store.close()
