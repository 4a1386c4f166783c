"""Two-dimensional landscapes: valleys, bananas, saddles and ravines.

Each class documents its formula; gradients (and most Hessians) are written out by hand so
they are exact, and the tests compare them with finite differences.
"""

from __future__ import annotations

import math

import numpy as np

from gdgame.engine.landscape import Landscape, polish_minima

__all__ = ["Rosenbrock", "Himmelblau", "Beale", "Saddle", "Ravine", "SixHumpCamel"]


def _sort_minima(landscape: Landscape, points, n_global: int) -> None:
    """Polish approximate minimisers, sort them by height and store them on the landscape."""
    mins = polish_minima(landscape, points)
    values = landscape._value(mins)
    order = np.argsort(values, kind="stable")
    landscape.minima = mins[order]
    landscape.n_global = n_global
    landscape.global_min_value = float(values[order[0]])


class Rosenbrock(Landscape):
    """The "banana": f(x, y) = (a - x)^2 + b * (y - x^2)^2, minimum 0 at (a, a^2).

    The valley floor is a curved, almost flat banana with steep walls: easy to fall into,
    slow to walk along. A classic test for optimisers since 1960.
    """

    name = "rosenbrock"
    title = "Banana valley (Rosenbrock)"
    dim = 2

    def __init__(self, a: float = 1.0, b: float = 100.0):
        super().__init__()
        self.a, self.b = float(a), float(b)
        self.params = {"a": self.a, "b": self.b}
        self.bounds = ((-2.0, 2.0), (-1.0, 3.0))
        self.minima = np.array([[self.a, self.a**2]])
        self.global_min_value = 0.0

    def _value(self, X):
        x, y = X[:, 0], X[:, 1]
        d = self.a - x
        w = y - x * x
        return d * d + self.b * (w * w)

    def _gradient(self, X):
        # Written with in-place operations on contiguous 1-D temporaries: this is the hot
        # spot of the engine benchmark.
        x, y = X[:, 0], X[:, 1]
        w = y - x * x
        w *= 2 * self.b  # w is now df/dy = 2b (y - x^2)
        gx = x * w
        gx *= -2.0
        gx -= 2 * (self.a - x)  # df/dx = -2 (a - x) - 4b x (y - x^2)
        G = np.empty_like(X)
        G[:, 0] = gx
        G[:, 1] = w
        return G

    def _hessian(self, X):
        x, y = X[:, 0], X[:, 1]
        H = np.empty((len(X), 2, 2))
        H[:, 0, 0] = 2 - 4 * self.b * y + 12 * self.b * x * x
        H[:, 0, 1] = H[:, 1, 0] = -4 * self.b * x
        H[:, 1, 1] = 2 * self.b
        return H


class Himmelblau(Landscape):
    """f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2: four valleys, all equally deep (0)."""

    name = "himmelblau"
    title = "Four equal valleys (Himmelblau)"
    dim = 2

    def __init__(self):
        super().__init__()
        self.bounds = ((-5.0, 5.0), (-5.0, 5.0))
        guesses = [[3.0, 2.0], [-2.805, 3.131], [-3.779, -3.283], [3.584, -1.848]]
        self.minima = polish_minima(self, guesses)
        self.n_global = 4
        self.global_min_value = 0.0

    def _value(self, X):
        x, y = X[:, 0], X[:, 1]
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2

    def _gradient(self, X):
        x, y = X[:, 0], X[:, 1]
        A = x * x + y - 11
        B = x + y * y - 7
        return np.stack([4 * x * A + 2 * B, 2 * A + 4 * y * B], axis=1)

    def _hessian(self, X):
        x, y = X[:, 0], X[:, 1]
        H = np.empty((len(X), 2, 2))
        H[:, 0, 0] = 4 * (x * x + y - 11) + 8 * x * x + 2
        H[:, 0, 1] = H[:, 1, 0] = 4 * (x + y)
        H[:, 1, 1] = 4 * (x + y * y - 7) + 8 * y * y + 2
        return H


class Beale(Landscape):
    """f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2, minimum 0 at (3, 0.5).

    Flat in the middle, with sharp ridges near the corners.
    """

    name = "beale"
    title = "Beale"
    dim = 2

    def __init__(self):
        super().__init__()
        self.bounds = ((-4.5, 4.5), (-4.5, 4.5))
        self.minima = np.array([[3.0, 0.5]])
        self.global_min_value = 0.0

    @staticmethod
    def _terms(X):
        x, y = X[:, 0], X[:, 1]
        return x, y, 1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y**3

    def _value(self, X):
        _, _, t1, t2, t3 = self._terms(X)
        return t1 * t1 + t2 * t2 + t3 * t3

    def _gradient(self, X):
        x, y, t1, t2, t3 = self._terms(X)
        gx = 2 * (t1 * (y - 1) + t2 * (y * y - 1) + t3 * (y**3 - 1))
        gy = 2 * x * (t1 + 2 * y * t2 + 3 * y * y * t3)
        return np.stack([gx, gy], axis=1)


class Saddle(Landscape):
    """f(x, y) = x^2 / 2 + (y^2 - 1)^2 / 4: a saddle point at the origin between two valleys.

    Along x the origin is a valley bottom, along y it is a hilltop. A hiker that walks in
    exactly along the x axis stops at the saddle (the gradient there is zero) although it
    is not a minimum; the smallest nudge in y lets it slide down to (0, 1) or (0, -1).
    """

    name = "saddle"
    title = "Saddle"
    dim = 2

    def __init__(self):
        super().__init__()
        self.bounds = ((-2.0, 2.0), (-2.0, 2.0))
        self.minima = np.array([[0.0, 1.0], [0.0, -1.0]])
        self.n_global = 2
        self.global_min_value = 0.0
        self.saddle_points = np.array([[0.0, 0.0]])

    def _value(self, X):
        x, y = X[:, 0], X[:, 1]
        return 0.5 * x * x + 0.25 * (y * y - 1) ** 2

    def _gradient(self, X):
        x, y = X[:, 0], X[:, 1]
        return np.stack([x, y**3 - y], axis=1)

    def _hessian(self, X):
        H = np.zeros((len(X), 2, 2))
        H[:, 0, 0] = 1.0
        H[:, 1, 1] = 3 * X[:, 1] ** 2 - 1
        return H


class Ravine(Landscape):
    """A long narrow valley: f = 0.5 * (u^2 + condition * v^2), minimum 0 at the origin.

    (u, v) are the coordinates turned by ``angle`` degrees. Along u the valley is gentle
    (curvature 1), across it steep (curvature ``condition``). The ratio of the two is the
    *condition number*: a rate small enough for the steep walls crawls along the floor, and
    a bigger one zig-zags between the walls. Momentum helps here.
    """

    name = "ravine"
    title = "Ravine"
    dim = 2

    def __init__(self, condition: float = 20.0, angle: float = 0.0):
        super().__init__()
        self.condition, self.angle = float(condition), float(angle)
        if not self.condition >= 1:
            raise ValueError("ravine condition number must be at least 1")
        self.params = {"condition": self.condition, "angle": self.angle}
        self.bounds = ((-3.0, 3.0), (-3.0, 3.0))
        c, s = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        R = np.array([[c, s], [-s, c]])  # rows: the u and v directions
        self.A = R.T @ np.diag([1.0, self.condition]) @ R

    def _value(self, X):
        return 0.5 * np.einsum("ni,ij,nj->n", X, self.A, X)

    def _gradient(self, X):
        return X @ self.A

    def _hessian(self, X):
        return np.broadcast_to(self.A, (len(X), 2, 2)).copy()


class SixHumpCamel(Landscape):
    """f = (4 - 2.1x^2 + x^4/3) x^2 + xy + (4y^2 - 4) y^2: two global and four local minima."""

    name = "six_hump_camel"
    title = "Six-hump camel"
    dim = 2

    def __init__(self):
        super().__init__()
        self.bounds = ((-3.0, 3.0), (-2.0, 2.0))
        guesses = [
            [0.0898, -0.7126],
            [-0.0898, 0.7126],
            [-1.7036, 0.7961],
            [1.7036, -0.7961],
            [1.6071, 0.5687],
            [-1.6071, -0.5687],
        ]
        _sort_minima(self, guesses, n_global=2)

    def _value(self, X):
        x, y = X[:, 0], X[:, 1]
        x2, y2 = x * x, y * y
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (4 * y2 - 4) * y2

    def _gradient(self, X):
        x, y = X[:, 0], X[:, 1]
        return np.stack([8 * x - 8.4 * x**3 + 2 * x**5 + y, x - 8 * y + 16 * y**3], axis=1)

    def _hessian(self, X):
        x, y = X[:, 0], X[:, 1]
        H = np.empty((len(X), 2, 2))
        H[:, 0, 0] = 8 - 25.2 * x * x + 10 * x**4
        H[:, 0, 1] = H[:, 1, 0] = 1.0
        H[:, 1, 1] = -8 + 48 * y * y
        return H
