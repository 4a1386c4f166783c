"""Start the Qt application: palette, error hook, database check, main window."""

from __future__ import annotations

import logging
import sqlite3
import sys

from PySide6.QtCore import QLockFile, QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from gdgame import __version__, resources, storage
from gdgame.paths import AppPaths
from gdgame.ui import theme
from gdgame.ui.context import AppContext
from gdgame.ui.errors import ErrorReporter, show_error

log = logging.getLogger("gdgame")


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(mode, context, message) -> None:
    logging.getLogger("gdgame.qt").log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("gdgame")
    app.setApplicationDisplayName("gdgame")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("gdgame")
    app.setDesktopFileName("gdgame")
    if getattr(sys, "frozen", False):  # no console: Qt's own warnings go to the log file
        qInstallMessageHandler(_log_qt_message)
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
    except (storage.DatabaseError, sqlite3.Error, OSError) as exc:
        log.error("database unavailable: %s", exc)
        return f"gdgame cannot open your saved progress: {exc}"
    conn.close()
    if recovery is not None:
        log.warning("database recovered: %s", recovery)
        return recovery.message()
    return None


def ask_to_run_unsaved(paths: AppPaths, problem: str) -> AppPaths | None:
    """The data folder cannot be written: offer a session on a temporary copy, or quit."""
    create_application()
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "gdgame cannot save",
        "gdgame cannot save in its data folder:\n"
        f"{paths.data_dir}\n\n"
        f"Reason: {problem}\n\n"
        "You can still play with a copy of your progress, but nothing you do this time "
        "will be kept. To save again, make the folder writable or start gdgame with "
        "--data-dir pointing to another folder.",
        parent=None,
    )
    box.setObjectName("unsaved-question")
    go_on = box.addButton("Continue without saving", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go_on)
    box.exec()
    if box.clickedButton() is not go_on:
        return None
    return paths.temporary_copy()


def build_window(paths: AppPaths, interactive: bool = True, unsaved: bool = False):
    """Everything ``gdgame`` does before the event loop starts; returns (app, window, reporter).

    ``unsaved``: ``paths`` is a temporary copy (the real folder is read-only); the title
    and status bar say so.
    """
    from gdgame.ui.main_window import MainWindow

    app = create_application()
    reporter = ErrorReporter(paths.log_file, interactive=interactive).install()
    ctx = AppContext.for_folder(paths)
    if ctx.settings.status() != QSettings.Status.NoError:
        log.warning("settings file %s could not be read; using defaults", ctx.settings.fileName())
    appearance = ctx.settings.value("view/appearance", "system")
    theme.apply(app, None if appearance == "system" else appearance == "dark")
    problem = check_database(paths)
    window = MainWindow(ctx)
    if unsaved:
        window.mark_unsaved()
    theme.follow_system(app, on_change=window.restyle, enabled=window.follows_system)
    if problem and interactive:
        unavailable = problem.startswith("gdgame cannot")
        title = "Saved data unavailable" if unavailable else "Saved data repaired"
        QTimer.singleShot(0, lambda: show_error(title, problem, window))
    elif problem:
        print(problem)
    return app, window, reporter


def claim_data_folder(paths: AppPaths) -> QLockFile | None:
    """Lock the data folder for this process; None if another gdgame is using it.

    Two windows on one folder would each keep their own idea of the cards and settings
    and overwrite each other's. A lock left by a crashed gdgame is detected and taken over.
    """
    lock = QLockFile(str(paths.data_dir / "gdgame.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
    if lock.tryLock(500):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    log.warning("could not create the lock file in %s; going on without it", paths.data_dir)
    return lock


def run(paths: AppPaths, startup_probe: bool = False, unsaved: bool = False) -> int:
    create_application()
    lock = claim_data_folder(paths)
    if lock is None:
        log.info("another gdgame is already using %s", paths.data_dir)
        print(f"gdgame is already running with the data folder {paths.data_dir}", file=sys.stderr)
        if startup_probe:
            return 1
        show_error(
            "gdgame is already open",
            "gdgame is already running with this data folder:\n"
            f"{paths.data_dir}\n\nSwitch to its window, or close it and start gdgame again.",
        )
        return 1
    app, window, _reporter = build_window(paths, unsaved=unsaved)
    if startup_probe:

        def report_and_quit():
            print("first window shown", flush=True)
            QTimer.singleShot(0, window.close)

        window.first_shown.connect(report_and_quit)
    window.show()
    code = app.exec()
    lock.unlock()
    return code
