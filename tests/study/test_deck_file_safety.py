"""Deck files: only regular files are opened, file work has time limits, and CSV/TSV
exports cannot run as spreadsheet formulas yet import back exactly."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdgame.study import CardTextError, Collection
from gdgame.study.deck_cli import main
from gdgame.study.editing import clean_card_text
from gdgame.study.exporter import ExportCancelled, export_cards
from gdgame.study.filework import FileTimeout, with_timeout
from gdgame.study.importer import DeckFileError, read_deck_file
from gdgame.study.model import Card

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    Collection.open(folder / "gdgame.sqlite3").close()
    return folder


def _deck_command(data_dir, *args, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "gdgame", "--data-dir", str(data_dir), "deck", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _release_a_blocked_reader(fifo) -> None:
    """Should a reader be stuck opening the pipe (the old behaviour), let it go."""
    with contextlib.suppress(OSError):  # nobody is waiting on it
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@needs_fifo
def test_a_named_pipe_is_refused_not_waited_on(tmp_path, data_dir):
    fifo = tmp_path / "deck.csv"
    os.mkfifo(fifo)
    try:
        result = _deck_command(data_dir, "import", str(fifo))
    finally:
        _release_a_blocked_reader(fifo)
    assert result.returncode == 2
    assert "is a named pipe, not a deck file" in result.stderr


def test_a_device_is_refused(tmp_path):
    link = tmp_path / "zeros.csv"
    link.symlink_to(os.devnull)
    with pytest.raises(DeckFileError, match="is a device, not a deck file"):
        read_deck_file(link)


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "cards.csv"
    folder.mkdir()
    with pytest.raises(DeckFileError, match="is a folder"):
        read_deck_file(folder)


@needs_fifo
def test_export_never_replaces_a_pipe_device_or_folder(tmp_path, data_dir, capsys):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "out.tsv"
    folder.mkdir()
    for target in (fifo, folder):
        assert main(["export", str(target), "--data-dir", str(data_dir)]) == 2
        assert "choose a file name" in capsys.readouterr().err
    assert fifo.is_fifo() and folder.is_dir()


def test_reading_gives_up_after_its_time_limit(tmp_path):
    slow = tmp_path / "big.csv"
    slow.write_bytes(b"front,back\n" + b"".join(b"q%d,%s\n" % (i, b"a" * 60) for i in range(5000)))
    assert slow.stat().st_size > 4 * 65536  # several read chunks
    with pytest.raises(DeckFileError, match="took longer than 0 s"):
        read_deck_file(slow, timeout=0.0)
    assert len(read_deck_file(slow)) == 5000  # the default limit is far away


def test_file_work_that_hangs_is_abandoned():
    release = threading.Event()
    try:
        with pytest.raises(FileTimeout, match="took longer than 0.2 s"):
            with_timeout(release.wait, 0.2, "reading deck.csv")
    finally:
        release.set()
    assert with_timeout(lambda: 42, 5, "quick work") == 42
    with pytest.raises(ZeroDivisionError):
        with_timeout(lambda: 1 / 0, 5, "failing work")


def test_a_cancelled_export_leaves_no_file(tmp_path, data_dir):
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        cards = col.cards()
    target = tmp_path / "deck.csv"
    with pytest.raises(ExportCancelled):
        export_cards(cards, target, keep_going=lambda: False)
    assert list(tmp_path.iterdir()) == [data_dir]


# --- spreadsheet formulas --------------------------------------------------------------------

DANGEROUS = {
    '=HYPERLINK("http://evil.example","click")': "a formula",
    "+1+1": "plus",
    "-2+3": "minus, a formula in a spreadsheet",
    "@SUM(A1:A2)": "at",
    "'=already quoted": "a quote before a formula character",
}
HARMLESS = {
    "Learning rate": "plain",
    "'tis the season": "a quote before a letter",
    "Step size": "- a dash is part of this back",
}


def test_formula_like_cells_are_neutralised_and_round_trip(tmp_path, data_dir):
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        for front, back in {**DANGEROUS, **HARMLESS}.items():
            if col.cards(front) == []:
                col.add_card(front, back)
        expected = sorted((c.front, c.back) for c in col.cards())
    for suffix, sep in ((".csv", ","), (".tsv", "\t")):
        target = tmp_path / f"deck{suffix}"
        assert main(["export", str(target), "--data-dir", str(data_dir)]) == 0
        text = target.read_text(encoding="utf-8")
        for line in text.splitlines()[1:]:
            assert not line.lstrip('"').startswith(("=", "+", "-", "@")), line
        assert "'=HYPERLINK" in text and "'+1+1" in text and "'@SUM" in text
        assert "'-2+3" in text and "''=already quoted" in text
        assert f"'tis the season{sep}" in text  # left as it was
        assert sorted(read_deck_file(target)) == expected
        fresh = tmp_path / f"fresh{suffix}"
        assert main(["import", str(target), "--data-dir", str(fresh)]) == 0
        with Collection.open(fresh / "gdgame.sqlite3") as col:
            assert sorted((c.front, c.back) for c in col.cards()) == expected


def _card(front: str, back: str) -> Card:
    fields = dict.fromkeys(Card._fields)
    fields.update(id=1, front=front, back=back, due=datetime.now(UTC), tags=(), note="")
    return Card(**fields)


def _valid_card(text: str) -> bool:
    try:
        clean_card_text(text, "x")
    except CardTextError:
        return False
    return text == text.strip()


card_text = st.text(alphabet=st.sampled_from("=+-@'\"\t,;xyz 1\n"), min_size=1, max_size=12).filter(
    _valid_card
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=st.lists(st.tuples(card_text, card_text), min_size=1, max_size=5))
def test_any_card_text_round_trips_through_csv(tmp_path_factory, pairs):
    folder = tmp_path_factory.mktemp("roundtrip")
    cards = [_card(front, back) for front, back in pairs]
    for suffix in (".csv", ".tsv"):
        target = folder / f"deck{suffix}"
        export_cards(cards, target)
        assert read_deck_file(target) == pairs
