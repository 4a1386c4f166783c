"""The lesson content (dialogue, summaries, chapters, concepts, memory aids), Qt-free.

``from gdgame.lesson import load_lesson``; the worked example's maths lives in
:mod:`gdgame.lesson.worked_example`. The names below are imported on first use, so a
light module of this package does not bring in the loader and its checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gdgame.lazy_names import lazy_names

if TYPE_CHECKING:  # for readers and type checkers (and gdgame.ui.preload reads them too)
    from gdgame.lesson.loader import LESSON_FILES, LessonFormatError, lesson_folder, load_lesson
    from gdgame.lesson.model import (
        SECTION_IDS,
        SUMMARY_DEPTHS,
        Acronym,
        AcronymLetter,
        Chapter,
        ChapterLinks,
        Concept,
        Dialogue,
        DialogueLine,
        DialoguePart,
        Example,
        Lesson,
        Mnemonics,
    )

_HOMES = {
    "LESSON_FILES": "gdgame.lesson.loader",
    "LessonFormatError": "gdgame.lesson.loader",
    "lesson_folder": "gdgame.lesson.loader",
    "load_lesson": "gdgame.lesson.loader",
    "SECTION_IDS": "gdgame.lesson.model",
    "SUMMARY_DEPTHS": "gdgame.lesson.model",
    "Acronym": "gdgame.lesson.model",
    "AcronymLetter": "gdgame.lesson.model",
    "Chapter": "gdgame.lesson.model",
    "ChapterLinks": "gdgame.lesson.model",
    "Concept": "gdgame.lesson.model",
    "Dialogue": "gdgame.lesson.model",
    "DialogueLine": "gdgame.lesson.model",
    "DialoguePart": "gdgame.lesson.model",
    "Example": "gdgame.lesson.model",
    "Lesson": "gdgame.lesson.model",
    "Mnemonics": "gdgame.lesson.model",
}

__all__ = [
    "LESSON_FILES",
    "SECTION_IDS",
    "SUMMARY_DEPTHS",
    "Acronym",
    "AcronymLetter",
    "Chapter",
    "ChapterLinks",
    "Concept",
    "Dialogue",
    "DialogueLine",
    "DialoguePart",
    "Example",
    "Lesson",
    "LessonFormatError",
    "Mnemonics",
    "lesson_folder",
    "load_lesson",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())
