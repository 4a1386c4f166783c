"""A small fake glossary, so quiz generators are tested without the real one."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class FakeTerm:
    id: str
    term: str
    definition: str
    example: str = ""
    tags: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    chapter: str = "chapter-1"


FAKE_TERMS = [
    FakeTerm(
        "gradient-descent",
        "Gradient descent",
        "Walk downhill on the loss, step by step.",
        tags=("core",),
        related=("gradient", "learning-rate"),
        synonyms=("GD",),
    ),
    FakeTerm(
        "learning-rate",
        "Learning rate",
        "How far each step goes.",
        tags=("core", "rate"),
        synonyms=("step size", "alpha", "eta"),
        related=("overshoot", "step-size"),
        chapter="chapter-3",
    ),
    FakeTerm(
        "gradient",
        "Gradient",
        "The direction in which the loss climbs fastest.",
        tags=("core",),
        chapter="chapter-2",
    ),
    FakeTerm(
        "overshoot",
        "Overshoot",
        "Jumping past the bottom of the valley.",
        tags=("rate", "trouble"),
        related=("divergence",),
        chapter="chapter-4",
    ),
    FakeTerm(
        "divergence",
        "Divergence",
        "The loss grows without limit.",
        tags=("rate", "trouble"),
        related=("overshoot",),
        chapter="chapter-4",
    ),
    FakeTerm(
        "momentum", "Momentum", "Keep some of the previous step's velocity.", tags=("optimiser",)
    ),
    FakeTerm(
        "adam",
        "Adam",
        "An optimiser with per-weight rates and momentum.",
        tags=("optimiser",),
        related=("rmsprop", "momentum"),
    ),
    FakeTerm(
        "rmsprop",
        "RMSprop",
        "Divide each step by a running size of recent gradients.",
        tags=("optimiser",),
    ),
    FakeTerm(
        "mini-batch", "Mini-batch", "A small random subset of the data per step.", tags=("data",)
    ),
    FakeTerm("epoch", "Epoch", "One pass over the whole training set.", tags=("data",)),
    FakeTerm(
        "glow", "G.L.O.W.", "Gradient, Learning rate, Overshoot, Wasted time.", tags=("memory",)
    ),
    FakeTerm(
        "backpropagation",
        "Backpropagation",
        "How the gradient is computed layer by layer.",
        tags=("core",),
        synonyms=("backprop",),
    ),
]


@pytest.fixture
def terms():
    return list(FAKE_TERMS)
