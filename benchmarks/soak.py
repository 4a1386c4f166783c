"""Soak test: animated Lab races and Hike replays for N minutes; watch for crashes and leaks.

    python benchmarks/soak.py --minutes 1       # what .ci/run does
    python benchmarks/soak.py --minutes 30      # a longer local soak

A worker process builds the real main window offscreen (gdgame.ui.app.build_window) and
loops: Lab screen smoke() (a two-hiker animated race plus a learning-rate sweep), then
Hike screen smoke() (a level played step by step with its reveal animation). After each
round it reports its resident memory. The parent fails (exit 1) when the worker crashes
(non-zero exit or signal; the PySide6 6.12.0 None-refcount crash shows up this way),
reports an unhandled error, hangs, or when memory grows more than 20% between the end
of the warm-up (the first quarter of the run, at least 2 rounds) and the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROWTH_LIMIT = 0.20


def current_rss() -> int:
    """Resident set size of this process in bytes (peak RSS where /proc is missing)."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        pages = int(statm.read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def run_worker(minutes: float, data_dir: str) -> int:
    """The child: loop the Lab and Hike smoke routines until time is up."""
    from gdgame.paths import resolve
    from gdgame.ui.app import build_window
    from gdgame.ui.smoke import wait

    paths = resolve(data_dir).ensure()
    _app, window, reporter = build_window(paths, interactive=False)
    window.show()
    wait(200)
    missing = [sid for sid in ("lab", "hike") if sid not in window.screens]
    if missing:
        print(f"error: screens missing from this build: {', '.join(missing)}", flush=True)
        return 2
    deadline = time.monotonic() + minutes * 60
    started, rounds = time.monotonic(), 0
    while time.monotonic() < deadline:
        lines = []
        for screen_id in ("lab", "hike"):
            window.navigate(screen_id)
            lines += window.screens[screen_id].smoke(wait)
        rounds += 1
        elapsed = time.monotonic() - started
        print(
            f"round {rounds} t={elapsed:.1f} rss={current_rss()} | {'; '.join(lines)}", flush=True
        )
        if reporter.errors:
            print(f"error: {reporter.errors[0]}", flush=True)
            return 3
    window.close()
    wait(100)
    print(f"soak worker done: {rounds} rounds", flush=True)
    return 0


def parse_round(line: str) -> tuple[float, int] | None:
    """(seconds, rss bytes) from a worker's "round N t=S rss=B | ..." line."""
    if not line.startswith("round "):
        return None
    fields = dict(part.split("=", 1) for part in line.split("|", 1)[0].split() if "=" in part)
    return float(fields["t"]), int(fields["rss"])


def memory_growth(samples: list[tuple[float, int]], minutes: float) -> tuple[float, int, int]:
    """(growth ratio, baseline, final) comparing the end of warm-up with the end of the run.

    Warm-up: the first quarter of the run, and at least the first two rounds. Baseline
    and final are medians of up to three samples, so one noisy sample cannot decide.
    """
    warm_up_s = minutes * 60 / 4
    after = [rss for index, (t, rss) in enumerate(samples) if index >= 2 and t >= warm_up_s]
    if len(after) < 2:
        raise ValueError("too few rounds after the warm-up to judge memory growth")
    window = max(1, min(3, len(after) // 2))
    baseline = int(statistics.median(after[:window]))
    final = int(statistics.median(after[-window:]))
    return final / baseline - 1.0, baseline, final


def run_parent(minutes: float) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("GDGAME_DATA_DIR", None)
    samples: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory(prefix="gdgame-soak-") as data_dir:
        command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
        command += ["--minutes", str(minutes), "--data-dir", data_dir]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        try:
            for line in process.stdout:
                print(line.rstrip(), flush=True)
                sample = parse_round(line)
                if sample:
                    samples.append(sample)
            code = process.wait(timeout=minutes * 60 + 180)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            print("SOAK FAILED: the worker hung")
            return 1
        finally:
            process.stdout.close()
    if code != 0:
        print(f"SOAK FAILED: worker exited with code {code} (negative: killed by a signal)")
        return 1
    try:
        growth, baseline, final = memory_growth(samples, minutes)
    except ValueError as exc:
        print(f"SOAK FAILED: {exc} ({len(samples)} rounds)")
        return 1
    mib = 1024 * 1024
    summary = f"{len(samples)} rounds, RSS {baseline / mib:.1f} -> {final / mib:.1f} MiB"
    if growth > GROWTH_LIMIT:
        print(f"SOAK FAILED: memory grew {growth:+.1%} after warm-up ({summary})")
        return 1
    print(f"SOAK PASSED: memory {growth:+.1%} after warm-up ({summary})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Soak the Lab and Hike animations offscreen.")
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.minutes <= 0:
        parser.error("--minutes must be positive")
    if args.worker:
        return run_worker(args.minutes, args.data_dir or tempfile.mkdtemp(prefix="gdgame-soak-"))
    return run_parent(args.minutes)


if __name__ == "__main__":
    sys.exit(main())
