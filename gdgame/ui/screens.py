"""The screens of the main window, in navigation order.

Each screen is named here without being imported, so the window can show its navigation
at once and build a screen (importing its module) only when it is first needed.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenSpec:
    screen_id: str
    title: str
    module: str
    class_name: str
    cls: type | None = None  # already imported (tests, embedding)

    def load(self) -> type:
        """Import the screen's module (if not done yet) and return its class."""
        if self.cls is not None:
            return self.cls
        return getattr(importlib.import_module(self.module), self.class_name)


SCREENS = (
    ScreenSpec("home", "Home", "gdgame.ui.home", "HomeScreen"),
    ScreenSpec("hike", "Hike", "gdgame.ui.hike.screen", "HikeScreen"),
    ScreenSpec("lab", "Lab", "gdgame.ui.lab.screen", "LabScreen"),
    ScreenSpec("learn", "Learn", "gdgame.ui.learn.screen", "LearnScreen"),
    ScreenSpec("cards", "Cards", "gdgame.ui.cards.screen", "CardsScreen"),
    ScreenSpec("quiz", "Quiz", "gdgame.ui.quiz.screen", "QuizScreen"),
    ScreenSpec("stats", "Stats", "gdgame.ui.stats.screen", "StatsScreen"),
)


def spec_for_class(cls: type) -> ScreenSpec:
    """A spec for an already imported screen class (tests, embedding)."""
    return ScreenSpec(cls.screen_id, cls.title, cls.__module__, cls.__qualname__, cls)
