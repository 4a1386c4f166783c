"""Recompute every kind of lesson claim with the descent engine (no Qt).

:func:`recompute` runs the engine (:mod:`gdgame.engine`) on the claim's inputs and returns
every result its kind can state. Nothing here uses the closed-form answers the text
explains (1 - rate x L, 2/L, sqrt(kappa)); the numbers come from walking the engine's
landscapes, so a test that compares them with the stored claims checks the text against
what the engine really does. The kinds about the penguin models live in
:mod:`gdgame.lesson.data_claims`.
"""

from __future__ import annotations

import math

import numpy as np

from gdgame.engine import Descent, descend, lr_sweep, make_optimizer
from gdgame.engine.landscapes import Quadratic
from gdgame.lesson.claims import MAX_BOWL_STEPS, Claim
from gdgame.lesson.regimes import CRAWL_BELOW

SAME = 1e-9  # relative change that still counts as "the same distance"
LIMIT_STEPS = 2000  # steps used to tell a growing run from a shrinking one
MAX_COUNT = 100_000  # longest run :func:`steps_to_shrink` will try


def recompute(claim: Claim) -> dict[str, float | str]:
    """Every result of ``claim``'s kind, computed with the engine from its inputs."""
    from gdgame.lesson.data_claims import CHECKS as DATA_CHECKS  # (it imports this module)

    check = _CHECKS.get(claim.check) or DATA_CHECKS[claim.check]
    return dict(check(**claim.inputs()))  # a copy: the data checks cache their results


# -- one update -------------------------------------------------------------------------
def _update(w: float, gradient: float, rate: float) -> dict[str, float]:
    optimizer = make_optimizer("sgd", rate)
    position = np.array([[w]], dtype=np.float64)
    optimizer.step(position, np.array([[gradient]], dtype=np.float64), rate)
    w_new = float(position[0, 0])
    return {"w_new": w_new, "change": abs(w - w_new)}


# -- a constant rate on a bowl ----------------------------------------------------------
def classify_path(distances: np.ndarray) -> str:
    """The regime a run shows, read off its signed distances to the bottom (step 0 first)."""
    d = np.asarray(distances, dtype=np.float64)
    start = abs(d[0])
    if not np.all(np.isfinite(d)):
        return "divergence"
    if np.all(np.abs(d[1:]) <= SAME * start):
        return "one-step"
    sizes = np.abs(d)
    if np.all(np.sign(d[1:]) == np.sign(d[:-1])):
        closed = 1.0 - sizes[1] / sizes[0]
        return "crawl" if closed < CRAWL_BELOW * (1 - SAME) else "descent"
    if np.all(np.abs(sizes - start) <= SAME * start):
        return "bounce"
    if np.all(sizes[1:] > sizes[:-1]):
        return "divergence"
    if np.all(sizes[1:] < sizes[:-1]):
        return "overshoot"
    raise ValueError(f"a bowl run with no clear regime: {d}")


def _bowl(curvature, start, bottom, rate, steps) -> dict[str, float | str]:
    bowl = Quadratic((curvature,))
    run = descend(bowl, [start - bottom], rate, steps=int(steps))
    distances = run.positions[:, 0]
    results: dict[str, float | str] = {
        "g0": float(bowl.gradient([start - bottom])[0]),
        "rate_x_l": rate * float(bowl.max_curvature([0.0])),
        "multiplier": float(distances[1] / distances[0]),
        "regime": classify_path(distances),
    }
    results["size"] = abs(results["multiplier"])
    for k in range(1, min(int(steps), MAX_BOWL_STEPS) + 1):
        results[f"p{k}"] = float(bottom + distances[k])
    for k in range(min(int(steps), MAX_BOWL_STEPS) + 1):
        results[f"loss{k}"] = float(run.losses[k])
    return results


# -- 1/L and 2/L ------------------------------------------------------------------------
def _one_step_rate(bowl: Quadratic) -> float:
    """The rate whose first step from 1 lands on the bottom (the step is linear in the rate)."""
    after = [float(descend(bowl, [1.0], rate, steps=1).positions[1, 0]) for rate in (0.5, 1.0)]
    slope = (after[1] - after[0]) / 0.5
    return 0.5 - after[0] / slope


def stability_limit(bowl, start=1.0, steps: int = LIMIT_STEPS) -> float:
    """The largest rate whose run of ``steps`` steps from ``start`` (a number on a 1-D bowl,
    or a point) does not end higher than it started, found by zooming in on a rate sweep."""
    start = np.atleast_1d(np.asarray(start, dtype=np.float64))
    start_loss = float(bowl.value(start))
    low, high = 0.0, 1.0
    while not _grows(bowl, start, high, start_loss, steps):
        low, high = high, high * 2.0
    for _ in range(8):
        rates = np.linspace(low, high, 65)[1:]
        grows = lr_sweep(bowl, start, rates, steps) > start_loss * (1 + 1e-12)
        first = int(np.argmax(grows))
        low, high = (rates[first - 1] if first else low), rates[first]
    return 0.5 * (low + high)


def _grows(bowl, start, rate, start_loss, steps) -> bool:
    return bool(lr_sweep(bowl, start, [rate], steps)[0] > start_loss * (1 + 1e-12))


def _limits(curvature: float) -> dict[str, float]:
    bowl = Quadratic((curvature,))
    return {"one_over_l": _one_step_rate(bowl), "two_over_l": stability_limit(bowl)}


# -- a long, narrow bowl ----------------------------------------------------------------
def reach(landscape, direction: np.ndarray, level: float, bottom=0.0) -> float:
    """How far from ``bottom`` along ``direction`` the loss reaches ``level`` (bisection)."""

    def below(distance: float) -> bool:
        return landscape.value(bottom + distance * direction) < level

    low, high = 0.0, 1.0
    while below(high):
        high *= 2.0
    for _ in range(200):
        middle = 0.5 * (low + high)
        low, high = (middle, high) if below(middle) else (low, middle)
    return 0.5 * (low + high)


def steps_to_shrink(landscape, start, optimizer, factor: float) -> int:
    """Steps until the distance to the bottom is ``factor`` times smaller for good.

    "For good": the run is followed for as many steps again, and a later step back above
    the target restarts the count from there (momentum can swing back out).
    """
    walker = Descent(landscape, start, optimizer)
    target = float(np.linalg.norm(start)) / factor
    last_above, k = 0, 0
    while k < max(2 * last_above, 1) + 10:
        if k >= MAX_COUNT:
            raise ValueError(f"not {factor} times closer after {MAX_COUNT} steps")
        walker.step()
        k += 1
        if float(np.linalg.norm(walker.X[0])) > target:
            last_above = k
    return last_above + 1


def _condition(steep: float, flat: float, factor: float) -> dict[str, float]:
    bowl = Quadratic((flat, steep))  # the flat direction is x, the steep one y
    curvatures = np.linalg.eigvalsh(bowl.hessian([0.0, 0.0]))
    low, high = float(curvatures[0]), float(curvatures[-1])
    along, across = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    best_rate = 2.0 / (low + high)  # the rate that shrinks both directions equally fast
    one_step = descend(bowl, along, best_rate, steps=1).positions[1]
    kappa = high / low
    momentum_rate = 4.0 / (math.sqrt(high) + math.sqrt(low)) ** 2  # tuned heavy ball
    momentum = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
    start = np.array([1.0, 1.0])
    tuned = make_optimizer("sgd", momentum_rate, momentum=momentum)
    return {
        "kappa": kappa,
        "contour_ratio": reach(bowl, along, 1.0) / reach(bowl, across, 1.0),
        "best_rate": best_rate,
        "flat_multiplier": float(one_step[0]),
        "steps_plain": steps_to_shrink(bowl, start, best_rate, factor),
        "momentum_rate": momentum_rate,
        "momentum": momentum,
        "steps_momentum": steps_to_shrink(bowl, start, tuned, factor),
    }


_CHECKS = {
    "update": _update,
    "bowl": _bowl,
    "limits": _limits,
    "condition": _condition,
}
