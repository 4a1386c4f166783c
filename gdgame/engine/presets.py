"""Ready-made Lab experiments that Learn chapters and Hike levels can open by id.

A preset names a landscape (an engine landscape, or a custom formula) and up to eight
hikers, each with its optimiser, learning rate, hyperparameters, schedule and start.
Open one in the Lab with ``ctx.navigate("lab", preset=ID)``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

MAX_HIKERS = 8
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
SCHEDULES = ("constant", "step", "exponential", "cosine", "linear_warmup")


@dataclass(frozen=True)
class HikerSpec:
    """One hiker: how it steps (optimiser, rate, hyperparameters, schedule) and where it starts."""

    optimizer: str = "sgd"
    lr: float = 0.1
    start: tuple[float, ...] = (2.0,)
    hyper: dict[str, float] = field(default_factory=dict)
    schedule: str = "constant"
    schedule_params: dict[str, float] = field(default_factory=dict)
    label: str = ""

    def describe(self) -> str:
        text = self.label or f"{self.optimizer} lr={self.lr:.4g}"
        if self.schedule != "constant" and not self.label:
            text += f" ({self.schedule})"
        return text


@dataclass(frozen=True)
class Preset:
    """A Lab experiment: landscape, hikers, number of steps and gradient noise."""

    id: str
    title: str
    description: str
    landscape: str
    hikers: tuple[HikerSpec, ...]
    landscape_params: dict[str, object] = field(default_factory=dict)
    formula: str = ""  # used when landscape == "custom"
    steps: int = 60
    noise: float = 0.0
    seed: int = 0
    log_loss: bool = False  # show the loss plot on a log scale


PRESETS: tuple[Preset, ...] = (
    Preset(
        id="overshoot-demo",
        title="Overshoot demo",
        description=(
            "One bowl, three rates. The small rate glides in, the rate just under the safe "
            "limit (2/L = 1) jumps from side to side but still settles, and the rate just "
            "above it is thrown further out at every step until it leaves the map. On the "
            "log-scale loss plot the three are three straight lines: down fast, down slowly, up."
        ),
        landscape="quadratic",
        landscape_params={"scales": (2.0,)},
        hikers=(
            HikerSpec("sgd", 0.2, (1.2,), label="calm: lr 0.2"),
            HikerSpec("sgd", 0.9, (1.2,), label="zig-zag: lr 0.9"),
            HikerSpec("sgd", 1.04, (1.2,), label="overshoot: lr 1.04"),
        ),
        steps=40,
        log_loss=True,
    ),
    Preset(
        id="too-small",
        title="Too small a step",
        description=(
            "The same bowl with a tiny rate: the hiker is safe but crawls, and after many "
            "steps it is still far from the bottom. A sensible rate arrives in a few steps."
        ),
        landscape="quadratic",
        landscape_params={"scales": (2.0,)},
        hikers=(
            HikerSpec("sgd", 0.001, (2.5,), label="crawl: lr 0.001"),
            HikerSpec("sgd", 0.02, (2.5,), label="slow: lr 0.02"),
            HikerSpec("sgd", 0.3, (2.5,), label="good: lr 0.3"),
        ),
        steps=100,
    ),
    Preset(
        id="momentum-ravine",
        title="Momentum on a ravine",
        description=(
            "A long narrow valley: plain gradient descent bounces between the steep walls "
            "and creeps along the floor. Momentum builds speed along the floor; Nesterov "
            "looks ahead; Adam rescales each direction."
        ),
        landscape="ravine",
        landscape_params={"condition": 100.0},
        hikers=(
            HikerSpec("sgd", 0.018, (-2.8, 1.0), label="sgd lr 0.018"),
            HikerSpec("momentum", 0.005, (-2.8, 1.0), {"momentum": 0.9}, label="momentum 0.9"),
            HikerSpec("nesterov", 0.005, (-2.8, 1.0), {"momentum": 0.9}, label="nesterov 0.9"),
            HikerSpec("adam", 0.1, (-2.8, 1.0), label="adam lr 0.1"),
        ),
        steps=120,
    ),
    Preset(
        id="decay-schedule",
        title="Decay schedule",
        description=(
            "Noisy slopes on a bowl. A constant rate keeps jittering around the bottom; "
            "a decaying rate takes big steps first and small careful steps at the end. "
            "The loss plot is on a log scale: the decaying hikers end far lower."
        ),
        landscape="quadratic",
        landscape_params={"scales": (1.0, 4.0)},
        hikers=(
            HikerSpec("sgd", 0.2, (2.5, 2.0), label="constant lr 0.2"),
            HikerSpec(
                "sgd",
                0.2,
                (2.5, 2.0),
                schedule="step",
                schedule_params={"step_size": 25, "gamma": 0.3},
                label="step decay",
            ),
            HikerSpec(
                "sgd",
                0.2,
                (2.5, 2.0),
                schedule="cosine",
                schedule_params={"t_max": 100, "eta_min": 0.0},
                label="cosine decay",
            ),
        ),
        steps=100,
        noise=1.0,
        seed=7,
        log_loss=True,
    ),
    Preset(
        id="penguin-batches",
        title="Penguin line in mini-batches",
        description=(
            "The line through the penguins (flipper lengths standardised), each step feeling "
            "the slope of a fresh batch of 4 penguins. A constant rate gets close fast, then "
            "jitters around the best line for good; a rate that decays every step calms the "
            "jitter and ends closer: on the log-scale loss plot one keeps wobbling, the "
            "other sinks."
        ),
        landscape="penguin_mass",
        landscape_params={"batch_size": 4},
        hikers=(
            HikerSpec("sgd", 0.2, (0.0, 0.0), label="constant lr 0.2"),
            HikerSpec(
                "sgd",
                0.2,
                (0.0, 0.0),
                schedule="exponential",
                schedule_params={"gamma": 0.95},
                label="lr 0.2, x0.95 per step",
            ),
        ),
        steps=60,
        seed=3,
        log_loss=True,
    ),
)


def list_presets() -> list[str]:
    """Preset ids in menu order."""
    return [p.id for p in PRESETS]


def get_preset(preset_id: str) -> Preset:
    """The preset with this id; ``KeyError`` with the known ids if there is none."""
    for preset in PRESETS:
        if preset.id == preset_id:
            return preset
    raise KeyError(f"unknown Lab preset {preset_id!r}; known: {', '.join(list_presets())}")


# --- saving a Lab set-up (the settings file keeps the hikers as JSON) ------------------------
MAX_LABEL = 200
MAX_PARAMETERS = 16


class SetupError(ValueError):
    """A saved hiker (or list of hikers) that cannot be used; the message says why."""


def hiker_to_dict(spec: HikerSpec) -> dict:
    data = asdict(spec)
    data["start"] = list(spec.start)
    return data


def _finite(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SetupError(f"{what} must be a number")
    if not math.isfinite(value):
        raise SetupError(f"{what} must be finite")
    return float(value)


def _numbers(table, what: str) -> dict[str, float]:
    if not isinstance(table, dict) or len(table) > MAX_PARAMETERS:
        raise SetupError(f"{what} must be a small table of numbers")
    out = {}
    for key, value in table.items():
        if not isinstance(key, str) or not key.isidentifier():
            raise SetupError(f"{what} has a bad name")
        out[key] = _finite(value, f"{what} {key}")
    return out


def hiker_from_dict(data) -> HikerSpec:
    """A :class:`HikerSpec` from saved data, checked for shape and type (ranges are the
    Lab's business: it clamps them to its input limits); :class:`SetupError` if unusable."""
    if not isinstance(data, dict):
        raise SetupError("a hiker must be a table")
    optimizer = data.get("optimizer")
    if optimizer not in OPTIMIZERS:
        raise SetupError(f"unknown optimiser {optimizer!r}")
    schedule = data.get("schedule", "constant")
    if schedule not in SCHEDULES:
        raise SetupError(f"unknown schedule {schedule!r}")
    start = data.get("start")
    if not isinstance(start, list | tuple) or not 1 <= len(start) <= 2:
        raise SetupError("a start has one or two coordinates")
    label = data.get("label", "")
    if not isinstance(label, str) or len(label) > MAX_LABEL:
        raise SetupError("a label must be a short text")
    return HikerSpec(
        optimizer=optimizer,
        lr=_finite(data.get("lr"), "lr"),
        start=tuple(_finite(v, "start") for v in start),
        hyper=_numbers(data.get("hyper", {}), "hyper"),
        schedule=schedule,
        schedule_params=_numbers(data.get("schedule_params", {}), "schedule_params"),
        label=label,
    )


def hikers_from_list(data) -> list[HikerSpec]:
    if not isinstance(data, list) or not 1 <= len(data) <= MAX_HIKERS:
        raise SetupError(f"the Lab races 1 to {MAX_HIKERS} hikers")
    return [hiker_from_dict(item) for item in data]
