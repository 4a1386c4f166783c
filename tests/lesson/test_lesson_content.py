"""The shipped lesson: every part is present, non-empty, and links to real ids."""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from gdgame import resources
from gdgame.ids import CAMPAIGN_LEVELS, CORE_GLOSSARY_TERMS, LAB_PRESETS
from gdgame.lesson import SECTION_IDS, SUMMARY_DEPTHS, load_lesson

# The identifiers the screens share (gdgame.ids).
SHARED_LEVEL_IDS = set(CAMPAIGN_LEVELS)
SHARED_PRESET_IDS = set(LAB_PRESETS)
SHARED_GLOSSARY_IDS = set(CORE_GLOSSARY_TERMS)


@pytest.fixture(scope="module")
def lesson():
    return load_lesson()


def _words(text: str) -> int:
    return len(text.split())


def test_dialogue_has_two_parts_between_teacher_and_student(lesson):
    dialogue = lesson.dialogue
    assert len(dialogue) == 2
    assert {"teacher", "student"} <= set(dialogue.speakers)
    for part in dialogue:
        assert part.title
        assert len(part.lines) >= 10
        assert {line.speaker for line in part.lines} == {"teacher", "student"}
        assert all(line.text.strip() for line in part.lines)
    assert 30 <= len(dialogue.all_lines()) <= 45


def test_dialogue_covers_the_story_beats_in_order(lesson):
    first = " ".join(line.text for line in lesson.dialogue[0].lines).lower()
    second = " ".join(line.text for line in lesson.dialogue[1].lines).lower()
    assert "blindfold" in first and "mountain" in first
    assert first.index("blindfold") < first.index("overshoot") < first.index("g.l.o.w.")
    assert "local minimum" in first and "global minimum" in first
    assert "sweet spot" in second and "car" in second
    recap = lesson.dialogue[1].lines[-4:]
    assert any(line.speaker == "student" for line in recap)
    assert "overshoot" in " ".join(line.text for line in recap).lower()


def test_three_summary_depths_grow_and_detailed_covers_every_chapter(lesson):
    assert tuple(lesson.summaries) == SUMMARY_DEPTHS
    basic, medium, detailed = (lesson.summaries[d] for d in SUMMARY_DEPTHS)
    assert _words(basic) < _words(medium) < _words(detailed)
    assert "blindfold" in medium.lower() and "backpropagation" in medium.lower()
    for chapter in lesson.chapters:
        assert chapter.title in detailed


def test_six_chapters_with_rich_explanation_and_story(lesson):
    assert [c.section_id for c in lesson.chapters] == [f"chapter-{n}" for n in range(1, 7)]
    expected_story_words = ["fog", "hill", "road", "heat", "shower", "penguin"]
    for chapter, word in zip(lesson.chapters, expected_story_words, strict=True):
        assert chapter.title and chapter.story_title
        assert chapter.explanation.count("\n\n") >= 2, chapter.title
        assert chapter.story.count("\n\n") >= 2, chapter.title
        assert _words(chapter.explanation) >= 150
        assert word in chapter.story.lower()


def test_concepts_and_the_rate_001_worked_example(lesson):
    names = {concept.name for concept in lesson.concepts}
    assert {"Gradient descent", "Learning rate", "Gradient"} <= names
    assert all(concept.text for concept in lesson.concepts)
    worked = lesson.example("learning-rate-0.01")
    assert worked.interactive
    assert "0.01" in worked.text and "0.48" in worked.text
    assert len(lesson.examples) >= 2


def test_memory_aids_rhyme_story_and_glow(lesson):
    aids = lesson.mnemonics
    assert len(aids.rhyme) == 2 and aids.rhyme_title
    assert "friend" in aids.story.lower() and "blindfold" in aids.story.lower()
    assert aids.acronym.word == "G.L.O.W."
    assert [(x.letter, x.word) for x in aids.acronym.letters] == [
        ("G", "Gradient"),
        ("L", "Learning rate"),
        ("O", "Overshoot"),
        ("W", "Wasted time"),
    ]
    assert all(letter.meaning for letter in aids.acronym.letters)
    assert aids.quiz_tags


def test_section_ids_match_the_shared_list():
    assert SECTION_IDS == (
        "conversation",
        "summary",
        "chapter-1",
        "chapter-2",
        "chapter-3",
        "chapter-4",
        "chapter-5",
        "chapter-6",
        "concepts",
        "memory-aids",
    )


def test_links_use_the_shared_ids(lesson):
    for chapter in lesson.chapters:
        assert chapter.links.hike_level in SHARED_LEVEL_IDS
        assert set(chapter.links.hike_levels) <= SHARED_LEVEL_IDS
        assert set(chapter.links.lab_presets) <= SHARED_PRESET_IDS
        assert chapter.links.glossary
    # every id the lesson links to is a real card (see the test below); the core ones the
    # other screens rely on are all linked from some chapter or concept card
    assert SHARED_GLOSSARY_IDS - {"glow"} <= lesson.linked_glossary_ids()
    assert any(chapter.links.lab_presets for chapter in lesson.chapters)


def _real_level_ids() -> set[str]:
    folder = resources.path("levels")
    ids = set()
    for path in sorted(folder.glob("*.toml")) + sorted(folder.glob("*.json")):
        with path.open("rb") as handle:
            data = tomllib.load(handle) if path.suffix == ".toml" else json.load(handle)
        if isinstance(data, dict) and "id" in data:
            ids.add(data["id"])
    return ids


def test_links_point_to_real_levels_when_they_exist(lesson):
    real = _real_level_ids()
    if not real:
        pytest.skip("no Hike level files in resources/levels yet")
    for chapter in lesson.chapters:
        assert set(chapter.links.hike_levels) <= real, chapter.title


def test_links_point_to_real_presets_when_they_exist(lesson):
    presets = pytest.importorskip("gdgame.engine.presets")
    real = set(presets.list_presets())
    for chapter in lesson.chapters:
        assert set(chapter.links.lab_presets) <= real, chapter.title


def test_links_and_quiz_tags_point_to_the_real_glossary_when_it_exists(lesson):
    path = resources.path("glossary.toml")
    if not path.is_file():
        pytest.skip("no glossary file yet")
    with path.open("rb") as handle:
        terms = tomllib.load(handle).get("term", [])
    ids = {term["id"] for term in terms}
    tags = {tag for term in terms for tag in term.get("tags", [])}
    assert lesson.linked_glossary_ids() <= ids
    assert set(lesson.mnemonics.quiz_tags) <= ids | tags


def test_chapter_five_explains_two_over_l_and_the_condition_number(lesson):
    chapter = lesson.chapter(5)
    assert chapter.section_id == "chapter-5" and chapter.widget == "rate-explorer"
    text = chapter.explanation + chapter.explanation_more
    for words in (
        "curvature",
        "1 − rate × L",
        "1/L",
        "2/L",
        "overshoot",
        "bounces forever",
        "divergence",
        "condition number",
        "√κ",
        "momentum",
    ):
        assert words in text, words
    assert {"safe-step", "condition-number", "curvature"} <= set(chapter.links.glossary)


def _section_text(lesson, section: str) -> str:
    return lesson.section_text(section)


def test_every_glossary_card_points_to_a_section_that_explains_it(lesson):
    from gdgame.study import load_glossary

    concept_terms = {concept.term for concept in lesson.concepts}
    for term in load_glossary():
        if term.chapter == "concepts":
            assert term.id in concept_terms, term.id  # a concept card of its own
            continue
        text = _section_text(lesson, term.chapter).lower()
        names = [term.term, *term.synonyms]
        names += [name.split(" (")[0] for name in names]  # "Parameters (Weights...)"
        assert any(name.lower() in text for name in names), (term.id, term.chapter)
        if term.chapter.startswith("chapter-"):
            number = int(term.chapter.split("-")[1])
            assert term.id in lesson.chapter(number).links.glossary, term.id


STEP_LENGTH = re.compile(
    r"\b((length|size) of (each|your|the|a|its) (steps?|strides?|moves?|nudges?|updates?)"
    r"|how (big|far|long) (each|your|the|a) (step|stride|move|nudge|update))",
    re.IGNORECASE,
)


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text.replace("\n", " "))


def test_the_learning_rate_is_never_called_a_step_length(lesson):
    """A sentence about the learning rate may speak of step length only as rate x slope."""
    from gdgame.study import load_glossary

    texts = [_section_text(lesson, section) for section in SECTION_IDS]
    texts += [f"{concept.name}: {concept.text}" for concept in lesson.concepts]
    texts += [f"{x.word}: {x.meaning}" for x in lesson.mnemonics.acronym.letters]
    texts += [f"{t.term}: {t.definition} {t.example}" for t in load_glossary()]
    for text in texts:
        for sentence in _sentences(text):
            if "rate" in sentence.lower() and STEP_LENGTH.search(sentence):
                assert "times" in sentence or "×" in sentence, sentence
    rate = next(t for t in load_glossary() if t.id == "learning-rate")
    step = next(t for t in load_glossary() if t.id == "step-size")
    own = {name.lower() for name in (rate.term, *rate.synonyms)}
    assert own.isdisjoint(name.lower() for name in (step.term, *step.synonyms))
