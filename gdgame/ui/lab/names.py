"""What the Lab calls things on screen (ids stay ids in files and settings).

Landscapes and optimisers come from the project's one table, ``gdgame.display_names``.
Schedules and hyperparameters are not in it yet: their names live here until they move
there (one table each, nothing else in the Lab shows an id).
"""

from __future__ import annotations

from gdgame import display_names
from gdgame.display_names import optimizer_name

__all__ = [
    "optimizer_name",
    "schedule_name",
    "parameter_name",
    "landscape_name",
    "hiker_name",
]

SCHEDULE_NAMES = {
    "constant": "Constant",
    "step": "Step decay",
    "exponential": "Exponential decay",
    "cosine": "Cosine decay",
    "linear_warmup": "Linear warm-up",
}
PARAMETER_NAMES = {
    "momentum": "Momentum",
    "alpha": "Alpha (averaging)",
    "beta1": "Beta 1 (mean)",
    "beta2": "Beta 2 (squares)",
    "step_size": "Step size",
    "gamma": "Gamma",
    "t_max": "Length (t max)",
    "eta_min": "Lowest rate",
    "warmup_steps": "Warm-up steps",
}
EXTRA_LANDSCAPES = {"random": "Random (seeded)", "custom": "Custom formula"}


def schedule_name(schedule_id: str) -> str:
    return SCHEDULE_NAMES.get(schedule_id) or display_names.words_from_id(schedule_id)


def parameter_name(name: str) -> str:
    return PARAMETER_NAMES.get(name) or display_names.words_from_id(name)


def landscape_name(landscape_id: str) -> str:
    """The landscape's own title ("Banana valley (Rosenbrock)"), never its registry id."""
    return EXTRA_LANDSCAPES.get(landscape_id) or display_names.landscape_name(landscape_id)


def hiker_name(spec) -> str:
    """ "Adam lr=0.1 (Cosine decay)", or the preset's own label."""
    if spec.label:
        return spec.label
    text = f"{optimizer_name(spec.optimizer)} lr={spec.lr:.4g}"
    momentum = spec.hyper.get("momentum")
    if spec.optimizer in ("momentum", "nesterov") and momentum is not None and momentum != 0.9:
        text += f" μ={momentum:.3g}"
    if spec.schedule != "constant":
        text += f" ({schedule_name(spec.schedule)})"
    return text
