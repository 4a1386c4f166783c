"""``gdgame db check`` / ``gdgame db recover``: look after the saved-data file (no Qt).

``check`` only reads (it works on a read-only folder too). Besides SQLite's own check it
runs what the screens need: every table and column of each part's schema version, versions
that are positive whole numbers no newer than ours, dates in the card and review tables
that parse, whole numbers in the Hike progress. ``recover`` does what the app does at
start when the file is damaged: it keeps the damaged file under another name and starts a
fresh one; a file that passes the check is never touched (nor one from a newer gdgame).
Exit codes: 0 fine or recovered, 1 damaged (check) or could not recover, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from gdgame import paths, storage
from gdgame.study.db_health import SHOWN, newer_part, problems

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
LOCK_NAME = "gdgame.lock"  # written by the app (QLockFile: pid, app name, host name)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdgame db", description="Check or recover the saved-data file."
    )
    parser.add_argument("--data-dir", metavar="DIR", help="use this data folder")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, text in (
        ("check", "say whether the saved data can be read (changes nothing)"),
        ("recover", "if the saved data is damaged, keep it aside and start a fresh file"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir", help="data folder")
    return parser


def _read_lock(folder: Path) -> tuple[int, str] | None:
    """(process id, host) from the app's lock file; None if absent or unreadable.

    The app takes over a lock it cannot read (a power cut's leftover), so do we.
    """
    try:
        pid_text, _app, host = ((folder / LOCK_NAME).read_text() + "\n\n").split("\n")[:3]
        pid = int(pid_text)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return (pid, host) if pid > 0 else None


def app_running_in(folder: Path) -> int | None:
    """The process id of a gdgame using ``folder`` on this machine, if any (POSIX only)."""
    lock = _read_lock(folder)
    if lock is None or os.name == "nt" or (lock[1] and lock[1] != socket.gethostname()):
        return None
    try:
        os.kill(lock[0], 0)
    except ProcessLookupError:
        return None  # a lock left by a gdgame that crashed
    except OSError:
        pass  # the process exists but belongs to someone else
    return lock[0]


def other_computer_using(folder: Path) -> str | None:
    """The host name of another computer whose gdgame holds ``folder`` (a synced folder)."""
    lock = _read_lock(folder)
    if lock is None or not lock[1] or lock[1] == socket.gethostname():
        return None
    return lock[1]


def _examine(database: Path) -> tuple[str | None, list[str]]:
    """(newer part, problems) of a database that SQLite can read; raises if it cannot."""
    conn = storage.read_only_copy(database)
    try:
        return newer_part(conn), problems(conn)
    finally:
        conn.close()


def _cannot_use(database: Path, found: list[str]) -> str:
    return (
        f"the saved data in {database} cannot be used by gdgame: {'; '.join(found[:SHOWN])}. "
        "Nothing was changed. Run 'gdgame db recover' to keep this file aside under "
        "another name and start a fresh one."
    )


def _newer(database: Path, part: str) -> str:
    return (
        f"gdgame db: error: the saved data in {database} is from a newer gdgame ({part}). "
        "Nothing was changed: please update gdgame to use it."
    )


def check(database: Path) -> int:
    if not database.exists():
        print(f"There is no saved data in {database.parent} yet.")
        return EXIT_OK
    newer, found = _examine(database)
    if newer is not None:
        print(_newer(database, newer), file=sys.stderr)
        return EXIT_FAILURE
    if found:
        print(f"gdgame db: error: {_cannot_use(database, found)}", file=sys.stderr)
        return EXIT_FAILURE
    print(f"The saved data in {database} reads fine.")
    return EXIT_OK


def recover(database: Path) -> int:
    if not database.exists():
        print(f"There is no saved data in {database.parent} yet: nothing to recover.")
        return EXIT_OK
    running = app_running_in(database.parent)
    if running is not None:
        print(
            f"gdgame db: error: gdgame (process {running}) is using {database.parent}; "
            "close it first (it recovers a damaged file itself when it starts).",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    host = other_computer_using(database.parent)
    if host is not None:
        print(
            f'gdgame db: error: gdgame on the computer "{host}" is using {database.parent}; '
            f'close it there first. If gdgame is not running on "{host}", delete '
            f"{database.parent / LOCK_NAME} and run this again.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    try:
        newer, found = _examine(database)
    except storage.DamagedDatabase:
        recovery = None  # SQLite cannot read it: open_database sets it aside
    else:
        if newer is not None:
            print(_newer(database, newer), file=sys.stderr)
            return EXIT_FAILURE
        if not found:
            print(f"The saved data in {database} reads fine: nothing to recover.")
            return EXIT_OK
        recovery = storage.set_aside(database, "; ".join(found[:SHOWN]))
    conn, reopened = storage.open_database(database)
    recovery = recovery or reopened
    conn.close()
    print(recovery.message() if recovery else f"The saved data in {database} reads fine now.")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; ``argv`` is what follows ``gdgame db``."""
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return EXIT_OK if exc.code in (0, None) else EXIT_USAGE
    folder = args.sub_data_dir if args.sub_data_dir is not None else args.data_dir
    try:
        database = paths.resolve(folder).database
    except paths.DataDirError as exc:
        print(f"gdgame db: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return check(database) if args.command == "check" else recover(database)
    except storage.DatabaseError as exc:
        print(f"gdgame db: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:  # e.g. a folder name too long for the file system
        print(
            f"gdgame db: error: cannot use {database.parent}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
