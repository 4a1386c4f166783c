"""The shared SQLite database: WAL, migrations per component, recovery and backups."""

from __future__ import annotations

import sqlite3

import pytest

from gdgame import storage


def test_open_creates_wal_database(tmp_path):
    conn, recovery = storage.open_database(tmp_path / "sub" / "db.sqlite3")
    assert recovery is None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_migrations_apply_once_per_component(tmp_path):
    path = tmp_path / "db.sqlite3"
    conn, _ = storage.open_database(path)
    game = ["CREATE TABLE a(x INTEGER)", "ALTER TABLE a ADD COLUMN y TEXT"]
    study = [lambda c: c.execute("CREATE TABLE b(z)")]
    assert storage.migrate(conn, "game", game) == 2
    assert storage.migrate(conn, "study", study) == 1
    conn.execute("INSERT INTO a(x, y) VALUES (1, 'one')")
    conn.close()
    conn, _ = storage.open_database(path)
    assert storage.migrate(conn, "game", game) == 2  # nothing re-applied
    assert conn.execute("SELECT y FROM a").fetchone()[0] == "one"
    assert storage.schema_version(conn, "study") == 1
    conn.close()


def test_failed_migration_rolls_back(tmp_path):
    conn, _ = storage.open_database(tmp_path / "db.sqlite3")
    with pytest.raises(sqlite3.OperationalError):
        storage.migrate(conn, "game", ["CREATE TABLE ok(x)", "CREATE TABLE broken(("])
    assert storage.schema_version(conn, "game") == 1
    conn.close()


def test_database_from_newer_app_is_refused(tmp_path):
    conn, _ = storage.open_database(tmp_path / "db.sqlite3")
    storage.migrate(conn, "game", ["CREATE TABLE a(x)", "CREATE TABLE b(x)"])
    with pytest.raises(storage.DatabaseError, match="newer gdgame"):
        storage.migrate(conn, "game", ["CREATE TABLE a(x)"])
    conn.close()


@pytest.mark.parametrize(
    "junk",
    [b"not a database at all" * 100, b"\x00" * 4096, b"SQLite format 3\x00" + b"\xff" * 5000],
)
def test_corrupt_file_is_moved_aside_and_replaced(tmp_path, junk):
    path = tmp_path / "db.sqlite3"
    path.write_bytes(junk)
    conn, recovery = storage.open_database(path)
    assert recovery is not None
    assert recovery.moved_to.read_bytes() == junk  # the user's file is kept untouched
    assert "fresh" in recovery.message()
    storage.migrate(conn, "game", ["CREATE TABLE a(x)"])
    conn.close()


def test_transaction_commits_or_rolls_back(tmp_path):
    conn, _ = storage.open_database(tmp_path / "db.sqlite3")
    conn.execute("CREATE TABLE t(x)")
    with storage.transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(ValueError), storage.transaction(conn):
        conn.execute("INSERT INTO t VALUES (2)")
        raise ValueError("abort")
    assert [r[0] for r in conn.execute("SELECT x FROM t")] == [1]
    conn.close()


def test_backups_rotate_keeping_newest(tmp_path):
    conn, _ = storage.open_database(tmp_path / "db.sqlite3")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (42)")
    made = [storage.backup(conn, tmp_path / "backups", keep=3) for _ in range(5)]
    kept = sorted((tmp_path / "backups").glob("*.sqlite3"))
    assert kept == sorted(made[-3:])
    copy = sqlite3.connect(kept[-1])
    assert copy.execute("SELECT x FROM t").fetchone()[0] == 42
    copy.close()
    conn.close()


def test_locked_database_is_reported_not_moved_aside(tmp_path, monkeypatch):
    path = tmp_path / "db.sqlite3"
    conn, _ = storage.open_database(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES (7)")
    conn.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # so that a reader can be locked out
    holder.execute("BEGIN EXCLUSIVE")
    original = storage._connect

    def impatient(p):
        c = original(p)
        c.execute("PRAGMA busy_timeout = 50")
        return c

    monkeypatch.setattr(storage, "_connect", impatient)
    try:
        with pytest.raises(storage.DatabaseError, match="locked"):
            storage.open_database(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert path.exists()
    assert not list(tmp_path.glob("*.corrupt-*"))
    conn, recovery = storage.open_database(path)
    assert recovery is None
    assert conn.execute("SELECT x FROM t").fetchone()[0] == 7
    conn.close()


def _with_version(tmp_path, version):
    path = tmp_path / "db.sqlite3"
    conn, _ = storage.open_database(path)
    storage.migrate(conn, "game", ["CREATE TABLE a(x INTEGER)", "ALTER TABLE a ADD COLUMN y"])
    conn.execute("INSERT INTO a(x) VALUES (7)")
    conn.execute("UPDATE schema_versions SET version = ? WHERE component = 'game'", (version,))
    conn.close()
    return path


@pytest.mark.parametrize("version", ["abc", -5, 0, 1.5])
def test_an_unreadable_schema_version_is_damage_never_a_rerun_of_old_migrations(tmp_path, version):
    path = _with_version(tmp_path, version)
    before = path.read_bytes()
    with pytest.raises(storage.DamagedDatabase) as caught:
        storage.open_database(path, recover=False)
    assert "not a positive whole number" in str(caught.value)
    assert "gdgame db recover" in str(caught.value)
    with pytest.raises(storage.DamagedDatabase):
        storage.read_only_copy(path)
    assert path.read_bytes() == before  # nothing changed, nothing re-run
    conn, recovery = storage.open_database(path)  # the app: set aside, start fresh
    assert recovery is not None and recovery.moved_to.read_bytes() == before
    assert conn.execute("SELECT count(*) FROM schema_versions").fetchone()[0] == 0
    conn.close()


def test_schema_version_refuses_a_junk_row_on_any_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE schema_versions(component TEXT PRIMARY KEY, version)")
    conn.execute("INSERT INTO schema_versions VALUES ('game', 'abc')")
    with pytest.raises(storage.DatabaseError, match="damaged"):
        storage.migrate(conn, "game", ["CREATE TABLE a(x)"])
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'a'").fetchone()[0] == 0
