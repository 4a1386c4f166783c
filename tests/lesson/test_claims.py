"""Every number the lesson, the glossary and the quiz scenarios state is recomputed here.

Text writes numbers as placeholders filled from stored claims (gdgame.lesson.claims);
these tests run the engine on each claim's inputs and compare with what is stored, check
that every placeholder and claim is used, and that no computed number hides in the text as
a bare literal.
"""

from __future__ import annotations

import math
import re
import tomllib

import numpy as np
import pytest

from gdgame.engine import safe_lr
from gdgame.engine.landscapes import Quadratic
from gdgame.lesson import lesson_folder, load_lesson
from gdgame.lesson.claim_checks import classify_path, recompute, stability_limit
from gdgame.lesson.claims import KINDS, PLACEHOLDER, Claim, ClaimError, fill, parse_claim
from gdgame.lesson.loader import LESSON_FILES
from gdgame.lesson.regimes import CRAWL_BELOW, regime_for
from gdgame.study import load_glossary
from gdgame.study.glossary import glossary_path
from gdgame.study.quiz_scenarios import SCENARIOS


def _all_claims() -> list[tuple[str, Claim]]:
    found = [(f"lesson {c.where}", c) for c in load_lesson().claims.values()]
    found += [(f"glossary {t.id}", c) for t in load_glossary() for c in t.claims]
    found += [(f"scenario {s.id}", c) for s in SCENARIOS for c in s.claims]
    return found


CLAIMS = _all_claims()


def _matches(stated: float | str, computed: float | str) -> bool:
    if isinstance(stated, str) or isinstance(computed, str):
        return stated == computed
    if isinstance(stated, int) and float(computed).is_integer():
        return stated == int(computed)  # step counts are exact
    return math.isclose(stated, computed, rel_tol=1e-6, abs_tol=1e-9)


def test_there_are_claims_everywhere_numbers_are_stated():
    places = {where.split()[0] for where, _claim in CLAIMS}
    assert places == {"lesson", "glossary", "scenario"}
    assert {claim.check for _where, claim in CLAIMS} == set(KINDS)  # every kind is used


@pytest.mark.parametrize(("where", "claim"), CLAIMS, ids=[f"{w}:{c.id}" for w, c in CLAIMS])
def test_the_engine_reproduces_every_stated_number(where, claim):
    stated = claim.stated()
    assert stated, f"{where}: claim {claim.id} states no result"
    computed = recompute(claim)
    for field, value in stated.items():
        assert _matches(value, computed[field]), (where, claim.id, field, value, computed[field])


def test_a_wrong_stored_number_is_caught():
    honest = parse_claim("x", {"check": "bowl", "curvature": 4, "start": 1, "rate": 0.4}, "t")
    assert recompute(honest)["p1"] == pytest.approx(-0.6)
    for field, wrong in (("p1", -0.5), ("regime", "divergence"), ("multiplier", 0.6)):
        table = {"check": "bowl", "curvature": 4, "start": 1, "rate": 0.4, field: wrong}
        claim = parse_claim("x", table, "t")
        assert not _matches(wrong, recompute(claim)[field])


# -- the regimes the text names agree with what the engine does ------------------------
@pytest.mark.parametrize(
    ("rate_x_l", "regime"),
    [
        (0.05, "crawl"),
        (CRAWL_BELOW * 0.99, "crawl"),
        (CRAWL_BELOW, "descent"),
        (0.7, "descent"),
        (1.0, "one-step"),
        (1.3, "overshoot"),
        (1.99, "overshoot"),
        (2.0, "bounce"),
        (2.01, "divergence"),
        (3.0, "divergence"),
    ],
)
@pytest.mark.parametrize("curvature", [0.5, 2.0, 4.0, 40.0])
def test_named_regime_is_what_the_engine_path_shows(rate_x_l, regime, curvature):
    claim = parse_claim(
        "x",
        {"check": "bowl", "curvature": curvature, "start": 1.5, "rate": rate_x_l / curvature},
        "t",
    )
    assert recompute(claim)["regime"] == regime
    assert regime_for(rate_x_l).id == regime


def test_bounce_at_two_over_l_never_settles():
    path = Quadratic((2.0,))
    claim = parse_claim(
        "x", {"check": "bowl", "curvature": 2, "start": 0.5, "bottom": -0.5, "rate": 1.0}, "t"
    )
    result = recompute(claim)
    assert [result[f"p{k}"] for k in range(1, 5)] == [-1.5, 0.5, -1.5, 0.5]
    assert [result[f"loss{k}"] for k in range(5)] == [1.0] * 5
    assert safe_lr(path, [0.0]) == pytest.approx(1.0)


@pytest.mark.parametrize("curvature", [0.3, 1.0, 4.0, 25.0])
def test_the_measured_stability_limit_is_two_over_l(curvature):
    bowl = Quadratic((curvature,))
    assert stability_limit(bowl) == pytest.approx(safe_lr(bowl, [0.0]), rel=1e-9)


def test_classify_path_reads_the_signs_and_sizes():
    assert classify_path(np.array([1.0, 0.5, 0.25])) == "descent"
    assert classify_path(np.array([1.0, -0.5, 0.25])) == "overshoot"
    assert classify_path(np.array([1.0, -1.0, 1.0])) == "bounce"
    assert classify_path(np.array([1.0, -2.0, 4.0])) == "divergence"
    assert classify_path(np.array([1.0, np.inf])) == "divergence"


# -- placeholders and claims are all used ----------------------------------------------
def _strings(node, skip=("claims", "links", "id", "term", "speaker")):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, skip)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from _strings(value, skip)


def _raw_lesson_texts() -> dict[str, list[str]]:
    texts = {}
    for name in LESSON_FILES:
        with (lesson_folder() / name).open("rb") as handle:
            texts[name] = list(_strings(tomllib.load(handle)))
    return texts


def _raw_glossary_texts() -> dict[str, list[str]]:
    with glossary_path().open("rb") as handle:
        entries = tomllib.load(handle)["term"]
    return {e["id"]: [e["term"], e["definition"], e["example"]] for e in entries}


def test_every_lesson_claim_is_stated_somewhere():
    used = {
        claim_id
        for texts in _raw_lesson_texts().values()
        for text in texts
        for claim_id, _field, _spec in PLACEHOLDER.findall(text)
    }
    assert used == set(load_lesson().claims)


def test_every_glossary_claim_is_stated_in_its_card():
    raw = _raw_glossary_texts()
    for term in load_glossary():
        used = {m[0] for text in raw[term.id] for m in PLACEHOLDER.findall(text)}
        assert used == {claim.id for claim in term.claims}, term.id


def test_no_placeholder_is_left_in_what_learners_read():
    lesson = load_lesson()
    texts = [lesson.summaries[d] for d in lesson.summaries]
    for chapter in lesson.chapters:
        texts += [chapter.explanation, chapter.explanation_more, chapter.story]
    texts += [e.text for e in lesson.examples] + [e.title for e in lesson.examples]
    texts += [c.text for c in lesson.concepts]
    texts += [t.definition + t.example for t in load_glossary()]
    texts += [s.situation + s.explanation + " ".join(s.options) for s in SCENARIOS]
    for text in texts:
        assert "{" not in text and "}" not in text, text[:80]


def test_unknown_claims_and_fields_are_refused():
    claims = {"a": parse_claim("a", {"check": "limits", "curvature": 4, "two_over_l": 0.5}, "t")}
    assert fill("limit {a.two_over_l}", claims) == "limit 0.5"
    assert fill("L = {a.curvature:.1f}", claims) == "L = 4.0"
    with pytest.raises(ClaimError, match="unknown claim 'b'"):
        fill("{b.two_over_l}", claims)
    with pytest.raises(ClaimError, match="states no 'one_over_l'"):
        fill("{a.one_over_l}", claims)
    with pytest.raises(ClaimError, match="malformed placeholder"):
        fill("{A.Bad}", claims)
    with pytest.raises(ClaimError, match="no field 'speed'"):
        parse_claim("a", {"check": "limits", "curvature": 4, "speed": 1}, "t")
    with pytest.raises(ClaimError, match="missing input 'rate'"):
        parse_claim("a", {"check": "bowl", "curvature": 4, "start": 1}, "t")


# -- no computed number typed as a bare literal ------------------------------------------
SYMBOLS = re.compile(
    r"[12]/L\b|1 − rate × (?:L|curvature)|[Cc]hapters? \d(?: and \d)?|Part \d|\(w \+ 0\.5\)\^2"
)
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
NOT_CLAIMS = {
    # place: numbers that are settings to try or common defaults, not results
    "chapters.toml": {"0.1", "0.01", "0.001"},  # rates one might try
    "concepts.toml": {"0.9"},  # a usual momentum setting
    "hyperparameter": {"0.001"},  # an example setting
    "adam": {"0.001"},  # the usual default
    "learning-rate-schedule": {"30"},  # a recipe
    "warmup": {"0", "0.1", "500"},  # a recipe
    "gradient-clipping": {"1.0"},  # a chosen limit
}


def _bare_numbers(text: str) -> set[str]:
    text = PLACEHOLDER.sub(" ", text)
    return set(NUMBER.findall(SYMBOLS.sub(" ", text)))


def test_numbers_in_text_come_from_claims():
    places = {**_raw_lesson_texts(), **_raw_glossary_texts()}
    for place, texts in places.items():
        found = set().union(*(_bare_numbers(text) for text in texts))
        assert found <= NOT_CLAIMS.get(place, set()), (place, found)


@pytest.mark.parametrize("rate_x_l", [0.1, 0.5, 1.0, 1.5, 1.999, 2.0, 2.5])
def test_the_lesson_names_a_rate_as_the_hike_judges_it(rate_x_l):
    from gdgame.game.regimes import bend_met

    bowl = Quadratic((4.0,))
    bend = bend_met(bowl, [1.0], rate_x_l / 4.0)
    regime = regime_for(rate_x_l).id
    assert bend.rate_x_curvature == pytest.approx(rate_x_l)
    assert bend.past_limit == (regime in ("bounce", "divergence"))
    assert bend.at_limit == (regime == "bounce")
    assert bend.crosses_bottom == (regime == "overshoot")
