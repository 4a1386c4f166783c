"""Run the frozen gdgame's own smoke test and check its report.

    python packaging/smoke_test.py                  # the build in packaging/build/dist
    python packaging/smoke_test.py PATH/TO/gdgame   # any frozen binary (or test double)

Starts the binary with QT_QPA_PLATFORM=offscreen (``--platform xcb`` under xvfb-run to
try the X11 plugin), ``--smoke-test`` and a fresh temporary
``--data-dir``, with a time limit (60 s by default). Fails (exit 1) when the program
exits non-zero, runs out of time, prints "ModuleNotFoundError", "ImportError" or
"Traceback", does not print "smoke test passed", or does not report every required
screen with a ``screen <id>: ok`` line. Exit 2: the binary does not exist.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import freeze_config as cfg

REQUIRED_SCREENS = ("home", "hike", "lab", "learn", "cards", "quiz", "stats")
FORBIDDEN_TEXT = ("ModuleNotFoundError", "ImportError", "Traceback")
PASS_LINE = "smoke test passed"
SCREEN_LINE = re.compile(r"^screen (?P<id>[\w-]+): ok\s*$", re.MULTILINE)


@dataclass
class SmokeResult:
    returncode: int | None  # None: killed after the time limit
    output: str
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def screens_reported(output: str) -> list[str]:
    return [match.group("id") for match in SCREEN_LINE.finditer(output)]


def check_output(returncode: int | None, output: str, required: tuple[str, ...]) -> list[str]:
    """Every reason the run failed (empty list: it passed)."""
    problems = []
    if returncode is None:
        problems.append("timed out")
    elif returncode != 0:
        problems.append(f"exit code {returncode}")
    for text in FORBIDDEN_TEXT:
        if text in output:
            problems.append(f"output contains {text!r}")
    missing = [screen for screen in required if screen not in screens_reported(output)]
    if missing:
        problems.append("screens not reported: " + ", ".join(missing))
    if PASS_LINE not in output:
        problems.append(f"no {PASS_LINE!r} line")
    return problems


def run_smoke_test(
    binary: Path,
    timeout: float = 60.0,
    required: tuple[str, ...] = REQUIRED_SCREENS,
    platform: str = "offscreen",
) -> SmokeResult:
    """Run ``binary --smoke-test`` offscreen in a temporary data folder and judge it."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONUNBUFFERED="1")
    env.pop("GDGAME_DATA_DIR", None)
    with tempfile.TemporaryDirectory(prefix="gdgame-smoke-") as data_dir:
        command = [str(binary), "--smoke-test", "--data-dir", data_dir]
        try:
            done = subprocess.run(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                timeout=timeout,
                check=False,
            )
            returncode, raw = done.returncode, done.stdout
        except subprocess.TimeoutExpired as exc:
            returncode, raw = None, exc.stdout or b""
    output = raw.decode("utf-8", errors="replace")
    return SmokeResult(returncode, output, check_output(returncode, output, required))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Smoke-test the frozen gdgame.")
    parser.add_argument(
        "binary",
        nargs="?",
        type=Path,
        default=cfg.executable_path(),
        help="frozen executable (default: the build in packaging/build/dist)",
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds before giving up (default 60)"
    )
    parser.add_argument(
        "--screens",
        default=",".join(REQUIRED_SCREENS),
        help="comma-separated screen ids that must be reported (default: all seven)",
    )
    parser.add_argument(
        "--platform",
        default="offscreen",
        help="QT_QPA_PLATFORM for the run (default offscreen; e.g. xcb under xvfb-run)",
    )
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error("--timeout must be positive")
    args.screens = tuple(s.strip() for s in args.screens.split(",") if s.strip())
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.binary.is_file():
        print(f"smoke_test: no frozen app at {args.binary} (run packaging/build.py first)")
        return 2
    print(f"smoke_test: {args.binary} --smoke-test (limit {args.timeout:g} s)", flush=True)
    result = run_smoke_test(args.binary, args.timeout, args.screens, args.platform)
    print(result.output.rstrip())
    if result.passed:
        print(f"FROZEN SMOKE TEST PASSED ({len(screens_reported(result.output))} screens)")
        return 0
    print("FROZEN SMOKE TEST FAILED: " + "; ".join(result.problems))
    return 1


if __name__ == "__main__":
    sys.exit(main())
