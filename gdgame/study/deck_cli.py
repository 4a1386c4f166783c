"""``gdgame deck import FILE`` / ``gdgame deck export FILE`` (no Qt).

Run as ``python -m gdgame.study.deck_cli export deck.apkg`` or through ``gdgame deck``.
Exit codes: 0 done, 2 bad input (the message says what and where; the collection is
left exactly as it was), 1 the data folder or database could not be used.

``export`` only reads: it works on a read-only copy (:meth:`Collection.open_read_only`),
so it also runs on a read-only data folder and never changes, moves or replaces the
database. Neither command repairs a damaged database: they exit 1 and say how to
recover (start the app, or ``gdgame db recover``).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence

from gdgame import paths, storage
from gdgame.study.collection import Collection
from gdgame.study.editing import CardTextError
from gdgame.study.exporter import EXPORT_FORMATS, ExportError, export_cards
from gdgame.study.filework import FILE_TIMEOUT, FileTimeout, with_timeout
from gdgame.study.importer import DeckFileError, read_deck_file
from gdgame.study.model import Card, DamagedCard

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdgame deck", description="Import or export the flashcard deck."
    )
    parser.add_argument("--data-dir", metavar="DIR", help="use this data folder")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    export = commands.add_parser(
        "export", help=f"write every card to FILE ({', '.join(EXPORT_FORMATS)}, by extension)"
    )
    export.add_argument("file", metavar="FILE")
    export.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir", help="data folder")
    imported = commands.add_parser(
        "import", help="add or update cards from FILE (.csv or .tsv: front,back)"
    )
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--data-dir", metavar="DIR", dest="sub_data_dir", help="data folder")
    imported.add_argument(
        "--keep-mine",
        action="store_true",
        help="leave your cards that FILE has with another back as they are (default: update)",
    )
    return parser


def _error(message: str) -> None:
    print(f"gdgame deck: error: {message}", file=sys.stderr)


def run_import(
    col: Collection,
    file: str,
    pairs: list[tuple[str, str]] | None = None,
    update_existing: bool = True,
) -> str:
    """Import FILE into ``col`` in one transaction; returns the summary line."""
    pairs = read_deck_file(file) if pairs is None else pairs
    try:
        result = col.import_cards(pairs, update_existing=update_existing)
    except CardTextError as exc:
        raise DeckFileError(str(exc)) from exc
    rows = f"{len(pairs)} row" + ("" if len(pairs) == 1 else "s")
    return f"Read {rows} from {file}: {result.summary()}."


def run_export(
    cards: Sequence[Card], file: str, keep_going: Callable[[], bool] = lambda: True
) -> str:
    """Write ``cards`` to FILE (any thread); returns the summary line."""
    count = export_cards(cards, file, keep_going=keep_going)
    return f"Exported {count} cards to {file}."


def _export_in_time(cards: Sequence[Card], file: str) -> str:
    stop = threading.Event()
    try:
        return with_timeout(
            lambda: run_export(cards, file, lambda: not stop.is_set()),
            FILE_TIMEOUT,
            f"writing {file}",
        )
    except FileTimeout:
        stop.set()  # should the drive answer later, the file is not put in place
        raise


def main(argv: Sequence[str] | None = None, data_dir: str | None = None) -> int:
    """Entry point; ``argv`` is what follows ``gdgame deck``. Never raises for bad input."""
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # argparse printed usage or help
        return EXIT_OK if exc.code in (0, None) else EXIT_BAD_INPUT
    folder = next((f for f in (args.sub_data_dir, args.data_dir, data_dir) if f is not None), None)
    try:
        # Check the whole file before the database is even opened.
        pairs = (
            with_timeout(lambda: read_deck_file(args.file), FILE_TIMEOUT, f"reading {args.file}")
            if args.command == "import"
            else None
        )
        app_paths = paths.resolve(folder)
        if pairs is None:
            with Collection.open_read_only(app_paths.database) as col:
                cards = col.cards()
            print(_export_in_time(cards, args.file))
        else:
            with Collection.open(
                app_paths.database, backups_dir=app_paths.backups_dir, recover=False
            ) as col:
                print(run_import(col, args.file, pairs, update_existing=not args.keep_mine))
    except paths.DataDirError as exc:
        _error(str(exc))
        return EXIT_BAD_INPUT
    except DamagedCard as exc:
        _error(
            f"{exc}; nothing was written. Run 'gdgame db check' to see what is damaged; "
            "'gdgame db recover' keeps the damaged file aside and starts a fresh one."
        )
        return EXIT_FAILURE
    except (DeckFileError, ExportError, FileTimeout) as exc:
        _error(f"{args.file}: {exc}")
        return EXIT_BAD_INPUT
    except (storage.DatabaseError, sqlite3.Error, OSError) as exc:
        _error(str(exc))
        return EXIT_FAILURE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
