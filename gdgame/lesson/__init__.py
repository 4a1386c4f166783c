"""The lesson content (dialogue, summaries, chapters, concepts, memory aids), Qt-free.

``from gdgame.lesson import load_lesson``; the worked example's maths lives in
:mod:`gdgame.lesson.worked_example`.
"""

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
