"""Learning-rate schedules: change the rate as the descent goes on.

A schedule maps the step number k (0 for the first step) and the base rate to the rate used
at step k, the way torch.optim.lr_scheduler does when you call ``scheduler.step()`` once per
optimiser step (step k uses the rate after k scheduler steps):

* ``constant``: always the base rate.
* ``step`` (StepLR): multiply by ``gamma`` every ``step_size`` steps: a staircase.
* ``exponential`` (ExponentialLR): multiply by ``gamma`` every step: a smooth decay.
* ``cosine`` (CosineAnnealingLR): glide from the base rate down to ``eta_min`` along half a
  cosine wave over ``t_max`` steps (and back up after that, as torch does).
* ``linear_warmup`` (LinearLR): start small and grow in a straight line to the base rate over
  ``warmup_steps`` steps, then stay there. The first rate is base / (warmup_steps + 1), i.e.
  torch's LinearLR with start_factor = 1 / (warmup_steps + 1) and total_iters = warmup_steps.

Base rates may be a number or an array (one rate per hiker); the result has the same shape.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["Schedule", "make_schedule", "SCHEDULES"]


class Schedule:
    """Base class: ``rate(k, base_lr)`` is the learning rate used at step k."""

    name = "constant"

    def __init__(self, **params):
        self.params = params

    def rate(self, k: int, base_lr):
        return base_lr

    def rates(self, steps: int, base_lr=1.0) -> np.ndarray:
        """The rates of the first ``steps`` steps, e.g. to plot the schedule."""
        return np.array([self.rate(k, base_lr) for k in range(steps)], dtype=np.float64)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"make_schedule({self.name!r}, {args})" if args else f"make_schedule({self.name!r})"


def _positive_int(value, what: str) -> int:
    if int(value) != value or value < 1:
        raise ValueError(f"{what} must be a whole number of at least 1")
    return int(value)


class StepSchedule(Schedule):
    name = "step"

    def __init__(self, step_size: int = 10, gamma: float = 0.5):
        super().__init__(step_size=step_size, gamma=gamma)
        self.step_size = _positive_int(step_size, "step_size")
        self.gamma = float(gamma)
        if not self.gamma > 0:
            raise ValueError("gamma must be positive")

    def rate(self, k, base_lr):
        return base_lr * self.gamma ** (k // self.step_size)


class ExponentialSchedule(Schedule):
    name = "exponential"

    def __init__(self, gamma: float = 0.99):
        super().__init__(gamma=gamma)
        self.gamma = float(gamma)
        if not self.gamma > 0:
            raise ValueError("gamma must be positive")

    def rate(self, k, base_lr):
        return base_lr * self.gamma**k


class CosineSchedule(Schedule):
    name = "cosine"

    def __init__(self, t_max: int = 100, eta_min: float = 0.0):
        super().__init__(t_max=t_max, eta_min=eta_min)
        self.t_max = _positive_int(t_max, "t_max")
        self.eta_min = float(eta_min)
        if not self.eta_min >= 0:
            raise ValueError("eta_min must be 0 or more")

    def rate(self, k, base_lr):
        wave = (1 + math.cos(math.pi * k / self.t_max)) / 2
        return self.eta_min + (base_lr - self.eta_min) * wave


class LinearWarmupSchedule(Schedule):
    name = "linear_warmup"

    def __init__(self, warmup_steps: int = 10):
        super().__init__(warmup_steps=warmup_steps)
        self.warmup_steps = _positive_int(warmup_steps, "warmup_steps")

    def rate(self, k, base_lr):
        return base_lr * ((min(k, self.warmup_steps) + 1) / (self.warmup_steps + 1))


SCHEDULES: dict[str, type[Schedule]] = {
    cls.name: cls
    for cls in (Schedule, StepSchedule, ExponentialSchedule, CosineSchedule, LinearWarmupSchedule)
}


def make_schedule(name: str, **params) -> Schedule:
    """Build a schedule by name: constant, step, exponential, cosine or linear_warmup.

    Parameters: step(step_size, gamma), exponential(gamma), cosine(t_max, eta_min),
    linear_warmup(warmup_steps). ``"warmup"`` is accepted as a short name for linear_warmup.
    """
    key = name.strip().lower().replace("-", "_")
    key = {"warmup": "linear_warmup", "none": "constant"}.get(key, key)
    if key not in SCHEDULES:
        raise ValueError(f"unknown schedule {name!r}; choose one of: {', '.join(SCHEDULES)}")
    return SCHEDULES[key](**params)
