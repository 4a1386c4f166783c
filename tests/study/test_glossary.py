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


def test_relations_keep_pairs_apart_both_ways_and_along_is_a_chains():
    by_id = {t.id: t for t in load_glossary()}
    for term in by_id.values():
        for other in term.close:
            assert term.id in by_id[other].close, (term.id, other)
        assert not set(term.related) & set(term.close), term.id
    assert "optimizer" in by_id["nesterov"].close  # nesterov -> momentum -> GD -> optimizer
    assert "adagrad" not in by_id["momentum"].close  # siblings stay usable as distractors


def test_card_fronts_never_show_their_answer():
    for term in load_glossary():
        assert not any(ch.isdigit() for ch in term.term), term.term
    safe = {t.id: t for t in load_glossary()}["safe-step"]
    assert safe.definition.startswith("2/L") and "2/L" not in safe.synonyms


_CARD = '[[term]]\nid = "{id}"\nterm = "{id}"\ndefinition = "{text}"\nexample = "e"\n'
_CARD += 'chapter = "summary"\n'


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ('[[relation]]\nterms = ["a", "ghost"]\nkind = "close"\n', "relation #1"),
        ('[[relation]]\nterms = ["a", "b"]\nkind = "cousin"\n', "'kind'"),
        ('[[relation]]\nterms = ["a", "b"]\nkind = "close"\n', "keeps apart"),
    ],
)
def test_bad_relations_are_named(tmp_path, extra, words):
    text = _CARD.format(id="a", text="d") + 'related = ["b"]\n' + _CARD.format(id="b", text="d")
    path = tmp_path / "g.toml"
    path.write_text(text + extra, encoding="utf-8")
    with pytest.raises(GlossaryError, match=words):
        parse_glossary(path)


def test_card_numbers_come_from_its_claims(tmp_path):
    card = _CARD.format(id="a", text="limit {lim.two_over_l}")
    path = tmp_path / "g.toml"
    path.write_text(
        card + '[term.claims.lim]\ncheck = "limits"\ncurvature = 4\ntwo_over_l = 0.5\n',
        encoding="utf-8",
    )
    assert parse_glossary(path)[0].definition == "limit 0.5"
    path.write_text(_CARD.format(id="a", text="limit {lim.two_over_l}"), encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"term #1 \(a\): definition: .*unknown claim 'lim'"):
        parse_glossary(path)
