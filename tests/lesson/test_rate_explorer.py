"""Chapter 5's rate explorer model: engine-computed steps, regimes and words (no Qt)."""

from __future__ import annotations

import pytest

from gdgame.engine import descend
from gdgame.engine.landscapes import Quadratic
from gdgame.lesson.rate_explorer import (
    CURVATURES,
    SLIDER_MAX,
    START,
    STEPS,
    RateExplorer,
)


@pytest.mark.parametrize("curvature", CURVATURES)
@pytest.mark.parametrize(
    ("position", "regime"),
    [
        (10, "crawl"),
        (20, "descent"),
        (60, "descent"),
        (100, "one-step"),
        (160, "overshoot"),
        (200, "bounce"),
        (240, "divergence"),
    ],
)
def test_slider_positions_name_the_regimes(curvature, position, regime):
    explorer = RateExplorer(curvature)
    explorer.set_slider(position)
    reading = explorer.reading()
    assert reading.rate_x_l == pytest.approx(position / 100)
    assert reading.regime.id == regime
    assert explorer.slider_position == position


def test_positions_are_the_engines_and_shrink_by_the_multiplier():
    explorer = RateExplorer(4.0)
    explorer.set_rate(0.4)
    reading = explorer.reading()
    engine = descend(Quadratic((4.0,)), [START], 0.4, steps=STEPS).positions[:, 0]
    assert reading.positions == pytest.approx(tuple(engine))
    assert len(reading.positions) == STEPS + 1
    assert reading.multiplier == pytest.approx(-0.6)
    for before, after in zip(reading.positions, reading.positions[1:], strict=False):
        assert after == pytest.approx(before * reading.multiplier)
    assert reading.positions_text() == "1 → −0.6 → 0.36 → −0.216 → 0.13 → −0.0778"
    assert "1 − 1.6 = −0.6" in reading.multiplier_text()
    assert "below 1" in reading.size_text()


def test_two_over_l_bounces_and_the_text_says_it_never_shrinks():
    explorer = RateExplorer(4.0)
    explorer.set_rate(0.5)
    reading = explorer.reading()
    assert reading.positions == (1.0, -1.0, 1.0, -1.0, 1.0, -1.0)
    assert reading.losses == (2.0,) * 6
    assert reading.regime.name == "bounces forever" and not reading.regime.converges
    assert "never shrinks" in reading.size_text()
    assert "2/L = 0.5" in reading.limits_text() and "1/L = 0.25" in reading.limits_text()


def test_divergence_grows_and_says_so():
    explorer = RateExplorer(2.0)
    explorer.set_rate(1.2)
    reading = explorer.reading()
    sizes = [abs(p) for p in reading.positions]
    assert sizes == sorted(sizes) and sizes[-1] > 5
    assert "grows" in reading.size_text()
    xs, ys = reading.curve()
    assert xs.min() < min(reading.positions) and xs.max() > max(reading.positions)
    assert ys.min() >= 0


def test_changing_the_bowl_keeps_rate_times_curvature():
    explorer = RateExplorer(4.0, rate_x_l=1.6)
    explorer.set_curvature(10.0)
    assert explorer.rate == pytest.approx(0.16)
    assert explorer.reading().regime.id == "overshoot"


def test_rates_are_kept_on_the_slider_and_bad_values_refused():
    explorer = RateExplorer(1.0)
    explorer.set_rate(100.0)
    assert explorer.slider_position == SLIDER_MAX
    explorer.set_rate(0.0)
    assert explorer.slider_position == 1 and explorer.rate > 0
    with pytest.raises(ValueError):
        explorer.set_rate(float("nan"))
    with pytest.raises(ValueError):
        explorer.set_curvature(-1.0)
