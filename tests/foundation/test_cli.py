"""The gdgame command: --version, python -m gdgame, and the offscreen smoke test."""

from __future__ import annotations

import os
import subprocess
import sys

from gdgame import __version__


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
