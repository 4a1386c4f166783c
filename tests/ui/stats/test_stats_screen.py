"""The Stats screen builds and draws its six plots with empty and with filled data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gdgame.game.progress import ProgressStore
from gdgame.study import Collection
from gdgame.ui.stats.screen import StatsScreen


@pytest.fixture
def screen(qtbot, ctx):
    widget = StatsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    yield widget
    widget.shutdown()


def _bar_total(chart) -> float:
    total = 0.0
    for item in chart.bars.values():
        values = item.opts["width"] if chart.horizontal else item.opts["height"]
        total += float(sum(values))
    return total


def _bar_count(chart) -> int:
    """How many bars (of any height, 0 included) each series of ``chart`` has."""
    counts = {len(item.opts["y" if chart.horizontal else "x"]) for item in chart.bars.values()}
    assert len(counts) == 1  # every series has one bar per category
    return counts.pop()


def test_empty_data_folder(screen, ctx):
    assert screen.plots_drawn() == 0  # nothing drawn before the data is read
    screen.activate()
    assert screen.data is not None and screen.data.is_empty
    assert all(_bar_total(chart) == 0 for chart in screen.charts)
    # every plot drew its categories (bars of height 0), not just created its bar items
    assert _bar_count(screen.reviews_chart) == len(screen.data.reviews.days) == 30
    assert _bar_count(screen.forecast_chart) == len(screen.data.forecast.days)
    assert _bar_count(screen.states_chart) == len(screen.data.states) > 0
    assert _bar_count(screen.steps_chart) == len(screen.data.steps.days)
    assert _bar_count(screen.retention_chart) == len(screen.data.retention) > 0
    assert "No reviews yet" in screen.reviews_chart.empty_text.textItem.toPlainText()
    assert "0 cards" in screen.summary.text()
    assert not ctx.database.exists()  # the Stats screen never creates the database
    assert screen.smoke(lambda ms: None) == ["stats: 6 plots drawn"]


def test_filled_data_is_plotted_and_refreshed_on_activate(screen, ctx):
    with Collection.open(ctx.database) as col:
        now = datetime.now(UTC)
        cards = col.due(now=now)[:3]
        for card in cards:
            col.answer(card.id, 3, now=now - timedelta(days=2))
        col.answer(cards[0].id, 1, now=now - timedelta(hours=1), source="quiz")
        col.set_desired_retention(0.85)
    store = ProgressStore.open(ctx.database)
    store.record_step("gentle-bowl", 1, 0.1, "descent")
    store.record_step("gentle-bowl", 2, 0.1, "won")
    store.record_step("steep-bowl", 1, 3.0, "divergence")
    store.record_result("gentle-bowl", 3, 900)
    store.close()
    screen.activate()
    data = screen.data
    assert data.reviews.total == 4
    assert _bar_total(screen.reviews_chart) == 4
    assert _bar_total(screen.states_chart) == sum(data.states.values()) > 30
    assert _bar_total(screen.steps_chart) == 3
    assert _bar_total(screen.forecast_chart) == data.forecast.total > 0
    assert dict(data.stars)["gentle-bowl"] == 3 and _bar_total(screen.stars_chart) == 3
    assert _bar_total(screen.retention_chart) == 0  # only learning steps: no true retention
    assert screen.target_line.value() == pytest.approx(85.0)  # the learner's target
    assert "4 reviews" in screen.summary.text()
    assert screen.reviews_chart.empty_text.textItem.toPlainText() == ""


def test_unreadable_database_shows_a_message(screen, ctx):
    ctx.database.parent.mkdir(parents=True, exist_ok=True)
    ctx.database.write_bytes(b"not a database at all" * 64)
    assert not screen.refresh()
    assert "could not be read" in screen.summary.text()
    assert ctx.database.read_bytes().startswith(b"not a database")
    assert screen.smoke(lambda ms: None)[0].startswith("stats: Your progress could not")


def test_plots_flow_into_fewer_columns_on_narrow_windows(qtbot, screen):
    screen.show()
    qtbot.waitExposed(screen)
    positions = {}
    for width in (1280, 720, 420):
        screen.resize(width, 700)
        qtbot.wait(10)
        grid = screen.grid
        cells = [grid.getItemPosition(grid.indexOf(chart.widget)) for chart in screen.charts]
        positions[width] = {column for _, column, _, _ in cells}
        # Never squeezed below their minimum: a scroll bar appears instead.
        assert all(chart.widget.width() >= chart.widget.minimumWidth() for chart in screen.charts)
    assert positions == {1280: {0, 1, 2}, 720: {0, 1}, 420: {0}}
    screen.resize(1280, 800)
    qtbot.wait(10)
    assert screen.columns == 3


def test_level_names_and_kinds_are_display_names_never_clipped_at_1024x640(qtbot, ctx):
    from PySide6.QtGui import QFontMetrics

    from gdgame.display_names import level_name, step_kind_name

    widget = StatsScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1024 - 170, 640 - 60)  # the window minus navigation and menu bars
    widget.activate()
    axis = widget.stars_chart.plot.getAxis("left")
    labels = [label for _, label in axis._tickLevels[0]]
    assert labels[0] == level_name("gentle-bowl") == "A gentle bowl"
    assert not any("-" in label and " " not in label for label in labels)  # no raw ids
    metrics = QFontMetrics(axis.style.get("tickFont") or widget.stars_chart.widget.font())
    assert axis.minimumWidth() >= max(metrics.horizontalAdvance(label) for label in labels)
    rows = len(labels)
    assert widget.stars_chart.widget.minimumHeight() >= rows * metrics.height() + 40
    legend = widget.steps_chart.legend.labels()
    assert step_kind_name("noisy") in legend and "noisy" not in legend
    chart = widget.steps_chart  # a swatch in the series colour for every kind, outside the plot
    assert legend == chart.series and chart.legend.isVisibleTo(widget)
    html = chart.legend.text()
    for name in chart.series:
        colour = chart.bars[name].opts["brush"].color().name()
        assert f"color:{colour}" in html.lower()
    widget.shutdown()
