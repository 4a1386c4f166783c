"""The app's one SQLite database: opening, recovery, migrations and backups (no Qt).

Game progress and study data share one file in the data folder. Each part of the app
owns a *component* with its own ordered list of migrations; the version reached is kept
in the ``schema_versions`` table, so parts can evolve independently.

A file that is not a readable SQLite database is moved aside (``<name>.corrupt-<stamp>``)
and a fresh one is created; the caller gets a :class:`Recovery` note to tell the user.
Only the app and ``gdgame db recover`` do that: commands that only read use
:func:`read_only_copy`, which never writes a byte to the folder, and on damage raise
:class:`DamagedDatabase` with a message saying how to recover.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

Migration = str | Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Recovery:
    """Set when a damaged database was moved aside and replaced."""

    moved_to: Path
    reason: str

    def message(self) -> str:
        return (
            "Your saved data could not be read, so gdgame started a fresh file. "
            f"The damaged file was kept as {self.moved_to.name} ({self.reason}). "
            "Automatic backups of earlier days, if any, are in the 'backups' folder beside it."
        )


class DatabaseError(RuntimeError):
    """The database could not be opened or recovered (e.g. the folder is read-only)."""


RECOVERY_HINT = (
    "To recover, start gdgame (it keeps the damaged file under another name, starts a "
    "fresh one and tells you where the copy is), or run 'gdgame db recover'."
)


class DamagedDatabase(DatabaseError):
    """The file is not a readable SQLite database and was left exactly as it was."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(
            f"the saved data in {path} is damaged ({reason}); nothing was changed. " + RECOVERY_HINT
        )


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


_SCHEMA_VERSIONS = (
    "CREATE TABLE IF NOT EXISTS schema_versions ("
    " component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
)


def version_problem(conn: sqlite3.Connection) -> str | None:
    """A plain-words reason if a recorded schema version is not a positive whole number.

    Such a row cannot come from gdgame; trusting it would re-run old migrations (0 or
    less) or crash, so the file is treated as damaged.
    """
    try:
        row = conn.execute(
            "SELECT component, version FROM schema_versions"
            " WHERE typeof(version) != 'integer' OR version <= 0 LIMIT 1"
        ).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc).lower():
            return None
        raise
    if row is None:
        return None
    return f"the version of its {row[0]!r} part is {row[1]!r}, not a positive whole number"


def _check(conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {result}")
    problem = version_problem(conn)
    if problem is not None:
        raise sqlite3.DatabaseError(problem)
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.DatabaseError(f"could not switch to WAL (got {mode})")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(_SCHEMA_VERSIONS)


def _move_aside(path: Path) -> Path:
    target = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(target.with_name(target.name + suffix))
    return target


def _is_damage(exc: sqlite3.OperationalError) -> bool:
    """Some damage surfaces as OperationalError (e.g. a broken WAL or schema)."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def set_aside(path: str | Path, reason: str) -> Recovery:
    """Keep a file gdgame cannot use under another name (``gdgame db recover``)."""
    return _recover(Path(path), reason)


def _recover(path: Path, exc: Exception | str) -> Recovery:
    try:
        return Recovery(moved_to=_move_aside(path), reason=str(exc))
    except OSError as move_error:
        raise DatabaseError(
            f"{path} looks damaged ({exc}) and could not be moved aside: {move_error}"
        ) from move_error


def open_database(
    path: str | Path, *, recover: bool = True
) -> tuple[sqlite3.Connection, Recovery | None]:
    """Open (or create) the database in WAL mode, recovering from a damaged file.

    Connections use autocommit (``isolation_level=None``); group writes with
    :func:`transaction`. With ``recover=False`` a damaged file raises
    :class:`DamagedDatabase` and is left where it is.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the data folder {path.parent}: {exc}") from exc
    recovery = None
    conn = None
    try:
        conn = _connect(path)
        _check(conn)
        return conn, None
    except sqlite3.OperationalError as exc:
        # Locked, read-only, out of disk, I/O trouble: the file itself may be fine, so it is
        # never moved aside for these (a damaged file raises DatabaseError instead).
        if conn is not None:
            conn.close()
        if "readonly" in str(exc).lower():
            raise DatabaseError(
                f"cannot save in {path.parent}: the folder or the database is read-only ({exc})"
            ) from exc
        if not _is_damage(exc):
            raise DatabaseError(f"cannot open {path}: {exc}") from exc
        if not recover:
            raise DamagedDatabase(path, str(exc)) from exc
        recovery = _recover(path, exc)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if not path.exists():
            raise DatabaseError(f"cannot open {path}: {exc}") from exc
        if not recover:
            raise DamagedDatabase(path, str(exc)) from exc
        recovery = _recover(path, exc)
    try:
        conn = _connect(path)
        _check(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"cannot create a fresh database at {path}: {exc}") from exc
    return conn, recovery


def _memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _copy_checked(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    result = source.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise sqlite3.DatabaseError(f"integrity check failed: {result}")
    source.backup(target)


def _copy_read_only(path: Path, target: sqlite3.Connection) -> None:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    source = sqlite3.connect(uri, uri=True, timeout=10.0, isolation_level=None)
    try:
        source.execute("PRAGMA busy_timeout = 10000")
        _copy_checked(source, target)
    finally:
        source.close()


def _copy_through_temporary_file(path: Path, target: sqlite3.Connection) -> None:
    """Read a private copy of the file (and its write-ahead log) in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="gdgame-read-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        wal = path.with_name(path.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        source = sqlite3.connect(copy, timeout=10.0, isolation_level=None)
        try:
            _copy_checked(source, target)
        finally:
            source.close()


def read_only_copy(path: str | Path) -> sqlite3.Connection:
    """An in-memory copy of the database at ``path`` for code that only reads it.

    Nothing is ever written to the file or its folder: it is opened with SQLite's
    ``mode=ro``; where SQLite cannot read a WAL database that way (a read-only folder
    without the ``-shm`` index), a private temporary copy is read instead. A missing file
    gives an empty database. Changes to the returned connection are never saved.
    Raises :class:`DamagedDatabase` for a damaged file, :class:`DatabaseError` otherwise.
    """
    path = Path(path)
    memory = _memory()
    try:
        if path.exists():
            _fill_from(path, memory)
        problem = version_problem(memory)
        if problem is not None:
            raise DamagedDatabase(path, problem)
        memory.execute(_SCHEMA_VERSIONS)
    except BaseException:
        memory.close()
        raise
    return memory


def _fill_from(path: Path, memory: sqlite3.Connection) -> None:
    if not path.is_file():
        raise DatabaseError(f"{path} is not a database file")
    try:
        try:
            _copy_read_only(path, memory)
        except sqlite3.OperationalError as exc:
            if _is_damage(exc):
                raise
            _copy_through_temporary_file(path, memory)
    except sqlite3.OperationalError as exc:
        if _is_damage(exc):
            raise DamagedDatabase(path, str(exc)) from exc
        raise DatabaseError(f"cannot read {path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(path, str(exc)) from exc
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror or exc}") from exc


class transaction:
    """``with transaction(conn):`` runs the block in BEGIN IMMEDIATE ... COMMIT."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        return False


def schema_version(conn: sqlite3.Connection, component: str) -> int:
    row = conn.execute(
        "SELECT version FROM schema_versions WHERE component = ?", (component,)
    ).fetchone()
    if row is None:
        return 0
    if not isinstance(row[0], int) or row[0] <= 0:  # never re-run old migrations on it
        raise DatabaseError(
            f"the saved data is damaged: the version of its {component!r} part is {row[0]!r}. "
            + RECOVERY_HINT
        )
    return row[0]


def migrate(conn: sqlite3.Connection, component: str, migrations: Sequence[Migration]) -> int:
    """Apply the migrations of ``component`` not yet applied, each in its own transaction.

    ``migrations[i]`` brings the component from version ``i`` to ``i + 1``. A database
    written by a newer gdgame (higher version than we know) is refused rather than damaged.
    """
    current = schema_version(conn, component)
    if current > len(migrations):
        raise DatabaseError(
            f"the saved data ({component} v{current}) comes from a newer gdgame; "
            "please update the app"
        )
    for version in range(current, len(migrations)):
        step = migrations[version]
        with transaction(conn):
            if callable(step):
                step(conn)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_versions(component, version) VALUES (?, ?)"
                " ON CONFLICT(component) DO UPDATE SET version = excluded.version",
                (component, version + 1),
            )
    return len(migrations)


def backup(conn: sqlite3.Connection, backups_dir: str | Path, keep: int = 10) -> Path:
    """Write a consistent copy with SQLite's backup API and keep the newest ``keep``."""
    backups_dir = Path(backups_dir)
    backups_dir.mkdir(parents=True, exist_ok=True)
    target = backups_dir / f"gdgame-{_stamp()}.sqlite3"
    destination = sqlite3.connect(target)
    try:
        conn.backup(destination)
    finally:
        destination.close()
    existing = sorted(backups_dir.glob("gdgame-*.sqlite3"))
    for old in existing[: max(0, len(existing) - keep)]:
        old.unlink(missing_ok=True)
    return target
