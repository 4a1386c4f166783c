"""The Hike screen: play the blindfolded-hiker levels with the keyboard or the mouse.

The screen only forwards input to :class:`gdgame.game.Hike` and shows what it returns;
the rules, scoring, reveal data and saved progress live in :mod:`gdgame.game`.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QVBoxLayout, QWidget

from gdgame.game import Campaign, Hike, LevelError
from gdgame.game.campaign import endless_depth
from gdgame.game.progress import ProgressStore
from gdgame.game.reveal import reveal
from gdgame.storage import DatabaseError
from gdgame.ui.hike.level_select import LevelSelect
from gdgame.ui.hike.level_worker import EndlessWorker
from gdgame.ui.hike.play_page import PlayPage
from gdgame.ui.hike.rate_control import COARSE_NUDGE, FINE_NUDGE, MAX_RATE, MIN_RATE
from gdgame.ui.hike.smoke_play import play_first_level
from gdgame.ui.hike.sound import StepSounds
from gdgame.ui.hike.summary import summary_html
from gdgame.ui.screen import Screen, Wait

DEFAULT_RATE = 0.1


class HikeScreen(Screen):
    screen_id = "hike"
    title = "Hike"

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.hike: Hike | None = None
        self.store: ProgressStore | None = None
        self.worker: EndlessWorker | None = None
        self.recording = True
        self._hint_index = 0
        self._pending: str | None = None
        self.sounds = StepSounds(ctx.settings, self)
        self.select = LevelSelect()
        self.play = PlayPage(self._remembered_rate())
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

    # --- level select -------------------------------------------------------------------------
    def _unlocked(self) -> set[str]:
        return self.store.unlocked() if self.store is not None else set()

    def refresh_select(self) -> None:
        if self.campaign is None:
            return
        unlocked = self._unlocked()
        progress = self.store.all_levels() if self.store is not None else {}
        entries = [
            (
                level.id,
                level.title,
                level.concept,
                progress[level.id].stars if level.id in progress else 0,
                self.campaign.is_unlocked(level.id, unlocked),
            )
            for level in self.campaign.levels
        ]
        depths = [endless_depth(i) or 0 for i in unlocked]
        depth = max([d for d in depths if d], default=1)
        self.select.populate(entries, depth, self.campaign.endless_open(unlocked))

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
        self.hike = Hike(level)
        self._hint_index = 0
        play = self.play
        play.title.setText(f"<h2>{level.title}</h2>")
        play.concept.setText(level.concept)
        play.decay_row.setVisible(level.allow_schedule)
        play.field.set_dimension(level.dim)
        play.banner.show_message("info", "Feel the slope, pick a step size", level.intro)
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
        try:
            result = hike.step(play.rate.rate())
        except ValueError as exc:
            play.banner.show_message("info", str(exc))
            return
        self._record(result)
        self.sounds.play(result.kind)
        play.banner.show_message(
            result.kind, result.headline, result.explanation, result.tie_in, result.term
        )
        self._show_state()
        if hike.finished:
            self._finish()

    def _record(self, result) -> None:
        if self.store is None or not self.recording:
            return
        try:
            self.store.record_step(self.hike.level.id, result.step, result.lr, result.kind)
        except sqlite3.Error as exc:
            self.ctx.notify(f"Could not save this step: {exc}")

    def _finish(self) -> None:
        hike, play = self.hike, self.play
        data = reveal(hike)
        play.reveal.show_reveal(data)
        play.show_reveal(True)
        play.result.setText(summary_html(hike, data))
        next_id = self.campaign.next_id(hike.level.id)
        play.next_button.setEnabled(hike.won)
        if hike.won and self.store is not None and self.recording:
            try:
                self.store.record_result(hike.level.id, hike.stars, hike.score, unlocks=next_id)
            except sqlite3.Error as exc:
                self.ctx.notify(f"Could not save your result: {exc}")
        play.rate.slider.setFocus()  # Space/Enter: finish the drawing, then go on

    def continue_after_end(self) -> None:
        """Space/Enter after the end: complete the reveal first, then Next (won) or Retry."""
        if self.play.reveal.is_animating():
            self.play.reveal.finish_animation()
        elif self.hike.won:
            self.next_level()
        else:
            self.restart()

    def _show_state(self) -> None:
        hike, play = self.hike, self.play
        level = hike.level
        status = (
            f"Step {hike.steps_used} of {level.step_budget} · par {level.par} · "
            f"goal: {level.goal.describe()}"
        )
        if level.allow_schedule and not hike.finished:
            factor = play.decay.value() ** hike.steps_used
            status += f" · next step uses rate x {factor:.3g} (decay)"
        play.status.setText(status)
        play.field.show_hike(hike)
        play.plots.show_hike(hike)
        play.undo_button.setEnabled(bool(hike.history) and not hike.won)
        play.step_button.setEnabled(not hike.finished)
        if not hike.finished:
            play.show_reveal(False)

    def undo(self) -> None:
        if self.hike is None or not self.hike.undo():
            return
        self.play.reveal.stop()
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
        if self.hike is None:
            return
        tips = self.hike.level.hints
        extra = tips[self._hint_index % len(tips)] if tips else ""
        self._hint_index += 1
        self.play.banner.show_message("info", "Hint", f"{self.hike.hint()} {extra}")

    def _open_lesson(self) -> None:
        if self.hike is not None:
            self.ctx.navigate("learn", section=self.hike.level.chapter)

    # --- keyboard ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.pages.currentWidget() is not self.play or self.hike is None:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        nudges = {
            Qt.Key.Key_Up: FINE_NUDGE,
            Qt.Key.Key_Down: -FINE_NUDGE,
            Qt.Key.Key_PageUp: COARSE_NUDGE,
            Qt.Key.Key_PageDown: -COARSE_NUDGE,
        }
        if key in nudges:
            self.play.rate.nudge(nudges[key])
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not (event.isAutoRepeat() and self.hike.finished):  # a held key stops at the end
                self.take_step()
        elif key == Qt.Key.Key_Z and mods & Qt.KeyboardModifier.ControlModifier:
            self.undo()
        elif key == Qt.Key.Key_R and not mods & Qt.KeyboardModifier.ControlModifier:
            self.restart()
        elif key == Qt.Key.Key_H and not mods & Qt.KeyboardModifier.ControlModifier:
            self.show_hint()
        elif key == Qt.Key.Key_Escape:
            self.show_levels()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

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
            ("Show hint", self.show_hint),
        ):
            action = QAction(text, self)
            action.triggered.connect(slot)
            actions.append(action)
        return [*actions, self.sounds.action]

    def _stop_animations(self) -> None:
        """Stop the timers; a half-drawn reveal is completed so it never stays half-drawn."""
        if self.play.reveal.is_animating():
            self.play.reveal.finish_animation()
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
