"""PyInstaller runtime hook: send a frozen GUI app's stdout/stderr to a rotating log file.

Why: a double-clicked app has no terminal. On Windows and in macOS bundles (windowed
builds) ``sys.stdout``/``sys.stderr`` are ``None``, so any ``print`` or a traceback
written by Qt or Python would be lost or even raise. From a Linux desktop launcher they
point at nothing useful. So, when frozen, each stream is replaced by a writer into
``<log folder>/gdgame-output.log`` (1 MB, 3 backups) when:

* the stream is ``None`` (nowhere else it could go), or
* it is not a terminal AND this is a GUI start, i.e. none of the command-line modes
  below was asked for.

Command-line modes keep their streams, because a parent process reads them:
``--smoke-test`` (packaging/smoke_test.py checks its lines through a pipe),
``--startup-probe``/``--startup-stalls`` (benchmarks/startup.py reads their timings),
``--version``, ``--help``/``-h`` and the ``deck`` tools. A terminal start keeps its
streams too (the user is watching). ``GDGAME_CONSOLE_OUTPUT=1`` turns the redirect off.

The log folder follows ``--data-dir DIR`` / ``GDGAME_DATA_DIR`` (DIR/logs), else the
platformdirs user log folder, exactly like gdgame.paths. The app's own logging
(gdgame.logs) rotates ``gdgame.log`` in the same folder; this hook uses a separate file
so two handlers never rotate one file (that fails on Windows). Python's faulthandler
also writes native crash tracebacks there.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path

OUTPUT_LOG_NAME = "gdgame-output.log"
CLI_FLAGS = frozenset(
    {"--smoke-test", "--startup-probe", "--startup-stalls", "--version", "--help", "-h"}
)
CLI_SUBCOMMANDS = frozenset({"deck", "db"})  # gdgame.cli.TOOLS (a test keeps them equal)
OPT_OUT_ENV = "GDGAME_CONSOLE_OUTPUT"


def is_command_line_mode(argv: list[str]) -> bool:
    """True when the arguments ask for output a caller reads (see module docstring)."""
    args = argv[1:]
    if any(arg in CLI_FLAGS for arg in args):
        return True
    index = 0
    while index < len(args):  # the first positional argument, skipping --data-dir DIR
        if args[index] == "--data-dir":
            index += 2
        elif args[index].startswith("-"):
            index += 1
        else:
            return args[index] in CLI_SUBCOMMANDS
    return False


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def should_redirect(stream, argv: list[str], env: dict | None = None) -> bool:
    """Decide for one stream (sys.stdout or sys.stderr) whether it goes to the log file."""
    env = os.environ if env is None else env
    if stream is None:
        return True
    if env.get(OPT_OUT_ENV) == "1":
        return False
    if is_command_line_mode(argv):
        return False
    return not _is_terminal(stream)


def data_dir_argument(argv: list[str]) -> str | None:
    """The value of ``--data-dir DIR`` or ``--data-dir=DIR``, if given."""
    for index, arg in enumerate(argv):
        if arg == "--data-dir" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None


def log_folder(argv: list[str]) -> Path:
    """The folder gdgame logs into, resolved the same way as gdgame.paths.resolve."""
    from gdgame.paths import resolve

    return resolve(data_dir_argument(argv)).log_dir


class RotatingTextStream(io.TextIOBase):
    """A text stream whose writes land in a size-rotated log file (thread-safe)."""

    def __init__(self, path: Path, name: str, max_bytes: int = 1_000_000, backups: int = 3):
        super().__init__()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
        )
        self._handler.terminator = ""
        self._handler.setFormatter(logging.Formatter("%(message)s"))
        self._name = name

    @property
    def encoding(self) -> str:
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if self.closed:
            return 0
        if text:
            record = logging.LogRecord(self._name, logging.INFO, "", 0, "%s", (text,), None)
            self._handler.handle(record)
        return len(text)

    def flush(self) -> None:
        if not self.closed:
            self._handler.flush()

    def close(self) -> None:
        if not self.closed:
            self._handler.close()
        super().close()


def install(
    argv: list[str] | None = None, folder: Path | None = None, crash_log: bool = True
) -> Path | None:
    """Redirect the streams that need it; return the output log path (None: untouched)."""
    argv = sys.argv if argv is None else argv
    names = [name for name in ("stdout", "stderr") if should_redirect(getattr(sys, name), argv)]
    if not names:
        return None
    try:
        target = (folder or log_folder(argv)) / OUTPUT_LOG_NAME
        stream = RotatingTextStream(target, "gdgame.output")
    except Exception:  # never stop the app because its log folder is unusable
        return None
    for name in names:
        setattr(sys, name, stream)
    if crash_log:
        _enable_faulthandler(target.parent)
    return target


def _enable_faulthandler(folder: Path) -> None:
    import faulthandler

    try:
        crash_file = open(folder / "gdgame-crash.log", "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        return
    faulthandler.enable(crash_file)
    sys._gdgame_crash_file = crash_file  # keep the file object alive for the process


if getattr(sys, "frozen", False):
    install()
