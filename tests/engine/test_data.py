"""The shipped penguin table and its loader: content, caching, clear errors for bad files."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from gdgame import resources
from gdgame.engine.data import COLUMNS, DataError, load_penguins, penguins_path

CSV = resources.path("data", "penguins.csv")


def test_the_shipped_table_is_the_complete_cases_of_palmer_penguins():
    data = load_penguins()
    assert len(data) == 333  # 344 penguins, 11 of them miss a value
    assert data.species_names == ("Adelie", "Gentoo", "Chinstrap")
    counts = {name: int(np.sum(data.species == name)) for name in data.species_names}
    assert counts == {"Adelie": 146, "Gentoo": 119, "Chinstrap": 68}
    assert set(data.island) == {"Torgersen", "Biscoe", "Dream"}
    assert set(data.sex) == {"male", "female"}
    assert set(data.year) == {2007, 2008, 2009}
    # well-known summary figures of the complete cases
    assert data.body_mass_g.mean() == pytest.approx(4207.057, abs=1e-3)
    assert data.flipper_length_mm.mean() == pytest.approx(200.967, abs=1e-3)
    assert np.corrcoef(data.flipper_length_mm, data.body_mass_g)[0, 1] == pytest.approx(
        0.8730, abs=1e-4
    )


def test_the_file_keeps_the_original_rows_and_columns():
    with CSV.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1] == ["Adelie", "Torgersen", "39.1", "18.7", "181", "3750", "male", "2007"]
    assert all("NA" not in row for row in rows)
    readme = resources.path("data", "README.md").read_text(encoding="utf-8")
    assert "CC0" in readme and "palmerpenguins" in readme


def test_loading_twice_returns_the_same_read_only_arrays():
    first, second = load_penguins(), load_penguins()
    assert first is second
    assert penguins_path() == CSV
    with pytest.raises(ValueError):
        first.body_mass_g[0] = 1.0


def test_species_masks_and_unknown_species():
    data = load_penguins()
    mask = data.of_species("Adelie", "Chinstrap")
    assert mask.sum() == 214
    with pytest.raises(ValueError, match="unknown species"):
        data.of_species("Emperor")


def _write(tmp_path, text: str):
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = ",".join(COLUMNS) + "\n"
ROW = "Adelie,Dream,39.1,18.7,181,3750,male,2007\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("species,island\n" + ROW, "header"),
        (HEADER, "no penguins"),
        (
            HEADER + "Adelie,Dream,NA,18.7,181,3750,male,2007\n",
            "line 2: 'bill_length_mm' is missing",
        ),
        (HEADER + "Adelie,Dream,39.1,deep,181,3750,male,2007\n", "must be a number"),
        (HEADER + ROW + "Adelie,Dream,39.1,18.7,-181,3750,male,2007\n", "line 3"),
        (HEADER + "Adelie,Dream,39.1\n", "expected 8 values"),
    ],
)
def test_a_damaged_file_raises_a_clear_error(tmp_path, text, message):
    with pytest.raises(DataError, match=message):
        load_penguins(_write(tmp_path, text))


def test_missing_and_unreadable_files_raise_data_errors(tmp_path):
    with pytest.raises(DataError, match="cannot be read"):
        load_penguins(tmp_path / "absent.csv")
    bad = tmp_path / "latin.csv"
    bad.write_bytes(
        HEADER.encode() + "Adelie,Dr\xe9am,39.1,18.7,181,3750,male,2007\n".encode("latin-1")
    )
    with pytest.raises(DataError, match="cannot be read"):
        load_penguins(bad)


def test_a_good_copy_loads_like_the_original(tmp_path):
    copy = tmp_path / "copy.csv"
    copy.write_bytes(CSV.read_bytes())
    mine = load_penguins(copy)
    np.testing.assert_array_equal(mine.body_mass_g, load_penguins().body_mass_g)
