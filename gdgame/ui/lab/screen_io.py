"""The Lab screen's input and output: export of runs (with their results) and plots, the
remembered set-up, what the phase map needs and the hikers it adds, and the smoke test.
A mixin of :class:`LabScreen` (kept apart so each file stays short); it only uses the
screen's widgets and controller.
"""

from __future__ import annotations

from pathlib import Path

from gdgame.engine.presets import MAX_HIKERS, HikerSpec, get_preset
from gdgame.ui import settings_store
from gdgame.ui.lab import setup_store
from gdgame.ui.lab.export import results_path, write_results, write_run
from gdgame.ui.lab.names import hiker_name
from gdgame.ui.lab.plot_export import ask_save_path, export_plots, plot_paths
from gdgame.ui.lab.run_setup import (
    choice_for_preset,
    fit_start,
    hiker_problem,
    make_hiker_schedule,
)
from gdgame.ui.save_targets import may_write
from gdgame.ui.screen import Wait

RUN_FORMATS = {"CSV table (*.csv)": ".csv", "JSON (*.json)": ".json"}
PLOT_FORMATS = {"PNG images (*.png)": ".png", "SVG drawings (*.svg)": ".svg"}


class LabInputOutput:
    """Export, remembered set-up and smoke test of the Lab screen."""

    # --- export -----------------------------------------------------------------------------
    def export_run(self, path) -> Path:
        """Write the run (CSV or JSON by suffix); a CSV gets its results table beside it."""
        recording = self.controller.recording
        tolerance = self.results.tolerance.value()
        written = write_run(recording, path, tolerance)
        if written.suffix.lower() != ".json":
            write_results(recording, tolerance, written)
        return written

    def _plot_widgets(self) -> dict:
        return {
            "landscape": self.surface,
            "sweep": self.sweep.plot,
            "phase-map": self.phase.plot,
            **self.plots.plots(),
        }

    def export_plots(self, path) -> list[Path]:
        self.plots.bring_up_to_date()  # its tab may be hidden (then it draws only when shown)
        return export_plots(self._plot_widgets(), path)

    def save_run_dialog(self) -> None:
        path = ask_save_path(self, self.ctx.settings, "Save run", "lab-run", RUN_FORMATS)
        if path is not None and may_write(self, self._run_files(path), [path], self.ctx.notify):
            self._report_saved(lambda: self._run_files(self.export_run(path)))

    @staticmethod
    def _run_files(main: Path) -> list[Path]:
        return [main, results_path(main)] if main.suffix.lower() != ".json" else [main]

    def save_plots_dialog(self) -> None:
        path = ask_save_path(self, self.ctx.settings, "Save plots", "lab-plots", PLOT_FORMATS)
        if path is None:
            return
        if may_write(self, plot_paths(list(self._plot_widgets()), path), (), self.ctx.notify):
            self._report_saved(lambda: self.export_plots(path))

    def _report_saved(self, write) -> None:
        try:
            paths = write()
        except OSError as error:
            self.ctx.notify(f"Could not save: {error.strerror or error}")
            return
        self.ctx.notify("Saved " + ", ".join(p.name for p in paths))

    # --- remembered set-up ------------------------------------------------------------------
    def restore_setup(self) -> setup_store.LabSetup:
        """Put back what the Lab had at the last exit (checked and fitted on the way)."""
        settings = self.ctx.settings
        self.run_panel.speed.setValue(settings_store.read(settings, "lab/speed_index"))
        self.plots.log_loss.setChecked(settings_store.read(settings, "lab/log_loss"))
        setup = setup_store.load(settings)
        values = setup.values
        self.run_panel.set_steps(values["steps"])
        self.run_panel.set_noise(values["noise"])
        self.results.tolerance.setValue(values["tolerance"])
        self.sweep.low.setValue(values["sweep_low"])
        self.sweep.high.setValue(values["sweep_high"])
        self.sweep.count.setValue(values["sweep_count"])
        self.sweep.steps.setValue(values["sweep_steps"])
        self.map_area.vectors.setChecked(values["vectors"])
        self._restored_3d = bool(values["view_3d"])
        return setup

    def save_setup(self) -> None:
        settings = self.ctx.settings
        settings.setValue("lab/speed_index", self.run_panel.speed.value())
        settings.setValue("lab/log_loss", self.plots.log_loss.isChecked())
        if getattr(self, "_smoking", False):  # the smoke test's race is not the user's
            return
        values = {
            "steps": self.run_panel.steps.value(),
            "noise": self.run_panel.noise_value(),
            "tolerance": self.results.tolerance.value(),
            "sweep_low": self.sweep.low.value(),
            "sweep_high": self.sweep.high.value(),
            "sweep_count": self.sweep.count.value(),
            "sweep_steps": self.sweep.steps.value(),
            "view_3d": self.map_area.view3d_button.isChecked(),
            "vectors": self.map_area.vectors.isChecked(),
        }
        setup_store.save(settings, self.landscapes.choice, self.hikers.specs(), values)

    # --- phase map: its source and the hikers it adds -----------------------------------------
    def _phase_job(self):
        """(landscape, start, schedule, noise, seed) of the selected hiker, or None."""
        spec = self.hikers.selected()
        if spec is None or self.landscape is None:
            return None
        return (
            self.landscape,
            fit_start(spec.start, self.landscape),
            make_hiker_schedule(spec) if hiker_problem(spec) is None else None,
            self.run_panel.noise_value(),
            self._seed,
        )

    def _cell_chosen(self, optimizer: str, rate: float, momentum: float) -> None:
        """A phase-map cell joins the race (from the selected hiker's start)."""
        base = self.hikers.selected()
        start = base.start if base is not None else self._default_hikers(self.landscape)[0].start
        spec = HikerSpec(optimizer, float(f"{rate:.3g}"), start, {"momentum": round(momentum, 3)})
        if len(self.hikers.specs()) >= MAX_HIKERS:
            self.ctx.notify(f"The race already has {MAX_HIKERS} hikers: remove one first.")
            return
        self.hikers.add_hiker(spec)
        self.ctx.notify(f"Added {hiker_name(spec)} μ={momentum:.3g} to the race")

    # --- smoke test -------------------------------------------------------------------------
    def smoke(self, wait: Wait) -> list[str]:
        self._smoking = True
        self.landscapes.select(choice_for_preset(get_preset("overshoot-demo")))
        self.hikers.set_specs([HikerSpec("sgd", 0.3, (2.0,)), HikerSpec("momentum", 0.1, (2.0,))])
        self.run_panel.set_steps(40)
        speed = self.run_panel.speed.value()
        self.run_panel.speed.setValue(self.run_panel.speed.maximum())
        self.reset_run()
        self.controller.play()
        for _ in range(100):
            if self.controller.is_finished():
                break
            wait(50)
        lines = [f"lab: race 2 hikers x {self.controller.step_count()} steps"]
        self.sweep.count.setValue(50)
        self.start_sweep()
        for _ in range(100):
            if not self.sweep.is_running() and self.sweep.best_rate is not None:
                break
            wait(50)
        best = "none" if self.sweep.best_rate is None else f"{self.sweep.best_rate:.3g}"
        lines.append(f"lab: sweep {len(self.sweep.rates)} rates, best lr={best}")
        self.run_panel.speed.setValue(speed)
        self.deactivate()
        return lines
