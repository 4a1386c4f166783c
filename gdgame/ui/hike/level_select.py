"""The level select grid: every campaign level with its stars, or a lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gdgame.game.campaign import endless_depth

COLUMNS = 4


def star_text(stars: int) -> str:
    return "★" * stars + "☆" * (3 - stars)


class LevelSelect(QWidget):
    """Buttons for the levels; emits ``levelChosen(level_id)`` for an unlocked one."""

    levelChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel("<h2>Choose a hike</h2>")
        self.about = QLabel(
            "Each hike hides a landscape. Blindfolded, you feel only your altitude and the "
            "slope under your feet; you choose the learning rate. Win a level to unlock the next."
        )
        self.about.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setAccessibleName("Progress summary")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Notice")
        self.notice.setVisible(False)
        self.grid_box = QWidget()
        self.grid_box.setStyleSheet(  # keyboard players must see which level Space opens
            "QPushButton:focus { border: 2px solid palette(highlight); border-radius: 4px; }"
        )
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        self.frontier: str | None = None  # the level to play next: focused first
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.about)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.grid_box)
        layout.addStretch(1)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_campaign(self, campaign, unlocked: set[str], store) -> None:
        """Every level of ``campaign`` with its stars (from ``store``) and lock state."""
        progress = store.all_levels() if store is not None else {}
        entries = [
            (
                level.id,
                level.title,
                level.concept,
                progress[level.id].stars if level.id in progress else 0,
                campaign.is_unlocked(level.id, unlocked),
            )
            for level in campaign.levels
        ]
        depths = [endless_depth(i) or 0 for i in unlocked]
        depth = max([d for d in depths if d], default=1)
        self.populate(entries, depth, campaign.endless_open(unlocked))

    def populate(self, entries, endless_depth: int, endless_open: bool) -> None:
        """``entries``: (level_id, title, concept, stars, unlocked) in campaign order."""
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        self.frontier = None
        total = 0
        for index, (level_id, title, concept, stars, unlocked) in enumerate(entries):
            total += stars
            if unlocked and not stars and self.frontier is None:
                self.frontier = level_id
            if unlocked:
                text = f"{index + 1}. {title}\n{star_text(stars)}"
                name = f"Level {index + 1}, {title}, {stars} of 3 stars"
            else:
                text = f"{index + 1}. {title}\nlocked"
                name = f"Level {index + 1}, {title}, locked"
            self._add(level_id, text, name, unlocked, index).setToolTip(concept)
        endless_text = (
            f"Endless mode\ndepth {endless_depth}"
            if endless_open
            else ("Endless mode\nlocked: win more levels")
        )
        self._add(
            f"endless-{endless_depth}",
            endless_text,
            f"Endless mode, depth {endless_depth}" if endless_open else "Endless mode, locked",
            endless_open,
            len(entries),
        )
        if self.frontier is None and endless_open:
            self.frontier = f"endless-{endless_depth}"
        self.summary.setText(f"{total} of {3 * len(entries)} stars collected")

    def _add(self, level_id: str, text: str, name: str, enabled: bool, index: int) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setEnabled(enabled)
        button.setMinimumHeight(64)
        button.setAutoDefault(True)  # Enter opens the focused level, like Space
        button.clicked.connect(lambda _=False, chosen=level_id: self.levelChosen.emit(chosen))
        self.grid.addWidget(button, index // COLUMNS, index % COLUMNS)
        button.show()  # at once, not queued: focus_first may focus it right away
        self.buttons[level_id] = button
        return button

    def focus_first(self) -> None:
        """Focus the next level to play (the first unlocked one without stars)."""
        if self.frontier in self.buttons:
            self.buttons[self.frontier].setFocus()
            return
        for button in self.buttons.values():
            if button.isEnabled():
                button.setFocus()
                return
