"""Step names follow the theory: on a bowl of curvature L the product lr x L sets the regime
(below 0.2 crawl, up to 1 descent, up to 2 overshoot, from 2 divergence), whatever L is, in
one or two dimensions; gradient noise never turns a safe rate into a "divergence"."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.game import Hike, load_levels, messages, regimes
from gdgame.game.oracle import play_novice

CURVATURES = (0.05, 0.5, 4.0, 20.0, 300.0)
REGIMES = [
    (0.05, "crawl"),
    (0.15, "crawl"),
    (0.3, "descent"),
    (0.9, "descent"),
    (1.3, "overshoot"),
    (1.9, "overshoot"),
    (2.0, "divergence"),
    (2.6, "divergence"),
    (5.0, "divergence"),
]


def expected(lr_times_l: float, curvature: float) -> str:
    name = dict(REGIMES)[lr_times_l]
    if name == "crawl" and lr_times_l / curvature >= 2.0:
        return "descent"  # the slider stops at 10: a rate of 2 or more is never a crawl
    return name


def bowl(make_level, scales, start, **extra):
    return Hike(make_level(params={"scales": list(scales)}, start=list(start), **extra))


@pytest.mark.parametrize("curvature", CURVATURES)
@pytest.mark.parametrize(("lr_times_l", "_name"), REGIMES)
def test_one_dimensional_bowls_follow_lr_times_l(make_level, curvature, lr_times_l, _name):
    hike = bowl(make_level, [curvature], [1.5], goal={"tolerance": 1e-12}, step_budget=50)
    rate = lr_times_l / curvature
    if rate > 10:
        pytest.skip("beyond the slider")
    result = hike.step(rate)
    assert result.rate_x_curvature == pytest.approx(lr_times_l)
    assert result.curvature == pytest.approx(curvature)
    assert result.kind == expected(lr_times_l, curvature)


@pytest.mark.parametrize("curvature", (0.5, 4.0, 20.0))
@pytest.mark.parametrize(("lr_times_l", "_name"), REGIMES)
def test_two_dimensional_bowls_are_capped_by_the_steepest_direction(
    make_level, curvature, lr_times_l, _name
):
    scales = [curvature / 7.0, curvature]  # the sharp bend holds most of the height
    hike = bowl(make_level, scales, [1.0, 1.2], goal={"tolerance": 1e-12}, step_budget=50)
    result = hike.step(lr_times_l / curvature)
    assert result.curvature == pytest.approx(curvature)
    assert result.kind == expected(lr_times_l, curvature)


def test_a_constant_rate_keeps_its_name_for_many_steps(make_level):
    for lr_times_l, name in ((0.5, "descent"), (1.5, "overshoot"), (2.2, "divergence")):
        hike = bowl(make_level, [3.0], [1.0], goal={"tolerance": 1e-30}, step_budget=30)
        kinds = {hike.step(lr_times_l / 3.0).kind for _ in range(8)}
        assert kinds == {name}


def test_past_the_limit_the_bounce_grows_even_while_the_loss_still_falls(make_level):
    # a ravine: most of the height lies along the gentle floor, some across the steep walls
    hike = bowl(make_level, [1.0, 20.0], [2.0, 0.1], goal={"tolerance": 1e-12}, step_budget=20)
    result = hike.step(0.11)  # 2/L_wall = 0.1
    assert result.loss < result.loss_before
    assert result.kind == "divergence" and "grew" in result.headline
    losses = [hike.step(0.11).loss for _ in range(15)]
    assert losses[-1] > result.loss  # the theory was right: this rate runs away


def test_on_a_ravine_floor_the_walls_still_cap_the_rate(make_level):
    hike = bowl(make_level, [1.0, 20.0], [2.0, 0.0], goal={"tolerance": 1e-12}, step_budget=20)
    result = hike.step(0.09)  # gentle along the floor, but 2/L_wall = 0.1 is near
    assert result.kind == "descent"  # not a crawl: a bolder rate would bounce off the walls
    assert "ill-conditioned" in result.explanation


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_noise_never_makes_a_safe_rate_a_divergence(make_level, seed):
    hike = bowl(
        make_level,
        [1.0, 4.0],
        [2.0, 1.5],
        noise=0.8,
        seed=seed,
        goal={"tolerance": 1e-9},
        step_budget=40,
    )
    kinds = [hike.step(0.4 * 2.0 / 4.0).kind for _ in range(40)]
    assert "divergence" not in kinds
    assert "noisy" in kinds  # the loss did rise now and then, and the game says why


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_past_the_limit_noise_does_not_hide_a_divergence(make_level, seed):
    hike = bowl(
        make_level,
        [1.0, 4.0],
        [2.0, 1.5],
        noise=0.8,
        seed=seed,
        goal={"tolerance": 1e-9},
        step_budget=40,
    )
    kinds = [hike.step(1.3 * 2.0 / 4.0).kind for _ in range(3)]
    assert "divergence" in kinds


def test_a_noisy_rise_costs_nothing_and_is_not_a_mistake(make_level):
    hike = bowl(make_level, [1.0, 4.0], [0.05, 0.05], noise=0.8, seed=2, step_budget=40)
    noisy = None
    for _ in range(40):
        result = hike.step(0.2)
        if result.kind == "noisy":
            noisy = result
            break
    assert noisy is not None and noisy.loss > noisy.loss_before
    assert not noisy.penalised and not noisy.mistake and hike.divergences == 0
    assert "noise, not divergence" in noisy.explanation


def test_a_leap_over_the_ridge_is_past_the_limit_but_no_divergence():
    level = next(lv for lv in load_levels() if lv.id == "double-well")
    hike = Hike(level)
    result = hike.step(0.16)
    assert result.rate_x_curvature > 2  # unstable for the hollow it leaves ...
    assert result.loss < result.loss_before  # ... and it landed lower, over the ridge
    assert result.kind == "descent" and result.headline == messages.LEAP_HEADLINE
    assert not result.penalised


def test_a_constant_rate_on_the_banana_floor_is_named_by_what_happens():
    """Beyond the first step off the steep wall the loss falls at every step, and so no
    later step is called a divergence (the floor's tiny bounce holds no real height)."""
    level = next(lv for lv in load_levels() if lv.id == "banana")
    hike = Hike(level)
    results = []
    while not hike.finished:
        results.append(hike.step(0.0891))
    assert hike.won
    losses = [r.loss for r in results[1:]]
    assert all(b < a for a, b in zip(losses, losses[1:], strict=False))
    assert [r.kind for r in results[1:]].count("divergence") == 0


def test_bend_met_is_exact_on_a_bowl():
    from gdgame.engine import get_landscape

    land = get_landscape("quadratic", scales=[2.0, 6.0])
    bend = regimes.bend_met(land, np.array([1.0, 1.0]), 0.2)
    assert bend.curvature == pytest.approx(6.0) and bend.rate_x_curvature == pytest.approx(1.2)
    assert bend.sharpest == pytest.approx(6.0) and bend.predicted
    assert bend.crosses_bottom and not bend.past_limit
    assert bend.one_over_l == pytest.approx(1 / 6) and bend.two_over_l == pytest.approx(1 / 3)


def test_a_novice_reading_only_the_step_names_wins_most_levels():
    """Up on a crawl, a little up on a descent, down on an overshoot, far down and undo on a
    divergence, from a start rate of 0.1 and without hints. The double well is the level it
    loses: small stable steps settle in the nearer, shallower hollow ("stuck"), and leaving it
    takes a leap that no rule of thumb about step names suggests."""
    levels = load_levels()
    lost = [lv.id for lv in levels if not play_novice(Hike(lv), start_rate=0.1).won]
    assert len(lost) <= 0.1 * len(levels)
    assert lost == ["double-well"]


@pytest.mark.parametrize("r", [0.5, 1.5, 3.0, float("nan")])
def test_the_noisy_step_text_only_claims_the_limit_when_it_holds(r):
    text = messages.explanation("noisy", r)
    assert "noise, not divergence" in text
    assert ("within the speed limit" in text) == (not r >= 2.0)


@pytest.mark.parametrize("curvature", [3.0, 7.0, 0.3, 13.0])
def test_a_rate_of_exactly_one_over_l_lands_rather_than_overshoots(make_level, curvature):
    hike = bowl(make_level, [curvature], [1.5], goal={"tolerance": 1e-40}, step_budget=5)
    result = hike.step(1.0 / curvature)
    assert result.kind in ("descent", "won")


@pytest.mark.parametrize(
    ("r", "words"),
    [
        (0.1, "crawl"),
        (0.5, "descent"),
        (1.0, "one-step"),
        (1.0 + 1e-12, "one-step"),
        (1.5, "overshoot"),
        (2.0, "bounces forever"),
        (2.5, "divergence"),
        (-0.4, "no speed limit"),
        (float("nan"), "no speed limit"),
    ],
)
def test_zone_words_follow_the_same_bands_as_the_step_names(r, words):
    assert words in regimes.zone_text(r)
