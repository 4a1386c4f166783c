"""What every screen gets from the main window: folders, settings and navigation."""

from __future__ import annotations

import logging
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from gdgame.paths import AppPaths
from gdgame.ui import settings_store

log = logging.getLogger("gdgame.settings")

MAX_SETTINGS_BYTES = 1 << 20
"""Ours is a few KB; QSettings reads a huge file slowly (10 MB: over a minute)."""


def set_aside_if_too_big(ini: Path) -> str | None:
    """Move a settings file over :data:`MAX_SETTINGS_BYTES` aside (never deleted) so the
    app starts with defaults; returns a notice for the user, or None if nothing was done."""
    try:
        info = ini.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size <= MAX_SETTINGS_BYTES:
        return None
    target = ini.with_name(f"{ini.name}.too-big-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    megabytes = info.st_size / (1 << 20)
    too_big = f"Your settings file was far too large ({megabytes:.1f} MB; gdgame writes a few KB)"
    try:
        ini.rename(target)
    except OSError as exc:
        log.warning(
            "settings file %s is %d bytes and cannot be moved aside: %s", ini, info.st_size, exc
        )
        raise SettingsFileUnusable(
            f"{too_big} and could not be moved aside ({exc.strerror or exc}), so gdgame "
            f"started with its default settings and will not save settings this time. "
            f"Move or delete {ini} to fix this."
        ) from exc
    log.warning("settings file %s was %d bytes; moved aside to %s", ini, info.st_size, target)
    return (
        f"{too_big}, so gdgame started with its default settings. The file was kept, not "
        f"deleted, as {target}."
    )


class SettingsFileUnusable(OSError):
    """The settings file cannot be read in reasonable time nor moved aside (the message
    says what to do)."""


def _no_navigation(screen_id: str, **target: object) -> None:
    return None


@dataclass
class AppContext:
    """Shared, explicit state handed to each screen's constructor (no globals).

    ``navigate(screen_id, **target)`` switches the main window to a screen and calls
    its ``open(**target)``; e.g. ``ctx.navigate("hike", level="steep-bowl")``.
    ``notify(text)`` shows a short, non-blocking message in the status bar.
    """

    paths: AppPaths
    settings: QSettings
    navigate: Callable[..., None] = _no_navigation
    notify: Callable[[str], None] = field(default=lambda text: None)
    settings_notice: str | None = None
    """Set when the settings file had to be set aside at start (the user is told)."""

    @property
    def database(self):
        return self.paths.database

    @classmethod
    def for_folder(cls, paths: AppPaths) -> AppContext:
        """A context whose settings live in an INI file in the config folder.

        Every key is checked against :mod:`gdgame.settings_schema` here, once: a bad value
        is logged and replaced by its default, so screens only ever read good values.
        """
        paths.ensure()
        ini = paths.config_dir / "gdgame.ini"
        try:
            notice = set_aside_if_too_big(ini)
        except SettingsFileUnusable as unusable:
            notice = str(unusable)
            ini = Path(tempfile.mkdtemp(prefix="gdgame-settings-")) / "gdgame.ini"
        settings = QSettings(str(ini), QSettings.Format.IniFormat)
        settings_store.validate(settings)
        return cls(paths=paths, settings=settings, settings_notice=notice)
