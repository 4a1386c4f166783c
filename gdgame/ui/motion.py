"""The View > Reduce Motion setting: animations are skipped when the player asks for it.

Screens ask :func:`reduced_motion` each time they are about to animate, so switching the
setting takes effect at once, without signals between screens.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction

SETTING = "view/reduce_motion"


def reduced_motion(settings: QSettings) -> bool:
    """Whether the player switched animations off (off by default)."""
    return str(settings.value(SETTING, "false")).lower() in ("true", "1")


def set_reduced_motion(settings: QSettings, on: bool) -> None:
    settings.setValue(SETTING, bool(on))


def reduce_motion_action(settings: QSettings, parent: QObject) -> QAction:
    """A checkable View-menu action bound to the remembered setting."""
    action = QAction("Reduce &Motion", parent, checkable=True)
    action.setChecked(reduced_motion(settings))
    action.setToolTip("Show each result at once instead of animating it")
    action.toggled.connect(lambda on: set_reduced_motion(settings, on))
    return action
