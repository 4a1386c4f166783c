"""The Hike game rules, levels, scoring and saved progress (no Qt).

``from gdgame.game import load_levels, Hike`` is all a caller needs to play:
``hike = Hike(load_levels()[0]); result = hike.step(0.5); result.kind``.
"""

from gdgame.game import hints, messages, regimes, scoring
from gdgame.game.campaign import Campaign
from gdgame.game.hike import Hike, StepResult, check_rate
from gdgame.game.levels import Goal, Level, LevelError, load_level_file, load_levels, parse_level
from gdgame.game.messages import STEP_KINDS

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
