"""The Hike's game keys while a level is being played (listed in Help > Keyboard Shortcuts).

Up/Down and PageUp/PageDown nudge the rate, Space/Enter step, Ctrl+Z undoes, R restarts,
H takes the next hint, M shows or hides the maths, N opens the next level after a win, Esc
goes back to the level list. At the end of a level Space/Enter only complete the reveal: a
key pressed once too often must never throw the reveal away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from gdgame.ui.hike.rate_control import COARSE_NUDGE, FINE_NUDGE

NUDGES = {
    Qt.Key.Key_Up: FINE_NUDGE,
    Qt.Key.Key_Down: -FINE_NUDGE,
    Qt.Key.Key_PageUp: COARSE_NUDGE,
    Qt.Key.Key_PageDown: -COARSE_NUDGE,
}
STEP_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def handle_game_key(screen, event: QKeyEvent) -> bool:
    """Run the action of a game key on ``screen``; False when the key is not one."""
    key, mods = event.key(), event.modifiers()
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    letters = {
        Qt.Key.Key_R: screen.restart,
        Qt.Key.Key_H: screen.show_hint,
        Qt.Key.Key_M: lambda: screen.choose_maths(not screen.play.maths.isVisible()),
        Qt.Key.Key_N: screen.next_after_win,
    }
    if key in NUDGES:
        screen.play.rate.nudge(NUDGES[key])
    elif key in STEP_KEYS:
        if not (event.isAutoRepeat() and screen.hike.finished):  # a held key stops at the end
            screen.take_step()
    elif key == Qt.Key.Key_Z and ctrl:
        screen.undo()
    elif key in letters and not ctrl:
        letters[key]()
    elif key == Qt.Key.Key_Escape:
        screen.show_levels()
    else:
        return False
    return True
