"""Loading the Hike levels: the campaign order and clear errors for malformed files."""

from __future__ import annotations

import pytest

from gdgame.game import Level, LevelError, load_level_file, load_levels, parse_level
from gdgame.ids import CAMPAIGN_LEVELS

CAMPAIGN = list(CAMPAIGN_LEVELS)

GOOD = """
id = "tiny"
title = "Tiny"
concept = "A test level."
chapter = "chapter-1"
terms = ["gradient"]
landscape = "quadratic"
params = { scales = [1.0] }
start = [2.0]
step_budget = 10
par = 2
two_star = 4
hints = ["Which way is down?", "Step against the slope, scaled by the rate."]

[goal]
kind = "loss"
tolerance = 0.01
"""


def test_campaign_levels_load_in_order():
    levels = load_levels()
    assert [level.id for level in levels] == CAMPAIGN
    for level in levels:
        assert isinstance(level, Level)
        assert level.title and level.concept and level.terms and level.hints
        assert level.par <= level.two_star <= level.step_budget
        assert level.build_landscape().dim == level.dim
    dims = [level.dim for level in levels]
    assert dims[:4] == [1] * 4 and dims[4] == 2  # the bowls first, then two dimensions
    assert any(level.noise > 0 for level in levels)
    assert [level.id for level in levels if level.allow_schedule] == ["schedule", "mini-batches"]


def test_a_good_file_loads(tmp_path):
    path = tmp_path / "01-tiny.toml"
    path.write_text(GOOD)
    level = load_level_file(path)
    assert (level.id, level.start, level.goal.tolerance, level.source) == (
        "tiny",
        (2.0,),
        0.01,
        "01-tiny.toml",
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('id = "tiny"\n', "", "id"),
        ("step_budget = 10", "step_budget = -3", "step_budget"),
        ("step_budget = 10", 'step_budget = "ten"', "step_budget"),
        ("par = 2", "par = 20", "par"),
        ('chapter = "chapter-1"', 'chapter = "chapter-9"', "chapter"),
        ('terms = ["gradient"]', "terms = []", "terms"),
        ('terms = ["gradient"]', 'terms = ["gradiant"]', "terms"),
        ("start = [2.0]", "start = [2.0, 1.0, 3.0]", "start"),
        ("start = [2.0]", 'start = ["up"]', "start"),
        ("start = [2.0]", "start = [2.0, 1.0]", "start"),
        ('kind = "loss"', 'kind = "treasure"', "goal.kind"),
        ("tolerance = 0.01", "tolerance = 0", "goal.tolerance"),
        ('landscape = "quadratic"', 'landscape = "volcano"', "landscape"),
        ("params = { scales = [1.0] }", "params = { scales = [-1.0] }", "landscape"),
        ('hints = ["Which way is down?", ', "hints = [", "hints"),
        ("two_star = 4\n", "two_star = 4\nshow_maths = 1\n", "show_maths"),
        (
            "tolerance = 0.01",
            "tolerance = 0.01\n[solution]\nrates = []\nwhy = 'x'",
            "solution.rates",
        ),
        (
            "tolerance = 0.01",
            "tolerance = 0.01\n[solution]\nrates = [-1.0]\nwhy = 'x'",
            "solution.rates",
        ),
        (
            "tolerance = 0.01",
            "tolerance = 0.01\n[solution]\nrates = [0.5]\ndecay = 2.0\nwhy = 'x'",
            "solution.decay",
        ),
    ],
)
def test_malformed_files_name_file_and_field(tmp_path, old, new, field):
    assert old in GOOD
    path = tmp_path / "07-broken.toml"
    path.write_text(GOOD.replace(old, new, 1))
    with pytest.raises(LevelError) as caught:
        load_level_file(path)
    message = str(caught.value)
    assert message.startswith("07-broken.toml: field ")
    assert f"'{field}'" in message
    assert caught.value.field == field


def test_a_written_solution_loads(tmp_path):
    path = tmp_path / "01-tiny.toml"
    path.write_text(GOOD + '\n[solution]\nrates = [0.5, 1.0]\nwhy = """\nFirst  probe.\n"""\n')
    solution = load_level_file(path).solution
    assert solution.rates == (0.5, 1.0) and solution.why == "First probe."
    assert [solution.rate_at(i) for i in range(4)] == [0.5, 1.0, 1.0, 1.0]
    assert solution.decay == 1.0


def test_not_toml_at_all(tmp_path):
    path = tmp_path / "03-garbage.toml"
    path.write_text("id = [unclosed")
    with pytest.raises(LevelError, match=r"03-garbage.toml: .*not valid TOML"):
        load_level_file(path)


def test_duplicate_ids_are_rejected(tmp_path):
    (tmp_path / "01-a.toml").write_text(GOOD)
    (tmp_path / "02-b.toml").write_text(GOOD)
    with pytest.raises(LevelError, match=r"02-b.toml: field 'id': 'tiny' is also used by 01-a"):
        load_levels(tmp_path)


def test_parse_level_rejects_boolean_numbers():
    import tomllib

    data = tomllib.loads(GOOD)
    data["step_budget"] = True
    with pytest.raises(LevelError, match="step_budget"):
        parse_level(data, "inline")
