"""The expression tree behind custom formulas: constant folding, NumPy evaluation,
symbolic differentiation and printing. Built only by :mod:`gdgame.engine.formula`."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


class FormulaError(ValueError):
    """A formula that cannot be used, with a message suitable to show inline."""


@dataclass(frozen=True)
class Expr:
    op: str  # "const", "var", "+", "-", "*", "/", "**", "neg", or a function name
    args: tuple = ()
    value: float = 0.0  # for "const"
    name: str = ""  # for "var"


def const(v: float) -> Expr:
    return Expr("const", value=float(v))


def var(name: str) -> Expr:
    return Expr("var", name=name)


ZERO, ONE = const(0.0), const(1.0)


def _is(e: Expr, v: float) -> bool:
    return e.op == "const" and e.value == v


def fold(op: str, *args: Expr) -> Expr:
    """Build a node, folding constants and trivial identities (x*1, x+0, x**1, ...)."""
    if all(a.op == "const" for a in args):
        with np.errstate(all="ignore"):
            result = float(_apply(op, [np.float64(a.value) for a in args]))
        if not math.isfinite(result):
            raise FormulaError(_constant_problem(op, args))
        return const(result)
    if op == "+":
        a, b = args
        return b if _is(a, 0) else a if _is(b, 0) else Expr(op, args)
    if op == "-":
        a, b = args
        return a if _is(b, 0) else fold("neg", b) if _is(a, 0) else Expr(op, args)
    if op == "*":
        a, b = args
        if _is(a, 0) or _is(b, 0):
            return ZERO
        if a.op == "const" and b.op == "*" and b.args[0].op == "const":
            return fold("*", const(a.value * b.args[0].value), b.args[1])
        return b if _is(a, 1) else a if _is(b, 1) else Expr(op, args)
    if op == "/":
        a, b = args
        return ZERO if _is(a, 0) else a if _is(b, 1) else Expr(op, args)
    if op == "**":
        a, b = args
        return ONE if _is(b, 0) else a if _is(b, 1) else Expr(op, args)
    if op == "neg" and args[0].op == "neg":
        return args[0].args[0]
    return Expr(op, args)


def _constant_problem(op: str, args: tuple[Expr, ...]) -> str:
    if op == "/" and args[1].value == 0:
        return "Division by zero: a number is divided by 0."
    if op in ("log", "sqrt") and args[0].value <= 0:
        return f"{op}() of {args[0].value:g} is not defined for real numbers."
    return "A number in the formula is too large or undefined (not finite)."


def _sigmoid(a):
    return 0.5 * (1.0 + np.tanh(0.5 * a))


FUNCTIONS = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "atan": np.arctan,
    "sigmoid": _sigmoid,
    "softplus": lambda a: np.logaddexp(0.0, a),
    "sign": np.sign,
}


def _apply(op: str, vals: list):
    if op == "+":
        return vals[0] + vals[1]
    if op == "-":
        return vals[0] - vals[1]
    if op == "*":
        return vals[0] * vals[1]
    if op == "/":
        return vals[0] / vals[1]
    if op == "**":
        return np.power(vals[0], vals[1])
    if op == "neg":
        return -vals[0]
    return FUNCTIONS[op](vals[0])


def evaluate(e: Expr, env: dict[str, np.ndarray], cache: dict | None = None):
    """Value of ``e`` with NumPy broadcasting; NaN/inf appear silently (checked by callers).

    Shared sub-trees (derivatives reuse nodes) are computed once per call via ``cache``.
    """
    if e.op == "const":
        return e.value
    if e.op == "var":
        return env[e.name]
    cache = {} if cache is None else cache
    key = id(e)
    if key not in cache:
        cache[key] = _apply(e.op, [evaluate(a, env, cache) for a in e.args])
    return cache[key]


def count_nodes(*roots: Expr) -> int:
    """Number of distinct nodes reachable from ``roots`` (a measure of evaluation cost)."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend(node.args)
    return len(seen)


def derivative(e: Expr, name: str) -> Expr:
    """Symbolic partial derivative of ``e`` with respect to the variable ``name``."""
    op, args = e.op, e.args
    if op == "const":
        return ZERO
    if op == "var":
        return ONE if e.name == name else ZERO
    d = [derivative(a, name) for a in args]
    f = fold
    if op in ("+", "-"):
        return f(op, d[0], d[1])
    if op == "neg":
        return f("neg", d[0])
    a = args[0]
    if op == "*":
        return f("+", f("*", d[0], args[1]), f("*", a, d[1]))
    if op == "/":
        b = args[1]
        return f("/", f("-", f("*", d[0], b), f("*", a, d[1])), f("**", b, const(2)))
    if op == "**":
        b = args[1]
        if b.op == "const":  # c * a**(c-1) * a'
            return f("*", f("*", b, f("**", a, const(b.value - 1))), d[0])
        # a**b * (b' * log(a) + b * a' / a)
        inner = f("+", f("*", d[1], f("log", a)), f("/", f("*", b, d[0]), a))
        return f("*", e, inner)
    outer = {
        "sin": lambda: f("cos", a),
        "cos": lambda: f("neg", f("sin", a)),
        "tan": lambda: f("+", ONE, f("**", f("tan", a), const(2))),
        "exp": lambda: e,
        "log": lambda: f("/", ONE, a),
        "sqrt": lambda: f("/", const(0.5), e),
        "abs": lambda: f("sign", a),
        "tanh": lambda: f("-", ONE, f("**", e, const(2))),
        "sinh": lambda: f("cosh", a),
        "cosh": lambda: f("sinh", a),
        "atan": lambda: f("/", ONE, f("+", ONE, f("**", a, const(2)))),
        "sigmoid": lambda: f("*", e, f("-", ONE, e)),
        "softplus": lambda: f("sigmoid", a),
        "sign": lambda: ZERO,
    }[op]()
    return f("*", outer, d[0])


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "**": 4}


def to_text(e: Expr) -> str:
    """Readable text for an expression (used to show the derived slope formula)."""
    if e.op == "const":
        return f"{e.value:g}"
    if e.op == "var":
        return e.name
    if e.op not in _PRECEDENCE:
        return f"{e.op}({to_text(e.args[0])})"
    p = _PRECEDENCE[e.op]

    def wrap(child: Expr, right: bool = False) -> str:
        cp = _PRECEDENCE.get(child.op, 9)
        if child.op == "const" and child.value < 0:
            cp = 3
        needs = cp < p or (right and cp == p and e.op in ("-", "/")) or (e.op == "**" and cp == p)
        text = to_text(child)
        return f"({text})" if needs else text

    if e.op == "neg":
        return "-" + wrap(e.args[0])
    sep = "**" if e.op == "**" else f" {e.op} "
    return wrap(e.args[0]) + sep + wrap(e.args[1], right=True)
