"""The "show the maths" panel: each step's update written out with its real numbers.

new position = old position − rate × slope, in vector form on 2D levels, then the rate
times the curvature the step met and the zone that puts it in. Every number comes from
the game's :class:`StepResult`; the panel only formats them.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QTextBrowser

from gdgame.game import regimes

LINES = 5
"""Text lines the panel shows before it scrolls (its height never changes in a level)."""
MINUS = "\u2212"


def number(value: float) -> str:
    """A number as the panel prints it: four significant digits and a real minus sign."""
    if not math.isfinite(value):
        return "∞" if value > 0 else (f"{MINUS}∞" if value < 0 else "not a number")
    return f"{value:.4g}".replace("-", MINUS)


def vector(values, scale: float = 0.0) -> str:
    """A number or a tuple; parts below a billionth of ``scale`` (rounding left over from
    a subtraction that comes out exactly at the bottom) are printed as 0."""
    values = np.asarray(values, dtype=float).reshape(-1)
    tiny = 1e-9 * scale
    parts = [number(0.0 if abs(v) < tiny else float(v)) for v in values]
    return parts[0] if values.size == 1 else "(" + ", ".join(parts) + ")"


def zone(rate_x_curvature: float) -> str:
    """The zone lr × L falls in, in the words of the lesson (the game decides the bands)."""
    return regimes.zone_text(rate_x_curvature)


def _scale(result) -> float:
    """The size of the numbers that went into the update."""
    start = np.abs(np.asarray(result.start, dtype=float))
    move = np.abs(result.lr * np.asarray(result.felt_gradient, dtype=float))
    return float(np.nanmax(np.concatenate([start.reshape(-1), move.reshape(-1), [0.0]])))


def step_html(result, dim: int) -> str:
    """One step's update, as rich text."""
    name = "x" if dim == 1 else "(x, y)"
    slope = "felt slope"
    line = (
        f"{name}<sub>new</sub> = {name} {MINUS} rate × {slope} = {vector(result.start)} "
        f"{MINUS} {number(result.lr)} × {vector(result.felt_gradient)} = "
        f"<b>{vector(result.target, _scale(result))}</b>"
    )
    if result.fell_off:
        line += f" — off the map, so you are put back at {vector(result.position)}"
    product = result.rate_x_curvature
    if math.isfinite(product) and product > 0 and result.lr > 0:
        met = product / result.lr  # the game's product split back into its two factors
        bend = (
            f"rate × curvature met = {number(result.lr)} × {number(met)} = "
            f"<b>{number(product)}</b>: {escape(zone(product))}"
        )
    else:
        bend = f"rate × curvature: {escape(zone(math.nan))}"
    sharpest = result.sharpest
    known = math.isfinite(sharpest) and sharpest > 0 and math.isfinite(product) and product > 0
    if known and abs(sharpest - product / result.lr) > 1e-6 * sharpest:  # a gentler bend met
        bend += (
            f"<br>sharpest bend here L = {number(sharpest)}: speed limit 2/L = "
            f"{number(2.0 / sharpest)}, rate × L = {number(result.lr * sharpest)}"
        )
    return f"<p style='margin:0 0 6px 0'><b>Step {result.step}</b> &nbsp; {line}<br>{bend}</p>"


class MathsPanel(QTextBrowser):
    """Newest step first; a fixed height that scrolls, so the page never moves."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("The maths of each step")
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFixedHeight(QFontMetrics(self.font()).lineSpacing() * LINES + 12)
        self._entries: list[str] = []
        self._dim = 1

    def start_level(self, dim: int) -> None:
        self._dim = dim
        self._entries = []
        self._show()

    def show_steps(self, results) -> None:
        """Show the steps now on the trail (after an undo the step taken back is gone)."""
        self._entries = [step_html(result, self._dim) for result in results]
        self._show()

    def _show(self) -> None:
        if self._entries:
            body = "".join(reversed(self._entries))
        else:
            name = "x" if self._dim == 1 else "(x, y)"
            body = (
                f"<p>Each step: {name}<sub>new</sub> = {name} {MINUS} rate × slope. "
                "Take a step to see it with your numbers.</p>"
            )
        self.setHtml(body)
