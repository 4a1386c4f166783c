"""Whether the saved data holds what the screens need, beyond SQLite's own check (no Qt).

Used by ``gdgame db check`` / ``db recover`` and by the app at start, so all three agree:
every table and column of each part's schema version, versions no newer than ours, dates
in the card and review tables that parse, whole numbers in the Hike progress.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from gdgame import storage
from gdgame.game import progress
from gdgame.study import schema

COMPONENTS = ((schema.COMPONENT, schema.MIGRATIONS), (progress.COMPONENT, progress.MIGRATIONS))
DATE_COLUMNS = {
    "study_cards": ("due", "last_review", "buried_until", "created", "modified"),
    "study_reviews": ("time",),
}
WHOLE_NUMBER_COLUMNS = {"hike_progress": ("stars", "best_score", "wins")}
SHOWN = 3  # problems named in one message


def _tables(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {n: {c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')} for n in names}


def _expected_tables(migrations: Sequence[storage.Migration], version: int) -> dict:
    """The tables and columns a part's first ``version`` migrations make (built in memory)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        memory.execute("CREATE TABLE schema_versions(component TEXT PRIMARY KEY, version INT)")
        storage.migrate(memory, "probe", migrations[:version])
        return {n: c for n, c in _tables(memory).items() if n != "schema_versions"}
    finally:
        memory.close()


def newer_part(conn: sqlite3.Connection) -> str | None:
    """Which part of the saved data a newer gdgame wrote, if any (not damage: update)."""
    for component, migrations in COMPONENTS:
        version = storage.schema_version(conn, component)
        if version > len(migrations):
            return (
                f"its {component!r} part is version {version}; this gdgame knows {len(migrations)}"
            )
    return None


def problems(conn: sqlite3.Connection) -> list[str]:
    """What would stop the screens from using this database, in plain words (first ones)."""
    found: list[str] = []
    tables = _tables(conn)
    for component, migrations in COMPONENTS:
        version = storage.schema_version(conn, component)
        if version == 0 or version > len(migrations):
            continue  # a part not used yet is made on first use; newer: see newer_part
        for table, columns in _expected_tables(migrations, version).items():
            if table not in tables:
                found.append(f"the table {table} is missing")
            elif missing := sorted(columns - tables[table]):
                found.append(f"the table {table} lacks the column(s) {', '.join(missing)}")
    for table, columns in DATE_COLUMNS.items():
        for column in (c for c in columns if c in tables.get(table, ())):
            rows = conn.execute(f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL")
            for rowid, value in rows:
                try:
                    schema.parse_iso(value)
                except (TypeError, ValueError):
                    found.append(f"row {rowid} of {table} has the {column} {value!r}, not a date")
                    break
    for table, columns in WHOLE_NUMBER_COLUMNS.items():
        for column in (c for c in columns if c in tables.get(table, ())):
            row = conn.execute(
                f"SELECT rowid, {column} FROM {table} WHERE typeof({column}) != 'integer' LIMIT 1"
            ).fetchone()
            if row is not None:
                found.append(f"row {row[0]} of {table} has the {column} {row[1]!r}, not a number")
    return found
