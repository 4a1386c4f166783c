"""Chapter 5's rate explorer widget shows the model's numbers and follows every control."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gdgame.lesson.rate_explorer import RateExplorer
from gdgame.ui.learn.rate_explorer_widget import RateExplorerWidget


@pytest.fixture
def explorer(qtbot):
    widget = RateExplorerWidget(RateExplorer(4.0, rate_x_l=0.5))
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def _plotted(widget):
    xs, ys = widget.path_curve.getData()
    return list(xs), list(ys)


def test_starts_with_a_steady_descent_drawn_on_the_bowl(explorer):
    reading = explorer.model.reading()
    assert explorer.slider.value() == 50
    assert explorer.rate_box.value() == pytest.approx(0.125)
    xs, ys = _plotted(explorer)
    assert xs == pytest.approx(list(reading.positions)) and len(xs) == 6
    assert ys == pytest.approx(list(reading.losses))
    assert explorer.regime_label.text().startswith("Steady descent")
    assert explorer.positions_label.text() == reading.positions_text()


def test_dragging_to_two_over_l_shows_the_bounce(explorer, qtbot):
    explorer.slider.setValue(200)
    assert explorer.model.reading().regime.id == "bounce"
    assert explorer.rate_box.value() == pytest.approx(0.5)
    assert "never shrinks" in explorer.size_label.text()
    assert explorer.regime_label.text().startswith("Bounces forever")
    shown = sorted(label.toPlainText() for label in explorer.step_labels if label.isVisible())
    assert shown == ["0, 2, 4", "1, 3, 5"]


def test_typing_a_rate_past_the_limit_shows_divergence(explorer):
    explorer.rate_box.setValue(0.6)
    assert explorer.slider.value() == 240
    assert explorer.regime_label.text().startswith("Divergence")
    assert "grows" in explorer.size_label.text()


def test_arrow_keys_move_the_rate(explorer, qtbot):
    explorer.slider.setFocus()
    qtbot.keyClick(explorer.slider, Qt.Key.Key_Right)
    assert explorer.model.slider_position == 51
    qtbot.keyClick(explorer.slider, Qt.Key.Key_PageUp)
    assert explorer.model.slider_position == 61


def test_one_and_two_over_l_buttons(explorer, qtbot):
    qtbot.mouseClick(explorer.one_button, Qt.MouseButton.LeftButton)
    assert explorer.model.reading().regime.id == "one-step"
    assert explorer.positions_label.text().startswith("1 → 0 → 0")
    qtbot.mouseClick(explorer.two_button, Qt.MouseButton.LeftButton)
    assert explorer.model.reading().regime.id == "bounce"


def test_another_bowl_moves_the_limits_but_keeps_the_regime(explorer):
    explorer.slider.setValue(160)
    explorer.curvature_box.setCurrentIndex(explorer.curvature_box.findData(10.0))
    assert explorer.scale.curvature == 10.0
    assert explorer.rate_box.value() == pytest.approx(0.16)
    assert explorer.model.reading().regime.id == "overshoot"
    assert "2/L = 0.2" in explorer.limits_label.text()


def test_scale_marks_sit_under_the_slider_handle(explorer):
    for position in (100, 200):
        explorer.slider.setValue(position)
        handle_x = explorer.slider.x() + _handle_centre(explorer.slider)
        assert abs(explorer.scale.x() + explorer.scale.x_of(position / 100) - handle_x) <= 2


def _handle_centre(slider) -> float:
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider
    )
    return rect.center().x() + 0.5


def test_the_hike_link_to_chapter_five_lands_on_the_explorer(qtbot, app_paths):
    from gdgame.ui.context import AppContext
    from gdgame.ui.main_window import MainWindow

    window = MainWindow(AppContext.for_folder(app_paths))
    qtbot.addWidget(window)
    window.navigate("learn", section="chapter-5")
    learn = window.screens["learn"]
    assert window.current_screen() is learn
    assert learn.current_section() == "chapter-5"
    page = learn.pages["chapter-5"]
    assert learn.stack.currentWidget() is page
    assert isinstance(page.widget, RateExplorerWidget)
    window.shutdown()
