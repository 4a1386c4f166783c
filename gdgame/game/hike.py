"""The Hike: one blindfolded walk on a level's hidden landscape (no Qt).

``Hike(level)`` keeps the state; ``step(lr)`` takes one plain gradient-descent step through
the engine against the slope the hiker feels (noisy on noisy levels) and returns a
:class:`StepResult`. Its ``kind`` follows the theory in :mod:`gdgame.game.regimes`: the
rate against the curvature the step met, judged on the noise-free slope, never on a rise
that noise alone caused.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from gdgame.engine import Descent, descend, make_optimizer
from gdgame.game import hints, messages, regimes, scoring, terrain
from gdgame.game.levels import Level


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


def noise_seed(level: Level, step_index: int) -> int:
    """The seed of the slope noise felt before step ``step_index + 1`` of ``level``."""
    return (level.seed * 1_000_003 + step_index) % (2**31)


def felt_slope(level: Level, landscape, position, step_index: int) -> np.ndarray:
    """The slope felt at ``position`` before step ``step_index + 1``: the true gradient plus,
    on noisy levels, that step's noise (seeded, so replays and undos feel the same wobble)."""
    position = terrain.as_point(position)
    if not level.stochastic:
        return terrain.as_point(landscape.gradient(position))
    felt = Descent(
        landscape,
        position.copy(),
        make_optimizer("sgd", 1.0),
        noise=level.noise,
        seed=noise_seed(level, step_index),
    ).G
    return terrain.as_point(felt)


@dataclass(frozen=True)
class StepResult:
    """What happened on one step, with the words the player reads and the numbers behind them.

    ``start`` -> ``target`` is the step as aimed (``target = start - lr * felt_gradient``);
    ``position`` is where the hiker stands afterwards (back at ``start`` when it fell off).
    ``curvature`` is the sharpest bend the step met and ``rate_x_curvature = lr * curvature``
    (see :mod:`gdgame.game.regimes`); ``curvature <= 0`` or NaN means no speed limit there.
    ``sharpest`` is the sharpest bend at ``start`` in any direction: it sets the speed limit
    2/L there even when the step moved along a gentler one (a ravine's floor).
    """

    step: int
    kind: str
    lr: float
    start: np.ndarray
    felt_gradient: np.ndarray
    target: np.ndarray
    position: np.ndarray
    loss_before: float
    loss: float
    curvature: float
    rate_x_curvature: float
    sharpest: float
    headline: str
    explanation: str
    tie_in: str
    term: str
    fell_off: bool = False

    @property
    def penalised(self) -> bool:
        return self.kind in messages.PENALISED_KINDS

    @property
    def mistake(self) -> bool:
        return self.kind in messages.MISTAKE_KINDS

    @property
    def one_over_l(self) -> float:
        """1/L of the sharpest bend at the start: the one-step rate of the steepest direction."""
        c = self.sharpest
        return 1.0 / c if math.isfinite(c) and c > 0 else math.nan

    @property
    def two_over_l(self) -> float:
        """2/L of the sharpest bend at the start: the speed limit there."""
        c = self.sharpest
        return 2.0 / c if math.isfinite(c) and c > 0 else math.nan


@dataclass(frozen=True)
class SpeedLimits:
    """Per step: the rate used beside the local 1/L and 2/L of the sharpest bend at the
    hiker's feet (NaN where the ground bends upward nowhere: no limit)."""

    steps: np.ndarray
    rates: np.ndarray
    one_over_l: np.ndarray
    two_over_l: np.ndarray


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
        self._undone: list[StepResult] = []
        self.undos = 0
        self.divergences = 0
        self.ladder = hints.HintLadder(self.level.hints, self.level.chapter)

    @property
    def history(self) -> list[StepResult]:
        return [snap.result for snap in self._history]

    @property
    def steps_used(self) -> int:
        return len(self._history)

    @property
    def won(self) -> bool:
        return bool(self._history) and self._history[-1].result.kind == "won"

    @property
    def finished(self) -> bool:
        return self.won or self.steps_used >= self.level.step_budget

    @property
    def stars(self) -> int:
        level = self.level
        earned = scoring.stars(level.par, level.two_star, self.steps_used, self.won)
        return min(earned, self.ladder.star_cap)

    @property
    def score(self) -> int:
        return scoring.score(
            won=self.won,
            steps_used=self.steps_used,
            step_budget=self.level.step_budget,
            divergences=self.divergences,
            undos=self.undos,
            star_count=self.stars,
            hint_points=self.ladder.points_spent,
        )

    @property
    def felt_gradient(self) -> np.ndarray:
        """The slope the hiker feels here, now: the next step goes against exactly this.

        On a noisy level it is the true slope plus the noise of the next step (seeded by
        the level and the step number, so a replay or an undo feels the same wobble).
        """
        if not self.level.stochastic:
            return self.gradient.copy()
        return felt_slope(self.level, self.landscape, self.position, self.steps_used)

    @property
    def slope(self) -> float:
        """Steepness the hiker feels (the size of the felt gradient)."""
        return float(np.linalg.norm(self.felt_gradient))

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
        """The steepness felt at each visited position (the felt gradient's size)."""
        felt = [float(np.linalg.norm(snap.result.felt_gradient)) for snap in self._history]
        return np.array(felt + [self.slope])

    def speed_limits(self) -> SpeedLimits:
        results = self.history
        return SpeedLimits(
            steps=np.arange(1, len(results) + 1),
            rates=np.array([r.lr for r in results], dtype=float),
            one_over_l=np.array([r.one_over_l for r in results], dtype=float),
            two_over_l=np.array([r.two_over_l for r in results], dtype=float),
        )

    def failed_leaps(self) -> list[tuple[np.ndarray, np.ndarray, str]]:
        """(start, target, kind) of steps that fell off the map or were taken back."""
        kept = [r for r in self.history if r.fell_off]
        return [(r.start, r.target, r.kind) for r in kept + self._undone]

    # --- hints and goal -------------------------------------------------------------------
    @property
    def hint_rungs_shown(self) -> int:
        return self.ladder.shown

    def next_hint_cost(self) -> str | None:
        """What the next hint rung costs, in words; None when every rung is shown."""
        if self.ladder.next_kind() is None:
            return None
        return self._rung(self.ladder.shown).cost_text()

    def take_hint(self) -> hints.HintRung:
        """Show the next rung of the ladder (its cost is charged); the last one again after."""
        if self.ladder.next_kind() is not None:
            self.ladder.shown += 1
        return self._rung(self.ladder.shown - 1)

    def shown_hints(self) -> list[hints.HintRung]:
        """The rungs bought so far; the numbers rung is recomputed at the current position."""
        return [self._rung(i) for i in range(self.ladder.shown)]

    def _rung(self, index: int) -> hints.HintRung:
        return self.ladder.rung(index, self.landscape, self.position, self.slope)

    def suggested_rate(self) -> float:
        """The rate the numbers rung points to here (for bots and tests, not shown free)."""
        return hints.suggested_rate(self.landscape, self.position, self.slope)

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
        start, felt = self.position.copy(), self.felt_gradient
        target = self._engine_step(rate)
        fell_off = not terrain.in_arena(self.landscape, target)
        new_loss = math.inf if fell_off else float(self.landscape.value(target))
        fell_off = fell_off or not math.isfinite(new_loss)
        moved = start if fell_off else target
        if fell_off:
            new_loss = self.loss
        bend = regimes.bend_met(self.landscape, start, rate)
        kind, situation = self._classify(rate, moved, new_loss, fell_off, bend)
        if kind in messages.PENALISED_KINDS:
            self.divergences += 1
        tie_in, term = messages.tie_in(kind)
        result = StepResult(
            step=self.steps_used + 1,
            kind=kind,
            lr=rate,
            start=start,
            felt_gradient=felt,
            target=target.copy(),
            position=moved.copy(),
            loss_before=self.loss,
            loss=new_loss,
            curvature=bend.curvature,
            rate_x_curvature=bend.rate_x_curvature,
            sharpest=bend.sharpest,
            headline=messages.headline(kind, situation),
            explanation=messages.explanation(
                kind,
                bend.rate_x_curvature,
                bend.limited,
                situation,
                noisy=self.level.stochastic,
                sharpest=bend.sharpest,
                win_note=self.level.win_note,
            ),
            tie_in=tie_in,
            term=term,
            fell_off=fell_off,
        )
        self._history.append(_Snapshot(self.position, self.loss, self.gradient, result))
        self.position, self.loss = moved.copy(), new_loss
        self.gradient = terrain.as_point(self.landscape.gradient(self.position))
        return result

    def undo(self) -> bool:
        """Take back the last step (costs points; a divergence still counts).

        False when there is nothing to undo or the hike is over (the map was revealed).
        """
        if not self._history or self.finished:
            return False
        snap = self._history.pop()
        self.position, self.loss, self.gradient = snap.position, snap.loss, snap.gradient
        self._undone.append(snap.result)
        self.undos += 1
        return True

    def _engine_step(self, rate: float) -> np.ndarray:
        seed = noise_seed(self.level, self.steps_used) if self.level.stochastic else None
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

    def _classify(self, rate, moved, new_loss, fell_off, bend) -> tuple[str, str]:
        """(kind, situation) of the step from ``self.position`` (the old place) to ``moved``."""
        if fell_off:
            return "divergence", "fell_off"
        if self.reached_goal(moved, new_loss):
            return "won", ""
        rose = new_loss > self.loss
        if bend.past_limit:
            if bend.leap:
                return ("noisy", "") if rose else ("descent", "leap")
            if bend.at_limit:
                return "divergence", "at_limit"
            return "divergence", "" if rose else "growing"
        if rose:
            return ("noisy", "") if self.level.stochastic else ("divergence", "")
        goal_gap = self.level.goal.tolerance if self.level.goal.kind == "loss" else 0.0
        if terrain.in_local_trap(self.landscape, moved, self._start_slope, goal_gap):
            return "stuck", ""
        if bend.crosses_bottom:
            return "overshoot", ""
        true_slope = float(np.linalg.norm(self.gradient))
        sensible = hints.sensible_rate(bend, true_slope, terrain.bounds_size(self.landscape))
        if rate < regimes.CRAWL_BELOW * sensible:
            return "crawl", ""
        return "descent", ""
