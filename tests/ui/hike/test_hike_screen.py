"""The Hike screen driven from the keyboard, as a learner without a mouse would play."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from gdgame.game import messages
from gdgame.game.progress import ProgressStore
from gdgame.ui.hike.screen import HikeScreen


@pytest.fixture
def screen(qtbot, ctx):
    ctx.settings.setValue("hike/rate", 0.5)
    widget = HikeScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    widget.shutdown()


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, modifier)


def test_keyboard_play_through_a_level(qtbot, screen, ctx):
    screen.open(level="gentle-bowl")
    play = screen.play
    slider = play.rate.slider
    assert screen.pages.currentWidget() is play
    assert play.rate.rate() == 0.5  # remembered from the settings

    key(qtbot, slider, Qt.Key.Key_Up)
    assert play.rate.rate() > 0.5
    key(qtbot, slider, Qt.Key.Key_PageDown)
    assert play.rate.rate() < 0.5
    key(qtbot, slider, Qt.Key.Key_Space)
    assert screen.hike.steps_used == 1
    assert play.banner.text() == "Nice step: downhill"
    assert "gradient descent" in play.banner.explanation.text()
    assert "Step 1 of 12" in play.status.text()

    key(qtbot, slider, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.hike.steps_used == 0 and screen.hike.undos == 1
    assert play.banner.text() == "Step taken back"

    play.rate.edit.clear()
    qtbot.keyClicks(play.rate.edit, "1")
    key(qtbot, play.rate.edit, Qt.Key.Key_Return)
    assert play.rate.rate() == 1.0
    assert screen.hike.won and screen.hike.steps_used == 1
    assert play.banner.text() == messages.HEADLINES["won"]
    assert play.views.currentWidget() is play.reveal
    assert play.end_panel.isVisible() and play.next_button.isEnabled()
    assert "★★★" in play.result.text()
    assert play.reveal.is_animating()
    assert len(play.reveal._paths) == 3  # you and two ghosts
    assert ctx.settings.value("hike/rate") == 1.0

    key(qtbot, slider, Qt.Key.Key_R)
    assert screen.hike.steps_used == 0 and not play.reveal.is_animating()
    assert play.views.currentWidget() is play.field

    screen.shutdown()
    store = ProgressStore.open(ctx.paths.database)
    kinds = [(row["level_id"], row["step"], row["kind"]) for row in store.events()]
    assert kinds == [("gentle-bowl", 1, "descent"), ("gentle-bowl", 1, "won")]
    assert store.level("gentle-bowl").stars == 3
    assert "overshoot-zone" in store.unlocked()
    store.close()


def test_bad_typed_rate_is_explained_and_no_step_is_taken(qtbot, screen):
    screen.open(level="steep-bowl")
    play = screen.play
    for text, words in (("abc", "not a number"), ("-1", "greater than 0"), ("nan", "NaN")):
        play.rate.edit.clear()
        qtbot.keyClicks(play.rate.edit, text)
        key(qtbot, play.rate.edit, Qt.Key.Key_Return)
        assert words in play.rate.error.text()
        assert screen.hike.steps_used == 0
    assert play.rate.rate() == 0.5


def test_divergence_label_and_hint(qtbot, screen):
    screen.open(level="steep-bowl")
    play = screen.play
    key(qtbot, play.rate.slider, Qt.Key.Key_Enter)
    assert screen.hike.history[-1].kind == "divergence"
    assert play.banner.text().startswith("Divergence!")
    assert "Review the card" in play.banner.tie_in.text()
    play.banner.tie_in.linkActivated.emit("divergence")
    assert screen.ctx.navigated[-1] == ("cards", {"term": "divergence"})
    key(qtbot, play.rate.slider, Qt.Key.Key_H)
    assert play.banner.text() == "Hint 1"
    first = screen.hike.shown_hints()[0]
    assert play.banner.explanation.text() == first.text
    assert first.kind == "nudge" and "2/L = 0.1" not in first.text  # a nudge, not the answer
    assert not play.hints.isHidden() and len(play.hints.rungs) == 1


def test_2d_level_reveal_shows_contours(qtbot, screen):
    screen.open(level="first-2d-bowl")
    play = screen.play
    play.rate.set_rate(0.4)
    while not screen.hike.finished:
        key(qtbot, play.rate.slider, Qt.Key.Key_Space)
    assert screen.hike.won
    items = play.reveal.plot.getPlotItem().items
    assert any(isinstance(item, pg.ImageItem) for item in items)
    image = next(item for item in items if isinstance(item, pg.ImageItem))
    assert any(isinstance(child, pg.IsocurveItem) for child in image.childItems())
    assert play.reveal.is_animating()

    def partly_drawn():  # the paths grow frame by frame
        shown = [len(item.getData()[0]) for item, _, _ in play.reveal._paths]
        return 1 < max(shown) < play.reveal.frames()

    qtbot.waitUntil(partly_drawn, timeout=3000)
    play.reveal.finish_animation()
    assert not play.reveal.is_animating()
    shown = [len(item.getData()[0]) for item, _, _ in play.reveal._paths]
    assert shown == [len(xs) for _, xs, _ in play.reveal._paths]


def test_level_select_locks_and_opens(qtbot, screen, ctx):
    screen.show_levels()
    buttons = screen.select.buttons
    assert buttons["gentle-bowl"].isEnabled()
    assert not buttons["steep-bowl"].isEnabled()
    assert "locked" in buttons["steep-bowl"].accessibleName()
    qtbot.mouseClick(buttons["gentle-bowl"], Qt.MouseButton.LeftButton)
    assert screen.hike.level.id == "gentle-bowl"
    key(qtbot, screen.play.rate.slider, Qt.Key.Key_Escape)
    assert screen.pages.currentWidget() is screen.select


def test_lesson_link_and_unknown_level(qtbot, screen, ctx):
    screen.open(level="saddle")  # Learn's "Try it" may open any level
    assert screen.hike.level.id == "saddle"
    qtbot.mouseClick(screen.play.lesson_button, Qt.MouseButton.LeftButton)
    assert ctx.navigated[-1] == ("learn", {"section": screen.hike.level.chapter})
    assert screen.hike.level.chapter == "chapter-2"  # where saddle points are explained
    screen.open(level="no-such-level")
    assert "no-such-level" in screen.select.notice.text()


def test_smoke_plays_the_first_level(qtbot, screen, ctx):
    lines = screen.smoke(lambda ms: qtbot.wait(ms))
    assert len(lines) == 1 and lines[0].startswith("hike: gentle-bowl won in ")
    assert lines[0].endswith("stars")
    store = ProgressStore.open(ctx.paths.database)
    assert store.events() == []  # the smoke test does not touch the learner's log
    store.close()


def test_corrupt_database_is_reported(qtbot, ctx):
    ctx.paths.database.write_bytes(b"garbage, not sqlite" * 50)
    told = []
    ctx.notify = told.append
    widget = HikeScreen(ctx)
    qtbot.addWidget(widget)
    assert told and "fresh" in told[0]
    assert widget.select.notice.text() == told[0]
    widget.shutdown()


def test_endless_level_is_built_in_a_worker(qtbot, screen):
    screen.start_level("endless-1")
    assert screen.worker is not None
    with qtbot.waitSignal(screen.worker.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: screen.hike is not None, timeout=5000)
    assert screen.hike.level.id == "endless-1"
    assert screen.pages.currentWidget() is screen.play
