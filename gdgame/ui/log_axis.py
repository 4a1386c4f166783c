"""A log-scale axis that labels only round values.

pyqtgraph's own log mode piles minor labels on top of each other on short ranges (0.07,
0.08, 0.09 drawn below 0.01). Plot log10 of the data on a linear axis with this one: it
puts ticks at decades (or 1-2-5 steps on short ranges) and prints the values themselves.
"""

from __future__ import annotations

import math

import pyqtgraph as pg


class Log10Axis(pg.AxisItem):
    """An axis for log10(value) data that prints the values (0.001, 0.0316, 0.1 ...)."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph override)
        """Ticks at round rates only: decades, or 1-2-5 steps when under two decades show."""
        low, high = math.floor(minVal) - 1, math.ceil(maxVal) + 1
        for multiples in ((1.0,), (1.0, 2.0, 5.0), (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)):
            values = [
                d + math.log10(m)
                for d in range(low, high + 1)
                for m in multiples
                if minVal <= d + math.log10(m) <= maxVal
            ]
            if len(values) >= 2:
                return [(1.0, values)]
        return super().tickValues(minVal, maxVal, size)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph override)
        return [f"{10.0**v:.2g}" for v in values]
