"""Gradient descent itself: move one hiker or thousands of hikers downhill, step by step.

Each step does the same three things for every hiker at once:

1. feel the slope: the gradient g at the current position. On a *stochastic* landscape (a
   model on data with a ``batch_size``) it is the gradient of the next mini-batch of real
   rows instead; optional Gaussian noise imitates such wobbles on any landscape;
2. pick the rate for this step (the base rate, or what the schedule says);
3. let the optimiser turn (position, gradient, rate) into the next position.

Hikers that blow up (the position or the loss stops being a finite number: the classic sign
that the learning rate is too large) are *frozen* at their last finite position and marked
``diverged``; the others keep going. NumPy never warns or raises about the overflow.

Three ways in, all driven by the same :class:`Descent` core so they always agree:

* :func:`descend` runs a fixed number of steps and returns a :class:`Trajectory`;
* :func:`iter_descent` is a generator yielding a :class:`StepRecord` per step (for live plots:
  run it in a worker thread and send each record to the screen);
* :class:`Descent` itself, stepped by hand (the game changes the rate between steps).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from gdgame.engine.landscape import Landscape, as_points
from gdgame.engine.optimizers import SGD, Optimizer, check_lr
from gdgame.engine.schedules import Schedule

__all__ = ["Descent", "StepRecord", "Trajectory", "descend", "iter_descent"]


@dataclass
class StepRecord:
    """One step of a descent, as yielded by :func:`iter_descent`.

    Shapes follow the start point: one hiker gives a position ``(dim,)``, a float loss and a
    bool; n hikers give ``(n, dim)``, ``(n,)`` and ``(n,)``. Arrays are fresh copies.

    Attributes:
        step: how many steps have been taken (1 for the first record).
        positions: where the hiker(s) stand after this step.
        losses: the loss there.
        gradients: the gradient felt there (the next step will use it; noise included).
        lrs: the learning rate used for this step (a float, or one per hiker).
        diverged: whether the hiker has blown up (and is frozen) by now.
        batch: on a stochastic landscape, the data rows behind ``gradients`` (every hiker
            feels the same rows); None otherwise.
    """

    step: int
    positions: np.ndarray
    losses: float | np.ndarray
    gradients: np.ndarray
    lrs: float | np.ndarray
    diverged: bool | np.ndarray
    batch: np.ndarray | None = None


@dataclass
class Trajectory:
    """A whole descent, as returned by :func:`descend`.

    ``positions[k]`` is where the hiker(s) stood after k steps (row 0 is the start), with
    shape ``(steps + 1, *x0.shape)``; ``losses[k]`` and ``gradients[k]`` belong to that
    position (``gradients[k]`` is what step k + 1 used). ``lrs[k]`` is the rate used to go from
    ``positions[k]`` to ``positions[k + 1]``: shape ``(steps,)`` for one rate, ``(steps, n)``
    for one rate per hiker. ``diverged`` (bool per hiker) tells who blew up; ``diverged_at``
    is the step at which that was detected (-1 for hikers that never diverged). A diverged
    hiker's rows stay at its last finite position and loss.
    """

    positions: np.ndarray
    losses: np.ndarray
    gradients: np.ndarray
    lrs: np.ndarray
    diverged: bool | np.ndarray
    diverged_at: int | np.ndarray

    @property
    def steps(self) -> int:
        return len(self.positions) - 1

    @property
    def final_position(self) -> np.ndarray:
        return self.positions[-1]

    @property
    def final_loss(self):
        return self.losses[-1]


class Descent:
    """The stepping core: positions, optimiser memory, rate schedule and noise generator.

    Args:
        landscape: a :class:`Landscape` (or any object with vectorised ``value``/``gradient``).
        x0: start point ``(dim,)`` for one hiker or ``(n, dim)`` for n hikers.
        optimizer: an :class:`Optimizer` from ``make_optimizer`` (copied, never changed), or a
            plain number meaning SGD with that rate.
        schedule: optional :class:`Schedule`; it sets the rate of step k from the base rate.
        noise: standard deviation of Gaussian noise added to every gradient component.
        seed: seed for that noise and for the mini-batches (same seed, same wobbles).

    On a stochastic landscape (``landscape.stochastic``) each step feels the gradient of the
    next mini-batch from ``landscape.minibatches(rng)``: shuffled rows, dealt epoch by epoch.
    All hikers of one descent feel the same rows at the same step, as if they shared one
    data loader, so a race or a sweep compares settings, not luck. ``batch_rows`` holds the
    rows behind the current gradient and ``epochs`` the passes over the data so far.
    Gaussian ``noise``, if also given, is added on top.

    ``step()`` advances every hiker once; ``record()`` returns the current state as a
    :class:`StepRecord`. A Descent can be deep-copied (e.g. to rewind a game).
    """

    def __init__(self, landscape, x0, optimizer, schedule=None, noise=0.0, seed=None):
        X, self.single = as_points(x0, landscape.dim)
        self.landscape = landscape
        self._native = isinstance(landscape, Landscape)
        self.X = X.copy()
        if isinstance(optimizer, Optimizer):
            self.optimizer = optimizer.fresh()
        elif isinstance(optimizer, int | float | np.floating | np.integer):
            self.optimizer = SGD(float(optimizer))
        else:
            raise TypeError("optimizer must come from make_optimizer(...) or be a number")
        if schedule is not None and not isinstance(schedule, Schedule):
            raise TypeError("schedule must come from make_schedule(...)")
        self.schedule = schedule
        self.noise = float(noise)
        if not (np.isfinite(self.noise) and self.noise >= 0):
            raise ValueError("noise must be a finite number, 0 or more")
        stochastic = bool(getattr(landscape, "stochastic", False))
        wobbles = self.noise > 0 or stochastic
        self.rng = np.random.default_rng(seed) if wobbles else None
        self.batches = landscape.minibatches(self.rng) if stochastic else None
        self.batch_rows: np.ndarray | None = None
        self.set_lr(self.optimizer.lr)
        self.k = 0
        self.last_lr = self._base_lr
        self._prev = np.empty_like(self.X)
        with np.errstate(all="ignore"):
            self.loss = self._value(self.X)
            self.G = self._felt(self.X)
        self.diverged = ~(np.isfinite(self.loss) & np.isfinite(self.X).all(axis=1))
        self.diverged_at = np.where(self.diverged, 0, -1)
        self._any_frozen = bool(self.diverged.any())

    # --- setup helpers --------------------------------------------------------------------
    def set_lr(self, lr) -> None:
        """Change the base learning rate from the next step on (a number or one per hiker)."""
        lr = check_lr(lr)
        self.lr = lr
        if isinstance(lr, np.ndarray):
            if lr.shape != (len(self.X),):
                raise ValueError(f"got {lr.size} learning rates for {len(self.X)} hikers")
            self._base_lr = lr[:, None]
        else:
            self._base_lr = lr

    def _value(self, X):
        if self._native:
            return self.landscape._value(X)
        return np.asarray(self.landscape.value(X), dtype=np.float64).reshape(len(X))

    def _gradient(self, X):
        if self._native:
            return self.landscape._gradient(X)
        return np.asarray(self.landscape.gradient(X), dtype=np.float64).reshape(X.shape)

    def _felt(self, X):
        """The slope the hikers feel at X: exact, or the next mini-batch's; plus noise."""
        if self.batches is None:
            G = self._gradient(X)
        else:
            rows = self.batch_rows = self.batches.next()
            if self._native:
                G = self.landscape._batch_gradient(X, rows)
            else:
                G = np.asarray(self.landscape.batch_gradient(X, rows), dtype=np.float64)
                G = G.reshape(X.shape)
        if self.noise > 0:
            G = G + self.noise * self.rng.standard_normal(G.shape)
        return G

    @property
    def epochs(self) -> float:
        """Passes over the data the mini-batches felt so far add up to (0 when exact)."""
        return 0.0 if self.batches is None else self.batches.epochs

    def current_rate(self):
        """The rate the next step will use: a float, or an ``(n, 1)`` column for n rates."""
        if self.schedule is None:
            return self._base_lr
        return self.schedule.rate(self.k, self._base_lr)

    # --- the hot loop -----------------------------------------------------------------------
    def step(self) -> None:
        """Move every hiker once (diverged hikers stay frozen)."""
        X, prev = self.X, self._prev
        with np.errstate(all="ignore"):
            lr = self.current_rate()
            np.copyto(prev, X)
            self.optimizer.step(X, self.G, lr)
            frozen = self.diverged
            if self._any_frozen:
                X[frozen] = prev[frozen]
            loss = self._value(X)
            if self._any_frozen:
                loss[frozen] = self.loss[frozen]
            if not (np.isfinite(loss).all() and np.isfinite(X).all()):
                bad = ~(np.isfinite(loss) & np.isfinite(X).all(axis=1)) & ~frozen
                X[bad] = prev[bad]
                loss[bad] = self.loss[bad]
                self.diverged = frozen | bad
                self.diverged_at[bad] = self.k + 1
                self._any_frozen = True
            self.loss = loss
            self.G = self._felt(X)
        self.k += 1
        self.last_lr = lr

    # --- reading the state -----------------------------------------------------------------
    def _shaped(self, arr):
        return arr[0].copy() if self.single else arr.copy()

    @property
    def position(self) -> np.ndarray:
        return self._shaped(self.X)

    def record(self) -> StepRecord:
        """The current state as a :class:`StepRecord` (copies, shaped like the start point)."""
        lr = self.last_lr
        lr = lr[:, 0].copy() if isinstance(lr, np.ndarray) else float(lr)
        batch = None if self.batch_rows is None else self.batch_rows.copy()
        if self.single:
            return StepRecord(
                self.k,
                self.X[0].copy(),
                float(self.loss[0]),
                self.G[0].copy(),
                lr,
                bool(self.diverged[0]),
                batch,
            )
        return StepRecord(
            self.k, self.X.copy(), self.loss.copy(), self.G.copy(), lr, self.diverged.copy(), batch
        )


def iter_descent(
    landscape, x0, optimizer, steps: int | None = None, schedule=None, noise=0.0, seed=None
) -> Iterator[StepRecord]:
    """Yield one :class:`StepRecord` per step; ``steps=None`` goes on for ever.

    The start point itself is not yielded (you know it; ``landscape.value(x0)`` gives its
    loss). Stop early simply by not asking for more (``break`` or ``close()``). Bad
    arguments raise right here, not at the first ``next()``.
    """
    core = Descent(landscape, x0, optimizer, schedule=schedule, noise=noise, seed=seed)
    counter = itertools.count() if steps is None else range(_check_steps(steps))
    return _records(core, counter)


def _records(core: Descent, counter) -> Iterator[StepRecord]:
    for _ in counter:
        core.step()
        yield core.record()


def _check_steps(steps) -> int:
    if int(steps) != steps or steps < 0:
        raise ValueError("steps must be a whole number, 0 or more")
    return int(steps)


def descend(landscape, x0, optimizer, steps: int, schedule=None, noise=0.0, seed=None):
    """Run ``steps`` steps of descent and return the whole :class:`Trajectory`.

    ``x0`` of shape ``(dim,)`` runs one hiker; ``(n, dim)`` runs n hikers in one vectorised
    pass (the optimiser's rate may then be an array with one rate per hiker). Example::

        >>> from gdgame.engine import get_landscape, make_optimizer, descend
        >>> bowl = get_landscape("quadratic", scales=(2,))        # f(x) = x^2
        >>> path = descend(bowl, [1.0], make_optimizer("sgd", 0.1), steps=5)
        >>> round(float(path.positions[-1, 0]), 5)                # 1 * (1 - 0.2)^5
        0.32768
    """
    steps = _check_steps(steps)
    core = Descent(landscape, x0, optimizer, schedule=schedule, noise=noise, seed=seed)
    n, dim = core.X.shape
    positions = np.empty((steps + 1, n, dim))
    losses = np.empty((steps + 1, n))
    gradients = np.empty((steps + 1, n, dim))
    lr_shape = () if not isinstance(core.lr, np.ndarray) else (n,)
    lrs = np.empty((steps, *lr_shape))
    positions[0], losses[0], gradients[0] = core.X, core.loss, core.G
    for k in range(steps):
        core.step()
        positions[k + 1] = core.X
        losses[k + 1] = core.loss
        gradients[k + 1] = core.G
        lrs[k] = core.last_lr if not lr_shape else core.last_lr[:, 0]
    if core.single:
        return Trajectory(
            positions[:, 0],
            losses[:, 0],
            gradients[:, 0],
            lrs,
            bool(core.diverged[0]),
            int(core.diverged_at[0]),
        )
    return Trajectory(positions, losses, gradients, lrs, core.diverged, core.diverged_at)
