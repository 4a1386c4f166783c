"""The reviewer's Anki keys in the real window: E edit, - bury, @ suspend, Ctrl+1..4 flag
(not "go to screen"), each undone by Ctrl+Z; deck options and the Today line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gdgame.study.deck_options import DeckOptions
from gdgame.ui.cards.screen import CardsScreen
from gdgame.ui.context import AppContext
from gdgame.ui.home import HomeScreen
from gdgame.ui.main_window import MainWindow
from gdgame.ui.shortcuts_help import shortcuts_html

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, app_paths):
    win = MainWindow(AppContext.for_folder(app_paths), [HomeScreen, CardsScreen])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.navigate("cards")
    yield win
    win.shutdown()


@pytest.fixture
def review(window):
    panel = window.screens["cards"].review
    panel.setFocus()
    return panel


def key(k, modifier=Qt.KeyboardModifier.NoModifier, text=None):
    target = QApplication.focusWidget()
    assert target is not None
    if text is not None:
        QTest.keyClicks(target, text)
    else:
        QTest.keyClick(target, k, modifier)


def undo():
    key(Qt.Key.Key_Z, CTRL)


def test_ctrl_1_to_4_flag_the_card_instead_of_switching_screens(window, review):
    card = review.card
    key(Qt.Key.Key_1, CTRL)
    assert window.current_screen() is window.screens["cards"]  # Ctrl+1 is Home elsewhere
    assert review.col.card(card.id).flag == 1
    assert review.flag_badge.isVisible() and review.flag_badge.text() == "⚑ Red flag"
    key(Qt.Key.Key_4, CTRL)
    assert review.col.card(card.id).flag == 4 and "Blue" in review.flag_badge.text()
    assert review.card.id == card.id  # the card stays on screen
    undo()
    assert review.col.card(card.id).flag == 1
    key(Qt.Key.Key_1, CTRL)
    assert review.col.card(card.id).flag == 0 and not review.flag_badge.isVisible()
    browse = window.screens["cards"].browse
    browse.refresh()
    key(Qt.Key.Key_3, CTRL)
    browse.refresh()
    row = browse.model.row_of(card.id)
    assert browse.model.index(row, 5).data() == "⚑ Green"  # shown in Browse


def test_minus_buries_and_at_suspends_and_ctrl_z_brings_them_back(review):
    first = review.card
    key(None, text="-")
    assert review.card.id != first.id
    assert review.col.card(first.id).buried_until is not None
    second = review.card
    key(None, text="@")
    assert review.col.card(second.id).suspended and review.card.id not in (first.id, second.id)
    undo()
    assert not review.col.card(second.id).suspended
    undo()
    assert review.col.card(first.id).buried_until is None
    assert review.card.id == first.id  # back in its place at the front of the queue


def test_e_edits_the_card_in_place_and_ctrl_z_reverts_it(review, monkeypatch):
    glossary_card = review.card
    asked = []

    def fake_edit(card):
        asked.append(card.id)
        return card.front, card.back, "heavy ball rolling downhill"

    monkeypatch.setattr(review, "ask_edit", fake_edit)
    key(None, text="e")
    assert asked == [glossary_card.id]
    assert review.card.id == glossary_card.id  # still the card on screen
    key(Qt.Key.Key_Space)
    assert review.my_note_label.isVisible()
    assert review.my_note_label.text() == "Your note: heavy ball rolling downhill"
    assert review.revealed
    undo()
    assert review.col.card(glossary_card.id).my_note == ""


def test_the_edit_dialog_locks_glossary_text_and_edits_user_cards(review, qtbot):
    from gdgame.ui.cards.card_dialog import CardDialog

    card = review.card
    dialog = CardDialog(review, "Note", card.front, card.back, note="", text_locked=True)
    qtbot.addWidget(dialog)
    assert dialog.front_edit.isReadOnly() and dialog.back_edit.isReadOnly()
    assert dialog.note_edit.isVisibleTo(dialog)
    mine = review.col.add_card("Zebra step", "A striped stride")
    review.col.set_suspended(card.id, True)
    review.card = review.col.card(mine.id)
    review._show_card()
    review.ask_edit = lambda c: ("Zebra stride", "Black and white", "")
    review.edit_current()
    assert review.col.card(mine.id).front == "Zebra stride"
    assert review.front_label.text() == "Zebra stride"


def test_deck_options_reach_fsrs_and_the_today_line(review, monkeypatch):
    assert review.today_label.text().startswith("About ")
    before = review.col.counts().new
    monkeypatch.setattr(review, "ask_options", lambda current: DeckOptions(5, 100, 0.95))
    review.open_options()
    assert review.col.options == DeckOptions(5, 100, 0.95)
    assert review.col._scheduler.desired_retention == 0.95
    assert review.col.counts().new == min(before, 5)
    assert "New 5" in review.counts_label.text()


def test_the_deck_options_dialog_explains_retention(qtbot):
    from gdgame.ui.cards.deck_options_dialog import DeckOptionsDialog

    dialog = DeckOptionsDialog(DeckOptions())
    qtbot.addWidget(dialog)
    assert (dialog.retention.minimum(), dialog.retention.maximum()) == (70, 97)
    dialog.retention.setValue(95)
    assert "At 95%" in dialog.tradeoff.text() and "more reviews" in dialog.tradeoff.text()
    dialog.new_per_day.setValue(7)
    assert dialog.options() == DeckOptions(7, 200, 0.95)


def test_f1_lists_every_reviewer_key(window):
    text = shortcuts_html(window)
    for shown in ("E</b>", "-</b>", "@</b>", "Ctrl+1 / 2 / 3 / 4", "bury", "suspend", "flag"):
        assert shown in text
