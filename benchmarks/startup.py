"""Start-up time to the first window: frozen app vs source vs a bare PySide6+pyqtgraph window.

    python benchmarks/startup.py                 # 5 timed runs each (after 1 warm-up run)
    python benchmarks/startup.py --runs 10 --check

Each run starts a fresh process and measures wall time until it prints
"first window shown" (``gdgame --startup-probe`` prints it when the main window is
first shown, then quits; the bare baseline prints it right after showing a window
with one pyqtgraph plot). Targets from issue 8: frozen <= 1.2x source, and source
<= 1.3x the bare window. Prints medians and ratios; ``--check`` exits 1 when a target is
missed (timings on a shared machine are noisy, so CI only prints them). Runs offscreen
unless ``--platform`` says otherwise.
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
sys.path.insert(0, str(ROOT / "packaging"))
import freeze_config as cfg  # noqa: E402

MARKER = "first window shown"
FROZEN_VS_SOURCE_TARGET = 1.2
SOURCE_VS_BARE_TARGET = 1.3
BARE_WINDOW = f"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
window = QMainWindow()
plot = pg.PlotWidget()
plot.plot([0.0, 1.0, 2.0, 3.0], [4.0, 1.0, 0.5, 0.2])
window.setCentralWidget(plot)
window.resize(1280, 800)
window.show()
print({MARKER!r}, flush=True)
"""


def time_to_marker(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from starting ``command`` until it prints MARKER; RuntimeError otherwise."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    seen, elapsed, output = False, 0.0, []
    try:
        for line in process.stdout:
            output.append(line)
            if MARKER in line and not seen:
                seen, elapsed = True, time.perf_counter() - started
        process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
    if not seen:
        tail = "".join(output[-15:])
        raise RuntimeError(f"{command[0]} never printed {MARKER!r}:\n{tail}")
    return elapsed


def measure(label: str, command: list[str], env: dict[str, str], runs: int) -> float:
    time_to_marker(command, env)  # warm-up: file cache, font cache, .pyc files
    samples = [time_to_marker(command, env) for _ in range(runs)]
    median = statistics.median(samples)
    spread = f"min {min(samples):.3f} s, max {max(samples):.3f} s"
    print(f"{label:<8} median {median:.3f} s over {runs} runs ({spread})", flush=True)
    return median


def verdict(name: str, ratio: float, target: float) -> bool:
    ok = ratio <= target
    print(f"{name}: {ratio:.2f}x (target <= {target}x) -> {'ok' if ok else 'MISSED'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per variant")
    parser.add_argument("--binary", type=Path, default=cfg.executable_path())
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM to use")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    env.pop("GDGAME_DATA_DIR", None)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="gdgame-startup-") as data_dir:
        probe = ["--startup-probe", "--data-dir", data_dir]
        results["bare"] = measure("bare", [sys.executable, "-c", BARE_WINDOW], env, args.runs)
        source = [sys.executable, "-m", "gdgame", *probe]
        results["source"] = measure("source", source, env, args.runs)
        if args.binary.is_file():
            results["frozen"] = measure("frozen", [str(args.binary), *probe], env, args.runs)
        else:
            print(f"frozen   skipped: no build at {args.binary} (run packaging/build.py)")

    ok = verdict("source / bare", results["source"] / results["bare"], SOURCE_VS_BARE_TARGET)
    if "frozen" in results:
        ratio = results["frozen"] / results["source"]
        ok = verdict("frozen / source", ratio, FROZEN_VS_SOURCE_TARGET) and ok
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
