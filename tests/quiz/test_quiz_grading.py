"""Typed answers: normalisation, Damerau-Levenshtein and typo thresholds."""

from __future__ import annotations

from gdgame.study.quiz_grading import (
    allowed_typos,
    compact,
    damerau_levenshtein,
    match_typed,
    normalise,
)


def test_normalise_ignores_case_accents_punctuation_and_articles():
    assert normalise("  The Learning-Rate!! ") == "learning rate"
    assert normalise("Nésterov") == "nesterov"
    assert compact("G.L.O.W.") == "glow"
    assert compact("mini batch") == compact("Mini-batch") == "minibatch"
    assert normalise("a") == "a"


def test_damerau_levenshtein_counts_a_swap_as_one_edit():
    assert damerau_levenshtein("momentum", "momentum") == 0
    assert damerau_levenshtein("momentum", "momnetum") == 1
    assert damerau_levenshtein("adam", "adma") == 1
    assert damerau_levenshtein("", "abc") == 3
    assert damerau_levenshtein("kitten", "sitting") == 3


def test_allowed_typos_grow_with_length():
    assert [allowed_typos("x" * n) for n in (3, 5, 10, 20)] == [0, 1, 2, 3]


def test_match_typed():
    assert match_typed("SGD", ["SGD"]).exact
    assert not match_typed("SGE", ["SGD"]).accepted  # short answers must be exact
    assert match_typed("momentun", ["Momentum"]).accepted
    assert not match_typed("moment", ["Momentum"]).accepted
    assert match_typed("condition nmuber", ["Condition number"]).accepted
    assert match_typed("safe step", ["Safe step (2/L)"]).accepted
    result = match_typed("rms prop", ["RMSprop", "Root mean square propagation"])
    assert result.exact and result.closest == "RMSprop"
    assert not match_typed("", ["Adam"]).accepted


def test_another_terms_name_is_not_a_typo():
    asked = ["Global Minimum", "global min"]
    others = ["Local Minimum", "local min", "Minimum"]
    assert not match_typed("local minimum", asked, others).accepted
    assert not match_typed("Local Minimun", asked, others).accepted
    assert match_typed("global minimun", asked, others).accepted
    assert match_typed("step size", ["Learning rate", "step size"], ["Step Size"]).accepted


def test_the_names_the_lesson_uses_are_accepted_as_typed_answers():
    """The lesson calls 2/L the speed limit; 'update rule' and 'mini-batch gradient descent'
    are common names too (a teacher review found them refused)."""
    from gdgame.study.glossary import load_glossary

    terms = {term.id: term for term in load_glossary()}
    for term_id, typed in (
        ("safe-step", "speed limit"),
        ("optimizer", "update rule"),
        ("sgd", "mini-batch gradient descent"),
    ):
        term = terms[term_id]
        assert match_typed(typed, [term.term, *term.synonyms]).accepted, term_id
