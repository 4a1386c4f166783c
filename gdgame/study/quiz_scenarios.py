"""Scenario questions: read what a training run does, say what is wrong (no Qt).

Each :class:`Scenario` describes a symptom seen in the loss curve or the path of the
hiker, offers four diagnoses (the first one is right; the generator shuffles them), and
explains the answer with a link to the Learn chapter and the glossary terms it trains.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from gdgame.study.quiz_model import SCENARIO, Question


@dataclass(frozen=True)
class Scenario:
    id: str
    situation: str
    options: tuple[str, str, str, str]  # the first one is right
    explanation: str
    chapter: str
    term_ids: tuple[str, ...]

    @property
    def answer(self) -> str:
        return self.options[0]


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "loss-grows",
        "The loss gets bigger with every single step, and after 30 steps it is enormous. "
        "What is wrong?",
        (
            "The learning rate is too large: each step jumps past the bottom and lands higher.",
            "The learning rate is too small: the steps cannot reach the bottom.",
            "The run is stuck in a local minimum.",
            "The model has already found the global minimum.",
        ),
        "A loss that climbs step after step is divergence. The steps are so long that each one "
        "lands higher on the opposite wall than where it started. Cut the rate (e.g. by 10x).",
        "chapter-4",
        ("divergence", "learning-rate"),
    ),
    Scenario(
        "barely-moves",
        "After 500 steps the loss has only dropped from 2.41 to 2.39, and the slope still "
        "clearly points downhill. What should you change?",
        (
            "Raise the learning rate: the steps are far too short.",
            "Lower the learning rate: the run is about to diverge.",
            "Nothing: a flat loss means training has converged.",
            "Flip the sign of the update so it goes uphill.",
        ),
        "When the ground still slopes but the hiker barely moves, the steps are too small. "
        "That wastes time and compute; try a rate 3 to 10 times larger.",
        "chapter-4",
        ("learning-rate", "step-size"),
    ),
    Scenario(
        "bounces",
        "The loss goes down overall, but the path zig-zags: every step jumps from one side "
        "of the valley to the other. What helps most?",
        (
            "Lower the rate a little (it is in the overshoot zone) or add momentum.",
            "Raise the rate so it crosses the valley faster.",
            "Stop: bouncing means the gradient is computed wrongly.",
            "Use a smaller mini-batch to add more noise.",
        ),
        "Bouncing across the valley means the rate sits in the overshoot zone: still "
        "converging, but each step goes past the floor. A slightly smaller rate, or momentum "
        "to damp the side-to-side motion, smooths the path.",
        "chapter-4",
        ("overshoot", "momentum"),
    ),
    Scenario(
        "nan-loss",
        "A few steps into training, the loss shows NaN and the weights are infinite. "
        "What most likely happened?",
        (
            "The updates blew up: rate far too large or exploding gradients.",
            "The learning rate is so small that it rounded to zero.",
            "The run reached a saddle point.",
            "The data set is too small for gradient descent.",
        ),
        "Numbers that overflow to infinity or NaN are divergence taken to the extreme. Lower "
        "the rate, and clip the gradients if single steps are huge.",
        "chapter-4",
        ("divergence", "exploding-gradients", "gradient-clipping"),
    ),
    Scenario(
        "long-flat",
        "The loss falls fast, then stays almost flat for hundreds of steps while the gradient "
        "is nearly zero, then starts falling again. Where was the hiker?",
        (
            "On a plateau: nearly flat ground gives tiny gradients and tiny steps.",
            "At the global minimum.",
            "Diverging because the rate is too large.",
            "Bouncing in the overshoot zone.",
        ),
        "Flat ground has a tiny slope, so even a good rate makes tiny steps. Momentum keeps "
        "speed across a plateau; the run was not broken, just slow there.",
        "chapter-2",
        ("plateau", "momentum"),
    ),
    Scenario(
        "stuck-high",
        "The loss stops changing at 0.8, while other runs on the same problem reach 0.1. "
        "The gradient there is zero. What is going on?",
        (
            "The run settled in a local minimum, a dip that is not the lowest point.",
            "The learning rate is too large.",
            "The run has diverged.",
            "It reached the global minimum; the other runs are wrong.",
        ),
        "A zero gradient only says the ground is flat here. A higher floor than other runs "
        "reach means a local minimum. Restart elsewhere, or use a larger early rate or noise "
        "to hop out.",
        "chapter-4",
        ("local-minimum", "global-minimum"),
    ),
    Scenario(
        "jitter-at-end",
        "Training improves quickly at first, but late on the loss keeps jittering around a "
        "floor and never settles. What is a good fix?",
        (
            "Use a schedule that decays the learning rate over time.",
            "Double the learning rate for the last steps.",
            "Switch the optimiser off once the loss stops falling.",
            "Start over with a random learning rate.",
        ),
        "A rate that is right for the early, steep part is too large near the bottom. "
        "Decaying it lets the late steps shrink and settle.",
        "chapter-4",
        ("learning-rate-schedule",),
    ),
    Scenario(
        "ravine",
        "In a long, narrow valley the path zig-zags between the steep walls while it creeps "
        "slowly along the gentle floor. Why?",
        (
            "The valley is badly conditioned: the steep walls cap the safe rate, so the floor "
            "direction crawls. Momentum helps.",
            "The gradient points the wrong way in narrow valleys.",
            "The learning rate is too small in every direction.",
            "The valley has no minimum.",
        ),
        "A large condition number means one direction is much steeper than another. The "
        "steep one decides the largest safe rate, which is too small for the gentle one. "
        "Momentum builds speed along the floor and cancels the zig-zag.",
        "chapter-4",
        ("condition-number", "momentum"),
    ),
    Scenario(
        "safe-step",
        "A bowl has curvature L = 4. For plain gradient descent, which learning rate is the "
        "largest that still converges?",
        (
            "Anything just below 2 / L = 0.5.",
            "Exactly L = 4.",
            "1 / L squared = 0.0625; anything larger diverges.",
            "Any rate converges on a bowl.",
        ),
        "On a bowl with curvature L, a rate below 2/L shrinks the distance to the bottom each "
        "step; 1/L lands on the bottom in one step; above 2/L every step overshoots further.",
        "chapter-4",
        ("safe-step", "learning-rate"),
    ),
    Scenario(
        "warmup",
        "With a large learning rate the first few steps blow up, yet the same rate works well "
        "once training has settled. What fixes the start?",
        (
            "A warmup: start with a small rate and ramp it up over the first steps.",
            "Use the large rate only for the first steps.",
            "Remove the gradient from the first steps.",
            "Use a smaller model.",
        ),
        "At the start the ground can be steep and the estimates rough; ramping the rate up "
        "gently avoids the early blow-up while keeping the fast rate later.",
        "chapter-4",
        ("warmup", "learning-rate-schedule"),
    ),
    Scenario(
        "pick-a-rate",
        "You have no idea which learning rate suits a new model. What is a quick, systematic "
        "way to choose one?",
        (
            "A range test: raise the rate a little each step, then pick a value below where "
            "the loss starts to climb.",
            "Always use 1.0, it is the standard value.",
            "Pick the smallest rate the computer can represent, to be safe.",
            "Train once with each of a thousand random rates to the end.",
        ),
        "A learning-rate range test sweeps the rate upward in one short run. The loss falls, "
        "then turns up; a rate somewhat below that turning point is a good start.",
        "chapter-4",
        ("lr-range-test", "learning-rate"),
    ),
    Scenario(
        "one-update",
        "A weight is 2.0, its gradient is 5 and the learning rate is 0.01. What is the weight "
        "after one gradient-descent step?",
        ("1.95", "2.05", "1.5", "0.05"),
        "w_new = w - rate * gradient = 2.0 - 0.01 * 5 = 1.95. The step goes against the "
        "gradient, and the rate scales its length.",
        "concepts",
        ("learning-rate", "gradient-descent"),
    ),
    Scenario(
        "wrong-sign",
        "Someone wrote the update as w = w + rate * gradient. Even with a tiny rate the loss "
        "rises every step. What is wrong?",
        (
            "The step follows the gradient uphill; it must go against it (minus sign).",
            "The rate is still too large.",
            "The loss function has no minimum.",
            "Nothing: the loss always rises at first.",
        ),
        "The gradient points where the loss climbs fastest. Descent steps the opposite way, "
        "so the update subtracts rate times gradient.",
        "chapter-2",
        ("gradient", "gradient-descent"),
    ),
)


def scenarios_for_tags(tags, term_tags: dict[str, tuple[str, ...]]) -> list[Scenario]:
    """Scenarios whose terms match ``tags`` (a term id, a tag of those terms, or the chapter).

    No tags, or no scenario matching them: all scenarios (they are all about the rate).
    """
    wanted = set(tags or ())
    if not wanted:
        return list(SCENARIOS)
    chosen = [
        s
        for s in SCENARIOS
        if s.chapter in wanted
        or any(tid in wanted or wanted & set(term_tags.get(tid, ())) for tid in s.term_ids)
    ]
    return chosen or list(SCENARIOS)


def scenario_questions(scenarios, rng: random.Random, count: int) -> list[Question]:
    """Up to ``count`` scenario questions with their four options shuffled."""
    questions = []
    for scenario in rng.sample(list(scenarios), min(count, len(scenarios))):
        options = list(scenario.options)
        rng.shuffle(options)
        questions.append(
            Question(
                mode=SCENARIO,
                prompt=scenario.situation,
                term_ids=scenario.term_ids,
                answer_text=scenario.answer,
                explanation=scenario.explanation,
                chapter=scenario.chapter,
                options=tuple(options),
                correct=options.index(scenario.answer),
            )
        )
    return questions
