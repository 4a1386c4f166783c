"""The main window: navigation sidebar, one stacked page per screen, menus, status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from gdgame import __version__
from gdgame.display_names import literal_ampersands
from gdgame.ui import settings_store, theme
from gdgame.ui.context import AppContext
from gdgame.ui.motion import reduce_motion_action
from gdgame.ui.preload import ModulePreloader
from gdgame.ui.screen import BrokenScreen, Screen
from gdgame.ui.screens import SCREENS, ScreenSpec, spec_for_class

log = logging.getLogger("gdgame")
DEFAULT_SIZE = QSize(1280, 800)
PRELOAD_DELAY_MS = 300  # the first paints and the user's first moves come before preloading
MINIMUM_SIZE = QSize(800, 560)


def _with_mnemonic(title: str, used: set[str]) -> str:
    """``title`` with an Alt+letter (the first letter not taken yet) for keyboard users."""
    for index, char in enumerate(title):
        if char.isalpha() and char.lower() not in used:
            used.add(char.lower())
            return literal_ampersands(title[:index]) + "&" + literal_ampersands(title[index:])
    return literal_ampersands(title)


class MainWindow(QMainWindow):
    """Hosts every screen; screens talk to each other only through ``ctx.navigate``.

    The window appears with only the first screen built. Every other screen is built when
    it is first opened; meanwhile, once the window is up, ``preloader`` imports their
    modules one per event-loop turn, so opening a screen later only runs its constructor
    and no turn of the event loop is blocked for long. ``screens`` builds whatever is still
    missing and returns all of them in order.
    """

    screen_changed = Signal(str)
    first_shown = Signal()

    def __init__(self, ctx: AppContext, screen_classes: list[type] | None = None):
        super().__init__()
        self.ctx = ctx
        ctx.navigate = self.navigate
        ctx.notify = self.notify
        self.setWindowTitle("gdgame")
        self.setMinimumSize(MINIMUM_SIZE)
        self._shown_once = False
        self._specs: list[ScreenSpec] = (
            list(SCREENS) if screen_classes is None else [spec_for_class(c) for c in screen_classes]
        )
        self._built: dict[str, Screen] = {}
        self._screen_menus: dict[str, QAction] = {}
        self._current: Screen | None = None
        self.preloader = ModulePreloader(self)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Screens")
        self.nav.setFixedWidth(170)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for spec in self._specs:
            self._add_placeholder(spec)
        self._build_menus()
        self.nav.currentRowChanged.connect(self._show_row)
        self.statusBar().showMessage("Welcome to gdgame", 3000)
        self._restore_state()

    # ----- screens -------------------------------------------------------------------
    def _add_placeholder(self, spec: ScreenSpec) -> None:
        self.stack.addWidget(QWidget())
        item = QListWidgetItem(spec.title)
        item.setData(Qt.ItemDataRole.UserRole, spec.screen_id)
        item.setSizeHint(QSize(150, 36))
        self.nav.addItem(item)

    @property
    def screens(self) -> dict[str, Screen]:
        """Every screen, in navigation order (building any not built yet)."""
        return {spec.screen_id: self.screen(spec.screen_id) for spec in self._specs}

    def screen(self, screen_id: str) -> Screen:
        """The screen with this id, built on first use (an error panel if building fails)."""
        if screen_id not in self._built:
            index = self.screen_ids().index(screen_id)
            self._place(index, self._build(self._specs[index]))
        return self._built[screen_id]

    def _build(self, spec: ScreenSpec) -> Screen:
        """Build one screen; a screen that raises is logged and replaced by an error panel.

        Building is tried once: the error panel stays until the user asks for a reset.
        """
        busy = self._shown_once  # the user is waiting for it: show a busy cursor meanwhile
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return spec.load()(self.ctx)
        except Exception as error:  # noqa: BLE001 - any bug in a screen: log it, show a panel
            log.exception("the %s screen could not be built", spec.screen_id)
            panel = BrokenScreen(self.ctx, spec.screen_id, spec.title, error)
            panel.reset_requested.connect(self.reset_screen)
            return panel
        finally:
            if busy:
                QApplication.restoreOverrideCursor()

    def _place(self, index: int, screen: Screen) -> None:
        """Put ``screen`` at ``index`` of the stack in place of what was there."""
        old = self.stack.widget(index)
        self.stack.insertWidget(index, screen)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._built[screen.screen_id] = screen
        self._add_screen_menu(index, screen)
        if self._current is old:
            self._current = screen
            self.stack.setCurrentIndex(index)
            screen.activate()
        self._show_current_menu()

    def reset_screen(self, screen_id: str) -> Screen:
        """Forget a screen's settings and build it again (the error panel's button)."""
        settings_store.reset_group(self.ctx.settings, screen_id)
        index = self.screen_ids().index(screen_id)
        old = self._built.pop(screen_id, None)
        if old is not None:
            old.shutdown()
        screen = self._build(self._specs[index])
        self._place(index, screen)
        if isinstance(screen, BrokenScreen):
            self.notify(f"The {screen.title} screen still cannot be opened; see the log file.")
        else:
            self.notify(f"The {screen.title} screen's settings were reset.")
        return screen

    def built_screen_ids(self) -> list[str]:
        return [spec.screen_id for spec in self._specs if spec.screen_id in self._built]

    def screen_ids(self) -> list[str]:
        return [spec.screen_id for spec in self._specs]

    def screen_title(self, screen_id: str) -> str:
        return next(spec.title for spec in self._specs if spec.screen_id == screen_id)

    def current_screen(self) -> Screen | None:
        return self._current

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        screen = self.screen(self.screen_ids()[row])
        if screen is self._current:
            return
        if self._current is not None:
            self._current.deactivate()
        self.stack.setCurrentIndex(row)
        self._current = screen
        self._show_current_menu()
        screen.activate()
        self.ctx.settings.setValue("window/screen", screen.screen_id)
        self.screen_changed.emit(screen.screen_id)

    def navigate(self, screen_id: str, **target: object) -> None:
        """Show a screen and, if given, a specific item on it (a level, preset, section...)."""
        if screen_id not in self.screen_ids():
            self.notify(f"The {screen_id} screen is not available in this build.")
            return
        screen = self.screen(screen_id)
        self.nav.setCurrentRow(self.stack.indexOf(screen))
        if target:
            screen.open(**target)

    def notify(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def mark_unsaved(self) -> None:
        """This session runs on a temporary copy: say so for as long as it lasts."""
        self.setWindowTitle("Not saving")
        note = QLabel("Not saving: the data folder is read-only")
        note.setObjectName("unsaved-note")
        note.setToolTip(f"This session uses a temporary copy in {self.ctx.paths.data_dir}")
        self.statusBar().addPermanentWidget(note)

    # ----- menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        open_data = QAction("Open &Data Folder", self)
        open_data.triggered.connect(lambda: self._open_folder(self.ctx.paths.data_dir))
        file_menu.addAction(open_data)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.addAction(quit_action)  # shortcuts work even while no menu was ever opened

        go_menu = bar.addMenu("&Go")
        for index, spec in enumerate(self._specs):
            action = QAction(spec.title, self)
            if index < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, sid=spec.screen_id: self.navigate(sid))
            go_menu.addAction(action)
            self.addAction(action)

        # Screen menus appear (between Go and View) as their screens are built; their
        # Alt+letters are fixed now, in navigation order, so they never change.
        used = {"f", "g", "v", "h"}  # File, Go, View, Help
        self._menu_titles = {s.screen_id: _with_mnemonic(s.title, used) for s in self._specs}

        view_menu = bar.addMenu("&View")
        self._view_menu_action = view_menu.menuAction()
        appearance = view_menu.addMenu("&Appearance")
        group = QActionGroup(self)
        chosen = settings_store.read(self.ctx.settings, "view/appearance")
        for key, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(label, self, checkable=True)
            action.setChecked(key == chosen)
            action.triggered.connect(lambda _=False, k=key: self.set_appearance(k))
            group.addAction(action)
            appearance.addAction(action)
        view_menu.addAction(reduce_motion_action(self.ctx.settings, self))

        help_menu = bar.addMenu("&Help")
        keys_action = QAction("&Keyboard Shortcuts", self)
        keys_action.setShortcut(QKeySequence("F1"))
        keys_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys_action)
        self.addAction(keys_action)
        logs_action = QAction("Open &Log Folder", self)
        logs_action.triggered.connect(lambda: self._open_folder(self.ctx.paths.log_dir))
        help_menu.addAction(logs_action)
        about = QAction("&About gdgame", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _add_screen_menu(self, index: int, screen: Screen) -> None:
        actions = screen.menu_actions()
        if not actions:
            return
        later = [
            self._screen_menus[spec.screen_id]
            for spec in self._specs[index + 1 :]
            if spec.screen_id in self._screen_menus
        ]
        before = later[0] if later else self._view_menu_action
        menu = QMenu(self._menu_titles[screen.screen_id], self)
        menu.addActions(actions)
        self.menuBar().insertMenu(before, menu)
        self._screen_menus[screen.screen_id] = menu.menuAction()

    def _show_current_menu(self) -> None:
        """Only the shown screen's menu is in the menu bar (a screen built for another
        reason, e.g. to list its keys in Help, adds nothing there)."""
        current = self._current.screen_id if self._current is not None else None
        for screen_id, action in self._screen_menus.items():
            action.setVisible(screen_id == current)

    def set_appearance(self, key: str) -> None:
        self.ctx.settings.setValue("view/appearance", key)
        theme.apply(QApplication.instance(), None if key == "system" else key == "dark")
        self.restyle()

    def follows_system(self) -> bool:
        return settings_store.read(self.ctx.settings, "view/appearance") == "system"

    def restyle(self) -> None:
        """Bring plots, style sheets and links in line with the current palette."""
        theme.restyle_plots(self)
        theme.refresh_widgets(self)

    def about_text(self) -> str:
        return (
            f"gdgame {__version__}\n\n"
            "A study game about gradient descent and the learning rate: hike a hidden "
            "landscape blindfolded, experiment in the Lab, read the lesson, and review "
            "the glossary with spaced repetition.\n\n"
            f"Your data: {self.ctx.paths.data_dir}"
        )

    def show_shortcuts(self) -> None:
        from gdgame.ui.shortcuts_help import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, "About gdgame", self.about_text())

    def _open_folder(self, folder) -> bool:
        """Show ``folder`` in the file manager, or (none available) tell the user its path."""
        from PySide6.QtCore import QUrl

        try:
            folder.mkdir(parents=True, exist_ok=True)
            opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        except OSError:
            opened = False
        if not opened:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Folder",
                f"No file manager could be opened here. The folder is:\n\n{folder}",
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.folder_box = box
        return opened

    # ----- window state --------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(self._default_size())
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        last = settings_store.read(settings, "window/screen")
        ids = self.screen_ids()
        row = ids.index(last) if last in ids else 0
        if ids:
            self.nav.setCurrentRow(row)

    def _default_size(self) -> QSize:
        """1280 x 800, or 90% of a smaller (or more scaled) screen."""
        screen = QApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        available = screen.availableGeometry().size() * 0.9
        return DEFAULT_SIZE.boundedTo(available).expandedTo(MINIMUM_SIZE)

    def save_state(self) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/state", self.saveState())
        self.ctx.settings.sync()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.first_shown.emit()
            modules = [spec.module for spec in self._specs if spec.screen_id not in self._built]
            # numpy.random (20 ms) first, on a turn of its own: NumPy loads it on first use,
            # which would otherwise be inside a Lab module's turn (its noise limit)
            self.preloader.start(["numpy.random", *modules], PRELOAD_DELAY_MS)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        self.save_state()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.preloader.stop()
        for screen in self._built.values():
            screen.shutdown()
