"""Generates an endless level off the GUI thread (the oracle plays it to set par)."""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from gdgame.game.endless import endless_level


class EndlessWorker(QThread):
    """Builds ``endless_level(depth)``; emits ``ready(level)`` or ``failed(message)``."""

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, depth: int, parent=None):
        super().__init__(parent)
        self.depth = depth

    def run(self) -> None:
        try:
            level = endless_level(self.depth)
        except Exception as exc:  # reported to the player, never a traceback
            self.failed.emit(f"Could not build endless level {self.depth}: {exc}")
            return
        self.ready.emit(level)
