"""When a Learn section counts as read (no Qt).

Opening a section is not reading it. A section is read once its end has been scrolled into
view, or once it has been on screen for about as long as reading it takes at a steady pace
(so a page short enough to need no scrolling is still marked, but not at once).
"""

from __future__ import annotations

from dataclasses import dataclass

WORDS_PER_SECOND = 4.0  # about 240 words a minute
MIN_SECONDS = 5.0


def reading_seconds(words: int) -> float:
    """How long a section of ``words`` words takes to read at a steady pace."""
    return max(MIN_SECONDS, words / WORDS_PER_SECOND)


@dataclass
class SectionReading:
    """How much of one section the learner has seen."""

    needed: float  # seconds of reading time the section asks for
    shown: float = 0.0  # seconds it has been on screen
    end_seen: bool = False  # its end was scrolled into view

    @classmethod
    def for_text(cls, text: str) -> SectionReading:
        return cls(reading_seconds(len(text.split())))

    def add_time(self, seconds: float) -> None:
        if seconds > 0:
            self.shown += seconds

    def saw_end(self) -> None:
        self.end_seen = True

    @property
    def done(self) -> bool:
        return self.end_seen or self.shown >= self.needed
