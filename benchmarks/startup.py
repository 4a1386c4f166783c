"""Start-up time: gdgame from source (and frozen) vs a bare PySide6 + pyqtgraph window.

    python benchmarks/startup.py                 # 7 interleaved rounds after a warm-up round
    python benchmarks/startup.py --runs 11 --check

Every run is a fresh process, timed from its start by this script. Three figures per run:

* first window: until it prints "first window shown" (the main window was shown);
* time to interactive: until it prints "interactive": a 50 ms single-shot timer armed when
  ``app.exec()`` is called has fired, so the window is shown *and* the event loop is free
  to answer the user (work done in the first event-loop turns delays it);
* whole process: until the process has exited (it closes its window right after
  "interactive": start, show, quit).

Then, in separate runs (``--startup-stalls``), the longest blocked event-loop turn during
the first 3 s of the event loop (how late a 5 ms timer came at worst; background screen
building must never block longer than 50 ms). Both gdgame and the bare window use the same
probes (gdgame.ui.startup_probe). Variants run interleaved (bare, source, frozen, bare,
...) so a change in machine load hits all alike; medians are printed with the load average.

Targets (issue 17): time to interactive <= 1.15x the bare window, whole process <= 1.3x,
longest blocked turn <= 50 ms, frozen <= 1.0x source. ``--check`` exits 1 when one is missed
(timings on a shared machine are noisy, so CI only prints them). Runs offscreen unless
``--platform`` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import freeze_config as cfg  # noqa: E402

SHOWN = "first window shown"
INTERACTIVE = "interactive"
LONGEST = re.compile(r"longest blocked turn: ([0-9.]+) ms")
TARGETS = {
    "interactive": ("time to interactive, source / bare", 1.15),
    "whole": ("whole process, source / bare", 1.3),
}
FROZEN_VS_SOURCE_TARGET = 1.0
BLOCKED_TARGET_MS = 50.0
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
from gdgame.ui import startup_probe as probes
app = QApplication(sys.argv[:1])
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot([0.0, 1.0, 2.0, 3.0], [4.0, 1.0, 0.5, 0.2])
window.setCentralWidget(plot)
window.resize(1280, 800)
window.show()
print(probes.SHOWN, flush=True)
if "--startup-stalls" in sys.argv:
    probe = probes.LoopWatch(finish=window.close)
    probe.start()
else:
    probe = probes.arm_interactive(finish=window.close)
app.exec()
"""


def run_once(command: list[str], env: dict[str, str], timeout: float = 60.0) -> dict[str, float]:
    """Seconds from start to each marker and to exit (and the longest blocked turn, in ms)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    times: dict[str, float] = {}
    output = []
    try:
        for line in process.stdout:
            output.append(line)
            now = time.perf_counter() - started
            if SHOWN in line:
                times.setdefault("shown", now)
            elif line.strip() == INTERACTIVE:
                times.setdefault("interactive", now)
            elif match := LONGEST.search(line):
                times["blocked_ms"] = float(match.group(1))
        process.wait(timeout=timeout)
        times["whole"] = time.perf_counter() - started
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    if "shown" not in times or process.returncode != 0:
        tail = "".join(output[-15:])
        raise RuntimeError(f"{command[0]} failed (exit {process.returncode}):\n{tail}")
    return times


def interleaved(
    variants: dict[str, list[str]], env: dict[str, str], rounds: int
) -> dict[str, list[dict[str, float]]]:
    """One warm-up round (file cache, .pyc files), then ``rounds`` timed rounds in turn."""
    for command in variants.values():
        run_once(command, env)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, command in variants.items():
            samples[name].append(run_once(command, env))
    return samples


def median(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median(sample[key] for sample in samples)


def verdict(name: str, value: float, target: float, unit: str = "x") -> bool:
    ok = value <= target
    shown = f"{value:.2f}x" if unit == "x" else f"{value:.0f} {unit}"
    print(f"{name}: {shown} (target <= {target}{unit}) -> {'ok' if ok else 'MISSED'}")
    return ok


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed rounds")
    parser.add_argument("--stall-runs", type=int, default=3, help="rounds of the 3 s loop watch")
    parser.add_argument("--binary", type=Path, default=cfg.executable_path())
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM to use")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    env.pop("GDGAME_DATA_DIR", None)
    print(f"before: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="gdgame-startup-") as data_dir:
        probe = ["--data-dir", data_dir]
        variants = {
            "bare": [sys.executable, "-c", BARE_WINDOW],
            "source": [sys.executable, "-m", "gdgame", *probe],
        }
        if args.binary.is_file():
            variants["frozen"] = [str(args.binary), *probe]
        else:
            print(f"frozen: skipped, no build at {args.binary} (run packaging/build.py)")
        timed = interleaved(
            {name: [*cmd, "--startup-probe"] for name, cmd in variants.items()}, env, args.runs
        )
        stalls = interleaved(
            {name: [*cmd, "--startup-stalls"] for name, cmd in variants.items()},
            env,
            args.stall_runs,
        )
    print(f"after: {load()}\n")
    print(f"medians over {args.runs} runs   first window   interactive   whole process")
    for name, samples in timed.items():
        figures = [median(samples, key) for key in ("shown", "interactive", "whole")]
        print(f"  {name:<8} " + "".join(f"{value:>14.3f} s" for value in figures))
    print(f"longest blocked event-loop turn in the first 3 s (median of {args.stall_runs}):")
    for name, samples in stalls.items():
        values = ", ".join(f"{s['blocked_ms']:.0f}" for s in samples)
        print(f"  {name:<8} {median(samples, 'blocked_ms'):>6.0f} ms   (runs: {values} ms)")
    print()

    ratio = median(timed["source"], "shown") / median(timed["bare"], "shown")
    print(f"first window, source / bare: {ratio:.2f}x")
    ok = True
    for key, (label, target) in TARGETS.items():
        ratio = median(timed["source"], key) / median(timed["bare"], key)
        ok = verdict(label, ratio, target) and ok
    blocked = median(stalls["source"], "blocked_ms")
    ok = verdict("longest blocked turn, source", blocked, BLOCKED_TARGET_MS, "ms") and ok
    if "frozen" in timed:
        for key in ("shown", "interactive"):
            ratio = median(timed["frozen"], key) / median(timed["source"], key)
            ok = verdict(f"frozen / source ({key})", ratio, FROZEN_VS_SOURCE_TARGET) and ok
        blocked = median(stalls["frozen"], "blocked_ms")
        ok = verdict("longest blocked turn, frozen", blocked, BLOCKED_TARGET_MS, "ms") and ok
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
