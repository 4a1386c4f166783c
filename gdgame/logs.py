"""Logging to a rotating file in the log folder, and the last-resort exception hook.

No Qt here: the UI installs its own hook (gdgame.ui.errors) that also shows a dialog.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
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


def _file_handler(log_file: Path) -> logging.Handler:
    log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )


def setup(log_file: Path, level: int = logging.INFO) -> Path | None:
    """Send gdgame's log records to ``log_file`` (rotating, 5 x 1 MB). Safe to call twice.

    If that folder cannot be written, the log goes to :func:`fallback_log_file`, and if
    that fails too, to stderr. Returns the file used (None for stderr).
    """
    global _handler, _file
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    _handler, _file = logging.StreamHandler(sys.stderr), None
    for candidate in (log_file, fallback_log_file()):
        try:
            _handler, _file = _file_handler(candidate), candidate
            break
        except OSError:
            continue
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(_handler)
    if _file is not None and _file != log_file:
        logger.warning("cannot write the log in %s; logging to %s", log_file.parent, _file)
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
