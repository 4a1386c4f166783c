"""The Lab's rate tools and data panel, wired into the screen (a mixin of ``LabScreen``):
the sweep and the learning-rate range test of the selected hiker, the rate they hand back
(and the range test's undo), the sweep's best rate beside the range test's suggestion, and
which landscape the data panel shows.
"""

from __future__ import annotations

from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.data_panel import DataPanel, not_data_reason
from gdgame.ui.lab.range_panel import RangePanel
from gdgame.ui.lab.range_setup import hiker_rate
from gdgame.ui.lab.run_setup import (
    fit_start,
    hiker_problem,
    make_hiker_schedule,
    optimizer_hyper,
)

DATA_TAB = "Data"
RANGE_TAB = "Range test"


class LabTools:
    """Needs the screen's ``hikers``, ``sweep``, ``views``, ``run_panel``, ``landscape``,
    ``ctx`` and ``_seed``."""

    def _build_tools(self) -> None:
        self.data_panel = DataPanel()
        self.range_panel = RangePanel()
        # (hiker index, the hiker before, every hiker right after): Undo applies only while
        # the hikers are still as "Use this rate" left them.
        self._rate_undo: tuple[int, HikerSpec, list[HikerSpec]] | None = None

    def _tool_pages(self) -> list:
        return [(DATA_TAB, self.data_panel), (RANGE_TAB, self.range_panel)]

    def _connect_tools(self) -> None:
        self.range_panel.run_button.clicked.connect(self.start_range_test)
        self.range_panel.useRate.connect(self.use_range_rate)
        self.range_panel.undoRate.connect(self.undo_range_rate)
        self.sweep.finished.connect(self._sweep_done)
        self.hikers.list.currentRowChanged.connect(self.data_panel.set_selected)
        self.hikers.changed.connect(self._undo_still_applies)

    def _tools_landscape(self, landscape) -> None:
        """A new landscape: the data panel shows its data (or why none), old results go."""
        self.data_panel.set_landscape(landscape)
        available = self.data_panel.available
        reason = "" if available else "Shows models trained on data: choose a Penguins landscape"
        self.views.set_page_enabled(self.data_panel, available, reason)
        self.range_panel.clear()
        self.range_panel.set_sweep(None, None)
        self._forget_undo()

    # --- menu commands --------------------------------------------------------------------
    def show_data_panel(self) -> None:
        if not self.data_panel.available:
            self.ctx.notify(not_data_reason())
        self.views.show_page(self.data_panel)

    def show_range_test(self) -> None:
        self.views.show_page(self.range_panel)

    def cancel_tasks(self) -> None:
        """Esc: cancel a running sweep and a running range test."""
        self.sweep.cancel()
        self.range_panel.cancel()

    # --- range test -----------------------------------------------------------------------
    def start_range_test(self) -> bool:
        """Test the selected hiker's optimiser from its start; False if nothing ran."""
        spec = self.hikers.selected()
        self.show_range_test()
        if spec is None or self.landscape is None:
            self.range_panel.status.setText("Add a hiker first: the test trains the selected one.")
            return False
        problem = hiker_problem(spec)
        if problem is not None:
            self.range_panel.status.setText(f"Cannot test: {problem}")
            return False
        return self.range_panel.start(
            self.landscape,
            fit_start(spec.start, self.landscape),
            spec.optimizer,
            optimizer_hyper(spec),
            noise=self.run_panel.noise_value(),
            seed=self._seed,
        )

    def use_range_rate(self, rate: float) -> None:
        spec = self.hikers.selected()
        if spec is None:
            return
        taken, note = hiker_rate(rate)
        index = self.hikers.selected_index()
        self._rate_undo = None  # not yet: the change below is the one to undo
        self.hikers.set_selected_lr(taken)
        self._rate_undo = (index, spec, self.hikers.specs())
        undo = self.range_panel.undo_button
        undo.setText(f"Undo (back to {spec.lr:g})")
        undo.setEnabled(True)
        self.ctx.notify(f"Learning rate {taken:g} given to hiker {index + 1}. {note}".strip())

    def undo_range_rate(self) -> None:
        if self._rate_undo is None:
            return
        index, old, _after = self._rate_undo
        if not self._undo_still_applies():
            return
        self._forget_undo()
        self.hikers.list.setCurrentRow(index)
        self.hikers.set_selected_lr(old.lr, label=old.label)  # and its name ("calm: lr 0.2")
        self.ctx.notify(f"Hiker {index + 1} has its learning rate {old.lr:g} back.")

    def _undo_still_applies(self) -> bool:
        """False (and Undo is disabled) once a hiker was added, removed or edited since."""
        if self._rate_undo is None:
            return False
        if self.hikers.specs() == self._rate_undo[2]:
            return True
        self._forget_undo()
        return False

    def _forget_undo(self) -> None:
        self._rate_undo = None
        self.range_panel.undo_button.setText("Undo")
        self.range_panel.undo_button.setEnabled(False)

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

    # --- the sweep, for comparison --------------------------------------------------------
    def _sweep_done(self, _rates, _losses) -> None:
        self.range_panel.set_sweep(self.sweep.best_rate, self.sweep.swept_steps)
