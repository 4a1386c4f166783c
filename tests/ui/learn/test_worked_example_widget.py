"""The worked-example calculator shows the core's arithmetic and flags bad input inline."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from gdgame.ui.learn.worked_example_widget import WorkedExampleWidget


@pytest.fixture
def calculator(qtbot):
    widget = WorkedExampleWidget()
    qtbot.addWidget(widget)
    return widget


def _plotted_positions(widget):
    xs, _ys = widget.path_curve.getData()
    return [] if xs is None else list(xs)


def test_defaults_spell_out_the_lesson_example(calculator):
    assert [calculator.inputs[k].text() for k in ("w", "gradient", "rate")] == [
        "0.5",
        "2.0",
        "0.01",
    ]
    assert calculator.arithmetic.text().splitlines()[-1].strip() == "= 0.48"
    assert "0.5 − 0.01 × 2" in calculator.arithmetic.text()
    assert "down by 0.02" in calculator.explanation.text()
    assert len(_plotted_positions(calculator)) == 9
    assert _plotted_positions(calculator)[1] == pytest.approx(0.48)
    assert not any(calculator.has_error(key) for key in calculator.inputs)


def test_typing_good_numbers_updates_everything(calculator, qtbot):
    rate = calculator.inputs["rate"]
    rate.clear()
    qtbot.keyClicks(rate, "0.8")
    assert calculator.arithmetic.text().splitlines()[-1].strip() == "= −1.1"
    assert calculator.verdict.text().startswith("Overshoot")
    assert _plotted_positions(calculator)[1] == pytest.approx(-1.1)


@pytest.mark.parametrize(
    ("key", "text", "words"),
    [
        ("w", "abc", "not a number"),
        ("gradient", "nan", "NaN"),
        ("rate", "-0.1", "greater than zero"),
        ("rate", "0", "greater than zero"),
        ("gradient", "inf", "infinity"),
    ],
)
def test_bad_input_is_flagged_inline(calculator, qtbot, key, text, words):
    field = calculator.inputs[key]
    field.clear()
    qtbot.keyClicks(field, text)
    assert calculator.has_error(key)
    assert words in calculator.error_text(key)
    assert [k for k in calculator.inputs if calculator.has_error(k)] == [key]
    assert calculator.plot.isHidden()
    assert calculator.arithmetic.isHidden()
    assert "Fix the marked value" in calculator.explanation.text()
    tinted = field.palette().color(QPalette.ColorRole.Base)
    assert tinted != calculator.palette().color(QPalette.ColorRole.Base)


def test_fixing_the_input_clears_the_message(calculator):
    calculator.set_values("0.5", "2", "-1")
    assert calculator.has_error("rate")
    calculator.set_values("0.5", "2", "0.3")
    assert not calculator.has_error("rate")
    assert not calculator.plot.isHidden()
    assert "Steady" in calculator.verdict.text()
    assert calculator.inputs["rate"].palette().color(
        QPalette.ColorRole.Base
    ) == calculator.palette().color(QPalette.ColorRole.Base)


def test_result_text_is_selectable(calculator):
    for label in (calculator.arithmetic, calculator.explanation, calculator.verdict):
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
