"""The contract every top-level screen (Home, Hike, Lab, Learn, Cards, Quiz, Stats) follows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

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


class BrokenScreen(Screen):
    """Stands in for a screen whose constructor raised: says so, offers a settings reset.

    The main window logs the traceback and shows this panel instead of retrying; the
    button (``reset_button``) emits ``reset_requested`` and the window forgets that
    screen's settings and builds it again.
    """

    reset_requested = Signal(str)  # screen id

    def __init__(self, ctx: AppContext, screen_id: str, title: str, error: BaseException):
        self.screen_id, self.title = screen_id, title
        super().__init__(ctx)
        self.setObjectName(f"broken-screen-{screen_id}")
        self.error_line = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        heading = QLabel(f"<h2>The {title} screen could not be opened</h2>")
        self.message = QLabel(
            f"What went wrong: {self.error_line}\n\nThe details were written to the log "
            f"file ({ctx.paths.log_file}). A damaged setting is the usual cause: resetting "
            "what this screen remembers (its options, last folder and so on) and opening it "
            "again fixes that. Your cards, reviews and Hike progress are not affected."
        )
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reset_button = QPushButton("Reset this screen's settings")
        self.reset_button.setToolTip(f"Forget the {title} screen's settings and open it again")
        self.reset_button.clicked.connect(lambda: self.reset_requested.emit(self.screen_id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def smoke(self, wait: Wait) -> list[str]:
        raise RuntimeError(f"the {self.title} screen could not be built: {self.error_line}")
