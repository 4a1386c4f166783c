"""Benchmark the Lab's live plots and its learning-rate sweep (offscreen Qt).

Prints figures only (no asserts; speed is never a test):

* frame time of the live plots of 8 hikers near the end of a 100,000-step run: each frame
  the steps that arrived are appended, folded into the min/max envelope and painted.
  Target: median <= 16 ms, worst <= 33 ms per frame of 3 plots (issue 14).
* the phase map: 200 x 200 (rate, momentum) cells x 300 steps in one engine pass.
* the longest GUI-thread stall while a 10,000-rate sweep runs in its worker thread: a 1 ms
  QTimer records the largest gap between its ticks. Target < 50 ms.
* the longest GUI-thread stall when leaving the Lab mid-run after 60,000 recorded steps with
  8 hikers: once while it plays, once right after coming back and pressing Play again (the
  worker then resumes the run), and when leaving in the middle of a sweep. Target <= 100 ms.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/lab.py [--points 100000] [--rates 10000]
      [--recorded 60000] [--only leave]
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


def fake_rows(points: int, hikers: int, seed: int = 0):
    """Losses falling from 1 with noise, random positions, rate 0.1: ``points`` steps."""
    rng = np.random.default_rng(seed)
    steps = np.arange(points)[:, None]
    losses = np.exp(-steps / points * 5) * (1 + 0.1 * rng.standard_normal((points, hikers)))
    positions = rng.standard_normal((points, hikers, 2))
    return positions, losses, positions, np.full((points, hikers), 0.1)


def fake_recording(points: int, hikers: int) -> RunRecording:
    specs = [HikerSpec("sgd", 0.1, (1.0, 1.0)) for _ in range(hikers)]
    rec = RunRecording(specs, dim=2, capacity=points)
    rec.append(*fake_rows(points, hikers))
    return rec


def bench_live_plots(app: QApplication, points: int, hikers: int, frames: int, batch: int) -> None:
    """A live run near its end: each frame ``batch`` new steps arrive, then the three plots
    (loss, gradient norm, rate) are updated and painted."""
    plots = LivePlots()
    plots.resize(1280, 300)
    plots.show()
    rows = fake_rows(points, hikers)
    specs = [HikerSpec("sgd", 0.1, (1.0, 1.0)) for _ in range(hikers)]
    rec = RunRecording(specs, dim=2, capacity=points)
    frames = min(frames, (points - 1) // batch)
    first = points - frames * batch
    rec.append(*(part[:first] for part in rows))
    plots.set_hikers(hikers, steps=points - 1)
    app.processEvents()
    started = time.perf_counter()
    plots.show_recording(rec)
    app.processEvents()  # the first full paint; the axes show their numbers from now on
    app.processEvents()  # ... and the layout settles (as after a run's second step)
    whole = (time.perf_counter() - started) * 1000
    times, cpu = [], []
    for frame in range(frames):
        lo, hi = first + frame * batch, first + (frame + 1) * batch
        start, start_cpu = time.perf_counter(), time.thread_time()
        rec.append(*(part[lo:hi] for part in rows))
        plots.show_recording(rec)
        app.processEvents()  # lets Qt paint the three plots (benchmark only)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    print(
        f"live plots: {hikers} hiker(s) x {points:,} steps, {batch} new steps per frame: "
        f"median {statistics.median(times):.2f} ms, worst {max(times):.2f} ms per frame of "
        f"3 plots (target: median <= 16 ms, worst <= 33 ms); GUI-thread CPU median "
        f"{statistics.median(cpu):.2f} ms, worst {max(cpu):.2f} ms; first full draw {whole:.1f} ms"
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


def bench_phase_map(cells: int, steps: int) -> None:
    from gdgame.engine.phase_map import momentum_phase_map

    for name, x0 in (("rosenbrock", [-1.2, 1.0]), ("himmelblau", [-1.0, 0.5])):
        landscape = get_landscape(name)
        rates, momenta = np.logspace(-4, 0, cells), np.linspace(0, 0.99, cells)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            momentum_phase_map(landscape, np.array(x0), rates, momenta, steps)
            times.append(time.perf_counter() - started)
        print(
            f"phase map: {cells} x {cells} cells x {steps} steps on {name} in one pass: "
            f"best {min(times):.2f} s, median {statistics.median(times):.2f} s"
        )


class StallClock:
    """A 1 ms QTimer on the GUI thread; the largest gap between two ticks is the worst stall."""

    def __init__(self):
        self.worst = 0.0
        self._clock = QElapsedTimer()
        self._ticker = QTimer()
        self._ticker.setInterval(1)
        self._ticker.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.worst = max(self.worst, self._clock.nsecsElapsed() / 1e6)
        self._clock.restart()

    def __enter__(self) -> StallClock:
        self.worst = 0.0
        self._clock.start()
        self._ticker.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._tick()
        self._ticker.stop()


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def record_steps(lab, count: int) -> float:
    """Fill the Lab's recording with ``count`` steps as fast as the worker makes them."""
    started = time.perf_counter()
    controller = lab.controller
    if hasattr(controller, "request"):
        controller.request(count + 1 - controller.recording.count)
    while controller.recording.count <= count:
        if not hasattr(controller, "request") and not controller._pending:  # gdgame <= 0.1
            controller._request(min(5000, count + 1 - controller.recording.count))
        QApplication.processEvents()  # benchmark only: deliver the worker's batches
    return time.perf_counter() - started


def _leave(window, stalls: dict, name: str) -> None:
    """Switch from the Lab to a blank screen; record the worst GUI stall of the next 300 ms.

    A blank screen, so the figure is the Lab's own cost of leaving (stopping its workers,
    late results arriving), not the first paint of whatever screen comes next.
    """
    with StallClock() as clock:
        started = time.perf_counter()
        window.navigate("blank")
        call = (time.perf_counter() - started) * 1000
        spin(300)
    stalls[name] = (clock.worst, call)


def bench_leave_lab(recorded: int, hikers: int) -> None:
    """Leave the Lab (as a user does: pick another screen) mid-run after a long recording."""
    import tempfile

    from gdgame.paths import resolve
    from gdgame.ui.context import AppContext
    from gdgame.ui.lab.run_setup import LandscapeChoice
    from gdgame.ui.lab.screen import LabScreen
    from gdgame.ui.main_window import MainWindow
    from gdgame.ui.screen import Screen

    class BlankScreen(Screen):
        screen_id, title = "blank", "Blank"

    folder = tempfile.mkdtemp(prefix="gdgame-bench-")
    window = MainWindow(AppContext.for_folder(resolve(folder).ensure()), [BlankScreen, LabScreen])
    window.resize(1280, 800)
    window.show()
    window.navigate("lab")
    lab = window.screen("lab")
    lab.landscapes.select(LandscapeChoice(kind="quadratic", params={"scales": (1.0, 4.0)}))
    lab.hikers.set_specs(
        [HikerSpec("sgd" if i % 2 else "adam", 0.001 * (i + 1), (2.0, 1.5)) for i in range(hikers)]
    )
    lab.run_panel.set_steps(10 * recorded)
    lab.run_panel.speed.setValue(lab.run_panel.speed.maximum())
    lab.reset_run()
    took = record_steps(lab, recorded)
    print(f"leave lab: recorded {recorded:,} steps x {hikers} hikers in {took:.1f} s")
    stalls: dict[str, tuple[float, float]] = {}
    lab.controller.play()
    spin(300)
    _leave(window, stalls, "leave while playing")
    with StallClock() as clock:
        window.navigate("lab")  # comes back: one full redraw of every step recorded
        spin(300)
    back = clock.worst
    lab.controller.play()  # a new worker resumes the run (gdgame 0.1 replayed it first)
    controller = lab.controller
    waited = time.perf_counter()
    while not (controller._job is not None and controller._pending):
        spin(5)  # until the new worker has been asked for steps
        if time.perf_counter() - waited > 5:
            break
    spin(100)
    _leave(window, stalls, "leave right after resuming")
    window.navigate("lab")
    lab.sweep.count.setValue(10_000)
    lab.sweep.steps.setValue(5000)
    lab.start_sweep()
    spin(300)
    _leave(window, stalls, "leave during a 10,000-rate sweep")
    for name, (worst, call) in stalls.items():
        print(f"leave lab: {name}: navigate() {call:.1f} ms, worst GUI stall {worst:.1f} ms")
    worst = max(w for w, _ in stalls.values())
    print(f"leave lab: worst GUI stall {worst:.1f} ms (target <= 100 ms)")
    print(f"(coming back to the Lab redraws {recorded:,} steps x {hikers}: stall {back:.1f} ms)")
    window.shutdown()
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--hikers", type=int, default=1)
    parser.add_argument("--frames", type=int, default=50)
    parser.add_argument("--rates", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--recorded", type=int, default=60_000)
    parser.add_argument("--phase-cells", type=int, default=200)
    parser.add_argument("--phase-steps", type=int, default=300)
    parser.add_argument("--only", choices=("plots", "sweep", "leave", "phase"))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    if args.only in (None, "plots"):
        bench_live_plots(app, args.points, args.hikers, args.frames, 34)  # 1000 steps/s
        bench_live_plots(app, args.points, 8, args.frames, 34)
        bench_live_plots(app, args.points, 8, args.frames, 1000)  # fast-forward
    if args.only in (None, "phase"):
        bench_phase_map(args.phase_cells, args.phase_steps)
    if args.only in (None, "sweep"):
        bench_sweep_stall(app, args.rates, args.steps)
    if args.only in (None, "leave"):
        bench_leave_lab(args.recorded, 8)


if __name__ == "__main__":
    main()
