"""The Hike screen: play the blindfolded-hiker levels with the keyboard or the mouse.

The screen only forwards input to :class:`gdgame.game.Hike` and shows what it returns;
the rules, scoring, reveal data and saved progress live in :mod:`gdgame.game`.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from gdgame.game import Campaign, Hike, LevelError
from gdgame.game.campaign import endless_depth
from gdgame.game.progress import ProgressStore
from gdgame.game.reveal import reveal
from gdgame.storage import DatabaseError
from gdgame.ui.hike.keys import handle_game_key
from gdgame.ui.hike.level_select import LevelSelect
from gdgame.ui.hike.level_worker import EndlessWorker
from gdgame.ui.hike.play_page import PlayPage
from gdgame.ui.hike.play_view import show_hike_state, show_level_end, show_new_level
from gdgame.ui.hike.rate_control import MAX_RATE, MIN_RATE
from gdgame.ui.hike.smoke_play import play_first_level
from gdgame.ui.hike.sound import StepSounds
from gdgame.ui.motion import reduced_motion
from gdgame.ui.screen import Screen, Wait

DEFAULT_RATE = 0.1
MATHS_SETTING = "hike/show_maths"


class HikeScreen(Screen):
    screen_id = "hike"
    title = "Hike"

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.hike: Hike | None = None
        self.store: ProgressStore | None = None
        self.worker: EndlessWorker | None = None
        self.recording = True
        self._event_ids: list[int | None] = []  # the store's id of each step on the trail
        self._pending: str | None = None
        self.sounds = StepSounds(ctx.settings, self)
        self.maths_action = QAction("Show the &Maths (M)", self, checkable=True)
        self.maths_action.setToolTip("Write out each step's update with its numbers")
        self.maths_action.triggered.connect(self.choose_maths)
        self.select = LevelSelect()
        self.play = PlayPage(self._remembered_rate(), self.motion_off)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.select)
        self.pages.addWidget(self.play)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.campaign = self._load_campaign()
        self._open_store()
        self._connect()
        self.play.plots.set_log_y(self._setting_bool("hike/log_y"))
        self.refresh_select()

    # --- set-up -----------------------------------------------------------------------------
    def _load_campaign(self) -> Campaign | None:
        try:
            return Campaign()
        except (LevelError, FileNotFoundError) as exc:
            self.pages.insertWidget(0, QLabel(f"The Hike levels could not be loaded:\n{exc}"))
            self.pages.setCurrentIndex(0)
            return None

    def _open_store(self) -> None:
        try:
            self.store = ProgressStore.open(self.ctx.paths.database)
        except (DatabaseError, sqlite3.Error) as exc:
            self.store = None
            self._tell(f"Your Hike progress cannot be saved this session: {exc}")
            return
        if self.store.recovery is not None:
            self._tell(self.store.recovery.message())

    def _tell(self, text: str) -> None:
        self.select.show_notice(text)
        self.ctx.notify(text)

    def _connect(self) -> None:
        play = self.play
        self.select.levelChosen.connect(self.start_level)
        play.step_button.clicked.connect(self.take_step)
        play.undo_button.clicked.connect(self.undo)
        play.restart_button.clicked.connect(self.restart)
        play.hint_button.clicked.connect(self.show_hint)
        play.maths_button.clicked.connect(self.choose_maths)
        play.hints.learnRequested.connect(lambda s: self.ctx.navigate("learn", section=s))
        play.levels_button.clicked.connect(self.show_levels)
        play.retry_button.clicked.connect(self.restart)
        play.next_button.clicked.connect(self.next_level)
        play.lesson_button.clicked.connect(self._open_lesson)
        play.rate.rateChanged.connect(self._remember_rate)
        play.rate.stepRequested.connect(self.take_step)
        play.decay.valueChanged.connect(lambda _value: self.hike and self._show_state())
        play.rate.invalidRate.connect(lambda text: play.banner.show_message("info", text))
        play.plots.log_y.toggled.connect(lambda on: self.ctx.settings.setValue("hike/log_y", on))
        play.banner.tie_in.linkActivated.connect(lambda term: self.ctx.navigate("cards", term=term))

    def _remembered_rate(self) -> float:
        try:
            rate = float(self.ctx.settings.value("hike/rate", DEFAULT_RATE))
        except (TypeError, ValueError):
            return DEFAULT_RATE
        return rate if MIN_RATE <= rate <= MAX_RATE else DEFAULT_RATE

    def _remember_rate(self, rate: float) -> None:
        self.ctx.settings.setValue("hike/rate", rate)

    def _setting_bool(self, key: str) -> bool:
        return str(self.ctx.settings.value(key, False)).lower() in ("true", "1")

    def motion_off(self) -> bool:
        """View > Reduce Motion: results appear at once, nothing glides or fades."""
        return reduced_motion(self.ctx.settings)

    def _maths_wanted(self) -> bool:
        """The player's own choice once made; until then the level's default."""
        chosen = self.ctx.settings.value(MATHS_SETTING, None)
        if chosen is None or self.hike is None:
            return bool(self.hike is not None and self.hike.level.show_maths)
        return str(chosen).lower() in ("true", "1")

    def choose_maths(self, on: bool) -> None:
        """The Maths button or M: show or hide the panel, and remember the choice."""
        self.ctx.settings.setValue(MATHS_SETTING, bool(on))
        self._show_maths(bool(on))

    def _show_maths(self, on: bool) -> None:
        self.play.show_maths(on)
        self.maths_action.setChecked(on)

    # --- level select -------------------------------------------------------------------------
    def _unlocked(self) -> set[str]:
        return self.store.unlocked() if self.store is not None else set()

    def refresh_select(self) -> None:
        if self.campaign is not None:
            self.select.show_campaign(self.campaign, self._unlocked(), self.store)

    def show_levels(self) -> None:
        self._stop_animations()
        self.refresh_select()
        self.pages.setCurrentWidget(self.select)
        self.select.focus_first()

    # --- playing --------------------------------------------------------------------------------
    def start_level(self, level_id: str) -> None:
        if self.campaign is None:
            return
        if level_id not in self.campaign:
            self._tell(f"There is no Hike level called '{level_id}'.")
            return
        if not self.campaign.is_ready(level_id):
            self._generate(level_id)
            return
        self._pending = None
        level = self.campaign.get(level_id)
        if self.hike is None or self.hike.level.id != level.id:
            self.play.decay.setValue(1.0)  # a retry keeps the player's decay
        self._stop_animations()
        self.hike = Hike(level)
        self._event_ids = []
        play = self.play
        show_new_level(play, self.hike)
        self._show_maths(self._maths_wanted())
        play.banner.show_message("info", "Feel the slope, pick a learning rate", level.intro)
        self.ctx.settings.setValue("hike/last_level", level.id)
        self.pages.setCurrentWidget(play)
        self._show_state()
        play.rate.slider.setFocus()

    def _generate(self, level_id: str) -> None:
        self._pending = level_id
        if self.worker is not None and self.worker.isRunning():
            return
        message = "Building a new landscape for endless mode…"
        self.select.show_notice(message)
        self.play.banner.show_message("info", message)
        self.worker = EndlessWorker(endless_depth(level_id) or 1, self)
        self.worker.ready.connect(self._generated)
        self.worker.failed.connect(self._tell)
        self.worker.failed.connect(lambda _text: setattr(self, "_pending", None))
        self.worker.finished.connect(self._worker_done)
        self.worker.start()

    def _generated(self, level) -> None:
        self.campaign.remember(level)
        self.select.show_notice("")

    def _worker_done(self) -> None:
        """Play the endless level the player asked for last (building it if still missing)."""
        wanted, self._pending = self._pending, None
        if wanted is None:
            return
        if self.campaign.is_ready(wanted):
            self.start_level(wanted)
        else:
            self._generate(wanted)

    def take_step(self) -> None:
        hike, play = self.hike, self.play
        if hike is None or self.pages.currentWidget() is not play:
            return
        if hike.finished:
            self.continue_after_end()
            return
        if not play.rate.typed_is_current() and not play.rate.apply_typed():
            return
        if play.rate.typing_here(QApplication.focusWidget()):
            play.rate.slider.setFocus()  # give the game keys (Ctrl+Z, R, H) back
        if hike.level.allow_schedule:
            hike.set_decay(play.decay.value())
        play.field.finish_animation()  # the next step never waits for the last leap
        try:
            result = hike.step(play.rate.rate())
        except ValueError as exc:
            play.banner.show_message("info", str(exc))
            return
        self._event_ids.append(self._record(result))
        self.sounds.play(result.kind)
        play.banner.show_message(
            result.kind, result.headline, result.explanation, result.tie_in, result.term
        )
        self._show_state(result)
        if hike.finished:
            self._finish()

    def _record(self, result) -> int | None:
        if self.store is None or not self.recording:
            return None
        try:
            return self.store.record_step(self.hike.level.id, result.step, result.lr, result.kind)
        except sqlite3.Error as exc:
            self.ctx.notify(f"Could not save this step: {exc}")
            return None

    def _finish(self) -> None:
        hike, play = self.hike, self.play
        show_level_end(play, hike, reveal(hike), animate=not self.motion_off())
        next_id = self.campaign.next_id(hike.level.id)
        if hike.won and self.store is not None and self.recording:
            try:
                self.store.record_result(hike.level.id, hike.stars, hike.score, unlocks=next_id)
            except sqlite3.Error as exc:
                self.ctx.notify(f"Could not save your result: {exc}")
        play.rate.slider.setFocus()  # Space/Enter finish the drawing; N or R go on

    def continue_after_end(self) -> None:
        """Space/Enter after the end complete the reveal and stay on it (N or R go on)."""
        if self.play.reveal.is_animating():
            self.play.reveal.finish_animation()

    def next_after_win(self) -> None:
        """N: the next level, once this one is won (no-op while playing or after a loss)."""
        if self.hike is not None and self.hike.won and self.pages.currentWidget() is self.play:
            self.next_level()

    def _show_state(self, step=None) -> None:
        """Redraw everything from the hike; ``step`` (just taken) is animated as a leap."""
        hike = self.hike
        if hike.level.allow_schedule and not hike.finished:
            hike.set_decay(self.play.decay.value())
        animate = step is not None and not self.motion_off()
        show_hike_state(self.play, hike, step, animate=animate)

    def undo(self) -> None:
        if self.hike is None or not self.hike.undo():
            return
        self.play.reveal.stop()
        event_id = self._event_ids.pop() if self._event_ids else None
        if event_id is not None and self.store is not None:
            try:
                self.store.mark_undone(event_id)  # an undone step makes no card due
            except sqlite3.Error as exc:
                self.ctx.notify(f"Could not save the undo: {exc}")
        self.play.banner.show_message(
            "info", "Step taken back", f"Undo costs points. Undos so far: {self.hike.undos}."
        )
        self._show_state()
        self.play.rate.slider.setFocus()

    def restart(self) -> None:
        if self.hike is None:
            return
        self._stop_animations()
        self.start_level(self.hike.level.id)

    def next_level(self) -> None:
        if self.hike is None or not self.hike.won:
            return
        self._stop_animations()
        self.start_level(self.campaign.next_id(self.hike.level.id))

    def show_hint(self) -> None:
        """Take the next rung of the hint ladder (its cost was on the button)."""
        hike = self.hike
        if hike is None or hike.finished:
            return
        if hike.next_hint_cost() is None:
            self.play.banner.show_message("info", "No more hints", "You have seen them all.")
            return
        rung = hike.take_hint()
        self.play.banner.show_message("info", f"Hint {rung.index + 1}", rung.text)
        self._show_state()

    def _open_lesson(self) -> None:
        if self.hike is not None:
            self.ctx.navigate("learn", section=self.hike.level.chapter)

    # --- keyboard ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        playing = self.pages.currentWidget() is self.play and self.hike is not None
        if playing and handle_game_key(self, event):
            event.accept()
        else:
            super().keyPressEvent(event)

    # --- Screen hooks -----------------------------------------------------------------------
    def activate(self) -> None:
        if self.hike is None and self.campaign is not None:
            self.show_levels()

    def open(self, **target: object) -> None:
        level_id = target.get("level")
        if isinstance(level_id, str):
            self.start_level(level_id)
        else:
            self.show_levels()

    def menu_actions(self) -> list[QAction]:
        actions = []
        for text, slot in (
            ("Level list", self.show_levels),
            ("Restart level", self.restart),
            ("Take the next hint", self.show_hint),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            actions.append(action)
        return [*actions, self.maths_action, self.sounds.action]

    def _stop_animations(self) -> None:
        """Stop the timers; a half-drawn reveal is completed so it never stays half-drawn."""
        if self.play.reveal.is_animating():
            self.play.reveal.finish_animation()
        self.play.field.finish_animation()
        self.play.banner.stop()

    def deactivate(self) -> None:
        self._stop_animations()

    def shutdown(self) -> None:
        self.deactivate()
        if self.worker is not None:
            self.worker.wait(10_000)
            self.worker = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def smoke(self, wait: Wait) -> list[str]:
        """Play the first level with scripted rates, watch the reveal, report the result."""
        return play_first_level(self, wait)
