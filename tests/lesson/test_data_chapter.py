"""Chapter 6, "The data is the landscape": what it covers, what it links, and that its
numbers are what the engine's penguin models do (the claims themselves are recomputed in
test_claims.py; here the checks that compute them are tested against independent sums)."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine import get_landscape, safe_lr
from gdgame.engine.presets import get_preset
from gdgame.game import load_levels
from gdgame.lesson import load_lesson
from gdgame.lesson.claim_checks import recompute, stability_limit
from gdgame.lesson.claims import ClaimError, parse_claim
from gdgame.study import load_glossary

DATA_LEVELS = ("penguin-line", "unscaled-line", "mini-batches")
DATA_CARDS = ("feature-scaling", "log-loss", "mini-batch", "epoch", "lr-range-test")


@pytest.fixture(scope="module")
def chapter():
    return load_lesson().chapter(6)


def test_the_chapter_explains_position_landscape_scaling_batches_and_the_range_test(chapter):
    assert chapter.section_id == "chapter-6" and chapter.title == "The data is the landscape"
    text = chapter.explanation.lower()
    for words in (
        "your weights are the position",
        "the data is the landscape",
        "mean squared error",
        "log-loss",
        "feature scaling",
        "standardised",
        "ravine",
        "condition number",
        "mini-batch",
        "epoch",
        "square root of the batch size",
        "learning-rate schedule",
        "learning-rate range test",
    ):
        assert words in text, words
    story = chapter.story.lower()
    assert "penguin" in story and "notebook" in story and "handful" in story


def test_the_data_levels_and_the_chapter_point_at_each_other(chapter):
    levels = {level.id: level for level in load_levels()}
    assert chapter.links.hike_levels == DATA_LEVELS
    assert [levels[i].chapter for i in DATA_LEVELS] == ["chapter-6"] * 3
    assert "feature-scaling" in levels["penguin-line"].terms
    assert levels["unscaled-line"].terms[0] == "feature-scaling"
    assert chapter.links.lab_presets == ("penguin-batches",)
    assert set(DATA_CARDS) <= set(chapter.links.glossary)


def test_the_new_cards_point_at_the_chapter_and_stay_apart_from_their_close_terms():
    cards = {term.id: term for term in load_glossary()}
    assert {cards[i].chapter for i in DATA_CARDS} == {"chapter-6"}
    for first, second in [
        ("feature-scaling", "condition-number"),
        ("log-loss", "loss-function"),
        ("mini-batch", "sgd"),
        ("mini-batch", "epoch"),
    ]:
        assert second in cards[first].close and first in cards[second].close
    assert cards["feature-scaling"].levels[0] == "unscaled-line"
    assert cards["mini-batch"].levels[0] == "mini-batches"


def test_the_lab_preset_jitters_at_a_constant_rate_and_calms_with_a_decay():
    from gdgame.ui.lab.run_setup import build_landscape, choice_for_preset, hiker_stream

    preset = get_preset("penguin-batches")
    landscape = build_landscape(choice_for_preset(preset))
    assert landscape.stochastic and landscape.batch_size == 4
    steps = list(hiker_stream(landscape, list(preset.hikers), preset.steps, 0.0, preset.seed))
    above = np.array([step[1] for step in steps]) - landscape.global_min_value
    constant, decayed = above[:, 0], above[:, 1]
    assert constant[-1] < 0.01 * constant[0] and decayed[-1] < 0.01 * decayed[0]  # both close
    late = slice(preset.steps // 2, None)
    assert np.mean(decayed[late]) < 0.25 * np.mean(constant[late])  # the decay calms the jitter
    assert np.ptp(decayed[late]) < 0.25 * np.ptp(constant[late])


# -- the checks behind the chapter's numbers -----------------------------------------------
@pytest.mark.parametrize("name", ["penguin_mass", "penguin_mass_unscaled"])
def test_the_walked_speed_limit_of_the_penguin_lines_is_two_over_l(name):
    line = get_landscape(name)
    measured = stability_limit(line, np.zeros(2), 400)
    assert measured == pytest.approx(safe_lr(line, [0.0, 0.0]), rel=1e-6)


def _claim(table: dict):
    return parse_claim("x", table, "test")


def test_the_line_facts_match_the_data_and_the_hessian():
    raw = recompute(_claim({"check": "penguin-line", "scaled": 0}))
    scaled = recompute(_claim({"check": "penguin-line", "scaled": 1}))
    line = get_landscape("penguin_mass_unscaled")
    cm = line.flipper_mm / 10.0
    assert (raw["feature_min"], raw["feature_max"]) == (cm.min(), cm.max())
    assert raw["kappa"] == pytest.approx(raw["steep"] / raw["flat"])
    assert raw["contour_ratio"] == pytest.approx(np.sqrt(raw["kappa"]), rel=1e-6)
    assert raw["floor_ratio"] == pytest.approx(np.mean(cm**2) / np.mean(cm), rel=1e-3)
    assert scaled["steep"] == pytest.approx(2.0) and scaled["kappa"] == pytest.approx(1.0)
    assert scaled["best_loss"] == pytest.approx(raw["best_loss"], rel=1e-12)  # same best line
    assert scaled["feature_mean"] == pytest.approx(0.0, abs=1e-12)


def test_batch_slopes_are_dealt_as_the_engine_deals_them():
    single = recompute(_claim({"check": "batch-slope", "batch": 1, "epochs": 1}))
    line = get_landscape("penguin_mass")
    best = line.minima[0]
    every_row = [line.batch_gradient(best, [i]) for i in range(line.n_rows)]
    assert single["typical"] == pytest.approx(np.sqrt(np.mean(np.sum(np.square(every_row), 1))))
    assert single["full_slope"] == pytest.approx(0.0, abs=1e-9)
    four = recompute(_claim({"check": "batch-slope", "batch": 4}))
    assert (four["per_epoch"], four["last_batch"]) == (84, 1)  # 83 batches of 4, then 1
    whole = recompute(_claim({"check": "batch-slope", "batch": 333, "epochs": 1}))
    assert (whole["per_epoch"], whole["last_batch"]) == (1, 333)
    assert whole["typical"] == pytest.approx(0.0, abs=1e-9)
    assert single["typical"] > four["typical"] > whole["typical"]


def test_a_walk_at_the_one_step_rate_lands_on_the_round_bowl_but_not_in_the_ravine():
    land = recompute(_claim({"check": "penguin-walk", "scaled": 1, "rate": 0.5, "steps": 1}))
    assert land["rate_x_l"] == pytest.approx(1.0)
    assert land["first_loss"] == pytest.approx(land["best_loss"], rel=1e-12)
    raw = recompute(_claim({"check": "penguin-line", "scaled": 0}))
    walk = {"check": "penguin-walk", "scaled": 0, "rate": raw["one_over_l"], "steps": 50}
    ravine = recompute(_claim(walk))
    assert ravine["rate_x_l"] == pytest.approx(1.0)
    assert ravine["loss"] > 2 * ravine["best_loss"]


def test_wrong_data_numbers_and_bad_inputs_are_caught():
    stated = {"check": "penguin-line", "scaled": 0, "kappa": 84508.50653606374}
    assert recompute(_claim(stated))["kappa"] == pytest.approx(stated["kappa"], rel=1e-9)
    wrong = recompute(_claim({"check": "range-test", "scaled": 1, "batch": 16}))
    assert wrong["suggested"] != pytest.approx(wrong["one_over_l"], rel=0.5)
    with pytest.raises(ClaimError, match="'scaled' must be 0 or 1"):
        _claim({"check": "penguin-line", "scaled": 2})
    with pytest.raises(ClaimError, match="missing input 'batch'"):
        _claim({"check": "batch-slope"})


def test_a_chapter_six_quiz_asks_about_its_cards_in_every_glossary_mode():
    from gdgame.study.quiz import build_quiz
    from gdgame.study.quiz_model import MATCHING, MULTIPLE_CHOICE, TRUE_FALSE, TYPE_IN

    glossary = load_glossary()
    for mode in (MULTIPLE_CHOICE, TRUE_FALSE, TYPE_IN, MATCHING):
        asked = set()
        for seed in range(10):
            for question in build_quiz(glossary, mode, length=10, tags=["chapter-6"], seed=seed):
                asked.update(question.term_ids)
        assert set(DATA_CARDS) <= asked, mode
