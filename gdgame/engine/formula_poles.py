"""Find the poles and singular points of a custom formula inside its plot box (no Qt).

A pole can sit between any two grid samples (``1/(x - 0.001)`` is finite at every
sample of a 0.0015-spaced grid), so checking values for finiteness is not enough.
Instead every place where the formula can break is listed as a *guard*: a sub-expression
that must stay away from zero (a denominator, the cosine under ``tan``), or above zero
(the argument of ``log``, ``sqrt``, or of a fractional power). Each guard is sampled on a
dense grid; a sign change between neighbouring samples means it crosses zero there, and
each of the deepest dips of ``|guard|`` is zoomed into (11 times finer each step, until
it touches zero or levels off) to see whether it reaches zero between samples. Inner
guards are checked before outer ones, so the message names the innermost problem.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.formula_tree import Expr, FormulaError, evaluate, fold, to_text

DENSE_1D = 4001
DENSE_2D = 201
ZOOM_POINTS = 23  # per axis, each zoom step (11 times finer: not aligned with decimals)
ZOOM_STEPS = 12
CANDIDATES = 8  # near-zero dips zoomed into, per guard
SETTLED = 0.9  # two zoom steps in a row that deepen the dip by less than 10% end the zoom
TOUCH_TOLERANCE = 1e-9  # |guard| this small (relative to its typical size) counts as zero


@dataclass(frozen=True)
class Guard:
    expr: Expr
    kind: str  # "nonzero", "positive" or "nonnegative"
    problem: str  # names the problem; " near x=..." is added


def _text(e: Expr) -> str:
    return to_text(e)


def _power_guard(base: Expr, exponent: Expr) -> Guard | None:
    b = _text(base)
    if exponent.op != "const":
        e = _text(exponent)
        return Guard(base, "positive", f"{b}**({e}) needs a positive base, but {b} is 0 or less")
    c = exponent.value
    if float(c).is_integer():
        if c >= 0:
            return None
        return Guard(base, "nonzero", f"Division by zero: {b}**{c:g} has a pole where {b} = 0")
    if c > 1:
        return Guard(base, "nonnegative", f"{b}**{c:g} is not defined where {b} is negative")
    return Guard(
        base, "positive", f"{b}**{c:g} is undefined, or infinitely steep, where {b} is 0 or less"
    )


def _guard(node: Expr) -> Guard | None:
    op, args = node.op, node.args
    if op == "/":
        below = _text(args[1])
        return Guard(args[1], "nonzero", f"Division by zero: the denominator {below} is 0")
    if op == "tan":
        inside = _text(args[0])
        return Guard(
            fold("cos", args[0]), "nonzero", f"tan({inside}) has a pole where cos({inside}) = 0"
        )
    if op == "log":
        inside = _text(args[0])
        return Guard(
            args[0], "positive", f"log({inside}) is not a finite number where {inside} is 0 or less"
        )
    if op == "sqrt":
        inside = _text(args[0])
        return Guard(
            args[0],
            "positive",
            f"sqrt({inside}) is undefined, or infinitely steep, where {inside} is 0 or less",
        )
    if op == "**":
        return _power_guard(args[0], args[1])
    return None


def guards(expr: Expr) -> list[Guard]:
    """Every guard in ``expr``, inner ones first, each sub-expression once."""
    found: list[Guard] = []
    seen: set[Expr] = set()

    def walk(node: Expr) -> None:
        if node in seen:
            return
        seen.add(node)
        for child in node.args:
            walk(child)
        guard = _guard(node)
        if guard is not None and guard.expr.op != "const":
            if all((g.expr, g.kind) != (guard.expr, guard.kind) for g in found):
                found.append(guard)
        elif guard is not None and _violates(guard.kind, np.array([guard.expr.value])).any():
            raise FormulaError(guard.problem + ".")

    walk(expr)
    return found


def _violates(kind: str, values: np.ndarray) -> np.ndarray:
    finite = np.isfinite(values)
    if kind == "positive":
        return finite & (values <= 0)
    if kind == "nonnegative":
        return finite & (values < 0)
    return finite & (values == 0)


def _grid(lo: np.ndarray, hi: np.ndarray, per_axis: int) -> tuple[np.ndarray, tuple[int, ...]]:
    axes = [np.linspace(a, b, per_axis) for a, b in zip(lo, hi, strict=True)]
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.stack([m.ravel() for m in mesh], axis=1), (per_axis,) * len(lo)


class PoleFinder:
    """``PoleFinder(evaluate_at, bounds, names).check(guard)`` raises FormulaError at a pole."""

    def __init__(self, bounds: tuple[tuple[float, float], ...], names: tuple[str, ...]):
        self.lo, self.hi = np.array(bounds, dtype=float).T
        self.names = names

    def values(self, e: Expr, points: np.ndarray) -> np.ndarray:
        env = {n: points[:, i] for i, n in enumerate(self.names)}
        with np.errstate(all="ignore"):
            out = np.asarray(evaluate(e, env), dtype=np.float64)
        return np.broadcast_to(out, points.shape[:1])

    def _where(self, point: np.ndarray) -> str:
        return ", ".join(f"{n}={v:.4g}" for n, v in zip(self.names, point, strict=True))

    def _fail(self, guard: Guard, point: np.ndarray, closest: float | None = None) -> None:
        detail = (
            "" if closest is None else f" ({_text(guard.expr)} comes within {closest:.1g} of 0)"
        )
        raise FormulaError(f"{guard.problem} near {self._where(point)}{detail}.")

    def _crossing(self, guard: Guard, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Bisect between two samples of opposite sign down to the zero (for the message)."""
        ga = self.values(guard.expr, a[None, :])[0]
        for _ in range(60):
            mid = (a + b) / 2
            gm = self.values(guard.expr, mid[None, :])[0]
            if not np.isfinite(gm) or gm == 0:
                return mid
            if np.sign(gm) == np.sign(ga):
                a, ga = mid, gm
            else:
                b = mid
        return (a + b) / 2

    def _scan(self, guard: Guard, points: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        """Fail at a sample outside the allowed range or a sign change between two;
        else return ``|guard|`` at the samples (inf where it is not finite)."""
        values = self.values(guard.expr, points)
        bad = _violates(guard.kind, values)
        if bad.any():
            self._fail(guard, points[np.argmax(bad)])
        if guard.kind == "nonzero":
            self._sign_changes(guard, values.reshape(shape), points)
        return np.where(np.isfinite(values), np.abs(values), np.inf)

    def _sign_changes(self, guard: Guard, values: np.ndarray, points: np.ndarray) -> None:
        shape = values.shape
        grid = points.reshape(*shape, len(shape))
        for axis in range(len(shape)):
            first = [slice(None)] * len(shape)
            second = [slice(None)] * len(shape)
            first[axis], second[axis] = slice(0, -1), slice(1, None)
            a, b = values[tuple(first)], values[tuple(second)]
            crossing = np.isfinite(a) & np.isfinite(b) & (np.sign(a) * np.sign(b) < 0)
            if crossing.any():
                index = np.unravel_index(np.argmax(crossing), crossing.shape)
                start = grid[tuple(first)][index]
                end = grid[tuple(second)][index]
                self._fail(guard, self._crossing(guard, start, end))

    def _zoom(self, guard: Guard, centre: np.ndarray, half: np.ndarray, tolerance: float) -> None:
        previous, stalled = np.inf, 0
        for _ in range(ZOOM_STEPS):
            lo, hi = np.maximum(centre - half, self.lo), np.minimum(centre + half, self.hi)
            points = _grid(lo, hi, ZOOM_POINTS)[0]
            size = self._scan(guard, points, (ZOOM_POINTS,) * len(self.names))
            best = int(np.argmin(size))
            if size[best] <= tolerance:
                self._fail(guard, points[best], float(size[best]))
            stalled = stalled + 1 if size[best] >= SETTLED * previous else 0
            if stalled == 2:
                return  # the dip levels off above zero: a true minimum, not a zero
            previous = min(previous, size[best])
            centre, half = points[best], half / (ZOOM_POINTS // 2)

    def check(self, guard: Guard) -> None:
        per_axis = DENSE_1D if len(self.names) == 1 else DENSE_2D
        points, shape = _grid(self.lo, self.hi, per_axis)
        size = self._scan(guard, points, shape)
        if guard.kind == "nonnegative":
            return  # touching zero is allowed (e.g. x**1.5 at 0)
        finite = size[np.isfinite(size)]
        if finite.size == 0:
            return  # undefined everywhere: the finiteness check names that
        tolerance = TOUCH_TOLERANCE * max(1.0, float(np.median(finite)))
        for index in self._dips(size.reshape(shape)):
            spacing = (self.hi - self.lo) / (per_axis - 1)
            self._zoom(guard, points[index], spacing, tolerance)

    def _dips(self, size: np.ndarray) -> list[int]:
        """Flat indices of the deepest local minima of |guard| on the grid."""
        padded = np.pad(size, 1, mode="constant", constant_values=np.inf)
        is_dip = np.isfinite(size)
        inner = tuple(slice(1, -1) for _ in size.shape)
        for axis in range(size.ndim):
            for shift in (slice(0, -2), slice(2, None)):
                neighbour = list(inner)
                neighbour[axis] = shift
                is_dip &= size <= padded[tuple(neighbour)]
        flat = np.flatnonzero(is_dip.ravel())
        order = np.argsort(size.ravel()[flat])
        return [int(i) for i in flat[order[:CANDIDATES]]]


def refuse_poles(expr: Expr, bounds: tuple[tuple[float, float], ...], names: tuple[str, ...]):
    """Raise :class:`FormulaError` naming the first pole or singular point in the box."""
    finder = PoleFinder(bounds, names)
    for guard in guards(expr):
        finder.check(guard)
