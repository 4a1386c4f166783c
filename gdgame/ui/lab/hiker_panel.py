"""The hikers list (up to eight, each in its own colour) and the editor of the selected one."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gdgame.engine.presets import MAX_HIKERS, OPTIMIZERS, SCHEDULES, HikerSpec
from gdgame.ui.lab.input_limits import (
    HYPERPARAMETERS,
    LEARNING_RATE,
    SCHEDULE_PARAMETERS,
    Limit,
)
from gdgame.ui.theme import SERIES_COLORS


def _swatch(index: int) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(SERIES_COLORS[index % len(SERIES_COLORS)]))
    return QIcon(pixmap)


def _number_box(lo: float, hi: float, value: float, decimals: int = 4) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(decimals)  # before the range: Qt rounds the range to the decimals
    box.setRange(lo, hi)
    box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    box.setValue(value)
    box.setKeyboardTracking(False)
    return box


def limit_box(limit: Limit, value: float) -> QDoubleSpinBox | QSpinBox:
    """A spin box whose range is the engine's (``input_limits``); whole numbers or decimals."""
    if limit.integer:
        box = QSpinBox()
        box.setRange(int(limit.low), int(limit.high))
        box.setValue(int(limit.clamp(value)))
        box.setKeyboardTracking(False)
        return box
    return _number_box(limit.low, limit.high, float(value), limit.decimals)


class HikerPanel(QWidget):
    """Edits a list of :class:`HikerSpec`; emits ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._specs: list[HikerSpec] = []
        self._dim = 2
        self._bounds = ((-3.0, 3.0), (-3.0, 3.0))
        self._loading = False
        self.list = QListWidget()
        self.list.setAccessibleName("Hikers")
        self.list.currentRowChanged.connect(self._load_selected)
        self.add_button = QPushButton("Add hiker")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.add_hiker)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)

        self.optimizer = QComboBox()
        self.optimizer.addItems(OPTIMIZERS)
        self.lr = limit_box(LEARNING_RATE, LEARNING_RATE.default)
        self.lr.setToolTip("Learning rate: how far each step goes along the slope")
        self.schedule = QComboBox()
        self.schedule.addItems(SCHEDULES)
        self.start_x = _number_box(-1e6, 1e6, 0.0, 3)
        self.start_y = _number_box(-1e6, 1e6, 0.0, 3)
        start = QHBoxLayout()
        start.addWidget(self.start_x)
        start.addWidget(self.start_y)
        self.hyper_form = QFormLayout()
        self.schedule_form = QFormLayout()
        self.hyper_boxes: dict[str, QDoubleSpinBox] = {}
        self.schedule_boxes: dict[str, QDoubleSpinBox | QSpinBox] = {}

        form = QFormLayout()
        form.addRow("Optimiser", self.optimizer)
        form.addRow("Learning rate", self.lr)
        form.addRow(self.hyper_form)
        form.addRow("Schedule", self.schedule)
        form.addRow(self.schedule_form)
        form.addRow("Start (x, y)", start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(form)

        self.optimizer.currentTextChanged.connect(self._optimizer_changed)
        self.schedule.currentTextChanged.connect(self._schedule_changed)
        for box in (self.lr, self.start_x, self.start_y):
            box.valueChanged.connect(self._store)

    # --- public API -------------------------------------------------------------------------
    def specs(self) -> list[HikerSpec]:
        return list(self._specs)

    def selected_index(self) -> int:
        return max(0, self.list.currentRow())

    def selected(self) -> HikerSpec | None:
        return self._specs[self.selected_index()] if self._specs else None

    def set_specs(self, specs: list[HikerSpec]) -> None:
        self._specs = list(specs)[:MAX_HIKERS]
        self._refresh_list(select=0)
        self.changed.emit()

    def set_space(self, dim: int, bounds) -> None:
        """Adapt start fields to the landscape (1D hides y; ranges follow the plot box)."""
        self._dim, self._bounds = dim, tuple(bounds)
        self._loading = True  # range changes clamp the boxes; that is not a user edit
        self.start_y.setVisible(dim > 1)
        self.start_x.setRange(*self._bounds[0])
        if dim > 1:
            self.start_y.setRange(*self._bounds[1])
        self._loading = False

    def add_hiker(self) -> None:
        if len(self._specs) >= MAX_HIKERS:
            return
        base = self.selected() or HikerSpec(start=self._default_start())
        lr = base.lr if base.optimizer == "sgd" else 0.1
        colours = len(self._specs)
        self._specs.append(replace(base, lr=lr * (0.5 if colours else 1.0), label=""))
        self._refresh_list(select=len(self._specs) - 1)
        self.changed.emit()

    def remove_selected(self) -> None:
        if len(self._specs) <= 1:
            return
        index = self.selected_index()
        del self._specs[index]
        self._refresh_list(select=min(index, len(self._specs) - 1))
        self.changed.emit()

    def set_selected_start(self, point) -> None:
        if not self._specs:
            return
        index = self.selected_index()
        self._specs[index] = replace(self._specs[index], start=tuple(map(float, point)))
        self._refresh_list(select=index)
        self.changed.emit()

    def set_selected_lr(self, rate: float) -> None:
        if not self._specs:
            return
        index = self.selected_index()
        self._specs[index] = replace(self._specs[index], lr=float(rate), label="")
        self._refresh_list(select=index)
        self.changed.emit()

    # --- internals --------------------------------------------------------------------------
    def _default_start(self) -> tuple[float, ...]:
        return tuple(lo + 0.8 * (hi - lo) for lo, hi in self._bounds[: self._dim])

    def _refresh_list(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for i, spec in enumerate(self._specs):
            item = QListWidgetItem(_swatch(i), f"{i + 1}. {spec.describe()}")
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.list.addItem(item)
        self.list.setCurrentRow(select)
        self.list.blockSignals(False)
        self._fit_list()
        self.add_button.setEnabled(len(self._specs) < MAX_HIKERS)
        self.remove_button.setEnabled(len(self._specs) > 1)
        self._load_selected(select)

    def _fit_list(self) -> None:
        """Tall enough for every hiker (up to eight) without a scroll bar, at least three rows."""
        row = max(self.list.sizeHintForRow(0), self.list.fontMetrics().height() + 2)
        rows = min(max(3, len(self._specs)), MAX_HIKERS)
        self.list.setFixedHeight(row * rows + 2 * self.list.frameWidth() + 4)

    def _load_selected(self, index: int) -> None:
        if not 0 <= index < len(self._specs):
            return
        spec = self._specs[index]
        self._loading = True
        self.optimizer.setCurrentText(spec.optimizer)
        self.lr.setValue(spec.lr)
        self.schedule.setCurrentText(spec.schedule)
        start = list(spec.start) + [0.0] * (2 - len(spec.start))
        self.start_x.setValue(start[0])
        self.start_y.setValue(start[1])
        self._rebuild_hyper(spec)
        self._rebuild_schedule(spec)
        self._loading = False

    def _rebuild_hyper(self, spec: HikerSpec) -> None:
        while self.hyper_form.rowCount():
            self.hyper_form.removeRow(0)
        self.hyper_boxes = {}
        for limit in HYPERPARAMETERS[spec.optimizer]:
            box = limit_box(limit, spec.hyper.get(limit.name, limit.default))
            box.valueChanged.connect(self._store)
            self.hyper_boxes[limit.name] = box
            self.hyper_form.addRow(limit.name, box)

    def _rebuild_schedule(self, spec: HikerSpec) -> None:
        while self.schedule_form.rowCount():
            self.schedule_form.removeRow(0)
        self.schedule_boxes = {}
        for limit in SCHEDULE_PARAMETERS[spec.schedule]:
            box = limit_box(limit, spec.schedule_params.get(limit.name, limit.default))
            box.valueChanged.connect(self._store)
            self.schedule_boxes[limit.name] = box
            self.schedule_form.addRow(limit.name.replace("_", " "), box)

    def _optimizer_changed(self, _name: str) -> None:
        if not self._loading:
            self._store()
            self._rebuild_hyper(self._specs[self.selected_index()])

    def _schedule_changed(self, _name: str) -> None:
        if not self._loading:
            self._store()
            self._rebuild_schedule(self._specs[self.selected_index()])

    def _store(self, *_args) -> None:
        if self._loading or not self._specs:
            return
        index = self.selected_index()
        old = self._specs[index]
        optimizer = self.optimizer.currentText()
        hyper = (
            {k: b.value() for k, b in self.hyper_boxes.items()}
            if optimizer == old.optimizer
            else {}
        )
        schedule = self.schedule.currentText()
        params = (
            {k: b.value() for k, b in self.schedule_boxes.items()}
            if schedule == old.schedule
            else {}
        )
        start = (self.start_x.value(), self.start_y.value())[: self._dim]
        self._specs[index] = HikerSpec(
            optimizer, self.lr.value(), tuple(start), hyper, schedule, params, label=""
        )
        self.list.item(index).setText(f"{index + 1}. {self._specs[index].describe()}")
        self.changed.emit()

    def starts(self) -> list[np.ndarray]:
        return [np.asarray(s.start, dtype=np.float64) for s in self._specs]
