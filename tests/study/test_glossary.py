"""The shipped glossary: required terms, valid links, clear errors for a bad file."""

from __future__ import annotations

import pytest

from gdgame.ids import CAMPAIGN_LEVELS, CORE_GLOSSARY_TERMS
from gdgame.study import GlossaryError, load_glossary
from gdgame.study.glossary import LEARN_SECTIONS, parse_glossary

REQUIRED_IDS = sorted(CORE_GLOSSARY_TERMS)
HIKE_LEVELS = list(CAMPAIGN_LEVELS)


def test_glossary_has_every_required_term_with_text():
    terms = load_glossary()
    ids = [t.id for t in terms]
    assert len(terms) >= 33
    assert set(REQUIRED_IDS) <= set(ids)
    assert len(ids) == len(set(ids))
    for term in terms:
        assert term.term and term.definition and term.example
        assert term.chapter in LEARN_SECTIONS
        assert set(term.levels) <= set(HIKE_LEVELS), term.id
        assert set(term.related) <= set(ids) and term.id not in term.related
        assert term.tags


def test_core_cards_come_first():
    fronts = [t.term for t in load_glossary()[:3]]
    assert fronts == ["Gradient Descent", "Learning Rate", "Gradient"]


def test_related_terms_are_enough_for_distractors():
    for term in load_glossary():
        assert len(term.related) >= 3, term.id


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('[[term]]\nid = "x"\nterm = "X"\ndefinition = ""\n', "definition"),
        ('[[term]]\nid = "Bad Id"\n', "id"),
        ("term = 3\n", "term"),
        (
            '[[term]]\nid = "x"\nterm = "X"\ndefinition = "d"\nexample = "e"\nchapter = "nope"\n',
            "chapter",
        ),
        (
            '[[term]]\nid = "x"\nterm = "X"\ndefinition = "d"\nexample = "e"\n'
            'chapter = "summary"\nrelated = ["ghost"]\n',
            "related",
        ),
        ("[[term]\nbroken", "TOML"),
    ],
)
def test_malformed_glossary_names_file_and_field(tmp_path, text, field):
    path = tmp_path / "my-glossary.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        parse_glossary(path)
    assert "my-glossary.toml" in str(info.value)
    assert field in str(info.value)


def test_missing_glossary_file_is_reported(tmp_path):
    with pytest.raises(GlossaryError, match="missing"):
        parse_glossary(tmp_path / "nothing.toml")
