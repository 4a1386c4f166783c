"""Write a Lab run to CSV and JSON (Qt-free, so it is tested without a GUI).

CSV is "long" format: one row per hiker per step with self-describing column names, so it
opens as-is in a spreadsheet or ``pandas.read_csv``. JSON keeps the run's set-up (landscape,
noise, each hiker's optimiser, rate, hyperparameters, schedule, start) next to the steps.
Non-finite numbers (a diverged hiker) are written as empty cells / ``null``.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import asdict
from pathlib import Path

import numpy as np

from gdgame.ui.lab.recording import RunRecording

AXES = ("x", "y")
FORMAT_NAME = "gdgame-lab-run"
FORMAT_VERSION = 1


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
            label = spec.describe()
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


def run_to_dict(recording: RunRecording) -> dict:
    """A JSON-ready description of the run."""
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
                "label": spec.describe(),
                **setup,
                "diverged": bool(recording.diverged[h]),
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
    }


def write_json(recording: RunRecording, path: str | Path) -> Path:
    path = Path(path)
    text = json.dumps(run_to_dict(recording), indent=1, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def write_run(recording: RunRecording, path: str | Path) -> Path:
    """Write CSV or JSON depending on the file suffix (``.json`` -> JSON, else CSV)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return write_json(recording, path)
    return write_csv(recording, path)


def sweep_rows(lrs: np.ndarray, losses: np.ndarray) -> list[tuple[float, float | None]]:
    """(rate, final loss) pairs with non-finite losses as None, for tables and export."""
    return [(float(r), _number(v)) for r, v in zip(lrs, losses, strict=True)]
