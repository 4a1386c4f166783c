"""The screens of the main window, in navigation order (module path, class name)."""

from __future__ import annotations

import importlib
import logging

SCREEN_CLASSES = (
    ("gdgame.ui.home", "HomeScreen"),
    ("gdgame.ui.hike.screen", "HikeScreen"),
    ("gdgame.ui.lab.screen", "LabScreen"),
    ("gdgame.ui.learn.screen", "LearnScreen"),
    ("gdgame.ui.cards.screen", "CardsScreen"),
    ("gdgame.ui.quiz.screen", "QuizScreen"),
    ("gdgame.ui.stats.screen", "StatsScreen"),
)


def available_screen_classes() -> list[type]:
    """Import each screen class; a screen whose package is not part of this build is skipped."""
    found = []
    for module_name, class_name in SCREEN_CLASSES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                logging.getLogger("gdgame").info("screen %s not in this build", module_name)
                continue
            raise
        found.append(getattr(module, class_name))
    return found
