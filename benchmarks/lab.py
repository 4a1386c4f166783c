"""Benchmark the Lab's live plots and its learning-rate sweep (offscreen Qt).

Prints figures only (no asserts; speed is never a test):

* frame time of the live plots holding 100,000 steps (setData on preallocated arrays,
  'peak' downsampling, clip-to-view; one forced repaint per frame). Target <= 5 ms.
* the longest GUI-thread stall while a 10,000-rate sweep runs in its worker thread: a 1 ms
  QTimer records the largest gap between its ticks. Target < 50 ms.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/lab.py [--points 100000] [--rates 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdgame.engine import get_landscape  # noqa: E402
from gdgame.engine.presets import HikerSpec  # noqa: E402
from gdgame.ui.lab.live_plots import LivePlots  # noqa: E402
from gdgame.ui.lab.recording import RunRecording  # noqa: E402
from gdgame.ui.lab.sweep_panel import SweepPanel  # noqa: E402


def fake_recording(points: int, hikers: int) -> RunRecording:
    rng = np.random.default_rng(0)
    specs = [HikerSpec("sgd", 0.1, (1.0, 1.0)) for _ in range(hikers)]
    rec = RunRecording(specs, dim=2, capacity=points)
    steps = np.arange(points)[:, None]
    losses = np.exp(-steps / points * 5) * (1 + 0.1 * rng.standard_normal((points, hikers)))
    positions = rng.standard_normal((points, hikers, 2))
    rec.append(positions, losses, positions, np.full((points, hikers), 0.1))
    return rec


def bench_live_plots(app: QApplication, points: int, hikers: int, frames: int) -> None:
    """Time setData + paint of the three live plots (loss, gradient norm, rate)."""
    plots = LivePlots()
    plots.resize(1280, 300)
    plots.show()
    rec = fake_recording(points, hikers)
    plots.set_hikers(hikers)
    plots.show_recording(rec)
    app.processEvents()
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        plots.show_recording(rec)
        app.processEvents()  # lets Qt paint the three plots (benchmark only)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"live plots: {hikers} hiker(s) x {points:,} steps x 3 plots: "
        f"median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms per frame of "
        f"3 plots = {statistics.median(times) / 3:.2f} ms per plot (target <= 5 ms per plot)"
    )
    plots.close()


def bench_sweep_stall(app: QApplication, rates: int, steps: int) -> None:
    panel = SweepPanel()
    panel.count.setValue(rates)
    panel.steps.setValue(steps)
    landscape = get_landscape("rosenbrock")
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(1)

    def tick() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    ticker.timeout.connect(tick)
    loop = QEventLoop()
    panel.finished.connect(lambda *_: loop.quit())
    panel.cancelled.connect(loop.quit)
    started = time.perf_counter()
    clock.start()
    ticker.start()
    panel.start(landscape, np.array([-1.2, 1.0]), "sgd", {})
    loop.exec()
    ticker.stop()
    elapsed = time.perf_counter() - started
    panel.stop()
    print(
        f"sweep: {rates:,} rates x {steps} steps on rosenbrock in {elapsed:.2f} s; "
        f"longest GUI-thread stall {max(gaps):.1f} ms over {len(gaps)} ticks "
        "(target < 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--hikers", type=int, default=1)
    parser.add_argument("--frames", type=int, default=50)
    parser.add_argument("--rates", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=1000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    bench_live_plots(app, args.points, args.hikers, args.frames)
    bench_live_plots(app, args.points, 8, args.frames)
    bench_sweep_stall(app, args.rates, args.steps)


if __name__ == "__main__":
    main()
