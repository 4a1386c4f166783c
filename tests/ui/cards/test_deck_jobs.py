"""Deck import/export jobs never block the window: odd files fail at once, a drive that
never answers is abandoned with a message, and closing the window never waits."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading

import pytest

from gdgame.study import Collection
from gdgame.ui.cards import deck_job
from gdgame.ui.cards.screen import CardsScreen


@pytest.fixture
def screen(shown_screen):
    made = shown_screen(CardsScreen, size=(1000, 700))
    made.errors = []
    made.report_error = lambda title, text: made.errors.append((title, text))
    return made


def run_job(qtbot, screen, start):
    with qtbot.waitSignal(screen.deck_job_done, timeout=20_000) as blocker:
        assert start()
    return blocker.args


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_importing_a_named_pipe_fails_at_once(qtbot, tmp_path, screen):
    fifo = tmp_path / "deck.csv"
    os.mkfifo(fifo)
    try:
        ok, message = run_job(qtbot, screen, lambda: screen.import_deck(str(fifo)))
    finally:  # should a reader be stuck opening the pipe (the old behaviour), free it
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not ok and "named pipe" in message
    assert screen.errors[-1][0] == "Import failed"
    assert screen.import_action.isEnabled() and screen.job is None


def test_closing_while_an_import_waits_returns_at_once(qtbot, tmp_path, screen, ctx):
    deck = tmp_path / "deck.csv"
    deck.write_text("front,back\nLate card,imported after the window closed\n")
    holder = sqlite3.connect(ctx.paths.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # the job's write waits for this lock
    try:
        assert screen.import_deck(str(deck))
        job = screen.job
        qtbot.waitUntil(lambda: job.writing, timeout=10_000)
        screen.shutdown()  # must not wait for the job
        assert job.is_running() and screen.job is None and screen.col is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert job.wait(30)
    with Collection.open(ctx.paths.database) as col:  # an import already writing completes
        assert col.cards(search="Late card")


def test_a_file_that_never_arrives_is_abandoned(qtbot, tmp_path, screen, monkeypatch):
    arrived = threading.Event()

    def drive_that_never_answers(path):  # stands in for a read on a dead network share
        arrived.wait(30)
        return [("Ghost", "should never be imported")]

    monkeypatch.setattr(deck_job, "read_deck_file", drive_that_never_answers)
    screen.job_timeout_ms = 200
    done = []
    screen.deck_job_done.connect(lambda ok, text: done.append((ok, text)))
    before = screen.col.cards()
    ok, message = run_job(qtbot, screen, lambda: screen.import_deck(str(tmp_path / "x.csv")))
    job_was_abandoned = not ok and "took longer than 0.2 s" in message
    assert job_was_abandoned, message
    assert screen.errors[-1][0] == "Import failed"
    assert screen.import_action.isEnabled() and screen.job is None
    abandoned = [t for t in threading.enumerate() if t.name == "gdgame-deck-import"]
    arrived.set()  # the drive answers after all: the job must change nothing now
    for thread in abandoned:
        thread.join(10)
    qtbot.waitUntil(lambda: not any(t.is_alive() for t in abandoned))
    screen.activate()
    assert screen.col.cards() == before
    assert len(done) == 1
