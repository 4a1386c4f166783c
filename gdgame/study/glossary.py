"""The lesson glossary: the terms of the built-in flashcard deck (no Qt).

The data lives in ``resources/glossary.toml`` (one ``[[term]]`` table per card).
:func:`load_glossary` validates every field and raises :class:`GlossaryError` naming
the file, the entry and the field when something is wrong, so a bad edit never turns
into a confusing crash later.

Numbers in a card's text are placeholders filled from the card's ``claims`` table
(:mod:`gdgame.lesson.claims`). The file's ``[[relation]]`` tables name pairs of terms a
quiz must keep apart (one is a kind of the other, or they overlap); each term carries the
resulting ids in :attr:`Term.close`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from gdgame import resources
from gdgame.ids import LEARN_SECTIONS
from gdgame.lesson.claims import Claim, ClaimError, fill, parse_claims

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RELATION_KINDS = ("is-a", "close")


class GlossaryError(ValueError):
    """The glossary file is missing or malformed; the message names file and field."""


@dataclass(frozen=True)
class Term:
    """One glossary entry; ``term`` is the card front and ``definition`` its back."""

    id: str
    term: str
    definition: str
    example: str
    tags: tuple[str, ...]
    synonyms: tuple[str, ...]
    related: tuple[str, ...]
    chapter: str
    levels: tuple[str, ...]
    close: tuple[str, ...] = ()  # ids a quiz never plays against this term ([[relation]])
    claims: tuple[Claim, ...] = ()  # the numbers its text states

    @property
    def answers(self) -> tuple[str, ...]:
        """Every accepted answer for a type-in question: the term and its synonyms."""
        return (self.term, *self.synonyms)


def glossary_path() -> Path:
    return resources.path("glossary.toml")


def _text(entry: dict, field: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"{where}: field '{field}' must be a non-empty text")
    return value.strip()


def _texts(entry: dict, field: str, where: str) -> tuple[str, ...]:
    value = entry.get(field, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(f"{where}: field '{field}' must be a list of non-empty texts")
    return tuple(v.strip() for v in value)


def _parse_term(entry: object, where: str) -> Term:
    if not isinstance(entry, dict):
        raise GlossaryError(f"{where}: each [[term]] must be a table")
    term_id = _text(entry, "id", where)
    if not _SLUG.match(term_id):
        raise GlossaryError(f"{where}: field 'id' must be a lowercase slug, got {term_id!r}")
    where = f"{where} ({term_id})"
    try:
        claims = parse_claims(entry.get("claims"), where)
        definition = fill(_text(entry, "definition", where), claims, f"{where}: definition")
        example = fill(_text(entry, "example", where), claims, f"{where}: example")
    except ClaimError as error:
        raise GlossaryError(str(error)) from None
    term = Term(
        id=term_id,
        term=_text(entry, "term", where),
        definition=definition,
        example=example,
        tags=_texts(entry, "tags", where),
        synonyms=_texts(entry, "synonyms", where),
        related=_texts(entry, "related", where),
        chapter=_text(entry, "chapter", where),
        levels=_texts(entry, "levels", where),
        claims=tuple(claims.values()),
    )
    if term.chapter not in LEARN_SECTIONS:
        raise GlossaryError(
            f"{where}: field 'chapter' must be one of {', '.join(LEARN_SECTIONS)}; "
            f"got {term.chapter!r}"
        )
    return term


def parse_glossary(path: str | Path) -> tuple[Term, ...]:
    """Read and validate a glossary file (any path; used by tests and tools)."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise GlossaryError(f"{name}: the glossary file is missing ({path})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{name}: not valid TOML: {exc}") from exc
    entries = data.get("term")
    if not isinstance(entries, list) or not entries:
        raise GlossaryError(f"{name}: field 'term' must hold at least one [[term]] table")
    terms = tuple(_parse_term(e, f"{name}, term #{i + 1}") for i, e in enumerate(entries))
    seen: set[str] = set()
    for item in terms:
        if item.id in seen:
            raise GlossaryError(f"{name}: field 'id' repeats {item.id!r}")
        seen.add(item.id)
    for item in terms:
        unknown = [r for r in item.related if r not in seen]
        if unknown:
            raise GlossaryError(
                f"{name} ({item.id}): field 'related' names unknown ids {', '.join(unknown)}"
            )
    close = _close_pairs(data.get("relation", []), seen, name)
    for item in terms:
        clash = [r for r in item.related if r in close[item.id]]
        if clash:
            raise GlossaryError(
                f"{name} ({item.id}): field 'related' lists {', '.join(clash)}, which "
                "[[relation]] keeps apart from it"
            )
    return tuple(replace(item, close=tuple(sorted(close[item.id]))) for item in terms)


def _close_pairs(entries: object, ids: set[str], name: str) -> dict[str, set[str]]:
    """For every id, the ids it must be kept apart from: is-a chains followed both ways,
    plus the pairs marked "close"."""
    if not isinstance(entries, list):
        raise GlossaryError(f"{name}: 'relation' must be a list of [[relation]] tables")
    parents: dict[str, set[str]] = {i: set() for i in ids}
    close: dict[str, set[str]] = {i: set() for i in ids}
    for number, entry in enumerate(entries, start=1):
        where = f"{name}, relation #{number}"
        pair = entry.get("terms") if isinstance(entry, dict) else None
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if not (isinstance(pair, list) and len(pair) == 2 and all(p in ids for p in pair)):
            raise GlossaryError(f"{where}: field 'terms' must name two glossary ids")
        if kind not in RELATION_KINDS or pair[0] == pair[1]:
            raise GlossaryError(f"{where}: field 'kind' must be one of {RELATION_KINDS}")
        (parents if kind == "is-a" else close)[pair[0]].add(pair[1])
        if kind == "close":
            close[pair[1]].add(pair[0])
    for term_id in ids:
        ancestors, todo = set(), list(parents[term_id])
        while todo:
            parent = todo.pop()
            if parent not in ancestors:
                ancestors.add(parent)
                todo.extend(parents[parent])
        for ancestor in ancestors - {term_id}:
            close[term_id].add(ancestor)
            close[ancestor].add(term_id)
    return close


@cache
def _load_default() -> tuple[Term, ...]:
    return parse_glossary(glossary_path())


def load_glossary(path: str | Path | None = None) -> tuple[Term, ...]:
    """All glossary terms in file order; ``path`` overrides the shipped file."""
    return parse_glossary(path) if path is not None else _load_default()


def glossary_by_id(path: str | Path | None = None) -> dict[str, Term]:
    return {item.id: item for item in load_glossary(path)}
