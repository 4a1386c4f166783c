"""Where gdgame keeps user data, logs and settings (no Qt).

``--data-dir DIR`` or the ``GDGAME_DATA_DIR`` environment variable moves *everything*
the app writes (database, backups, logs, settings) under one folder; otherwise the
platformdirs folders for the current user are used.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "gdgame"
ENV_DATA_DIR = "GDGAME_DATA_DIR"
DATABASE_NAME = "gdgame.sqlite3"


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


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Resolve the folders: explicit argument, then env variable, then platformdirs."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR) or None
    if chosen:
        base = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=base, log_dir=base / "logs", config_dir=base / "config")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
