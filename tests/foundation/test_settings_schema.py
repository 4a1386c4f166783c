"""The settings schema (Qt-free): every key gdgame reads has a type, a range and a default."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from gdgame import settings_schema
from gdgame.ids import LEARN_SECTIONS
from gdgame.settings_schema import check, schema, setting_for, stored_form

PACKAGE = Path(settings_schema.__file__).parent
GROUPS = ("window", "view", "lab", "hike", "learn", "cards", "quiz", "stats", "home")
KEY_LITERAL = re.compile(r"""["']((?:""" + "|".join(GROUPS) + r""")/[A-Za-z0-9_/]*)["']""")


def _keys_in_code() -> set[str]:
    """Every settings key written as a string literal anywhere in gdgame/ (the schema aside)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "settings_schema.py":
            continue
        for key in KEY_LITERAL.findall(path.read_text(encoding="utf-8")):
            found.add(key + "*" if key.endswith("/") else key)  # "learn/scroll/" + section
    return found


def test_every_key_the_code_uses_is_in_the_schema():
    keys = _keys_in_code()
    assert {"lab/speed_index", "hike/rate", "quiz/length", "learn/scroll/*"} <= keys
    missing = sorted(key for key in keys if setting_for(key.replace("*", "x")) is None)
    assert not missing, f"add these keys to gdgame.settings_schema: {missing}"


@pytest.mark.parametrize("setting", schema(), ids=lambda s: s.key)
def test_every_default_is_a_valid_value(setting):
    if setting.default is None:
        return
    result = check(setting, stored_form(setting.default))
    assert result.problem is None and result.value == setting.default


JUNK = [
    "fast",
    "",
    "-99999999999",
    "99999999999999999999999999999",
    "1e309",
    "nan",
    "-inf",
    "\x00\xff\xfe",
    ["a", "b"],
    b"\x00\x01",
    None,
    3.5,
]


@pytest.mark.parametrize("setting", schema(), ids=lambda s: s.key)
def test_junk_gives_a_usable_value_and_a_reason(setting):
    for raw in JUNK:
        result = check(setting, raw)
        if result.problem is None:  # junk that happens to be valid (e.g. "" for a folder)
            assert check(setting, stored_form(result.value)).problem is None
            continue
        assert setting.key in result.problem
        assert result.value == setting.default
        assert result.remove == (setting.default is None)


def test_the_lab_speed_defect_values_fall_back_to_the_default():
    speed = setting_for("lab/speed_index")
    for raw in ("fast", "-99999999999", "nan", "1e400", "3.5", "10"):
        result = check(speed, raw)
        assert result.value == settings_schema.LAB_SPEEDS.index(20), raw
        assert "lab/speed_index" in result.problem
    assert check(speed, "7").value == 7 and check(speed, " 7 ").value == 7
    assert check(speed, "7.0").value == 7  # a whole number written as a float is fine


def test_numbers_must_be_finite_and_in_range():
    rate = setting_for("hike/rate")
    assert check(rate, "0.25").value == 0.25
    for raw in ("nan", "inf", "-1", "0", "11", "1e-5"):
        assert check(rate, raw).value == 0.1, raw
    assert math.isclose(check(rate, "1e-4").value, 1e-4)


def test_yes_no_values_are_read_and_stored_canonically():
    log_loss = setting_for("lab/log_loss")
    assert check(log_loss, "true").value is True
    assert check(log_loss, "1").value is True and stored_form(True) == "true"
    assert check(log_loss, "Off").value is False
    assert check(log_loss, "maybe").value is False
    assert check(log_loss, "maybe").problem


def test_read_sections_keep_the_known_ones_and_drop_junk():
    read = setting_for("learn/read")
    assert check(read, ["summary", "conversation"]).value == "conversation,summary"
    assert check(read, "conversation,summary").problem is None
    assert check(read, "conversation,nonsense").problem  # junk: start over
    assert check(read, "").value == ""


def test_scroll_keys_match_any_section_but_nothing_deeper():
    assert setting_for(f"learn/scroll/{LEARN_SECTIONS[2]}").key == "learn/scroll/*"
    assert setting_for("learn/scroll/a/b") is None
    assert setting_for("unknown/key") is None


def test_texts_refuse_control_characters_and_absurd_lengths():
    folder = setting_for("lab/export_dir")
    assert check(folder, "/home/me/Documents").value == "/home/me/Documents"
    assert check(folder, "bad\x00path").problem
    assert check(folder, "x" * 5000).problem


def test_window_geometry_is_removed_when_it_is_not_bytes():
    geometry = setting_for("window/geometry")
    assert check(geometry, b"\x01\x02").value == b"\x01\x02"
    result = check(geometry, "junk")
    assert result.remove and result.value is None


def test_quiz_settings_follow_the_quiz_engine():
    from gdgame.study.quiz import MAX_LENGTH
    from gdgame.study.quiz_model import MODES

    length = setting_for("quiz/length")
    assert check(length, str(MAX_LENGTH)).problem is None
    assert check(length, str(MAX_LENGTH + 1)).problem
    mode = setting_for("quiz/mode")
    assert all(check(mode, m).problem is None for m in MODES)
