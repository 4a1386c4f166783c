"""Benchmark the Lab's data panel (offscreen Qt): the cost of one live frame.

Prints figures only (no asserts; speed is never a test). Each frame the panel asks the
engine for every hiker's model (one ``model_lines`` call), updates one segment per hiker and
rings the selected hiker's latest mini-batch ("update"); then the whole plot is painted
into an image ("paint": the points, axes and the 8 models). Measured for 8 hikers
on the penguin line with mini-batches of 8 and on the two-species boundary, over a
recording that grows by one step per frame (as during a race).
Target: a few ms per frame (median), so the panel adds little to the live plots' budget.

Run:  QT_QPA_PLATFORM=offscreen python benchmarks/lab_data_panel.py [--frames 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gdgame.engine import get_landscape  # noqa: E402
from gdgame.engine.presets import HikerSpec  # noqa: E402
from gdgame.ui.lab.data_panel import DataPanel  # noqa: E402
from gdgame.ui.lab.recording import RunRecording  # noqa: E402
from gdgame.ui.lab.run_setup import hiker_stream  # noqa: E402

HIKERS = 8


def frame_times(app, name: str, params: dict, frames: int) -> tuple[list[float], list[float]]:
    landscape = get_landscape(name, **params)
    specs = [HikerSpec("sgd", 0.02 * (i + 1), (0.5 * i - 1.0, 1.0)) for i in range(HIKERS)]
    panel = DataPanel()
    panel.resize(640, 480)
    panel.show()
    panel.set_landscape(landscape)
    panel.set_hikers([f"hiker {i + 1}" for i in range(HIKERS)])
    recording = RunRecording(specs, landscape.dim)
    stream = hiker_stream(landscape, specs, frames)
    updates, paints = [], []
    for item in stream:
        recording.append(*(np.asarray(part)[None] for part in item))
        started = time.perf_counter()
        panel.show_recording(recording)
        updated = time.perf_counter()
        panel.plot.grab()  # paint the whole plot now: points, axes and the 8 models
        painted = time.perf_counter()
        app.processEvents()
        updates.append(updated - started)
        paints.append(painted - updated)
    panel.close()
    return updates[1:], paints[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    for name, params in (
        ("penguin_mass", {"batch_size": 8}),
        ("penguin_species", {}),
    ):
        updates, paints = frame_times(app, name, params, args.frames)
        print(f"data panel, {HIKERS} hikers, {name} {params or ''} ({len(updates)} frames):")
        frames = [u + p for u, p in zip(updates, paints, strict=True)]
        for what, times in (("update", updates), ("paint", paints), ("frame", frames)):
            ms = [1000 * t for t in times]
            print(
                f"  {what:6s} median {statistics.median(ms):.2f} ms, "
                f"95% {np.percentile(ms, 95):.2f} ms, worst {max(ms):.2f} ms"
            )


if __name__ == "__main__":
    main()
