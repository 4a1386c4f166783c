"""The adaptive learn mode (like Quizlet Learn, driven by the FSRS memory state; no Qt).

One session works through a handful of terms, each in the format its memory calls for:

- stage 0, **multiple choice**: new terms, terms still in (re)learning, and terms whose
  recall chance (FSRS retrievability) is below :data:`RECALLED`;
- stage 1, **matching**: terms in review that are recalled but not yet solid;
- stage 2, **type-in** (free recall): terms recalled with a stability of
  :data:`SOLID_DAYS` days or more.

A right answer moves a term up one stage, a wrong one down one stage and resets its run.
A term leaves the session after two right answers in a row, the second of them typed in
(recalled, not recognised): a new term needs multiple choice, matching, then type-in.

Questions come from the quiz generators (:mod:`gdgame.study.quiz_modes`), so the fairness
rules hold here too (no look-alike distractors, no term named in its own clue, no two
overlapping terms in one matching round). Same seed and answers, same session::

    session = LearnSession(terms, pool, memory={t.id: col.card_for_term(t.id) ...}, seed=3)
    question = session.next_question()       # None once every term has left
    verdict = session.answer(response)        # a Grade, as in the Quiz
    col.record_answers(session.reviews(verdict), source="learn")
    session.progress                          # (terms done, terms in the session)

``session.undo()`` takes back the last answer; ``session.override()`` counts a wrong
typed answer as right ("I was right").
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import fsrs

from gdgame.study import quiz_modes
from gdgame.study.model import Card
from gdgame.study.quiz import grade, overridden
from gdgame.study.quiz_model import (
    MATCHING,
    MULTIPLE_CHOICE,
    TYPE_IN,
    Grade,
    Question,
    QuizError,
    QuizTerm,
    as_quiz_term,
)

LEARN = "learn"
"""The Quiz screen's name for this mode (beside :data:`gdgame.study.quiz.MODES`)."""
STAGES: tuple[str, ...] = (MULTIPLE_CHOICE, MATCHING, TYPE_IN)
RECALLED = 0.9
"""Retrievability at or above which a reviewed term counts as recalled."""
SOLID_DAYS = 21.0
"""Stability (days) from which a recalled term starts at type-in."""
RIGHT_IN_A_ROW = 2
DEFAULT_SIZE = 8
MAX_SIZE = 30

_RETRIEVABILITY = fsrs.Scheduler(enable_fuzzing=False)


def starting_stage(card: Card | None, now: datetime) -> int:
    """The stage a term starts at, from its card's FSRS memory state."""
    if card is None or card.is_new or card.state != fsrs.State.Review:
        return 0
    chance = _RETRIEVABILITY.get_card_retrievability(card.to_fsrs(), now)
    if chance < RECALLED:
        return 0
    return 2 if (card.stability or 0.0) >= SOLID_DAYS else 1


@dataclass
class LearnItem:
    term: QuizTerm
    stage: int
    streak: int = 0
    answers: int = 0
    done: bool = False

    @property
    def format(self) -> str:
        return STAGES[self.stage]


@dataclass(frozen=True)
class _Snapshot:
    items: tuple[tuple[str, int, int, int, bool], ...]
    queue: tuple[str, ...]
    question: Question
    counted: tuple[str, ...]


class LearnSession:
    """See the module docstring. ``memory[term_id]`` is the term's card (None: no card)."""

    def __init__(
        self,
        targets: Iterable[object],
        pool: Iterable[object],
        memory: Mapping[str, Card | None] | None = None,
        *,
        seed: int | None = None,
        size: int = DEFAULT_SIZE,
        now: datetime | None = None,
    ):
        self.rng = random.Random(seed)
        self.pool = [as_quiz_term(term) for term in pool]
        moment = now or datetime.now(UTC)
        memory = memory or {}
        targets = [as_quiz_term(term) for term in targets]
        if not targets:
            raise QuizError("There are no terms to learn in these topics.")
        size = max(1, min(int(size), MAX_SIZE))
        stages = {t.id: starting_stage(memory.get(t.id), moment) for t in targets}
        # The weakest terms first; ties in a seeded random order.
        chosen = sorted(targets, key=lambda t: (stages[t.id], self.rng.random()))[:size]
        self.rng.shuffle(chosen)
        self.items = {t.id: LearnItem(t, stages[t.id]) for t in chosen}
        self.queue: deque[str] = deque(self.items)
        self.current: Question | None = None
        self.counted: tuple[str, ...] = ()  # the session terms the current question tests
        self.grades: list[Grade] = []
        self.asked: list[Question] = []  # the answered questions, in order
        self.answered = False  # whether the current question has its verdict
        self._history: list[_Snapshot] = []

    # ------------------------------------------------------------------ progress
    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def progress(self) -> tuple[int, int]:
        return sum(item.done for item in self.items.values()), self.total

    @property
    def finished(self) -> bool:
        return all(item.done for item in self.items.values())

    @property
    def score(self) -> int:
        return sum(verdict.correct for verdict in self.grades)

    # ------------------------------------------------------------------ questions
    def next_question(self) -> Question | None:
        """The next question (the same one until it is answered); None when finished."""
        if self.current is not None and not self.answered:
            return self.current
        self.current, self.counted, self.answered = None, (), False
        if self.finished:
            return None
        first = self.items[self.queue.popleft()]
        if first.format == MATCHING:
            question, counted = self._matching(first)
        else:
            make = quiz_modes.multiple_choice if first.stage == 0 else quiz_modes.type_in
            question, counted = make([first.term], self.pool, self.rng, 1)[0], (first.term.id,)
        self.current, self.counted = question, counted
        return question

    def _matching(self, first: LearnItem) -> tuple[Question, tuple[str, ...]]:
        """A round of the matching-stage terms that fit together, topped up with other
        session terms and then other glossary terms; only the matching-stage terms count."""
        chosen = [first.term]
        for term_id in list(self.queue):
            item = self.items[term_id]
            room = len(chosen) < quiz_modes.PAIRS_PER_MATCHING
            if room and item.format == MATCHING and quiz_modes.fits_round(item.term, chosen):
                chosen.append(item.term)
                self.queue.remove(term_id)
        counted = tuple(term.id for term in chosen)
        others = [i.term for i in self.items.values() if i.term.id not in counted]
        fillers = self.rng.sample(others, len(others)) + self.rng.sample(self.pool, len(self.pool))
        for term in fillers:
            if len(chosen) >= quiz_modes.PAIRS_PER_MATCHING:
                break
            if term not in chosen and quiz_modes.fits_round(term, chosen):
                chosen.append(term)
        if len(chosen) < 2:  # nothing fits beside it: recognise it once more instead
            question = quiz_modes.multiple_choice([first.term], self.pool, self.rng, 1)[0]
            return question, (first.term.id,)
        self.rng.shuffle(chosen)
        return quiz_modes.matching_round(chosen, self.rng), counted

    # ------------------------------------------------------------------ answers
    def answer(self, response: object) -> Grade:
        """Grade the current question and move its terms up or down (once per question)."""
        question = self.next_question() if self.current is None else self.current
        if question is None:
            raise QuizError("The session is over; start a new one.")
        if self.answered:
            return self.grades[-1]
        self._history.append(self._snapshot())
        verdict = grade(question, response)
        self.grades.append(verdict)
        self.asked.append(question)
        self.answered = True
        self._apply(verdict)
        return verdict

    source = "learn"  # what the reviews it sends are logged as

    def advance(self) -> bool:
        """Move past an answered question; False when every term has left."""
        if self.answered:
            self.next_question()
        return not self.finished

    def header(self) -> str:
        """ "Learn · matching" (the progress bar shows the terms learned)."""
        label = self.current.label if self.current is not None else "done"
        return f"Learn · {label}"

    def score_text(self) -> str:
        return f"{self.score} of {len(self.grades)} right"

    def review(self) -> list[tuple[Question, Grade]]:
        return list(zip(self.asked, self.grades, strict=True))

    def results_for(self, verdict: Grade) -> list[tuple[str, bool]]:
        return self.reviews(verdict)

    def reviews(self, verdict: Grade) -> list[tuple[str, bool]]:
        """The ``(term_id, right)`` results to feed FSRS: the session terms tested (a
        matching round's filler terms are not)."""
        return [(t, ok) for t, ok in verdict.term_results if t in self.counted]

    def _apply(self, verdict: Grade) -> None:
        results = dict(verdict.term_results)
        for term_id in self.counted:
            item = self.items[term_id]
            typed = item.format == TYPE_IN
            item.answers += 1
            if results.get(term_id, False):
                item.streak += 1
                item.done = typed and item.streak >= RIGHT_IN_A_ROW
                item.stage = min(item.stage + 1, len(STAGES) - 1)
            else:
                item.streak = 0
                item.stage = max(item.stage - 1, 0)
            if not item.done:
                self.queue.append(term_id)

    def override(self) -> Grade | None:
        """Count the last answer, a wrong typed one, as right ("I was right")."""
        if not self.answered or self.grades[-1].correct or self.current.mode != TYPE_IN:
            return None
        snapshot = self._history[-1]
        self._restore(snapshot)
        self.current, self.counted = snapshot.question, snapshot.counted
        verdict = overridden(self.grades[-1])
        self.grades[-1] = verdict
        self._apply(verdict)
        return verdict

    def undo(self) -> Question | None:
        """Take back the last answer: the terms return to their stages and that question
        is asked again. None if nothing was answered."""
        if not self._history:
            return None
        snapshot = self._history.pop()
        self.grades.pop()
        self.asked.pop()
        self._restore(snapshot)
        self.current, self.counted = snapshot.question, snapshot.counted
        self.answered = False
        return self.current

    def _snapshot(self) -> _Snapshot:
        items = tuple(
            (term_id, i.stage, i.streak, i.answers, i.done) for term_id, i in self.items.items()
        )
        return _Snapshot(items, tuple(self.queue), self.current, self.counted)

    def _restore(self, snapshot: _Snapshot) -> None:
        for term_id, stage, streak, answers, done in snapshot.items:
            item = self.items[term_id]
            item.stage, item.streak, item.answers, item.done = stage, streak, answers, done
        self.queue = deque(snapshot.queue)
