"""Identifiers the screens share, so a link from one screen always lands on another (no Qt).

Learn links to Hike levels and Lab presets, Hike and Learn link to glossary cards, Quiz
links back to Learn sections. Each list names the ids the data files must provide; the
tests check the files against them (e.g. every Hike level's ``chapter`` is a Learn section).
"""

from __future__ import annotations

LEARN_SECTIONS: tuple[str, ...] = (
    "conversation",
    "summary",
    "chapter-1",
    "chapter-2",
    "chapter-3",
    "chapter-4",
    "chapter-5",
    "chapter-6",
    "concepts",
    "memory-aids",
)
"""The Learn screen's sections in reading order: ``navigate("learn", section=ID)``."""

SUMMARY_DEPTHS: tuple[str, ...] = ("basic", "medium", "detailed")
"""The depths of the Learn summary, shallow to deep (``learn/summary_depth`` setting)."""

CAMPAIGN_LEVELS: tuple[str, ...] = (
    "gentle-bowl",
    "overshoot-zone",
    "steep-bowl",
    "shallow-bowl",
    "first-2d-bowl",
    "penguin-line",
    "ravine",
    "unscaled-line",
    "plateau",
    "saddle",
    "double-well",
    "four-valleys",
    "banana",
    "noisy-slope",
    "schedule",
    "mini-batches",
)
"""Hike level ids in campaign order: ``navigate("hike", level=ID)``."""

LAB_PRESETS: tuple[str, ...] = (
    "overshoot-demo",
    "too-small",
    "momentum-ravine",
    "decay-schedule",
    "penguin-batches",
)
"""Lab presets other screens open: ``navigate("lab", preset=ID)``."""

CORE_GLOSSARY_TERMS: frozenset[str] = frozenset(
    [
        "gradient-descent",
        "learning-rate",
        "gradient",
        "loss-function",
        "loss-landscape",
        "global-minimum",
        "local-minimum",
        "saddle-point",
        "plateau",
        "overshoot",
        "divergence",
        "convergence",
        "step-size",
        "hyperparameter",
        "learning-rate-schedule",
        "warmup",
        "momentum",
        "nesterov",
        "sgd",
        "mini-batch",
        "epoch",
        "backpropagation",
        "weights-and-biases",
        "adagrad",
        "rmsprop",
        "adam",
        "condition-number",
        "safe-step",
        "lr-range-test",
        "exploding-gradients",
        "vanishing-gradients",
        "gradient-clipping",
        "glow",
        "curvature",
        "noisy-step",
        "crawl",
        "feature-scaling",
    ]
)
"""Glossary term ids that levels and lessons may link to: ``navigate("cards", term=ID)``."""
