"""The app shell: navigation, menus, About, remembered geometry, error hook.

Elsewhere: the Home screen's demo and buttons in test_home_demo.py, the data folder's
checks at start (lock, database) in test_data_folder_checks.py; the fixtures `window` and
`probe_screen_class` in conftest.py."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication, QLabel

from gdgame import __version__, logs
from gdgame.ui.context import AppContext
from gdgame.ui.errors import ErrorReporter
from gdgame.ui.home import HomeScreen
from gdgame.ui.main_window import MainWindow
from gdgame.ui.screen import Screen


def test_title_default_size_and_navigation(window, qtbot):
    assert window.windowTitle() == "gdgame"
    available = QApplication.primaryScreen().availableGeometry()
    expected_width = max(800, min(1280, int(available.width() * 0.9)))
    expected_height = max(560, min(800, int(available.height() * 0.9)))
    assert (window.width(), window.height()) == (expected_width, expected_height)
    assert window.screen_ids() == ["home", "probe"]
    probe = window.screens["probe"]
    window.navigate("probe", level="steep-bowl")
    assert window.current_screen() is probe
    assert probe.active and probe.opened == [{"level": "steep-bowl"}]
    window.nav.setCurrentRow(0)
    assert not probe.active
    assert window.current_screen() is window.screens["home"]


def test_unknown_screen_is_reported_not_raised(window):
    window.navigate("nowhere")
    assert "not available" in window.statusBar().currentMessage()


def test_menus_have_quit_about_and_screen_shortcuts(window):
    actions = {
        a.text().replace("&", ""): a for m in window.menuBar().actions() for a in m.menu().actions()
    }
    assert actions["Quit"].shortcut().toString() == "Ctrl+Q"
    assert actions["Probe"].shortcut().toString() == "Ctrl+2"
    assert "About gdgame" in actions
    assert __version__ in window.about_text()


def test_quit_action_is_a_window_shortcut_and_closes(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    (quit_action,) = [a for a in window.actions() if a.shortcut().toString() == "Ctrl+Q"]
    assert quit_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())


def _screens_with_menus(probe_screen_class, lab_title: str) -> list:
    """Home plus a "hike" and a "lab" screen that each bring a menu of their own."""

    class _WithMenu(probe_screen_class):
        screen_id, title = "hike", "Hike"

        def menu_actions(self):
            return [QAction("Restart", self)]

    class _Other(_WithMenu):
        screen_id, title = "lab", lab_title

    return [HomeScreen, _WithMenu, _Other]


def test_every_menu_has_its_own_alt_letter(qtbot, app_paths, probe_screen_class):
    screens = _screens_with_menus(probe_screen_class, "Lab & more")
    win = MainWindow(AppContext.for_folder(app_paths), screens)
    qtbot.addWidget(win)
    win.screen("lab")  # built out of order: its menu still lands in navigation order
    win.screen("hike")
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles == ["&File", "&Go", "H&ike", "&Lab && more", "&View", "&Help"]
    letters = [t[t.index("&") + 1].lower() for t in titles]
    assert len(set(letters)) == len(letters)
    win.shutdown()


def _shown_menus(win) -> list[str]:
    return [a.text() for a in win.menuBar().actions() if a.isVisible()]


def test_only_the_shown_screens_menu_is_in_the_menu_bar(qtbot, app_paths, probe_screen_class):
    screens = _screens_with_menus(probe_screen_class, "Lab")
    win = MainWindow(AppContext.for_folder(app_paths), screens)
    qtbot.addWidget(win)
    win.show()
    assert _shown_menus(win) == ["&File", "&Go", "&View", "&Help"]
    # Help > Keyboard Shortcuts builds every screen to list its keys: no menu appears.
    from gdgame.ui.shortcuts_help import ShortcutsDialog

    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    while dialog.pending:
        dialog.build_next()
    assert win.built_screen_ids() == ["home", "hike", "lab"]
    assert _shown_menus(win) == ["&File", "&Go", "&View", "&Help"]
    win.navigate("hike")
    assert _shown_menus(win) == ["&File", "&Go", "H&ike", "&View", "&Help"]
    win.navigate("lab")
    assert _shown_menus(win) == ["&File", "&Go", "&Lab", "&View", "&Help"]
    win.navigate("home")
    assert _shown_menus(win) == ["&File", "&Go", "&View", "&Help"]
    win.shutdown()


def test_screens_are_built_when_first_opened_while_their_modules_preload(
    qtbot, app_paths, probe_screen_class
):
    win = MainWindow(AppContext.for_folder(app_paths), [HomeScreen, probe_screen_class])
    qtbot.addWidget(win)
    assert win.built_screen_ids() == ["home"]  # only what the first window shows
    assert win.screen_ids() == ["home", "probe"]
    win.show()
    qtbot.waitUntil(lambda: not win.preloader.is_running())
    assert win.built_screen_ids() == ["home"]  # preloading imports, it never builds
    win.navigate("probe", level="x")  # built at once when opened
    probe = win.stack.currentWidget()
    assert isinstance(probe, probe_screen_class) and probe.opened == [{"level": "x"}]
    assert win.built_screen_ids() == ["home", "probe"]
    win.shutdown()


def test_the_other_screens_modules_are_preloaded_after_the_first_show(qtbot, app_paths):
    from gdgame.ui.screens import SCREENS

    win = MainWindow(AppContext.for_folder(app_paths))
    qtbot.addWidget(win)
    started = []
    win.preloader.start = lambda modules, delay_ms=0: started.append((list(modules), delay_ms))
    assert started == []
    win.show()
    win.hide()
    win.show()  # once only
    # numpy.random first (NumPy loads it lazily, else inside a Lab module's turn)
    assert started == [(["numpy.random", *(spec.module for spec in SCREENS[1:])], 300)]
    win.shutdown()


def test_a_screen_built_while_the_user_waits_shows_a_busy_cursor(
    qtbot, app_paths, probe_screen_class
):
    class _CursorProbe(probe_screen_class):
        cursor = "never built"

        def __init__(self, ctx, parent=None):
            current = QApplication.overrideCursor()
            type(self).cursor = None if current is None else current.shape()
            super().__init__(ctx, parent)

    win = MainWindow(AppContext.for_folder(app_paths), [HomeScreen, _CursorProbe])
    qtbot.addWidget(win)
    win.show()
    win.navigate("probe")
    assert _CursorProbe.cursor == Qt.CursorShape.WaitCursor
    assert QApplication.overrideCursor() is None  # restored once built
    win.shutdown()


STARTUP_IMPORTS = """
import json, sys, tempfile
from gdgame.paths import resolve
from gdgame.ui.app import build_window
app, window, reporter = build_window(resolve(tempfile.mkdtemp()), interactive=False)
window.show()
print(json.dumps(sorted(sys.modules)))
window.close()
"""


def test_start_up_imports_only_what_the_first_screen_needs():
    import json
    import os
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", STARTUP_IMPORTS],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "gdgame.ui.home" in loaded and "gdgame.settings_schema" in loaded
    later = {
        "fsrs",
        "genanki",
        "gdgame.lesson",
        "gdgame.lesson.loader",
        "gdgame.study.collection",
        "gdgame.study.quiz",
        "gdgame.engine",  # the Home demo loads it after the window shows
        "gdgame.engine.formula",
        "gdgame.game.hike",  # the data check at start reads only gdgame.game.progress
        "gdgame.game.levels",
        "gdgame.game.regimes",
        "pyqtgraph.opengl",
    } | {f"gdgame.ui.{screen}.screen" for screen in ("hike", "lab", "learn", "cards", "quiz")}
    assert loaded & later == set()


def test_geometry_and_screen_are_remembered(qtbot, app_paths, probe_screen_class):
    first = MainWindow(AppContext.for_folder(app_paths), [HomeScreen, probe_screen_class])
    qtbot.addWidget(first)
    first.setGeometry(QRect(0, 0, 800, 580))
    first.navigate("probe")
    first.close()
    second = MainWindow(AppContext.for_folder(app_paths), [HomeScreen, probe_screen_class])
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (800, 580)
    assert second.current_screen().screen_id == "probe"
    second.shutdown()


def test_error_hook_logs_traceback_and_keeps_it_from_user(app_paths, qapp):
    logs.setup(app_paths.log_file)
    reporter = ErrorReporter(app_paths.log_file, interactive=False)
    try:
        raise ZeroDivisionError("the step size was zero")
    except ZeroDivisionError:
        reporter(*sys.exc_info())
    for handler in logging.getLogger("gdgame").handlers:
        handler.flush()
    text = app_paths.log_file.read_text()
    assert "Traceback" in text and "ZeroDivisionError" in text
    assert reporter.errors == ["ZeroDivisionError: the step size was zero"]


def test_shortcuts_list_is_built_from_the_live_actions(window):
    from gdgame.ui.shortcuts_help import shortcuts_html

    html = shortcuts_html(window)
    assert "Ctrl+Q" in html and "Quit" in html
    assert "F1" in html and "Keyboard Shortcuts" in html
    assert "Ctrl+2" in html and "Probe" in html


def test_the_shortcuts_dialog_opens_at_once_and_adds_each_screen_as_it_is_built(
    qtbot, app_paths, probe_screen_class
):
    from gdgame.ui.shortcuts_help import ShortcutsDialog

    win = MainWindow(AppContext.for_folder(app_paths), [HomeScreen, probe_screen_class])
    qtbot.addWidget(win)
    dialog = ShortcutsDialog(win)  # opening builds nothing
    qtbot.addWidget(dialog)
    assert win.built_screen_ids() == ["home"] and dialog.pending == ["probe"]
    text = dialog.browser.toPlainText()
    assert "Adding the keys of: Probe" in text and "Ctrl+Q" in text
    qtbot.waitUntil(lambda: not dialog.pending, timeout=5000)  # built on the next turns
    assert win.built_screen_ids() == ["home", "probe"]
    assert "Adding the keys" not in dialog.browser.toPlainText()
    win.shutdown()


def _drawn_lightness(label) -> int:
    """The lightness of the colour a pyqtgraph LabelItem's text is drawn in (its HTML)."""
    import re

    colours = re.findall(r"color:\s*(#[0-9a-fA-F]{6})", label.item.toHtml())
    assert colours, label.item.toHtml()
    return QColor(colours[-1]).lightness()


def test_switching_to_dark_restyles_existing_plots(window, qapp):
    from PySide6.QtGui import QPalette

    home = window.screens["home"]
    home.demo.ensure_built()
    light_background = home.demo.field.backgroundBrush().color().name()
    style, palette = qapp.style().name(), qapp.palette()
    try:
        window.set_appearance("dark")
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 128
        dark_background = home.demo.field.backgroundBrush().color().name()
        assert dark_background != light_background
        assert QColor(dark_background).lightness() < 128
        legend = home.demo.field.getPlotItem().legend
        assert all(  # the legend's words are drawn in the new ink too
            _drawn_lightness(label) > 128 for _sample, label in legend.items
        )
        window.set_appearance("light")
        assert home.demo.field.backgroundBrush().color().name() == light_background
        assert all(_drawn_lightness(label) < 128 for _s, label in legend.items)
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


def test_unsaved_session_says_so_in_title_and_status_bar(window):
    window.mark_unsaved()
    assert "Not saving" in window.windowTitle()
    note = window.statusBar().findChild(QLabel, "unsaved-note")
    assert note is not None and "read-only" in note.text()


def test_open_folder_without_file_manager_shows_the_path(window, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    folder = tmp_path / "some folder"
    assert window._open_folder(folder) is False
    assert folder.is_dir()
    box = window.folder_box
    assert box.isVisible() and str(folder) in box.text()
    box.close()


def test_live_dark_switch_recolours_titles_notes_and_style_sheets(window, qapp):
    import pyqtgraph as pg
    from PySide6.QtGui import QPalette

    from gdgame.ui import theme

    plot = pg.PlotWidget(window.screens["probe"])
    theme.style_plot(plot)
    plot.setTitle("Altitude", color=theme.plot_colors()[1])
    note = pg.TextItem("No data yet", color=theme.plot_colors()[1])
    marked = pg.TextItem("special", color="#D55E00")
    plot.addItem(note)
    plot.addItem(marked)
    hint = QLabel("Press Play", plot)
    hint.setStyleSheet("color: palette(text);")
    hint.ensurePolished()  # the light palette is now baked into its style sheet
    link = QLabel("<a href='term:sgd'>SGD</a>", window.screens["probe"])
    style, palette = qapp.style().name(), qapp.palette()
    try:
        window.set_appearance("dark")
        light_text = QColor(theme.plot_colors()[1])
        assert light_text.lightness() > 128
        assert QColor(plot.getPlotItem().titleLabel.opts["color"]) == light_text
        assert note.color == light_text
        assert marked.color == QColor("#D55E00")  # a meaningful colour is kept
        hint.ensurePolished()  # what Qt does before painting it
        assert hint.palette().color(QPalette.ColorRole.WindowText) == light_text
        assert link.text() == "<a href='term:sgd'>SGD</a>"
        window.set_appearance("light")
        assert QColor(plot.getPlotItem().titleLabel.opts["color"]).lightness() < 128
        assert note.color.lightness() < 128
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


class _Fragile(Screen):
    """Fails to build while the setting ``fragile/boom`` is set (like ``speed_index=fast``)."""

    screen_id = "fragile"
    title = "Fragile"
    attempts = 0

    def __init__(self, ctx, parent=None):
        type(self).attempts += 1
        if ctx.settings.contains("fragile/boom"):
            raise ValueError("invalid literal for int() with base 10: 'fast'")
        super().__init__(ctx, parent)


def test_a_screen_that_fails_to_build_gets_an_error_panel_and_no_retry_loop(
    qtbot, app_paths, caplog, probe_screen_class
):
    from gdgame.ui.screen import BrokenScreen

    ctx = AppContext.for_folder(app_paths)
    ctx.settings.setValue("fragile/boom", "1")
    ctx.settings.setValue("hike/rate", 0.5)  # another screen's setting: kept by the reset
    _Fragile.attempts = 0
    win = MainWindow(ctx, [HomeScreen, _Fragile, probe_screen_class])
    qtbot.addWidget(win)
    with caplog.at_level(logging.ERROR, logger="gdgame"):
        win.show()
        win.navigate("fragile")
        win.navigate("probe")
        win.navigate("fragile")  # shown again: the panel, not a second try
        assert win.built_screen_ids() == ["home", "fragile", "probe"]
        assert len(win.screens) == 3
    assert _Fragile.attempts == 1
    panel = win.screens["fragile"]
    assert isinstance(panel, BrokenScreen)
    assert "'fast'" in panel.message.text()
    tracebacks = [r for r in caplog.records if r.exc_info and "fragile" in r.getMessage()]
    assert len(tracebacks) == 1

    assert win.current_screen() is panel
    panel.reset_button.click()
    rebuilt = win.current_screen()
    assert isinstance(rebuilt, _Fragile) and win.stack.currentWidget() is rebuilt
    assert win.screens["fragile"] is rebuilt
    assert not ctx.settings.contains("fragile/boom")
    assert float(ctx.settings.value("hike/rate")) == 0.5
    assert "reset" in win.statusBar().currentMessage()
    win.shutdown()
