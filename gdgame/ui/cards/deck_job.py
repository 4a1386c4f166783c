"""Import or export a deck file on a worker thread, never blocking the window.

The worker opens its own connection to the database (SQLite connections belong to one
thread), runs the same code as ``gdgame deck``, and reports back only through signals.
A file on a drive that stops answering can block a read or write for ever, and no flag
can interrupt that, so the worker is a daemon thread the screen may *abandon*:
:meth:`DeckJob.cancel` makes sure an import that has not reached the database never
writes to it, and an export never puts its file in place; nothing is emitted after it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gdgame.storage import DatabaseError
from gdgame.study import CardTextError, Collection, GlossaryError
from gdgame.study.deck_cli import run_export, run_import
from gdgame.study.exporter import ExportCancelled, ExportError
from gdgame.study.importer import DeckFileError, read_deck_file

log = logging.getLogger("gdgame")


class DeckJob(QObject):
    """``DeckJob("import" | "export", database, backups_dir, file)``; call ``start()``.

    Has no Qt parent on purpose: the running thread keeps it alive even after the screen
    that started it is gone.
    """

    succeeded = Signal(str)  # summary line
    failed = Signal(str)  # message for the user
    clashes_found = Signal(list)  # fronts of cards the import would change; nothing written

    def __init__(
        self,
        action: str,
        database: Path,
        backups_dir: Path,
        file: str,
        update_existing: bool | None = None,
    ):
        """``update_existing`` (import): None asks first (``clashes_found``) when the file
        would change cards you have; True updates them; False keeps them as they are."""
        super().__init__()
        if action not in ("import", "export"):
            raise ValueError(f"unknown deck action {action!r}")
        self.update_existing = update_existing
        self.action = action
        self.database = database
        self.backups_dir = backups_dir
        self.file = file
        self._lock = threading.Lock()
        self._cancelled = False
        self._committing = False
        self._thread = threading.Thread(target=self._run, name=f"gdgame-deck-{action}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    @property
    def writing(self) -> bool:
        """An import has read its file and is writing to the database (not cancellable)."""
        with self._lock:
            return self._committing

    def wait(self, seconds: float) -> bool:
        """Wait at most ``seconds``; True if the worker has finished."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def cancel(self) -> bool:
        """Stop caring about the result. True if the job will change nothing from now on;
        False if an import is already writing its (all-or-nothing) transaction."""
        with self._lock:
            if self._committing:
                return False
            self._cancelled = True
            return True

    def _keep_going(self) -> bool:
        with self._lock:
            return not self._cancelled

    def _begin_commit(self) -> bool:
        with self._lock:
            self._committing = not self._cancelled
            return self._committing

    def _report(self, ok: bool, text: str) -> None:
        if self._keep_going():
            (self.succeeded if ok else self.failed).emit(text)

    def _run(self) -> None:
        name = Path(self.file).name
        try:
            summary = self._work()
        except ExportCancelled:
            return
        except (DeckFileError, ExportError) as exc:
            self._report(False, f"{name}: {exc}")
        except (DatabaseError, GlossaryError, sqlite3.Error, OSError) as exc:
            log.warning("deck %s failed: %s", self.action, exc)
            self._report(False, f"Your cards could not be opened to {self.action} {name}: {exc}")
        except Exception:  # never leave the screen waiting; details go to the log
            log.exception("deck %s of %s failed", self.action, self.file)
            self._report(False, f"Something went wrong with {name}; see the log for details.")
        else:
            if summary is not None:
                self._report(True, summary)

    def _work(self) -> str | None:
        if self.action == "export":
            with Collection.open_read_only(self.database) as col:
                cards = col.cards()
            return run_export(cards, self.file, keep_going=self._keep_going)
        pairs = read_deck_file(self.file)  # may block on a drive that does not answer
        if self.update_existing is None:
            with Collection.open_read_only(self.database) as col:
                try:
                    clashes = col.import_clashes(pairs)
                except CardTextError as exc:
                    raise DeckFileError(str(exc)) from exc
            if clashes:
                if self._keep_going():
                    self.clashes_found.emit(clashes)
                return None
        if not self._begin_commit():
            return None
        update = self.update_existing is not False  # None: nothing to ask about
        with Collection.open(self.database, backups_dir=self.backups_dir, recover=False) as col:
            return run_import(col, self.file, pairs, update_existing=update)
