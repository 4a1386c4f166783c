"""Fit a line to real penguins: the mean squared error of linear regression as a landscape.

The model predicts a penguin's body mass (kg) from its flipper length with a straight line,
``mass = weight * feature + bias``. A position is the pair (weight, bias); the altitude is
the **mean squared error** over the penguins (kg squared):

    f(w, b) = mean_i (w * x_i + b - y_i)^2.

Where a line sits among the data decides its error, so walking this landscape *is* fitting
the line. The error is a quadratic in (w, b), so its landscape is an exact bowl with a
constant Hessian ``2 * M``, ``M = mean_i [x_i, 1][x_i, 1]^T``, and the best line comes from
the textbook closed form (least squares): ``w* = cov(x, y) / var(x)``, ``b* = mean(y) - w*
mean(x)``. How round the bowl is depends only on how the flipper length is written down:

* ``penguin_mass``: the flipper length **standardised** (minus its mean, divided by its
  standard deviation). Then ``M`` is the identity: a perfectly round bowl of curvature 2.
* ``penguin_mass_unscaled``: the flipper length in plain centimetres (17.2 to 23.1).
  Lengths near 20 make the weight's direction steep and leave the bias nearly flat: a
  ravine with a condition number near 85,000. (In millimetres it is 100 times narrower
  again.) Both fit the very same best line, with the same lowest error.

``batch_size`` (1 to all 333 rows) makes the landscape stochastic: a descent then feels
the slope of a mini-batch of real penguins at each step (see :mod:`gdgame.engine.minibatch`).
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.data import load_penguins
from gdgame.engine.minibatch import DataLandscape, DataView, padded_box

__all__ = ["PenguinMass", "PenguinMassUnscaled"]

GRAMS_PER_KG = 1000.0
MM_PER_CM = 10.0


class PenguinMass(DataLandscape):
    """Mean squared error (kg^2) of ``mass = w * flipper + b`` over 333 penguins.

    The flipper length is standardised, so the bowl is round (curvature 2 everywhere).
    Position: (weight in kg per standard deviation of flipper length, bias in kg).
    """

    name = "penguin_mass"
    title = "Penguins: fit a line (scaled flipper length)"
    dim = 2
    feature_unit = "standardised"
    axis_names = ("weight", "bias")
    span = (5.0, 5.0)  # plotting half-widths around the best (weight, bias)

    def __init__(self, batch_size: int | None = None):
        super().__init__()
        data = load_penguins()
        self.flipper_mm = np.array(data.flipper_length_mm, dtype=float)
        self.target = np.array(data.body_mass_g, dtype=float) / GRAMS_PER_KG
        self.n_rows = len(self.target)
        if self.feature_unit == "cm":
            self.shift, self.scale = 0.0, MM_PER_CM
        else:  # standardised: minus the mean, over the (population) standard deviation
            self.shift, self.scale = float(self.flipper_mm.mean()), float(self.flipper_mm.std())
        self.feature = self.to_feature(self.flipper_mm)
        self.design = np.column_stack([self.feature, np.ones(self.n_rows)])
        self.params = {}
        self._set_batch_size(batch_size)
        x, y = self.feature, self.target
        slope = float(np.mean((x - x.mean()) * (y - y.mean())) / np.mean((x - x.mean()) ** 2))
        best = np.array([slope, float(y.mean()) - slope * float(x.mean())])
        self.moments = self.design.T @ self.design / self.n_rows  # M
        self.minima = best[None, :]
        self.n_global = 1
        self.global_min_value = float(np.mean((self.design @ best - y) ** 2))
        self.bounds = tuple(
            (float(c - h), float(c + h)) for c, h in zip(best, self.span, strict=True)
        )

    def to_feature(self, flipper_mm) -> np.ndarray:
        """The model's input for flipper lengths given in millimetres."""
        return (np.asarray(flipper_mm, dtype=float) - self.shift) / self.scale

    # --- the exact landscape: a quadratic around the best line -------------------------
    # Written out for 2 x 2 matrices: element-wise NumPy beats matmul with an inner size 2
    # (this is the hot spot of the mini-batch benchmark).
    def _value(self, X):
        a = X[:, 0] - self.minima[0, 0]
        b = X[:, 1] - self.minima[0, 1]
        (m00, m01), (_, m11) = self.moments
        return self.global_min_value + (m00 * a * a + 2.0 * m01 * a * b + m11 * b * b)

    def _gradient(self, X):
        return _affine(X - self.minima[0], 2.0 * self.moments, np.zeros(2))

    def _hessian(self, X):
        return np.broadcast_to(2.0 * self.moments, (len(X), 2, 2)).copy()

    # --- mini-batches ------------------------------------------------------------------
    def _batch_value(self, X, rows):
        R = X @ self.design[rows].T - self.target[rows]
        return np.mean(R * R, axis=1)

    def _batch_gradient(self, X, rows):
        """(2/b) sum_i (A_i w - y_i) A_i, summed first over the batch: 2 (M_b w - c_b) with
        the batch's own moments M_b = A_b^T A_b / b and c_b = A_b^T y_b / b."""
        A = self.design[rows]
        size = len(rows)
        return _affine(X, (2.0 / size) * (A.T @ A), (2.0 / size) * (A.T @ self.target[rows]))

    # --- for views ---------------------------------------------------------------------
    def predict(self, x, flipper_mm) -> np.ndarray:
        """Predicted body mass (kg) at flipper lengths (mm) for position(s) x.

        Shape ``(m,)`` for one position and m lengths, ``(n, m)`` for n positions.
        """
        W = np.asarray(x, dtype=float)
        feature = self.to_feature(np.atleast_1d(flipper_mm))
        return W[..., :1] * feature + W[..., 1:]

    def data_view(self) -> DataView:
        mass = self.target
        return DataView(
            kind="regression",
            x=self.flipper_mm,
            y=mass,
            x_label="flipper length (mm)",
            y_label="body mass (kg)",
            box=padded_box(self.flipper_mm, mass),
        )

    def _model_lines(self, X):
        (x0, x1), _ = self.data_view().box
        ends = np.array([x0, x1])
        lines = np.empty((len(X), 2, 2))
        lines[:, :, 0] = ends
        lines[:, :, 1] = self.predict(X, ends)
        return lines


def _affine(X, matrix, shift):
    """X @ matrix - shift for points (n, 2) and a symmetric 2 x 2 matrix, element-wise."""
    x, y = X[:, 0], X[:, 1]
    G = np.empty_like(X)
    G[:, 0] = matrix[0, 0] * x + matrix[0, 1] * y - shift[0]
    G[:, 1] = matrix[1, 0] * x + matrix[1, 1] * y - shift[1]
    return G


class PenguinMassUnscaled(PenguinMass):
    """The same line and error with the flipper length in plain centimetres: a ravine.

    Position: (weight in kg per cm of flipper, bias in kg). The best line is the same as
    for ``penguin_mass``; the Hessian's curvatures are about 814 and 0.0096.
    """

    name = "penguin_mass_unscaled"
    title = "Penguins: fit a line (flipper length in cm, unscaled)"
    feature_unit = "cm"
    span = (1.0, 25.0)
