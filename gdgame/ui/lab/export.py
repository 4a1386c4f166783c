"""Write a Lab run to CSV and JSON (Qt-free, so it is tested without a GUI).

CSV is "long" format: one row per hiker per step with self-describing column names, so it
opens as-is in a spreadsheet or ``pandas.read_csv``; the results table (final and best
loss, steps to the goal, divergence, the winner) goes to a second file, ``NAME-results.csv``.
JSON keeps the run's set-up (landscape, noise, each hiker's optimiser, rate,
hyperparameters, schedule, start) and its results next to the steps.
Non-finite numbers (a diverged hiker) are written as empty cells / ``null``.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import asdict
from pathlib import Path

import numpy as np

from gdgame.engine.analysis import best_result
from gdgame.ui.lab.names import hiker_name
from gdgame.ui.lab.recording import RunRecording

AXES = ("x", "y")
FORMAT_NAME = "gdgame-lab-run"
FORMAT_VERSION = 2  # 2: results per hiker, diverged_at
RESULT_COLUMNS = [
    "hiker",
    "label",
    "optimizer",
    "learning_rate",
    "final_loss",
    "best_loss",
    "best_step",
    "goal_tolerance",
    "steps_to_goal",
    "diverged_at",
    "winner",
]


def csv_columns(dim: int) -> list[str]:
    axes = AXES[:dim]
    return [
        "landscape",
        "noise",
        "hiker",
        "label",
        "optimizer",
        "schedule",
        "step",
        *[f"position_{a}" for a in axes],
        "loss",
        *[f"gradient_{a}" for a in axes],
        "gradient_norm",
        "learning_rate",
        "diverged",
    ]


def _number(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _cell(value: float) -> str:
    value = float(value)
    return repr(value) if math.isfinite(value) else ""


def write_csv(recording: RunRecording, path: str | Path) -> Path:
    """Write every hiker's every step to ``path``; returns the path."""
    path = Path(path)
    norms = recording.gradient_norms()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_columns(recording.dim))
        for h, spec in enumerate(recording.hikers):
            label = hiker_name(spec)
            for step in range(recording.count):
                writer.writerow(
                    [
                        recording.landscape,
                        recording.noise,
                        h + 1,
                        label,
                        spec.optimizer,
                        spec.schedule,
                        step,
                        *[_cell(v) for v in recording.positions[step, h]],
                        _cell(recording.losses[step, h]),
                        *[_cell(v) for v in recording.gradients[step, h]],
                        _cell(norms[step, h]),
                        _cell(recording.lrs[step, h]),
                        int(bool(recording.diverged[h]) and step == recording.count - 1),
                    ]
                )
    return path


def results_rows(recording: RunRecording, tolerance: float) -> list[dict]:
    """One dict per hiker: the results table (``RunRecording.results``), JSON-ready."""
    results = recording.results(tolerance)
    winner = best_result(results) if results else None
    return [
        {
            "hiker": h + 1,
            "label": hiker_name(spec),
            "optimizer": spec.optimizer,
            "learning_rate": spec.lr,
            "final_loss": _number(result.final_loss),
            "best_loss": _number(result.best_loss),
            "best_step": result.best_step,
            "goal_tolerance": tolerance,
            "steps_to_goal": result.goal_step,
            "diverged_at": result.diverged_at,
            "winner": h == winner,
        }
        for h, (spec, result) in enumerate(zip(recording.hikers, results, strict=True))
    ]


def results_path(run_path: str | Path) -> Path:
    """Where the results table of a CSV run goes: ``run.csv`` -> ``run-results.csv``."""
    run_path = Path(run_path)
    return run_path.with_name(run_path.stem + "-results.csv")


def write_results(recording: RunRecording, tolerance: float, run_path: str | Path) -> Path:
    """The results table as CSV beside the run (:func:`results_path`)."""
    path = results_path(run_path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, RESULT_COLUMNS)
        writer.writeheader()
        for row in results_rows(recording, tolerance):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return path


def run_to_dict(recording: RunRecording, tolerance: float = 1e-3) -> dict:
    """A JSON-ready description of the run and its results."""
    hikers = []
    for h, spec in enumerate(recording.hikers):
        setup = asdict(spec)
        setup["start"] = list(spec.start)
        steps = [
            {
                "step": step,
                "position": [_number(v) for v in recording.positions[step, h]],
                "loss": _number(recording.losses[step, h]),
                "gradient": [_number(v) for v in recording.gradients[step, h]],
                "learning_rate": _number(recording.lrs[step, h]),
            }
            for step in range(recording.count)
        ]
        hikers.append(
            {
                "hiker": h + 1,
                "label": hiker_name(spec),
                **setup,
                "diverged": bool(recording.diverged[h]),
                "diverged_at": _step_or_none(recording.diverged_at[h]),
                "steps": steps,
            }
        )
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "landscape": recording.landscape,
        "dimensions": recording.dim,
        "noise": recording.noise,
        "step_count": max(recording.count - 1, 0),
        "hikers": hikers,
        "results": results_rows(recording, tolerance),
    }


def _step_or_none(step) -> int | None:
    return None if int(step) < 0 else int(step)


def write_json(recording: RunRecording, path: str | Path, tolerance: float = 1e-3) -> Path:
    path = Path(path)
    text = json.dumps(run_to_dict(recording, tolerance), indent=1, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def write_run(recording: RunRecording, path: str | Path, tolerance: float = 1e-3) -> Path:
    """Write CSV or JSON depending on the file suffix (``.json`` -> JSON, else CSV)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return write_json(recording, path, tolerance)
    return write_csv(recording, path)


def sweep_rows(lrs: np.ndarray, losses: np.ndarray) -> list[tuple[float, float | None]]:
    """(rate, final loss) pairs with non-finite losses as None, for tables and export."""
    return [(float(r), _number(v)) for r, v in zip(lrs, losses, strict=True)]
