"""Seeded random landscapes for endless levels: a wide bowl with Gaussian wells dug into it.

f(x) = c/2 * |x - centre|^2 - sum_j depth_j * exp(-|x - mu_j|^2 / (2 * width_j^2))

The bowl keeps every hiker from wandering off forever; each well is a dip that may become a
local minimum. The ``difficulty`` knob (0 to 1) adds more wells and makes them deeper and
narrower, which means more places to get stuck and steeper walls (so smaller safe rates).
The same ``seed`` always gives the same landscape.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.landscape import Landscape, polish_minima

__all__ = ["RandomLandscape", "random_landscape"]

HALF_WIDTH = 3.0
BOWL_CURVATURE = 0.3


class RandomLandscape(Landscape):
    """A bowl plus Gaussian wells, built reproducibly from ``seed`` (see module docstring)."""

    name = "random"
    title = "Random landscape"

    def __init__(self, seed: int = 0, dim: int = 2, difficulty: float = 0.5):
        if dim not in (1, 2):
            raise ValueError("random landscapes are 1-D or 2-D")
        difficulty = float(difficulty)
        if not 0.0 <= difficulty <= 1.0:
            raise ValueError("difficulty must be between 0 and 1")
        self.dim = int(dim)
        super().__init__()
        self.seed = int(seed)
        self.difficulty = difficulty
        self.params = {"seed": self.seed, "dim": self.dim, "difficulty": difficulty}
        self.bounds = ((-HALF_WIDTH, HALF_WIDTH),) * self.dim

        rng = np.random.default_rng([self.seed, self.dim, int(round(difficulty * 1000))])
        n_wells = 1 + int(round(difficulty * 5))
        self.curvature = BOWL_CURVATURE
        self.centre = rng.uniform(-1.0, 1.0, self.dim)
        self.mu = rng.uniform(-0.8 * HALF_WIDTH, 0.8 * HALF_WIDTH, (n_wells, self.dim))
        self.depth = rng.uniform(0.5, 1.5, n_wells) * (1.0 + difficulty)
        self.width = rng.uniform(0.35, 0.9, n_wells) * (1.0 - 0.4 * difficulty)
        self._find_minima()

    # --- the function ---------------------------------------------------------------------
    def _wells(self, X):
        """Offsets (n, k, dim) from each well centre and the weights depth * exp(...) (n, k)."""
        D = X[:, None, :] - self.mu[None, :, :]
        r2 = np.sum(D * D, axis=2)
        E = self.depth * np.exp(-r2 / (2 * self.width**2))
        return D, E

    def _value(self, X):
        _, E = self._wells(X)
        B = X - self.centre
        return 0.5 * self.curvature * np.sum(B * B, axis=1) - np.sum(E, axis=1)

    def _gradient(self, X):
        D, E = self._wells(X)
        return self.curvature * (X - self.centre) + np.einsum("nk,nkd->nd", E / self.width**2, D)

    def _hessian(self, X):
        D, E = self._wells(X)
        w2 = self.width**2
        eye = np.eye(self.dim)
        H = self.curvature * eye + np.einsum("nk,de->nde", E / w2, eye)
        H -= np.einsum("nk,nkd,nke->nde", E / w2**2, D, D)
        return H

    # --- where are the valleys? -----------------------------------------------------------
    def _find_minima(self) -> None:
        """Slide a grid of starting points downhill, polish with Newton, keep true minima."""
        per_axis = 61 if self.dim == 1 else 15
        axes = [np.linspace(lo, hi, per_axis) for lo, hi in self.bounds]
        X = np.stack([g.ravel() for g in np.meshgrid(*axes, indexing="ij")], axis=1)
        lipschitz = self.curvature + float(np.sum(self.depth / self.width**2))
        with np.errstate(all="ignore"):
            for _ in range(1500):
                X = X - self._gradient(X) / lipschitz
            X = polish_minima(self, X, iterations=8)
            good = np.isfinite(X).all(axis=1)
            good &= np.linalg.norm(self._gradient(np.nan_to_num(X)), axis=1) < 1e-8
        X = X[good]
        if len(X):
            eig_min = np.linalg.eigvalsh(self._hessian(X))[:, 0]
            X = X[eig_min > 0]
        unique: list[np.ndarray] = []
        for p in X:
            if all(np.linalg.norm(p - q) > 1e-5 for q in unique):
                unique.append(p)
        mins = np.array(unique).reshape(-1, self.dim)
        values = self._value(mins)
        order = np.argsort(values, kind="stable")
        self.minima = mins[order]
        self.global_min_value = float(values[order[0]])
        self.n_global = 1


def random_landscape(seed: int = 0, dim: int = 2, difficulty: float = 0.5) -> RandomLandscape:
    """A reproducible random landscape (see :class:`RandomLandscape`); same seed, same hills."""
    return RandomLandscape(seed=seed, dim=dim, difficulty=difficulty)
