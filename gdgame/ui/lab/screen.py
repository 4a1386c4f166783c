"""The Lab: race optimisers on any landscape, sweep learning rates, try your own formula.

This screen only wires widgets together; landscapes, descent, sweeps, phase maps and the
step-by-step numbers come from the Qt-free engine, runs stream from a worker thread
(``RunController``), sweeps and phase maps run in others. Export, the remembered set-up
and the smoke test live in ``screen_io``.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine.analysis import map_height, runaway_level
from gdgame.engine.presets import PRESETS, HikerSpec, get_preset
from gdgame.ui.lab.actions import LabActions
from gdgame.ui.lab.hiker_panel import HikerPanel
from gdgame.ui.lab.landscape_panel import LandscapePanel
from gdgame.ui.lab.live_plots import LivePlots
from gdgame.ui.lab.map_area import MapArea
from gdgame.ui.lab.names import hiker_name
from gdgame.ui.lab.phase_panel import PhasePanel
from gdgame.ui.lab.results_table import ResultsTable
from gdgame.ui.lab.run_controller import RunController
from gdgame.ui.lab.run_panel import RunPanel
from gdgame.ui.lab.run_setup import (
    CUSTOM,
    choice_for_preset,
    fit_start,
    hiker_problem,
    make_hiker_schedule,
    optimizer_hyper,
)
from gdgame.ui.lab.screen_io import LabInputOutput
from gdgame.ui.lab.step_panel import StepPanel
from gdgame.ui.lab.surface_view import SurfaceView
from gdgame.ui.lab.sweep_panel import SweepPanel
from gdgame.ui.lab.views_layout import LabViews
from gdgame.ui.screen import Screen

PANEL_WIDTH = 330
TEXT_EVERY = 0.25  # seconds between updates of the results table and step panel


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(widget)
    return box


class LabScreen(LabInputOutput, Screen):
    screen_id = "lab"
    title = "Lab"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.controller = RunController(self)
        self._last_paint = 0.0
        self._last_text = 0.0
        self._paint_cost = 0.0  # seconds the last repaint took (frames are skipped if large)
        self._away = False  # deactivated: another screen is shown
        self.preset = QComboBox()
        self.preset.addItem("Choose a preset…", "")
        for preset in PRESETS:
            self.preset.addItem(preset.title, preset.id)
        self.preset_note = QLabel(
            "Ready-made experiments from the lesson: pick one, then press Space to play."
        )
        self.preset_note.setWordWrap(True)
        self.landscapes = LandscapePanel()
        self.hikers = HikerPanel()
        self.run_panel = RunPanel()
        self.sweep = SweepPanel()
        self.phase = PhasePanel()
        self.steps_panel = StepPanel()
        self.surface = SurfaceView()
        self.map_area = MapArea(self.surface)
        self.plots = LivePlots()
        self.results = ResultsTable()
        self.save_run_button = QPushButton("Save run…")
        self.save_run_button.setToolTip(
            "Every hiker, every step and the results table, as CSV or JSON (Ctrl+E)"
        )
        self.save_plots_button = QPushButton("Save plots…")
        self.save_plots_button.setToolTip("All plots as PNG or SVG images (Ctrl+Shift+E)")
        self._seed = 0  # noise seed of the run (presets choose theirs)
        self._restored_3d = False
        self._build_layout()
        setup = self.restore_setup()
        self._connect()
        self.actions = LabActions(self)
        self._start_with(setup)

    def _start_with(self, setup) -> None:
        """The remembered landscape and hikers (or the defaults when none are usable)."""
        self.hikers.blockSignals(True)
        restored = setup.choice != self.landscapes.choice and self.landscapes.select(setup.choice)
        if not restored and setup.choice != self.landscapes.choice:
            self.ctx.notify("The Lab could not rebuild its last landscape; it starts afresh.")
        landscape = self.landscapes.landscape
        self.hikers.set_space(landscape.dim, landscape.bounds)
        hikers = setup.hikers or self._default_hikers(landscape)
        if not self.landscapes.building():  # a formula: its hikers wait for the landscape
            hikers = [h if len(h.start) == landscape.dim else self._moved(h) for h in hikers]
        self.hikers.set_specs(hikers)
        self.hikers.blockSignals(False)
        if not self.landscapes.building():
            self._landscape_changed(landscape)
        if self._restored_3d and self.map_area.view3d_button.isEnabled():
            self.map_area.view3d_button.setChecked(True)

    def _moved(self, spec: HikerSpec) -> HikerSpec:
        return replace(spec, start=self._default_hikers(self.landscape)[0].start)

    # --- layout -----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        preset_box = QWidget()
        preset_layout = QVBoxLayout(preset_box)
        preset_layout.setContentsMargins(0, 0, 0, 0)
        preset_layout.addWidget(self.preset)
        preset_layout.addWidget(self.preset_note)
        export_row = QWidget()
        export_layout = QHBoxLayout(export_row)
        export_layout.setContentsMargins(0, 0, 0, 0)
        export_layout.addWidget(self.save_run_button)
        export_layout.addWidget(self.save_plots_button)
        column = QWidget()
        side = QVBoxLayout(column)
        side.setContentsMargins(4, 4, 4, 4)
        for title, widget in (
            ("Preset", preset_box),
            ("Landscape", self.landscapes),
            ("Hikers (click the map to place the selected one)", self.hikers),
            ("Run", self.run_panel),
            ("Export", export_row),
        ):
            side.addWidget(_group(title, widget))
        side.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Lab settings")
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(PANEL_WIDTH)

        pages = [
            ("Step by step", self.steps_panel),
            ("Sweep", self.sweep),
            ("Phase map", self.phase),
        ]
        self.views = LabViews(self.map_area, pages, self.plots, self.results)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll)
        layout.addWidget(self.views, 1)

    def _connect(self) -> None:
        c, rp = self.controller, self.run_panel
        c.frame.connect(self._repaint)
        c.stateChanged.connect(self._state_changed)
        c.failed.connect(self._show_failure)
        rp.play_button.toggled.connect(self._play_toggled)
        rp.step_button.clicked.connect(c.step_once)
        rp.reset_button.clicked.connect(self.reset_run)
        rp.speed.valueChanged.connect(lambda _v: c.set_speed(rp.speed_value()))
        rp.settingsChanged.connect(self.reset_run)
        c.set_speed(rp.speed_value())
        self.landscapes.landscapeChanged.connect(self._landscape_changed)
        self.hikers.changed.connect(self.reset_run)
        self.hikers.list.currentRowChanged.connect(self.steps_panel.set_hiker)
        self.surface.pointClicked.connect(self.hikers.set_selected_start)
        self.sweep.run_button.clicked.connect(self.start_sweep)
        self.sweep.rateChosen.connect(self._rate_chosen)
        self.phase.set_source(self._phase_job)
        self.phase.cellChosen.connect(self._cell_chosen)
        self.steps_panel.explained.connect(self.map_area.show_explanation)
        self.results.toleranceChanged.connect(lambda _v: self._show_text(force=True))
        self.preset.activated.connect(self._preset_chosen)
        self.save_run_button.clicked.connect(self.save_run_dialog)
        self.save_plots_button.clicked.connect(self.save_plots_dialog)

    # --- run --------------------------------------------------------------------------------
    @property
    def landscape(self):
        return self.landscapes.landscape

    def _default_hikers(self, landscape) -> list[HikerSpec]:
        lo = np.array([b[0] for b in landscape.bounds])
        hi = np.array([b[1] for b in landscape.bounds])
        start = tuple(float(v) for v in lo + 0.85 * (hi - lo))
        return [HikerSpec("sgd", 0.01, start), HikerSpec("adam", 0.1, start)]

    def _show_landscape(self, landscape) -> None:
        self.surface.set_landscape(landscape)
        self.map_area.landscape_changed(landscape)
        self.sweep.clear()  # its result belonged to the old landscape
        self.phase.clear()
        self._height = map_height(landscape)

    def _landscape_changed(self, landscape) -> None:
        self._show_landscape(landscape)
        specs = self.hikers.specs()
        self.hikers.set_space(landscape.dim, landscape.bounds)
        start = self._default_hikers(landscape)[0].start
        moved = [  # 1D <-> 2D, or a start outside the new box: use the default start
            spec
            if len(spec.start) == landscape.dim and landscape.contains(np.array(spec.start))
            else replace(spec, start=start)
            for spec in specs
        ]
        if moved != specs:
            self.hikers.set_specs(moved)
        else:
            self.reset_run()

    def reset_run(self) -> None:
        """Restart the race from the start points with the current settings."""
        landscape, specs = self.landscape, self.hikers.specs()
        if landscape is None or not specs:
            return
        problem = next(filter(None, map(hiker_problem, specs)), None)
        if problem is not None:  # the boxes prevent this; a preset or a bug might not
            self.controller.stop()
            self._show_failure(f"Cannot run: {problem}")
            return
        starts = [fit_start(s.start, landscape) for s in specs]
        names = [hiker_name(s) for s in specs]
        lowest = float(getattr(landscape, "global_min_value", np.nan))
        self.surface.set_hikers(names, starts)
        self.map_area.legend.set_hikers(names)
        self.plots.set_hikers(len(specs), lowest, self.run_panel.steps.value(), names)
        height = getattr(self, "_height", None) or map_height(landscape)
        self.controller.prepare(
            landscape,
            specs,
            self.run_panel.steps.value(),
            self.run_panel.noise_value(),
            seed=self._seed,
            runaway=runaway_level(lowest, height),
            lowest=lowest,
        )
        self.steps_panel.set_recording(self.controller.recording)
        self.steps_panel.set_hiker(self.hikers.selected_index())
        self._show_state(self.controller.state)
        self._show_text(force=True)

    def toggle_play(self) -> None:
        """Play or pause (the Space key); a finished run starts again from the top."""
        self.run_panel.play_button.toggle()

    def _play_toggled(self, on: bool) -> None:
        if on and self.controller.is_finished():
            self.reset_run()
        if on:
            self.controller.play()
        else:
            self.controller.pause()

    def _repaint(self) -> None:
        recording = self.controller.recording
        playing = self.controller.state == "playing"
        if recording is None or self._away or not self.isVisible():
            return  # activate() / showEvent() draw what arrived meanwhile
        started = time.perf_counter()
        if playing and started - self._last_paint < 2 * self._paint_cost:
            return  # huge runs: skip frames so drawing takes at most a third of the time
        self.map_area.show_recording(recording)
        self.plots.show_recording(recording)
        self._show_state(self.controller.state)
        self._show_text(force=not playing)
        self._last_paint = time.perf_counter()
        self._paint_cost = self._last_paint - started

    def _show_text(self, force: bool = False) -> None:
        """The results table and the step-by-step panel: a few times a second at most."""
        recording = self.controller.recording
        now = time.perf_counter()
        if recording is None or (not force and now - self._last_text < TEXT_EVERY):
            return
        self._last_text = now
        tolerance = self.results.tolerance.value()
        self.results.show_results(recording.hikers, recording.results(tolerance))
        self.steps_panel.refresh()

    def _state_changed(self, state: str) -> None:
        self._show_state(state)
        if state != "playing":
            self._show_text(force=True)

    def _show_state(self, state: str) -> None:
        self.run_panel.show_count(self.controller.step_count(), self.controller.steps, state)

    def _show_failure(self, message: str) -> None:
        self.run_panel.counter.setText(message)
        self.ctx.notify(message)

    # --- sweep ------------------------------------------------------------------------------
    def start_sweep(self) -> None:
        spec = self.hikers.selected()
        if spec is None or self.landscape is None:
            return
        problem = hiker_problem(spec)
        if problem is not None:
            self.sweep.status.setText(f"Cannot sweep: {problem}")
            return
        x0 = fit_start(spec.start, self.landscape)
        schedule = make_hiker_schedule(spec)
        self.views.show_sweep()
        self.sweep.start(
            self.landscape,
            x0,
            spec.optimizer,
            optimizer_hyper(spec),
            schedule,
            noise=self.run_panel.noise_value(),
            seed=self._seed,
        )

    def _rate_chosen(self, rate: float) -> None:
        rate = float(f"{rate:.3g}")  # a readable rate; the sweep's grid is finer than that
        self.hikers.set_selected_lr(rate)
        self.views.show_race()  # narrow window: back to the map to watch that rate
        self.ctx.notify(
            f"Learning rate {rate:.4g} given to hiker {self.hikers.selected_index() + 1}"
        )

    # --- presets ----------------------------------------------------------------------------
    def _preset_chosen(self, index: int) -> None:
        preset_id = self.preset.itemData(index)
        if preset_id:
            self.open(preset=preset_id)
            self.run_panel.play_button.setFocus()  # Space plays at once, not the combo box

    def apply_preset(self, preset_id: str) -> bool:
        try:
            preset = get_preset(preset_id)
        except KeyError:
            self.ctx.notify(f"There is no Lab preset called {preset_id!r}.")
            return False
        self.controller.stop()
        self.hikers.blockSignals(True)
        self.landscapes.blockSignals(True)
        ok = self.landscapes.select(choice_for_preset(preset))
        self.landscapes.blockSignals(False)
        # a formula: _landscape_changed when it arrives (another formula may still be in the
        # works when an engine landscape is chosen: that one is built already)
        if ok and preset.landscape == CUSTOM and self.landscapes.building():
            self.hikers.set_specs(list(preset.hikers))
        elif ok:
            self._show_landscape(self.landscape)
            self.hikers.set_space(self.landscape.dim, self.landscape.bounds)
            self.hikers.set_specs(list(preset.hikers))
        self.hikers.blockSignals(False)
        self.run_panel.set_steps(preset.steps)
        self.run_panel.set_noise(preset.noise)
        self._seed = preset.seed
        self.plots.log_loss.setChecked(preset.log_loss)
        self.preset.setCurrentIndex(max(0, self.preset.findData(preset_id)))
        self.preset_note.setText(preset.description)
        self.reset_run()
        return ok

    # --- Screen hooks -----------------------------------------------------------------------
    def open(self, **target: object) -> None:
        preset_id = target.get("preset")
        if isinstance(preset_id, str):
            self.apply_preset(preset_id)

    def menu_actions(self) -> list[QAction]:
        return list(self.actions.actions)

    def activate(self) -> None:
        self.actions.set_active(True)
        self._away = False
        self._repaint()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self._repaint()

    def deactivate(self) -> None:
        self._away = True  # no drawing on the way out: the screen is about to be hidden
        self.actions.set_active(False)
        self.save_setup()
        self.controller.pause()
        self.controller.stop()
        self.sweep.stop()
        self.phase.stop()

    def shutdown(self) -> None:
        self.deactivate()
        self.controller.shutdown()
        self.sweep.shutdown()
        self.phase.shutdown()
        self.landscapes.shutdown()
