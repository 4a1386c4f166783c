"""The descent engine: loss landscapes, optimisers, schedules and the descent loop.

Pure NumPy, no Qt. Typical use::

    from gdgame.engine import get_landscape, make_optimizer, descend, safe_lr

    hills = get_landscape("rosenbrock")
    path = descend(hills, [-1.2, 1.0], make_optimizer("adam", 0.01), steps=500)
    path.losses[-1], path.diverged, safe_lr(hills, path.final_position)

Modules: ``landscape`` (the base class), ``landscapes``/``landscapes_2d``/``random_landscape``
(the built-in hills), ``registry`` (lookup by name), ``optimizers``, ``schedules``,
``descent`` (the stepping core) and ``analysis`` (safe rate, rate sweep).
"""

from gdgame.engine.analysis import SweepCancelled, lr_sweep, max_curvature, safe_lr
from gdgame.engine.descent import Descent, StepRecord, Trajectory, descend, iter_descent
from gdgame.engine.landscape import Landscape
from gdgame.engine.optimizers import Optimizer, make_optimizer
from gdgame.engine.random_landscape import random_landscape
from gdgame.engine.registry import get_landscape, list_landscapes
from gdgame.engine.schedules import Schedule, make_schedule

__all__ = [
    "Descent",
    "Landscape",
    "Optimizer",
    "Schedule",
    "StepRecord",
    "SweepCancelled",
    "Trajectory",
    "descend",
    "get_landscape",
    "iter_descent",
    "list_landscapes",
    "lr_sweep",
    "make_optimizer",
    "make_schedule",
    "max_curvature",
    "random_landscape",
    "safe_lr",
]
