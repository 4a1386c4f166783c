"""Question generators for the glossary-based quiz modes (no Qt).

Each generator takes the target terms (already filtered by tag), the whole glossary (the
pool distractors come from), a seeded ``random.Random`` and a question count, and returns
a list of :class:`~gdgame.study.quiz_model.Question`. Same seed, same quiz.

Distractors are *plausible*: terms listed as related come first, then terms sharing the
most tags, then the rest of the glossary.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from gdgame.study.quiz_grading import compact
from gdgame.study.quiz_model import (
    MATCHING,
    MULTIPLE_CHOICE,
    TRUE_FALSE,
    TRUE_FALSE_OPTIONS,
    TYPE_IN,
    Question,
    QuizError,
    QuizTerm,
)

OPTION_COUNT = 4
PAIRS_PER_MATCHING = 4
_BLANK = "_____"


def distractors(target: QuizTerm, pool: Sequence[QuizTerm], rng: random.Random, count: int):
    """Up to ``count`` other terms that are easy to confuse with ``target``.

    Related terms (either direction) rank first, then shared tags; ties break randomly
    (seeded). Terms whose name or definition reads the same as the target's are skipped.
    """
    names = {compact(target.term), *(compact(s) for s in target.synonyms)}
    ranked = []
    for other in pool:
        if other.id == target.id or compact(other.term) in names:
            continue
        if compact(other.definition) == compact(target.definition):
            continue
        related = other.id in target.related or target.id in other.related
        shared = len(set(other.tags) & set(target.tags))
        ranked.append((-(3 * related + shared), rng.random(), other))
    ranked.sort(key=lambda item: item[:2])
    return [other for *_, other in ranked[:count]]


def mask_term(text: str, term: QuizTerm, synonyms: bool = True) -> str:
    """Blank out the term (and its synonyms) in ``text`` so a definition does not give it away."""
    names = {term.term, *term.synonyms} if synonyms else {term.term}
    for name in sorted(names, key=len, reverse=True):
        if len(name.strip()) < 2:
            continue
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", _BLANK, text, flags=re.IGNORECASE)
    return text


def _need(pool: Sequence[QuizTerm], count: int, mode: str) -> None:
    if len(pool) < count:
        raise QuizError(f"A {mode} question needs at least {count} glossary terms.")


def _explain(term: QuizTerm) -> str:
    text = f"{term.term}: {term.definition}"
    return f"{text}\nExample: {term.example}" if term.example else text


def multiple_choice(targets, pool, rng: random.Random, count: int) -> list[Question]:
    """Pick the term for a definition, or the definition for a term (4 options, one right)."""
    _need(pool, OPTION_COUNT, "multiple choice")
    questions = []
    for target in rng.sample(list(targets), min(count, len(targets))):
        others = distractors(target, pool, rng, OPTION_COUNT - 1)
        choices = [target, *others]
        rng.shuffle(choices)
        ask_for_term = rng.random() < 0.5
        if ask_for_term:
            prompt = f"Which term fits this description?\n\n{mask_term(target.definition, target)}"
            options = tuple(choice.term for choice in choices)
            answer = target.term
        else:
            prompt = f"What does “{target.term}” mean?"
            options = tuple(choice.definition for choice in choices)
            answer = target.definition
        questions.append(
            Question(
                mode=MULTIPLE_CHOICE,
                prompt=prompt,
                term_ids=(target.id,),
                answer_text=answer,
                explanation=_explain(target),
                chapter=target.chapter,
                options=options,
                correct=choices.index(target),
            )
        )
    return questions


def type_in(targets, pool, rng: random.Random, count: int) -> list[Question]:
    """Type the term that a (masked) definition describes; synonyms count as right."""
    questions = []
    for target in rng.sample(list(targets), min(count, len(targets))):
        prompt = f"Type the term for:\n\n{mask_term(target.definition, target)}"
        questions.append(
            Question(
                mode=TYPE_IN,
                prompt=prompt,
                term_ids=(target.id,),
                answer_text=target.term,
                explanation=_explain(target),
                chapter=target.chapter,
                accepted=(target.term, *target.synonyms),
                rejected=_other_names(target, pool),
            )
        )
    return questions


def _other_names(target: QuizTerm, pool: Sequence[QuizTerm]) -> tuple[str, ...]:
    own = {compact(name) for name in (target.term, *target.synonyms)}
    names = [name for t in pool if t.id != target.id for name in (t.term, *t.synonyms)]
    return tuple(dict.fromkeys(name for name in names if compact(name) not in own))


def true_false(targets, pool, rng: random.Random, count: int) -> list[Question]:
    """Judge a statement pairing a term with its own or with a look-alike definition."""
    _need(pool, 2, "true/false")
    questions = []
    for target in rng.sample(list(targets), min(count, len(targets))):
        is_true = rng.random() < 0.5
        swapped = None if is_true else distractors(target, pool, rng, 1)[0]
        shown = target.definition if is_true else swapped.definition
        statement = f"“{target.term}” means: {shown}"
        if is_true:
            explanation = "True. " + _explain(target)
        else:
            explanation = (
                f"False. That describes {swapped.term}. {target.term} means: {target.definition}"
            )
        questions.append(
            Question(
                mode=TRUE_FALSE,
                prompt=f"True or false?\n\n{statement}",
                term_ids=(target.id,),
                answer_text=TRUE_FALSE_OPTIONS[0 if is_true else 1],
                explanation=explanation,
                chapter=target.chapter,
                options=TRUE_FALSE_OPTIONS,
                correct=0 if is_true else 1,
            )
        )
    return questions


def matching(targets, pool, rng: random.Random, count: int) -> list[Question]:
    """Rounds of term/definition pairs to connect; each round uses distinct terms."""
    _need(pool, 2, "matching")
    order = rng.sample(list(targets), len(targets))
    rounds = []
    while order and len(rounds) < count:
        chosen, order = order[:PAIRS_PER_MATCHING], order[PAIRS_PER_MATCHING:]
        if len(chosen) < PAIRS_PER_MATCHING:
            # Top up a short last round with other glossary terms.
            extra = [t for t in pool if t not in chosen]
            chosen += rng.sample(extra, min(PAIRS_PER_MATCHING - len(chosen), len(extra)))
        rounds.append(_matching_round(chosen, rng))
    return rounds


def _matching_round(chosen: list[QuizTerm], rng: random.Random) -> Question:
    definitions = [mask_term(term.definition, term, synonyms=False) for term in chosen]
    order = list(range(len(chosen)))
    rng.shuffle(order)
    while len(order) > 1 and any(order[i] == i for i in range(len(order))):
        rng.shuffle(order)  # no definition sits next to its own term: that would give it away
    right = tuple(definitions[i] for i in order)
    solution = tuple(order.index(i) for i in range(len(chosen)))
    answer = "\n".join(f"{term.term} → {term.definition}" for term in chosen)
    return Question(
        mode=MATCHING,
        prompt="Match each term with its definition.",
        term_ids=tuple(term.id for term in chosen),
        answer_text=answer,
        explanation=answer,
        chapter=chosen[0].chapter,
        left=tuple(term.term for term in chosen),
        right=right,
        solution=solution,
    )
