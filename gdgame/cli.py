"""The ``gdgame`` command: start the app, or run one of its command-line tools."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from gdgame import __version__, logs
from gdgame.paths import ENV_DATA_DIR, resolve


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdgame",
        description="A study game about gradient descent and the learning rate.",
        epilog="Deck tools: gdgame deck export FILE | gdgame deck import FILE "
        "(run 'gdgame deck --help').",
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
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser


def _run_deck_tool(argv: list[str]) -> int:
    from gdgame.study import deck_cli

    return deck_cli.main(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "deck" in argv:
        at = argv.index("deck")
        head = argv[:at]  # `gdgame --data-dir DIR deck ...` and `--data-dir=DIR` too
        data_dir_only = (len(head) == 2 and head[0] == "--data-dir") or (
            len(head) == 1 and head[0].startswith("--data-dir=")
        )
        if not head or data_dir_only:
            return _run_deck_tool(head + argv[at + 1 :])
    args = build_parser().parse_args(argv)
    if args.data_dir:
        os.environ[ENV_DATA_DIR] = args.data_dir
    paths = resolve(args.data_dir)
    problem = paths.write_problem()
    if problem is not None:
        print(f"gdgame: cannot save in the data folder: {problem}", file=sys.stderr)
        if args.smoke_test or args.startup_probe:
            return 2
        from gdgame.ui.app import ask_to_run_unsaved

        original, paths = paths.data_dir, ask_to_run_unsaved(paths, problem)
        if paths is None:
            return 2
        os.environ[ENV_DATA_DIR] = str(paths.data_dir)
    logs.setup(paths.log_file)
    if problem is not None:
        logging.getLogger(logs.LOGGER_NAME).warning(
            "cannot save in %s (%s); running on the temporary copy %s",
            original,
            problem,
            paths.data_dir,
        )
    if args.smoke_test:
        from gdgame.ui.smoke import run_smoke_test

        return run_smoke_test(paths)
    from gdgame.ui.app import run

    return run(paths, startup_probe=args.startup_probe, unsaved=problem is not None)
