"""The gdgame command: --version, python -m gdgame, and the offscreen smoke test."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from gdgame import __version__, cli, logs
from gdgame.paths import DataDirError, resolve


def _run(*args, env=None, timeout=60):
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "gdgame", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
    )


def test_version_flag():
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"gdgame {__version__}"


def test_unknown_flag_is_a_usage_error_not_a_traceback():
    result = _run("--no-such-flag")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage: gdgame" in result.stderr


def test_smoke_test_visits_every_screen_and_uses_data_dir(tmp_path):
    data = tmp_path / "data"
    result = _run("--smoke-test", "--data-dir", str(data), timeout=240)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "smoke test passed" in result.stdout
    assert "screen home: ok" in result.stdout
    assert "animated descent drew" in result.stdout
    assert "Traceback" not in output
    assert (data / "logs").is_dir() and (data / "config" / "gdgame.ini").is_file()


def test_environment_variable_sets_data_dir_and_window_opens(tmp_path):
    data = tmp_path / "envdata"
    result = _run("--startup-probe", env={"GDGAME_DATA_DIR": str(data)}, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines.index("first window shown") < lines.index("interactive")  # then it closed
    assert (data / "config" / "gdgame.ini").is_file()


def test_startup_stalls_probe_reports_the_longest_blocked_turn(tmp_path):
    result = _run("--startup-stalls", "--data-dir", str(tmp_path / "data"), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "first window shown"
    assert lines[1].startswith("longest blocked turn: ") and lines[1].endswith(" ms")
    assert float(lines[1].split(": ")[1].split()[0]) >= 0.0


def _home(tmp_path):
    home = tmp_path / "home"
    return home, {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "GDGAME_DATA_DIR": "",
    }


@pytest.mark.parametrize(
    "args",
    [("--startup-probe",), ("deck", "export", "{out}"), ("db", "check"), ("db", "recover")],
)
def test_an_empty_data_dir_is_refused_not_the_real_folders_used(tmp_path, args):
    home, env = _home(tmp_path)
    out = tmp_path / "out.csv"
    result = _run("--data-dir", "", *(a.format(out=out) for a in args), env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--data-dir needs a folder name" in result.stderr
    assert "Traceback" not in result.stderr
    assert not home.exists() and not out.exists()  # the user's real folders were never touched


def test_an_empty_environment_variable_counts_as_unset(tmp_path, monkeypatch):
    monkeypatch.setenv("GDGAME_DATA_DIR", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve().data_dir == tmp_path / "xdg" / "gdgame"
    with pytest.raises(DataDirError):
        resolve("")


def test_a_data_dir_name_too_long_gets_a_message_not_a_traceback(tmp_path):
    folder = tmp_path / ("a" * 300)
    for args in (("db", "check"), ("db", "recover"), ("deck", "export", str(tmp_path / "o.csv"))):
        result = _run("--data-dir", str(folder), *args)
        assert result.returncode == 1, result.stderr
        assert "File name too long" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_import_reports_success_on_a_terminal_that_cannot_show_the_file_name(tmp_path):
    deck = tmp_path / "café.csv"
    deck.write_text("front,back\nA word,its meaning\n")
    result = _run(
        "--data-dir", str(tmp_path / "data"), "deck", "import", str(deck),
        env={"PYTHONIOENCODING": "ascii"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Read 1 row from" in result.stdout and "caf\\xe9.csv" in result.stdout
    assert "Traceback" not in result.stderr


def _drop_log_file() -> None:
    if logs._handler is not None:
        logging.getLogger(logs.LOGGER_NAME).removeHandler(logs._handler)
        logs._handler.close()
        logs._handler, logs._file = None, None


@pytest.fixture
def own_log():
    _drop_log_file()  # an earlier test in this process may have opened its own log file
    yield
    _drop_log_file()  # the next test starts without ours


def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_the_log(
    tmp_path, monkeypatch, capsys, own_log
):
    from gdgame.study import db_cli

    def broken(argv):
        raise KeyError("something nobody planned for")

    monkeypatch.setattr(db_cli, "main", broken)
    data = tmp_path / "data"
    assert cli.main(["--data-dir", str(data), "db", "check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "something nobody planned for" in err
    assert str(data / "logs" / "gdgame.log") in err and "Traceback" not in err
    log_text = (data / "logs" / "gdgame.log").read_text()
    assert "Traceback" in log_text and "KeyError" in log_text


def test_a_failing_smoke_test_stops_the_workers_and_exits_1_not_abort(tmp_path):
    """A study database from a newer gdgame makes the smoke test fail; it must report and
    exit 1, not abort with 'QThread: Destroyed while thread ... is still running'."""
    import sqlite3

    from gdgame.paths import resolve
    from gdgame.study import schema
    from gdgame.study.collection import Collection

    paths = resolve(tmp_path / "data").ensure()
    Collection.open(paths.database).close()
    with sqlite3.connect(paths.database) as conn:
        conn.execute(
            "UPDATE schema_versions SET version = 99 WHERE component = ?", (schema.COMPONENT,)
        )
    conn.close()
    result = _run("--smoke-test", "--data-dir", str(tmp_path / "data"), timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "smoke test FAILED" in result.stdout
    assert "QThread: Destroyed" not in result.stderr
