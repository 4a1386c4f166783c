"""Keyboard focus never traps the player; the end of a level, banner colours, the grid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from gdgame.game import messages
from gdgame.ui.hike.screen import HikeScreen
from gdgame.ui.hike.step_banner import KIND_COLORS


@pytest.fixture
def screen(qtbot, ctx):
    ctx.settings.setValue("hike/rate", 0.5)
    widget = HikeScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    yield widget
    widget.shutdown()


def type_rate(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_space_in_the_typed_rate_steps_and_hands_the_keys_back(qtbot, screen):
    screen.open(level="steep-bowl")
    play = screen.play
    type_rate(qtbot, play.rate.edit, "0.03")
    qtbot.keyClick(play.rate.edit, Qt.Key.Key_Space)
    assert screen.hike.steps_used == 1 and screen.hike.history[0].lr == pytest.approx(0.03)
    assert play.rate.edit.text() == "0.03"  # no space typed into the number
    assert QApplication.focusWidget() is play.rate.slider
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.hike.steps_used == 0


def test_decay_field_never_swallows_the_game_keys(qtbot, screen):
    screen.open(level="schedule")
    play = screen.play
    assert play.decay_row.isVisibleTo(screen)
    type_rate(qtbot, play.rate.edit, "0.4")
    type_rate(qtbot, play.decay, "0.85")
    qtbot.keyClick(play.decay, Qt.Key.Key_Return)
    assert screen.hike.steps_used == 1
    assert QApplication.focusWidget() is play.rate.slider
    play.decay.setFocus()
    qtbot.keyClick(play.decay, Qt.Key.Key_Space)
    assert screen.hike.steps_used == 2
    assert screen.hike.history[1].lr == pytest.approx(0.4 * 0.85)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R)
    assert screen.hike.steps_used == 0
    assert play.decay.value() == pytest.approx(0.85)  # a retry keeps the schedule
    screen.open(level="steep-bowl")
    screen.open(level="schedule")
    assert play.decay.value() == 1.0  # a fresh start of the level does not


def test_enter_after_a_win_first_completes_the_reveal_then_goes_on(qtbot, screen):
    screen.open(level="gentle-bowl")
    play = screen.play
    play.rate.set_rate(1.0)
    qtbot.keyClick(play.rate.slider, Qt.Key.Key_Space)
    assert screen.hike.won and play.reveal.is_animating()
    assert "in 1 step " in play.result.text()  # not "1 steps"
    held = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", True
    )
    QApplication.sendEvent(QApplication.focusWidget(), held)  # a held Space stops at the end
    assert play.reveal.is_animating() and screen.hike.level.id == "gentle-bowl"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not play.reveal.is_animating() and screen.hike.level.id == "gentle-bowl"
    assert play.banner.text() == messages.HEADLINES["won"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert screen.hike.level.id == "overshoot-zone" and screen.hike.steps_used == 0


def test_enter_after_running_out_of_steps_retries(qtbot, screen):
    screen.open(level="gentle-bowl")
    play = screen.play
    play.rate.set_rate(0.0001)
    while not screen.hike.finished:
        qtbot.keyClick(play.rate.slider, Qt.Key.Key_Space)
    assert not screen.hike.won and "Out of steps" in play.result.text()
    play.reveal.finish_animation()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    assert screen.hike.level.id == "gentle-bowl" and screen.hike.steps_used == 0


def test_tab_never_lands_on_a_blank_plot(qtbot, screen):
    screen.open(level="ravine")
    start = screen.play.rate.slider
    widget, seen = start, []
    for _ in range(60):
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() != Qt.NoFocus:
            seen.append(widget)
    assert seen and all(w.accessibleName() or w.parent().accessibleName() for w in seen)
    plots = [p.viewport() for p in (screen.play.field.plot, screen.play.plots.loss_plot)]
    assert not any(viewport in seen for viewport in plots)


def _contrast_with_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (lum + 0.05)


@pytest.mark.parametrize("kind", sorted(KIND_COLORS))
def test_banner_text_is_readable_on_every_colour(kind):
    assert _contrast_with_white(KIND_COLORS[kind]) >= 4.5  # WCAG AA for normal text


def test_level_grid_focuses_the_next_level_to_play(qtbot, screen):
    after = screen.campaign.next_id("gentle-bowl")
    screen.store.record_result("gentle-bowl", 3, 900, unlocks=after)
    screen.show_levels()
    select = screen.select
    assert select.frontier == after
    assert QApplication.focusWidget() is select.buttons[after]
    assert "★★★" in select.buttons["gentle-bowl"].text()
    assert "locked" in select.buttons["shallow-bowl"].text()


def test_the_reveal_takes_about_the_same_time_for_short_and_long_paths(qtbot):
    from gdgame.game import Hike, load_levels
    from gdgame.game.reveal import reveal
    from gdgame.ui.hike.reveal_view import REVEAL_MS, RevealView

    levels = {level.id: level for level in load_levels()}
    view = RevealView()
    qtbot.addWidget(view)
    intervals = []
    for level_id, rate in (("gentle-bowl", 1.0), ("ravine", 0.05)):
        hike = Hike(levels[level_id])
        while not hike.finished:
            hike.step(rate)
        view.show_reveal(reveal(hike))
        intervals.append((view.timer.interval(), view.frames()))
        view.stop()
    (short_ms, short_frames), (long_ms, long_frames) = intervals
    assert short_frames < long_frames and short_ms > long_ms
    assert short_ms * short_frames <= REVEAL_MS * 1.5 and long_ms * long_frames >= REVEAL_MS / 2


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_or_space_opens_the_focused_level(qtbot, screen, key):
    screen.show_levels()
    button = screen.select.buttons["gentle-bowl"]
    assert QApplication.focusWidget() is button
    qtbot.keyClick(button, key)
    assert screen.hike is not None and screen.hike.level.id == "gentle-bowl"
    assert screen.pages.currentWidget() is screen.play
