"""The numbers behind fast, steady step plots (NumPy only, no Qt).

* :func:`fold` and :class:`Envelope`: a long series drawn as the (min, max) of each pixel
  column looks exactly like the full series, for a fraction of the points. The envelope of
  a growing run is kept and only the newest column is refolded when steps arrive.
* :func:`steady_range`: the y range of a live plot that moves only when it must (data
  outside it, or data filling less than a third of it), so the picture does not jitter at
  every step, and redrawing can reuse what was already painted.
"""

from __future__ import annotations

import math

import numpy as np

COLUMNS = 1024  # envelope columns before the plot knows its width (then one per pixel)
MARGIN = 0.08  # linear ranges leave this fraction of the data's span above and below
LOG_MARGIN = 0.3  # log ranges leave this many decades above and below


def fold(data: np.ndarray, start: int, stop: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Per bin of ``size`` rows of ``data[start:stop]`` (k, n): the (min, max) of each column,
    NaN-blind (a bin of NaN stays NaN). The last bin may be partial."""
    chunk = data[start:stop]
    rows = len(chunk)
    full = rows // size
    parts_lo, parts_hi = [], []
    if full:
        block = chunk[: full * size].reshape(full, size, -1)
        parts_lo.append(np.fmin.reduce(block, axis=1))
        parts_hi.append(np.fmax.reduce(block, axis=1))
    if rows % size:
        tail = chunk[full * size :]
        parts_lo.append(np.fmin.reduce(tail, axis=0, keepdims=True))
        parts_hi.append(np.fmax.reduce(tail, axis=0, keepdims=True))
    if not parts_lo:
        empty = np.zeros((0, data.shape[1]))
        return empty, empty
    return np.concatenate(parts_lo), np.concatenate(parts_hi)


class Envelope:
    """The min/max envelope of a growing table (steps x series), updated incrementally.

    Rows may only be appended (a new run makes a new Envelope); ``update(data, count)``
    folds in rows ``[done, count)``, recomputing only the last, partial bin. A run longer
    than planned (more than ``2 * columns`` bins) is refolded with bins twice as wide.
    """

    def __init__(self, series: int, size: int, columns: int = COLUMNS):
        self.size = max(1, int(size))
        self.columns = int(columns)
        self.low = np.zeros((0, series))
        self.high = np.zeros((0, series))
        self.count = 0
        self.generation = 0  # goes up when the bins change width (everything is redrawn)

    @property
    def complete(self) -> int:
        """How many bins are full (they never change again)."""
        return self.count // self.size

    def update(self, data: np.ndarray, count: int) -> None:
        if count <= self.count:
            return
        if count > 2 * self.columns * self.size:
            while count > 2 * self.columns * self.size:
                self.size *= 2
            self.low, self.high, self.count = self.low[:0], self.high[:0], 0
            self.generation += 1
        first_bin = self.count // self.size  # the partial bin is redone
        lo, hi = fold(data, first_bin * self.size, count, self.size)
        self.low = np.concatenate([self.low[:first_bin], lo])
        self.high = np.concatenate([self.high[:first_bin], hi])
        self.count = count


def envelope_line(starts: np.ndarray, low: np.ndarray, high: np.ndarray, size: int):
    """x, y of a polyline through the envelope: down to ``low`` and up to ``high`` in each
    column (bins of one row are the data itself)."""
    if size == 1:
        return starts, low
    xs = np.repeat(starts, 2)
    ys = np.empty(2 * len(low))
    ys[0::2], ys[1::2] = low, high
    return xs, ys


def steady_range(current, low: float, high: float, log: bool) -> tuple[float, float] | None:
    """A new y range for data spanning ``low``..``high`` (view units: decades in log mode),
    or None to keep ``current``: kept while the data fit inside it and fill at least a
    third of it (log: while it is at most 3 decades wider than the data)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    if high < low:
        low, high = high, low
    span = high - low
    pad = MARGIN * span if span > 0 else max(abs(low) * 0.1, 0.5)
    if current is not None:
        c0, c1 = current
        inside = c0 <= low and high <= c1
        width = c1 - c0
        snug = width <= span + 3.0 if log else width <= 3 * (span + 2 * pad)
        if inside and snug:
            return None
    if log:
        return math.floor(low - LOG_MARGIN), math.ceil(high + LOG_MARGIN)
    return low - pad, high + pad
