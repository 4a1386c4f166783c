"""A data folder gdgame cannot write (another user's, a read-only share), for real.

The folder is made read-only with permission bits and every gdgame command runs as a
user those bits apply to. Tests here (and in CI) run as root, which ignores permission
bits, so the commands then run as the unprivileged user ``nobody`` (``setpriv``); a
probe first proves that this user really cannot write there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from gdgame.paths import DATABASE_NAME, AppPaths, resolve
from gdgame.study import Collection, load_glossary

NOBODY = 65534


def _as_test_user() -> list[str]:
    """The command prefix that runs a program as a user permission bits apply to."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is missing: no user to test a read-only folder")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file's hash and every folder, to prove nothing in the folder changed."""
    digest = {}
    for item in sorted(folder.rglob("*")):
        content = hashlib.sha256(item.read_bytes()).hexdigest() if item.is_file() else "/"
        digest[str(item.relative_to(folder))] = content
    return digest


class ReadOnlySetup:
    def __init__(self, base: Path):
        self.base = base
        self.paths = resolve(base / "data")
        self.tmp = base / "tmp"  # the test user's temporary folder (writable)
        self.home = base / "home"
        self.prefix = _as_test_user()

    def run(self, *args: str, timeout: float = 240) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "TMPDIR": str(self.tmp),
            "HOME": str(self.home),
            "GDGAME_DATA_DIR": str(self.paths.data_dir),
        }
        return subprocess.run(
            [*self.prefix, sys.executable, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=self.base,
        )


@pytest.fixture
def read_only(tmp_path_factory):
    """A real data folder (database with a card of the user's, settings), then made
    read-only; yields a helper that runs Python as a user who cannot write it."""
    base = Path(tempfile.mkdtemp(prefix="gdgame-ro-test-"))
    base.chmod(0o755)  # the test user must reach it (pytest's own tmp folder is private)
    setup = ReadOnlySetup(base)
    for folder in (setup.tmp, setup.home, setup.base / "out"):
        folder.mkdir()
        folder.chmod(0o777)
    setup.paths.ensure()
    with Collection.open(setup.paths.database, backups_dir=setup.paths.backups_dir) as col:
        col.add_card("My own card", "written before the folder became read-only")
    (setup.paths.config_dir / "gdgame.ini").write_text("[window]\nscreen=cards\n")
    for item in [setup.paths.data_dir, *setup.paths.data_dir.rglob("*")]:
        item.chmod(0o555 if item.is_dir() else 0o444)
    probe = setup.run(
        "-c",
        "import sys, gdgame; open(sys.argv[1], 'w')",
        str(setup.paths.data_dir / "probe"),
        timeout=60,
    )
    if "No module named" in probe.stderr:
        pytest.skip(f"the test user cannot import gdgame from this checkout: {probe.stderr}")
    assert probe.returncode == 1 and "PermissionError" in probe.stderr, probe.stderr
    try:
        yield setup
    finally:
        for item in [setup.paths.data_dir, *setup.paths.data_dir.rglob("*")]:
            item.chmod(stat.S_IRWXU)
        shutil.rmtree(base, ignore_errors=True)


def test_smoke_test_runs_on_a_temporary_copy_and_leaves_the_folder_alone(read_only):
    before = _snapshot(read_only.paths.data_dir)
    result = read_only.run("-m", "gdgame", "--smoke-test")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "smoke test passed" in result.stdout
    assert "cannot save in the data folder: Permission denied" in result.stderr
    assert "running on a temporary copy" in result.stderr
    assert "Traceback" not in output
    assert _snapshot(read_only.paths.data_dir) == before


def test_window_opens_with_a_not_saved_banner(read_only):
    result = read_only.run("-m", "gdgame", "--startup-probe", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "first window shown (not saved banner)" in result.stdout


def test_deck_export_reads_the_read_only_folder_directly(read_only):
    before = _snapshot(read_only.paths.data_dir)
    target = read_only.base / "out" / "deck.csv"
    result = read_only.run("-m", "gdgame", "deck", "export", str(target), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "My own card" in target.read_text(encoding="utf-8")
    assert _snapshot(read_only.paths.data_dir) == before


def test_deck_import_says_the_folder_is_read_only_and_changes_nothing(read_only):
    before = _snapshot(read_only.paths.data_dir)
    deck = read_only.base / "out" / "deck.csv"
    deck.write_text("front,back\nNew,card\n", encoding="utf-8")
    result = read_only.run("-m", "gdgame", "deck", "import", str(deck), timeout=60)
    assert result.returncode == 1
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert _snapshot(read_only.paths.data_dir) == before


def test_db_check_and_stats_read_the_read_only_folder(read_only):
    before = _snapshot(read_only.paths.data_dir)
    check = read_only.run("-m", "gdgame", "db", "check", timeout=60)
    assert check.returncode == 0 and "reads fine" in check.stdout, check.stderr
    stats = read_only.run(
        "-c",
        "import sys; from gdgame.study.stats import read_stats_file; "
        "print(read_stats_file(sys.argv[1]).states)",
        str(read_only.paths.database),
        timeout=60,
    )
    assert stats.returncode == 0, stats.stderr
    cards = len(load_glossary()) + 1  # the glossary cards and the user's own
    assert f"'new': {cards}" in stats.stdout
    assert _snapshot(read_only.paths.data_dir) == before


def test_logs_fall_back_to_a_temporary_folder(read_only):
    result = read_only.run(
        "-c",
        "import sys, logging; from pathlib import Path; from gdgame import logs; "
        "used = logs.setup(Path(sys.argv[1])); logging.getLogger('gdgame').error('hello'); "
        "print(used); print(used.read_text())",
        str(read_only.paths.log_file),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    used, text = result.stdout.split("\n", 1)
    assert Path(used).is_relative_to(read_only.tmp)
    assert "cannot write the log in" in text and "hello" in text


def test_a_writable_folder_has_no_problem(tmp_path):
    paths = resolve(tmp_path / "data")
    assert paths.write_problem() is None
    assert paths.config_dir.is_dir() and paths.log_dir.is_dir()
    assert list(paths.data_dir.iterdir()) != []  # folders made, no test file left behind
    assert not [p for p in paths.data_dir.rglob("*") if "write-test" in p.name]


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


def test_temporary_copy_keeps_progress_and_settings_and_is_discarded_after(tmp_path):
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
        copy.log_file.write_text("log line")
        copy.discard_temporary_copy()
        assert [p.name for p in copy.data_dir.iterdir()] == ["logs"]
        assert copy.log_file.read_text() == "log line"
        with pytest.raises(ValueError):
            paths.discard_temporary_copy()  # never the real folder
        assert paths.database.read_bytes() == b"db bytes"
    finally:
        shutil.rmtree(copy.data_dir)


def _setup_log(log_file: Path, tmp: Path) -> subprocess.CompletedProcess:
    """Run logs.setup(log_file) in a fresh process with TMPDIR=tmp; print the file used."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, logging; from pathlib import Path; from gdgame import logs; "
            "used = logs.setup(Path(sys.argv[1])); logging.getLogger('gdgame').error('hello'); "
            "print(used)",
            str(log_file),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "TMPDIR": str(tmp)},
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "device link"])
def test_a_log_path_that_is_not_a_regular_file_falls_back_without_hanging(tmp_path, kind):
    log_file = tmp_path / "logs" / "gdgame.log"
    log_file.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(log_file)  # opening it for writing would block start-up forever
    elif kind == "folder":
        log_file.mkdir()
    else:
        log_file.symlink_to(os.devnull)  # a character device
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    result = _setup_log(log_file, tmp)
    assert result.returncode == 0, result.stderr
    used = Path(result.stdout.strip())
    assert used.is_relative_to(tmp) and used.is_file()
    text = used.read_text()
    assert "not a regular file" in text and "hello" in text
    assert stat.S_IMODE(used.parent.stat().st_mode) == 0o700


def _hostile_fallback(tmp_path: Path, make) -> tuple[subprocess.CompletedProcess, Path]:
    log_file = tmp_path / "logs" / "gdgame.log"
    log_file.parent.mkdir()
    os.mkfifo(log_file)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    folder = tmp / f"gdgame-logs-{os.getuid()}"
    make(folder)
    return _setup_log(log_file, tmp), folder


def test_a_fallback_log_folder_that_is_a_link_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result, _folder = _hostile_fallback(tmp_path, lambda f: f.symlink_to(elsewhere))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"  # the log goes to the terminal
    assert "not a plain folder" in result.stderr and "hello" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_fallback_log_folder_of_another_user_is_refused(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")

    def foreign(folder: Path) -> None:
        folder.mkdir(mode=0o777)
        os.chown(folder, NOBODY, NOBODY)

    result, folder = _hostile_fallback(tmp_path, foreign)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"
    assert "belongs to another user" in result.stderr
    assert list(folder.iterdir()) == []


def test_a_data_folder_name_too_long_is_a_problem_not_a_crash(tmp_path):
    problem = resolve(tmp_path / ("a" * 300)).write_problem()
    assert problem is not None and "too long" in problem
