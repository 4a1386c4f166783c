"""Cards screen: keyboard review, undo, browse/edit, links, import/export, plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gdgame.study import Collection
from gdgame.ui.cards.screen import CardsScreen


@pytest.fixture
def screen(shown_screen):
    return shown_screen(CardsScreen, size=(1000, 700))


def test_review_three_cards_by_keyboard_then_undo(qtbot, screen):
    review = screen.review
    first_counts = screen.col.counts()
    seen = []
    for _ in range(3):
        front = review.front_label.text()
        seen.append(front)
        assert not review.back_label.isVisible()
        qtbot.keyClick(review, Qt.Key.Key_Space)
        assert review.back_label.isVisible()
        assert review.back_label.text()
        good = review.rating_buttons[3].text()
        assert good.startswith("Good\n") and good.split("\n")[1]  # interval printed
        qtbot.keyClick(review, Qt.Key.Key_3)
    assert seen[:2] == ["Gradient Descent", "Learning Rate"]
    assert len(set(seen)) == 3
    assert len(screen.col.reviews()) == 3
    assert screen.col.counts().new == first_counts.new - 3
    assert "New" in review.counts_label.text()
    qtbot.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(screen.col.reviews()) == 2
    assert review.front_label.text() == seen[2]
    assert screen.last_message.startswith("undid")


def test_clicking_the_card_text_keeps_the_keys_working(qtbot, screen):
    review = screen.review
    review.setFocus()
    qtbot.mouseClick(review.front_label, Qt.MouseButton.LeftButton)
    qtbot.keyClick(review.focusWidget() or review, Qt.Key.Key_Space)
    assert review.revealed
    qtbot.mouseClick(review.back_label, Qt.MouseButton.LeftButton)
    target = review.focusWidget() or review
    qtbot.keyClick(target, Qt.Key.Key_3)
    assert len(screen.col.reviews()) == 1
    qtbot.keyClick(
        review.focusWidget() or review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
    )
    assert screen.col.reviews() == []
    assert all(
        not label.focusPolicy() & Qt.FocusPolicy.ClickFocus
        for label in (review.front_label, review.back_label, review.note_label)
    )


def test_rating_keys_do_nothing_before_reveal(qtbot, screen):
    qtbot.keyClick(screen.review, Qt.Key.Key_4)
    assert screen.col.reviews() == []
    qtbot.keyClick(screen.review, Qt.Key.Key_Return)
    qtbot.keyClick(screen.review, Qt.Key.Key_1)
    assert [r.rating for r in screen.col.reviews()] == [1]


def test_done_for_today_shows_next_due(qtbot, screen):
    col = screen.col
    for card in col.cards():
        col.set_suspended(card.id, card.term_id != "gradient")
    screen.activate()
    review = screen.review
    assert review.front_label.text() == "Gradient"
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_4)  # Easy: days away
    assert review.card is None
    assert review.pages.currentWidget() is review.done_page
    assert "Done for today" in review.done_label.text()
    assert "next card is due" in review.done_label.text()
    assert not review.rating_buttons[3].isVisible()
    review.quiz_button.click()
    assert screen.ctx.navigated[-1] == ("quiz", {})
    screen.deactivate()


def test_plain_text_only(qtbot, screen):
    screen.col.add_card("<b>bold?</b> <img src='http://x/y.png'>", "<script>x</script>")
    for card in screen.col.cards():
        screen.col.set_suspended(card.id, card.is_user_card is False)
    screen.activate()
    review = screen.review
    assert review.front_label.text().startswith("<b>bold?</b>")
    for label in screen.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_open_term_selects_it_in_browse(screen):
    screen.open(term="momentum")
    assert screen.tabs.currentWidget() is screen.browse
    card = screen.browse.selected_card()
    assert card.term_id == "momentum"
    assert not screen.browse.edit_button.isEnabled()
    assert screen.browse.suspend_button.isEnabled()


def test_browse_search_add_edit_suspend_delete(screen, monkeypatch):
    browse = screen.browse
    screen.tabs.setCurrentWidget(browse)
    browse.search.setText("nesterov")
    assert browse.model.rowCount() == 1
    browse.search.clear()
    answers = iter([("Cosine decay", "Lower the rate along a half cosine"), ("Cosine", "Edited")])
    monkeypatch.setattr(browse, "ask_card_text", lambda *a, **k: next(answers))
    monkeypatch.setattr(browse, "confirm", lambda question: True)
    browse.add_card()
    card = browse.selected_card()
    assert card.front == "Cosine decay" and card.is_user_card
    assert browse.edit_button.isEnabled()
    browse.edit_selected()
    assert screen.col.card(card.id).back == "Edited"
    browse.toggle_suspend_selected()
    assert screen.col.card(card.id).suspended
    assert browse.suspend_button.text() == "Un&suspend"
    browse.delete_selected()
    assert screen.col.cards(search="Edited") == []
    problems = []
    monkeypatch.setattr(browse, "report", problems.append)
    monkeypatch.setattr(browse, "ask_card_text", lambda *a, **k: ("gradient", "dup"))
    browse.add_card()
    assert problems and "already exists" in problems[0]


def test_links_to_learn_and_hike(qtbot, ctx, screen):
    review = screen.review
    qtbot.keyClick(review, Qt.Key.Key_Space)
    review.learn_button.click()
    review.hike_button.click()
    assert ctx.navigated == [
        ("learn", {"section": "chapter-1"}),
        ("hike", {"level": "gentle-bowl"}),
    ]


def run_job(qtbot, screen, start):
    with qtbot.waitSignal(screen.deck_job_done, timeout=20_000) as blocker:
        assert start()
    return blocker.args


def test_import_and_export_from_the_menu(qtbot, tmp_path, screen):
    texts = [a.text() for a in screen.menu_actions()]
    assert texts == ["Deck &Options…", "&Import deck…", "&Export deck…"]
    errors = []
    screen.report_error = lambda title, text: errors.append((title, text))
    good = tmp_path / "mine.csv"
    good.write_text("front,back\nRho,a letter\n", encoding="utf-8")
    ok, summary = run_job(qtbot, screen, lambda: screen.import_deck(str(good)))
    assert ok and "1 added" in summary
    assert screen.col.cards(search="Rho")
    assert screen.browse.model.rowCount() == len(screen.col.cards())  # refreshed
    before = screen.col.cards()
    bad = tmp_path / "bad.csv"
    bad.write_text("front,back\nok,fine\nbroken\n", encoding="utf-8")
    ok, message = run_job(qtbot, screen, lambda: screen.import_deck(str(bad)))
    assert not ok and "line 3" in message
    assert errors[-1][0] == "Import failed" and "unchanged" in errors[-1][1]
    assert screen.col.cards() == before
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 40)
    markup = tmp_path / "markup.csv"
    markup.write_text("front,back\n<script>x()</script>,y\n", encoding="utf-8")
    for hostile, words in ((junk, "binary"), (markup, "markup")):
        ok, message = run_job(qtbot, screen, lambda h=hostile: screen.import_deck(str(h)))
        assert not ok and words in message and "Traceback" not in message
        assert screen.col.cards() == before
    ok, _ = run_job(qtbot, screen, lambda: screen.export_deck(str(tmp_path / "out.apkg")))
    assert ok and (tmp_path / "out.apkg").stat().st_size > 0
    ok, message = run_job(qtbot, screen, lambda: screen.export_deck(str(tmp_path / "x.docx")))
    assert not ok and "docx" in message
    assert screen.import_action.isEnabled() and screen.job is None


def test_game_mistakes_are_applied_on_activate(qtbot, ctx, screen):
    from gdgame.game.progress import ProgressStore

    review = screen.review
    qtbot.keyClick(review, Qt.Key.Key_Space)
    qtbot.keyClick(review, Qt.Key.Key_1)  # a learning card now waits in the queue
    diverged = screen.col.card_for_term("divergence")
    learned = screen.col.answer(diverged.id, 4)  # learned: not due for days
    screen.deactivate()
    store = ProgressStore.open(ctx.database)  # the Hike logs a mistake in the shared file
    store.record_step("steep-bowl", 4, 1.2, "divergence")
    store.close()
    screen.activate()
    assert "Divergence" in screen.last_message
    fronts = {screen.col.card_for_term(t).front for t in ("divergence", "safe-step")}
    assert review.front_label.text() in fronts  # shown first, with the reason
    assert review.reason_label.isVisible()
    assert "diverged" in review.reason_label.text() and "A steep bowl" in review.reason_label.text()
    assert screen.col.card(diverged.id).stability == learned.stability  # history kept
    assert len(screen.col.reviews(card_id=diverged.id)) == 1
    for _ in fronts:  # a divergence brings back two cards: answer both
        qtbot.keyClick(review, Qt.Key.Key_Space)
        qtbot.keyClick(review, Qt.Key.Key_3)
    assert screen.col.card(diverged.id).reason == ""
    assert not review.reason_label.isVisible()


def test_smoke_reviews_one_card_and_leaves_data_as_it_was(qtbot, screen):
    lines = screen.smoke(lambda ms: qtbot.wait(ms))
    assert lines == ["cards: reviewed 1 card (Good)"]
    assert screen.col.reviews() == []


def test_corrupt_database_is_reported(qtbot, ctx):
    ctx.paths.database.write_bytes(b"garbage" * 500)
    messages = []
    ctx.notify = messages.append
    widget = CardsScreen(ctx)
    qtbot.addWidget(widget)
    try:
        assert widget.col.recovery is not None
        assert not widget.notice.isHidden()
        assert "fresh" in messages[0]
    finally:
        widget.shutdown()
    with Collection.open(ctx.paths.database) as col:
        assert col.recovery is None


def test_link_colour_follows_a_palette_switch(qtbot, screen):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    original = app.palette()
    switched = QPalette(original)
    switched.setColor(QPalette.ColorRole.Link, "#8ab4f8")
    try:
        app.setPalette(switched)
        qtbot.waitUntil(lambda: "#8ab4f8" in screen.review.learn_button.styleSheet())
        assert "#8ab4f8" in screen.review.quiz_button.styleSheet()
    finally:
        app.setPalette(original)


def test_export_never_replaces_a_file_the_dialog_did_not_ask_about(
    qtbot, tmp_path, screen, monkeypatch
):
    import os

    from PySide6.QtWidgets import QFileDialog, QMessageBox

    mine = tmp_path / "deck.csv"
    mine.write_text("my deck\n")
    monkeypatch.setattr(  # typed "deck", CSV chosen: the suffix is added after the dialog
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "deck"), "Comma-separated text (*.csv)")),
    )
    asked = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.No
    )
    messages = []
    screen.ctx.notify = messages.append
    assert screen.export_deck() is False
    assert asked and "deck.csv" in asked[0] and mine.read_text() == "my deck\n"
    os.mkfifo(tmp_path / "pipe.csv")
    assert screen.export_deck(str(tmp_path / "pipe.csv")) is False
    assert "not a regular file" in messages[-1] and screen.job is None


def test_the_file_dialog_opens_in_the_last_folder_only_while_it_is_one(
    tmp_path, screen, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    opened = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda _parent, _title, folder, _filter: opened.append(folder) or ("", "")),
    )
    folder = tmp_path / "decks"
    folder.mkdir()
    screen._remember_folder(str(folder / "deck.csv"))
    screen.import_deck()
    folder.rmdir()  # removed since, or a name the settings file could not keep whole
    screen.import_deck()
    screen._remember_folder(str(tmp_path / "caf\udce9" / "deck.csv"))  # not UTF-8 on disk
    assert screen.ctx.settings.value("cards/last_folder") == str(folder)  # not stored
    screen.import_deck()
    screen.ctx.settings.setValue("cards/last_folder", ".")  # relative: where gdgame started
    screen.import_deck()
    assert opened == [str(folder), str(Path.home()), str(Path.home()), str(Path.home())]


@pytest.mark.parametrize(
    ("answer", "rho_back", "summary"),
    [
        ("Yes", "another meaning", "1 updated"),
        ("No", "a letter", "1 of your cards kept as they were"),
        ("Cancel", "a letter", "cancelled"),
    ],
)
def test_an_import_that_would_change_your_cards_asks_first(
    qtbot, tmp_path, screen, monkeypatch, answer, rho_back, summary
):
    from PySide6.QtWidgets import QMessageBox

    first = tmp_path / "first.csv"
    first.write_text("Rho,a letter\n", encoding="utf-8")
    assert run_job(qtbot, screen, lambda: screen.import_deck(str(first)))[0]
    asked = []

    def reply(box):
        asked.append((box.text(), box.defaultButton().text()))
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "exec", reply)
    second = tmp_path / "second.csv"
    second.write_text("rho,another meaning\nSigma,new\n", encoding="utf-8")
    ok, text = run_job(qtbot, screen, lambda: screen.import_deck(str(second)))
    assert asked == [
        ("1 of your cards is also in second.csv, with another back: 'Rho'.", "&Keep mine")
    ]
    assert summary in text and ok == (answer != "Cancel")
    backs = {c.front.lower(): c.back for c in screen.col.cards(search="")}
    assert backs["rho"] == rho_back
    assert ("sigma" in backs) == (answer != "Cancel")  # new cards come in unless cancelled
    assert screen.job is None and screen.import_action.isEnabled()


def test_an_import_with_nothing_to_change_asks_nothing(qtbot, tmp_path, screen):
    deck = tmp_path / "deck.csv"
    deck.write_text("Rho,a letter\n", encoding="utf-8")
    assert run_job(qtbot, screen, lambda: screen.import_deck(str(deck)))[0]
    ok, text = run_job(qtbot, screen, lambda: screen.import_deck(str(deck)))  # no question
    assert ok and "1 unchanged" in text
