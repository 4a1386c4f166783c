"""Hike levels: the data files in ``resources/levels`` and their validation (no Qt).

Each level is one TOML file; files are played in the order of their names
(``01-gentle-bowl.toml``, ``02-steep-bowl.toml`` ...). A malformed file raises
:class:`LevelError` naming the file and the field at fault.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gdgame import engine, resources
from gdgame.ids import CORE_GLOSSARY_TERMS as GLOSSARY_TERMS
from gdgame.ids import LEARN_SECTIONS

GOAL_KINDS = ("loss", "radius")
HINT_TEXTS = 2
"""Each level writes two hint rungs: a nudge, then the principle (the numbers are computed)."""
RANDOM_LANDSCAPE = "random"


class LevelError(ValueError):
    """A level file is missing a field or holds a bad value."""

    def __init__(self, source: str, field_name: str, problem: str):
        self.source = source
        self.field = field_name
        super().__init__(f"{source}: field '{field_name}': {problem}")


@dataclass(frozen=True)
class Goal:
    """Reach a loss within ``tolerance`` of the global minimum, or a point within a radius."""

    kind: str
    tolerance: float

    def describe(self) -> str:
        if self.kind == "radius":
            return f"get within {self.tolerance:g} of the lowest point"
        return f"get the altitude within {self.tolerance:g} of the lowest possible"


@dataclass(frozen=True)
class Solution:
    """How a good player wins the level with three stars, and why.

    ``rates`` are typed in order, the last one repeated until the level ends; on schedule
    levels ``decay`` is set first. Par comes from this strategy (a test plays it).
    """

    rates: tuple[float, ...]
    why: str
    decay: float = 1.0

    def rate_at(self, step_index: int) -> float:
        return self.rates[min(step_index, len(self.rates) - 1)]


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    concept: str
    chapter: str
    terms: tuple[str, ...]
    landscape: str
    params: dict[str, Any]
    start: tuple[float, ...]
    goal: Goal
    step_budget: int
    par: int
    two_star: int
    hints: tuple[str, ...] = ()
    noise: float = 0.0
    allow_schedule: bool = False
    intro: str = ""
    seed: int = 0
    solution: Solution | None = None
    show_maths: bool = False
    win_note: str = ""
    source: str = field(default="", compare=False)

    @property
    def dim(self) -> int:
        return len(self.start)

    @property
    def stochastic(self) -> bool:
        """Whether the felt slope wobbles: Gaussian noise, or mini-batches of real data."""
        return self.noise > 0 or self.params.get("batch_size") is not None

    def build_landscape(self):
        """The engine landscape this level is played on."""
        if self.landscape == RANDOM_LANDSCAPE:
            return engine.random_landscape(**self.params)
        return engine.get_landscape(self.landscape, **self.params)


def _require(data: dict, key: str, kinds: type | tuple[type, ...], source: str):
    if key not in data:
        raise LevelError(source, key, "is missing")
    value = data[key]
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        raise LevelError(source, key, f"must be {_kind_name(kinds)}, not true/false")
    if not isinstance(value, kinds):
        raise LevelError(source, key, f"must be {_kind_name(kinds)}, got {value!r}")
    return value


def _kind_name(kinds) -> str:
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    names.update({list: "a list", dict: "a table"})
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _text(data: dict, key: str, source: str) -> str:
    value = _require(data, key, str, source).strip()
    if not value:
        raise LevelError(source, key, "must not be empty")
    return value


def _positive_int(data: dict, key: str, source: str) -> int:
    value = _require(data, key, int, source)
    if value <= 0:
        raise LevelError(source, key, f"must be a positive whole number, got {value}")
    return value


def _number(value: Any, key: str, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LevelError(source, key, f"must be a number, got {value!r}")
    if not math.isfinite(value):
        raise LevelError(source, key, f"must be a finite number, got {value!r}")
    return float(value)


def _goal(data: dict, source: str) -> Goal:
    goal = _require(data, "goal", dict, source)
    kind = goal.get("kind", "loss")
    if kind not in GOAL_KINDS:
        raise LevelError(source, "goal.kind", f"must be one of {', '.join(GOAL_KINDS)}")
    if "tolerance" not in goal:
        raise LevelError(source, "goal.tolerance", "is missing")
    tolerance = _number(goal["tolerance"], "goal.tolerance", source)
    if tolerance <= 0:
        raise LevelError(source, "goal.tolerance", "must be greater than 0")
    return Goal(kind=kind, tolerance=tolerance)


def parse_level(data: dict, source: str = "<level>") -> Level:
    """Validate one level's table; ``source`` names it in error messages."""
    level_id = _text(data, "id", source)
    if not all(c.isalnum() or c == "-" for c in level_id) or level_id != level_id.lower():
        raise LevelError(source, "id", "use lowercase letters, digits and '-' only")
    chapter = _text(data, "chapter", source)
    if chapter not in LEARN_SECTIONS:
        raise LevelError(source, "chapter", f"unknown lesson section {chapter!r}")
    terms = _require(data, "terms", list, source)
    if not terms or not all(isinstance(t, str) and t for t in terms):
        raise LevelError(source, "terms", "must be a non-empty list of glossary ids")
    unknown = [t for t in terms if t not in GLOSSARY_TERMS]
    if unknown:
        raise LevelError(source, "terms", f"unknown glossary ids: {', '.join(unknown)}")
    landscape = _text(data, "landscape", source)
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise LevelError(source, "params", "must be a table")
    start_raw = _require(data, "start", list, source)
    if len(start_raw) not in (1, 2):
        raise LevelError(source, "start", "must hold 1 or 2 coordinates")
    start = tuple(_number(v, "start", source) for v in start_raw)
    budget = _positive_int(data, "step_budget", source)
    par = _positive_int(data, "par", source)
    two_star = _positive_int(data, "two_star", source)
    if not par <= two_star <= budget:
        raise LevelError(source, "par", "need par <= two_star <= step_budget")
    hints = data.get("hints", [])
    if not isinstance(hints, list) or not all(isinstance(h, str) and h for h in hints):
        raise LevelError(source, "hints", "must be a list of texts")
    if len(hints) != HINT_TEXTS:
        raise LevelError(source, "hints", "must hold two texts: a nudge, then the principle")
    noise = _number(data.get("noise", 0.0), "noise", source)
    if noise < 0:
        raise LevelError(source, "noise", "must be 0 or more")
    allow_schedule = data.get("allow_schedule", False)
    if not isinstance(allow_schedule, bool):
        raise LevelError(source, "allow_schedule", "must be true or false")
    seed = data.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise LevelError(source, "seed", "must be a whole number")
    intro = data.get("intro", "")
    if not isinstance(intro, str):
        raise LevelError(source, "intro", "must be text")
    show_maths = data.get("show_maths", False)
    if not isinstance(show_maths, bool):
        raise LevelError(source, "show_maths", "must be true or false")
    win_note = data.get("win_note", "")
    if not isinstance(win_note, str):
        raise LevelError(source, "win_note", "must be text")
    return Level(
        id=level_id,
        title=_text(data, "title", source),
        concept=_text(data, "concept", source),
        chapter=chapter,
        terms=tuple(terms),
        landscape=landscape,
        params=dict(params),
        start=start,
        goal=_goal(data, source),
        step_budget=budget,
        par=par,
        two_star=two_star,
        hints=tuple(hints),
        noise=noise,
        allow_schedule=allow_schedule,
        intro=intro.strip(),
        seed=seed,
        solution=_solution(data, source),
        show_maths=show_maths,
        win_note=" ".join(win_note.split()),
        source=source,
    )


def _solution(data: dict, source: str) -> Solution | None:
    if "solution" not in data:
        return None
    table = _require(data, "solution", dict, source)
    rates = _require(table, "rates", list, source + " [solution]")
    if not rates:
        raise LevelError(source, "solution.rates", "must list at least one rate")
    values = tuple(_number(r, "solution.rates", source) for r in rates)
    if any(r <= 0 for r in values):
        raise LevelError(source, "solution.rates", "every rate must be greater than 0")
    decay = _number(table.get("decay", 1.0), "solution.decay", source)
    if not 0 < decay <= 1:
        raise LevelError(source, "solution.decay", "must be above 0 and at most 1")
    why = _text(table, "why", source + " [solution]")
    return Solution(rates=values, why=" ".join(why.split()), decay=decay)


def _check_landscape(level: Level) -> None:
    try:
        landscape = level.build_landscape()
    except Exception as exc:  # the engine rejects an unknown name or bad params
        raise LevelError(level.source, "landscape", f"cannot build it: {exc}") from exc
    if landscape.dim != level.dim:
        raise LevelError(
            level.source,
            "start",
            f"has {level.dim} coordinates but the landscape is {landscape.dim}D",
        )


def load_level_file(path: str | Path, check_landscape: bool = True) -> Level:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise LevelError(path.name, "(file)", f"not valid TOML: {exc}") from exc
    except OSError as exc:
        raise LevelError(path.name, "(file)", f"cannot be read: {exc}") from exc
    level = parse_level(data, source=path.name)
    if check_landscape:
        _check_landscape(level)
    return level


def load_levels(folder: str | Path | None = None, check_landscape: bool = True) -> list[Level]:
    """All levels of the campaign, in play order (sorted by file name)."""
    folder = Path(folder) if folder is not None else resources.path("levels")
    files = sorted(folder.glob("*.toml"))
    levels = [load_level_file(p, check_landscape) for p in files]
    seen: dict[str, str] = {}
    for level in levels:
        if level.id in seen:
            raise LevelError(level.source, "id", f"{level.id!r} is also used by {seen[level.id]}")
        seen[level.id] = level.source
    return levels
