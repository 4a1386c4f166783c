"""What the end-of-level reveal shows: the true surface, the player's path, ghost paths (no Qt).

Ghosts are hikers that knew nothing more than the player but never changed their rate:
the best *fixed* learning rate for this level (played by the Hike's own rules on the same
ground with the same felt noise, over a log-spaced grid of rates), and Adam with its best
rate from the same kind of grid. The reveal also carries the player's failed leaps (steps
off the map and steps taken back) and the speed limits met at each step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdgame.engine import DataLandscape, DataView, descend, make_optimizer
from gdgame.game import terrain
from gdgame.game.hike import Hike, SpeedLimits
from gdgame.game.hints import SLIDER_MAX, SLIDER_MIN
from gdgame.game.levels import Level
from gdgame.game.regimes import local_curvatures

GHOST_RATES = np.logspace(-4, 1, 201)  # the rate control's range, 1e-4 .. 10
ADAM_RATES = np.logspace(-3, 0.5, 15)
GHOST_SEED = 12345


@dataclass(frozen=True)
class Ghost:
    label: str
    optimizer: str
    lr: float
    path: np.ndarray  # (steps + 1, dim), cut at the step that reaches the goal
    losses: np.ndarray
    won_at: int | None  # step index that reached the goal, or None


@dataclass(frozen=True)
class Surface:
    """Landscape values on a grid.

    1D: ``values[i] = f(xs[i])``; 2D: ``values[i, j] = f(xs[i], ys[j])``.
    """

    xs: np.ndarray
    ys: np.ndarray | None
    values: np.ndarray


@dataclass(frozen=True)
class ModelFit:
    """On a level whose landscape is a model's loss on real data: the data, the model at the
    player's final position and the best model (segments ``[[x0, y0], [x1, y1]]``)."""

    data: DataView
    player: np.ndarray
    best: np.ndarray


@dataclass(frozen=True)
class RevealData:
    dim: int
    surface: Surface
    player_path: np.ndarray
    player_losses: np.ndarray
    ghosts: tuple[Ghost, ...]
    minima: np.ndarray
    global_minima: np.ndarray
    floor: float  # the global minimum value: altitudes are shown above it
    failed_leaps: tuple[tuple[np.ndarray, np.ndarray, str], ...] = ()
    speed_limits: SpeedLimits | None = None
    fit: ModelFit | None = None
    axis_names: tuple[str, ...] | None = None
    landscape: object = None  # the true landscape, for views that draw it themselves (3-D)


def plot_box(landscape, paths=()) -> tuple[tuple[float, float], ...]:
    """The landscape's bounds, grown to hold every finite point of ``paths``."""
    box = []
    for axis, (lo, hi) in enumerate(landscape.bounds):
        for path in paths:
            column = np.asarray(path, dtype=float)[:, axis]
            column = column[np.isfinite(column)]
            if column.size:
                lo, hi = min(lo, float(column.min())), max(hi, float(column.max()))
        pad = 0.03 * (hi - lo)
        box.append((lo - pad, hi + pad))
    return tuple(box)


def surface(landscape, box=None, resolution: int = 160) -> Surface:
    box = box or landscape.bounds
    xs = np.linspace(box[0][0], box[0][1], resolution)
    if landscape.dim == 1:
        values = np.asarray(landscape.value(xs[:, None]), dtype=float)
        return Surface(xs=xs, ys=None, values=values)
    ys = np.linspace(box[1][0], box[1][1], resolution)
    gx, gy = np.meshgrid(xs, ys, indexing="ij")
    points = np.column_stack([gx.ravel(), gy.ravel()])
    values = np.asarray(landscape.value(points), dtype=float).reshape(gx.shape)
    return Surface(xs=xs, ys=ys, values=values)


def _reached(level: Level, landscape, positions: np.ndarray, losses: np.ndarray) -> np.ndarray:
    """Boolean ``(steps + 1, n)``: whether each hiker is at the goal after each step."""
    goal = level.goal
    if goal.kind == "radius":
        targets = terrain.global_minima(landscape)
        gaps = np.linalg.norm(positions[:, :, None, :] - targets[None, None], axis=-1)
        return np.nan_to_num(gaps.min(axis=-1), nan=np.inf) <= goal.tolerance
    gap = np.nan_to_num(losses - float(landscape.global_min_value), nan=np.inf)
    return gap <= goal.tolerance


def _best_ghost(level: Level, landscape, optimizer: str, rates: np.ndarray, label: str) -> Ghost:
    start = np.asarray(level.start, dtype=float)
    starts = np.repeat(start[None, :], len(rates), axis=0)
    steps = level.step_budget
    with np.errstate(all="ignore"):
        run = descend(
            landscape,
            starts,
            make_optimizer(optimizer, np.asarray(rates, dtype=float)),
            steps,
            noise=level.noise,
            seed=GHOST_SEED,
        )
    positions = np.asarray(run.positions, dtype=float)
    losses = np.asarray(run.losses, dtype=float)
    reached = _reached(level, landscape, positions, losses)
    first = np.where(reached.any(axis=0), reached.argmax(axis=0), steps + 1)
    final = np.nan_to_num(losses[-1], nan=np.inf)
    best = int(np.lexsort((final, first))[0])
    won_at = int(first[best]) if first[best] <= steps else None
    end = (won_at if won_at is not None else steps) + 1
    path = positions[:end, best]
    keep = np.all(np.isfinite(path), axis=1)
    return Ghost(
        label=label.format(lr=float(rates[best])),
        optimizer=optimizer,
        lr=float(rates[best]),
        path=path[keep],
        losses=losses[:end, best][keep],
        won_at=won_at,
    )


def ghost_rates(level: Level, landscape) -> np.ndarray:
    """The constant rates the fixed-rate ghost tries: a fine log grid plus the theory's
    one-step rate 1/L at the start (L: the sharpest bend there), so a player who used
    exactly 1/L is never told that a worse grid rate was "the best fixed rate"."""
    bends = local_curvatures(landscape, terrain.as_point(level.start))
    sharpest = float(np.max(bends)) if np.size(bends) else math.nan
    one_step = 1.0 / sharpest if math.isfinite(sharpest) and sharpest > 0 else math.nan
    extra = [one_step] if SLIDER_MIN <= one_step <= SLIDER_MAX else []  # a rate you can pick
    return np.unique(np.concatenate([GHOST_RATES, extra]))


def _fixed_rate_ghost(level: Level, landscape) -> Ghost:
    """The best constant rate, walked by the Hike's rules (same felt noise as the player)."""
    from gdgame.game.oracle import constant_rate_runs

    rates = ghost_rates(level, landscape)
    steps, losses = constant_rate_runs(level, rates, landscape)
    best = int(np.lexsort((np.nan_to_num(losses, nan=np.inf), steps))[0])
    rate = float(rates[best])
    hike = Hike(level, landscape)
    while not hike.finished:
        hike.step(rate)
    return Ghost(
        label=f"best fixed rate {rate:.3g}",
        optimizer="sgd",
        lr=rate,
        path=hike.trail(),
        losses=hike.losses(),
        won_at=hike.steps_used if hike.won else None,
    )


def ghosts(level: Level, landscape) -> tuple[Ghost, ...]:
    return (
        _fixed_rate_ghost(level, landscape),
        _best_ghost(level, landscape, "adam", ADAM_RATES, "Adam, rate {lr:.3g}"),
    )


def reveal(hike: Hike, resolution: int = 160) -> RevealData:
    """Everything the reveal view draws for a finished (or abandoned) hike."""
    landscape = hike.landscape
    ghost_paths = ghosts(hike.level, landscape)
    player = hike.trail()
    leaps = [np.array([start, target]) for start, target, _ in hike.failed_leaps()]
    shown = [leap for leap in leaps if terrain.in_arena(landscape, leap[1], margin=1.0)]
    box = plot_box(landscape, [player] + [g.path for g in ghost_paths] + shown)
    return RevealData(
        dim=landscape.dim,
        surface=surface(landscape, box, resolution),
        player_path=player,
        player_losses=hike.losses(),
        ghosts=ghost_paths,
        minima=np.atleast_2d(np.asarray(landscape.minima, dtype=float)),
        global_minima=terrain.global_minima(landscape),
        floor=float(landscape.global_min_value),
        failed_leaps=tuple(hike.failed_leaps()),
        speed_limits=hike.speed_limits(),
        fit=model_fit(landscape, hike.position),
        axis_names=landscape.axis_names,
        landscape=landscape,
    )


def model_fit(landscape, position) -> ModelFit | None:
    """The data and both models for a data landscape; None on a formula landscape."""
    if not isinstance(landscape, DataLandscape):
        return None
    return ModelFit(
        data=landscape.data_view(),
        player=np.asarray(landscape.model_lines(position), dtype=float),
        best=np.asarray(landscape.best_line(), dtype=float),
    )
