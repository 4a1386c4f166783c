"""Every level is fair and teaches in order: its written strategy earns three stars, par
comes from that strategy, the best constant rate earns at least two stars, and each number
the level's texts state is one the engine reproduces along the written strategy."""

from __future__ import annotations

import re

import numpy as np
import pytest

from gdgame.game import Hike, load_levels, regimes
from gdgame.game.oracle import best_constant_rate, play_solution
from gdgame.ids import CAMPAIGN_LEVELS

LEVELS = load_levels()
BY_ID = {level.id: level for level in LEVELS}
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
THEORY = {0.2, 1.0, 2.0}
"""Constants of the theory the texts may name (lr x L: 0.2, 1 and 2)."""
RATE_GRID = np.logspace(-4, 1, 201)


@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_the_written_solution_earns_three_stars_and_sets_par(level):
    assert level.solution is not None, f"{level.id} needs a [solution]"
    hike = play_solution(Hike(level))
    assert hike.won, f"{level.id}: the written strategy ended at loss {hike.loss:.4g}"
    assert hike.stars == 3
    assert hike.steps_used == level.par, "par is what the written strategy reaches"


@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_the_best_constant_rate_earns_at_least_two_stars(level):
    rate, hike = best_constant_rate(level, RATE_GRID)
    assert hike.won, f"{level.id}: no constant rate wins"
    assert hike.stars >= 2, f"{level.id}: constant {rate:.3g} took {hike.steps_used} steps"
    assert level.two_star <= level.step_budget


def _numbers(text: str) -> list[tuple[float, int]]:
    """(value, decimals) of every number written in ``text``."""
    found = []
    for token in NUMBER.findall(text):
        decimals = len(token.split(".")[1]) if "." in token else 0
        found.append((float(token), decimals))
    return found


def _facts(level) -> list[float]:
    """What the engine says along the written strategy: rates, slopes felt, stride
    lengths, curvatures met and at the feet, 1/L and 2/L, the decay."""
    hike = Hike(level)
    play_solution(hike)
    facts = list(level.solution.rates) + [level.solution.decay]
    for result in hike.history:
        bends = regimes.local_curvatures(hike.landscape, result.start)
        facts += [float(np.linalg.norm(result.felt_gradient)), result.curvature]
        facts += [result.one_over_l, result.two_over_l, float(bends[0])]
        facts.append(float(np.linalg.norm(result.position - result.start)))
    facts.append(float(np.linalg.norm(hike.felt_gradient)))
    return [f for f in facts if np.isfinite(f)]


def _matches(value: float, decimals: int, facts: list[float]) -> bool:
    half_unit = 0.5 * 10.0**-decimals
    return any(abs(fact - value) <= half_unit + 1e-9 * abs(value) for fact in facts)


@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_every_number_in_the_strategy_text_is_reproduced_by_the_engine(level):
    facts = _facts(level) + sorted(THEORY)
    for value, decimals in _numbers(level.solution.why):
        assert _matches(value, decimals, facts), f"{level.id}: {value} in the strategy text"


@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_intros_and_principles_state_no_numbers_beyond_the_theory(level):
    for text in (level.intro, level.concept, *level.hints):
        for value, _ in _numbers(text):
            assert value in THEORY, f"{level.id}: {value} in {text[:40]!r}..."


def test_the_campaign_builds_up_in_a_teaching_order():
    ids = [level.id for level in LEVELS]
    assert ids == list(CAMPAIGN_LEVELS)
    order = {level_id: i for i, level_id in enumerate(ids)}
    # the overshoot zone bridges a good descent and a divergence
    assert order["gentle-bowl"] < order["overshoot-zone"] < order["steep-bowl"]
    # the first two-dimensional level comes before ravine, plateau, saddle and double well
    first_2d = min(i for i, level in enumerate(LEVELS) if level.dim == 2)
    assert ids[first_2d] == "first-2d-bowl"
    for later in ("ravine", "plateau", "saddle", "double-well", "banana"):
        assert order[later] > first_2d
    # noise in the abstract, then a schedule, then real mini-batches of data
    assert ids[-3:] == ["noisy-slope", "schedule", "mini-batches"]
    # a line on scaled data before the ravine; the unscaled line (a ravine of data) after it
    assert order["first-2d-bowl"] < order["penguin-line"] < order["ravine"]
    assert order["ravine"] < order["unscaled-line"]
    assert [level.show_maths for level in LEVELS[:5]] == [True] * 5


def test_the_banana_floor_must_be_walked():
    level = BY_ID["banana"]
    _, hike = best_constant_rate(level, RATE_GRID)
    assert hike.steps_used >= 15
    solved = play_solution(Hike(level))
    assert solved.steps_used >= 15
    start_limit = 2.0 / regimes.local_curvatures(solved.landscape, level.start)[0]
    assert level.solution.rates[0] < start_limit  # the first stride respects the wall


def test_on_the_ravine_the_balanced_constant_rate_wins_and_beats_the_timid_one():
    level = BY_ID["ravine"]
    walls, floor = regimes.local_curvatures(Hike(level).landscape, level.start)
    balanced = Hike(level)
    while not balanced.finished:
        balanced.step(2.0 / (walls + floor))
    assert balanced.won
    timid = Hike(level)
    while not timid.finished:
        timid.step(1.0 / walls)
    assert timid.steps_used > balanced.steps_used


@pytest.mark.parametrize(
    "level_id", ["steep-bowl", "banana", "noisy-slope", "double-well", "mini-batches"]
)
def test_the_vectorised_constant_rate_runs_follow_the_hike_rules(level_id):
    from gdgame.game.oracle import constant_rate_runs

    level = BY_ID[level_id]
    rates = np.array([1e-3, 0.03, 0.09, 0.16, 0.4, 3.0])
    steps, losses = constant_rate_runs(level, rates)
    for rate, steps_taken, loss in zip(rates, steps, losses, strict=True):
        hike = Hike(level)
        while not hike.finished:
            hike.step(rate)
        assert steps_taken == (hike.steps_used if hike.won else level.step_budget + 1)
        assert loss == pytest.approx(hike.loss, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("level", LEVELS, ids=[level.id for level in LEVELS])
def test_the_written_strategy_keeps_under_the_speed_limit_unless_it_says_so(level):
    """A strategy that steps past 2/L must say so in its text (the double well's leap)."""
    hike = play_solution(Hike(level))
    past = [r.step for r in hike.history if r.rate_x_curvature >= 2.0]
    if past:
        assert "past" in level.solution.why and "speed limit" in level.solution.why


def test_the_double_well_leap_is_stable_for_both_hollows():
    """The bold rate that crosses the ridge is past the outer wall's 2/L but below the
    2/L of either hollow's bottom: the rate, not instability in a hollow, decides."""
    level = BY_ID["double-well"]
    land = Hike(level).landscape
    leap = level.solution.rates[0]
    wall = regimes.local_curvatures(land, level.start)[0]
    assert leap > 2.0 / wall
    for bottom in land.minima:
        assert leap < 2.0 / regimes.local_curvatures(land, bottom)[0]


def test_a_won_level_with_a_win_note_says_so():
    level = BY_ID["unscaled-line"]
    hike = play_solution(Hike(level))
    assert hike.won and "still far too flat" in hike.history[-1].explanation
