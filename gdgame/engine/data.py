"""Real data for the model landscapes: the Palmer Penguins table (no Qt).

``resources/data/penguins.csv`` holds 333 penguins of three species (Adelie, Chinstrap,
Gentoo) measured on three islands near Palmer Station, Antarctica, 2007-2009: bill length
and depth, flipper length, body mass, sex and year. It is the ``penguins.csv`` of the
``palmerpenguins`` package (0.1.4, CC0) with the 11 rows that miss a value dropped; see
``resources/data/README.md`` for the source and licence.

:func:`load_penguins` reads it (once; later calls return the same read-only arrays).
A damaged file raises :class:`DataError` naming the line and the column at fault.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from gdgame import resources

__all__ = ["DataError", "Penguins", "load_penguins", "penguins_path"]

TEXT_COLUMNS = ("species", "island", "sex")
NUMBER_COLUMNS = ("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year")
COLUMNS = ("species", "island", *NUMBER_COLUMNS[:4], "sex", "year")
"""The header of the file, in order."""
MISSING = ("", "NA", "NaN", "nan")


class DataError(ValueError):
    """A data file is missing, unreadable or holds a bad value."""


@dataclass(frozen=True, eq=False)
class Penguins:
    """The penguin table as columns: one entry per penguin, all arrays read-only."""

    species: np.ndarray
    island: np.ndarray
    sex: np.ndarray
    bill_length_mm: np.ndarray
    bill_depth_mm: np.ndarray
    flipper_length_mm: np.ndarray
    body_mass_g: np.ndarray
    year: np.ndarray

    def __len__(self) -> int:
        return len(self.species)

    @property
    def species_names(self) -> tuple[str, ...]:
        """The species present, in order of first appearance."""
        return tuple(dict.fromkeys(self.species.tolist()))

    def of_species(self, *names: str) -> np.ndarray:
        """Boolean mask of the penguins belonging to any of ``names``."""
        unknown = [n for n in names if n not in self.species_names]
        if unknown:
            known = ", ".join(self.species_names)
            raise ValueError(f"unknown species {unknown}; the data holds: {known}")
        return np.isin(self.species, names)


def penguins_path() -> Path:
    """Where the shipped penguin table lives."""
    return resources.path("data", "penguins.csv")


def load_penguins(path: str | Path | None = None) -> Penguins:
    """Read the penguin table (the shipped one unless ``path`` is given).

    Raises :class:`DataError` for a missing file, a wrong header, a missing or
    non-numeric value, or a measurement that is not positive.
    """
    return _load(Path(path).resolve() if path is not None else penguins_path())


@cache
def _load(path: Path) -> Penguins:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path.name}: cannot be read: {exc}") from exc
    if not rows or tuple(h.strip() for h in rows[0]) != COLUMNS:
        raise DataError(f"{path.name}: the first line must be the header {','.join(COLUMNS)}")
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(row)]
    if not body:
        raise DataError(f"{path.name}: holds no penguins")
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    for number, row in body:
        if len(row) != len(COLUMNS):
            raise DataError(f"{path.name}, line {number}: expected {len(COLUMNS)} values")
        for name, raw in zip(COLUMNS, row, strict=True):
            columns[name].append(_cell(raw.strip(), name, f"{path.name}, line {number}"))
    arrays = {name: np.array(values) for name, values in columns.items()}
    arrays["year"] = arrays["year"].astype(int)
    for array in arrays.values():
        array.setflags(write=False)
    return Penguins(**arrays)


def _cell(raw: str, column: str, where: str):
    if raw in MISSING:
        raise DataError(f"{where}: '{column}' is missing")
    if column in TEXT_COLUMNS:
        return raw
    try:
        value = float(raw)
    except ValueError:
        raise DataError(f"{where}: '{column}' must be a number, got {raw!r}") from None
    if not np.isfinite(value) or value <= 0:
        raise DataError(f"{where}: '{column}' must be a positive number, got {raw!r}")
    return value
