"""Commands that only read never modify, move or replace a damaged database.

``gdgame deck export``, the stats reader and ``gdgame db check`` exit 1 (or raise) with
a message that says how to recover; only the app and ``gdgame db recover`` repair.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from gdgame import storage
from gdgame.study import Collection, load_glossary
from gdgame.study.stats import StatsError, read_stats_file

JUNK = [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000]


@pytest.fixture(params=JUNK, ids=["text", "bad-header"])
def damaged(tmp_path, request):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "gdgame.sqlite3").write_bytes(request.param)
    return folder


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _gdgame(folder, *args):
    return subprocess.run(
        [sys.executable, "-m", "gdgame", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def _says_how_to_recover(message: str) -> None:
    assert "damaged" in message and "nothing was changed" in message
    assert "start gdgame" in message and "gdgame db recover" in message
    assert "Traceback" not in message


def test_deck_export_exits_1_and_leaves_the_damaged_file_alone(tmp_path, damaged):
    before = _files(damaged)
    target = tmp_path / "deck.csv"
    result = _gdgame(damaged, "deck", "export", str(target))
    assert result.returncode == 1
    _says_how_to_recover(result.stderr)
    assert _files(damaged) == before  # not moved aside, not replaced, no sidecar files
    assert not target.exists()


def test_deck_import_does_not_repair_either(tmp_path, damaged):
    before = _files(damaged)
    deck = tmp_path / "deck.csv"
    deck.write_text("front,back\nA,B\n")
    result = _gdgame(damaged, "deck", "import", str(deck))
    assert result.returncode == 1
    _says_how_to_recover(result.stderr)
    assert _files(damaged) == before


def test_stats_reader_raises_and_leaves_the_damaged_file_alone(damaged):
    before = _files(damaged)
    with pytest.raises(StatsError) as caught:
        read_stats_file(damaged / "gdgame.sqlite3")
    _says_how_to_recover(str(caught.value))
    assert _files(damaged) == before


def test_db_check_reports_damage_and_recover_repairs_it(damaged):
    junk = (damaged / "gdgame.sqlite3").read_bytes()
    check = _gdgame(damaged, "db", "check")
    assert check.returncode == 1
    _says_how_to_recover(check.stderr)
    assert _files(damaged) == {"gdgame.sqlite3": junk}
    recover = _gdgame(damaged, "db", "recover")
    assert recover.returncode == 0, recover.stderr
    assert "fresh" in recover.stdout
    kept = [p for p in damaged.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == junk
    assert _gdgame(damaged, "db", "check").returncode == 0
    again = _gdgame(damaged, "db", "recover")
    assert again.returncode == 0 and "nothing to recover" in again.stdout


def test_recover_never_touches_a_good_file(tmp_path):
    folder = tmp_path / "data"
    with Collection.open(folder / "gdgame.sqlite3") as col:
        col.add_card("Mine", "keep me")
    before = (folder / "gdgame.sqlite3").read_bytes()
    result = _gdgame(folder, "db", "recover")
    assert result.returncode == 0 and "nothing to recover" in result.stdout
    assert (folder / "gdgame.sqlite3").read_bytes() == before
    assert not [p for p in folder.iterdir() if ".corrupt-" in p.name]


def test_recover_waits_for_a_running_app(damaged):
    (damaged / "gdgame.lock").write_text(f"{os.getpid()}\ngdgame\n{socket.gethostname()}\n")
    junk = (damaged / "gdgame.sqlite3").read_bytes()
    result = _gdgame(damaged, "db", "recover")
    assert result.returncode == 1 and "close it first" in result.stderr
    assert (damaged / "gdgame.sqlite3").read_bytes() == junk


def test_recover_refuses_a_lock_from_another_computer_and_says_how_to_clear_it(damaged, capsys):
    from gdgame.study import db_cli

    lock = damaged / "gdgame.lock"
    lock.write_text("4242\ngdgame\nsomewhere-else\n")  # a synced folder, as the app sees it
    junk = (damaged / "gdgame.sqlite3").read_bytes()
    assert db_cli.main(["--data-dir", str(damaged), "recover"]) == 1
    err = capsys.readouterr().err
    assert '"somewhere-else"' in err and str(lock) in err
    assert (damaged / "gdgame.sqlite3").read_bytes() == junk


@pytest.mark.parametrize("content", ["", "abc\ngdgame\n", "0\ngdgame\nsomewhere-else\n"])
def test_recover_takes_over_an_unreadable_lock_like_the_app(damaged, capsys, content):
    from gdgame.study import db_cli

    (damaged / "gdgame.lock").write_text(content)
    assert db_cli.main(["--data-dir", str(damaged), "recover"]) == 0
    assert "fresh" in capsys.readouterr().out


def test_deck_export_names_a_card_with_a_junk_date_and_writes_nothing(tmp_path, capsys):
    from gdgame.study import deck_cli

    folder = tmp_path / "data"
    with Collection.open(folder / "gdgame.sqlite3") as col:
        card = col.add_card("Mine", "keep me")
        col.conn.execute("UPDATE study_cards SET due = 'notadate' WHERE id = ?", (card.id,))
    before = (folder / "gdgame.sqlite3").read_bytes()
    target = tmp_path / "deck.csv"
    assert deck_cli.main(["--data-dir", str(folder), "export", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"card {card.id} ('Mine')" in err and "'notadate' is not a date" in err
    assert "gdgame db recover" in err
    assert not target.exists() and (folder / "gdgame.sqlite3").read_bytes() == before


UNUSABLE = {
    "dropped table": ("DROP TABLE study_reviews", "the table study_reviews is missing"),
    "junk date": ("UPDATE study_cards SET due = 'notadate'", "'notadate', not a date"),
    "text in hike progress": (
        "INSERT INTO hike_progress VALUES ('endless-²', 'lots', 0, 1, 'now')",
        "the stars 'lots', not a number",
    ),
}


@pytest.mark.parametrize("case", UNUSABLE, ids=list(UNUSABLE))
def test_db_check_finds_what_the_screens_cannot_use_and_recover_sets_it_aside(
    tmp_path, capsys, case
):
    from gdgame.game.progress import ProgressStore
    from gdgame.study import db_cli

    statement, said = UNUSABLE[case]
    folder = tmp_path / "data"
    with Collection.open(folder / "gdgame.sqlite3") as col:
        col.add_card("Mine", "keep me")
    ProgressStore.open(folder / "gdgame.sqlite3").close()
    with Collection.open(folder / "gdgame.sqlite3") as col:  # folds the WAL back in
        col.conn.execute(statement)
        col.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _files(folder)
    assert db_cli.main(["--data-dir", str(folder), "check"]) == 1
    err = capsys.readouterr().err
    assert said in err and "gdgame db recover" in err and "Nothing was changed" in err
    assert _files(folder)["gdgame.sqlite3"] == before["gdgame.sqlite3"]
    assert db_cli.main(["--data-dir", str(folder), "recover"]) == 0
    assert "fresh" in capsys.readouterr().out
    kept = [p for p in folder.iterdir() if p.name.startswith("gdgame.sqlite3.corrupt-")]
    assert any(p.read_bytes() == before["gdgame.sqlite3"] for p in kept)
    assert db_cli.main(["--data-dir", str(folder), "check"]) == 0


def test_db_check_and_recover_leave_a_file_from_a_newer_gdgame_alone(tmp_path, capsys):
    from gdgame.study import db_cli

    folder = tmp_path / "data"
    with Collection.open(folder / "gdgame.sqlite3") as col:
        col.conn.execute("UPDATE schema_versions SET version = 99 WHERE component = 'study'")
    before = _files(folder)
    for command in ("check", "recover"):
        assert db_cli.main(["--data-dir", str(folder), command]) == 1
        assert "newer gdgame" in capsys.readouterr().err
    assert _files(folder)["gdgame.sqlite3"] == before["gdgame.sqlite3"]
    assert not [p for p in folder.iterdir() if ".corrupt-" in p.name]


def test_read_only_copy_reads_a_live_database_without_changing_it(tmp_path):
    path = tmp_path / "gdgame.sqlite3"
    with Collection.open(path) as col:
        col.add_card("Live", "read while open")
        before = path.read_bytes()
        copy = storage.read_only_copy(path)
        try:
            fronts = [row[0] for row in copy.execute("SELECT front FROM study_cards")]
            copy.execute("DELETE FROM study_cards")  # changes stay in memory
        finally:
            copy.close()
        assert "Live" in fronts and len(fronts) == len(col.cards())
        assert path.read_bytes() == before


def test_open_read_only_of_a_missing_file_creates_nothing(tmp_path):
    path = tmp_path / "nowhere" / "gdgame.sqlite3"
    with Collection.open_read_only(path) as col:
        assert len(col.cards()) == len(load_glossary())  # the deck a first start would make
    assert not path.parent.exists()
