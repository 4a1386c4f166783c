"""Read the lesson from the TOML files in ``resources/lesson`` and check every field (no Qt).

A missing or malformed file raises :class:`LessonFormatError` whose message names the
file and the field, e.g. ``chapters.toml: chapters[2].links: missing field 'glossary'``.
Numbers in the text are placeholders filled from the files' ``[claims]`` tables
(:mod:`gdgame.lesson.claims`); all files share one set of claim ids.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from gdgame import resources
from gdgame.lesson.claims import Claim, ClaimError, fill, parse_claims
from gdgame.lesson.model import (
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

LESSON_FILES = (
    "dialogue.toml",
    "summaries.toml",
    "chapters.toml",
    "concepts.toml",
    "mnemonics.toml",
)
CHAPTER_COUNT = 6
WIDGETS = ("rate-explorer",)
"""Interactive pieces a chapter may embed (``widget = ID``)."""


class LessonFormatError(ValueError):
    """A lesson content file is missing, is not valid TOML, or lacks a required field."""


class _Table:
    """One TOML table with checked accessors that report ``file: where: problem``."""

    def __init__(
        self, data: object, file: str, where: str = "", claims: Mapping[str, Claim] | None = None
    ):
        self.file, self.where = file, where
        self.claims: Mapping[str, Claim] = claims if claims is not None else {}
        if not isinstance(data, dict):
            self.fail("expected a table")
        self.data: dict = data

    def fail(self, problem: str):
        place = f"{self.where}: " if self.where else ""
        raise LessonFormatError(f"{self.file}: {place}{problem}")

    def _get(self, key: str, kind: type, kind_name: str):
        if key not in self.data:
            self.fail(f"missing field '{key}'")
        value = self.data[key]
        if not isinstance(value, kind):
            self.fail(f"field '{key}' must be {kind_name}")
        return value

    def _child(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def text(self, key: str) -> str:
        value = self._get(key, str, "text").strip()
        if not value:
            self.fail(f"field '{key}' is empty")
        return self._filled(key, value)

    def optional_text(self, key: str) -> str:
        """A text field that may be left out ("" when absent)."""
        return self.text(key) if key in self.data else ""

    def _filled(self, key: str, value: str) -> str:
        try:
            return fill(value, self.claims, f"{self.file}: {self._child(key)}")
        except ClaimError as error:
            raise LessonFormatError(str(error)) from None

    def flag(self, key: str) -> bool:
        return self._get(key, bool, "true or false")

    def texts(self, key: str, allow_empty: bool = False) -> tuple[str, ...]:
        values = self._get(key, list, "a list of texts")
        if not values and not allow_empty:
            self.fail(f"field '{key}' is empty")
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                self.fail(f"field '{key}' item {index + 1} must be non-empty text")
        return tuple(self._filled(key, value.strip()) for value in values)

    def table(self, key: str) -> _Table:
        data = self._get(key, dict, "a table")
        return _Table(data, self.file, self._child(key), self.claims)

    def tables(self, key: str) -> list[_Table]:
        values = self._get(key, list, "a list of tables")
        if not values:
            self.fail(f"field '{key}' is empty")
        where = self._child(key)
        return [
            _Table(value, self.file, f"{where}[{i + 1}]", self.claims)
            for i, value in enumerate(values)
        ]


def _read(folder: Path, name: str) -> dict:
    path = folder / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise LessonFormatError(f"{name}: lesson file is missing (looked in {folder})") from None
    except tomllib.TOMLDecodeError as error:
        raise LessonFormatError(f"{name}: not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise LessonFormatError(f"{name}: cannot be read ({error})") from None


def _claims(files: Mapping[str, dict]) -> dict[str, Claim]:
    """The claims of every file, in one namespace (an id may be used once)."""
    claims: dict[str, Claim] = {}
    for name, data in files.items():
        try:
            found = parse_claims(data.get("claims"), name)
        except ClaimError as error:
            raise LessonFormatError(str(error)) from None
        for claim_id, claim in found.items():
            if claim_id in claims:
                raise LessonFormatError(
                    f"{name}: claim '{claim_id}' is already defined in {claims[claim_id].where}"
                )
            claims[claim_id] = claim
    return claims


def _dialogue(root: _Table) -> Dialogue:
    speakers_table = root.table("speakers")
    speakers = {key: speakers_table.text(key) for key in speakers_table.data}
    if len(speakers) < 2:
        speakers_table.fail("needs at least two speakers")
    parts = []
    for part in root.tables("parts"):
        lines = []
        for line in part.tables("lines"):
            speaker = line.text("speaker")
            if speaker not in speakers:
                line.fail(f"speaker '{speaker}' is not listed in [speakers]")
            lines.append(DialogueLine(speaker, line.text("text")))
        parts.append(DialoguePart(part.text("title"), tuple(lines)))
    return Dialogue(speakers, tuple(parts))


def _summaries(root: _Table) -> dict[str, str]:
    return {depth: root.text(depth) for depth in SUMMARY_DEPTHS}


def _chapters(root: _Table) -> tuple[Chapter, ...]:
    tables = root.tables("chapters")
    if len(tables) != CHAPTER_COUNT:
        root.fail(f"expected {CHAPTER_COUNT} chapters, found {len(tables)}")
    chapters = []
    for number, table in enumerate(tables, start=1):
        links = table.table("links")
        widget = table.optional_text("widget")
        if widget and widget not in WIDGETS:
            table.fail(f"field 'widget' must be one of {', '.join(WIDGETS)}")
        chapters.append(
            Chapter(
                number=number,
                title=table.text("title"),
                explanation=table.text("explanation"),
                story_title=table.text("story_title"),
                story=table.text("story"),
                links=ChapterLinks(
                    hike_levels=links.texts("hike_levels"),
                    lab_presets=links.texts("lab_presets", allow_empty=True),
                    glossary=links.texts("glossary"),
                ),
                widget=widget,
                explanation_more=table.optional_text("explanation_more"),
            )
        )
    return tuple(chapters)


def _concepts(root: _Table) -> tuple[Concept, ...]:
    return tuple(
        Concept(
            name=t.text("name"),
            text=t.text("text"),
            term=t.text("term"),
            group=t.optional_text("group"),
        )
        for t in root.tables("concepts")
    )


def _examples(root: _Table) -> tuple[Example, ...]:
    return tuple(
        Example(
            id=t.text("id"),
            title=t.text("title"),
            text=t.text("text"),
            interactive=t.flag("interactive"),
        )
        for t in root.tables("examples")
    )


def _mnemonics(root: _Table) -> Mnemonics:
    rhyme, story, acronym = root.table("rhyme"), root.table("story"), root.table("acronym")
    letters = tuple(
        AcronymLetter(letter=t.text("letter"), word=t.text("word"), meaning=t.text("meaning"))
        for t in acronym.tables("letters")
    )
    word = acronym.text("word")
    if "".join(letter.letter for letter in letters) != word.replace(".", ""):
        acronym.fail(f"letters do not spell '{word}'")
    return Mnemonics(
        rhyme_title=rhyme.text("title"),
        rhyme=rhyme.texts("lines"),
        story_title=story.text("title"),
        story=story.text("text"),
        acronym=Acronym(word=word, intro=acronym.text("intro"), letters=letters),
        quiz_tags=root.table("quiz").texts("tags"),
    )


def lesson_folder() -> Path:
    """The shipped lesson content folder."""
    return resources.path("lesson")


def load_lesson(folder: str | Path | None = None) -> Lesson:
    """Load and check the whole lesson from ``folder`` (default: the shipped resources)."""
    folder = Path(folder) if folder is not None else lesson_folder()
    files = {name: _read(folder, name) for name in LESSON_FILES}
    claims = _claims(files)

    def root(name: str) -> _Table:
        return _Table(files[name], name, claims=claims)

    concepts = root("concepts.toml")
    return Lesson(
        dialogue=_dialogue(root("dialogue.toml")),
        summaries=_summaries(root("summaries.toml")),
        chapters=_chapters(root("chapters.toml")),
        concepts=_concepts(concepts),
        examples=_examples(concepts),
        mnemonics=_mnemonics(root("mnemonics.toml")),
        claims=claims,
    )
