"""Optimisers: the rules that turn a gradient into a step, exactly as torch.optim does.

Every optimiser answers one question each step: "given where I am (x) and the slope I feel
(g), where do I go next?" Plain gradient descent says ``x <- x - lr * g``. The others keep a
little *memory* (state) between steps:

* ``momentum`` (SGD with momentum): a velocity b <- mu*b + g that keeps rolling;
  step ``x <- x - lr * b``. Helps in ravines, can overshoot.
* ``nesterov``: like momentum, but looks ahead: step with g + mu*b.
* ``adagrad``: divides by the root of the *sum* of all squared gradients so far: steep axes
  get small steps, the effective rate shrinks over time.
* ``rmsprop``: divides by the root of a *moving average* of squared gradients instead.
* ``adam``: momentum on the gradient (first moment) plus RMSprop scaling (second moment), with
  bias correction so the first steps are not too small. Its first step moves every coordinate
  by about lr, whatever the slope.

The update rules, defaults and order of operations follow torch.optim (SGD, Adagrad, RMSprop,
Adam) so numbers match PyTorch. All work on a batch of hikers: positions ``X`` of shape
``(n, dim)``; the rate is a number or one rate per hiker, and SGD's momentum too is a number
or one momentum per hiker (the phase map runs a whole (rate x momentum) grid in one pass).
State is plain NumPy arrays, so an optimiser can be deep-copied (e.g. to undo a move).
"""

from __future__ import annotations

import copy

import numpy as np

__all__ = ["Optimizer", "SGD", "Adagrad", "RMSprop", "Adam", "make_optimizer", "OPTIMIZERS"]


def _per_hiker_number(value, shape_message: str, value_message: str):
    """``value`` as a float, or a float64 array of shape (n,); reject negatives and NaN."""
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim > 1:
        raise ValueError(shape_message)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(value_message)
    return float(arr) if arr.ndim == 0 else arr.copy()


def check_lr(lr):
    """Return lr as a float, or as a float64 array of shape (n,); reject negatives and NaN."""
    return _per_hiker_number(
        lr,
        "the learning rate must be a number or a list with one rate per hiker",
        "learning rates must be finite and not negative",
    )


def check_momentum(momentum):
    """Return momentum as a float, or a float64 array of shape (n,); reject negatives and NaN.

    Like torch, any momentum >= 0 is accepted (from 1 on, the velocity never fades).
    """
    return _per_hiker_number(
        momentum,
        "momentum must be a number or a list with one momentum per hiker",
        "momentum must be 0 or more",
    )


def _per_hiker(value):
    """A per-hiker array (n,) as an (n, 1) column that broadcasts over coordinates."""
    return value[:, None] if isinstance(value, np.ndarray) else value


def _lerp(avg, target, weight):
    """avg <- avg + weight * (target - avg), in place, computed the way torch.lerp_ does."""
    if weight < 0.5:
        avg += weight * (target - avg)
    else:
        avg[...] = target - (target - avg) * (1.0 - weight)


class Optimizer:
    """Base class. ``step(X, G, lr)`` moves positions ``X`` (n, dim) in place.

    ``lr`` passed to ``step`` is the rate for *this* step (a float, or an (n, 1) array); the
    base rate given at construction is kept in ``self.lr`` (the descent applies schedules).
    """

    name = "optimizer"
    defaults: dict = {}

    def __init__(self, lr=0.01, **hyper):
        unknown = set(hyper) - set(self.defaults)
        if unknown:
            allowed = ", ".join(self.defaults) or "none"
            raise TypeError(f"{self.name} has no setting {sorted(unknown)}; allowed: {allowed}")
        self.lr = check_lr(lr)
        self.hyper = {**self.defaults, **hyper}
        self._validate()
        self.reset()

    def _validate(self) -> None:
        for key in ("weight_decay", "momentum", "eps", "lr_decay", "initial_accumulator_value"):
            if key in self.hyper and not np.all(np.asarray(self.hyper[key]) >= 0):
                raise ValueError(f"{key} must be 0 or more")

    def reset(self) -> None:
        """Forget everything remembered (momentum, averages, step count)."""
        self.t = 0
        self.state: dict[str, np.ndarray] = {}
        self._tmp: np.ndarray | None = None

    def fresh(self) -> Optimizer:
        """A copy with the same settings and an empty memory."""
        new = copy.copy(self)
        new.hyper = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in self.hyper.items()}
        new.lr = self.lr.copy() if isinstance(self.lr, np.ndarray) else self.lr
        new.reset()
        return new

    def copy(self) -> Optimizer:
        """A deep copy, memory included."""
        return copy.deepcopy(self)

    def _scratch(self, X):
        if self._tmp is None or self._tmp.shape != X.shape:
            self._tmp = np.empty_like(X)
        return self._tmp

    def _decayed(self, X, G):
        """Weight decay as in torch: g + weight_decay * x (a new array, G is left alone)."""
        wd = self.hyper.get("weight_decay", 0.0)
        return G + wd * X if wd else G

    def step(self, X: np.ndarray, G: np.ndarray, lr) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.hyper.items())
        return f"{type(self).__name__}(lr={self.lr!r}, {args})"


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with (Nesterov) momentum (torch.optim.SGD).

    b <- g on the first step, then b <- mu*b + (1 - dampening)*g; the step direction is b,
    or g + mu*b with Nesterov. With momentum 0 it is plain gradient descent x <- x - lr*g.
    """

    name = "sgd"
    defaults = {"momentum": 0.0, "dampening": 0.0, "nesterov": False, "weight_decay": 0.0}

    def _validate(self) -> None:
        h = self.hyper
        h["momentum"] = check_momentum(h["momentum"])  # a number, or one per hiker
        super()._validate()
        if h["nesterov"] and (np.any(h["momentum"] <= 0) or h["dampening"] != 0):
            raise ValueError("Nesterov momentum needs momentum > 0 and dampening 0")

    def step(self, X, G, lr) -> None:
        mu = self.hyper["momentum"]
        g = self._decayed(X, G)
        if np.any(mu):  # hikers with momentum 0 get buf = g every step: plain SGD, exactly
            if isinstance(mu, np.ndarray) and len(mu) != len(X):
                raise ValueError(f"got {len(mu)} momenta for {len(X)} hikers")
            column = _per_hiker(mu)
            buf = self.state.get("momentum_buffer")
            if buf is None:
                buf = self.state["momentum_buffer"] = g.copy()
            else:
                buf *= column
                damp = self.hyper["dampening"]
                buf += (1 - damp) * g if damp else g
                if isinstance(mu, np.ndarray) and not mu.all():  # as in a run without memory
                    still = mu == 0
                    buf[still] = g[still]
            mu = column
            g = g + mu * buf if self.hyper["nesterov"] else buf
        self.t += 1
        tmp = self._scratch(X)
        np.multiply(g, lr, out=tmp)
        X -= tmp


class Adagrad(Optimizer):
    """Adagrad (torch.optim.Adagrad): x <- x - clr * g / (sqrt(sum of g^2) + eps).

    clr = lr / (1 + (t - 1) * lr_decay) at step t.
    """

    name = "adagrad"
    defaults = {
        "lr_decay": 0.0,
        "weight_decay": 0.0,
        "initial_accumulator_value": 0.0,
        "eps": 1e-10,
    }

    def step(self, X, G, lr) -> None:
        g = self._decayed(X, G)
        if "sum" not in self.state:
            self.state["sum"] = np.full_like(X, self.hyper["initial_accumulator_value"])
        self.t += 1
        clr = lr / (1 + (self.t - 1) * self.hyper["lr_decay"])
        acc = self.state["sum"]
        acc += g * g
        std = np.sqrt(acc)
        std += self.hyper["eps"]
        X -= clr * (g / std)


class RMSprop(Optimizer):
    """RMSprop (torch.optim.RMSprop): divide the step by sqrt(moving average of g^2) + eps.

    v <- alpha*v + (1 - alpha)*g^2; with ``centered`` the average gradient's square is taken
    off first; with ``momentum`` the scaled steps are accumulated in a buffer.
    """

    name = "rmsprop"
    defaults = {
        "alpha": 0.99,
        "eps": 1e-8,
        "weight_decay": 0.0,
        "momentum": 0.0,
        "centered": False,
    }

    def _validate(self) -> None:
        super()._validate()
        if not 0 <= self.hyper["alpha"] <= 1:
            raise ValueError("alpha must be between 0 and 1")

    def step(self, X, G, lr) -> None:
        h = self.hyper
        g = self._decayed(X, G)
        if not self.state:
            self.state["square_avg"] = np.zeros_like(X)
            if h["centered"]:
                self.state["grad_avg"] = np.zeros_like(X)
            if h["momentum"] > 0:
                self.state["momentum_buffer"] = np.zeros_like(X)
        self.t += 1
        sq = self.state["square_avg"]
        sq *= h["alpha"]
        sq += (1 - h["alpha"]) * (g * g)
        if h["centered"]:
            ga = self.state["grad_avg"]
            _lerp(ga, g, 1 - h["alpha"])
            avg = np.sqrt(sq - ga * ga)
        else:
            avg = np.sqrt(sq)
        avg += h["eps"]
        if h["momentum"] > 0:
            buf = self.state["momentum_buffer"]
            buf *= h["momentum"]
            buf += g / avg
            X -= lr * buf
        else:
            X -= lr * (g / avg)


class Adam(Optimizer):
    """Adam (torch.optim.Adam): m <- lerp(m, g, 1-b1); v <- b2*v + (1-b2)*g^2;
    x <- x - lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps). ``amsgrad`` uses the running
    maximum of v instead of v.
    """

    name = "adam"
    defaults = {"betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False}

    def _validate(self) -> None:
        super()._validate()
        b1, b2 = self.hyper["betas"]
        if not (0 <= b1 < 1 and 0 <= b2 < 1):
            raise ValueError("Adam betas must be in [0, 1)")
        self.hyper["betas"] = (float(b1), float(b2))

    def step(self, X, G, lr) -> None:
        b1, b2 = self.hyper["betas"]
        g = self._decayed(X, G)
        if not self.state:
            self.state["exp_avg"] = np.zeros_like(X)
            self.state["exp_avg_sq"] = np.zeros_like(X)
            if self.hyper["amsgrad"]:
                self.state["max_exp_avg_sq"] = np.zeros_like(X)
        self.t += 1
        m, v = self.state["exp_avg"], self.state["exp_avg_sq"]
        _lerp(m, g, 1 - b1)
        v *= b2
        v += (1 - b2) * (g * g)
        if self.hyper["amsgrad"]:
            vmax = self.state["max_exp_avg_sq"]
            np.maximum(vmax, v, out=vmax)
            v = vmax
        step_size = lr / (1 - b1**self.t)
        denom = np.sqrt(v)
        denom /= (1 - b2**self.t) ** 0.5
        denom += self.hyper["eps"]
        X -= step_size * (m / denom)


OPTIMIZERS: dict[str, tuple[type[Optimizer], dict]] = {
    "sgd": (SGD, {}),
    "momentum": (SGD, {"momentum": 0.9}),
    "nesterov": (SGD, {"momentum": 0.9, "nesterov": True}),
    "adagrad": (Adagrad, {}),
    "rmsprop": (RMSprop, {}),
    "adam": (Adam, {}),
}


def make_optimizer(name: str, lr=0.01, **hyper) -> Optimizer:
    """Build an optimiser by name: sgd, momentum, nesterov, adagrad, rmsprop or adam.

    ``lr`` is one rate or an array with one rate per hiker. Extra settings use torch's names
    (momentum, dampening, nesterov, weight_decay, lr_decay, initial_accumulator_value, eps,
    alpha, centered, betas, amsgrad). "momentum" and "nesterov" are SGD with momentum 0.9.
    """
    key = name.strip().lower()
    if key not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {name!r}; choose one of: {', '.join(OPTIMIZERS)}")
    cls, preset = OPTIMIZERS[key]
    opt = cls(lr, **{**preset, **hyper})
    opt.name = key
    return opt
