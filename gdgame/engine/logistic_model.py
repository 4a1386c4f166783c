"""Tell two penguin species apart: the log-loss of logistic regression as a landscape.

The model scores a penguin from its bill, ``s = w1 * length + w2 * depth``, and gives the
probability ``p = 1 / (1 + exp(-s))`` that it belongs to the second species (Chinstrap)
rather than the first (Adelie). A position is the pair of weights (w1, w2); the altitude is
the **mean log-loss** (cross-entropy, in nats) over the 214 penguins of the two species:

    f(w) = mean_i log(1 + exp(-t_i * s_i)),   t_i = +1 (Chinstrap) or -1 (Adelie).

It is convex but no bowl: its curvature ``mean_i p_i (1 - p_i) x_i x_i^T`` fades where the
model is confident. The model has no bias term, so its **decision boundary** (``s = 0``,
where p = 1/2) always passes through the origin of the features. The lowest point has no
closed form; the landscape finds it with Newton's method (converged to machine precision).

* ``penguin_species``: bill length and depth **standardised** over the two species (the
  boundary passes through their average bill).
* ``penguin_species_unscaled``: both in millimetres as measured (the boundary passes
  through a bill of zero size, so it compares depth with length): a ravine.
"""

from __future__ import annotations

import numpy as np

from gdgame.engine.data import load_penguins
from gdgame.engine.minibatch import DataLandscape, DataView, padded_box

__all__ = ["PenguinSpecies", "PenguinSpeciesUnscaled", "newton_minimum"]

NEWTON_STEPS = 100
POLISH_STEPS = 4


def sigmoid(z):
    """1 / (1 + exp(-z)), accurate to the last digits in both tails, without overflow."""
    return np.exp(-np.logaddexp(0.0, -z))


def newton_minimum(landscape, start, tolerance: float = 1e-12) -> np.ndarray:
    """Newton's method from ``start`` until a step moves less than ``tolerance`` (relative),
    then a few polishing steps, keeping the point with the smallest gradient.

    Raises ValueError when it does not settle (e.g. perfectly separable classes, whose
    log-loss keeps falling as the weights grow and has no lowest point).
    """
    w = np.array(start, dtype=float)
    polish: list[np.ndarray] = []
    for _ in range(NEWTON_STEPS):
        try:
            step = np.linalg.solve(landscape.hessian(w), landscape.gradient(w))
        except np.linalg.LinAlgError:  # the curvature vanished: the weights ran away
            break
        w = w - step
        if not np.all(np.isfinite(w)) or np.linalg.norm(w) > 1e6:
            break
        if polish or np.linalg.norm(step) <= tolerance * max(1.0, np.linalg.norm(w)):
            polish.append(w)
        if len(polish) == POLISH_STEPS:
            return min(polish, key=lambda p: np.linalg.norm(landscape.gradient(p)))
    raise ValueError(
        "Newton's method did not settle: the two classes may be perfectly separable, "
        "so the log-loss has no lowest point"
    )


class PenguinSpecies(DataLandscape):
    """Mean log-loss of telling Adelie from Chinstrap penguins by their bills (2 weights).

    Features: bill length and bill depth, standardised over the two species' penguins.
    """

    axis_names = ("weight of bill length", "weight of bill depth")

    name = "penguin_species"
    title = "Penguins: tell two species apart (scaled bills)"
    dim = 2
    standardise = True
    span = (8.0, 8.0)  # plotting half-widths around the best weights

    def __init__(self, batch_size: int | None = None, species=("Adelie", "Chinstrap")):
        super().__init__()
        data = load_penguins()
        species = tuple(species)
        if len(species) != 2 or species[0] == species[1]:
            raise ValueError("species must name two different species")
        chosen = data.of_species(*species)
        self.class_names = species
        self.bill_mm = np.column_stack([data.bill_length_mm, data.bill_depth_mm])[chosen]
        self.labels = (data.species[chosen] == species[1]).astype(float)
        self.signs = 2.0 * self.labels - 1.0
        self.n_rows = len(self.labels)
        if self.standardise:
            self.shift, self.scale = self.bill_mm.mean(axis=0), self.bill_mm.std(axis=0)
        else:
            self.shift, self.scale = np.zeros(2), np.ones(2)
        self.features = self.to_features(self.bill_mm)
        self.params = {}
        self._set_batch_size(batch_size)
        if species != ("Adelie", "Chinstrap"):
            self.params["species"] = species
        best = newton_minimum(self, np.zeros(2))
        self.minima = best[None, :]
        self.n_global = 1
        self.global_min_value = float(self._value(self.minima)[0])
        self.bounds = tuple(
            (float(c - h), float(c + h)) for c, h in zip(best, self.span, strict=True)
        )

    def to_features(self, bill_mm) -> np.ndarray:
        """The model's inputs for bills ``(m, 2)`` given as (length, depth) in mm."""
        return (np.asarray(bill_mm, dtype=float) - self.shift) / self.scale

    # --- the loss over chosen rows (every row for the exact landscape) ------------------
    def _batch_value(self, X, rows):
        Z = X @ self.features[rows].T
        return np.mean(np.logaddexp(0.0, -self.signs[rows] * Z), axis=1)

    def _batch_gradient(self, X, rows):
        F = self.features[rows]
        return self._slope_weights(X @ F.T, self.signs[rows]) @ F / len(rows)

    @staticmethod
    def _slope_weights(Z, signs):
        """p - y for every row, computed as -t * sigmoid(-t z) so that it stays accurate
        where the model is confident (p - y would cancel to zero)."""
        return -signs * sigmoid(-signs * Z)

    def _value(self, X):
        Z = X @ self.features.T
        return np.mean(np.logaddexp(0.0, -self.signs * Z), axis=1)

    def _gradient(self, X):
        weights = self._slope_weights(X @ self.features.T, self.signs)
        return weights @ self.features / self.n_rows

    def _hessian(self, X):
        Z = X @ self.features.T
        weight = sigmoid(Z) * sigmoid(-Z)
        F = self.features
        return np.einsum("nk,ki,kj->nij", weight, F, F) / self.n_rows

    # --- for views ---------------------------------------------------------------------
    def predict(self, x, bill_mm) -> np.ndarray:
        """Probability of the second species for bills ``(m, 2)`` (mm) at position(s) x:
        shape ``(m,)`` for one position, ``(n, m)`` for n positions."""
        W = np.asarray(x, dtype=float)
        return sigmoid(W @ self.to_features(np.atleast_2d(bill_mm)).T)

    def accuracy(self, x):
        """Share of the penguins the model at x puts on the right side of its boundary."""
        W = np.asarray(x, dtype=float)
        right = (W @ self.features.T > 0) == (self.labels > 0.5)
        return right.mean(axis=-1)

    def data_view(self) -> DataView:
        length, depth = self.bill_mm[:, 0], self.bill_mm[:, 1]
        return DataView(
            kind="classification",
            x=length,
            y=depth,
            x_label="bill length (mm)",
            y_label="bill depth (mm)",
            box=padded_box(length, depth),
            labels=self.labels.astype(int),
            class_names=self.class_names,
        )

    def _model_lines(self, X):
        """The boundary a*length + c*depth + e = 0 clipped to the plot box."""
        a = X[:, 0] / self.scale[0]
        c = X[:, 1] / self.scale[1]
        e = -(a * self.shift[0] + c * self.shift[1])
        return clip_line(a, c, e, self.data_view().box)


def clip_line(a, c, e, box) -> np.ndarray:
    """The part of each line ``a*x + c*y + e = 0`` inside ``box``: ``(n, 2, 2)`` end points,
    NaN where a line misses the box (or is no line: a = c = 0)."""
    with np.errstate(all="ignore"):
        return _clip_line(a, c, e, box)


def _clip_line(a, c, e, box) -> np.ndarray:
    (x0, x1), (y0, y1) = box
    a, c, e = (np.asarray(v, dtype=float)[:, None] for v in (a, c, e))
    xs = np.concatenate([np.full_like(a, x0), np.full_like(a, x1), -(c * y0 + e) / a], axis=1)
    xs = np.concatenate([xs, -(c * y1 + e) / a], axis=1)
    ys = np.concatenate([-(a * x0 + e) / c, -(a * x1 + e) / c, np.full_like(a, y0)], axis=1)
    ys = np.concatenate([ys, np.full_like(a, y1)], axis=1)
    slack_x, slack_y = 1e-9 * (x1 - x0), 1e-9 * (y1 - y0)
    inside = (
        np.isfinite(xs)
        & np.isfinite(ys)
        & (xs >= x0 - slack_x)
        & (xs <= x1 + slack_x)
        & (ys >= y0 - slack_y)
        & (ys <= y1 + slack_y)
    )
    along = np.where(inside, -c * xs + a * ys, np.nan)  # position along the line
    lines = np.full((len(a), 2, 2), np.nan)
    found = inside.sum(axis=1) >= 2
    if found.any():
        first = np.nanargmin(np.where(found[:, None], along, 0.0), axis=1)
        last = np.nanargmax(np.where(found[:, None], along, 0.0), axis=1)
        rows = np.arange(len(a))
        lines[:, 0] = np.column_stack([xs[rows, first], ys[rows, first]])
        lines[:, 1] = np.column_stack([xs[rows, last], ys[rows, last]])
        lines[~found] = np.nan
    return lines


class PenguinSpeciesUnscaled(PenguinSpecies):
    """The same model with bill length and depth in millimetres as measured: a ravine."""

    name = "penguin_species_unscaled"
    title = "Penguins: tell two species apart (bills in mm, unscaled)"
    standardise = False
    span = (4.0, 8.0)
