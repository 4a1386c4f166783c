"""Campaign order, unlocking and endless mode."""

from __future__ import annotations

from gdgame.game import Campaign, Hike
from gdgame.game.campaign import endless_depth
from gdgame.game.endless import difficulty, endless_level
from gdgame.game.oracle import play


def test_next_levels_and_unlocks():
    campaign = Campaign()
    assert campaign.first.id == "gentle-bowl"
    assert campaign.next_id("gentle-bowl") == "overshoot-zone"
    assert campaign.next_id("schedule") == "mini-batches"
    assert campaign.next_id("mini-batches") == "endless-1"
    assert campaign.next_id("endless-1") == "endless-2"
    assert campaign.is_unlocked("gentle-bowl", set())
    assert not campaign.is_unlocked("steep-bowl", set())
    assert campaign.is_unlocked("steep-bowl", {"steep-bowl"})
    assert not campaign.is_unlocked("endless-1", {"steep-bowl"})
    assert campaign.is_unlocked("endless-1", set(campaign.ids[:8]))
    assert "endless-4" in campaign and "nowhere" not in campaign


def test_endless_levels_are_reproducible_winnable_and_harder():
    first, again = endless_level(1), endless_level(1)
    assert first == again
    assert first.id == "endless-1" and first.landscape == "random"
    assert difficulty(5) > difficulty(1)
    hike = play(Hike(first))
    assert hike.won and hike.steps_used <= first.step_budget
    assert Campaign().get("endless-1") == first


def test_an_endless_id_takes_only_ascii_decimal_digits():
    assert endless_depth("endless-12") == 12
    for junk in ("endless-²", "endless-1²", "endless-٣", "endless-0", "endless-", "endless--1"):
        assert endless_depth(junk) is None, junk
