"""The hint ladder: a nudge, then the principle, then numbers computed at the hiker's feet;
each rung has a visible price, the numbers rung costs the third star, and no intro or first
rung hands over a winning rate."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from gdgame.game import Hike, hints, load_levels, regimes, scoring
from gdgame.game.messages import steps_text

LEVELS = {level.id: level for level in load_levels()}
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")


def test_the_ladder_climbs_nudge_principle_numbers_and_each_rung_costs():
    hike = Hike(LEVELS["steep-bowl"])
    costs = []
    for kind in hints.RUNG_KINDS:
        costs.append(hike.next_hint_cost())
        rung = hike.take_hint()
        assert rung.kind == kind and rung.cost == hints.RUNG_COSTS[kind]
    assert costs == [
        "costs 25 points",
        "costs 50 points",
        "costs 100 points and the third star",
    ]
    assert hike.next_hint_cost() is None
    assert [r.kind for r in hike.shown_hints()] == list(hints.RUNG_KINDS)
    assert hike.take_hint().kind == "numbers"  # shown again, not charged again
    assert hike.ladder.points_spent == 175
    assert [r.learn_section for r in hike.shown_hints()] == [None, "chapter-3", "chapter-5"]


def test_rungs_reduce_the_score_and_the_numbers_rung_caps_the_stars():
    def solved(rungs: int) -> Hike:
        hike = Hike(LEVELS["steep-bowl"])
        for _ in range(rungs):
            hike.take_hint()
        for rate in LEVELS["steep-bowl"].solution.rates:
            hike.step(rate)
        return hike

    clean, nudged, told = solved(0), solved(1), solved(3)
    assert clean.won and nudged.won and told.won
    assert clean.stars == nudged.stars == 3 and told.stars == hints.NUMBERS_STAR_CAP
    assert clean.score - nudged.score == hints.RUNG_COSTS["nudge"]
    expected = sum(hints.RUNG_COSTS.values()) + scoring.STAR_BONUS * (3 - hints.NUMBERS_STAR_CAP)
    assert clean.score - told.score == expected


def test_the_numbers_rung_is_computed_from_the_engine_at_the_feet():
    hike = Hike(LEVELS["steep-bowl"])  # curvature 20 everywhere
    hike.take_hint(), hike.take_hint()
    text = hike.take_hint().text
    assert "L = 20" in text and "1/L = 0.05" in text and "2/L = 0.1" in text
    assert hike.suggested_rate() == pytest.approx(0.05)


def test_the_numbers_rung_follows_the_hiker_and_names_both_bends_in_2d():
    hike = Hike(LEVELS["banana"])
    for _ in range(3):
        hike.take_hint()
    before = hike.shown_hints()[-1].text
    top, low = regimes.local_curvatures(hike.landscape, hike.position)[[0, -1]]
    assert f"L = {top:.3g}" in before and f"{low:.3g}" in before
    assert f"condition number of about {top / low:.3g}" in before
    hike.step(0.015)
    after = hike.shown_hints()[-1].text
    assert after != before  # recomputed where the hiker now stands
    top = regimes.local_curvatures(hike.landscape, hike.position)[0]
    assert f"2/L = {2 / top:.3g}" in after


def test_the_numbers_rung_never_points_past_the_slider():
    hike = Hike(LEVELS["shallow-bowl"])  # curvature 0.05: 1/L = 20 > 10
    text = hints.numbers_text(hike.landscape, hike.position, hike.slope)
    assert "slider stops at 10" in text
    assert hike.suggested_rate() == hints.SLIDER_MAX


def test_where_the_ground_bends_downward_the_numbers_give_a_careful_rate():
    hike = Hike(LEVELS["four-valleys"])  # the origin of Himmelblau is a hilltop
    text, rate = hints.numbers_text(hike.landscape, hike.position, hike.slope), None
    rate = hike.suggested_rate()
    assert "no speed limit" in text and f"{rate:.3g}" in text
    assert hike.step(rate).kind != "divergence"


def test_flat_ground_without_a_slope_falls_back_to_plain_words():
    from gdgame.engine import get_landscape

    hilltop = get_landscape("saddle")
    hilltop.hessian = lambda x: -np.eye(2)  # a dome: bends downward every way
    text = hints.numbers_text(hilltop, np.array([0.0, 0.0]), 0.0)
    assert "no speed limit" in text and "larger rate moves you on" in text


@pytest.mark.parametrize("level", list(LEVELS.values()), ids=list(LEVELS))
def test_no_intro_or_first_rung_states_a_winning_rate(level):
    """Every number in the intro and the nudge, played as a constant rate, loses the level."""
    texts = [level.intro, level.hints[0]]
    for number in {float(n) for text in texts for n in NUMBER.findall(text)}:
        if not hints.SLIDER_MIN <= number <= hints.SLIDER_MAX:
            continue
        hike = Hike(level)
        while not hike.finished:
            hike.step(number)
        assert not hike.won, f"{level.id}: {number} in the intro or first hint wins"


@pytest.mark.parametrize("level", list(LEVELS.values()), ids=list(LEVELS))
def test_each_level_has_a_nudge_and_a_principle(level):
    nudge, principle = level.hints
    assert "?" in nudge  # a question that makes the player think
    assert "L" in principle or "rate" in principle


def test_step_counts_read_naturally():
    assert steps_text(1) == "1 step" and steps_text(4) == "4 steps"


def test_careful_rate_needs_a_slope():
    assert math.isnan(hints.careful_rate(0.0, 10.0))
    assert hints.careful_rate(2.0, 10.0) == pytest.approx(0.25)


def test_the_principle_and_numbers_rungs_link_a_real_learn_section():
    from gdgame.ids import LEARN_SECTIONS

    assert hints.LEARN_SECTION in LEARN_SECTIONS
