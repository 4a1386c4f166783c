"""A damaged lesson file fails with a message naming the file and the field."""

from __future__ import annotations

import re
import shutil

import pytest

from gdgame.lesson import LESSON_FILES, LessonFormatError, lesson_folder, load_lesson


@pytest.fixture
def lesson_copy(tmp_path):
    folder = tmp_path / "lesson"
    shutil.copytree(lesson_folder(), folder)
    return folder


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_copy_of_the_shipped_files_loads(lesson_copy):
    assert len(load_lesson(lesson_copy).chapters) == 6


@pytest.mark.parametrize("name", LESSON_FILES)
def test_missing_file_is_named(lesson_copy, name):
    (lesson_copy / name).unlink()
    with pytest.raises(LessonFormatError, match=re.escape(name)):
        load_lesson(lesson_copy)


def test_invalid_toml_names_the_file(lesson_copy):
    (lesson_copy / "summaries.toml").write_text("basic = 'unterminated\n", encoding="utf-8")
    with pytest.raises(LessonFormatError, match=r"summaries\.toml: not valid TOML"):
        load_lesson(lesson_copy)


def test_missing_summary_depth(lesson_copy):
    _edit(lesson_copy / "summaries.toml", "medium = ", "middling = ")
    with pytest.raises(LessonFormatError, match=r"summaries\.toml: missing field 'medium'"):
        load_lesson(lesson_copy)


def test_missing_chapter_story_names_the_chapter(lesson_copy):
    _edit(lesson_copy / "chapters.toml", 'story_title = "Reading the hill"', 'tale = "x"')
    with pytest.raises(
        LessonFormatError, match=r"chapters\.toml: chapters\[2\]: missing field 'story_title'"
    ):
        load_lesson(lesson_copy)


def test_missing_link_list(lesson_copy):
    _edit(lesson_copy / "chapters.toml", 'glossary = ["gradient", ', 'terms = ["gradient", ')
    with pytest.raises(
        LessonFormatError, match=r"chapters\.toml: chapters\[2\]\.links: missing field 'glossary'"
    ):
        load_lesson(lesson_copy)


def test_dialogue_line_without_text(lesson_copy):
    _edit(lesson_copy / "dialogue.toml", 'text = "Then I', 'said = "Then I')
    with pytest.raises(
        LessonFormatError, match=r"dialogue\.toml: parts\[1\]\.lines\[10\]: missing field 'text'"
    ):
        load_lesson(lesson_copy)


def test_unknown_speaker(lesson_copy):
    _edit(lesson_copy / "dialogue.toml", 'speaker = "student"', 'speaker = "narrator"')
    with pytest.raises(LessonFormatError, match=r"dialogue\.toml: .*'narrator'"):
        load_lesson(lesson_copy)


def test_empty_text_is_rejected(lesson_copy):
    _edit(lesson_copy / "concepts.toml", 'name = "Gradient descent"', 'name = "  "')
    with pytest.raises(
        LessonFormatError, match=r"concepts\.toml: concepts\[1\]: field 'name' is empty"
    ):
        load_lesson(lesson_copy)


def test_wrong_type_is_rejected(lesson_copy):
    _edit(lesson_copy / "concepts.toml", "\ninteractive = true", '\ninteractive = "yes"')
    with pytest.raises(LessonFormatError, match=r"field 'interactive' must be true or false"):
        load_lesson(lesson_copy)


def test_acronym_letters_must_spell_the_word(lesson_copy):
    _edit(lesson_copy / "mnemonics.toml", 'letter = "O"', 'letter = "X"')
    with pytest.raises(LessonFormatError, match=r"mnemonics\.toml: acronym: letters do not"):
        load_lesson(lesson_copy)


def test_wrong_number_of_chapters(lesson_copy):
    path = lesson_copy / "chapters.toml"
    text = path.read_text(encoding="utf-8")
    last, claims = text.rindex("[[chapters]]"), text.index("[claims.")
    path.write_text(text[:last] + text[claims:], encoding="utf-8")
    with pytest.raises(LessonFormatError, match=r"chapters\.toml: expected 6 chapters, found 5"):
        load_lesson(lesson_copy)


def test_unknown_claim_in_text_names_file_and_field(lesson_copy):
    _edit(lesson_copy / "summaries.toml", "{worked.w_new}", "{nothing.w_new}")
    with pytest.raises(LessonFormatError, match=r"summaries\.toml: detailed: .*'nothing'"):
        load_lesson(lesson_copy)


def test_a_claim_id_may_be_defined_once(lesson_copy):
    path = lesson_copy / "summaries.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[claims.worked]\ncheck = "limits"\ncurvature = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(LessonFormatError, match="claim 'worked' is already defined"):
        load_lesson(lesson_copy)


def test_a_bad_claim_table_is_named(lesson_copy):
    _edit(lesson_copy / "chapters.toml", 'check = "condition"', 'check = "guess"')
    with pytest.raises(LessonFormatError, match=r"chapters\.toml: claim 'c100'.*'check'"):
        load_lesson(lesson_copy)


def test_unknown_widget_is_refused(lesson_copy):
    _edit(lesson_copy / "chapters.toml", 'widget = "rate-explorer"', 'widget = "toaster"')
    with pytest.raises(LessonFormatError, match=r"chapters\[5\]: field 'widget'"):
        load_lesson(lesson_copy)
