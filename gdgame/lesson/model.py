"""The lesson's parts as plain, immutable data (no Qt): what ``load_lesson()`` returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from gdgame.ids import LEARN_SECTIONS
from gdgame.ids import SUMMARY_DEPTHS as SUMMARY_DEPTHS  # defined there: light for settings
from gdgame.lesson.claims import Claim

SECTION_IDS: tuple[str, ...] = LEARN_SECTIONS
"""Stable ids of the Learn sections, in reading order (``navigate("learn", section=ID)``)."""


@dataclass(frozen=True)
class DialogueLine:
    speaker: str  # a key of Dialogue.speakers, e.g. "teacher" or "student"
    text: str


@dataclass(frozen=True)
class DialoguePart:
    title: str
    lines: tuple[DialogueLine, ...]


@dataclass(frozen=True)
class Dialogue:
    """The conversation between a teacher and a student, in parts."""

    speakers: dict[str, str]  # speaker id -> label shown on the bubble
    parts: tuple[DialoguePart, ...]

    def label(self, speaker: str) -> str:
        return self.speakers.get(speaker, speaker.title())

    def all_lines(self) -> list[DialogueLine]:
        """Every line of every part, in reading order (for read-aloud)."""
        return [line for part in self.parts for line in part.lines]

    def __iter__(self):
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)

    def __getitem__(self, index: int) -> DialoguePart:
        return self.parts[index]


@dataclass(frozen=True)
class ChapterLinks:
    """What a chapter points to: Hike levels, Lab presets and glossary terms (by id)."""

    hike_levels: tuple[str, ...]
    lab_presets: tuple[str, ...]
    glossary: tuple[str, ...]

    @property
    def hike_level(self) -> str | None:
        """The chapter's main "Try it" level."""
        return self.hike_levels[0] if self.hike_levels else None

    @property
    def lab_preset(self) -> str | None:
        return self.lab_presets[0] if self.lab_presets else None


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    explanation: str  # Markdown, paragraphs separated by blank lines
    story_title: str
    story: str  # Markdown
    links: ChapterLinks
    widget: str = ""  # an interactive piece shown after the explanation ("" for none)
    explanation_more: str = ""  # Markdown shown after the widget

    @property
    def section_id(self) -> str:
        return f"chapter-{self.number}"


@dataclass(frozen=True)
class Concept:
    name: str
    text: str
    term: str  # glossary id
    group: str = ""  # the heading the card is shown under ("" for the first group)


@dataclass(frozen=True)
class Example:
    id: str
    title: str
    text: str  # Markdown
    interactive: bool  # shown with the worked-example calculator


@dataclass(frozen=True)
class AcronymLetter:
    letter: str
    word: str
    meaning: str


@dataclass(frozen=True)
class Acronym:
    word: str  # e.g. "G.L.O.W."
    intro: str
    letters: tuple[AcronymLetter, ...]


@dataclass(frozen=True)
class Mnemonics:
    rhyme_title: str
    rhyme: tuple[str, ...]  # lines
    story_title: str
    story: str  # Markdown
    acronym: Acronym
    quiz_tags: tuple[str, ...]  # glossary tags / term ids for "Quiz me"


@dataclass(frozen=True)
class Lesson:
    """The whole lesson: conversation, summaries, chapters, concepts, examples, memory aids."""

    dialogue: Dialogue
    summaries: dict[str, str]  # "basic" | "medium" | "detailed" -> Markdown
    chapters: tuple[Chapter, ...]
    concepts: tuple[Concept, ...]
    examples: tuple[Example, ...]
    mnemonics: Mnemonics
    claims: dict[str, Claim] = field(default_factory=dict)  # every number the text states

    def chapter(self, number: int) -> Chapter:
        return self.chapters[number - 1]

    def example(self, example_id: str) -> Example:
        for example in self.examples:
            if example.id == example_id:
                return example
        raise KeyError(example_id)

    def section_text(self, section: str) -> str:
        """All the words of a Learn section (``SECTION_IDS``), as plain text."""
        if section == "conversation":
            return " ".join(line.text for line in self.dialogue.all_lines())
        if section == "summary":
            return " ".join(self.summaries.values())
        if section.startswith("chapter-"):
            chapter = self.chapter(int(section.split("-", 1)[1]))
            parts = [chapter.title, chapter.explanation, chapter.explanation_more]
            return " ".join([*parts, chapter.story_title, chapter.story])
        if section == "concepts":
            cards = [f"{c.name} {c.text}" for c in self.concepts]
            return " ".join(cards + [f"{e.title} {e.text}" for e in self.examples])
        if section == "memory-aids":
            aids = self.mnemonics
            letters = [f"{x.word} {x.meaning}" for x in aids.acronym.letters]
            return " ".join([*aids.rhyme, aids.story, aids.acronym.word, *letters])
        raise KeyError(section)

    def linked_glossary_ids(self) -> set[str]:
        ids = {term for chapter in self.chapters for term in chapter.links.glossary}
        return ids | {concept.term for concept in self.concepts}
