"""Fuzz gdgame.ini: random junk in every key (strings, huge and negative numbers, nan, empty
values, binary bytes, fake Qt variants) and still every screen opens, nothing is logged as a
traceback, and the file comes out with valid values (issue 13, proof).

The subprocess test runs the real ``gdgame --smoke-test`` twice: once to write a real
gdgame.ini, once after the junk went into every key. Other seeds: GDGAME_FUZZ_SEED=n.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gdgame.ids import LEARN_SECTIONS
from gdgame.settings_schema import check, schema, setting_for
from gdgame.ui.context import AppContext

SEED = int(os.environ.get("GDGAME_FUZZ_SEED", "20261128"))
SCREENS = ("home", "hike", "lab", "learn", "cards", "quiz", "stats")
JUNK: list[bytes] = [
    b"fast",
    b"",
    b"   ",
    b"-99999999999",
    b"99999999999999999999999999999999999999",
    b"1e309",
    b"-1e400",
    b"nan",
    b"NaN",
    b"inf",
    b"-inf",
    b"-1",
    b"3.5",
    b"maybe",
    b"a,b,c",
    b'"unterminated',
    b"\x00\x01\x02\xff\xfe",
    b"\xc3\x28\xa0\xa1",  # invalid UTF-8
    b"@ByteArray(\x00\xff)",
    b"@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x5QRect)",
    b"@Variant(garbage",
    b"\\x1\\x2\\x3",
    b"[]",
    b"x" * 5000,
]


def every_key(extra: set[str] = frozenset()) -> list[str]:
    """Every key the schema knows (patterns expanded) plus those a real run wrote."""
    keys = set(extra)
    for setting in schema():
        if setting.key.endswith("/*"):
            keys.update(setting.key[:-1] + section for section in LEARN_SECTIONS)
        else:
            keys.add(setting.key)
    return sorted(keys)


def write_junk(ini: Path, keys: list[str], rng: random.Random) -> dict[str, bytes]:
    """An INI file with one random piece of junk per key (raw bytes, as a damaged file has)."""
    groups: dict[str, list[tuple[str, bytes]]] = {}
    chosen = {}
    for key in keys:
        group, _, name = key.partition("/")
        junk = rng.choice(JUNK)
        chosen[key] = junk
        groups.setdefault(group, []).append((name.replace("/", "\\"), junk))
    lines = []
    for group, entries in groups.items():
        lines.append(f"[{group}]".encode())
        lines.extend(name.encode() + b"=" + junk for name, junk in entries)
        lines.append(b"")
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_bytes(b"\n".join(lines))
    return chosen


def run_smoke(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GDGAME_DATA_DIR": str(folder)}
    return subprocess.run(
        [sys.executable, "-m", "gdgame", "--data-dir", str(folder), "--smoke-test"],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=300,
        env=env,
    )


def assert_all_valid(ini: Path) -> None:
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    for key in settings.allKeys():
        setting = setting_for(key)
        if setting is not None:
            result = check(setting, settings.value(key), key)
            assert result.problem is None, result.problem


def test_junk_in_every_key_of_a_real_ini_and_every_screen_still_opens(tmp_path):
    folder = tmp_path / "data"
    first = run_smoke(folder)
    assert first.returncode == 0, first.stdout + first.stderr
    ini = folder / "config" / "gdgame.ini"
    written = set(QSettings(str(ini), QSettings.Format.IniFormat).allKeys())
    assert {"lab/speed_index", "window/geometry", "quiz/length"} <= written  # a real file
    keys = every_key(written)
    chosen = write_junk(ini, keys, random.Random(SEED))
    log = folder / "logs" / "gdgame.log"
    log_before = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    result = run_smoke(folder)

    output = result.stdout + result.stderr
    assert result.returncode == 0, f"seed {SEED}\n{output[-3000:]}"
    assert "smoke test passed" in result.stdout
    for screen in SCREENS:
        assert f"screen {screen}: ok" in result.stdout, screen
    new_log = log.read_text(encoding="utf-8", errors="replace")[len(log_before) :]
    assert "Traceback" not in new_log and "Traceback" not in output, new_log[-3000:]
    assert "settings file" in new_log  # the bad values were reported (once each, below)
    for key in keys:
        assert new_log.count(f": {key}=") <= 1, key
    assert_all_valid(ini)
    assert chosen  # (the junk used, shown by pytest on failure)


@pytest.mark.parametrize("seed", range(SEED, SEED + 60))
def test_validation_turns_any_junk_into_valid_values(app_paths, seed):
    write_junk(app_paths.config_dir / "gdgame.ini", every_key(), random.Random(seed))
    AppContext.for_folder(app_paths).settings.sync()
    assert_all_valid(app_paths.config_dir / "gdgame.ini")


@pytest.mark.parametrize("seed", range(SEED, SEED + 3))
def test_every_screen_builds_on_junk_settings_in_process(qtbot, app_paths, seed, caplog):
    from gdgame.ui.main_window import MainWindow
    from gdgame.ui.screen import BrokenScreen

    write_junk(app_paths.config_dir / "gdgame.ini", every_key(), random.Random(seed))
    window = MainWindow(AppContext.for_folder(app_paths))
    qtbot.addWidget(window)
    try:
        for screen_id, screen in window.screens.items():
            window.navigate(screen_id)
            assert not isinstance(screen, BrokenScreen), screen.error_line
        assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    finally:
        window.shutdown()
