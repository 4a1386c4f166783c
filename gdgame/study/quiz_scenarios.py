"""Scenario questions: read what a training run does, say what is wrong (no Qt).

Each :class:`Scenario` describes a symptom seen in the loss curve or the path of the
hiker, offers four diagnoses (the first one is right; the generator shuffles them), and
explains the answer with a link to the Learn chapter and the glossary terms it trains.

A number a scenario computes (an update, a 2/L) is a placeholder ``{claim.field}`` filled
from its ``claims``, which ``tests/lesson/test_claims.py`` recomputes with the engine, like
the lesson's own numbers (:mod:`gdgame.lesson.claims`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from gdgame.lesson.claims import Claim, fill, parse_claim
from gdgame.study.quiz_model import SCENARIO, Question


@dataclass(frozen=True)
class Scenario:
    id: str
    situation: str
    options: tuple[str, str, str, str]  # the first one is right
    explanation: str
    chapter: str
    term_ids: tuple[str, ...]
    claims: tuple[Claim, ...] = ()  # the numbers its text states

    @property
    def answer(self) -> str:
        return self.options[0]


def _claims(scenario_id: str, tables: dict[str, dict]) -> dict[str, Claim]:
    where = f"scenario {scenario_id}"
    return {name: parse_claim(name, table, where) for name, table in tables.items()}


def _with_numbers(scenario_id, situation, options, explanation, chapter, term_ids, claims):
    """A scenario whose texts take their numbers from ``claims`` (name -> claim table)."""
    found = _claims(scenario_id, claims)

    def filled(text: str) -> str:
        return fill(text, found, f"scenario {scenario_id}")

    return Scenario(
        scenario_id,
        filled(situation),
        tuple(filled(option) for option in options),
        filled(explanation),
        chapter,
        term_ids,
        tuple(found.values()),
    )


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
        "A loss that climbs step after step is divergence. The rate is so large (above 2/L) "
        "that each step lands higher on the opposite wall than where it started. Cut the rate, "
        "for example tenfold.",
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
        "That wastes time and compute; try a rate several times larger, staying below the "
        "speed limit 2/L. (If the path zig-zags between steep walls, a larger rate would "
        "diverge: that is ill-conditioning, and momentum or scaled inputs are the cure.)",
        "chapter-4",
        ("learning-rate", "step-size"),
    ),
    Scenario(
        "bounces",
        "On a simple bowl, every step jumps across the bottom to the other side, and each "
        "landing is a little closer to the bottom than the one before. What is going on?",
        (
            "An overshoot: the rate is between 1/L and 2/L, so the run still converges.",
            "Divergence: the run is blowing up and the rate must be cut at once.",
            "The rate is too small to reach the bottom.",
            "The gradient is computed with the wrong sign.",
        ),
        "Each step multiplies the distance to the bottom by 1 - rate x L. Between 1/L and 2/L "
        "that number lies between -1 and 0: every step crosses the bottom, yet the distance "
        "shrinks, so the run converges. That is no mistake; a slightly smaller rate only "
        "smooths the path.",
        "chapter-5",
        ("overshoot", "safe-step"),
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
        "reach means a local minimum: this run started above that dip. Starting from other "
        "points is the reliable fix; gradient noise can sometimes shake a run out of a "
        "shallow dip, and so can a rate too large to be stable there, which is a gamble.",
        "chapter-1",
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
        "steep one decides the largest stable rate, which is far too small for the gentle "
        "one. Momentum builds speed along the floor and damps the zig-zag.",
        "chapter-5",
        ("condition-number", "momentum"),
    ),
    _with_numbers(
        "safe-step",
        "A bowl has curvature L = {limit.curvature}. For plain gradient descent, which "
        "learning rates converge?",
        (
            "Every rate below 2/L = {limit.two_over_l}.",
            "Every rate below L = {limit.curvature}.",
            "Only rates below 1/L = {limit.one_over_l}; anything larger diverges.",
            "Any positive rate converges on a bowl.",
        ),
        "On a bowl with curvature L each step multiplies the distance to the bottom by "
        "1 - rate x L. Below 1/L = {limit.one_over_l} the hiker approaches from one side, "
        "1/L lands in one step, between 1/L and 2/L each step crosses the bottom but still "
        "gets closer, at 2/L = {limit.two_over_l} it bounces forever, above it it diverges.",
        "chapter-5",
        ("safe-step", "learning-rate"),
        {"limit": {"check": "limits", "curvature": 4, "one_over_l": 0.25, "two_over_l": 0.5}},
    ),
    _with_numbers(
        "bounce-forever",
        "On the bowl (w + 0.5)^2, which has curvature {bounce.curvature}, a learning rate of "
        "{bounce.rate:.1f} takes the weight from {bounce.start} to {bounce.p1}, back to "
        "{bounce.p2}, to {bounce.p3} again, and the loss stays at {bounce.loss3}. Why?",
        (
            "The rate is exactly 2/L: each step lands just as far out on the other side.",
            "The rate is too small to make progress.",
            "The weight is stuck in a local minimum.",
            "The gradient is zero at both points.",
        ),
        "With curvature L = {bounce.curvature}, 2/L is {bounce.rate:.1f}. At exactly that "
        "rate the distance to the bottom is multiplied by -1 every step: the weight swings "
        "between two points for ever. Any smaller rate would settle; any larger one would "
        "diverge.",
        "chapter-5",
        ("safe-step", "overshoot"),
        {
            "bounce": {
                "check": "bowl",
                "curvature": 2,
                "start": 0.5,
                "bottom": -0.5,
                "rate": 1.0,
                "p1": -1.5,
                "p2": 0.5,
                "p3": -1.5,
                "loss3": 1,
                "regime": "bounce",
            }
        },
    ),
    Scenario(
        "noisy-rise",
        "The gradient comes from small mini-batches. At a rate well below 2/L the loss falls "
        "overall, but now and then it rises for a single step and then falls again. What are "
        "those rises?",
        (
            "Noisy steps: the felt slope pointed a little off; no change is needed.",
            "Divergence: the rate must be cut tenfold at once.",
            "Proof that the run is stuck in a local minimum.",
            "A sign that the learning rate is far too small.",
        ),
        "A mini-batch gradient is an estimate, so a single step can go slightly uphill even "
        "at a safe rate. Divergence is different: the loss keeps rising, step after step, "
        "because the rate is too large for the ground. A schedule that lowers the rate late "
        "in training quiets the noise near the bottom.",
        "chapter-4",
        ("noisy-step", "mini-batch"),
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
    _with_numbers(
        "one-update",
        "A weight is {right.w:.1f}, its gradient is {right.gradient} and the learning rate is "
        "{right.rate}. What is the weight after one gradient-descent step?",
        ("{right.w_new}", "{uphill.w_new}", "{too_big.w_new}", "{right.change}"),
        "w_new = w - rate * gradient = {right.w:.1f} - {right.rate} * {right.gradient} = "
        "{right.w_new}. The step goes against the gradient, and its length is the rate "
        "times the gradient's size ({right.change}).",
        "concepts",
        ("update-rule", "learning-rate"),
        {
            "right": {
                "check": "update",
                "w": 2.0,
                "gradient": 5,
                "rate": 0.01,
                "change": 0.05,
                "w_new": 1.95,
            },
            # the distractors: stepping uphill, and a rate ten times larger
            "uphill": {"check": "update", "w": 2.0, "gradient": -5, "rate": 0.01, "w_new": 2.05},
            "too_big": {"check": "update", "w": 2.0, "gradient": 5, "rate": 0.1, "w_new": 1.5},
        },
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
