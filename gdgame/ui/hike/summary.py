"""The end-of-level summary text: stars, score, steps against par, and the ghosts."""

from __future__ import annotations

from html import escape

from gdgame.game.messages import steps_text
from gdgame.game.reveal import RevealData
from gdgame.ui.hike.level_select import star_text


def summary_html(hike, data: RevealData) -> str:
    """Rich text for the result label under the reveal."""
    lines = [f"<b>{star_text(hike.stars)}</b> &nbsp; score {hike.score}"]
    if hike.won:
        lines.append(
            f"You reached the goal in {steps_text(hike.steps_used)} (par {hike.level.par})."
        )
    else:
        lines.append("Out of steps. The map now shows where the bottom was.")
    for ghost in data.ghosts:
        done = f"in {steps_text(ghost.won_at)}" if ghost.won_at else "not within the budget"
        lines.append(f"Ghost <i>{escape(ghost.label)}</i>: {done}.")
    return "<br>".join(lines)
