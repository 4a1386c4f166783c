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
        ("undone", "INTEGER", True, False),
        ("rules", "INTEGER", True, False),
    ]
    assert schema_version(store.conn, "game") == 3
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
    assert again.unlocked() == {"gentle-bowl", "steep-bowl", "overshoot-zone"}
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


def test_an_undone_step_stays_in_the_log_but_is_marked(tmp_path):
    store = ProgressStore.open(tmp_path / "db.sqlite3")
    kept = store.record_step("steep-bowl", 1, 0.02, "descent")
    undone = store.record_step("steep-bowl", 2, 0.5, "divergence")
    assert undone > kept
    store.mark_undone(undone)
    rows = store.events("steep-bowl")
    assert [(r["kind"], r["undone"], r["rules"]) for r in rows] == [
        ("descent", 0, 2),
        ("divergence", 1, 2),
    ]
    store.close()


def test_a_log_from_the_old_rules_is_migrated(tmp_path):
    """Version 1 logs (any rise in loss was a divergence) keep their rows, marked rules 1;
    levels after every won level open in the new campaign order."""
    import sqlite3

    from gdgame.game.progress import MIGRATIONS
    from gdgame.storage import migrate

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute(
        "CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
    )
    migrate(conn, "game", MIGRATIONS[:1])
    conn.execute(
        "INSERT INTO hike_events(time, level_id, step, lr, kind) VALUES"
        " ('2026-01-01T00:00:00Z', 'noisy-slope', 3, 0.6, 'divergence')"
    )
    conn.execute(
        "INSERT INTO hike_progress(level_id, stars, best_score, wins, updated) VALUES"
        " ('gentle-bowl', 3, 900, 1, '2026-01-01T00:00:00Z')"
    )
    conn.execute("INSERT INTO hike_unlocked VALUES ('steep-bowl', '2026-01-01T00:00:00Z')")
    conn.commit()
    conn.close()
    store = ProgressStore.open(path)
    [row] = store.events()
    assert (row["kind"], row["undone"], row["rules"]) == ("divergence", 0, 1)
    assert store.unlocked() == {"steep-bowl", "overshoot-zone"}
    store.close()


def test_a_new_level_after_a_won_one_is_open_without_a_migration(tmp_path):
    from gdgame.ids import CAMPAIGN_LEVELS

    store = ProgressStore.open(tmp_path / "db.sqlite3")
    store.conn.execute(
        "INSERT INTO hike_progress(level_id, stars, best_score, wins, updated)"
        " VALUES ('first-2d-bowl', 2, 700, 1, '2026-01-01T00:00:00Z')"
    )
    after = CAMPAIGN_LEVELS[CAMPAIGN_LEVELS.index("first-2d-bowl") + 1]
    assert after in store.unlocked()
    assert CAMPAIGN_LEVELS[-1] not in store.unlocked()
    store.close()


def test_text_in_a_progress_number_is_skipped_with_a_log_line_not_a_crash(tmp_path, caplog):
    store = ProgressStore.open(tmp_path / "db.sqlite3")
    store.record_result("steep-bowl", stars=2, score=50)
    store.conn.execute(
        "INSERT INTO hike_progress(level_id, stars, best_score, wins, updated)"
        " VALUES ('endless-²', 'lots', 'x', 1, 'now')"
    )
    with caplog.at_level("WARNING", logger="gdgame.game"):
        levels = store.all_levels()
        damaged = store.level("endless-²")
    assert set(levels) == {"steep-bowl"} and levels["steep-bowl"].stars == 2
    assert damaged.stars == 0 and damaged.wins == 0
    assert "endless-²" in caplog.text and "unreadable" in caplog.text
    assert store.conn.execute("SELECT count(*) FROM hike_progress").fetchone()[0] == 2  # kept
    store.close()
