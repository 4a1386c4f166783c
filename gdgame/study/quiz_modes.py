"""Question generators for the glossary-based quiz modes (no Qt).

Each generator takes the target terms (already filtered by tag), the whole glossary (the
pool distractors come from), a seeded ``random.Random`` and a question count, and returns
a list of :class:`~gdgame.study.quiz_model.Question`. Same seed, same quiz.

Distractors are *plausible* but never *defensible*: terms listed as related come first,
then terms sharing the most tags, then the rest of the glossary; a term the glossary keeps
apart from the target (one is a kind of the other, or they overlap: ``QuizTerm.close``) is
never used, and neither is a definition that names the target itself. So a true/false swap
is false without argument, and no statement names the term it defines.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import lru_cache

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


def own_names(term: QuizTerm, synonyms: bool = True) -> tuple[str, ...]:
    """The term's name (also without a bracketed part) and its synonyms, longest first."""
    return _own_names(term.term, term.synonyms if synonyms else ())


@lru_cache(maxsize=2048)
def _own_names(name: str, synonyms: tuple[str, ...]) -> tuple[str, ...]:
    names = {name, re.sub(r"\s*\([^)]*\)", "", name), *synonyms}
    return tuple(sorted((n for n in names if len(n.strip()) >= 2), key=len, reverse=True))


def _name_pattern(name: str) -> str:
    """``name`` as a whole-word pattern in which spaces and hyphens stand for each other."""
    words = re.split(r"[\s-]+", name.strip())
    return r"(?<!\w)" + r"[\s-]+".join(re.escape(w) for w in words) + r"(?!\w)"


@lru_cache(maxsize=2048)
def _names_regex(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(_name_pattern(n) for n in names), re.IGNORECASE)


def names_term(text: str, term: QuizTerm) -> bool:
    """Whether ``text`` uses the term's name or one of its synonyms."""
    names = own_names(term)
    return bool(names) and _names_regex(names).search(text) is not None


def could_be(other: QuizTerm, target: QuizTerm) -> bool:
    """Whether ``other`` (or its definition) may stand in for ``target`` as a wrong answer."""
    if other.id == target.id or target.kept_apart_from(other):
        return False
    return _reads_apart(
        other.term, other.definition, target.term, target.synonyms, target.definition
    )


@lru_cache(maxsize=16384)
def _reads_apart(name: str, definition: str, target: str, synonyms: tuple, target_def: str):
    """The text half of :func:`could_be`: another name, another meaning, no mention."""
    names = _own_names(target, synonyms)
    if compact(name) in {compact(n) for n in names} or compact(definition) == compact(target_def):
        return False
    return not (names and _names_regex(names).search(definition))


def distractors(target: QuizTerm, pool: Sequence[QuizTerm], rng: random.Random, count: int):
    """Up to ``count`` other terms that are easy to confuse with ``target`` yet plainly wrong.

    Related terms (either direction) rank first, then shared tags; ties break randomly
    (seeded). Terms kept apart from the target, terms that read the same, and terms whose
    definition names the target are never chosen (see :func:`could_be`).
    """
    ranked = []
    for other in pool:
        if not could_be(other, target):
            continue
        related = other.id in target.related or target.id in other.related
        shared = len(set(other.tags) & set(target.tags))
        ranked.append((-(3 * related + shared), rng.random(), other))
    ranked.sort(key=lambda item: item[:2])
    return [other for *_, other in ranked[:count]]


def mask_term(text: str, term: QuizTerm, synonyms: bool = True) -> str:
    """Blank out the term (and its synonyms) in ``text`` so a definition does not give it away."""
    names = own_names(term, synonyms)
    return _names_regex(names).sub(_BLANK, text) if names else text


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


def fits_round(term: QuizTerm, chosen: list[QuizTerm]) -> bool:
    """A term joins a matching round only if every definition there is plainly not its own."""
    return all(could_be(term, other) and could_be(other, term) for other in chosen)


def matching(targets, pool, rng: random.Random, count: int) -> list[Question]:
    """Rounds of term/definition pairs to connect; each round uses distinct terms, and no
    two terms of a round are kept apart or name each other in their definitions."""
    _need(pool, 2, "matching")
    order = rng.sample(list(targets), len(targets))
    rounds = []
    while order and len(rounds) < count:
        chosen: list[QuizTerm] = []
        for term in list(order):
            if len(chosen) < PAIRS_PER_MATCHING and fits_round(term, chosen):
                chosen.append(term)
                order.remove(term)
        if len(chosen) < PAIRS_PER_MATCHING:
            # Top up a short round with other glossary terms that fit it.
            extra = [t for t in rng.sample(list(pool), len(pool)) if t not in chosen]
            for term in extra:
                if len(chosen) < PAIRS_PER_MATCHING and fits_round(term, chosen):
                    chosen.append(term)
        if len(chosen) < 2:
            break
        rounds.append(matching_round(chosen, rng))
    return rounds


def matching_round(chosen: list[QuizTerm], rng: random.Random) -> Question:
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
