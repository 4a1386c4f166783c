"""The data a quiz is made of: questions, grades and the shape of a glossary term (no Qt).

Generators in :mod:`gdgame.study.quiz_modes` and :mod:`gdgame.study.quiz_scenarios` build
:class:`Question` objects; :func:`gdgame.study.quiz.grade` turns a learner's response into a
:class:`Grade`. Everything here is plain data so the Quiz screen only displays it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

MULTIPLE_CHOICE = "multiple-choice"
TYPE_IN = "type-in"
TRUE_FALSE = "true-false"
SCENARIO = "scenario"
MATCHING = "matching"

MODES: tuple[str, ...] = (MULTIPLE_CHOICE, TYPE_IN, TRUE_FALSE, SCENARIO, MATCHING)
MODE_LABELS: dict[str, str] = {
    MULTIPLE_CHOICE: "multiple choice",
    TYPE_IN: "type-in",
    TRUE_FALSE: "true/false",
    SCENARIO: "scenario",
    MATCHING: "matching",
}

TRUE_FALSE_OPTIONS = ("True", "False")
MAX_LENGTH = 50  # the most questions one quiz asks


class QuizError(ValueError):
    """A quiz cannot be built as asked (e.g. no term carries the chosen tags)."""


class TermLike(Protocol):
    """What a quiz needs from a glossary term (``gdgame.study.load_glossary()`` items)."""

    id: str
    term: str
    definition: str


@dataclass(frozen=True)
class QuizTerm:
    """A glossary term as the quiz sees it; :func:`as_quiz_term` reads any term-like object."""

    id: str
    term: str
    definition: str
    example: str = ""
    tags: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    chapter: str = ""
    close: tuple[str, ...] = ()  # ids never played against this one (is-a / close pairs)

    def kept_apart_from(self, other: QuizTerm) -> bool:
        """Whether a quiz must not use one of the two against the other."""
        return other.id in self.close or self.id in other.close


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list | tuple | set | frozenset | Sequence):
        return tuple(str(item) for item in value if str(item).strip())
    return ()


def as_quiz_term(term: object) -> QuizTerm:
    """Copy the fields a quiz uses from a glossary term object (missing fields: empty)."""
    if isinstance(term, QuizTerm):
        return term
    chapter = getattr(term, "chapter", "") or ""
    return QuizTerm(
        id=str(term.id),
        term=str(term.term),
        definition=str(term.definition),
        example=str(getattr(term, "example", "") or ""),
        tags=_strings(getattr(term, "tags", ())),
        synonyms=_strings(getattr(term, "synonyms", ())),
        related=_strings(getattr(term, "related", ())),
        chapter=str(chapter),
        close=_strings(getattr(term, "close", ())),
    )


@dataclass(frozen=True)
class Question:
    """One quiz question, ready to display.

    - multiple choice, true/false, scenario: ``options`` with ``correct`` its index;
    - type-in: ``accepted`` lists the answers that count (term and synonyms),
      ``rejected`` the names of other terms (never taken for a typo);
    - matching: ``left`` (terms) and ``right`` (definitions, shuffled); ``solution[i]`` is
      the index in ``right`` that belongs to ``left[i]``.
    ``term_ids`` are the glossary terms the question tests (they receive the reviews);
    ``chapter`` is the Learn section that teaches it.
    """

    mode: str
    prompt: str
    term_ids: tuple[str, ...]
    answer_text: str
    explanation: str = ""
    chapter: str = ""
    options: tuple[str, ...] = ()
    correct: int = -1
    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    solution: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        return MODE_LABELS.get(self.mode, self.mode)


@dataclass(frozen=True)
class Grade:
    """The verdict on one response.

    ``term_results`` holds ``(term_id, right)`` per tested term (a matching question grades
    each pair); ``note`` explains a lenient acceptance, e.g. a typo; ``overridden`` is True
    when the learner marked a wrong typed answer right ("I was right").
    """

    correct: bool
    given: str
    expected: str
    term_results: tuple[tuple[str, bool], ...] = ()
    note: str = ""
    pair_results: tuple[bool, ...] = field(default=())
    overridden: bool = False
