"""``gdgame --smoke-test`` for the Hike: play the first level with scripted rates."""

from __future__ import annotations

SMOKE_RATES = (0.5, 0.5, 1.0)


def play_first_level(screen, wait) -> list[str]:
    """Play the first level through ``screen`` without saving, watch the reveal, report."""
    if screen.campaign is None:
        return ["hike: levels could not be loaded"]
    screen.recording = False
    try:
        first = screen.campaign.first.id
        screen.start_level(first)
        wait(100)
        for rate in SMOKE_RATES * 4:
            if screen.hike.finished:
                break
            screen.play.rate.set_rate(rate)
            screen.take_step()
            wait(120)
        wait(400)
        screen.play.reveal.finish_animation()
        hike = screen.hike
        outcome = "won" if hike.won else "lost"
        return [f"hike: {first} {outcome} in {hike.steps_used} steps, {hike.stars} stars"]
    finally:
        screen.recording = True
