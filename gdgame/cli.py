"""The ``gdgame`` command: start the app, or run one of its command-line tools."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys

from gdgame import __version__, logs
from gdgame.paths import ENV_DATA_DIR, DataDirError, resolve


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdgame",
        description="A study game about gradient descent and the learning rate.",
        epilog="Deck tools: gdgame deck export FILE | gdgame deck import FILE "
        "(run 'gdgame deck --help'). Saved data: gdgame db check | gdgame db recover.",
    )
    parser.add_argument("--version", action="version", version=f"gdgame {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep all saved data, logs and settings in DIR (or set {ENV_DATA_DIR})",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open every screen, run a short animated descent, print a report and exit",
    )
    # benchmarks/startup.py: time to the first window and to a free event loop, or the
    # longest blocked event-loop turn during the first 3 s (gdgame.ui.startup_probe)
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--startup-stalls", action="store_true", help=argparse.SUPPRESS)
    return parser


def _run_tool(name: str, argv: list[str]) -> int:
    if name == "deck":
        from gdgame.study import deck_cli

        return deck_cli.main(argv)
    from gdgame.study import db_cli

    return db_cli.main(argv)


TOOLS = ("deck", "db")  # `gdgame deck ...`, `gdgame db ...` (the frozen app's output hook
# lists them too: packaging/rthook_frozen_logging.py)


def _tool_call(argv: list[str]) -> tuple[str, list[str]] | None:
    """``("deck" | "db", its arguments)`` when argv runs a command-line tool."""
    for at, word in enumerate(argv[:3]):
        if word not in TOOLS:
            continue
        head = argv[:at]  # `gdgame --data-dir DIR deck ...` and `--data-dir=DIR` too
        data_dir_only = (len(head) == 2 and head[0] == "--data-dir") or (
            len(head) == 1 and head[0].startswith("--data-dir=")
        )
        if not head or data_dir_only:
            return word, head + argv[at + 1 :]
    return None


def _forgiving_output() -> None:
    """Print what cannot be encoded (an ASCII terminal, a non-UTF-8 file name) as escapes:
    a command that did its work must be able to say so."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="backslashreplace")


def _data_dir_in(argv: list[str]) -> str | None:
    for at, word in enumerate(argv):
        if word == "--data-dir" and at + 1 < len(argv):
            return argv[at + 1]
        if word.startswith("--data-dir="):
            return word.partition("=")[2]
    return None


def _report_unexpected(argv: list[str]) -> int:
    """Log the traceback of an error nobody expected; tell the user in one line."""
    exc_type, exc, tb = sys.exc_info()
    if logs.current_file() is None:
        try:
            logs.setup(resolve(_data_dir_in(argv) or None).log_file)
        except Exception:  # noqa: BLE001 - the folder itself is the trouble: use the fallback
            logs.setup(logs.fallback_log_file())
    summary = logs.log_exception(exc_type, exc, tb)
    where = logs.current_file() or "the terminal"
    print(f"gdgame: error: {summary} (details in the log: {where})", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    """The ``gdgame`` command. Never shows a traceback: an unexpected error is logged."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _forgiving_output()
    try:
        return _main(argv)
    except DataDirError as exc:
        print(f"gdgame: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence
        return _report_unexpected(argv)


def _main(argv: list[str]) -> int:
    tool = _tool_call(argv)
    if tool is not None:
        return _run_tool(*tool)
    args = build_parser().parse_args(argv)
    paths = resolve(args.data_dir)
    if args.data_dir:
        os.environ[ENV_DATA_DIR] = args.data_dir
    original = paths.data_dir
    problem = paths.write_problem()
    if problem is not None:
        try:
            paths = paths.temporary_copy()
        except OSError as exc:
            print(f"gdgame: cannot save in the data folder: {problem}", file=sys.stderr)
            print(f"gdgame: cannot make a temporary copy either: {exc}", file=sys.stderr)
            return 2
        os.environ[ENV_DATA_DIR] = str(paths.data_dir)
        print(
            f"gdgame: cannot save in the data folder: {problem}\n"
            f"gdgame: running on a temporary copy in {paths.data_dir}; "
            "nothing from this session will be kept",
            file=sys.stderr,
        )
    log_file = logs.setup(paths.log_file)
    if problem is not None:
        logging.getLogger(logs.LOGGER_NAME).warning(
            "cannot save in %s (%s); running on the temporary copy %s",
            original,
            problem,
            paths.data_dir,
        )
    if log_file is not None and log_file != paths.log_file:  # (on the terminal it says so)
        print(f"gdgame: cannot write the log in {paths.log_dir}; using {log_file}", file=sys.stderr)
    try:
        if args.smoke_test:
            from gdgame.ui.smoke import run_smoke_test

            return run_smoke_test(paths)
        from gdgame.ui.app import run

        return run(
            paths,
            startup_probe=args.startup_probe,
            unsaved=problem,
            startup_stalls=args.startup_stalls,
        )
    finally:
        if problem is not None:
            paths.discard_temporary_copy()
