"""Where gdgame keeps user data, logs and settings (no Qt).

``--data-dir DIR`` or the ``GDGAME_DATA_DIR`` environment variable moves *everything*
the app writes (database, backups, logs, settings) under one folder; otherwise the
platformdirs folders for the current user are used.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "gdgame"
ENV_DATA_DIR = "GDGAME_DATA_DIR"
DATABASE_NAME = "gdgame.sqlite3"
TEMPORARY_PREFIX = "gdgame-unsaved-"


class DataDirError(ValueError):
    """The data folder given cannot be used at all (e.g. an empty name)."""


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_NAME

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "gdgame.log"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.log_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    def write_problem(self) -> str | None:
        """None if gdgame can save here; else a short reason (e.g. a read-only folder).

        Creates the folders and a throw-away file in each, and opens the database file
        (if there is one) for writing without changing it.
        """
        try:
            for folder in (self.data_dir, self.log_dir, self.config_dir):
                if folder.exists() and not folder.is_dir():
                    return f"Not a folder but a file: {folder}"
            self.ensure()
        except OSError as exc:
            return f"{exc.strerror or exc}: {exc.filename or self.data_dir}"
        where = self.data_dir
        try:
            for where in (self.data_dir, self.log_dir, self.config_dir):
                with tempfile.TemporaryFile(dir=where, prefix=".gdgame-write-test-"):
                    pass
            for where in (self.database, self.config_dir / "gdgame.ini"):
                if where.exists():
                    with where.open("r+b"):
                        pass
        except OSError as exc:
            return f"{exc.strerror or exc}: {where}"
        return None

    def temporary_copy(self) -> AppPaths:
        """A fresh temporary data folder holding a copy of whatever can be read here.

        Used to run without saving when the real folder is read-only: the user keeps
        their progress, settings and window layout for this session, and nothing is lost.
        """
        base = Path(tempfile.mkdtemp(prefix=TEMPORARY_PREFIX))
        copy = AppPaths(data_dir=base, log_dir=base / "logs", config_dir=base / "config")
        copy.ensure()
        pairs = [(self.config_dir / "gdgame.ini", copy.config_dir / "gdgame.ini")]
        pairs += [
            (self.data_dir / (DATABASE_NAME + suffix), base / (DATABASE_NAME + suffix))
            for suffix in ("", "-wal")
        ]
        for source, target in pairs:
            try:
                if source.is_file():
                    shutil.copyfile(source, target)
            except OSError:
                pass  # unreadable too: start that part fresh
        return copy

    def discard_temporary_copy(self) -> None:
        """Delete a :meth:`temporary_copy` after the session, keeping only its log."""
        if not self.data_dir.name.startswith(TEMPORARY_PREFIX):
            raise ValueError(f"{self.data_dir} is not a temporary copy")
        for item in self.data_dir.iterdir():
            if item == self.log_dir:
                continue
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Resolve the folders: explicit argument, then env variable, then platformdirs.

    An empty argument (``--data-dir ""``, e.g. an unset shell variable) is refused with
    :class:`DataDirError` rather than quietly using the real folders; an empty
    ``GDGAME_DATA_DIR`` counts as unset, as is usual for environment variables.
    """
    if data_dir is not None and not str(data_dir).strip():
        raise DataDirError("--data-dir needs a folder name")
    chosen = data_dir or os.environ.get(ENV_DATA_DIR) or None
    if chosen:
        base = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=base, log_dir=base / "logs", config_dir=base / "config")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
