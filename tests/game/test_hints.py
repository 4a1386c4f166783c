"""The safe-rate hint: right numbers in bowls, a usable rate where 2/L sets no limit, and a
campaign a learner can win by following it (no Qt)."""

from __future__ import annotations

import math

import pytest

from gdgame.game import Hike, load_levels
from gdgame.game.messages import SLIDER_MAX, rate_hint, steps_text, suggested_rate

LEVELS = {level.id: level for level in load_levels()}


def test_bowl_hint_names_2_over_l_and_the_sweet_spot():
    hike = Hike(LEVELS["steep-bowl"])  # curvature 20
    assert "L = 20" in hike.hint() and "2/L = 0.1" in hike.hint() and "1/L = 0.05" in hike.hint()
    assert hike.suggested_rate() == pytest.approx(0.05)


def test_hint_never_points_past_the_slider():
    hike = Hike(LEVELS["shallow-bowl"])  # curvature 0.05: 1/L = 20 > 10
    assert "slider stops at 10" in hike.hint()
    assert hike.suggested_rate() == SLIDER_MAX


def test_where_the_ground_bends_downward_the_hint_still_gives_a_careful_rate():
    hike = Hike(LEVELS["four-valleys"])  # the origin of Himmelblau is a hilltop
    hint, rate = hike.hint(), hike.suggested_rate()
    assert "no limit" in hint and "larger rate helps" not in hint
    assert f"{rate:.3g}" in hint
    assert 0.005 < rate < 0.05  # the greedy player's winning rates are 0.009 .. 0.02
    assert hike.step(rate).kind != "divergence"


def test_flat_ground_without_a_slope_falls_back_to_plain_words():
    assert "larger rate helps" in rate_hint(math.inf, slope=0.0, map_size=10.0)
    assert suggested_rate(math.inf, slope=0.0, map_size=10.0) == SLIDER_MAX


def test_step_counts_read_naturally():
    assert steps_text(1) == "1 step" and steps_text(4) == "4 steps"


def _follow_the_hint(hike: Hike, first_rate: float | None = None) -> Hike:
    while not hike.finished:
        rate = first_rate if first_rate and not hike.steps_used else hike.suggested_rate()
        hike.step(rate / hike.decay**hike.steps_used)
    return hike


@pytest.mark.parametrize("level_id", [i for i in LEVELS if i != "double-well"])
def test_a_learner_who_follows_the_hint_wins(level_id):
    hike = _follow_the_hint(Hike(LEVELS[level_id]))
    assert hike.won, f"{level_id}: following the hint ended at loss {hike.loss:.4g}"


def test_the_double_well_traps_the_hint_follower_but_a_bold_first_step_wins():
    trapped = _follow_the_hint(Hike(LEVELS["double-well"]))
    assert not trapped.won
    assert "stuck" in [result.kind for result in trapped.history]
    stuck = next(r for r in trapped.history if r.kind == "stuck")
    assert "press R" in stuck.explanation
    bold = _follow_the_hint(Hike(LEVELS["double-well"]), first_rate=0.16)  # the level's tip
    assert bold.won and bold.stars >= 2
