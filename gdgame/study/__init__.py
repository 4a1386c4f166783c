"""Flashcards and quizzes about the lesson (no Qt): glossary, FSRS scheduling, import/export.

``from gdgame.study import Collection, load_glossary``; see :mod:`gdgame.study.collection`.
"""

from gdgame.study.collection import Collection
from gdgame.study.editing import CardTextError
from gdgame.study.glossary import GlossaryError, Term, glossary_by_id, load_glossary
from gdgame.study.model import (
    RATING_NAMES,
    Card,
    Counts,
    ImportResult,
    Review,
    format_interval,
    format_wait,
)

__all__ = [
    "RATING_NAMES",
    "Card",
    "CardTextError",
    "Collection",
    "Counts",
    "GlossaryError",
    "ImportResult",
    "Review",
    "Term",
    "format_interval",
    "format_wait",
    "glossary_by_id",
    "load_glossary",
]
