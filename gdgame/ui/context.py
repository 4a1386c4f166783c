"""What every screen gets from the main window: folders, settings and navigation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

from gdgame.paths import AppPaths
from gdgame.ui import settings_store


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
        settings = QSettings(str(paths.config_dir / "gdgame.ini"), QSettings.Format.IniFormat)
        settings_store.validate(settings)
        return cls(paths=paths, settings=settings)
