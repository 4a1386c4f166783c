"""The Cards screen: review the glossary with spaced repetition, browse and edit cards.

The study Collection (``gdgame.study``) lives in the app's one database and is opened
here on ``ctx.paths.database``; it is closed in :meth:`CardsScreen.shutdown`. Each
time the screen is shown, mistakes made in the Hike since last time make the matching
cards due now. Menu: "Deck options…", "Import deck…" and "Export deck…".

Import and export run on a worker (:class:`DeckJob`); the window never waits for it.
A job that takes longer than ``job_timeout_ms`` (a drive that stopped answering) is
abandoned with a message, and closing the window abandons a running job at once.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gdgame.storage import DatabaseError
from gdgame.study import Collection, GlossaryError
from gdgame.ui import settings_store
from gdgame.ui.cards.browse_panel import BrowsePanel
from gdgame.ui.cards.deck_job import DeckJob
from gdgame.ui.cards.review_panel import ReviewPanel
from gdgame.ui.errors import show_error
from gdgame.ui.save_targets import may_write
from gdgame.ui.screen import Screen, Wait

log = logging.getLogger("gdgame")
_EXPORT_FILTERS = {
    "Anki package (*.apkg)": ".apkg",
    "Comma-separated text (*.csv)": ".csv",
    "Tab-separated text (*.tsv)": ".tsv",
}


class CardsScreen(Screen):
    screen_id = "cards"
    title = "Cards"
    deck_job_done = Signal(bool, str)  # ok, summary or error message
    job_timeout_ms = 60_000
    shutdown_wait_s = 0.1  # the longest closing the window waits for a running job

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.col: Collection | None = None
        self.review: ReviewPanel | None = None
        self.browse: BrowsePanel | None = None
        self.last_message = ""
        self.job: DeckJob | None = None
        self.watchdog = QTimer(self)
        self.watchdog.setSingleShot(True)
        self.watchdog.timeout.connect(self._job_timed_out)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setObjectName("cards-notice")
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        self.import_action = QAction("&Import deck…", self)
        self.import_action.triggered.connect(lambda: self.import_deck())
        self.export_action = QAction("&Export deck…", self)
        self.export_action.triggered.connect(lambda: self.export_deck())
        self.options_action = QAction("Deck &Options…", self)
        self.options_action.triggered.connect(self._open_options)
        try:
            self.col = Collection.open(ctx.paths.database, backups_dir=ctx.paths.backups_dir)
        except (DatabaseError, GlossaryError, sqlite3.Error, OSError) as exc:
            log.exception("could not open the study collection")
            self._show_notice(f"Your cards could not be opened: {exc}")
            self.import_action.setEnabled(False)
            self.export_action.setEnabled(False)
            self.options_action.setEnabled(False)
            layout.addStretch(1)
            return
        if self.col.recovery is not None:
            self._show_notice(self.col.recovery.message())
        if self.col.backup_error:
            log.warning("study backup: %s", self.col.backup_error)
        self.review = ReviewPanel(self.col)
        self.review.answered.connect(self._tell)
        self.review.link_requested.connect(self._follow_link)
        self.browse = BrowsePanel(self.col)
        self.browse.changed.connect(self._tell)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Review or browse cards")
        self.tabs.addTab(self.review, "&Review")
        self.tabs.addTab(self.browse, "&Browse")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)

    # -------------------------------------------------------------------- hooks
    def activate(self) -> None:
        if self.col is None:
            return
        touched = self.col.apply_game_mistakes()
        if touched:
            names = ", ".join(card.front for card in touched)
            self._tell(f"your Hike mistakes brought back: {names}")
        self.review.refresh()
        self.browse.refresh()
        if self.tabs.currentWidget() is self.review:
            self.review.setFocus()

    def deactivate(self) -> None:
        if self.review is not None:
            self.review.stop()

    def open(self, **target: object) -> None:
        term = target.get("term")
        if self.col is None or not term:
            return
        self.tabs.setCurrentWidget(self.browse)
        if not self.browse.show_term(str(term)):
            self.ctx.notify(f"There is no card for '{term}'.")

    def menu_actions(self) -> list[QAction]:
        return [self.options_action, self.import_action, self.export_action]

    def _open_options(self) -> None:
        if self.review is not None:
            self.tabs.setCurrentWidget(self.review)
            self.review.open_options()

    def smoke(self, wait: Wait) -> list[str]:
        if self.col is None:
            return ["cards: collection unavailable"]
        self.tabs.setCurrentWidget(self.review)
        self.review.refresh()
        if self.review.card is None:
            return ["cards: nothing due"]
        self.review.reveal()
        wait(50)
        self.review.rate(3)
        wait(50)
        line = f"cards: {self.last_message}"
        self.review.undo()  # leave the learner's schedule as it was
        return [line]

    def shutdown(self) -> None:
        super().shutdown()
        if self.job is not None:
            # An import already writing finishes (or rolls back) on its own; anything
            # else changes nothing once cancelled. Never wait for a stuck drive.
            self.job.cancel()
            if not self.job.wait(self.shutdown_wait_s):
                log.warning("closing while the deck %s of %s runs", self.job.action, self.job.file)
            self._job_ended()
        if self.col is not None:
            self.col.close()
            self.col = None

    # ----------------------------------------------------------- import/export
    def import_deck(self, path: str | None = None) -> bool:
        """Start importing a .csv/.tsv file (asks for it if ``path`` is None).

        Returns True if the import started; ``deck_job_done(ok, text)`` tells the end.
        """
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, "Import deck", self._last_folder(), "Card lists (*.csv *.tsv);;All files (*)"
            )
            if not path:
                return False
        return self._start_job("import", path)

    def export_deck(self, path: str | None = None) -> bool:
        """Start exporting every card (format by extension; asks if ``path`` is None)."""
        asked = True  # a path passed in, or the very name the save dialog asked about
        if path is None:
            start = str(Path(self._last_folder()) / "gdgame-cards.apkg")
            path, chosen = QFileDialog.getSaveFileName(
                self, "Export deck", start, ";;".join(_EXPORT_FILTERS)
            )
            if not path:
                return False
            if not Path(path).suffix:  # the dialog asked about the name without it
                path += _EXPORT_FILTERS.get(chosen, ".apkg")
                asked = False
        target = Path(path)
        if not may_write(self, [target], [target] if asked else [], self.ctx.notify):
            return False
        return self._start_job("export", path)

    def _start_job(self, action: str, path: str, update_existing: bool | None = None) -> bool:
        if self.col is None or self.job is not None:
            return False
        self._remember_folder(path)
        paths = self.ctx.paths
        self.job = DeckJob(action, paths.database, paths.backups_dir, path, update_existing)
        self.job.succeeded.connect(self._job_succeeded)
        self.job.failed.connect(self._job_failed)
        self.job.clashes_found.connect(self._job_found_clashes)
        self.import_action.setEnabled(False)
        self.export_action.setEnabled(False)
        self.ctx.notify(f"{action.capitalize()}ing {Path(path).name}…")
        self.job.start()
        self.watchdog.start(self.job_timeout_ms)
        return True

    def _job_ended(self) -> str:
        self.watchdog.stop()
        action = self.job.action if self.job is not None else ""
        self.job = None  # its thread ends by itself; the window never joins it
        self.import_action.setEnabled(True)
        self.export_action.setEnabled(True)
        return action

    def _job_timed_out(self) -> None:
        if self.job is None:
            return
        if not self.job.cancel():  # an import is writing: that part is short and bounded
            self.watchdog.start(1000)
            return
        name = Path(self.job.file).name
        seconds = self.job_timeout_ms / 1000
        log.warning("deck %s of %s abandoned after %g s", self.job.action, self.job.file, seconds)
        self._job_failed(
            f"{name}: reading or writing the file took longer than {seconds:g} s, so gdgame "
            "stopped waiting. If the file is on a network drive, copy it to this computer "
            "and try again.",
            from_job=False,
        )

    def _from_current_job(self) -> bool:
        """Results of an abandoned job may still be queued: they are ignored."""
        return self.job is not None and self.sender() is self.job

    def _job_succeeded(self, summary: str) -> None:
        if not self._from_current_job():
            return
        if self._job_ended() == "import" and self.col is not None:
            self.activate()
        self._tell(summary)
        self.deck_job_done.emit(True, summary)

    def _job_found_clashes(self, fronts: list) -> None:
        """The file would change cards you have: ask before anything is written."""
        if not self._from_current_job():
            return
        path = self.job.file
        self._job_ended()
        choice = self.ask_about_clashes(Path(path).name, fronts)
        if choice is None or not self._start_job("import", path, update_existing=choice):
            message = "Import cancelled; your cards are unchanged."
            self._tell(message)
            self.deck_job_done.emit(False, message)

    def ask_about_clashes(self, name: str, fronts: list) -> bool | None:
        """True: update those cards from the file; False: keep yours; None: cancel."""
        count = len(fronts)
        shown = ", ".join(f"'{_short(front)}'" for front in fronts[:3])
        shown += f" and {count - 3} more" if count > 3 else ""
        cards = "1 of your cards is" if count == 1 else f"{count} of your cards are"
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Cards you already have")
        box.setText(f"{cards} also in {name}, with another back: {shown}.")
        box.setInformativeText(
            "Update them from the file, or keep yours? Cards that are new to your deck "
            "are added either way."
        )
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Yes | buttons.No | buttons.Cancel)
        box.button(buttons.Yes).setText("&Update from file")
        box.button(buttons.No).setText("&Keep mine")
        box.setDefaultButton(buttons.No)  # the choice that loses nothing
        box.setEscapeButton(buttons.Cancel)
        answer = box.exec()
        if answer == buttons.Yes:
            return True
        return False if answer == buttons.No else None

    def _job_failed(self, message: str, from_job: bool = True) -> None:
        if from_job and not self._from_current_job():
            return
        action = self._job_ended()
        title = "Import failed" if action == "import" else "Export failed"
        detail = "Nothing was imported; your cards are unchanged." if action == "import" else ""
        self.ctx.notify(title)  # replaces the "Importing…" line
        self.report_error(title, f"{message}\n\n{detail}".strip())
        self.deck_job_done.emit(False, message)

    def report_error(self, title: str, text: str) -> None:
        show_error(title, text, self)

    # ---------------------------------------------------------------- helpers
    def _tell(self, text: str) -> None:
        self.last_message = text
        self.ctx.notify(text[:1].upper() + text[1:])

    def _follow_link(self, screen_id: str, key: str, value: str) -> None:
        if key:
            self.ctx.navigate(screen_id, **{key: value})
        else:
            self.ctx.navigate(screen_id)

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        self.ctx.notify(text)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.review:
            self.review.refresh()
            self.review.setFocus()
        else:
            self.browse.refresh()

    def _last_folder(self) -> str:
        """Where the last import/export was, if it is still a folder; else the home folder
        (a folder since removed, or a name the settings file could not keep whole)."""
        folder = settings_store.read(self.ctx.settings, "cards/last_folder")
        try:
            if folder and Path(folder).is_absolute() and Path(folder).is_dir():
                return folder  # (a relative one would depend on where gdgame was started)
        except (OSError, ValueError):  # a name with a NUL, or one too long for the system
            pass
        return str(Path.home())

    def _remember_folder(self, path: str) -> None:
        folder = str(Path(path).parent)
        try:
            folder.encode("utf-8")  # a file name that is not UTF-8 cannot be stored whole
        except UnicodeEncodeError:
            return
        self.ctx.settings.setValue("cards/last_folder", folder)


def _short(text: str, limit: int = 40) -> str:
    """One line of at most ``limit`` characters (a card front can be 1,000 long)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
