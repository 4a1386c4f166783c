"""What the app checks of its data folder before the window opens (gdgame.ui.app).

A database it cannot open gives a message; one the screens cannot use is set aside as
``gdgame db recover`` would. One gdgame per data folder: a second is refused with a
message, not a traceback; a leftover, foreign or unreadable lock file is named.
"""

from __future__ import annotations

import pytest


def test_database_that_cannot_be_opened_gives_a_message(app_paths, monkeypatch):
    from gdgame import storage
    from gdgame.ui.app import check_database

    def broken(path):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(storage, "open_database", broken)
    message = check_database(app_paths)
    assert message.startswith("gdgame cannot open your saved progress")
    assert "Read-only file system" in message


@pytest.mark.parametrize(
    "damage", ["DROP TABLE study_reviews", "UPDATE study_cards SET due = 'notadate'"]
)
def test_a_database_the_screens_cannot_use_is_set_aside_at_start_like_db_recover(app_paths, damage):
    from gdgame.study import Collection
    from gdgame.ui.app import check_database

    with Collection.open(app_paths.database) as col:
        col.add_card("Mine", "keep me")
        col.conn.execute(damage)
    message = check_database(app_paths)
    assert message is not None and "started a fresh file" in message
    kept = list(app_paths.data_dir.glob("gdgame.sqlite3.corrupt-*"))
    assert kept and kept[0].name in message
    with Collection.open_read_only(app_paths.database) as col:
        assert col.cards()  # the fresh file opens with the glossary deck
    assert check_database(app_paths) is None


def test_a_second_gdgame_on_the_same_folder_is_refused(app_paths, qapp):
    from gdgame.ui.app import claim_data_folder

    first = claim_data_folder(app_paths)
    assert first is not None and first.isLocked()
    assert claim_data_folder(app_paths) is None
    first.unlock()
    again = claim_data_folder(app_paths)
    assert again is not None and again.isLocked()
    again.unlock()


def test_second_instance_exits_with_a_message_not_a_traceback(app_paths, qapp, capsys):
    from gdgame.ui.app import claim_data_folder, run

    first = claim_data_folder(app_paths)
    try:
        assert run(app_paths, startup_probe=True) == 1
    finally:
        first.unlock()
    assert "already running" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"", b"\x9f\x00garbled\xff" * 20, b"abc\ngdgame\n"])
def test_an_empty_or_garbled_lock_file_is_taken_over(app_paths, qapp, content):
    from gdgame.ui.app import claim_data_folder

    app_paths.data_dir.mkdir(parents=True, exist_ok=True)
    (app_paths.data_dir / "gdgame.lock").write_bytes(content)  # a power cut's leftover
    lock = claim_data_folder(app_paths)
    assert lock is not None and lock.isLocked()
    lock.unlock()


def test_a_lock_from_another_computer_names_it_and_how_to_clear_it(app_paths, qapp, capsys):
    from gdgame.ui.app import claim_data_folder, run

    app_paths.data_dir.mkdir(parents=True, exist_ok=True)
    lock_file = app_paths.data_dir / "gdgame.lock"
    lock_file.write_text("4242\ngdgame\nsomewhere-else\n")  # a synced folder
    assert claim_data_folder(app_paths) is None
    assert run(app_paths, startup_probe=True) == 1
    err = capsys.readouterr().err
    assert '"somewhere-else"' in err and str(lock_file) in err
    assert lock_file.read_text() == "4242\ngdgame\nsomewhere-else\n"


def test_a_lock_that_cannot_be_read_or_removed_is_named_not_called_a_running_gdgame(
    app_paths, qapp, capsys
):
    from gdgame.ui.app import run

    lock_file = app_paths.data_dir / "gdgame.lock"
    lock_file.mkdir(parents=True)  # a folder where the lock file belongs
    assert run(app_paths, startup_probe=True) == 1
    err = capsys.readouterr().err
    assert "already running" not in err and str(lock_file) in err and "Remove it" in err
