"""The Learn screen: sections, memory of where the learner was, links out, summary depth."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gdgame.lesson import SECTION_IDS, LessonFormatError, load_lesson
from gdgame.ui.learn import screen as screen_module
from gdgame.ui.learn.screen import LearnScreen


@pytest.fixture
def notes(ctx):
    messages: list[str] = []
    ctx.notify = messages.append
    return messages


@pytest.fixture
def make_screen(ctx, qtbot, notes):
    made = []

    def make(**kwargs):
        kwargs.setdefault("speech", False)
        learn = LearnScreen(ctx, **kwargs)
        qtbot.addWidget(learn)
        learn.resize(1280, 800)
        learn.show()
        made.append(learn)
        return learn

    yield make
    for learn in made:
        learn.shutdown()


def test_sidebar_lists_every_section_in_order(make_screen):
    learn = make_screen()
    assert learn.screen_id == "learn" and learn.title == "Learn"
    assert tuple(learn.pages) == SECTION_IDS
    rows = range(len(SECTION_IDS))
    sections = [learn.sidebar.item(row).data(Qt.ItemDataRole.UserRole) for row in rows]
    assert sections == list(SECTION_IDS)
    assert learn.sidebar.item(SECTION_IDS.index("chapter-5")).text().startswith("Chapter 5 ·\n")
    assert learn.sidebar.item(2).text().startswith("Chapter 1 ·\n")


def test_open_shows_each_section_but_does_not_mark_it_read(make_screen):
    learn = make_screen()
    for section in SECTION_IDS:
        learn.open(section=section)
        assert learn.current_section() == section
        assert learn.stack.currentWidget() is learn.pages[section]
    assert learn.read_sections() == set()
    assert not any(learn.sidebar.item(row).text().endswith("✓") for row in range(len(SECTION_IDS)))


def _scroll_to_end(learn, qtbot, section):
    bar = learn.pages[section].verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())


def test_scrolling_to_the_end_marks_a_section_read(make_screen, qtbot):
    learn = make_screen()
    learn.open(section="chapter-5")
    bar = learn.pages["chapter-5"].verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    assert "chapter-5" not in learn.read_sections()
    bar.setValue(bar.maximum())
    assert learn.read_sections() == {"chapter-5"}
    row = SECTION_IDS.index("chapter-5")
    assert learn.sidebar.item(row).text().endswith("✓")


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_time_on_a_section_long_enough_to_read_it_marks_it_read(make_screen, qtbot):
    clock = FakeClock()
    learn = make_screen(clock=clock)
    learn.open(section="memory-aids")
    qtbot.waitUntil(learn.reading_timer.isActive)
    words = len(load_lesson().section_text("memory-aids").split())
    needed = words / 4.0
    clock.now += needed * 0.9
    learn.count_reading_time()
    assert "memory-aids" not in learn.read_sections()
    learn.open(section="summary")  # time away from it does not count for it
    clock.now += needed
    learn.open(section="memory-aids")
    clock.now += needed * 0.2
    learn.count_reading_time()
    assert "memory-aids" in learn.read_sections()


def test_summary_reading_time_follows_the_depth_shown(make_screen, qtbot):
    clock = FakeClock()
    learn = make_screen(clock=clock)
    learn.open(section="summary")
    learn.summary.set_depth("detailed")
    qtbot.waitUntil(learn.reading_timer.isActive)
    basic = len(load_lesson().summaries["basic"].split()) / 4.0
    clock.now += basic * 1.5
    learn.count_reading_time()
    assert "summary" not in learn.read_sections()  # the detailed one is much longer


def test_reading_time_stops_while_the_screen_is_away(make_screen, qtbot):
    clock = FakeClock()
    learn = make_screen(clock=clock)
    learn.open(section="chapter-1")
    qtbot.waitUntil(learn.reading_timer.isActive)
    learn.deactivate()
    assert not learn.reading_timer.isActive()
    clock.now += 10_000
    learn.count_reading_time()
    assert learn.read_sections() == set()


def test_unknown_section_is_reported_and_ignored(make_screen, notes):
    learn = make_screen()
    learn.open(section="chapter-2")
    learn.open(section="chapter-9")
    assert learn.current_section() == "chapter-2"
    assert notes and "chapter-9" in notes[-1]


def test_remembers_last_section_and_read_marks(make_screen, qtbot):
    first = make_screen()
    assert first.current_section() == "conversation"
    _scroll_to_end(first, qtbot, "conversation")
    first.open(section="chapter-5")
    _scroll_to_end(first, qtbot, "chapter-5")
    second = make_screen()
    assert second.current_section() == "chapter-5"
    assert second.read_sections() == {"conversation", "chapter-5"}
    unread_row = SECTION_IDS.index("summary")
    assert not second.sidebar.item(unread_row).text().endswith("✓")


def test_remembers_how_far_down_each_section_was_read(make_screen, qtbot):
    first = make_screen()
    first.open(section="conversation")
    bar = first.pages["conversation"].verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200)
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    first.open(section="summary")  # leaving a section remembers its place
    first.open(section="conversation")
    assert first.pages["conversation"].verticalScrollBar().value() == middle
    first.deactivate()
    second = make_screen()
    assert second.current_section() == "conversation"
    restored = second.pages["conversation"].verticalScrollBar()
    qtbot.waitUntil(lambda: restored.value() == middle)


def test_summary_depth_switch_and_memory(make_screen, qtbot):
    lesson = load_lesson()
    learn = make_screen()
    learn.open(section="summary")
    assert learn.summary.text() == lesson.summaries["basic"]
    qtbot.mouseClick(learn.summary.depth_buttons["detailed"], Qt.MouseButton.LeftButton)
    assert learn.summary.depth() == "detailed"
    assert learn.summary.text() == lesson.summaries["detailed"]
    learn.summary.depth_buttons["medium"].click()
    assert learn.summary.text() == lesson.summaries["medium"]
    assert make_screen().summary.depth() == "medium"


def test_try_it_opens_the_chapter_level_and_preset(make_screen, ctx, qtbot):
    learn = make_screen()
    learn.open(section="chapter-3")
    chapter = learn.pages["chapter-3"]
    qtbot.mouseClick(chapter.hike_button(), Qt.MouseButton.LeftButton)
    assert ctx.navigated == [("hike", {"level": "overshoot-zone"})]
    lab_button = next(b for b in chapter.try_buttons if "Lab" in b.text())
    qtbot.mouseClick(lab_button, Qt.MouseButton.LeftButton)
    assert ctx.navigated[-1] == ("lab", {"preset": "overshoot-demo"})


def test_every_chapter_has_a_hike_try_it(make_screen, ctx):
    learn = make_screen()
    lesson = load_lesson()
    for number, chapter in enumerate(learn.chapters, start=1):
        chapter.hike_button().click()
        assert ctx.navigated[-1] == ("hike", {"level": lesson.chapter(number).links.hike_level})


def test_glossary_links_open_flashcards(make_screen, ctx):
    learn = make_screen()
    learn.chapters[1].glossary_label.linkActivated.emit("gradient")
    assert ctx.navigated[-1] == ("cards", {"term": "gradient"})
    learn.concepts.show_term.emit("learning-rate")
    assert ctx.navigated[-1] == ("cards", {"term": "learning-rate"})


def test_quiz_me_opens_the_quiz_with_tags(make_screen, ctx, qtbot):
    learn = make_screen()
    learn.open(section="memory-aids")
    qtbot.mouseClick(learn.memory_aids.quiz_button, Qt.MouseButton.LeftButton)
    assert ctx.navigated == [("quiz", {"tags": list(load_lesson().mnemonics.quiz_tags)})]
    assert [card.letter.letter for card in learn.memory_aids.letter_cards] == list("GLOW")


def test_conversation_bubbles_follow_the_dialogue(make_screen):
    learn = make_screen()
    lines = load_lesson().dialogue.all_lines()
    bubbles = learn.conversation.bubbles
    assert [b.text() for b in bubbles] == [line.text for line in lines]
    assert [b.speaker_id for b in bubbles] == [line.speaker for line in lines]
    assert bubbles[0].name_label.text() == "<b>Teacher</b>"


def test_listen_controls_hidden_without_speech(make_screen):
    assert not make_screen().conversation.listen_controls_available()
    assert make_screen(speech=True).conversation.listen_controls_available()


def test_all_text_is_selectable_and_has_no_fixed_pixel_fonts(make_screen):
    learn = make_screen()
    labels = [label for page in learn.pages.values() for label in page.findChildren(QLabel)]
    texts = [label for label in labels if label.text() and not label.buddy()]
    assert len(texts) > 50
    for label in texts:
        flags = label.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse, label.text()[:40]
    for widget in learn.findChildren(QLabel):
        assert "px" not in widget.styleSheet()


def test_smoke_opens_every_section(make_screen):
    learn = make_screen()
    assert learn.smoke(lambda ms: None) == [f"learn: opened {len(SECTION_IDS)} sections"]


def test_a_broken_lesson_shows_a_message_not_a_traceback(ctx, qtbot, notes, monkeypatch):
    def broken(folder=None):
        raise LessonFormatError("chapters.toml: chapters[2]: missing field 'story'")

    monkeypatch.setattr(screen_module, "load_lesson", broken)
    learn = LearnScreen(ctx)
    qtbot.addWidget(learn)
    assert "missing field 'story'" in learn.load_error
    learn.open(section="summary")
    assert notes == ["The lesson could not be loaded."]
    assert "could not be loaded" in learn.smoke(lambda ms: None)[0]
    learn.shutdown()


def test_the_contents_column_is_sized_to_its_text_and_leaves_the_reader_room(make_screen):
    """Issue 16: the column was ~275 px of mostly empty space at 1024 px."""
    learn = make_screen()
    metrics = learn.sidebar.fontMetrics()
    lines = [
        line
        for row in range(learn.sidebar.count())
        for line in learn.sidebar.item(row).text().split("\n")
    ]
    widest = max(metrics.horizontalAdvance(line + "  ✓") for line in lines)
    assert learn.sidebar.width() <= widest + 2 * metrics.height()
    assert learn.sidebar.width() <= 16 * metrics.height()  # a narrow column, not a page


def test_texts_that_count_the_chapters_say_how_many_there_are():
    """Home and the summary picker name the number of chapters: it must be the real one."""
    from gdgame.lesson.loader import load_lesson
    from gdgame.ui.home import DESTINATIONS
    from gdgame.ui.learn.summary_view import DEPTH_HINTS

    words = {4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
    count = words[len(load_lesson().chapters)]
    texts = [blurb for _, _, blurb in DESTINATIONS] + list(DEPTH_HINTS.values())
    for text in texts:
        for word in words.values():
            if f"{word} chapters" in text:
                assert word == count, text
    assert any(f"{count} chapters" in text for text in texts)
