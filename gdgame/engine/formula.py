"""Safe custom landscapes from a typed formula such as ``x**4 - 3*x**2 + y**2``.

The text is parsed with :mod:`ast` and only a whitelist of node types is accepted
(numbers, ``x``/``y``, ``pi``/``e``, + - * / ** and a few maths functions); nothing is
ever passed to ``eval``. The accepted tree is turned into a small expression tree that
NumPy evaluates vectorised, and differentiated symbolically for the gradient and the
Hessian. Poles and singular points inside the plot box (a denominator, ``log`` or
``sqrt`` argument reaching zero, even between grid samples) are refused by
:mod:`gdgame.engine.formula_poles`. The exact symbolic gradient is trusted; a
finite-difference comparison (allowing for rounding noise, so steep bowls such as
``1e9*x**2 + y**2`` pass) only guards against a widespread mismatch. Every problem
raises :class:`FormulaError` with a message meant for the learner.
"""

from __future__ import annotations

import ast
import math

import numpy as np

from gdgame.engine.formula_poles import refuse_poles
from gdgame.engine.formula_tree import (
    FUNCTIONS,
    Expr,
    FormulaError,
    const,
    count_nodes,
    derivative,
    evaluate,
    fold,
    to_text,
    var,
)
from gdgame.engine.landscape import Landscape

__all__ = ["FormulaError", "FormulaLandscape", "make_formula_landscape", "parse_expression"]

MAX_LENGTH = 300
MAX_NODES = 200
MAX_DEPTH = 50
MAX_EXPONENT = 100.0
MAX_DERIVATIVE_NODES = 20_000
DEFAULT_HALF_WIDTH = 3.0
ROUNDING_ALLOWANCE = 1e-13  # relative rounding error of a formula value, generously
VARIABLES = ("x", "y")
CONSTANTS = {"pi": math.pi, "e": math.e}


# --- parsing -----------------------------------------------------------------------------------

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_FORBIDDEN_NAMES = {
    ast.Attribute: "Attribute access with '.' is not allowed",
    ast.Lambda: "lambda is not allowed: type a single expression in x and y",
    ast.Subscript: "Indexing with [ ] is not allowed",
    ast.Compare: "Comparisons (<, >, ==) are not allowed",
    ast.BoolOp: "and/or are not allowed",
    ast.IfExp: "if/else is not allowed",
    ast.NamedExpr: "Assignments (:=) are not allowed",
    ast.JoinedStr: "Text strings are not allowed",
    ast.List: "Lists are not allowed",
    ast.Tuple: "Tuples are not allowed (did you type a comma?)",
    ast.Dict: "Dictionaries are not allowed",
    ast.Set: "Sets are not allowed",
}


def _function_list() -> str:
    return ", ".join(sorted(FUNCTIONS))


class _Converter:
    def __init__(self) -> None:
        self.nodes = 0
        self.used: set[str] = set()

    def convert(self, node: ast.AST, depth: int = 1) -> Expr:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise FormulaError(f"The formula is too long (more than {MAX_NODES} parts).")
        if depth > MAX_DEPTH:
            raise FormulaError(
                f"The formula is nested too deeply (more than {MAX_DEPTH} levels of "
                "brackets, functions or operators inside each other)."
            )
        if isinstance(node, ast.Constant):
            return self._number(node.value)
        if isinstance(node, ast.Name):
            return self._name(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            inner = self.convert(node.operand, depth + 1)
            return fold("neg", inner) if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left = self.convert(node.left, depth + 1)
            right = self.convert(node.right, depth + 1)
            op = _BINARY[type(node.op)]
            if op == "**" and right.op == "const" and abs(right.value) > MAX_EXPONENT:
                raise FormulaError(
                    f"The exponent {right.value:g} is too large (at most ±{MAX_EXPONENT:g})."
                )
            return fold(op, left, right)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        for kind, message in _FORBIDDEN_NAMES.items():
            if isinstance(node, kind):
                raise FormulaError(message + ".")
        if isinstance(node, ast.BinOp):
            raise FormulaError("Only + - * / and ** (or ^) are allowed as operators.")
        raise FormulaError(f"'{type(node).__name__}' is not allowed in a formula.")

    def _number(self, value: object) -> Expr:
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(value, str):
                raise FormulaError("Text strings are not allowed.")
            raise FormulaError(f"Only real numbers are allowed, not {value!r}.")
        try:
            number = float(value)
        except OverflowError:
            raise FormulaError("A number in the formula is too large.") from None
        if not math.isfinite(number):
            raise FormulaError("A number in the formula is too large.")
        return const(number)

    def _name(self, name: str) -> Expr:
        if name in VARIABLES:
            self.used.add(name)
            return var(name)
        if name in CONSTANTS:
            return const(CONSTANTS[name])
        if name in FUNCTIONS:
            raise FormulaError(f"{name} is a function: write {name}(x).")
        raise FormulaError(
            f"Unknown name '{name}'. Use x and y, numbers, pi, e and the functions "
            f"{_function_list()}."
        )

    def _call(self, node: ast.Call, depth: int) -> Expr:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if isinstance(func, ast.Attribute):
            raise FormulaError(_FORBIDDEN_NAMES[ast.Attribute] + ".")
        if name is None:
            raise FormulaError("Only the listed maths functions can be called.")
        if name not in FUNCTIONS:
            raise FormulaError(f"'{name}' is not an allowed function. Allowed: {_function_list()}.")
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise FormulaError(f"{name}() takes exactly one argument, e.g. {name}(x).")
        self.nodes += 1
        return fold(name, self.convert(node.args[0], depth + 1))


def parse_expression(text: str) -> tuple[Expr, set[str]]:
    """Parse ``text`` into an expression tree; returns (tree, variables used)."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("Type a formula in x (and y), e.g. x**2 + 3*y**2.")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"The formula is too long (at most {MAX_LENGTH} characters).")
    if not text.isprintable():
        raise FormulaError("The formula contains characters that cannot be typed as maths.")
    source = text.strip().replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        column = f" near character {error.offset}" if error.offset else ""
        raise FormulaError(
            f"Could not read the formula{column}. Check brackets and write products "
            "with * (2*x, not 2x)."
        ) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("The formula is nested too deeply.") from None
    converter = _Converter()
    try:
        expr = converter.convert(tree.body)
    except RecursionError:
        raise FormulaError("The formula is nested too deeply.") from None
    return expr, converter.used


# --- the landscape -----------------------------------------------------------------------------


def _grid(bounds: tuple[tuple[float, float], ...], per_axis: int) -> np.ndarray:
    axes = [np.linspace(lo, hi, per_axis) for lo, hi in bounds]
    mesh = np.meshgrid(*axes, indexing="ij")
    return np.stack([m.ravel() for m in mesh], axis=1)


def _format_point(point: np.ndarray) -> str:
    return ", ".join(f"{n}={v:.3g}" for n, v in zip(VARIABLES, point, strict=False))


class FormulaLandscape(Landscape):
    """A landscape from a formula; an engine :class:`Landscape`, so ``descend`` runs on it."""

    name = "custom"
    title = "Custom formula"

    def __init__(self, text: str, bounds=None, dim: int | None = None):
        expr, used = parse_expression(text)
        self.dim = dim or (2 if "y" in used else 1)
        if self.dim == 1 and "y" in used:
            raise FormulaError("A 1D landscape can only use x.")
        super().__init__()
        self.text = text.strip()
        self.params = {"formula": self.text}
        self.bounds = tuple(
            (float(lo), float(hi))
            for lo, hi in (bounds or ((-DEFAULT_HALF_WIDTH, DEFAULT_HALF_WIDTH),) * self.dim)
        )
        self._names = VARIABLES[: self.dim]
        self.expr = expr
        self.gradient_exprs = tuple(derivative(expr, n) for n in self._names)
        size = count_nodes(*self.gradient_exprs)
        if size > MAX_DERIVATIVE_NODES:
            raise FormulaError("The formula is too complicated to differentiate quickly.")
        self.hessian_exprs = None  # very long formulas: finite differences of the slope
        if size <= MAX_DERIVATIVE_NODES // 10:
            self.hessian_exprs = tuple(
                tuple(derivative(g, n) for n in self._names) for g in self.gradient_exprs
            )
        refuse_poles(expr, self.bounds, self._names)
        self._check_finite()
        self._check_gradient()
        self.minima = self._find_minima()
        depths = self._value(self.minima)
        self.global_min_value = float(depths[0])
        tie = 1e-9 * max(1.0, abs(self.global_min_value))
        self.n_global = int(np.sum(depths <= self.global_min_value + tie))

    # X is always (n, dim) float64 (the base class handles single points and errstate)
    def _eval(self, e: Expr, X: np.ndarray) -> np.ndarray:
        env = {n: X[:, i] for i, n in enumerate(self._names)}
        out = np.asarray(evaluate(e, env), dtype=np.float64)
        return np.broadcast_to(out, X.shape[:1]).copy()

    def _value(self, X: np.ndarray) -> np.ndarray:
        return self._eval(self.expr, X)

    def _gradient(self, X: np.ndarray) -> np.ndarray:
        return np.stack([self._eval(g, X) for g in self.gradient_exprs], axis=-1)

    def _hessian(self, X: np.ndarray) -> np.ndarray:
        if self.hessian_exprs is None:
            return super()._hessian(X)
        rows = [np.stack([self._eval(h, X) for h in row], axis=-1) for row in self.hessian_exprs]
        return np.stack(rows, axis=-2)

    def gradient_text(self) -> list[str]:
        """The derived slope formulas, e.g. ``["d/dx = 4 * x**3 - 6 * x", "d/dy = 2 * y"]``."""
        pairs = zip(self._names, self.gradient_exprs, strict=True)
        return [f"d/d{n} = {to_text(g)}" for n, g in pairs]

    def _check_finite(self) -> None:
        points = _grid(self.bounds, 41 if self.dim == 2 else 401)
        for what, values in (("value", self.value(points)), ("slope", self.gradient(points))):
            bad = ~np.isfinite(values)
            if bad.ndim > 1:
                bad = bad.any(axis=1)
            if bad.any():
                where = _format_point(points[np.argmax(bad)])
                raise FormulaError(
                    f"The {what} is not a finite number at {where} (for example a division "
                    "by zero, log or sqrt of a negative number, or an overflow)."
                )

    def _check_gradient(self) -> None:
        """Compare the symbolic gradient with central differences at a few points.

        The symbolic gradient is exact; the difference quotient carries rounding noise of
        about ``eps * |f| / h``, which for a steep bowl (``1e9*x**2 + y**2``) swamps the
        gentle direction. A component counts as a mismatch only beyond that noise.
        """
        rng = np.random.default_rng(0)
        lo, hi = np.array(self.bounds).T
        points = lo + (hi - lo) * rng.uniform(0.05, 0.95, size=(16, self.dim))
        h = 1e-5 * np.maximum(1.0, np.abs(points))
        numeric = np.empty_like(points)
        noise = np.empty_like(points)
        for i in range(self.dim):
            step = np.zeros_like(points)
            step[:, i] = h[:, i]
            up, down = self.value(points + step), self.value(points - step)
            numeric[:, i] = (up - down) / (2 * h[:, i])
            noise[:, i] = ROUNDING_ALLOWANCE * (np.abs(up) + np.abs(down)) / (2 * h[:, i])
        analytic = self.gradient(points)
        ok = np.isfinite(numeric).all(axis=1) & np.isfinite(analytic).all(axis=1)
        allowed = 1e-3 * np.maximum(1.0, np.abs(analytic)) + noise
        mismatch = (np.abs(analytic - numeric) > allowed).any(axis=1)
        # abs() and sign() have kinks: only a widespread mismatch means a wrong slope.
        if np.mean(mismatch[ok]) > 0.25:
            raise FormulaError("Could not compute a reliable slope for this formula.")

    def _find_minima(self, keep: int = 8) -> np.ndarray:
        """Lowest grid-local minima inside the plot box (global first), polished by Newton.

        Points on the box's edge are only slopes leaving the box, not valleys; they are used
        only when there is no valley inside (e.g. a plain slope), as "lowest point shown".
        """
        n = 81 if self.dim == 2 else 2001
        points = _grid(self.bounds, n)
        values = self.value(points).reshape((n,) * self.dim)
        padded = np.pad(values, 1, mode="constant", constant_values=np.inf)
        is_min = np.zeros_like(values, dtype=bool)
        is_min[(slice(1, -1),) * self.dim] = True  # interior only
        for axis in range(self.dim):
            for shift in (slice(0, -2), slice(2, None)):
                neighbour = [slice(1, -1)] * self.dim
                neighbour[axis] = shift
                is_min &= values <= padded[tuple(neighbour)]
        candidates = points[is_min.ravel()]
        if len(candidates) == 0:
            candidates = points[np.argmin(values.ravel())][None, :]
        candidates = candidates[np.argsort(self.value(candidates))[:keep]]
        polished = np.array([self._polish(p) for p in candidates]).reshape(-1, self.dim)
        polished = polished[np.argsort(self.value(polished), kind="stable")]
        spacing = np.array([hi - lo for lo, hi in self.bounds]) / n
        distinct: list[np.ndarray] = []
        for point in polished:  # Newton may bring neighbouring grid points to one valley
            if all(np.any(np.abs(point - q) > spacing) for q in distinct):
                distinct.append(point)
        return np.array(distinct)

    def _polish(self, point: np.ndarray) -> np.ndarray:
        lo, hi = np.array(self.bounds).T
        best = point
        for _ in range(20):
            hess, grad = self.hessian(best), self.gradient(best)
            if not np.isfinite(hess).all() or np.any(np.linalg.eigvalsh(hess) <= 0):
                break
            candidate = np.clip(best - np.linalg.solve(hess, grad), lo, hi)
            if not self.value(candidate) <= self.value(best):
                break
            best = candidate
        return best


def make_formula_landscape(text: str, bounds=None, dim: int | None = None) -> FormulaLandscape:
    """Parse ``text`` and build its landscape; raises :class:`FormulaError` on any problem."""
    return FormulaLandscape(text, bounds=bounds, dim=dim)
