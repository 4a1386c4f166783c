"""A data folder gdgame cannot write: a clear reason, a temporary copy, never a traceback."""

from __future__ import annotations

import errno
import tempfile

from gdgame import cli
from gdgame.paths import DATABASE_NAME, AppPaths, resolve


def _refuse_writes(monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)


def test_a_writable_folder_has_no_problem(tmp_path):
    paths = resolve(tmp_path / "data")
    assert paths.write_problem() is None
    assert paths.config_dir.is_dir() and paths.log_dir.is_dir()
    assert list(paths.data_dir.iterdir()) != []  # folders made, no test file left behind
    assert not [p for p in paths.data_dir.rglob("*") if "write-test" in p.name]


def test_a_read_only_folder_names_the_reason_and_the_folder(tmp_path, monkeypatch):
    paths = resolve(tmp_path / "data")
    paths.ensure()
    _refuse_writes(monkeypatch)
    problem = paths.write_problem()
    assert problem == f"Read-only file system: {paths.data_dir}"


def test_a_folder_that_cannot_be_created_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    problem = resolve(blocker / "data").write_problem()
    assert problem is not None and str(blocker) in problem


def test_a_file_given_as_the_data_folder_is_named_as_such(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine")
    assert resolve(blocker).write_problem() == f"Not a folder but a file: {blocker}"
    assert blocker.read_text() == "mine"


def test_temporary_copy_keeps_progress_and_settings(tmp_path):
    paths = resolve(tmp_path / "data").ensure()
    paths.database.write_bytes(b"db bytes")
    (paths.data_dir / (DATABASE_NAME + "-wal")).write_bytes(b"wal bytes")
    (paths.config_dir / "gdgame.ini").write_text("[window]\nscreen=lab\n")
    copy = paths.temporary_copy()
    try:
        assert isinstance(copy, AppPaths) and copy.data_dir != paths.data_dir
        assert copy.database.read_bytes() == b"db bytes"
        assert (copy.data_dir / (DATABASE_NAME + "-wal")).read_bytes() == b"wal bytes"
        assert "screen=lab" in (copy.config_dir / "gdgame.ini").read_text()
        assert copy.log_dir.is_dir() and copy.write_problem() is None
    finally:
        import shutil

        shutil.rmtree(copy.data_dir)


def test_cli_without_a_window_exits_with_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(AppPaths, "write_problem", lambda self: "Read-only file system: X")
    code = cli.main(["--data-dir", str(tmp_path / "data"), "--startup-probe"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot save in the data folder: Read-only file system: X" in err
    assert "Traceback" not in err
