"""Helpers for the Hike rules tests: build small levels in code."""

from __future__ import annotations

import pytest

from gdgame.game import parse_level


def level_data(**changes):
    data = {
        "id": "test-bowl",
        "title": "Test bowl",
        "concept": "testing",
        "chapter": "chapter-1",
        "terms": ["gradient"],
        "landscape": "quadratic",
        "params": {"scales": [1.0]},
        "start": [2.0],
        "step_budget": 6,
        "par": 2,
        "two_star": 4,
        "goal": {"kind": "loss", "tolerance": 0.01},
        "hints": ["What does the slope tell you?", "The rate scales the slope into a step."],
    }
    data.update(changes)
    return data


@pytest.fixture
def make_level():
    def make(**changes):
        return parse_level(level_data(**changes), "test")

    return make
