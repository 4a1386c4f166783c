"""File work with a time limit, for commands that must never hang (no Qt).

Reading or writing a file can block for as long as the drive does not answer (a network
share that went away); no flag can interrupt a blocked system call. :func:`with_timeout`
runs the work on a daemon thread and stops waiting after ``timeout`` seconds; the thread
is abandoned (and dies with the process).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
FILE_TIMEOUT = 30.0  # seconds


class FileTimeout(OSError):
    """The file work did not finish in time; ``str()`` is the message for the user."""


def with_timeout(work: Callable[[], T], timeout: float, what: str) -> T:
    """``work()``'s result or exception; :class:`FileTimeout` if it takes over ``timeout`` s."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=target, name=f"gdgame-file-{what}", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise FileTimeout(
            f"{what} took longer than {timeout:g} s and was abandoned; if the file is on a "
            "network drive, copy it to this computer first"
        )
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
