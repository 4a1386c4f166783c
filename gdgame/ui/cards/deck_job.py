"""Import or export a deck file on a worker thread (big files take a second or two).

The worker opens its own connection to the database (SQLite connections belong to one
thread), runs the same code as ``gdgame deck``, and reports back only through signals.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from gdgame.storage import DatabaseError
from gdgame.study import Collection, GlossaryError
from gdgame.study.deck_cli import run_export, run_import
from gdgame.study.exporter import ExportError
from gdgame.study.importer import DeckFileError

log = logging.getLogger("gdgame")


class DeckJob(QThread):
    """``DeckJob("import" | "export", database, backups_dir, file)``; call ``start()``."""

    succeeded = Signal(str)  # summary line
    failed = Signal(str)  # message for the user

    def __init__(self, action: str, database: Path, backups_dir: Path, file: str, parent=None):
        super().__init__(parent)
        if action not in ("import", "export"):
            raise ValueError(f"unknown deck action {action!r}")
        self.action = action
        self.database = database
        self.backups_dir = backups_dir
        self.file = file

    def run(self) -> None:
        name = Path(self.file).name
        try:
            with Collection.open(self.database, backups_dir=self.backups_dir) as col:
                if self.action == "import":
                    summary = run_import(col, self.file)
                else:
                    summary = run_export(col, self.file)
        except (DeckFileError, ExportError) as exc:
            self.failed.emit(f"{name}: {exc}")
        except (DatabaseError, GlossaryError, sqlite3.Error, OSError) as exc:
            log.warning("deck %s failed: %s", self.action, exc)
            self.failed.emit(f"Your cards could not be opened to {self.action} {name}: {exc}")
        except Exception:  # never leave the screen waiting; details go to the log
            log.exception("deck %s of %s failed", self.action, self.file)
            self.failed.emit(f"Something went wrong with {name}; see the log for details.")
        else:
            self.succeeded.emit(summary)
