"""Landscape picker: every engine landscape, the seeded generator, or a typed formula.

Building happens in the Qt-free core (``run_setup.build_landscape``); a bad formula or bad
parameters show an inline message and the previous landscape stays in place. A custom
formula is built in a worker thread (checking a formula can take a second); if several are
asked for meanwhile, only the latest is built next.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine import list_landscapes
from gdgame.engine.formula import FormulaError
from gdgame.ui.lab.input_limits import DIFFICULTY, RANDOM_SEED
from gdgame.ui.lab.names import landscape_name
from gdgame.ui.lab.run_setup import (
    CUSTOM,
    RANDOM,
    LandscapeChoice,
    build_landscape,
    format_params,
    parse_params,
)
from gdgame.ui.lab.workers import BuildWorker, Retired, WorkerThread

EXAMPLE_FORMULA = "x**4 - 3*x**2 + y**2"
DEFAULT_LANDSCAPE = "himmelblau"
BUILDING_NOTE = "Checking your formula…"
# What bad input may raise while building (said to the user, not logged as a bug).
REFUSALS = (
    FormulaError,
    ValueError,
    TypeError,
    KeyError,
    MemoryError,
    OverflowError,
    RecursionError,
)


def refusal_message(error: BaseException) -> str:
    if isinstance(error, MemoryError | OverflowError | RecursionError):
        return "These settings make the landscape far too large to build."
    return str(error)


class LandscapePanel(QWidget):
    """Emits ``landscapeChanged(landscape)`` when a new landscape was built successfully."""

    landscapeChanged = Signal(object)
    buildFinished = Signal(bool)  # after every build, at once or from the worker

    def __init__(self, parent=None):
        super().__init__(parent)
        self.landscape = None
        self._job: WorkerThread | None = None
        self._job_choice: LandscapeChoice | None = None
        self._wanted: tuple[int, LandscapeChoice] | None = None  # the next formula to build
        self._token = 0  # the latest build asked for; older results are dropped
        self._retired = Retired()
        self.choice = LandscapeChoice(kind=DEFAULT_LANDSCAPE)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Landscape")
        for name in list_landscapes():
            if name == RANDOM:  # offered below with its seed, dimension and difficulty
                continue
            self.kind.addItem(landscape_name(name), name)
        self.kind.addItem(landscape_name(RANDOM), RANDOM)
        self.kind.addItem(landscape_name(CUSTOM), CUSTOM)
        self.kind.setCurrentIndex(max(0, self.kind.findData(DEFAULT_LANDSCAPE)))
        self.seed = QSpinBox()
        self.seed.setRange(RANDOM_SEED.low, RANDOM_SEED.high)
        self.random_dim = QComboBox()
        self.random_dim.addItems(["2D", "1D"])
        self.difficulty = QDoubleSpinBox()
        self.difficulty.setDecimals(DIFFICULTY.decimals)
        self.difficulty.setRange(DIFFICULTY.low, DIFFICULTY.high)
        self.difficulty.setSingleStep(0.1)
        self.difficulty.setValue(DIFFICULTY.default)
        self.random_row = QWidget()
        random_layout = QHBoxLayout(self.random_row)
        random_layout.setContentsMargins(0, 0, 0, 0)
        for label, box in (
            ("seed", self.seed),
            ("", self.random_dim),
            ("difficulty", self.difficulty),
        ):
            if label:
                random_layout.addWidget(QLabel(label))
            random_layout.addWidget(box)
        self.formula = QLineEdit(EXAMPLE_FORMULA)
        self.formula.setPlaceholderText("e.g. x**4 - 3*x**2 + y**2")
        self.formula.setAccessibleName("Custom formula")
        self.apply_formula = QPushButton("Use formula")
        self.formula_row = QWidget()
        formula_layout = QHBoxLayout(self.formula_row)
        formula_layout.setContentsMargins(0, 0, 0, 0)
        formula_layout.addWidget(self.formula, 1)
        formula_layout.addWidget(self.apply_formula)
        self.params = QLineEdit()
        self.params.setAccessibleName("Landscape parameters")
        self.params.setToolTip("Parameters as name=value, e.g. condition=50 or scales=(1, 4)")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("formula-error")
        self.error.setStyleSheet("color: #d55e00;")
        self.error.setAccessibleName("Formula problem")
        self.slope = QLabel()
        self.slope.setWordWrap(True)
        self.slope.setToolTip("The slope the Lab derived from your formula")

        form = self._form = QFormLayout()
        form.addRow("Landscape", self.kind)
        form.addRow("Parameters", self.params)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.random_row)
        layout.addWidget(self.formula_row)
        layout.addWidget(self.error)
        layout.addWidget(self.slope)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.seed.valueChanged, self.random_dim.currentIndexChanged):
            signal.connect(self.rebuild)
        self.difficulty.editingFinished.connect(self.rebuild)
        self.apply_formula.clicked.connect(self.rebuild)
        self.formula.returnPressed.connect(self.rebuild)
        self.params.returnPressed.connect(self.rebuild)
        self._kind_changed()

    def current_kind(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self, *_args) -> None:
        kind = self.current_kind()
        self.random_row.setVisible(kind == RANDOM)
        self.formula_row.setVisible(kind == CUSTOM)
        self.params.clear()  # a new kind starts from its default parameters
        self.rebuild()

    def _choice(self) -> LandscapeChoice:
        kind = self.current_kind()
        if kind == CUSTOM:
            return LandscapeChoice(kind=CUSTOM, formula=self.formula.text())
        if kind == RANDOM:
            dim = 1 if self.random_dim.currentText() == "1D" else 2
            return LandscapeChoice(
                kind=RANDOM, seed=self.seed.value(), dim=dim, difficulty=self.difficulty.value()
            )
        return LandscapeChoice(kind=kind, params=parse_params(self.params.text()))

    def rebuild(self, *_args) -> bool:
        """Build the current choice; on failure show why and keep the old landscape."""
        try:
            choice = self._choice()
        except ValueError as error:
            self._refuse(str(error))
            return False
        return self.apply_choice(choice)

    def apply_choice(self, choice: LandscapeChoice) -> bool:
        """Build ``choice`` and show it; False (message shown) if it cannot be built.

        A custom formula is built in the background: True means "on its way"
        (``building()``); ``landscapeChanged`` or the message follows.
        """
        self._token += 1
        if choice.kind == CUSTOM:
            self._wanted = (self._token, choice)
            self.slope.setText(BUILDING_NOTE)
            self.slope.show()
            if self._job is None:
                self._launch()
            return True
        try:
            landscape = build_landscape(choice)
        except REFUSALS as error:
            self._refuse(refusal_message(error))
            return False
        self._accept(choice, landscape)
        return True

    def building(self) -> bool:
        """A formula is being built (its landscape has not arrived yet)."""
        return self._job is not None or self._wanted is not None

    def shutdown(self) -> None:
        """Forget pending formulas and wait for one being built (the window is closing)."""
        self._wanted = None
        self._token += 1
        if self._job is not None:
            self._retired.add(self._job)
            self._job = None
        self._retired.join()

    def _launch(self) -> None:
        token, choice = self._wanted
        self._wanted = None
        worker = BuildWorker(partial(build_landscape, choice), token, REFUSALS, refusal_message)
        worker.built.connect(self._on_built)
        worker.refused.connect(self._on_refused)
        self._job, self._job_choice = WorkerThread(worker, worker.run), choice
        self._job.start()

    def _job_done(self) -> LandscapeChoice | None:
        choice = self._job_choice
        if self._job is not None:
            self._retired.stop(self._job)  # its run() has returned: the thread is ending
        self._job, self._job_choice = None, None
        if self._wanted is not None:
            self._launch()
        return choice

    def _on_built(self, token: int, landscape) -> None:
        choice = self._job_done()
        if token == self._token and choice is not None:
            self._accept(choice, landscape)

    def _on_refused(self, token: int, message: str) -> None:
        self._job_done()
        if token == self._token:
            self.slope.hide()
            self._refuse(message)

    def _refuse(self, message: str) -> None:
        self.show_error(message)
        self.buildFinished.emit(False)

    def _accept(self, choice: LandscapeChoice, landscape) -> None:
        self.choice = choice
        self.landscape = landscape
        engine_kind = choice.kind not in (CUSTOM, RANDOM)
        self._form.setRowVisible(self.params, engine_kind and bool(landscape.params))
        self.params.setText(format_params(landscape.params) if engine_kind else "")
        self.error.clear()
        self.error.hide()
        gradient_text = getattr(landscape, "gradient_text", None)
        self.slope.setText("Slope: " + ";  ".join(gradient_text()) if gradient_text else "")
        self.slope.setVisible(gradient_text is not None)
        self.landscapeChanged.emit(landscape)
        self.buildFinished.emit(True)

    def show_error(self, message: str) -> None:
        if self.landscape is not None:
            message += " The map still shows the previous landscape."
        self.error.setText(message)
        self.error.show()

    def select(self, choice: LandscapeChoice) -> bool:
        """Show ``choice`` in the widgets (used by presets) and build it."""
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(choice.kind)))
        self.kind.blockSignals(False)
        self.random_row.setVisible(choice.kind == RANDOM)
        self.formula_row.setVisible(choice.kind == CUSTOM)
        if choice.kind == CUSTOM:
            self.formula.setText(choice.formula)
        return self.apply_choice(choice)
