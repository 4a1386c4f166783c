"""Logging to a rotating file in the log folder, and the last-resort exception hook.

No Qt here: the UI installs its own hook (gdgame.ui.errors) that also shows a dialog.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path

LOGGER_NAME = "gdgame"
_handler: logging.Handler | None = None


def setup(log_file: Path, level: int = logging.INFO) -> logging.Logger:
    """Send gdgame's log records to ``log_file`` (rotating, 5 x 1 MB). Safe to call twice."""
    global _handler
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        _handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(_handler)
    return logger


def log_exception(exc_type, exc, tb) -> str:
    """Write a full traceback to the log; return a one-line summary for the user."""
    logging.getLogger(LOGGER_NAME).error(
        "Unhandled error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb))
    )
    text = str(exc).strip() or exc_type.__name__
    return text.splitlines()[0][:300]
