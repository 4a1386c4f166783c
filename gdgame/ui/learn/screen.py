"""The Learn screen: a reader with a contents sidebar over the lesson's sections.

It remembers the last section and the depth of the summary, and marks a section read once
the learner has read it: its end scrolled into view, or enough time on it for its length
(:mod:`gdgame.lesson.reading`); opening it is not enough. Both go in ``ctx.settings``.
"Try it" and quiz links go through ``ctx.navigate``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from gdgame.display_names import section_name
from gdgame.lesson import SECTION_IDS, Lesson, LessonFormatError, load_lesson
from gdgame.lesson.reading import SectionReading, reading_seconds
from gdgame.ui.learn.chapter_view import ChapterView
from gdgame.ui.learn.common import ReadingPage, heading, plain_label
from gdgame.ui.learn.concepts_view import ConceptsView
from gdgame.ui.learn.conversation_view import ConversationView
from gdgame.ui.learn.memory_aids_view import MemoryAidsView
from gdgame.ui.learn.read_aloud import unloaded_speech_engine
from gdgame.ui.learn.summary_view import SummaryView
from gdgame.ui.screen import Screen, Wait

SECTION_KEY = "learn/section"
READ_KEY = "learn/read"
SCROLL_KEY = "learn/scroll/"
DEPTH_KEY = "learn/summary_depth"
READ_MARK = "  \u2713"
READING_TICK_MS = 1000
END_SLACK_LINES = 1  # the end counts as seen this close to the bottom of the scroll range


class LearnScreen(Screen):
    screen_id = "learn"
    title = "Learn"

    def __init__(
        self,
        ctx,
        parent: QWidget | None = None,
        *,
        lesson: Lesson | None = None,
        speech_engine_factory: Callable = unloaded_speech_engine,
        speech: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(ctx, parent)
        self._clock = clock
        self._reading: dict[str, SectionReading] = {}
        self._last_tick: float | None = None
        self.reading_timer = QTimer(self)
        self.reading_timer.setInterval(READING_TICK_MS)
        self.reading_timer.timeout.connect(self.count_reading_time)
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Lesson contents")
        self.sidebar.setSpacing(max(2, self.fontMetrics().height() // 5))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.pages: dict[str, QWidget] = {}
        self._pending_scroll: tuple[str, int] | None = None
        self._shown_section: str | None = None  # the section on screen, once one was opened
        self._titles: dict[str, str] = {}
        self.load_error = ""
        try:
            self.lesson = lesson if lesson is not None else load_lesson()
        except LessonFormatError as error:
            self.lesson = None
            self.load_error = str(error)
            self._show_load_error()
            return
        self._build_pages(speech_engine_factory, speech)
        self.sidebar.currentRowChanged.connect(self._row_changed)
        self.open(section=self._remembered_section())

    # -- building -----------------------------------------------------------------
    def _build_pages(self, speech_engine_factory: Callable, speech: bool | None) -> None:
        lesson = self.lesson
        self.conversation = ConversationView(
            lesson.dialogue,
            engine_factory=speech_engine_factory,
            speech=speech,
            notify=self.ctx.notify,
        )
        self.summary = SummaryView(lesson.summaries)
        self.summary.set_depth(str(self.ctx.settings.value(DEPTH_KEY, "basic")))
        self.summary.depth_changed.connect(self._depth_changed)
        self.chapters = [ChapterView(chapter) for chapter in lesson.chapters]
        for view in self.chapters:
            view.try_hike.connect(lambda level: self.ctx.navigate("hike", level=level))
            view.try_lab.connect(lambda preset: self.ctx.navigate("lab", preset=preset))
            view.show_term.connect(self._show_term)
        self.concepts = ConceptsView(lesson.concepts, lesson.examples)
        self.concepts.show_term.connect(self._show_term)
        self.memory_aids = MemoryAidsView(lesson.mnemonics)
        self.memory_aids.quiz_me.connect(lambda tags: self.ctx.navigate("quiz", tags=tags))
        self._add_page("conversation", section_name("conversation"), self.conversation)
        self._add_page("summary", section_name("summary"), self.summary)
        self._depth_changed(self.summary.depth())
        for view in self.chapters:
            # Two short lines, not one long one: the contents column stays narrow.
            title = f"{section_name(view.chapter.section_id)} ·\n{view.chapter.title}"
            self._add_page(view.chapter.section_id, title, view)
        self._add_page("concepts", section_name("concepts"), self.concepts)
        self._add_page("memory-aids", section_name("memory-aids"), self.memory_aids)
        assert tuple(self.pages) == SECTION_IDS
        self._fit_sidebar()
        read = self.read_sections()
        for row, section in enumerate(self.pages):
            self._refresh_item(row, section, section in read)

    def _depth_changed(self, depth: str) -> None:
        self.ctx.settings.setValue(DEPTH_KEY, depth)
        self._reading["summary"].needed = reading_seconds(len(self.summary.text().split()))

    def _fit_sidebar(self) -> None:
        """As wide as the longest line of a title (with its read mark), no wider."""
        metrics = self.sidebar.fontMetrics()
        lines = [line for t in self._titles.values() for line in (t + READ_MARK).split("\n")]
        widest = max(metrics.horizontalAdvance(line) for line in lines)
        self.sidebar.setFixedWidth(widest + metrics.height() * 2)

    def _add_page(self, section: str, title: str, page: QWidget) -> None:
        self.pages[section] = page
        self._reading[section] = SectionReading.for_text(self.lesson.section_text(section))
        bar = page.verticalScrollBar()
        bar.rangeChanged.connect(lambda *_range, s=section: self._scroll_range_changed(s))
        bar.valueChanged.connect(lambda _value, s=section: self._check_end_seen(s))
        self._titles[section] = title
        page.setAccessibleName(f"Lesson: {title.replace(chr(10), ' ')}")
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, section)
        self.sidebar.addItem(item)
        self.stack.addWidget(page)

    def _show_load_error(self) -> None:
        page = ReadingPage()
        page.add(heading("The lesson could not be loaded", 1))
        page.add(plain_label(f"{self.load_error}\n\nReinstalling gdgame should repair it."))
        page.finish()
        self.stack.addWidget(page)
        self.sidebar.hide()

    # -- sections -----------------------------------------------------------------
    def open(self, **target: object) -> None:
        if self.lesson is None:
            self.ctx.notify("The lesson could not be loaded.")
            return
        section = str(target.get("section") or self._remembered_section())
        if section not in self.pages:
            self.ctx.notify(f"There is no lesson section called “{section}”.")
            return
        self.sidebar.setCurrentRow(list(self.pages).index(section))

    def current_section(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._save_scroll()
        section = list(self.pages)[row]
        self.count_reading_time()  # time so far belongs to the section being left
        self.stack.setCurrentWidget(self.pages[section])
        self.ctx.settings.setValue(SECTION_KEY, section)
        self._shown_section = section
        self._restore_scroll(section)

    def _save_scroll(self) -> None:
        """Remember how far down the visible section the learner had read."""
        section = self._shown_section
        if section is not None and self._pending_scroll is None:
            bar = self.pages[section].verticalScrollBar()
            self.ctx.settings.setValue(SCROLL_KEY + section, bar.value())

    def _restore_scroll(self, section: str) -> None:
        try:
            value = int(self.ctx.settings.value(SCROLL_KEY + section, 0))
        except (TypeError, ValueError):
            value = 0
        bar = self.pages[section].verticalScrollBar()
        bar.setValue(value)
        # A page that is not laid out yet has no scroll range: finish once it has one.
        self._pending_scroll = (section, value) if bar.value() != value else None

    def _scroll_range_changed(self, section: str) -> None:
        if self._pending_scroll is None or self._pending_scroll[0] != section:
            return
        bar = self.pages[section].verticalScrollBar()
        value = self._pending_scroll[1]
        bar.setValue(value)
        if bar.value() == value:
            self._pending_scroll = None

    # -- reading ------------------------------------------------------------------------
    def _check_end_seen(self, section: str) -> None:
        """Mark ``section`` read when the learner scrolls its end into view."""
        if section != self._shown_section or self._pending_scroll is not None:
            return
        bar = self.pages[section].verticalScrollBar()
        slack = self.fontMetrics().height() * END_SLACK_LINES
        if bar.maximum() > 0 and bar.value() >= bar.maximum() - slack:
            self._reading[section].saw_end()
            self._update_read(section)

    def count_reading_time(self) -> None:
        """Credit the time since the last count to the section on screen (timer and leaving)."""
        now = self._clock()
        section, last = self._shown_section, self._last_tick
        self._last_tick = now if self.reading_timer.isActive() else None
        if section is None or last is None:
            return
        self._reading[section].add_time(now - last)
        self._update_read(section)

    def _update_read(self, section: str) -> None:
        if self._reading[section].done:
            self._mark_read(section)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.lesson is not None and not self.reading_timer.isActive():
            self.reading_timer.start()
            self._last_tick = self._clock()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._stop_reading_clock()
        super().hideEvent(event)

    def _stop_reading_clock(self) -> None:
        if self.reading_timer.isActive():
            self.count_reading_time()
            self.reading_timer.stop()
        self._last_tick = None

    def _remembered_section(self) -> str:
        section = str(self.ctx.settings.value(SECTION_KEY, SECTION_IDS[0]))
        return section if section in SECTION_IDS else SECTION_IDS[0]

    def read_sections(self) -> set[str]:
        stored = self.ctx.settings.value(READ_KEY, "")
        if isinstance(stored, (list, tuple)):
            stored = ",".join(str(part) for part in stored)
        return {part for part in str(stored or "").split(",") if part in SECTION_IDS}

    def _mark_read(self, section: str) -> None:
        self._fit_sidebar()
        read = self.read_sections()
        if section in read:
            return
        read.add(section)
        self.ctx.settings.setValue(READ_KEY, ",".join(s for s in SECTION_IDS if s in read))
        self._refresh_item(list(self.pages).index(section), section, True)

    def _refresh_item(self, row: int, section: str, read: bool) -> None:
        item = self.sidebar.item(row)
        item.setText(self._titles[section] + (READ_MARK if read else ""))
        item.setToolTip("Read" if read else "Not read yet")

    def _show_term(self, term: str) -> None:
        self.ctx.navigate("cards", term=term)

    # -- lifecycle ----------------------------------------------------------------
    def deactivate(self) -> None:
        self._stop_reading_clock()
        if self.lesson is not None:
            self._save_scroll()
            self.conversation.stop_listening()

    def smoke(self, wait: Wait) -> list[str]:
        if self.lesson is None:
            return [f"learn: lesson could not be loaded: {self.load_error}"]
        opened = 0
        for section in SECTION_IDS:
            self.open(section=section)
            wait(20)
            opened += self.current_section() == section
        for depth in ("medium", "detailed", "basic"):
            self.summary.set_depth(depth)
        return [f"learn: opened {opened} sections"]
