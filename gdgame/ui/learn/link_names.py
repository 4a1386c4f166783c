"""Friendly names for the Hike levels, Lab presets and glossary terms a chapter links to.

Level names come from the shared table :mod:`gdgame.display_names`; the others are read
from the other areas' data when it is there; otherwise the id is turned into words
("overshoot-zone" -> "Overshoot zone"), so a link always has a label.
"""

from __future__ import annotations

from functools import cache

from gdgame import resources
from gdgame.display_names import level_name, read_toml_or_empty, words_from_id


@cache
def _glossary_names() -> dict[str, str]:
    try:
        data = read_toml_or_empty(resources.path("glossary.toml"))
    except FileNotFoundError:
        return {}
    names = {}
    for entry in data.get("term", []):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            names[entry["id"]] = str(entry.get("term") or words_from_id(entry["id"]))
    return names


def level_title(level_id: str) -> str:
    return level_name(level_id)


def preset_title(preset_id: str) -> str:
    try:
        from gdgame.engine.presets import get_preset

        return get_preset(preset_id).title
    except (ImportError, KeyError, AttributeError):
        return words_from_id(preset_id)


def term_name(term_id: str) -> str:
    return _glossary_names().get(term_id) or words_from_id(term_id)
