"""The Lab remembers its set-up across restarts: landscape (or formula), hikers, steps,
noise, goal tolerance, sweep range and the view switches.

Values are read through ``settings_store`` (the schema checks their shape: a damaged file
gives the defaults), then fitted to the Lab's input limits here: a rate of 1e9 becomes the
largest rate the Lab offers, an unknown hyperparameter is dropped, a hiker the engine
would still refuse is left out. So whatever the file says, the Lab opens on a valid set-up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QSettings

from gdgame.engine.presets import HikerSpec, SetupError, hiker_to_dict, hikers_from_list
from gdgame.ui import settings_store
from gdgame.ui.lab.input_limits import HYPERPARAMETERS, LEARNING_RATE, SCHEDULE_PARAMETERS
from gdgame.ui.lab.run_setup import LandscapeChoice, hiker_problem

KEYS = {
    "steps": "lab/steps",
    "noise": "lab/noise",
    "tolerance": "lab/goal_tolerance",
    "sweep_low": "lab/sweep_low",
    "sweep_high": "lab/sweep_high",
    "sweep_count": "lab/sweep_count",
    "sweep_steps": "lab/sweep_steps",
    "view_3d": "lab/view_3d",
    "vectors": "lab/vectors",
}


@dataclass
class LabSetup:
    """Everything the Lab restores; ``hikers`` empty means "the Lab's default hikers"."""

    choice: LandscapeChoice
    hikers: list[HikerSpec] = field(default_factory=list)
    values: dict = field(default_factory=dict)


def fit_spec(spec: HikerSpec) -> HikerSpec | None:
    """``spec`` with every number inside the Lab's limits; None if still unusable."""
    hyper = {
        limit.name: limit.clamp(spec.hyper[limit.name])
        for limit in HYPERPARAMETERS[spec.optimizer]
        if limit.name in spec.hyper
    }
    params = {
        limit.name: limit.clamp(spec.schedule_params[limit.name])
        for limit in SCHEDULE_PARAMETERS[spec.schedule]
        if limit.name in spec.schedule_params
    }
    fitted = replace(spec, lr=LEARNING_RATE.clamp(spec.lr), hyper=hyper, schedule_params=params)
    return None if hiker_problem(fitted) else fitted


def choice_to_dict(choice: LandscapeChoice) -> dict:
    return {
        "kind": choice.kind,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in choice.params.items()},
        "formula": choice.formula,
        "seed": choice.seed,
        "dim": choice.dim,
        "difficulty": choice.difficulty,
    }


def choice_from_dict(data: dict) -> LandscapeChoice:
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in data.get("params", {}).items()}
    return LandscapeChoice(
        kind=data["kind"],
        params=params,
        formula=data.get("formula", ""),
        seed=int(data.get("seed", 0)),
        dim=int(data.get("dim", 2)),
        difficulty=float(data.get("difficulty", 0.5)),
    )


def load(settings: QSettings) -> LabSetup:
    choice = choice_from_dict(json.loads(settings_store.read(settings, "lab/landscape")))
    hikers: list[HikerSpec] = []
    saved = settings_store.read(settings, "lab/hikers")
    if saved:
        try:
            hikers = [s for s in map(fit_spec, hikers_from_list(json.loads(saved))) if s]
        except (SetupError, ValueError):
            hikers = []
    values = {name: settings_store.read(settings, key) for name, key in KEYS.items()}
    return LabSetup(choice, hikers, values)


def save(settings: QSettings, choice: LandscapeChoice, hikers: list[HikerSpec], values) -> None:
    settings.setValue("lab/landscape", json.dumps(choice_to_dict(choice), sort_keys=True))
    settings.setValue("lab/hikers", json.dumps([hiker_to_dict(s) for s in hikers]))
    for name, key in KEYS.items():
        if name in values:
            settings.setValue(key, values[name])
