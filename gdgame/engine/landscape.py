"""The Landscape base class: a loss function you can walk on.

A *loss landscape* is a function f(x) that scores a position x (here: a point with 1, 2 or
more coordinates). Gradient descent walks downhill on it. Every landscape in gdgame knows

* its value f(x) ("height"),
* its gradient (the direction of steepest *ascent*; a hiker steps the opposite way),
* its Hessian (the curvature: how fast the slope itself changes), and
* where its valleys (minima) are, so the game can tell a local valley from the deepest one.

All three functions are *vectorised*: give one point of shape ``(dim,)`` and you get a scalar /
``(dim,)`` / ``(dim, dim)``; give ``n`` points as an array of shape ``(n, dim)`` and you get
``(n,)`` / ``(n, dim)`` / ``(n, dim, dim)``. That is what lets the engine move 10,000 hikers at
once with a handful of NumPy operations.

Writing a new landscape: subclass :class:`Landscape`, set ``name``, ``dim``, ``bounds``,
``minima`` (global minimisers first, ``n_global`` of them) and ``global_min_value``, and
implement ``_value(X)`` and ``_gradient(X)`` for a 2-D array ``X`` of shape ``(n, dim)``.
``_hessian(X)`` is optional: by default it is computed from the gradient by central finite
differences. Keep instances made of plain numbers and arrays so they pickle and deep-copy.

A landscape whose ``stochastic`` is True (a model on data with mini-batches, see
:mod:`gdgame.engine.minibatch`) also offers ``minibatches(rng)`` and ``batch_gradient``;
a descent then feels the slope of one mini-batch per step instead of the exact gradient.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Landscape", "as_points", "polish_minima"]


def as_points(x, dim: int) -> tuple[np.ndarray, bool]:
    """Return ``(X, single)``: x as a float64 ``(n, dim)`` array, and whether it was one point.

    Raises ValueError with a readable message when the shape does not fit the landscape.
    """
    arr = np.asarray(x, dtype=np.float64)
    if arr.ndim == 0 and dim == 1:
        return arr.reshape(1, 1), True
    if arr.ndim == 1 and arr.shape[0] == dim:
        return arr.reshape(1, dim), True
    if arr.ndim == 2 and arr.shape[1] == dim:
        return arr, False
    raise ValueError(
        f"expected a point of shape ({dim},) or points of shape (n, {dim}), got {arr.shape}"
    )


class Landscape:
    """A differentiable loss function f: R^dim -> R with known minima.

    Attributes:
        name: registry name, e.g. ``"rosenbrock"``.
        dim: number of coordinates of a position.
        bounds: ``((lo, hi), ...)`` per coordinate: the box worth plotting / playing in.
        minima: array ``(k, dim)`` of known minimisers; the global one(s) come first.
        n_global: how many rows of ``minima`` are global minimisers.
        global_min_value: the lowest value of f (at the global minimisers).
        saddle_points: array ``(m, dim)`` of known saddle points (often empty).
        params: the parameters the landscape was built with (for display and re-creation).
    """

    name: str = "landscape"
    title: str = "Landscape"
    dim: int = 1
    axis_names: tuple[str, ...] | None = None
    """What each coordinate means, where it means something (a model's weight and bias)."""
    stochastic: bool = False
    """True when a descent should feel mini-batch gradients instead of the exact one."""

    def __init__(self) -> None:
        self.bounds: tuple[tuple[float, float], ...] = ((-1.0, 1.0),) * self.dim
        self.minima = np.zeros((1, self.dim))
        self.n_global = 1
        self.global_min_value = 0.0
        self.saddle_points = np.zeros((0, self.dim))
        self.params: dict = {}

    # --- to implement in subclasses (X is always (n, dim) float64) -------------------------
    def _value(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _gradient(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _hessian(self, X: np.ndarray) -> np.ndarray:
        """Central finite differences of the analytic gradient, symmetrised: (n, dim, dim)."""
        n, dim = X.shape
        H = np.empty((n, dim, dim))
        for j in range(dim):
            h = 1e-5 * np.maximum(1.0, np.abs(X[:, j]))
            step = np.zeros_like(X)
            step[:, j] = h
            H[:, :, j] = (self._gradient(X + step) - self._gradient(X - step)) / (2 * h[:, None])
        return 0.5 * (H + np.swapaxes(H, 1, 2))

    # --- public, vectorised API -------------------------------------------------------------
    def value(self, x):
        """f(x): a float for one point ``(dim,)``, an array ``(n,)`` for points ``(n, dim)``."""
        X, single = as_points(x, self.dim)
        with np.errstate(all="ignore"):
            v = self._value(X)
        return float(v[0]) if single else v

    def gradient(self, x) -> np.ndarray:
        """The gradient (uphill direction): shape ``(dim,)`` or ``(n, dim)`` like x."""
        X, single = as_points(x, self.dim)
        with np.errstate(all="ignore"):
            g = self._gradient(X)
        return g[0] if single else g

    def hessian(self, x) -> np.ndarray:
        """The matrix of second derivatives: ``(dim, dim)`` or ``(n, dim, dim)``."""
        X, single = as_points(x, self.dim)
        with np.errstate(all="ignore"):
            H = self._hessian(X)
        return H[0] if single else H

    def max_curvature(self, x):
        """Largest Hessian eigenvalue at x (the steepest bend; a float or an ``(n,)`` array).

        It plays the role of the local Lipschitz constant L of the gradient: plain gradient
        descent is stable near x when the learning rate is below 2 / L.
        """
        X, single = as_points(x, self.dim)
        with np.errstate(all="ignore"):
            H = self._hessian(X)
            if self.dim == 1:
                lam = H[:, 0, 0]
            elif self.dim == 2:
                a, b, c = H[:, 0, 0], H[:, 0, 1], H[:, 1, 1]
                lam = 0.5 * (a + c) + np.sqrt(0.25 * (a - c) ** 2 + b * b)
            else:
                ok = np.isfinite(H).all(axis=(1, 2))
                lam = np.full(len(X), np.nan)
                if ok.any():
                    lam[ok] = np.linalg.eigvalsh(H[ok])[:, -1]
        return float(lam[0]) if single else lam

    # --- minima helpers -----------------------------------------------------------------------
    @property
    def global_minima(self) -> np.ndarray:
        """The global minimisers, shape ``(n_global, dim)``."""
        return self.minima[: self.n_global]

    @property
    def local_minima(self) -> np.ndarray:
        """Known minimisers that are *not* global (valleys where a hiker can get stuck)."""
        return self.minima[self.n_global :]

    def nearest_minimum(self, x) -> tuple[int, float]:
        """Index into ``minima`` of the minimiser closest to one point x, and its distance."""
        X, _ = as_points(x, self.dim)
        d = np.linalg.norm(self.minima - X[0], axis=1)
        i = int(np.argmin(d))
        return i, float(d[i])

    def is_global(self, x, tol: float = 1e-2) -> bool:
        """True when the single point x lies within ``tol`` of a global minimiser."""
        i, dist = self.nearest_minimum(x)
        return i < self.n_global and dist <= tol

    def is_local(self, x, tol: float = 1e-2) -> bool:
        """True when x lies within ``tol`` of a known minimiser that is not global."""
        i, dist = self.nearest_minimum(x)
        return i >= self.n_global and dist <= tol

    def contains(self, x) -> bool | np.ndarray:
        """Whether x lies inside ``bounds`` (a bool, or a bool array for several points)."""
        X, single = as_points(x, self.dim)
        lo = np.array([b[0] for b in self.bounds])
        hi = np.array([b[1] for b in self.bounds])
        inside = ((lo <= X) & (hi >= X)).all(axis=1)
        return bool(inside[0]) if single else inside

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"


def polish_minima(landscape: Landscape, points, iterations: int = 30) -> np.ndarray:
    """Refine approximate minimisers with Newton's method (used when building landscapes).

    Newton's method jumps straight to where the local quadratic model has zero slope, so a
    good guess becomes exact to machine precision in a few iterations.
    """
    X = np.array(points, dtype=np.float64).reshape(-1, landscape.dim)
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            G = landscape._gradient(X)
            H = landscape._hessian(X)
            step = np.linalg.solve(H, G[..., None])[..., 0]
            X = X - step
            if np.max(np.abs(step)) < 1e-15:
                break
    return X
