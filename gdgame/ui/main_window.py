"""The main window: navigation sidebar, one stacked page per screen, menus, status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from gdgame import __version__
from gdgame.ui import theme
from gdgame.ui.context import AppContext
from gdgame.ui.screen import Screen
from gdgame.ui.screens import available_screen_classes

DEFAULT_SIZE = QSize(1280, 800)
MINIMUM_SIZE = QSize(800, 560)


def _with_mnemonic(title: str, used: set[str]) -> str:
    """``title`` with an Alt+letter (the first letter not taken yet) for keyboard users."""
    for index, char in enumerate(title):
        if char.isalpha() and char.lower() not in used:
            used.add(char.lower())
            return title[:index].replace("&", "&&") + "&" + title[index:].replace("&", "&&")
    return title.replace("&", "&&")


class MainWindow(QMainWindow):
    """Hosts every screen; screens talk to each other only through ``ctx.navigate``."""

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
        self.screens: dict[str, Screen] = {}
        self._current: Screen | None = None

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

        for cls in screen_classes if screen_classes is not None else available_screen_classes():
            self._add_screen(cls(ctx))
        self._build_menus()
        self.nav.currentRowChanged.connect(self._show_row)
        self.statusBar().showMessage("Welcome to gdgame", 3000)
        self._restore_state()

    # ----- screens -------------------------------------------------------------------
    def _add_screen(self, screen: Screen) -> None:
        self.screens[screen.screen_id] = screen
        self.stack.addWidget(screen)
        item = QListWidgetItem(screen.title)
        item.setData(Qt.ItemDataRole.UserRole, screen.screen_id)
        item.setSizeHint(QSize(150, 36))
        self.nav.addItem(item)

    def screen_ids(self) -> list[str]:
        return list(self.screens)

    def current_screen(self) -> Screen | None:
        return self._current

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        screen = self.stack.widget(row)
        if screen is self._current:
            return
        if self._current is not None:
            self._current.deactivate()
        self.stack.setCurrentIndex(row)
        self._current = screen
        screen.activate()
        self.ctx.settings.setValue("window/screen", screen.screen_id)
        self.screen_changed.emit(screen.screen_id)

    def navigate(self, screen_id: str, **target: object) -> None:
        """Show a screen and, if given, a specific item on it (a level, preset, section...)."""
        screen = self.screens.get(screen_id)
        if screen is None:
            self.notify(f"The {screen_id} screen is not available in this build.")
            return
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
        for index, screen in enumerate(self.screens.values()):
            action = QAction(screen.title, self)
            if index < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, sid=screen.screen_id: self.navigate(sid))
            go_menu.addAction(action)
            self.addAction(action)

        used = {"f", "g", "v", "h"}  # File, Go, View, Help
        for screen in self.screens.values():
            actions = screen.menu_actions()
            if actions:
                menu = bar.addMenu(_with_mnemonic(screen.title, used))
                for action in actions:
                    menu.addAction(action)

        view_menu = bar.addMenu("&View")
        appearance = view_menu.addMenu("&Appearance")
        group = QActionGroup(self)
        chosen = self.ctx.settings.value("view/appearance", "system")
        for key, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
            action = QAction(label, self, checkable=True)
            action.setChecked(key == chosen)
            action.triggered.connect(lambda _=False, k=key: self.set_appearance(k))
            group.addAction(action)
            appearance.addAction(action)

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

    def set_appearance(self, key: str) -> None:
        self.ctx.settings.setValue("view/appearance", key)
        theme.apply(QApplication.instance(), None if key == "system" else key == "dark")
        self.restyle()

    def follows_system(self) -> bool:
        return self.ctx.settings.value("view/appearance", "system") == "system"

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
        last = settings.value("window/screen", "home")
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

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        self.save_state()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        for screen in self.screens.values():
            screen.shutdown()
