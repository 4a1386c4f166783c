"""Every key of ``gdgame.ini``: its type, allowed values and default (no Qt).

The UI reads and writes the file through QSettings (``gdgame.ui.settings_store``); this
module only says what a good value is. :func:`check` turns whatever the file holds (a
string, a list, bytes, anything a hand-edited or damaged file may give) into either the
value itself in its canonical form or a replacement plus a one-line reason, so no screen
ever meets ``speed_index=fast`` or ``rate=nan``.

Keys are grouped by the screen that owns them (``lab/...`` belongs to the Lab); "reset
this screen's settings" removes that group. A key ending in ``/*`` matches any last part
(``learn/scroll/chapter-1``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from gdgame.ids import LEARN_SECTIONS

# The Lab's play speeds in steps per second; ``lab/speed_index`` stores a position in it.
LAB_SPEEDS: tuple[int, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
LAB_DEFAULT_SPEED = 20
APPEARANCES: tuple[str, ...] = ("system", "light", "dark")
HIKE_RATE_RANGE = (1e-4, 10.0)  # the Hike's rate control: log slider from 1e-4 to 10
MAX_TEXT = 4096  # longest path or id worth keeping
MAX_SCROLL = 10_000_000
_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


class Bad(ValueError):
    """A stored value that cannot be used; the message says what was expected."""


@dataclass(frozen=True)
class Setting:
    """One key: ``parse(raw)`` returns the canonical value or raises :class:`Bad`.

    ``default`` is None for keys that are simply left out when missing (window geometry).
    """

    key: str
    default: object
    parse: Callable[[object], object]
    expects: str  # for the log: "a whole number from 0 to 9"

    @property
    def group(self) -> str:
        return self.key.split("/", 1)[0]

    def matches(self, key: str) -> bool:
        if self.key.endswith("/*"):
            prefix = self.key[:-1]
            return key.startswith(prefix) and "/" not in key[len(prefix) :]
        return key == self.key


@dataclass(frozen=True)
class Checked:
    """The outcome of :func:`check`: the value to use and, if it had to change, why."""

    value: object
    problem: str | None = None
    remove: bool = field(default=False)  # no usable value and no default: drop the key


def _text(raw: object) -> str:
    if isinstance(raw, bytes | bytearray):
        raise Bad("bytes")
    if not isinstance(raw, str):
        raise Bad(type(raw).__name__)
    return raw.strip()


def boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Bad(text)


def whole(low: int, high: int) -> Callable[[object], int]:
    def parse(raw: object) -> int:
        if isinstance(raw, bool):
            raise Bad("a yes/no value")
        if isinstance(raw, int):
            value = raw
        else:
            text = _text(raw)
            try:
                value = int(text)
            except ValueError:
                try:
                    number = float(text)
                except ValueError:
                    raise Bad(text) from None
                if not math.isfinite(number) or number != int(number):
                    raise Bad(text) from None
                value = int(number)
        if not low <= value <= high:
            raise Bad(str(value))
        return value

    return parse


def number(low: float, high: float) -> Callable[[object], float]:
    def parse(raw: object) -> float:
        if isinstance(raw, bool):
            raise Bad("a yes/no value")
        try:
            value = float(raw) if isinstance(raw, int | float) else float(_text(raw))
        except (ValueError, OverflowError):
            raise Bad(str(raw)) from None
        if not (math.isfinite(value) and low <= value <= high):
            raise Bad(str(value))
        return value

    return parse


def choice(options: tuple[str, ...]) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        text = _text(raw)
        if text not in options:
            raise Bad(text)
        return text

    return parse


def text(raw: object) -> str:
    value = _text(raw)
    if len(value) > MAX_TEXT or any(ord(c) < 32 for c in value):
        raise Bad("unusable text")
    return value


def subset(options: tuple[str, ...]) -> Callable[[object], str]:
    """A comma-separated list of known ids (QSettings may hand it over as a list)."""

    def parse(raw: object) -> str:
        parts = raw if isinstance(raw, list | tuple) else _text(raw).split(",")
        names = [_text(part) for part in parts]
        known = [name for name in options if name in names]
        if len(known) != len([name for name in names if name]):
            raise Bad(",".join(names))
        return ",".join(known)

    return parse


def json_of(check_data: Callable[[object], object]) -> Callable[[object], str]:
    """JSON text whose data ``check_data`` accepts (it raises ValueError otherwise);
    the canonical form is compact JSON with sorted keys. Empty text means "nothing saved"."""

    def parse(raw: object) -> str:
        value = text(raw)
        if not value:
            return ""
        try:
            data = json.loads(value)
        except (ValueError, RecursionError):
            raise Bad("not JSON") from None
        try:
            check_data(data)
        except (ValueError, TypeError, RecursionError) as error:
            raise Bad(str(error)) from None
        return json.dumps(data, sort_keys=True, separators=(",", ":"))

    return parse


MAX_FORMULA = 500


def lab_landscape(data: object) -> None:
    """The Lab's saved landscape: kind, parameters, formula, seed, dimension, difficulty."""
    from gdgame.engine import list_landscapes

    if not isinstance(data, dict) or set(data) - LAB_LANDSCAPE_FIELDS:
        raise ValueError("a landscape set-up is a table of known fields")
    if data.get("kind") not in (*list_landscapes(), "custom"):
        raise ValueError("unknown landscape")
    params = data.get("params", {})
    if not isinstance(params, dict) or len(params) > 8:
        raise ValueError("parameters must be a small table")
    for value in params.values():
        values = value if isinstance(value, list) else [value]
        if len(values) > 8 or not all(_plain_number(v) for v in values):
            raise ValueError("parameters must be numbers")
    formula = data.get("formula", "")
    if not isinstance(formula, str) or len(formula) > MAX_FORMULA:
        raise ValueError("the formula must be a short text")
    if not (isinstance(data.get("seed", 0), int) and 0 <= data.get("seed", 0) <= 1_000_000):
        raise ValueError("the seed must be a whole number")
    if data.get("dim", 2) not in (1, 2) or isinstance(data.get("dim", 2), bool):
        raise ValueError("the Lab draws 1-D and 2-D landscapes")
    difficulty = data.get("difficulty", 0.5)
    if not (_plain_number(difficulty) and 0 <= difficulty <= 1):
        raise ValueError("difficulty goes from 0 to 1")


LAB_LANDSCAPE_FIELDS = {"kind", "params", "formula", "seed", "dim", "difficulty"}


def _plain_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def lab_hikers(data: object) -> None:
    from gdgame.engine.presets import hikers_from_list

    hikers_from_list(data)


def blob(raw: object) -> bytes:
    """Opaque bytes saved by Qt (window geometry); QSettings gives a QByteArray."""
    if isinstance(raw, bytes | bytearray):
        return bytes(raw)
    if type(raw).__name__ == "QByteArray":  # checked by name: this module has no Qt
        return bytes(raw.data())
    raise Bad(type(raw).__name__)


def _entries() -> tuple[Setting, ...]:
    from gdgame.ids import SUMMARY_DEPTHS  # light modules only: this runs at start-up
    from gdgame.study.quiz_model import MAX_LENGTH as quiz_length_max
    from gdgame.study.quiz_model import MODES, MULTIPLE_CHOICE

    rate_lo, rate_hi = HIKE_RATE_RANGE
    speeds = len(LAB_SPEEDS) - 1
    return (
        Setting("window/geometry", None, blob, "window geometry saved by gdgame"),
        Setting("window/state", None, blob, "window state saved by gdgame"),
        Setting("window/screen", "home", text, "a screen id"),
        Setting("view/appearance", "system", choice(APPEARANCES), "system, light or dark"),
        Setting("view/reduce_motion", False, boolean, "true or false"),
        Setting(
            "lab/speed_index",
            LAB_SPEEDS.index(LAB_DEFAULT_SPEED),
            whole(0, speeds),
            f"a whole number from 0 to {speeds}",
        ),
        Setting("lab/log_loss", False, boolean, "true or false"),
        Setting("lab/export_dir", "", text, "a folder"),
        Setting(
            "lab/landscape",
            '{"kind":"himmelblau"}',
            json_of(lab_landscape),
            "a landscape set-up saved by the Lab",
        ),
        Setting("lab/hikers", "", json_of(lab_hikers), "hikers saved by the Lab (1 to 8)"),
        Setting("lab/steps", 60, whole(1, 100_000), "a whole number from 1 to 100000"),
        Setting("lab/noise", 0.0, number(0.0, 5.0), "a number from 0 to 5"),
        Setting("lab/goal_tolerance", 1e-3, number(1e-12, 0.1), "a number from 1e-12 to 0.1"),
        Setting("lab/sweep_low", 1e-4, number(1e-6, 100.0), "a rate from 1e-6 to 100"),
        Setting("lab/sweep_high", 3.0, number(1e-6, 100.0), "a rate from 1e-6 to 100"),
        Setting("lab/sweep_count", 200, whole(2, 10_000), "a whole number from 2 to 10000"),
        Setting("lab/sweep_steps", 50, whole(1, 5000), "a whole number from 1 to 5000"),
        Setting("lab/view_3d", False, boolean, "true or false"),
        Setting("lab/vectors", False, boolean, "true or false"),
        Setting("hike/rate", 0.1, number(rate_lo, rate_hi), f"a rate from {rate_lo} to {rate_hi}"),
        Setting("hike/log_y", False, boolean, "true or false"),
        Setting("hike/sound", False, boolean, "true or false"),
        Setting("hike/last_level", "", text, "a level id"),
        Setting("hike/show_maths", None, boolean, "true or false (missing: the level decides)"),
        Setting(
            "learn/section",
            LEARN_SECTIONS[0],
            choice(LEARN_SECTIONS),
            "a section: " + ", ".join(LEARN_SECTIONS),
        ),
        Setting("learn/read", "", subset(LEARN_SECTIONS), "section ids separated by commas"),
        Setting(
            "learn/scroll/*", 0, whole(0, MAX_SCROLL), f"a whole number from 0 to {MAX_SCROLL}"
        ),
        Setting(
            "learn/summary_depth",
            SUMMARY_DEPTHS[0],
            choice(SUMMARY_DEPTHS),
            ", ".join(SUMMARY_DEPTHS),
        ),
        Setting("cards/last_folder", "", text, "a folder"),
        Setting("quiz/mode", MULTIPLE_CHOICE, choice(MODES), "a quiz mode: " + ", ".join(MODES)),
        Setting(
            "quiz/length",
            10,
            whole(1, quiz_length_max),
            f"a whole number from 1 to {quiz_length_max}",
        ),
    )


_SCHEMA: tuple[Setting, ...] | None = None


def schema() -> tuple[Setting, ...]:
    """Every known key (built on first use: it reads a few constants from the core)."""
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = _entries()
    return _SCHEMA


def setting_for(key: str) -> Setting | None:
    return next((entry for entry in schema() if entry.matches(key)), None)


def stored_form(value: object) -> object:
    """How QSettings writes ``value`` to an INI file (to spot values worth rewriting)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value) if isinstance(value, int) else repr(value)
    return value


def check(setting: Setting, raw: object, key: str | None = None) -> Checked:
    """The value to use for ``raw``: itself (canonical), or the default and the reason.

    ``key`` names the actual key in messages (``learn/scroll/summary``, not the pattern).
    """
    key = key or setting.key
    try:
        value = setting.parse(raw)
    except Bad:
        shown = repr(raw) if len(repr(raw)) <= 80 else repr(raw)[:77] + "..."
        if setting.default is None:
            return Checked(None, f"{key}={shown} is not {setting.expects}; removed", True)
        return Checked(
            setting.default, f"{key}={shown} is not {setting.expects}; using {setting.default!r}"
        )
    except (RecursionError, MemoryError):  # absurd input (a huge nested list): just reset
        return Checked(setting.default, f"{key} is unusable; reset", setting.default is None)
    return Checked(value)


def default_of(key: str) -> object:
    setting = setting_for(key)
    if setting is None:
        raise KeyError(key)
    return setting.default
