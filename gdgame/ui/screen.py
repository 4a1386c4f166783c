"""The contract every top-level screen (Home, Hike, Lab, Learn, Cards, Quiz, Stats) follows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from gdgame.ui.context import AppContext

Wait = Callable[[int], None]
"""``wait(ms)`` keeps the event loop running for ``ms`` milliseconds (smoke tests)."""


class Screen(QWidget):
    """Base class of a screen shown in the main window's navigation.

    Subclasses set ``screen_id`` (stable, used by ``ctx.navigate``) and ``title``
    (the navigation label), build their widgets in ``__init__(ctx, parent)`` and
    override the hooks they need. Screens must stop their own timers and workers in
    :meth:`deactivate` and :meth:`shutdown` (tests fail on leaked QTimers/QThreads).
    """

    screen_id: str = ""
    title: str = ""
    shortcut: str = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"screen-{self.screen_id}")
        self.setAccessibleName(f"{self.title} screen")

    def activate(self) -> None:
        """Called each time the screen becomes the visible one."""

    def deactivate(self) -> None:
        """Called when another screen is shown: pause animations and timers."""

    def open(self, **target: object) -> None:
        """Show a specific item, e.g. ``open(level="bowl-1")`` or ``open(preset="overshoot")``."""

    def menu_actions(self) -> list[QAction]:
        """Actions for this screen's entry in the menu bar (empty: no menu)."""
        return []

    def smoke(self, wait: Wait) -> list[str]:
        """Exercise the screen quickly for ``gdgame --smoke-test``; return lines to print."""
        return []

    def shutdown(self) -> None:
        """Stop every timer and worker; the window is closing."""
        self.deactivate()
