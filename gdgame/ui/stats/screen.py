"""The Stats screen: six plots of study and Hike progress, refreshed each time it is shown.

All numbers come from :func:`gdgame.study.stats.read_stats_file` (Qt-free, read-only);
this screen only draws them.
"""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gdgame.display_names import level_name, step_kind_name
from gdgame.study.stats import (
    CARD_STATES,
    HIKE_KINDS,
    StatsData,
    StatsError,
    read_stats_file,
)
from gdgame.ui import theme
from gdgame.ui.screen import Screen, Wait
from gdgame.ui.stats.charts import CHART_MIN_WIDTH, BarChart

KIND_COLOURS = {
    "descent": "#009E73",
    "won": "#0072B2",
    "overshoot": "#E69F00",
    "divergence": "#D55E00",
    "crawl": "#56B4E9",
    "stuck": "#CC79A7",
    "noisy": "#999999",
}
STATE_LABELS = {"relearning": "relearn"}


def day_labels(days: tuple[date, ...], today: date) -> list[str]:
    return ["today" if day == today else f"{day:%d %b}" for day in days]


def forecast_labels(count: int) -> list[str]:
    return ["today" if i == 0 else f"+{i}d" for i in range(count)]


class StatsScreen(Screen):
    screen_id = "stats"
    title = "Stats"

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.data: StatsData | None = None
        heading = QLabel("Your progress")
        theme.enlarge_font(heading, 1.4)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Read the latest reviews and Hike steps (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)

        self.reviews_chart = BarChart("Reviews per day", ["cards", "quiz"], value_label="reviews")
        self.retention_chart = BarChart(
            "True retention by interval",
            ["retention"],
            value_label="% passed",
            horizontal=True,
            legend=False,
            colours=[theme.SERIES_COLORS[2]],
        )
        self.target_line = pg.InfiniteLine(
            pos=90.0, angle=90, pen=pg.mkPen("#999999", style=Qt.PenStyle.DashLine)
        )
        self.retention_chart.plot.addItem(self.target_line)
        self.forecast_chart = BarChart(
            "Due in the next 30 days",
            ["learning", "review"],
            value_label="cards",
            colours=[theme.SERIES_COLORS[1], theme.SERIES_COLORS[0]],
        )
        self.states_chart = BarChart(
            "Cards by state", ["cards"], legend=False, colours=[theme.SERIES_COLORS[4]]
        )
        self.stars_chart = BarChart(
            "Hike stars per level",
            ["stars"],
            horizontal=True,
            legend=False,
            colours=["#E69F00"],
        )
        self.steps_chart = BarChart(
            "Hike steps per day, by kind",
            [step_kind_name(kind) for kind in HIKE_KINDS],
            value_label="steps",
            colours=[KIND_COLOURS[kind] for kind in HIKE_KINDS],
        )
        self.charts = [
            self.reviews_chart,
            self.retention_chart,
            self.forecast_chart,
            self.states_chart,
            self.stars_chart,
            self.steps_chart,
        ]
        # The plots flow into 3, 2 or 1 columns to fit the width; a scroll area takes
        # what does not fit the height (small or scaled screens).
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.columns = 0
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName("Progress plots")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.grid_host)
        self._arrange(3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)

        self.refresh_action = QAction("Refresh Stats", self)
        self.refresh_action.setShortcut("F5")
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)

    # ------------------------------------------------------------------ layout
    def columns_for_width(self, width: int) -> int:
        spacing = max(0, self.grid.horizontalSpacing())
        for columns in (3, 2):
            if width >= columns * CHART_MIN_WIDTH + (columns - 1) * spacing:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for chart in self.charts:
            self.grid.removeWidget(chart.widget)
        for index, chart in enumerate(self.charts):
            self.grid.addWidget(chart.widget, index // columns, index % columns)
        rows = -(-len(self.charts) // columns)
        for row in range(len(self.charts)):
            self.grid.setRowStretch(row, 1 if row < rows else 0)

    def _fit_columns(self) -> None:
        # From our own width: the scroll area's viewport may not be laid out yet.
        margins = self.layout().contentsMargins()
        scroll_bar = self.scroll.verticalScrollBar().sizeHint().width()
        self._arrange(
            self.columns_for_width(self.width() - margins.left() - margins.right() - scroll_bar)
        )

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit_columns()

    # ------------------------------------------------------------------ data
    def refresh(self) -> bool:
        """Re-read the database and redraw; False (message shown) if it cannot be read."""
        try:
            data = read_stats_file(self.ctx.database)
        except StatsError as exc:
            self.summary.setText(f"Your progress could not be read: {exc}")
            return False
        self.show_data(data)
        return True

    def show_data(self, data: StatsData) -> None:
        self.data = data
        for chart in self.charts:
            chart.restyle()
        today = data.reviews.days[-1]
        self.reviews_chart.set_data(
            data.reviews.series,
            day_labels(data.reviews.days, today),
            label_every=7,
            label_from_end=True,
            empty_note="No reviews yet: study in Cards or take a Quiz",
        )
        retention = {"retention": [100.0 * (b.retention or 0.0) for b in data.retention]}
        labels = [f"{b.label} ({b.reviews})" for b in data.retention]
        self.retention_chart.set_data(
            retention,
            labels,
            value_range=(0, 105),
            empty_note="No reviews of learned cards yet",
        )
        self.target_line.setValue(100.0 * data.desired_retention)
        self.forecast_chart.set_data(
            data.forecast.series,
            forecast_labels(len(data.forecast.days)),
            label_every=7,
            empty_note="Nothing scheduled yet",
        )
        self.states_chart.set_data(
            {"cards": [data.states[state] for state in CARD_STATES]},
            [STATE_LABELS.get(state, state) for state in CARD_STATES],
            empty_note="No cards yet",
        )
        self.stars_chart.set_data(
            {"stars": [stars for _, stars in data.stars]},
            [level_name(level) for level, _ in data.stars],
            value_range=(0, 3.2),
            empty_note="No level won yet",
        )
        self.stars_chart.plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(4)], []])
        self.steps_chart.set_data(
            {step_kind_name(kind): counts for kind, counts in data.steps.series.items()},
            day_labels(data.steps.days, today),
            label_every=7,
            label_from_end=True,
            empty_note="No Hike steps yet",
        )
        self.summary.setText(self._summary_text(data))

    @staticmethod
    def _summary_text(data: StatsData) -> str:
        cards = sum(data.states.values())
        won = sum(1 for _, stars in data.stars if stars)
        stars = sum(stars for _, stars in data.stars)
        parts = [
            f"{cards} cards",
            f"{data.reviews.total} reviews in the last 30 days",
            f"{data.forecast.series['learning'][0] + data.forecast.series['review'][0]} due today",
            f"{stars} stars on {won} Hike levels",
        ]
        return "   ·   ".join(parts) + ("\n" + " ".join(data.notes) if data.notes else "")

    def plots_drawn(self) -> int:
        """How many of the six plots drew their categories (bars of height 0 count)."""
        return sum(1 for chart in self.charts if chart.categories > 0)

    # ------------------------------------------------------------------ Screen hooks
    def activate(self) -> None:
        self.refresh()

    def menu_actions(self) -> list[QAction]:
        return [self.refresh_action]

    def smoke(self, wait: Wait) -> list[str]:
        if not self.refresh():
            return [f"stats: {self.summary.text()}"]
        wait(50)
        return [f"stats: {self.plots_drawn()} plots drawn"]
