"""The one table of display names covers every id a learner could otherwise see."""

from __future__ import annotations

from gdgame import display_names as names
from gdgame.engine import list_landscapes
from gdgame.engine.optimizers import OPTIMIZERS
from gdgame.game.levels import load_levels
from gdgame.game.messages import STEP_KINDS
from gdgame.ids import CAMPAIGN_LEVELS, LEARN_SECTIONS
from gdgame.study.stats_sources import HIKE_KINDS


def _not_an_id(text: str, item_id: str) -> bool:
    return bool(text.strip()) and text != item_id


def test_every_engine_game_and_lesson_id_has_a_name():
    assert set(names.OPTIMIZER_NAMES) == set(OPTIMIZERS)
    assert set(names.STEP_KIND_NAMES) >= set(STEP_KINDS) | set(HIKE_KINDS)
    assert tuple(names.SECTION_NAMES) == LEARN_SECTIONS
    for landscape in list_landscapes():
        assert _not_an_id(names.landscape_name(landscape), landscape)
    assert names.landscape_name("rosenbrock") == "Banana valley (Rosenbrock)"


def test_level_names_come_from_the_level_files():
    titles = {level.id: level.title for level in load_levels()}
    assert set(titles) == set(CAMPAIGN_LEVELS)
    for level_id, title in titles.items():
        assert names.level_name(level_id) == title


def test_sentences_and_unknown_ids_still_read_as_words():
    assert names.step_kind_phrase("divergence") == "a divergence"
    assert names.optimizer_name("ADAM") == "Adam"
    assert names.level_name("no-such-level") == "No such level"
    assert names.section_title("chapter-5").startswith("Chapter 5 · ")
    assert names.section_title("summary") == "Summary"
