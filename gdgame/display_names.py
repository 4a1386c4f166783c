"""What the app calls things on screen: one table for every id a learner could otherwise see.

Screens never show internal ids ("shallow-bowl", "chapter-3", "rmsprop"); they ask here.
No Qt, so the study and game cores may use it too (e.g. the reason a card came back).

API (every function takes an id and always returns text; an unknown id is turned into
words, "overshoot-zone" -> "Overshoot zone", so a label is never empty):

- :func:`level_name` — a Hike level's title from its level file ("A shallow bowl");
- :func:`landscape_name` — an engine landscape ("Banana valley (Rosenbrock)");
- :func:`optimizer_name` — an optimiser ("SGD with momentum");
- :func:`step_kind_name` — a Hike step kind ("Divergence"), :func:`step_kind_phrase` the
  same inside a sentence ("a divergence");
- :func:`section_name` — a Learn section, short ("Chapter 3", "Memory aids");
  :func:`section_title` — with a chapter's own title ("Chapter 3 · Finding the right rate").

The tables :data:`OPTIMIZER_NAMES`, :data:`STEP_KIND_NAMES` and :data:`SECTION_NAMES` are
plain dicts; tests check they cover every id the engine, game and lesson define.
"""

from __future__ import annotations

import tomllib
from functools import cache

from gdgame import resources

OPTIMIZER_NAMES: dict[str, str] = {
    "sgd": "SGD",
    "momentum": "SGD with momentum",
    "nesterov": "Nesterov momentum",
    "adagrad": "Adagrad",
    "rmsprop": "RMSprop",
    "adam": "Adam",
}

STEP_KIND_NAMES: dict[str, str] = {
    "descent": "Descent",
    "overshoot": "Overshoot",
    "divergence": "Divergence",
    "crawl": "Crawl",
    "stuck": "Stuck",
    "noisy": "Noisy step",
    "won": "Level won",
}
_STEP_KIND_PHRASES: dict[str, str] = {
    "descent": "a step downhill",
    "overshoot": "an overshoot",
    "divergence": "a divergence",
    "crawl": "a crawl",
    "stuck": "getting stuck",
    "noisy": "a noisy step",
    "won": "a win",
}

SECTION_NAMES: dict[str, str] = {
    "conversation": "Conversation",
    "summary": "Summary",
    "chapter-1": "Chapter 1",
    "chapter-2": "Chapter 2",
    "chapter-3": "Chapter 3",
    "chapter-4": "Chapter 4",
    "chapter-5": "Chapter 5",
    "chapter-6": "Chapter 6",
    "concepts": "Concepts & examples",
    "memory-aids": "Memory aids",
}


def words_from_id(item_id: str) -> str:
    """ "overshoot-zone" -> "Overshoot zone": the last resort for an id with no entry."""
    text = str(item_id).replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def read_toml_or_empty(path) -> dict:
    """The TOML file's table, or {} when it cannot be read or parsed."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


@cache
def _level_titles() -> dict[str, str]:
    """Level id -> title, read from the level files (only their ``id`` and ``title``)."""
    try:
        folder = resources.path("levels")
    except FileNotFoundError:
        return {}
    titles = {}
    for path in sorted(folder.glob("*.toml")):
        data = read_toml_or_empty(path)
        if isinstance(data.get("id"), str) and isinstance(data.get("title"), str):
            titles[data["id"]] = data["title"]
    return titles


def level_name(level_id: str) -> str:
    return _level_titles().get(str(level_id)) or words_from_id(level_id)


@cache
def _landscape_titles() -> dict[str, str]:
    try:
        from gdgame.engine import get_landscape, list_landscapes
    except ImportError:  # pragma: no cover - the engine ships with the app
        return {}
    titles = {}
    for name in list_landscapes():
        try:
            titles[name] = str(get_landscape(name).title)
        except Exception:  # noqa: BLE001 - a name is still better than a crash
            continue
    return titles


def landscape_name(landscape_id: str) -> str:
    return _landscape_titles().get(str(landscape_id)) or words_from_id(landscape_id)


def optimizer_name(optimizer_id: str) -> str:
    key = str(optimizer_id).strip().lower()
    return OPTIMIZER_NAMES.get(key) or words_from_id(optimizer_id)


def step_kind_name(kind: str) -> str:
    return STEP_KIND_NAMES.get(str(kind)) or words_from_id(kind)


def step_kind_phrase(kind: str) -> str:
    return _STEP_KIND_PHRASES.get(str(kind)) or words_from_id(kind).lower()


def section_name(section_id: str) -> str:
    return SECTION_NAMES.get(str(section_id)) or words_from_id(section_id)


@cache
def _chapter_titles() -> dict[str, str]:
    try:
        from gdgame.lesson import load_lesson

        lesson = load_lesson()
    except Exception:  # noqa: BLE001 - the short name still works without the lesson
        return {}
    return {chapter.section_id: chapter.title for chapter in lesson.chapters}


def section_title(section_id: str) -> str:
    """The short name, plus the chapter's own title for a chapter."""
    title = _chapter_titles().get(str(section_id))
    short = section_name(section_id)
    return f"{short} · {title}" if title else short


def literal_ampersands(text: str) -> str:
    """``text`` for a Qt button or menu, where a lone "&" marks a shortcut letter and
    disappears: "Concepts & examples" must not show as "Concepts _examples"."""
    return str(text).replace("&", "&&")
