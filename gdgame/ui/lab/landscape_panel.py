"""Landscape picker: every engine landscape, the seeded generator, or a typed formula.

Building happens in the Qt-free core (``run_setup.build_landscape``); a bad formula or bad
parameters show an inline message and the previous landscape stays in place.
"""

from __future__ import annotations

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
from gdgame.ui.lab.run_setup import (
    CUSTOM,
    RANDOM,
    LandscapeChoice,
    build_landscape,
    format_params,
    parse_params,
)

EXAMPLE_FORMULA = "x**4 - 3*x**2 + y**2"
DEFAULT_LANDSCAPE = "himmelblau"


class LandscapePanel(QWidget):
    """Emits ``landscapeChanged(landscape)`` when a new landscape was built successfully."""

    landscapeChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.landscape = None
        self.choice = LandscapeChoice(kind=DEFAULT_LANDSCAPE)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Landscape")
        for name in list_landscapes():
            if name == RANDOM:  # offered below with its seed, dimension and difficulty
                continue
            self.kind.addItem(name.replace("_", " "), name)
        self.kind.addItem("random (seeded)", RANDOM)
        self.kind.addItem("custom formula", CUSTOM)
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
            self.show_error(str(error))
            return False
        return self.apply_choice(choice)

    def apply_choice(self, choice: LandscapeChoice) -> bool:
        try:
            landscape = build_landscape(choice)
        except (FormulaError, ValueError, TypeError, KeyError) as error:
            self.show_error(str(error))
            return False
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
        return True

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
