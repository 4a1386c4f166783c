"""What the play page shows of a hike: a new level, its state after each step, its end.

Read-only on the game: :class:`gdgame.ui.hike.screen.HikeScreen` changes the
:class:`gdgame.game.Hike` and then calls these to redraw :class:`PlayPage` from it.
"""

from __future__ import annotations

from gdgame.game import Hike
from gdgame.game.reveal import RevealData
from gdgame.ui.hike.hints_panel import HintsPanel
from gdgame.ui.hike.play_page import PlayPage
from gdgame.ui.hike.summary import summary_html


def show_new_level(play: PlayPage, hike: Hike) -> None:
    """Title, concept, field, plots and maths panel for a level just started."""
    level = hike.level
    play.title.setText(f"<h2>{level.title}</h2>")
    play.concept.setText(level.concept)
    play.decay_row.setVisible(level.allow_schedule)
    play.field.set_level(hike)
    play.plots.start_level(hike)
    play.maths.start_level(level.dim)


def show_hike_state(play: PlayPage, hike: Hike, step=None, animate: bool = False) -> None:
    """Redraw everything from the hike; ``step`` (just taken) glides as a leap if ``animate``."""
    level = hike.level
    status = (
        f"Step {hike.steps_used} of {level.step_budget} · par {level.par} · "
        f"goal: {level.goal.describe()}"
    )
    if level.allow_schedule and not hike.finished:
        factor = hike.effective_rate(1.0)  # the game's schedule, not the view's
        play.decay_note.setText(f"the next step uses your rate x {factor:.3g}")
    else:
        play.decay_note.setText("")
    play.status.setText(status)
    play.field.show_hike(hike, step, animate=animate)
    play.plots.show_hike(hike)
    play.maths.show_steps(hike.history)
    play.hints.show_rungs(hike.shown_hints())
    HintsPanel.update_button(play.hint_button, hike.next_hint_cost())
    play.undo_button.setEnabled(bool(hike.history) and not hike.finished)
    play.step_button.setEnabled(not hike.finished)
    if hike.finished:
        play.hint_button.setEnabled(False)  # the map is shown: no hint is worth a price
    if not hike.finished:
        play.show_reveal(False)


def show_level_end(play: PlayPage, hike: Hike, data: RevealData, animate: bool) -> None:
    """The end of a level: the reveal (drawn gradually if ``animate``), the speed limits,
    the summary, and Next enabled after a win."""
    play.field.finish_animation()
    play.reveal.show_reveal(data, animate=animate)
    play.show_reveal(True)
    play.plots.show_speed_limits(data.speed_limits)
    play.result.setText(summary_html(hike, data))
    play.next_button.setEnabled(hike.won)
