"""The descent engine: loss landscapes, optimisers, schedules and the descent loop.

Pure NumPy, no Qt. Typical use::

    from gdgame.engine import get_landscape, make_optimizer, descend, safe_lr

    hills = get_landscape("rosenbrock")
    path = descend(hills, [-1.2, 1.0], make_optimizer("adam", 0.01), steps=500)
    path.losses[-1], path.diverged, safe_lr(hills, path.final_position)

    line = get_landscape("penguin_mass", batch_size=16)   # a model on real data
    test = lr_range_test(line, [0.0, 0.0])                 # one run, rate growing
    descend(line, [0.0, 0.0], make_optimizer("sgd", test.suggested_rate), 150, seed=1)

Modules: ``landscape`` (the base class), ``landscapes``/``landscapes_2d``/``random_hills``
(the built-in hills), ``registry`` (lookup by name), ``optimizers``, ``schedules``,
``descent`` (the stepping core), ``analysis`` (safe rate, rate sweep), ``data`` (the penguin
table), ``minibatch``/``linear_model``/``logistic_model`` (models on real data, mini-batch
gradients) and ``range_test`` (the learning-rate range test). The names are imported on first
use, so start-up can load the modules one at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gdgame.lazy_names import lazy_names

if TYPE_CHECKING:  # for readers and type checkers (and gdgame.ui.preload reads them too)
    from gdgame.engine.analysis import SweepCancelled, lr_sweep, max_curvature, safe_lr
    from gdgame.engine.descent import Descent, StepRecord, Trajectory, descend, iter_descent
    from gdgame.engine.landscape import Landscape
    from gdgame.engine.minibatch import DataLandscape, DataView
    from gdgame.engine.optimizers import Optimizer, make_optimizer
    from gdgame.engine.random_hills import random_landscape
    from gdgame.engine.range_test import RangeTest, lr_range_test, smooth_log_losses
    from gdgame.engine.registry import get_landscape, list_landscapes
    from gdgame.engine.schedules import Schedule, make_schedule

_HOMES = {
    "SweepCancelled": "gdgame.engine.analysis",
    "lr_sweep": "gdgame.engine.analysis",
    "max_curvature": "gdgame.engine.analysis",
    "safe_lr": "gdgame.engine.analysis",
    "Descent": "gdgame.engine.descent",
    "StepRecord": "gdgame.engine.descent",
    "Trajectory": "gdgame.engine.descent",
    "descend": "gdgame.engine.descent",
    "iter_descent": "gdgame.engine.descent",
    "Landscape": "gdgame.engine.landscape",
    "DataLandscape": "gdgame.engine.minibatch",
    "DataView": "gdgame.engine.minibatch",
    "Optimizer": "gdgame.engine.optimizers",
    "make_optimizer": "gdgame.engine.optimizers",
    "random_landscape": "gdgame.engine.random_hills",
    "RangeTest": "gdgame.engine.range_test",
    "lr_range_test": "gdgame.engine.range_test",
    "smooth_log_losses": "gdgame.engine.range_test",
    "get_landscape": "gdgame.engine.registry",
    "list_landscapes": "gdgame.engine.registry",
    "Schedule": "gdgame.engine.schedules",
    "make_schedule": "gdgame.engine.schedules",
}

__all__ = [
    "DataLandscape",
    "DataView",
    "Descent",
    "Landscape",
    "Optimizer",
    "RangeTest",
    "Schedule",
    "StepRecord",
    "SweepCancelled",
    "Trajectory",
    "descend",
    "get_landscape",
    "iter_descent",
    "list_landscapes",
    "lr_range_test",
    "lr_sweep",
    "make_optimizer",
    "make_schedule",
    "max_curvature",
    "random_landscape",
    "safe_lr",
    "smooth_log_losses",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())
