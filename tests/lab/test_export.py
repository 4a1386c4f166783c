"""Run recording and CSV/JSON export (Qt-free)."""

from __future__ import annotations

import csv
import json

import numpy as np

from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.export import csv_columns, run_to_dict, sweep_rows, write_run
from gdgame.ui.lab.recording import RunRecording


def make_recording(steps=5, capacity=2):
    hikers = [HikerSpec("sgd", 0.1, (1.0, 2.0)), HikerSpec("adam", 0.01, (0.0, 1.0), label="A")]
    rec = RunRecording(hikers, dim=2, landscape="quadratic", noise=0.5, capacity=capacity)
    for k in range(steps + 1):
        positions = np.array([[[1.0 - 0.1 * k, 2.0], [0.0, 1.0 + k]]])
        losses = np.array([[float(k), np.inf if k == steps else 2.0 * k]])
        rec.append(
            positions,
            losses,
            positions * 2,
            np.array([[np.nan if k == 0 else 0.1, 0.01]]),
            np.array([[False, k == steps]]),
        )
    return rec


def test_recording_grows_and_keeps_rows():
    rec = make_recording(steps=9, capacity=2)
    assert rec.count == 10 and rec.capacity >= 10
    np.testing.assert_allclose(rec.positions[:10, 0, 0], 1.0 - 0.1 * np.arange(10))
    assert rec.gradient_norms().shape == (10, 2)
    assert list(rec.diverged) == [False, True]
    np.testing.assert_array_equal(rec.steps(), np.arange(10))


def test_csv_is_long_format_with_named_columns(tmp_path):
    rec = make_recording()
    path = write_run(rec, tmp_path / "run.csv")
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == csv_columns(2)
    assert len(rows) == 2 * 6
    first = rows[0]
    assert first["hiker"] == "1" and first["optimizer"] == "sgd" and first["step"] == "0"
    setup = (first["landscape"], first["noise"], first["schedule"])
    assert setup == ("quadratic", "0.5", "constant")
    assert float(first["position_x"]) == 1.0 and float(first["gradient_y"]) == 4.0
    assert first["learning_rate"] == ""  # no step taken yet
    last_adam = rows[-1]
    assert last_adam["label"] == "A" and last_adam["loss"] == "" and last_adam["diverged"] == "1"


def test_json_has_setup_and_every_step_without_nan(tmp_path):
    rec = make_recording()
    path = write_run(rec, tmp_path / "run.json")
    data = json.loads(path.read_text())
    assert data["format"] == "gdgame-lab-run" and data["step_count"] == 5
    assert data["noise"] == 0.5 and data["dimensions"] == 2
    adam = data["hikers"][1]
    assert adam["optimizer"] == "adam" and adam["lr"] == 0.01 and adam["start"] == [0.0, 1.0]
    assert len(adam["steps"]) == 6 and adam["steps"][-1]["loss"] is None
    assert adam["diverged"] is True
    assert data["hikers"][0]["steps"][0]["learning_rate"] is None
    assert run_to_dict(rec) == data


def test_sweep_rows_mark_diverged_rates():
    rows = sweep_rows(np.array([0.1, 1.0]), np.array([0.5, np.inf]))
    assert rows == [(0.1, 0.5), (1.0, None)]
