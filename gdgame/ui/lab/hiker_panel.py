"""The hikers list (up to eight, each in its own colour) and the editor of the selected one.

The layout never moves under the mouse: the list has a fixed height, the buttons sit above
it, and each optimiser's (and schedule's) own settings live on a page of a stacked widget
that is as tall as the tallest page, so choosing another optimiser only swaps a page.
Every label has the same width, so all fields line up in one column.
"""

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
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
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
from gdgame.ui.lab.names import hiker_name, optimizer_name, parameter_name, schedule_name
from gdgame.ui.theme import SERIES_COLORS

LIST_ROWS = 5  # rows the hiker list shows (more scroll): its height never changes
LABELS = ("Optimiser", "Learning rate", "Schedule", "Start (x, y)")
EMPTY_PAGE = {
    "sgd": "Plain gradient descent: no memory, nothing else to set.",
    "adagrad": "Adagrad sets its own per-coordinate rates: nothing else to set.",
    "constant": "The same rate at every step.",
}


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


class SettingsStack(QStackedWidget):
    """One page of spin boxes per choice (an optimiser or a schedule); the page of the
    current choice is shown. As tall as its tallest page, whichever page is shown."""

    def __init__(self, limits: dict[str, tuple[Limit, ...]], label_width: int, on_edit):
        super().__init__()
        self.boxes: dict[str, dict[str, QDoubleSpinBox | QSpinBox]] = {}
        self._pages: dict[str, int] = {}
        for choice, entries in limits.items():
            page = QWidget()
            form = QFormLayout(page)
            form.setContentsMargins(0, 0, 0, 0)
            boxes = {}
            for limit in entries:
                box = limit_box(limit, limit.default)
                box.setAccessibleName(parameter_name(limit.name))
                box.valueChanged.connect(on_edit)
                label = QLabel(parameter_name(limit.name))
                label.setFixedWidth(label_width)
                form.addRow(label, box)
                boxes[limit.name] = box
            if not entries:
                note = QLabel(EMPTY_PAGE.get(choice, "Nothing else to set."))
                note.setWordWrap(True)
                note.setEnabled(False)  # greyed: a note, not a field
                form.addRow(note)
            self.boxes[choice] = boxes
            self._pages[choice] = self.addWidget(page)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        tallest = max(self.widget(i).sizeHint().height() for i in range(self.count()))
        self.setFixedHeight(tallest)

    def show_choice(self, choice: str) -> None:
        self.setCurrentIndex(self._pages[choice])

    def load(self, choice: str, values: dict) -> None:
        for name, box in self.boxes[choice].items():
            limit = next(x for x in self._limits_of(choice) if x.name == name)
            box.setValue(limit.clamp(values.get(name, limit.default)))

    def _limits_of(self, choice: str) -> tuple[Limit, ...]:
        table = HYPERPARAMETERS if choice in HYPERPARAMETERS else SCHEDULE_PARAMETERS
        return table[choice]

    def values(self, choice: str) -> dict[str, float]:
        return {name: box.value() for name, box in self.boxes[choice].items()}


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
        self.add_button.clicked.connect(lambda _checked=False: self.add_hiker())
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)

        self.optimizer = QComboBox()
        for name in OPTIMIZERS:
            self.optimizer.addItem(optimizer_name(name), name)
        self.lr = limit_box(LEARNING_RATE, LEARNING_RATE.default)
        self.lr.setToolTip("Learning rate: each step moves the hiker by this rate times the slope")
        self.lr.setAccessibleName("Learning rate")
        self.schedule = QComboBox()
        for name in SCHEDULES:
            self.schedule.addItem(schedule_name(name), name)
        self.start_x = _number_box(-1e6, 1e6, 0.0, 3)
        self.start_y = _number_box(-1e6, 1e6, 0.0, 3)
        self.start_x.setAccessibleName("Start x")
        self.start_y.setAccessibleName("Start y")
        start = QHBoxLayout()
        start.addWidget(self.start_x)
        start.addWidget(self.start_y)
        label_width = max(
            self.fontMetrics().horizontalAdvance(text)
            for text in (*LABELS, *map(parameter_name, _all_parameter_names()))
        )
        label_width += 6
        self.hyper_stack = SettingsStack(HYPERPARAMETERS, label_width, self._store)
        self.schedule_stack = SettingsStack(SCHEDULE_PARAMETERS, label_width, self._store)

        form = QFormLayout()
        for text, field in zip(
            LABELS, (self.optimizer, self.lr, self.schedule, start), strict=True
        ):
            label = QLabel(text)
            label.setFixedWidth(label_width)
            form.addRow(label, field)
            if field is self.lr:
                form.addRow(self.hyper_stack)
            elif field is self.schedule:
                form.addRow(self.schedule_stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        layout.addLayout(form)

        self.optimizer.currentIndexChanged.connect(self._optimizer_changed)
        self.schedule.currentIndexChanged.connect(self._schedule_changed)
        for box in (self.lr, self.start_x, self.start_y):
            box.valueChanged.connect(self._store)
        self._fit_list()

    # --- public API -------------------------------------------------------------------------
    @property
    def hyper_boxes(self) -> dict:
        """The spin boxes of the selected hiker's optimiser."""
        return self.hyper_stack.boxes[self.optimizer.currentData()]

    @property
    def schedule_boxes(self) -> dict:
        return self.schedule_stack.boxes[self.schedule.currentData()]

    def choose_optimizer(self, optimizer_id: str) -> None:
        self.optimizer.setCurrentIndex(self.optimizer.findData(optimizer_id))

    def choose_schedule(self, schedule_id: str) -> None:
        self.schedule.setCurrentIndex(self.schedule.findData(schedule_id))

    def specs(self) -> list[HikerSpec]:
        return list(self._specs)

    def selected_index(self) -> int:
        return max(0, self.list.currentRow())

    def selected(self) -> HikerSpec | None:
        return self._specs[self.selected_index()] if self._specs else None

    def set_specs(self, specs: list[HikerSpec], select: int = 0) -> None:
        self._specs = list(specs)[:MAX_HIKERS]
        self._refresh_list(select=min(max(select, 0), max(len(self._specs) - 1, 0)))
        self.changed.emit()

    def set_space(self, dim: int, bounds) -> None:
        """Adapt start fields to the landscape (1D hides y; ranges follow the plot box)."""
        self._dim, self._bounds = dim, tuple(bounds)
        self._loading = True  # range changes clamp the boxes; that is not a user edit
        self.start_y.setEnabled(dim > 1)  # disabled, not hidden: the row keeps its shape
        self.start_y.setToolTip("" if dim > 1 else "This landscape has one coordinate")
        self.start_x.setRange(*self._bounds[0])
        if dim > 1:
            self.start_y.setRange(*self._bounds[1])
        self._loading = False

    def add_hiker(self, spec: HikerSpec | None = None) -> bool:
        """Add a copy of the selected hiker (half its rate), or ``spec``; False when full."""
        if len(self._specs) >= MAX_HIKERS:
            return False
        if spec is None:
            base = self.selected() or HikerSpec(start=self._default_start())
            lr = base.lr if base.optimizer == "sgd" else 0.1
            spec = replace(base, lr=lr * (0.5 if self._specs else 1.0), label="")
        self._specs.append(spec)
        self._refresh_list(select=len(self._specs) - 1)
        self.changed.emit()
        return True

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

    def set_selected_lr(self, rate: float, label: str = "") -> None:
        """A new rate for the selected hiker; its preset name goes (it no longer fits) unless
        ``label`` gives one (an undo puts the old name back)."""
        if not self._specs:
            return
        index = self.selected_index()
        self._specs[index] = replace(self._specs[index], lr=float(rate), label=label)
        self._refresh_list(select=index)
        self.changed.emit()

    def starts(self) -> list[np.ndarray]:
        return [np.asarray(s.start, dtype=np.float64) for s in self._specs]

    # --- internals --------------------------------------------------------------------------
    def _default_start(self) -> tuple[float, ...]:
        return tuple(lo + 0.8 * (hi - lo) for lo, hi in self._bounds[: self._dim])

    def _refresh_list(self, select: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for i, spec in enumerate(self._specs):
            item = QListWidgetItem(_swatch(i), f"{i + 1}. {hiker_name(spec)}")
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.list.addItem(item)
        self.list.setCurrentRow(select)
        self.list.blockSignals(False)
        self.add_button.setEnabled(len(self._specs) < MAX_HIKERS)
        self.remove_button.setEnabled(len(self._specs) > 1)
        self._load_selected(select)

    def _fit_list(self) -> None:
        """A fixed height of LIST_ROWS rows: adding a hiker never moves what is below."""
        row = max(self.list.sizeHintForRow(0), self.list.fontMetrics().height() + 4)
        self.list.setFixedHeight(row * LIST_ROWS + 2 * self.list.frameWidth() + 4)

    def _load_selected(self, index: int) -> None:
        if not 0 <= index < len(self._specs):
            return
        spec = self._specs[index]
        self._loading = True
        self.choose_optimizer(spec.optimizer)
        self.lr.setValue(spec.lr)
        self.choose_schedule(spec.schedule)
        start = list(spec.start) + [0.0] * (2 - len(spec.start))
        self.start_x.setValue(start[0])
        self.start_y.setValue(start[1])
        self.hyper_stack.load(spec.optimizer, spec.hyper)
        self.hyper_stack.show_choice(spec.optimizer)
        self.schedule_stack.load(spec.schedule, spec.schedule_params)
        self.schedule_stack.show_choice(spec.schedule)
        self._loading = False

    def _optimizer_changed(self, _index: int) -> None:
        self._switch(self.hyper_stack, self.optimizer.currentData())

    def _schedule_changed(self, _index: int) -> None:
        self._switch(self.schedule_stack, self.schedule.currentData())

    def _switch(self, stack: SettingsStack, choice: str) -> None:
        """Show ``choice``'s page; a user's choice starts from that page's defaults."""
        stack.show_choice(choice)
        if self._loading:
            return
        self._loading = True
        stack.load(choice, {})
        self._loading = False
        self._store()

    def _store(self, *_args) -> None:
        if self._loading or not self._specs:
            return
        index = self.selected_index()
        optimizer = self.optimizer.currentData()
        schedule = self.schedule.currentData()
        start = (self.start_x.value(), self.start_y.value())[: self._dim]
        self._specs[index] = HikerSpec(
            optimizer,
            self.lr.value(),
            tuple(start),
            self.hyper_stack.values(optimizer),
            schedule,
            self.schedule_stack.values(schedule),
            label="",
        )
        self.list.item(index).setText(f"{index + 1}. {hiker_name(self._specs[index])}")
        self.changed.emit()


def _all_parameter_names() -> list[str]:
    names = {limit.name for limits in HYPERPARAMETERS.values() for limit in limits}
    names |= {limit.name for limits in SCHEDULE_PARAMETERS.values() for limit in limits}
    return sorted(names)
