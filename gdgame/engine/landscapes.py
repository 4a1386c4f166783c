"""Landscapes that work in any dimension, and the 1-D teaching landscapes.

* :class:`Quadratic` -- the bowl f = 0.5 * sum(s_i * x_i^2). The curvature along axis i is s_i,
  so plain gradient descent is stable exactly when lr < 2 / max(s).
* :class:`Rastrigin`, :class:`Ackley`, :class:`StyblinskiTang` -- classic test functions full
  of local minima.
* :class:`DoubleWell` -- 1-D, two valleys: a shallow local one and the deeper global one.
* :class:`Plateau` -- 1-D, a nearly flat shelf, then a drop into a bowl: tiny gradients on the
  shelf make small learning rates crawl.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from gdgame.engine.landscape import Landscape, polish_minima

__all__ = ["Quadratic", "Rastrigin", "Ackley", "StyblinskiTang", "DoubleWell", "Plateau"]


def _sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), written with tanh so it never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class Quadratic(Landscape):
    """A bowl: f(x) = 0.5 * sum(s_i * x_i^2), minimum 0 at the origin.

    ``scales`` (all > 0) are the curvatures; ``scales=(2,)`` gives f = x^2. The ratio
    max(s) / min(s) is the *condition number*: the bigger it is, the narrower the valley.
    """

    name = "quadratic"
    title = "Bowl"

    def __init__(self, scales=(1.0,)):
        s = np.atleast_1d(np.asarray(scales, dtype=np.float64))
        if s.ndim != 1 or s.size == 0 or not np.all(np.isfinite(s)) or np.any(s <= 0):
            raise ValueError("quadratic scales must be a non-empty list of positive numbers")
        self.dim = int(s.size)
        super().__init__()
        self.scales = s
        self.params = {"scales": tuple(float(v) for v in s)}
        self.bounds = ((-2.5, 2.5),) * self.dim

    def _value(self, X):
        return 0.5 * (X * X) @ self.scales

    def _gradient(self, X):
        return X * self.scales

    def _hessian(self, X):
        return np.broadcast_to(np.diag(self.scales), (len(X), self.dim, self.dim)).copy()


class Rastrigin(Landscape):
    """f(x) = A*d + sum(x_i^2 - A*cos(2*pi*x_i)): a bowl covered in a regular egg-box of dips.

    Global minimum 0 at the origin; a local minimum near every point with integer coordinates.
    """

    name = "rastrigin"
    title = "Egg box (Rastrigin)"

    def __init__(self, dim: int = 2, A: float = 10.0):
        self.dim = int(dim)
        super().__init__()
        self.A = float(A)
        self.params = {"dim": self.dim, "A": self.A}
        self.bounds = ((-5.12, 5.12),) * self.dim

    def _value(self, X):
        return self.A * self.dim + np.sum(X * X - self.A * np.cos(2 * np.pi * X), axis=1)

    def _gradient(self, X):
        return 2 * X + 2 * np.pi * self.A * np.sin(2 * np.pi * X)

    def _hessian(self, X):
        diag = 2 + 4 * np.pi**2 * self.A * np.cos(2 * np.pi * X)
        return diag[:, :, None] * np.eye(self.dim)


class Ackley(Landscape):
    """f(x) = -a*exp(-b*sqrt(mean(x^2))) - exp(mean(cos(c*x))) + a + e.

    Almost flat and bumpy far out, with a sharp funnel to the global minimum 0 at the origin.
    The funnel tip is a kink (no gradient exactly at 0); the gradient there is taken as 0.
    """

    name = "ackley"
    title = "Funnel (Ackley)"

    def __init__(self, dim: int = 2, a: float = 20.0, b: float = 0.2, c: float = 2 * math.pi):
        if isinstance(dim, bool) or int(dim) != dim or dim < 1:
            raise ValueError("ackley needs a whole number of dimensions, 1 or more")
        self.dim = int(dim)
        super().__init__()
        self.a, self.b, self.c = float(a), float(b), float(c)
        self.params = {"dim": self.dim, "a": self.a, "b": self.b, "c": self.c}
        self.bounds = ((-5.0, 5.0),) * self.dim

    def _value(self, X):
        r = np.sqrt(np.mean(X * X, axis=1))
        return (
            -self.a * np.exp(-self.b * r)
            - np.exp(np.mean(np.cos(self.c * X), axis=1))
            + self.a
            + math.e
        )

    def _gradient(self, X):
        d = self.dim
        r = np.sqrt(np.mean(X * X, axis=1))
        safe_r = np.where(r > 0, r, 1.0)
        first = np.where(r > 0, self.a * self.b * np.exp(-self.b * r) / (d * safe_r), 0.0)
        second = np.exp(np.mean(np.cos(self.c * X), axis=1)) * self.c / d
        return first[:, None] * X + second[:, None] * np.sin(self.c * X)


class StyblinskiTang(Landscape):
    """f(x) = 0.5 * sum(x_i^4 - 16*x_i^2 + 5*x_i): 2^d valleys, one of them clearly deepest.

    Along each axis there are two dips, at about -2.90 (deeper) and +2.75 (shallower); the
    global minimum is where every coordinate is about -2.9035.
    """

    name = "styblinski_tang"
    title = "Four valleys (Styblinski-Tang)"

    def __init__(self, dim: int = 2):
        self.dim = int(dim)
        if not 1 <= self.dim <= 10:
            raise ValueError("styblinski_tang supports 1 to 10 dimensions")
        super().__init__()
        self.params = {"dim": self.dim}
        self.bounds = ((-5.0, 5.0),) * self.dim
        roots = np.sort(np.roots([2.0, 0.0, -16.0, 2.5]).real)  # f'(x) = 2x^3 - 16x + 2.5
        low, high = roots[0], roots[2]  # the middle root is a hump, not a valley
        corners = np.array(list(itertools.product((low, high), repeat=self.dim)))
        corners = polish_minima(self, corners)
        values = self._value(corners)
        order = np.argsort(values, kind="stable")
        self.minima = corners[order]
        self.global_min_value = float(values[order[0]])
        self.n_global = 1

    def _value(self, X):
        return 0.5 * np.sum(X**4 - 16 * X * X + 5 * X, axis=1)

    def _gradient(self, X):
        return 2 * X**3 - 16 * X + 2.5

    def _hessian(self, X):
        return (6 * X * X - 16)[:, :, None] * np.eye(self.dim)


class DoubleWell(Landscape):
    """1-D: f(x) = (x^2 - 1)^2 + tilt * x. Two valleys near x = -1 and x = +1.

    The tilt makes one valley deeper: with tilt > 0 the left valley is the global minimum and
    the right one is a local minimum where a careful hiker can get stuck.
    """

    name = "double_well"
    title = "Double well"
    dim = 1

    def __init__(self, tilt: float = 0.3):
        super().__init__()
        self.tilt = float(tilt)
        if not 0 < abs(self.tilt) < 1.5:
            raise ValueError("double_well tilt must be non-zero and between -1.5 and 1.5")
        self.params = {"tilt": self.tilt}
        self.bounds = ((-2.0, 2.0),)
        roots = np.sort(np.roots([4.0, 0.0, -4.0, self.tilt]).real)  # f' = 4x^3 - 4x + tilt
        valleys = polish_minima(self, roots[[0, 2]])
        values = self._value(valleys)
        order = np.argsort(values)
        self.minima = valleys[order]
        self.global_min_value = float(values[order[0]])
        self.n_global = 1

    def _value(self, X):
        x = X[:, 0]
        return (x * x - 1) ** 2 + self.tilt * x

    def _gradient(self, X):
        return 4 * X**3 - 4 * X + self.tilt

    def _hessian(self, X):
        return (12 * X * X - 4)[:, :, None]


class Plateau(Landscape):
    """1-D: a nearly flat shelf on the left, a drop at ``edge``, then a bowl near ``bottom``.

    f(x) = H * (1 - sig(s * (x - edge))) + tilt/2 * (x - m)^2 + k/2 * max(x - m, 0)^2

    with sig the logistic step, H = ``shelf_height``, s = ``sharpness``, m = ``bottom`` and
    k = ``curvature``. Left of the edge only the tiny ``tilt`` term slopes the ground, so the
    gradient is almost zero: a small learning rate crawls for ages (a *plateau*). The wall
    right of ``bottom`` holds the hiker; the single minimum lies a little right of ``bottom``.

    Why it has exactly one valley: left of m every term slopes down to the right, and right
    of m the wall's slope (k + tilt) * (x - m) grows while the drop's slope fades, so the
    slope changes sign once. (The curvature jumps by k at x = m, invisible on a plot.)
    """

    name = "plateau"
    title = "Plateau"
    dim = 1

    def __init__(
        self,
        shelf_height: float = 1.0,
        edge: float = 0.0,
        sharpness: float = 4.0,
        bottom: float = 1.0,
        curvature: float = 2.0,
        tilt: float = 0.01,
    ):
        super().__init__()
        self.H, self.e, self.s = float(shelf_height), float(edge), float(sharpness)
        self.m, self.k, self.t = float(bottom), float(curvature), float(tilt)
        if self.m < self.e or min(self.H, self.s, self.k) <= 0 or self.t < 0:
            raise ValueError("plateau needs bottom >= edge and positive height/sharpness/curvature")
        self.params = {
            "shelf_height": self.H,
            "edge": self.e,
            "sharpness": self.s,
            "bottom": self.m,
            "curvature": self.k,
            "tilt": self.t,
        }
        self.bounds = ((self.e - 4.0, self.m + 1.5),)
        # The slope is negative at m and positive at m + H*s / (4*(k + tilt)): bisect.
        lo, hi = self.m, self.m + self.H * self.s / (4 * (self.k + self.t)) + 1e-12
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if self._gradient(np.array([[mid]]))[0, 0] < 0:
                lo = mid
            else:
                hi = mid
        self.minima = np.array([[0.5 * (lo + hi)]])
        self.global_min_value = float(self._value(self.minima)[0])

    def _drop(self, X):
        """The logistic step sig(s(x - e)) and its first two x-derivatives."""
        sig = _sigmoid(self.s * (X - self.e))
        d1 = self.s * sig * (1 - sig)
        return sig, d1, self.s * d1 * (1 - 2 * sig)

    def _value(self, X):
        u = X[:, 0] - self.m
        wall = np.maximum(u, 0.0)
        sig, _, _ = self._drop(X[:, 0])
        return self.H * (1 - sig) + 0.5 * self.t * u * u + 0.5 * self.k * wall * wall

    def _gradient(self, X):
        u = X - self.m
        _, d1, _ = self._drop(X)
        return -self.H * d1 + self.t * u + self.k * np.maximum(u, 0.0)

    def _hessian(self, X):
        _, _, d2 = self._drop(X)
        return (-self.H * d2 + self.t + self.k * (self.m < X))[:, :, None]
