"""The fixed frame of the fog view: set once per level, never zoomed while playing.

A frame that followed the hiker would draw every felt slope at the same angle; with the
frame fixed, the tangent at the hiker is drawn to scale, so a steep start looks steep and
the flat ground near the bottom looks flat. The frame comes from what the hiker knows at
the start: the edges of the map, the starting altitude and the starting slope.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

NICE_STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
HEADROOM = 2.0
"""The top of a 1D frame is this many times the starting altitude (room to fling higher)."""
EDGE_PAD = 0.04
EDGE_INSET = 0.05
"""A place beyond the frame is marked this share of the frame inside its edge."""
TICK_SHARE = 0.045
"""Half the width of a tangent tick, as a share of the frame's width (1D)."""
ARROW_SHARE = 0.25
"""Length of the starting slope's arrow, as a share of the frame's smaller side (2D)."""
ARROW_CAP = 0.45
"""No arrow is longer than this share of the frame's smaller side."""


def nice_ceil(value: float) -> float:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times 10**k) >= value."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in NICE_STEPS:
        if step * power >= value * (1 - 1e-12):
            return float(f"{step * power:.12g}")
    return 10.0 * power


def clamp_to_box(start, target, box) -> tuple[np.ndarray, bool]:
    """Where the straight line from ``start`` to ``target`` leaves ``box`` (or ``target``).

    ``box`` is ((x0, x1), (y0, y1), ...); returns the point and whether it was cut short.
    """
    start, target = np.asarray(start, dtype=float), np.asarray(target, dtype=float)
    if not np.all(np.isfinite(target)):
        return start.copy(), True
    share = 1.0
    for axis, (low, high) in enumerate(box):
        move = target[axis] - start[axis]
        if target[axis] > high and move > 0:
            share = min(share, (high - start[axis]) / move)
        elif target[axis] < low and move < 0:
            share = min(share, (low - start[axis]) / move)
    share = max(0.0, share)
    return start + share * (target - start), share < 1.0


@dataclass(frozen=True)
class FogFrame:
    dim: int
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    tick_half: float = 0.0
    arrow_per_slope: float = 0.0

    @property
    def arrow_cap(self) -> float:
        return ARROW_CAP * min(self.x_range[1] - self.x_range[0], self.y_range[1] - self.y_range[0])

    def contains(self, x: float, y: float) -> bool:
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        return x0 <= x <= x1 and y0 <= y <= y1

    def clamp(self, xs, ys) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Points outside the frame pulled just inside its edge (so their marker shows
        whole), and which points were outside."""
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        (x0, x1), (y0, y1) = self.x_range, self.y_range
        mx, my = EDGE_INSET * (x1 - x0), EDGE_INSET * (y1 - y0)
        fx = np.nan_to_num(xs, nan=x1 + mx, posinf=x1 + mx, neginf=x0 - mx)
        fy = np.nan_to_num(ys, nan=y1 + my, posinf=y1 + my, neginf=y0 - my)
        outside = (fx < x0) | (fx > x1) | (fy < y0) | (fy > y1)
        cx = np.where(outside, np.clip(fx, x0 + mx, x1 - mx), fx)
        cy = np.where(outside, np.clip(fy, y0 + my, y1 - my), fy)
        return cx, cy, outside

    def box(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return self.x_range, self.y_range

    def arrow_length(self, slope: float) -> float:
        """How long the downhill arrow is drawn for ``slope`` (2D), to this level's scale."""
        if not math.isfinite(slope) or slope <= 0:
            return 0.0
        return min(self.arrow_cap, self.arrow_per_slope * slope)


def _padded(low: float, high: float) -> tuple[float, float]:
    pad = EDGE_PAD * (high - low)
    return low - pad, high + pad


def frame_for(bounds, start_height: float, start_slope: float) -> FogFrame:
    """The frame for a level whose map has ``bounds`` and whose start is as given."""
    x_range = _padded(*bounds[0])
    if len(bounds) == 1:
        top = nice_ceil(HEADROOM * start_height) if start_height > 0 else 1.0
        return FogFrame(
            dim=1,
            x_range=x_range,
            y_range=(-0.06 * top, top),
            tick_half=TICK_SHARE * (x_range[1] - x_range[0]),
        )
    y_range = _padded(*bounds[1])
    side = min(x_range[1] - x_range[0], y_range[1] - y_range[0])
    per_slope = ARROW_SHARE * side / start_slope if start_slope > 0 else 0.0
    return FogFrame(dim=2, x_range=x_range, y_range=y_range, arrow_per_slope=per_slope)
