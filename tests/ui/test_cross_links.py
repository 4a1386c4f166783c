"""Every link between screens (Learn's Try it, Hike's Review the card, Quiz me...) lands.

The screens share ids: Hike level ids, Lab preset ids, Learn section ids, glossary term ids.
Here the real main window with every real screen is driven to each of those targets.
"""

from __future__ import annotations

import pytest

from gdgame.engine.presets import list_presets
from gdgame.game import load_levels
from gdgame.ids import LEARN_SECTIONS
from gdgame.lesson import load_lesson
from gdgame.study import load_glossary
from gdgame.ui.context import AppContext
from gdgame.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def lesson():
    return load_lesson()


@pytest.fixture
def window(qtbot, app_paths):
    win = MainWindow(AppContext.for_folder(app_paths))
    qtbot.addWidget(win)
    win.notices = []
    original = win.ctx.notify

    def notify(text):
        win.notices.append(text)
        original(text)

    win.ctx.notify = notify
    yield win
    win.shutdown()


def test_every_screen_is_present(window):
    assert window.screen_ids() == ["home", "hike", "lab", "learn", "cards", "quiz", "stats"]


def test_every_hike_level_opens_by_id(window):
    hike = window.screens["hike"]
    for level in load_levels():
        window.navigate("hike", level=level.id)
        assert window.current_screen() is hike
        assert hike.hike.level.id == level.id
    assert window.notices == []


def test_every_learn_section_opens_by_id(window, lesson):
    learn = window.screens["learn"]
    for section in LEARN_SECTIONS:
        window.navigate("learn", section=section)
        assert learn.current_section() == section
    assert window.notices == []


def test_every_lab_preset_opens_by_id(window):
    ids = [getattr(p, "id", p) for p in list_presets()]
    assert {"overshoot-demo", "too-small", "momentum-ravine", "decay-schedule"} <= set(ids)
    for preset_id in ids:
        window.navigate("lab", preset=preset_id)
        assert window.current_screen() is window.screens["lab"]
    assert window.notices == []


def test_every_glossary_term_opens_in_cards(window):
    for term in load_glossary():
        window.navigate("cards", term=term.id)
    assert window.current_screen() is window.screens["cards"]
    assert window.notices == []


def test_every_link_in_the_lesson_and_levels_lands(window, lesson):
    """The targets the Learn chapters and the Hike levels point at all exist and open."""
    for chapter in lesson.chapters:
        for level_id in chapter.links.hike_levels:
            window.navigate("hike", level=level_id)
            assert window.screens["hike"].hike.level.id == level_id
        for preset_id in chapter.links.lab_presets:
            window.navigate("lab", preset=preset_id)
        for term_id in chapter.links.glossary:
            window.navigate("cards", term=term_id)
    for level in load_levels():
        window.navigate("learn", section=level.chapter)
        for term_id in level.terms:
            window.navigate("cards", term=term_id)
    window.navigate("quiz", tags=list(lesson.mnemonics.quiz_tags))
    assert window.current_screen() is window.screens["quiz"]
    assert window.notices == []
