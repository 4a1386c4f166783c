"""A shown Hike screen at the default window size, shut down after each test."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from gdgame.ui.hike.screen import HikeScreen


@pytest.fixture
def hike_screen(shown_screen, ctx):
    """``hike_screen(size=(w, h), reduce_motion=False)`` builds a shown HikeScreen."""

    def make(size=(1280, 800), reduce_motion=False):
        ctx.settings.setValue("view/reduce_motion", reduce_motion)
        return shown_screen(HikeScreen, size=size)

    return make


def _settle() -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def _step(screen, rate: float):
    screen.play.rate.set_rate(rate)
    screen.take_step()
    return screen.hike.history[-1]


@pytest.fixture
def settle():
    """``settle()`` lets queued layout requests run (no waiting on a clock)."""
    return _settle


@pytest.fixture
def step():
    """``step(screen, rate)`` takes one step through the screen and returns its StepResult."""
    return _step
