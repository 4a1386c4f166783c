"""The Hike: one blindfolded walk on a level's hidden landscape (no Qt).

``Hike(level)`` keeps the state; ``step(lr)`` takes one plain gradient-descent step
through the engine and returns a :class:`StepResult` whose ``kind`` is one of
``divergence``, ``overshoot``, ``crawl``, ``stuck``, ``descent`` or ``won``.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from gdgame.engine import descend, make_optimizer
from gdgame.game import messages, scoring, terrain
from gdgame.game.levels import Level

CRAWL_FRACTION = 0.02
"""A step that removes less than this share of the remaining height is a crawl."""


def check_rate(lr) -> float:
    """Return ``lr`` as a float or raise ValueError with a message for the player."""
    if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
        raise ValueError(f"The learning rate must be a number, not {lr!r}.")
    value = float(lr)
    if math.isnan(value):
        raise ValueError("The learning rate must be a number, not NaN.")
    if math.isinf(value):
        raise ValueError("The learning rate must be finite: an infinite step leaves the map.")
    if value <= 0:
        raise ValueError(
            f"The learning rate must be greater than 0 (got {value:g}): "
            "a zero or negative rate never walks downhill."
        )
    return value


@dataclass(frozen=True)
class StepResult:
    """What happened on one step, with the words the player reads."""

    step: int
    kind: str
    lr: float
    position: np.ndarray
    loss_before: float
    loss: float
    headline: str
    explanation: str
    tie_in: str
    term: str
    hint: str
    fell_off: bool = False


@dataclass(frozen=True)
class _Snapshot:
    position: np.ndarray
    loss: float
    gradient: np.ndarray
    result: StepResult


class Hike:
    """Game state for one level: position, altitude (loss), slope, steps and history."""

    def __init__(self, level: Level, landscape=None):
        self.level = level
        self.landscape = landscape if landscape is not None else level.build_landscape()
        self.decay = 1.0
        self.restart()

    # --- state --------------------------------------------------------------------------
    def restart(self) -> None:
        self.position = terrain.as_point(self.level.start)
        self.loss = float(self.landscape.value(self.position))
        self.gradient = terrain.as_point(self.landscape.gradient(self.position))
        self._start_slope = float(np.linalg.norm(self.gradient))
        self._history: list[_Snapshot] = []
        self.undos = 0
        self.divergences = 0

    @property
    def history(self) -> list[StepResult]:
        return [snap.result for snap in self._history]

    @property
    def steps_used(self) -> int:
        return len(self._history)

    @property
    def steps_left(self) -> int:
        return self.level.step_budget - self.steps_used

    @property
    def won(self) -> bool:
        return bool(self._history) and self._history[-1].result.kind == "won"

    @property
    def finished(self) -> bool:
        return self.won or self.steps_used >= self.level.step_budget

    @property
    def stars(self) -> int:
        level = self.level
        return scoring.stars(level.par, level.two_star, self.steps_used, self.won)

    @property
    def score(self) -> int:
        return scoring.score(
            won=self.won,
            steps_used=self.steps_used,
            step_budget=self.level.step_budget,
            divergences=self.divergences,
            undos=self.undos,
            star_count=self.stars,
        )

    @property
    def slope(self) -> float:
        return float(np.linalg.norm(self.gradient))

    @property
    def gap(self) -> float:
        """How far the current altitude is above the lowest possible."""
        return self.loss - float(self.landscape.global_min_value)

    def trail(self) -> np.ndarray:
        """Positions visited so far, start included: shape ``(steps + 1, dim)``."""
        points = [terrain.as_point(self.level.start)]
        points += [snap.result.position for snap in self._history]
        return np.array(points)

    def losses(self) -> np.ndarray:
        start = float(self.landscape.value(terrain.as_point(self.level.start)))
        return np.array([start] + [snap.result.loss for snap in self._history])

    def heights(self) -> np.ndarray:
        """Altitude above the lowest point of the landscape at each visited position."""
        return self.losses() - float(self.landscape.global_min_value)

    def rates(self) -> np.ndarray:
        return np.array([snap.result.lr for snap in self._history])

    def slopes(self) -> np.ndarray:
        slopes = [self._start_slope]
        slopes += [float(np.linalg.norm(self._after(i))) for i in range(len(self._history))]
        return np.array(slopes)

    def _after(self, index: int) -> np.ndarray:
        if index + 1 < len(self._history):
            return self._history[index + 1].gradient
        return self.gradient

    # --- hints and goal -------------------------------------------------------------------
    def safe_rate(self) -> float:
        return terrain.safe_rate(self.landscape, self.position)

    def hint(self) -> str:
        return self._hint_at(self.position, self.gradient)

    def suggested_rate(self) -> float:
        """The rate the hint suggests here (1/L, or a careful rate where 2/L sets no limit)."""
        return messages.suggested_rate(*self._hint_inputs(self.position, self.gradient))

    def _hint_at(self, position: np.ndarray, gradient: np.ndarray) -> str:
        return messages.rate_hint(*self._hint_inputs(position, gradient))

    def _hint_inputs(self, position: np.ndarray, gradient: np.ndarray) -> tuple[float, ...]:
        safe = terrain.safe_rate(self.landscape, position)
        slope = float(np.linalg.norm(gradient))
        return safe, slope, terrain.bounds_size(self.landscape)

    def reached_goal(self, position=None, loss=None) -> bool:
        position = self.position if position is None else position
        loss = self.loss if loss is None else loss
        goal = self.level.goal
        if goal.kind == "radius":
            targets = terrain.global_minima(self.landscape)
            return terrain.distance_to(targets, position) <= goal.tolerance
        return loss - float(self.landscape.global_min_value) <= goal.tolerance

    def set_decay(self, gamma: float) -> None:
        """On schedule levels, multiply the rate by ``gamma`` after every step."""
        if not self.level.allow_schedule:
            raise ValueError("This level does not allow a learning-rate schedule.")
        if isinstance(gamma, bool) or not isinstance(gamma, numbers.Real):
            raise ValueError(f"The decay factor must be a number, not {gamma!r}.")
        if not 0.0 < float(gamma) <= 1.0:
            raise ValueError("The decay factor must be above 0 and at most 1.")
        self.decay = float(gamma)

    def effective_rate(self, lr: float) -> float:
        return check_rate(lr) * self.decay**self.steps_used

    # --- moves --------------------------------------------------------------------------
    def step(self, lr) -> StepResult:
        """One gradient-descent step with learning rate ``lr`` (decayed on schedule levels)."""
        if self.finished:
            raise ValueError("This hike is over: restart or pick another level.")
        rate = self.effective_rate(lr)
        moved = self._engine_step(rate)
        new_loss = (
            float(self.landscape.value(moved))
            if terrain.in_arena(self.landscape, moved)
            else math.inf
        )
        fell_off = not math.isfinite(new_loss)
        if fell_off:
            moved, new_loss = self.position, self.loss
        new_gradient = terrain.as_point(self.landscape.gradient(moved))
        kind = self._classify(moved, new_loss, new_gradient, fell_off)
        if kind == "divergence":
            self.divergences += 1
        tie_in, term = messages.tie_in(kind)
        hint = self._hint_at(moved, new_gradient)
        result = StepResult(
            step=self.steps_used + 1,
            kind=kind,
            lr=rate,
            position=moved.copy(),
            loss_before=self.loss,
            loss=new_loss,
            headline=messages.headline(kind, fell_off),
            explanation=messages.explanation(kind, fell_off, noisy=self.level.noise > 0),
            tie_in=tie_in,
            term=term,
            hint=hint,
            fell_off=fell_off,
        )
        self._history.append(_Snapshot(self.position, self.loss, self.gradient, result))
        self.position, self.loss, self.gradient = moved, new_loss, new_gradient
        return result

    def undo(self) -> bool:
        """Take back the last step (costs points).

        False when there is nothing to undo or the hike is over (the map was revealed).
        """
        if not self._history or self.finished:
            return False
        snap = self._history.pop()
        self.position, self.loss, self.gradient = snap.position, snap.loss, snap.gradient
        self.undos += 1
        return True

    def _engine_step(self, rate: float) -> np.ndarray:
        seed = None
        if self.level.noise > 0:
            seed = (self.level.seed * 1_000_003 + self.steps_used) % (2**31)
        with np.errstate(all="ignore"):
            trajectory = descend(
                self.landscape,
                self.position.copy(),
                make_optimizer("sgd", rate),
                1,
                noise=self.level.noise,
                seed=seed,
            )
        return terrain.as_point(np.asarray(trajectory.positions)[1])

    def _classify(self, moved, new_loss, new_gradient, fell_off) -> str:
        """Name the step just taken from ``self.position`` (still the old place) to ``moved``."""
        if fell_off or new_loss > self.loss:
            return "divergence"
        if self.reached_goal(moved, new_loss):
            return "won"
        goal_gap = self.level.goal.tolerance if self.level.goal.kind == "loss" else 0.0
        if terrain.in_local_trap(self.landscape, moved, self._start_slope, goal_gap):
            return "stuck"
        direction = moved - self.position
        if float(self.gradient @ direction) < 0 < float(new_gradient @ direction):
            return "overshoot"
        height = self.loss - float(self.landscape.global_min_value)
        if self.loss - new_loss < CRAWL_FRACTION * height:
            return "crawl"
        return "descent"
