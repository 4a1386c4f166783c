"""What the Lab calls things on screen (ids stay ids in files and settings).

A stop-gap: the project's one display-name table (``gdgame/display_names.py``) is being
written; when it lands, these three functions become imports from it. Until then the Lab
asks only here, so nothing else in the Lab shows an internal id.
"""

from __future__ import annotations

from functools import cache

from gdgame.engine import get_landscape

OPTIMIZER_NAMES = {
    "sgd": "SGD",
    "momentum": "Momentum",
    "nesterov": "Nesterov",
    "adagrad": "Adagrad",
    "rmsprop": "RMSprop",
    "adam": "Adam",
}
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


def optimizer_name(optimizer_id: str) -> str:
    return OPTIMIZER_NAMES.get(optimizer_id, optimizer_id)


def schedule_name(schedule_id: str) -> str:
    return SCHEDULE_NAMES.get(schedule_id, schedule_id.replace("_", " "))


def parameter_name(name: str) -> str:
    return PARAMETER_NAMES.get(name, name.replace("_", " "))


@cache
def landscape_name(landscape_id: str) -> str:
    """The landscape's own title ("Banana valley (Rosenbrock)"), never its registry id."""
    if landscape_id in EXTRA_LANDSCAPES:
        return EXTRA_LANDSCAPES[landscape_id]
    try:
        return get_landscape(landscape_id).title
    except (KeyError, ValueError, TypeError):
        return landscape_id.replace("_", " ")


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
