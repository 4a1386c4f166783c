"""Show the maths (each step's real numbers), the hint ladder and undo in the store."""

from __future__ import annotations

import math
import re
from html import escape

import numpy as np
import pytest
from PySide6.QtCore import Qt

from gdgame.game.progress import ProgressStore
from gdgame.ui.hike.maths_panel import MINUS, number, vector, zone

NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[+−-]?\d+)?")


def _numbers(text: str) -> list[float]:
    return [float(n.replace(MINUS, "-")) for n in NUMBER.findall(text)]


def _entry(panel, step_number: int) -> str:
    """The panel's lines for one step (the panel lists the newest step first)."""
    text = panel.toPlainText()
    start = text.index(f"Step {step_number} ")
    end = text.find("Step ", start + 1)
    return text[start:] if end < 0 else text[start:end]


@pytest.mark.parametrize(
    ("level_id", "rates"), [("gentle-bowl", (0.5, 3.0)), ("first-2d-bowl", (0.2, 0.9))]
)
def test_maths_panel_shows_the_step_results_own_numbers(hike_screen, step, level_id, rates):
    screen = hike_screen(reduce_motion=True)
    screen.open(level=level_id)
    screen.choose_maths(True)
    panel = screen.play.maths
    for rate in rates:
        result = step(screen, rate)
        entry = _entry(panel, result.step)
        expected = [
            *np.atleast_1d(result.start),
            result.lr,
            *np.atleast_1d(result.felt_gradient),
            *np.atleast_1d(result.target),
        ]
        shown = _numbers(entry.split("=", 1)[1])[: len(expected)]
        assert shown == pytest.approx([float(v) for v in expected], rel=1e-3, abs=1e-9)
        for value in (result.lr, result.rate_x_curvature):
            assert number(value) in entry
        if math.isfinite(result.rate_x_curvature):
            assert zone(result.rate_x_curvature) in entry
    assert _entry(panel, 2) in panel.toPlainText().split("Step 1 ")[0]  # newest first


def test_maths_panel_names_the_zone_from_rate_times_curvature(hike_screen, step):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="steep-bowl")
    screen.choose_maths(True)
    result = step(screen, 0.11)  # 0.11 x 20 = 2.2: past the speed limit
    assert result.rate_x_curvature == pytest.approx(2.2)
    assert "divergence zone" in _entry(screen.play.maths, 1)
    screen.undo()
    result = step(screen, 0.005)  # 0.1: a crawl
    assert "crawl zone" in _entry(screen.play.maths, 1)
    assert "divergence" not in screen.play.maths.toPlainText()  # the undone step is gone


def test_maths_panel_default_follows_the_level_until_the_player_chooses(hike_screen, ctx):
    screen = hike_screen()
    levels = {level.id: level for level in screen.campaign.levels}
    shown = next(i for i, lv in levels.items() if lv.show_maths)
    hidden = next(i for i, lv in levels.items() if not lv.show_maths)
    screen.open(level=shown)
    assert screen.play.maths.isVisibleTo(screen.play) and screen.play.maths_button.isChecked()
    screen.open(level=hidden)
    assert not screen.play.maths.isVisibleTo(screen.play)
    screen.play.maths_button.click()  # the player's choice wins from now on
    assert screen.play.maths.isVisibleTo(screen.play)
    screen.open(level=shown)
    screen.open(level=hidden)
    assert screen.play.maths.isVisibleTo(screen.play)
    assert ctx.settings.value("hike/show_maths") in (True, "true")


def test_hint_button_shows_the_price_before_the_rung_is_taken(hike_screen, qtbot):
    screen = hike_screen()
    screen.open(level="steep-bowl")
    play, hike = screen.play, screen.hike
    assert play.hints.isHidden() and hike.hint_rungs_shown == 0  # nothing shown for free
    costs = []
    while hike.next_hint_cost() is not None:
        cost = hike.next_hint_cost()
        assert cost in play.hint_button.text()
        costs.append(cost)
        score = hike.score
        qtbot.mouseClick(play.hint_button, Qt.MouseButton.LeftButton)
        assert hike.hint_rungs_shown == len(costs)
        assert hike.score <= score
        assert len(play.hints.rungs) == len(costs)  # every rung taken stays in view
        for rung in hike.shown_hints():
            assert escape(rung.text) in play.hints.text.text()
    assert len(costs) >= 2
    assert not play.hint_button.isEnabled() and "No more hints" in play.hint_button.text()


def test_a_rung_about_1_over_l_links_to_the_lesson(hike_screen, ctx):
    screen = hike_screen()
    screen.open(level="steep-bowl")
    while screen.hike.next_hint_cost() is not None:
        screen.show_hint()
    linked = [r for r in screen.hike.shown_hints() if getattr(r, "learn_section", None)]
    assert linked, "some rung explains 1/L and 2/L"
    assert "Read why in the lesson" in screen.play.hints.text.text()
    screen.play.hints.text.linkActivated.emit(linked[0].learn_section)
    assert ctx.navigated[-1] == ("learn", {"section": linked[0].learn_section})


def test_undo_marks_the_steps_event_undone(hike_screen, step, ctx):
    screen = hike_screen(reduce_motion=True)
    screen.open(level="steep-bowl")
    step(screen, 0.11)  # a divergence: a mistake
    screen.undo()
    step(screen, 0.03)
    screen.shutdown()
    store = ProgressStore.open(ctx.paths.database)
    events = store.events("steep-bowl")
    assert [row["kind"] for row in events] == ["divergence", "descent"]
    assert [bool(row["undone"]) for row in events] == [True, False]
    store.close()


def test_rounding_dust_at_the_bottom_prints_as_zero():
    assert vector([1.2 - 0.05 * 24], scale=1.2) == "0"  # 1.2 - 1.2 is -2.2e-16 in floats
    assert vector([1e-6], scale=1.2) == "1e" + MINUS + "06"  # a real small number stays
    assert vector([0.5, -2.0]) == f"(0.5, {MINUS}2)"


def test_maths_panel_names_the_sharpest_bend_when_the_step_met_a_gentler_one():
    from gdgame.game import Hike, parse_level
    from gdgame.ui.hike.maths_panel import step_html

    level = parse_level(
        {
            "id": "floor",
            "title": "Floor",
            "concept": "c",
            "chapter": "chapter-5",
            "terms": ["gradient"],
            "landscape": "quadratic",
            "params": {"scales": [1.0, 20.0]},
            "start": [2.0, 0.0],
            "step_budget": 5,
            "par": 2,
            "two_star": 3,
            "goal": {"kind": "loss", "tolerance": 0.01},
            "hints": ["Why?", "Because L."],
        }
    )
    text = step_html(Hike(level).step(0.09), 2)
    assert "sharpest bend here L = 20" in text and "2/L = 0.1" in text
