"""The Hike game rules, levels, scoring and saved progress (no Qt).

``from gdgame.game import load_levels, Hike`` is all a caller needs to play:
``hike = Hike(load_levels()[0]); result = hike.step(0.5); result.kind``.
The names below are imported on first use, so a light module of this package does not
bring in every other (and the app's start-up preloads them one at a time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gdgame.lazy_names import lazy_names

if TYPE_CHECKING:  # for readers and type checkers (and gdgame.ui.preload reads them too)
    from gdgame.game import hints, messages, regimes, scoring
    from gdgame.game.campaign import Campaign
    from gdgame.game.hike import Hike, StepResult, check_rate
    from gdgame.game.levels import (
        Goal,
        Level,
        LevelError,
        load_level_file,
        load_levels,
        parse_level,
    )
    from gdgame.game.messages import STEP_KINDS

_HOMES = {
    "Campaign": "gdgame.game.campaign",
    "Hike": "gdgame.game.hike",
    "StepResult": "gdgame.game.hike",
    "check_rate": "gdgame.game.hike",
    "Goal": "gdgame.game.levels",
    "Level": "gdgame.game.levels",
    "LevelError": "gdgame.game.levels",
    "load_level_file": "gdgame.game.levels",
    "load_levels": "gdgame.game.levels",
    "parse_level": "gdgame.game.levels",
    "STEP_KINDS": "gdgame.game.messages",
}

__all__ = [
    "STEP_KINDS",
    "hints",
    "messages",
    "regimes",
    "scoring",
    "Campaign",
    "Goal",
    "Hike",
    "Level",
    "LevelError",
    "StepResult",
    "check_rate",
    "load_level_file",
    "load_levels",
    "parse_level",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())
