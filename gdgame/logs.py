"""Logging to a rotating file in the log folder, and the last-resort exception hook.

No Qt here: the UI installs its own hook (gdgame.ui.errors) that also shows a dialog.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import stat
import sys
import tempfile
import traceback
from pathlib import Path

LOGGER_NAME = "gdgame"
_handler: logging.Handler | None = None
_file: Path | None = None


def fallback_log_file() -> Path:
    """Where the log goes when the log folder cannot be written: a private temp folder."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"gdgame-logs-{user}" / "gdgame.log"


class LogFileUnusable(OSError):
    """The log path exists but is not a regular file (a pipe, folder or device)."""


def _check_regular(log_file: Path) -> None:
    """Refuse anything but a regular file (or nothing yet): opening a FIFO blocks forever."""
    try:
        mode = log_file.stat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise LogFileUnusable(f"{log_file} is not a regular file")


def _check_private_folder(folder: Path) -> None:
    """The shared temp folder is writable by all: use our folder only if it is ours."""
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise LogFileUnusable(f"{folder} is not a plain folder")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise LogFileUnusable(f"{folder} belongs to another user")
    if hasattr(os, "getuid") and stat.S_IMODE(info.st_mode) & 0o077:
        folder.chmod(0o700)


def _file_handler(log_file: Path, private: bool = False) -> logging.Handler:
    if private:
        _check_private_folder(log_file.parent)
    else:
        log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _check_regular(log_file)
    return logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )


def setup(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Send gdgame's log records to ``log_file`` (rotating, 5 x 1 MB). Safe to call twice.

    If that folder cannot be written, or ``log_file`` is not a regular file (a FIFO would
    block start-up forever), the log goes to :func:`fallback_log_file` (only if that folder
    is ours and not a link), and if that fails too, to stderr. Returns the file used (None
    for stderr).
    """
    global _handler, _file
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    _handler, _file = logging.StreamHandler(sys.stderr), None
    problems = []
    for candidate, private in ((log_file, False), (fallback_log_file(), True)):
        try:
            _handler, _file = _file_handler(candidate, private), candidate
            break
        except OSError as exc:
            problems.append(f"{candidate}: {exc.strerror or exc}")
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(_handler)
    if _file != log_file:
        where = _file or "the terminal"
        logger.warning(
            "cannot write the log in %s (%s); logging to %s",
            log_file.parent,
            "; ".join(problems),
            where,
        )
    return _file


def current_file() -> Path | None:
    """The file the log is written to (None before :func:`setup`, or when on stderr)."""
    return _file


def log_exception(exc_type, exc, tb) -> str:
    """Write a full traceback to the log; return a one-line summary for the user."""
    logging.getLogger(LOGGER_NAME).error(
        "Unhandled error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb))
    )
    text = str(exc).strip() or exc_type.__name__
    return text.splitlines()[0][:300]
