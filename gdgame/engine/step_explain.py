"""One optimiser update, spelled out: its rule, every term with its real numbers, in words.

:func:`explain_update` takes an optimiser *as it stands before a step* (its memory: the
momentum buffer, Adagrad's sum, RMSprop's and Adam's averages), the position, the slope
felt there and the rate, lets a copy of the optimiser take that one step, and reads the
numbers back from the copy's own state. So every number shown is the engine's, not a
re-computation: the buffer after the step *is* ``state["momentum_buffer"]``.

:class:`OptimizerReplay` rebuilds that optimiser-before-step-k for a recorded run by feeding
the recorded positions, slopes and rates to a fresh optimiser (the same operations on the
same numbers give the same state, bit for bit). It keeps a checkpoint every
``CHECKPOINT_EVERY`` steps, so stepping backwards through a long run stays quick.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.optimizers import Optimizer

__all__ = ["Term", "StepExplanation", "explain_update", "OptimizerReplay", "readable"]

CHECKPOINT_EVERY = 512


def readable(value: float) -> str:
    """A readable number: 4 significant digits, plain or scientific as fits."""
    value = float(value)
    if not np.isfinite(value):
        return "not a number" if np.isnan(value) else ("+∞" if value > 0 else "−∞")
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e5:
        return f"{value:.4g}"
    return f"{value:.3e}"


def _percent(fraction: float) -> str:
    return f"{100 * float(fraction):.4g}%"


@dataclass(frozen=True)
class Term:
    """One quantity of the update: ``symbol = formula``, its value per coordinate, in words."""

    symbol: str
    formula: str
    values: tuple[float, ...]
    words: str


@dataclass(frozen=True)
class StepExplanation:
    """What one optimiser step did, term by term (``step`` is the step it produced)."""

    optimizer: str
    step: int
    rule: str
    terms: tuple[Term, ...]
    position: np.ndarray  # before the step
    new_position: np.ndarray
    gradient: np.ndarray
    rate: float
    velocity: np.ndarray | None  # momentum buffer / Adam's first moment after the step
    velocity_name: str = ""

    @property
    def displacement(self) -> np.ndarray:
        """The step actually taken: new position minus old."""
        return self.new_position - self.position

    def term(self, symbol: str) -> Term:
        for term in self.terms:
            if term.symbol == symbol:
                return term
        raise KeyError(symbol)


def _vec(array) -> tuple[float, ...]:
    return tuple(float(v) for v in np.asarray(array, dtype=np.float64).reshape(-1))


def _scalar(value) -> tuple[float, ...]:
    return (float(np.asarray(value, dtype=np.float64).reshape(-1)[0]),)


def explain_update(optimizer: Optimizer, position, gradient, rate: float) -> StepExplanation:
    """Take one step with a copy of ``optimizer`` (left unchanged) and explain it."""
    x = np.asarray(position, dtype=np.float64).reshape(1, -1)
    g = np.asarray(gradient, dtype=np.float64).reshape(1, -1)
    before = optimizer.copy()
    after = optimizer.copy()
    moved = x.copy()
    with np.errstate(all="ignore"):
        after.step(moved, g, float(rate))
    explain = _EXPLAINERS.get(type(after).__name__, _explain_generic)
    rule, terms, velocity, velocity_name = explain(before, after, x[0], g[0], float(rate))
    common = (
        Term("g", "slope at x", _vec(g), "the slope felt where the hiker stands (uphill)"),
        Term("lr", "learning rate", (float(rate),), "the rate this step uses"),
    )
    ending = (
        Term(
            "Δx",
            "x_new − x",
            _vec(moved - x),
            "the step actually taken (the engine's numbers)",
        ),
        Term("x_new", "x + Δx", _vec(moved), "where the hiker stands after the step"),
    )
    return StepExplanation(
        optimizer=getattr(after, "name", type(after).__name__),
        step=int(after.t),
        rule=rule,
        terms=common + terms + ending,
        position=x[0].copy(),
        new_position=moved[0].copy(),
        gradient=g[0].copy(),
        rate=float(rate),
        velocity=None if velocity is None else np.asarray(velocity, dtype=np.float64).copy(),
        velocity_name=velocity_name,
    )


# --- one explainer per optimiser class ---------------------------------------------------------
def _explain_sgd(before, after, x, g, lr):
    mu = float(np.asarray(after.hyper["momentum"]).reshape(-1)[0])
    if mu == 0:
        terms = (Term("lr·g", "lr × g", _vec(lr * g), "plain gradient descent: rate × slope"),)
        return "x_new = x − lr · g", terms, None, ""
    nesterov = bool(after.hyper["nesterov"])
    damp = float(after.hyper["dampening"])
    buf = after.state["momentum_buffer"][0]
    prev = before.state.get("momentum_buffer")
    if prev is None:
        first = Term(
            "b",
            "g (first step)",
            _vec(buf),
            "on the first step the velocity starts as the slope itself",
        )
        terms = (first,)
    else:
        keep = "" if damp == 0 else f" and {_percent(1 - damp)} of"
        terms = (
            Term("b_prev", "velocity remembered", _vec(prev[0]), "the velocity from last step"),
            Term(
                "μ·b_prev",
                f"{readable(mu)} × b_prev",
                _vec(mu * prev[0]),
                f"keeps {_percent(mu)} of the old velocity (it fades, never stops at once)",
            ),
            Term(
                "b",
                "μ·b_prev + g" if damp == 0 else "μ·b_prev + (1 − dampening)·g",
                _vec(buf),
                f"the new velocity: what was kept{keep} plus today's slope",
            ),
        )
    if nesterov:
        look = g + mu * buf
        terms += (
            Term(
                "d",
                "g + μ·b",
                _vec(look),
                "Nesterov looks ahead: today's slope plus μ times the new velocity",
            ),
        )
        return "b = μ·b_prev + g;  x_new = x − lr · (g + μ·b)", terms, buf, "velocity b"
    terms += (Term("lr·b", "lr × b", _vec(lr * buf), "the step: rate × velocity"),)
    return "b = μ·b_prev + g;  x_new = x − lr · b", terms, buf, "velocity b"


def _explain_adagrad(before, after, x, g, lr):
    h = after.hyper
    total = after.state["sum"][0]
    prev = before.state.get("sum")
    clr = lr / (1 + (after.t - 1) * h["lr_decay"])
    root = np.sqrt(total) + h["eps"]
    terms = (
        Term(
            "s_prev",
            "sum so far",
            _vec(prev[0] if prev is not None else np.full_like(g, h["initial_accumulator_value"])),
            "every squared slope of the earlier steps, added up",
        ),
        Term("s", "s_prev + g²", _vec(total), "the sum with today's squared slope: it only grows"),
        Term("√s+ε", "√s + ε", _vec(root), "its square root: how steep this coordinate has been"),
    )
    if h["lr_decay"]:
        terms += (Term("clr", "lr / (1 + (t−1)·decay)", (clr,), "the rate after its decay"),)
    terms += (
        Term(
            "rate_eff",
            "lr / (√s + ε)",
            _vec(clr / root),
            "the effective rate per coordinate: steep coordinates get small steps, and it "
            "keeps shrinking",
        ),
    )
    return "s = s_prev + g²;  x_new = x − lr · g / (√s + ε)", terms, None, ""


def _explain_rmsprop(before, after, x, g, lr):
    h = after.hyper
    alpha = h["alpha"]
    sq = after.state["square_avg"][0]
    prev = before.state.get("square_avg")
    prev_sq = prev[0] if prev is not None else np.zeros_like(g)
    if "grad_avg" in after.state:
        mean = after.state["grad_avg"][0]
        root = np.sqrt(sq - mean * mean) + h["eps"]
    else:
        root = np.sqrt(sq) + h["eps"]
    terms = (
        Term("v_prev", "running mean before", _vec(prev_sq), "the mean of squared slopes so far"),
        Term(
            "v",
            f"{readable(alpha)}·v_prev + {readable(1 - alpha)}·g²",
            _vec(sq),
            f"keeps {_percent(alpha)} of the old mean and mixes in {_percent(1 - alpha)} of "
            "today's squared slope: old slopes are slowly forgotten",
        ),
        Term("√v+ε", "√v + ε", _vec(root), "its square root: the typical size of the slope"),
        Term(
            "rate_eff",
            "lr / (√v + ε)",
            _vec(lr / root),
            "the effective rate per coordinate: large where slopes have been large",
        ),
    )
    velocity, name = None, ""
    if h["momentum"] > 0:
        velocity, name = after.state["momentum_buffer"][0], "velocity b"
        terms += (Term("b", "μ·b_prev + g/(√v+ε)", _vec(velocity), "momentum on scaled steps"),)
    return "v = α·v_prev + (1−α)·g²;  x_new = x − lr · g / (√v + ε)", terms, velocity, name


def _explain_adam(before, after, x, g, lr):
    h = after.hyper
    b1, b2 = h["betas"]
    t = after.t
    m = after.state["exp_avg"][0]
    v = after.state["exp_avg_sq"][0]
    prev_m = before.state.get("exp_avg")
    prev_v = before.state.get("exp_avg_sq")
    c1, c2 = 1 - b1**t, 1 - b2**t
    m_hat, v_hat = m / c1, v / c2
    used_v = after.state["max_exp_avg_sq"][0] / c2 if h["amsgrad"] else v_hat
    root = np.sqrt(used_v) + h["eps"]
    terms = (
        Term(
            "m",
            f"{readable(b1)}·m_prev + {readable(1 - b1)}·g",
            _vec(m),
            f"first moment (momentum): keeps {_percent(b1)} of the old mean slope, adds "
            f"{_percent(1 - b1)} of today's",
        ),
        Term(
            "v",
            f"{readable(b2)}·v_prev + {readable(1 - b2)}·g²",
            _vec(v),
            f"second moment: keeps {_percent(b2)} of the old mean squared slope, adds "
            f"{_percent(1 - b2)} of today's",
        ),
        Term(
            "1−β1^t",
            f"1 − {readable(b1)}^{t}",
            (c1,),
            "bias correction: m started at 0, so early on it is too small by this factor",
        ),
        Term("1−β2^t", f"1 − {readable(b2)}^{t}", (c2,), "the same correction for v"),
        Term("m̂", "m / (1−β1^t)", _vec(m_hat), "the corrected mean slope"),
        Term("v̂", "v / (1−β2^t)", _vec(v_hat), "the corrected mean squared slope"),
        Term(
            "rate_eff",
            "lr / (√v̂ + ε)",
            _vec(lr / root),
            "the effective rate per coordinate: the step is about lr in every coordinate "
            "whatever the slope's size",
        ),
    )
    if prev_m is not None:
        terms = (
            Term("m_prev", "first moment before", _vec(prev_m[0]), "the mean slope so far"),
            Term("v_prev", "second moment before", _vec(prev_v[0]), "the mean squared slope"),
        ) + terms
    rule = "m, v = running means of g and g²;  x_new = x − lr · m̂ / (√v̂ + ε)"
    return rule, terms, m, "first moment m"


def _explain_generic(before, after, x, g, lr):
    return "x_new = x − (the optimiser's step)", (), None, ""


_EXPLAINERS = {
    "SGD": _explain_sgd,
    "Adagrad": _explain_adagrad,
    "RMSprop": _explain_rmsprop,
    "Adam": _explain_adam,
}


class OptimizerReplay:
    """The optimiser of one recorded hiker, rebuilt at any step of its run.

    ``positions[k]`` and ``gradients[k]`` are where the hiker stood after k steps and the
    slope it felt there; ``rates[k + 1]`` is the rate of step k + 1 (row 0 unused).
    """

    def __init__(self, optimizer: Optimizer):
        self._fresh = optimizer.fresh()
        self._checkpoints: dict[int, Optimizer] = {0: self._fresh.copy()}
        self._cursor: tuple[int, Optimizer] = (0, self._fresh.copy())

    def before(self, k: int, positions, gradients, rates) -> Optimizer:
        """A copy of the optimiser as it was just before step ``k + 1`` (after k steps)."""
        k = int(k)
        if k < 0:
            raise ValueError("step numbers start at 0")
        at, opt = self._cursor
        if at > k:
            at = max(c for c in self._checkpoints if c <= k)
            opt = self._checkpoints[at].copy()
        with np.errstate(all="ignore"):
            while at < k:
                x = np.array(positions[at], dtype=np.float64).reshape(1, -1)
                g = np.array(gradients[at], dtype=np.float64).reshape(1, -1)
                opt.step(x, g, float(rates[at + 1]))
                at += 1
                if at % CHECKPOINT_EVERY == 0 and at not in self._checkpoints:
                    self._checkpoints[at] = opt.copy()
        self._cursor = (at, opt)
        return opt.copy()

    def explain(self, k: int, positions, gradients, rates) -> StepExplanation:
        """Step ``k + 1`` of the recorded run, explained (needs rows 0..k + 1)."""
        opt = self.before(k, positions, gradients, rates)
        return explain_update(opt, positions[k], gradients[k], float(rates[k + 1]))
