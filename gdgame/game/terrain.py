"""What the rules need to know about the ground, from the landscape's public maths (no Qt).

Everything here uses only ``value``, ``gradient``, ``hessian``, ``minima`` and
``global_min_value`` of an engine landscape plus the engine's ``safe_lr``.
"""

from __future__ import annotations

import math

import numpy as np

from gdgame.engine import safe_lr

GLOBAL_VALUE_SLACK = 1e-6


def as_point(x) -> np.ndarray:
    return np.asarray(x, dtype=float).reshape(-1)


def curvature(landscape, x) -> float:
    """Largest Hessian eigenvalue at ``x`` (how sharply the ground bends there)."""
    h = np.atleast_2d(np.asarray(landscape.hessian(as_point(x)), dtype=float))
    if not np.all(np.isfinite(h)):
        return math.inf
    return float(np.max(np.linalg.eigvalsh(0.5 * (h + h.T))))


def lowest_curvature(landscape, x) -> float:
    h = np.atleast_2d(np.asarray(landscape.hessian(as_point(x)), dtype=float))
    if not np.all(np.isfinite(h)):
        return -math.inf
    return float(np.min(np.linalg.eigvalsh(0.5 * (h + h.T))))


def safe_rate(landscape, x) -> float:
    """2 / L at ``x``; ``inf`` where the ground is flat or bends downward."""
    try:
        raw = safe_lr(landscape, as_point(x))
        rate = math.nan if raw is None else float(raw)
    except (ArithmeticError, ValueError, TypeError):
        rate = math.nan
    if math.isfinite(rate) and rate > 0:
        return rate
    top = curvature(landscape, x)
    return 2.0 / top if math.isfinite(top) and top > 0 else math.inf


def global_minima(landscape) -> np.ndarray:
    """The known minimisers whose value is the global minimum value."""
    if hasattr(landscape, "global_minima"):
        return np.atleast_2d(np.asarray(landscape.global_minima, dtype=float))
    minima = np.atleast_2d(np.asarray(landscape.minima, dtype=float))
    if minima.size == 0:
        return minima.reshape(0, landscape.dim)
    values = np.asarray(landscape.value(minima), dtype=float).reshape(-1)
    slack = GLOBAL_VALUE_SLACK * max(1.0, abs(float(landscape.global_min_value)))
    return minima[values <= float(landscape.global_min_value) + slack]


def local_minima(landscape) -> np.ndarray:
    """The known minimisers that are *not* global (traps)."""
    if hasattr(landscape, "local_minima"):
        return np.asarray(landscape.local_minima, dtype=float).reshape(-1, landscape.dim)
    minima = np.atleast_2d(np.asarray(landscape.minima, dtype=float))
    if minima.size == 0:
        return minima.reshape(0, landscape.dim)
    values = np.asarray(landscape.value(minima), dtype=float).reshape(-1)
    slack = GLOBAL_VALUE_SLACK * max(1.0, abs(float(landscape.global_min_value)))
    return minima[values > float(landscape.global_min_value) + slack]


def distance_to(points: np.ndarray, x) -> float:
    if len(points) == 0:
        return math.inf
    return float(np.min(np.linalg.norm(points - as_point(x), axis=1)))


def bounds_size(landscape) -> float:
    spans = [hi - lo for lo, hi in landscape.bounds]
    return float(np.linalg.norm(spans))


def in_arena(landscape, x, margin: float = 4.0) -> bool:
    """Whether ``x`` is finite and not absurdly far outside the plot box."""
    x = as_point(x)
    if not np.all(np.isfinite(x)):
        return False
    for value, (lo, hi) in zip(x, landscape.bounds, strict=True):
        span = hi - lo
        if value < lo - margin * span or value > hi + margin * span:
            return False
    return True


def in_local_trap(landscape, x, start_slope: float, goal_gap: float) -> bool:
    """Resting in a local (not global) minimum: near-flat, bowl-shaped, and not low enough."""
    x = as_point(x)
    gap = float(landscape.value(x)) - float(landscape.global_min_value)
    if gap <= goal_gap:
        return False
    slope = float(np.linalg.norm(landscape.gradient(x)))
    traps = local_minima(landscape)
    near_trap = distance_to(traps, x) <= 0.03 * bounds_size(landscape)
    flat = slope <= max(0.05 * start_slope, 1e-9)
    if traps.size and distance_to(traps, x) < distance_to(global_minima(landscape), x):
        return flat or near_trap
    return slope <= max(1e-3 * start_slope, 1e-12) and lowest_curvature(landscape, x) >= 0
