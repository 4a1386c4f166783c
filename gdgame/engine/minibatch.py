"""Landscapes made of data, and the mini-batches that make their slope wobble (no Qt).

A model's loss is an average over the rows of a data set: one term per example. Its exact
gradient averages every row; training on real data rarely does that. **Mini-batch**
gradient descent estimates the slope from a few rows at a time: shuffle the rows, deal
them out ``batch_size`` at a time, and start again with a fresh shuffle when every row has
been used once (one **epoch**). Each estimate is right on average, but wobbles; the
smaller the batch, the larger the wobble.

:class:`DataLandscape` is the base of the model landscapes. With a ``batch_size`` smaller
than the number of rows it is *stochastic*: :class:`~gdgame.engine.descent.Descent` then
feels the gradient of one mini-batch per step instead of the exact one (the rows come from
:class:`MiniBatches` with the descent's seeded generator). With every row in the batch it
walks the exact gradient, bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdgame.engine.landscape import Landscape, as_points

__all__ = ["DataLandscape", "DataView", "MiniBatches", "check_batch_size"]


def check_batch_size(batch_size, n_rows: int) -> int:
    """``batch_size`` as a whole number from 1 to ``n_rows`` (None means every row)."""
    if batch_size is None:
        return n_rows
    if isinstance(batch_size, bool) or int(batch_size) != batch_size:
        raise ValueError(f"batch_size must be a whole number, got {batch_size!r}")
    if not 1 <= batch_size <= n_rows:
        raise ValueError(f"batch_size must be from 1 to {n_rows} (the number of rows)")
    return int(batch_size)


class MiniBatches:
    """Deals row numbers in mini-batches, epoch after epoch, from a seeded generator.

    At the start of each epoch the rows are shuffled; ``next()`` returns the next
    ``batch_size`` of them. The last batch of an epoch holds the rows that are left (it is
    smaller when ``batch_size`` does not divide the number of rows), so each epoch uses
    every row exactly once, as a data loader does.
    """

    def __init__(self, n_rows: int, batch_size: int, rng: np.random.Generator):
        self.n_rows = int(n_rows)
        self.batch_size = check_batch_size(batch_size, self.n_rows)
        self.rng = rng
        self.order = np.arange(self.n_rows)
        self.cursor = self.n_rows  # the first call shuffles
        self.rows_dealt = 0

    @property
    def epochs(self) -> float:
        """How many passes over the data the batches dealt so far add up to."""
        return self.rows_dealt / self.n_rows

    def next(self) -> np.ndarray:
        if self.cursor >= self.n_rows:
            self.order = self.rng.permutation(self.n_rows)
            self.cursor = 0
        rows = self.order[self.cursor : self.cursor + self.batch_size]
        self.cursor += len(rows)
        self.rows_dealt += len(rows)
        return rows


@dataclass(frozen=True, eq=False)
class DataView:
    """The data as a view draws it, in natural units (not the model's scaled features).

    ``kind`` is ``"regression"`` (points ``(x, y)``, the model is a line) or
    ``"classification"`` (points ``(x, y)`` coloured by ``labels`` 0/1 naming
    ``class_names``; the model is its decision boundary). ``box`` is a padded plot range.
    """

    kind: str
    x: np.ndarray
    y: np.ndarray
    x_label: str
    y_label: str
    box: tuple[tuple[float, float], tuple[float, float]]
    labels: np.ndarray | None = None
    class_names: tuple[str, str] | None = None


def padded_box(x: np.ndarray, y: np.ndarray, pad: float = 0.05):
    """The range of the points, grown by ``pad`` of its size on every side."""
    box = []
    for values in (x, y):
        lo, hi = float(np.min(values)), float(np.max(values))
        margin = pad * (hi - lo)
        box.append((lo - margin, hi + margin))
    return tuple(box)


class DataLandscape(Landscape):
    """A model's mean loss over ``n_rows`` examples; a position is the model's weights.

    Subclasses set ``n_rows`` and implement ``_batch_value(X, rows)`` and
    ``_batch_gradient(X, rows)`` (the mean loss and its gradient over the given rows, for
    points ``X`` of shape ``(n, dim)``), plus the exact ``_value``/``_gradient``/
    ``_hessian``, ``data_view()`` and ``_model_lines(X)``.
    """

    n_rows: int = 1
    batch_size: int = 1

    def _set_batch_size(self, batch_size) -> None:
        self.batch_size = check_batch_size(batch_size, self.n_rows)
        self.params["batch_size"] = None if self.batch_size == self.n_rows else self.batch_size

    @property
    def stochastic(self) -> bool:
        """True when a descent feels mini-batch gradients (fewer rows than the data)."""
        return self.batch_size < self.n_rows

    def minibatches(self, rng: np.random.Generator) -> MiniBatches:
        """The row dealer a descent uses, drawing from ``rng``."""
        return MiniBatches(self.n_rows, self.batch_size, rng)

    def _rows(self, rows) -> np.ndarray:
        rows = np.asarray(rows)
        if rows.ndim != 1 or rows.size == 0 or not np.issubdtype(rows.dtype, np.integer):
            raise ValueError("rows must be a non-empty 1-D list of row numbers")
        if rows.min() < 0 or rows.max() >= self.n_rows:
            raise ValueError(f"row numbers must be from 0 to {self.n_rows - 1}")
        return rows

    def batch_value(self, x, rows):
        """The mean loss over ``rows`` only (what a training step on that batch sees)."""
        X, single = as_points(x, self.dim)
        with np.errstate(all="ignore"):
            v = self._batch_value(X, self._rows(rows))
        return float(v[0]) if single else v

    def batch_gradient(self, x, rows) -> np.ndarray:
        """The gradient of the mean loss over ``rows`` only: the slope a mini-batch feels."""
        X, single = as_points(x, self.dim)
        with np.errstate(all="ignore"):
            g = self._batch_gradient(X, self._rows(rows))
        return g[0] if single else g

    def model_lines(self, x) -> np.ndarray:
        """The model at position(s) x as a segment across ``data_view().box``.

        A regression draws its fitted line, a classifier its decision boundary. Returns the
        two end points ``[[x0, y0], [x1, y1]]`` (shape ``(2, 2)``) for one position, or
        ``(n, 2, 2)`` for n positions; NaN where the model draws no line in the box.
        """
        X, single = as_points(x, self.dim)
        with np.errstate(all="ignore"):
            lines = self._model_lines(X)
        return lines[0] if single else lines

    def best_line(self) -> np.ndarray:
        """The model at the global minimum (the best fit), as in :meth:`model_lines`."""
        return self.model_lines(self.global_minima[0])

    def data_view(self) -> DataView:
        raise NotImplementedError

    def _batch_value(self, X: np.ndarray, rows: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _batch_gradient(self, X: np.ndarray, rows: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _model_lines(self, X: np.ndarray) -> np.ndarray:
        raise NotImplementedError
