"""The Lab keeps the mini-batch rows of each hiker's latest step (Qt-free)."""

from __future__ import annotations

import numpy as np

from gdgame.engine import get_landscape
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.recording import RunRecording
from gdgame.ui.lab.run_setup import hiker_stream

HIKERS = [HikerSpec("sgd", 0.1, (0.0, 0.0)), HikerSpec("sgd", 0.3, (1.0, -1.0))]


def record(landscape, steps: int, chunk: int = 1) -> RunRecording:
    recording = RunRecording(HIKERS, landscape.dim)
    items = list(hiker_stream(landscape, HIKERS, steps))
    for first in range(0, len(items), chunk):
        part = items[first : first + chunk]
        recording.append(*(np.stack(p) for p in zip(*part, strict=True)))
    return recording


def test_the_latest_steps_rows_are_the_batch_whose_slope_made_that_step():
    land = get_landscape("penguin_mass", batch_size=5)
    for chunk in (1, 3):  # steps arrive one by one or several at once
        recording = record(land, 7, chunk)
        k = recording.count - 1
        for i, spec in enumerate(HIKERS):
            rows = recording.last_step_batch(i)
            assert len(rows) == 5 and len(set(rows.tolist())) == 5
            before, after = recording.positions[k - 1, i], recording.positions[k, i]
            slope = land.batch_gradient(before, rows)
            np.testing.assert_allclose(after, before - spec.lr * slope, rtol=1e-12)
            other = np.setdiff1d(np.arange(land.n_rows), rows)[:5]
            assert not np.allclose(after, before - spec.lr * land.batch_gradient(before, other))


def test_no_rows_without_mini_batches_or_before_the_first_step():
    assert record(get_landscape("penguin_mass"), 4).last_step_batch(0) is None
    assert record(get_landscape("quadratic"), 4).last_step_batch(1) is None
    assert record(get_landscape("penguin_mass", batch_size=5), 0).last_step_batch(0) is None
