"""Flashcards and quizzes about the lesson (no Qt): glossary, FSRS scheduling, import/export.

``from gdgame.study import Collection, load_glossary``; see :mod:`gdgame.study.collection`.
The names below are imported on first use, so a light module of this package (the quiz
modes the settings check at start-up) does not bring in FSRS and the whole collection.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for readers and type checkers (and gdgame.ui.preload reads them too)
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

_HOMES = {
    "Collection": "gdgame.study.collection",
    "CardTextError": "gdgame.study.editing",
    "GlossaryError": "gdgame.study.glossary",
    "Term": "gdgame.study.glossary",
    "glossary_by_id": "gdgame.study.glossary",
    "load_glossary": "gdgame.study.glossary",
    "RATING_NAMES": "gdgame.study.model",
    "Card": "gdgame.study.model",
    "Counts": "gdgame.study.model",
    "ImportResult": "gdgame.study.model",
    "Review": "gdgame.study.model",
    "format_interval": "gdgame.study.model",
    "format_wait": "gdgame.study.model",
}

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


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
