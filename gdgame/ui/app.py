"""Start the Qt application: palette, error hook, database check, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from gdgame import __version__, resources, storage
from gdgame.paths import AppPaths
from gdgame.ui import theme
from gdgame.ui.context import AppContext
from gdgame.ui.errors import ErrorReporter, show_error

log = logging.getLogger("gdgame")


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("gdgame")
    app.setApplicationDisplayName("gdgame")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("gdgame")
    app.setDesktopFileName("gdgame")
    icon_file = resources.path("icons", "gdgame.svg")
    if icon_file.is_file():
        app.setWindowIcon(QIcon(str(icon_file)))
    return app


def check_database(paths: AppPaths) -> str | None:
    """Open the database once before any screen does, recovering a damaged file.

    Returns a message for the user when something had to be repaired, else None.
    (The daily rotating backup is taken by the study Collection when it opens.)
    """
    try:
        conn, recovery = storage.open_database(paths.database)
    except storage.DatabaseError as exc:
        log.error("database unavailable: %s", exc)
        return f"gdgame cannot save your progress: {exc}"
    conn.close()
    if recovery is not None:
        log.warning("database recovered: %s", recovery)
        return recovery.message()
    return None


def build_window(paths: AppPaths, interactive: bool = True):
    """Everything ``gdgame`` does before the event loop starts; returns (app, window, reporter)."""
    from gdgame.ui.main_window import MainWindow

    app = create_application()
    reporter = ErrorReporter(paths.log_file, interactive=interactive).install()
    ctx = AppContext.for_folder(paths)
    appearance = ctx.settings.value("view/appearance", "system")
    theme.apply(app, None if appearance == "system" else appearance == "dark")
    problem = check_database(paths)
    window = MainWindow(ctx)
    theme.follow_system(app, on_change=window.restyle, enabled=window.follows_system)
    if problem and interactive:
        QTimer.singleShot(0, lambda: show_error("Saved data repaired", problem, window))
    elif problem:
        print(problem)
    return app, window, reporter


def run(paths: AppPaths, startup_probe: bool = False) -> int:
    app, window, _reporter = build_window(paths)
    if startup_probe:

        def report_and_quit():
            print("first window shown", flush=True)
            QTimer.singleShot(0, window.close)

        window.first_shown.connect(report_and_quit)
    window.show()
    return app.exec()
