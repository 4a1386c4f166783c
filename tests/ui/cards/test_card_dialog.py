"""The add/edit card dialog refuses bad text and duplicate fronts before OK."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from gdgame.study import Collection
from gdgame.ui.cards.browse_panel import BrowsePanel
from gdgame.ui.cards.card_dialog import CardDialog


@pytest.fixture
def panel(qtbot, ctx):
    col = Collection.open(ctx.paths.database)
    widget = BrowsePanel(col)
    qtbot.addWidget(widget)
    yield widget
    col.close()


def _ok(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_duplicate_front_is_refused_while_typing(qtbot, panel):
    dialog = CardDialog(panel, "Add card", taken=panel.front_taken(None))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.front_edit, "  GRADIENT ")
    qtbot.keyClicks(dialog.back_edit, "mine")
    assert not _ok(dialog) and "already exists" in dialog.problem.text()
    qtbot.keyClicks(dialog.front_edit, " norm")
    assert _ok(dialog) and dialog.problem.text() == ""
    dialog.front_edit.clear()
    assert not _ok(dialog) and dialog.problem.text()


def test_editing_a_card_may_keep_its_own_front(qtbot, panel):
    card = panel.col.add_card("Cosine decay", "old")
    dialog = CardDialog(panel, "Edit card", card.front, card.back, panel.front_taken(card.id))
    qtbot.addWidget(dialog)
    assert _ok(dialog)
    dialog.front_edit.setText("Momentum")  # a glossary card's front
    assert not _ok(dialog)
