"""Recompute the lesson's claims about models on real data with the engine (no Qt).

The penguin chapter states numbers about the engine's data landscapes: the line that
guesses a penguin's body mass from its flipper length (``penguin_mass`` with standardised
flipper lengths, ``penguin_mass_unscaled`` with centimetres), the classifier that tells two
species apart by their bills (``penguin_species``), their mini-batches and the
learning-rate range test. Each function here builds the landscape the engine builds and
measures: curvatures from its Hessian (1/L is one over the largest), the largest stable
rate by walking it
(:func:`~gdgame.lesson.claim_checks.stability_limit`), walks with
:func:`~gdgame.engine.descend`, batch slopes from the rows
:class:`~gdgame.engine.minibatch.MiniBatches` deals. Inputs arrive as floats (claim
tables); ``scaled`` is 1 for standardised inputs and 0 for raw ones; ``batch`` 0 means
every row.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from gdgame.engine import descend, lr_range_test, make_schedule
from gdgame.engine.linear_model import PenguinMass, PenguinMassUnscaled
from gdgame.engine.logistic_model import PenguinSpecies, PenguinSpeciesUnscaled
from gdgame.engine.minibatch import MiniBatches
from gdgame.lesson.claim_checks import reach, stability_limit

ZERO_LINE = (0.0, 0.0)
"""Where the Hike's penguin levels start: weight and bias both zero."""
CONTOUR_RISE = 1.0
"""The contour the contour ratio is measured on: this much above the lowest loss."""
LIMIT_STEPS = 400
"""Steps a walk takes to tell a growing run from a settling one (enough to see a rate
a millionth above the limit grow on the unscaled ravine, whose floor barely moves)."""


def _line(scaled: float, batch: float = 0.0):
    cls = PenguinMass if scaled else PenguinMassUnscaled
    return cls(batch_size=int(batch) or None)


def _reach(line, direction: np.ndarray) -> float:
    """How far from the best line along ``direction`` the loss rises by ``CONTOUR_RISE``."""
    return reach(line, direction, line.global_min_value + CONTOUR_RISE, line.minima[0])


@cache
def penguin_line(scaled: float) -> dict[str, float]:
    line = _line(scaled)
    curvatures, directions = np.linalg.eigh(line.hessian(line.minima[0]))
    flat, steep = float(curvatures[0]), float(curvatures[-1])
    along, across = directions[:, 0], directions[:, -1]
    feature = line.feature
    return {
        "rows": line.n_rows,
        "feature_min": float(feature.min()),
        "feature_max": float(feature.max()),
        "feature_mean": float(feature.mean()),
        "feature_sd": float(feature.std()),
        "steep": steep,
        "flat": flat,
        "kappa": steep / flat,
        "contour_ratio": _reach(line, along) / _reach(line, across),
        # along the floor: how much the bias moves against each unit of weight
        "floor_ratio": float(-along[1] / along[0]),
        "one_over_l": 1.0 / steep,
        "two_over_l": stability_limit(line, np.array(ZERO_LINE), LIMIT_STEPS),
        "start_loss": float(line.value(ZERO_LINE)),
        "best_loss": line.global_min_value,
        "best_miss": math.sqrt(line.global_min_value),
    }


@cache
def penguin_walk(scaled, rate, steps, batch, gamma, runs) -> dict[str, float]:
    line = _line(scaled, batch)
    schedule = None if gamma == 1 else make_schedule("exponential", gamma=gamma)
    first, final = [], []
    for seed in range(int(runs)):
        path = descend(line, ZERO_LINE, rate, int(steps), schedule=schedule, seed=seed)
        first.append(float(path.losses[1]))
        final.append(float(path.losses[-1]))
    best = line.global_min_value
    return {
        "rate_x_l": rate * float(np.linalg.eigvalsh(line.hessian(ZERO_LINE))[-1]),
        "first_loss": float(np.mean(first)),
        "loss": float(np.mean(final)),
        "excess": float(np.mean(final)) - best,
        "best_loss": best,
    }


@cache
def batch_slope(batch: float, epochs: float, seed: float) -> dict[str, float]:
    """The slope mini-batches feel at the best line of the scaled penguin line, where the
    exact slope is zero: its typical length is the root mean square over ``epochs``
    epochs of batches, dealt as the engine deals them (each row once per epoch)."""
    line = _line(1, batch)
    best = line.minima[0]
    dealer = MiniBatches(line.n_rows, line.batch_size, np.random.default_rng(int(seed)))
    sizes, squares = [], []
    while dealer.epochs < epochs:
        rows = dealer.next()
        sizes.append(len(rows))
        squares.append(float(np.sum(line.batch_gradient(best, rows) ** 2)))
    per_epoch = int(np.searchsorted(np.cumsum(sizes), line.n_rows)) + 1
    return {
        "rows": line.n_rows,
        "per_epoch": per_epoch,
        "last_batch": sizes[per_epoch - 1],
        "typical": math.sqrt(float(np.mean(squares))),
        "full_slope": float(np.linalg.norm(line.gradient(best))),
    }


@cache
def range_test(scaled, batch, lr_min, lr_max, steps, seed, budget) -> dict[str, float]:
    line = _line(scaled, batch)
    test = lr_range_test(line, ZERO_LINE, lr_min, lr_max, int(steps), seed=int(seed))
    exact = _line(scaled)
    final = float(descend(exact, ZERO_LINE, test.suggested_rate, int(budget)).losses[-1])
    return {
        "steepest": test.steepest_rate,
        "minimum": test.minimum_rate,
        "min_over_ten": test.min_over_ten,
        "suggested": test.suggested_rate,
        "stopped_at": float(test.rates[-1]),
        "one_over_l": 1.0 / float(np.linalg.eigvalsh(exact.hessian(ZERO_LINE))[-1]),
        "budget_loss": final,
        "budget_excess": final - exact.global_min_value,
    }


@cache
def penguin_species(scaled: float) -> dict[str, float]:
    model = PenguinSpecies() if scaled else PenguinSpeciesUnscaled()
    best = model.minima[0]
    return {
        "rows": model.n_rows,
        "start_probability": float(model.predict(ZERO_LINE, model.bill_mm[:1])[0]),
        "start_loss": float(model.value(ZERO_LINE)),
        "best_loss": model.global_min_value,
        "best_accuracy": float(model.accuracy(best)),
    }


CHECKS = {
    "penguin-line": penguin_line,
    "penguin-walk": penguin_walk,
    "batch-slope": batch_slope,
    "range-test": range_test,
    "penguin-species": penguin_species,
}
