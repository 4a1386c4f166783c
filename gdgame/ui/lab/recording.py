"""Growing NumPy buffers that hold a Lab run: every hiker, every step (Qt-free).

The display timer hands these arrays (as views) to ``setData``; the worker's batches are
appended here on the GUI thread. Capacity doubles when full so appends stay O(1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from gdgame.engine.analysis import HikerResult, first_step_above, race_results
from gdgame.engine.presets import HikerSpec


@dataclass
class RunRecording:
    """Positions, losses, gradients and rates of ``n`` hikers in ``dim`` dimensions.

    ``diverged_at[i]`` is the step at which hiker i diverged (-1: not so far): the first step
    the engine stopped it, or its loss rose above ``runaway`` (see
    ``gdgame.engine.analysis.runaway_level``), whichever came first.
    """

    hikers: list[HikerSpec]
    dim: int
    landscape: str = ""
    noise: float = 0.0
    capacity: int = 256
    runaway: float = np.inf
    lowest: float = np.nan  # the landscape's lowest value (NaN when unknown)
    count: int = 0
    positions: np.ndarray = field(init=False)
    losses: np.ndarray = field(init=False)
    gradients: np.ndarray = field(init=False)
    lrs: np.ndarray = field(init=False)
    norms: np.ndarray = field(init=False)  # gradient norms, computed once per append
    diverged: np.ndarray = field(init=False)
    diverged_at: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.hikers)
        self.positions = np.full((self.capacity, n, self.dim), np.nan)
        self.losses = np.full((self.capacity, n), np.nan)
        self.gradients = np.full((self.capacity, n, self.dim), np.nan)
        self.lrs = np.full((self.capacity, n), np.nan)
        self.norms = np.full((self.capacity, n), np.nan)
        self.diverged = np.zeros(n, dtype=bool)
        self.diverged_at = np.full(n, -1)

    @property
    def n_hikers(self) -> int:
        return len(self.hikers)

    def _grow(self, needed: int) -> None:
        new = self.capacity
        while new < needed:
            new *= 2
        if new == self.capacity:
            return
        for name in ("positions", "losses", "gradients", "lrs", "norms"):
            old = getattr(self, name)
            grown = np.full((new, *old.shape[1:]), np.nan)
            grown[: self.count] = old[: self.count]
            setattr(self, name, grown)
        self.capacity = new

    def append(self, positions, losses, gradients, lrs, diverged=None) -> None:
        """Add ``k`` steps: positions/gradients (k, n, dim), losses/lrs/diverged (k, n)."""
        positions = np.asarray(positions, dtype=np.float64)
        k = positions.shape[0]
        self._grow(self.count + k)
        end = self.count + k
        self.positions[self.count : end] = positions
        self.losses[self.count : end] = losses
        self.gradients[self.count : end] = gradients
        self.lrs[self.count : end] = lrs
        with np.errstate(all="ignore"):  # a runaway hiker's huge gradient gives inf, quietly
            self.norms[self.count : end] = np.linalg.norm(self.gradients[self.count : end], axis=-1)
        new = first_step_above(self.losses[self.count : end], self.runaway, first=self.count)
        if diverged is not None:
            flags = np.asarray(diverged, dtype=bool).reshape(-1, self.n_hikers)
            stopped = np.where(flags.any(axis=0), self.count + np.argmax(flags, axis=0), -1)
            new = np.where((stopped >= 0) & ((new < 0) | (stopped < new)), stopped, new)
        fresh = (self.diverged_at < 0) & (new >= 0)
        self.diverged_at[fresh] = new[fresh]
        self.diverged |= fresh
        self.count = end

    def steps(self) -> np.ndarray:
        """Step numbers 0..count-1 (row 0 is the start)."""
        return np.arange(self.count, dtype=np.float64)

    def gradient_norms(self) -> np.ndarray:
        """Length of each recorded gradient, shape (count, n) (a view, no copy)."""
        return self.norms[: self.count]

    def results(self, tolerance: float) -> list[HikerResult]:
        """Each hiker's final and best loss, steps to the goal, divergence (the table)."""
        if self.count == 0:
            return []
        return race_results(self.losses[: self.count], self.lowest, tolerance, self.diverged_at)

    def latest_losses(self) -> np.ndarray:
        if self.count == 0:
            return np.full(self.n_hikers, np.nan)
        return self.losses[self.count - 1]
