"""Forgiving comparison of typed answers (no Qt).

Case, accents, spacing, hyphens and punctuation never matter ("mini batch" = "Mini-batch",
"g l o w" = "G.L.O.W."), a leading article is ignored, and a few typos are forgiven: the
Damerau-Levenshtein distance (adjacent swaps count as one edit) may grow with the length
of the answer, see :func:`allowed_typos`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_NON_WORD = re.compile(r"[^0-9a-z]+")
_ARTICLES = ("the ", "a ", "an ")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by single spaces, no leading article."""
    text = unicodedata.normalize("NFKD", str(text)).casefold().replace("&", " and ")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text).strip()
    for article in _ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            text = text[len(article) :]
            break
    return text


@lru_cache(maxsize=4096)
def compact(text: str) -> str:
    """:func:`normalise` without any spaces, the form answers are compared in."""
    return normalise(text).replace(" ", "")


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance with insertions, deletions, substitutions and adjacent swaps (OSA)."""
    if a == b:
        return 0
    if not a or not b:
        return len(a) + len(b)
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(answer: str) -> int:
    """How many edits a typed answer may be off by, from the length of the right answer."""
    length = len(answer)
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 15:
        return 2
    return 3


def answer_variants(answers: Iterable[str]) -> list[str]:
    """The accepted answers plus their forms without a parenthesised part."""
    variants: list[str] = []
    for answer in answers:
        for form in (answer, _PARENTHESES.sub("", answer)):
            if compact(form) and form not in variants:
                variants.append(form)
    return variants


@dataclass(frozen=True)
class TypedMatch:
    """How a typed answer compares with the accepted ones."""

    accepted: bool
    closest: str
    distance: int

    @property
    def exact(self) -> bool:
        return self.accepted and self.distance == 0


def match_typed(given: str, accepted: Iterable[str], rejected: Iterable[str] = ()) -> TypedMatch:
    """Accept ``given`` if it is within :func:`allowed_typos` of an accepted answer.

    ``rejected`` lists names of *other* terms: an answer at least as close to one of them
    (e.g. "local minimum" when "global minimum" is asked) is not a typo and is refused.
    """
    typed = compact(given)
    result = _closest(typed, accepted)
    if result.accepted:
        accepted_forms = {compact(a) for a in answer_variants(accepted)}
        for other in answer_variants(rejected):
            form = compact(other)
            if form in accepted_forms or abs(len(form) - len(typed)) > result.distance:
                continue  # the distance is at least the difference in length
            if damerau_levenshtein(typed, form) <= result.distance:
                return TypedMatch(False, result.closest, result.distance)
    return result


def _closest(typed: str, accepted: Iterable[str]) -> TypedMatch:
    best: TypedMatch | None = None
    for answer in answer_variants(accepted):
        target = compact(answer)
        gap = abs(len(typed) - len(target))  # a lower bound of the distance
        distance = gap if gap > allowed_typos(target) else damerau_levenshtein(typed, target)
        ok = bool(typed) and distance <= allowed_typos(target)
        candidate = TypedMatch(ok, answer, distance)
        if best is None or (ok, -distance) > (best.accepted, -best.distance):
            best = candidate
    return best or TypedMatch(False, "", len(typed))
