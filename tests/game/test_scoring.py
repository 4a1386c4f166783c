"""Stars against par and the score's rewards and penalties."""

from __future__ import annotations

from gdgame.game import scoring


def test_stars_follow_par():
    assert scoring.stars(3, 6, 2, True) == 3
    assert scoring.stars(3, 6, 3, True) == 3
    assert scoring.stars(3, 6, 4, True) == 2
    assert scoring.stars(3, 6, 7, True) == 1
    assert scoring.stars(3, 6, 1, False) == 0


def _score(**changes):
    base = {
        "won": True,
        "steps_used": 4,
        "step_budget": 10,
        "divergences": 0,
        "undos": 0,
        "star_count": 2,
    }
    base.update(changes)
    return scoring.score(**base)


def test_score_rewards_fewer_steps_and_divergences():
    assert _score(steps_used=3) > _score(steps_used=4)
    assert _score(divergences=1) < _score()
    assert _score(undos=1) < _score()
    assert _score(star_count=3) > _score()
    assert _score(won=False) == 0
    assert _score(divergences=100) == 0
