"""Start the Qt application: palette, error hook, database check, main window."""

from __future__ import annotations

import logging
import sqlite3
import sys

from PySide6.QtCore import (
    QLockFile,
    QSettings,
    QSysInfo,
    Qt,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QToolBar

from gdgame import __version__, logs, resources, storage
from gdgame.paths import AppPaths
from gdgame.study import db_health
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
        try:  # what the screens need, as 'gdgame db check' sees it
            unusable = [] if db_health.newer_part(conn) else db_health.problems(conn)
        finally:
            conn.close()
        if unusable:
            recovery = storage.set_aside(paths.database, "; ".join(unusable[: db_health.SHOWN]))
            storage.open_database(paths.database)[0].close()
    except (storage.DatabaseError, sqlite3.Error, OSError) as exc:
        log.error("database unavailable: %s", exc)
        return f"gdgame cannot open your saved progress: {exc}"
    if recovery is not None:
        log.warning("database recovered: %s", recovery)
        return recovery.message()
    return None


UNSAVED_STYLE = "QLabel#unsaved-banner-text { background: #ffe69c; color: #3d2e00; padding: 6px; }"


def add_unsaved_banner(window, problem: str) -> QToolBar:
    """A bar across the top of the window for as long as this session is not saved."""
    window.mark_unsaved()
    text = QLabel(
        "Not saved: gdgame cannot write to its data folder "
        f"({problem}). You can play and study as usual, but nothing from this session "
        "will be kept. To save, make the folder writable or start gdgame with --data-dir "
        "pointing to another folder."
    )
    text.setObjectName("unsaved-banner-text")
    text.setTextFormat(Qt.TextFormat.PlainText)
    text.setWordWrap(True)
    text.setStyleSheet(UNSAVED_STYLE)
    text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar = QToolBar("Not saved", window)
    bar.setObjectName("unsaved-banner")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)  # cannot be hidden from the context menu
    bar.addWidget(text)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


def build_window(paths: AppPaths, interactive: bool = True, unsaved: str | None = None):
    """Everything ``gdgame`` does before the event loop starts; returns (app, window, reporter).

    ``unsaved``: why the real data folder cannot be written; ``paths`` is then a
    temporary copy and a banner, the title and the status bar say so.
    """
    from gdgame.ui.main_window import MainWindow

    app = create_application()
    log_file = logs.current_file() or paths.log_file
    reporter = ErrorReporter(log_file, interactive=interactive).install()
    ctx = AppContext.for_folder(paths)
    if ctx.settings.status() != QSettings.Status.NoError:
        log.warning("settings file %s could not be read; using defaults", ctx.settings.fileName())
    appearance = ctx.settings.value("view/appearance", "system")
    theme.apply(app, None if appearance == "system" else appearance == "dark")
    problem = check_database(paths)
    window = MainWindow(ctx)
    if unsaved:
        add_unsaved_banner(window, unsaved)
    theme.follow_system(app, on_change=window.restyle, enabled=window.follows_system)
    if problem and interactive:
        unavailable = problem.startswith("gdgame cannot")
        title = "Saved data unavailable" if unavailable else "Saved data repaired"
        QTimer.singleShot(0, lambda: show_error(title, problem, window))
    elif problem:
        print(problem)
    if ctx.settings_notice and interactive:
        notice = ctx.settings_notice
        QTimer.singleShot(0, lambda: show_error("Settings file too large", notice, window))
    elif ctx.settings_notice:
        print(ctx.settings_notice)
    return app, window, reporter


def claim_data_folder(paths: AppPaths) -> QLockFile | None:
    """Lock the data folder for this process; None if another gdgame is using it.

    Two windows on one folder would each keep their own idea of the cards and settings
    and overwrite each other's. A lock left by a crashed gdgame is detected and taken over,
    and so is an empty or garbled one (a power cut while it was written): no process id
    can be read from it, so no gdgame can be shown to hold it.
    """
    lock = QLockFile(str(paths.data_dir / "gdgame.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
    if lock.tryLock(500):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        pid, _host, _app = lock.getLockInfo()
        if pid > 0:
            return None
        log.warning("the lock file in %s cannot be read; taking it over", paths.data_dir)
        if lock.removeStaleLockFile() and lock.tryLock(500):
            return lock
        if lock.error() == QLockFile.LockError.LockFailedError:
            return None
    log.warning("could not create the lock file in %s; going on without it", paths.data_dir)
    return lock


def already_running_message(paths: AppPaths) -> str:
    """Why gdgame refuses to start on ``paths``: which machine holds the lock, how to clear it."""
    lock_file = paths.data_dir / "gdgame.lock"
    pid, host, _app = QLockFile(str(lock_file)).getLockInfo()
    if pid <= 0:  # unreadable and could not be removed (a folder, a read-only file)
        return (
            "gdgame cannot use this data folder: its lock file can neither be read nor "
            f"replaced:\n{lock_file}\n\nNo running gdgame holds it. Remove it (or make it "
            "writable) and start gdgame again."
        )
    if host and host != QSysInfo.machineHostName():
        return (
            f'gdgame on the computer "{host}" is using this data folder:\n'
            f"{paths.data_dir}\n\nClose gdgame there first. If gdgame is not running on "
            f'"{host}" (it stopped without closing), delete this file and start again:\n'
            f"{lock_file}"
        )
    return (
        "gdgame is already running with this data folder:\n"
        f"{paths.data_dir}\n\nSwitch to its window, or close it and start gdgame again."
    )


def run(
    paths: AppPaths,
    startup_probe: bool = False,
    unsaved: str | None = None,
    startup_stalls: bool = False,
) -> int:
    """Show the main window and run the event loop until it closes.

    ``startup_probe`` / ``startup_stalls`` (hidden flags for ``benchmarks/startup.py``):
    print when the window is first shown, then either when the event loop is first free
    ("interactive") or, after watching the loop for 3 s, its longest blocked turn; then close.
    """
    create_application()
    probing = startup_probe or startup_stalls
    lock = claim_data_folder(paths)
    if lock is None:
        log.info("another gdgame is already using %s", paths.data_dir)
        message = already_running_message(paths)
        print(f"gdgame: {message}", file=sys.stderr)
        if probing:
            return 1
        show_error("gdgame is already open", message)
        return 1
    app, window, _reporter = build_window(paths, unsaved=unsaved)
    probe = None
    if probing:
        from gdgame.ui import startup_probe as probes

        def report_shown():
            banner = window.findChild(QToolBar, "unsaved-banner")
            shown = " (not saved banner)" if banner is not None and banner.isVisible() else ""
            print(f"{probes.SHOWN}{shown}", flush=True)

        window.first_shown.connect(report_shown)
    window.show()
    if startup_stalls:
        probe = probes.LoopWatch(finish=window.close)
        probe.start()
    elif startup_probe:
        probe = probes.arm_interactive(finish=window.close)
    code = app.exec()
    lock.unlock()
    return code
