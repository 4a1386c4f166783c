"""The main window with the Home screen and a probe screen, for the shell and Home tests."""

from __future__ import annotations

import pytest

from gdgame.ui.screen import Screen


class ProbeScreen(Screen):
    """A second screen that records being activated and what it was opened with."""

    screen_id = "probe"
    title = "Probe"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.opened = []
        self.active = False

    def activate(self):
        self.active = True

    def deactivate(self):
        self.active = False

    def open(self, **target):
        self.opened.append(target)


@pytest.fixture
def probe_screen_class():
    """:class:`ProbeScreen`, to build a MainWindow with or to subclass in a test."""
    return ProbeScreen


@pytest.fixture
def window(qtbot, app_paths):
    """A MainWindow on a private folder with the screens Home and Probe, shut down after."""
    from gdgame.ui.context import AppContext
    from gdgame.ui.home import HomeScreen
    from gdgame.ui.main_window import MainWindow

    ctx = AppContext.for_folder(app_paths)
    win = MainWindow(ctx, [HomeScreen, ProbeScreen])
    qtbot.addWidget(win)
    yield win
    win.shutdown()
