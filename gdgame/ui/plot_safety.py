"""Numbers a plot can draw: every array and range goes through here before pyqtgraph.

A runaway hiker's loss of 1e308, an infinite slope or a NaN make pyqtgraph compute ranges
like ``[-inf, inf]`` (it raises "Cannot set range") or hand Qt coordinates it cannot
rasterise. :func:`plottable` clamps values into a band (NaN stays a gap: curves use
``connect="finite"``), :func:`safe_range` turns any pair of numbers into a range pyqtgraph
accepts, and :func:`near_box` keeps points drawn on a fixed map within reach of it.
"""

from __future__ import annotations

import math

import numpy as np

LIMIT = 1e100  # far beyond any useful reading, far below where range arithmetic overflows
BOX_REACH = 1e4  # points off a fixed map are drawn at most this many map-widths away


def plottable(values, low: float = -LIMIT, high: float = LIMIT) -> np.ndarray:
    """A float64 copy of ``values`` with ±inf and anything outside ``[low, high]`` clamped.

    NaN stays NaN (a gap in the curve).
    """
    with np.errstate(invalid="ignore"):
        array = np.asarray(values, dtype=np.float64)
        return np.clip(array, low, high)


def safe_range(low, high, limit: float = LIMIT, span: float = 1.0) -> tuple[float, float]:
    """An ordered, finite range of positive width: NaN ends become 0, huge ends are clamped,
    an empty range (``low == high``) is widened by ``span`` around its value."""
    lo, hi = _bounded(low, limit), _bounded(high, limit)
    if lo > hi:
        lo, hi = hi, lo
    if hi - lo <= 1e-12 * max(1.0, abs(lo), abs(hi)):
        lo, hi = lo - span / 2, hi + span / 2
    return lo, hi


def _bounded(value, limit: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(number) else min(max(number, -limit), limit)


def near_box(points, box) -> np.ndarray:
    """``points`` (..., dim) clamped to ``box`` ((lo, hi) per axis) enlarged ``BOX_REACH``
    times: a path to a far-away point still heads off the map in the right direction."""
    array = np.asarray(points, dtype=np.float64)
    lows = np.array([b[0] for b in box], dtype=np.float64)
    highs = np.array([b[1] for b in box], dtype=np.float64)
    reach = BOX_REACH * np.maximum(highs - lows, 1.0)
    dim = min(array.shape[-1], len(lows))
    return plottable(array[..., :dim], lows[:dim] - reach[:dim], highs[:dim] + reach[:dim])
