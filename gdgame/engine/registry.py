"""Find landscapes by name: ``get_landscape("rosenbrock")``, ``list_landscapes()``."""

from __future__ import annotations

from gdgame.engine.landscape import Landscape
from gdgame.engine.landscapes import (
    Ackley,
    DoubleWell,
    Plateau,
    Quadratic,
    Rastrigin,
    StyblinskiTang,
)
from gdgame.engine.landscapes_2d import Beale, Himmelblau, Ravine, Rosenbrock, Saddle, SixHumpCamel
from gdgame.engine.linear_model import PenguinMass, PenguinMassUnscaled
from gdgame.engine.logistic_model import PenguinSpecies, PenguinSpeciesUnscaled
from gdgame.engine.random_hills import RandomLandscape

__all__ = ["LANDSCAPES", "get_landscape", "list_landscapes"]

LANDSCAPES: dict[str, type[Landscape]] = {
    cls.name: cls
    for cls in (
        Quadratic,
        Rosenbrock,
        Himmelblau,
        Beale,
        Rastrigin,
        Ackley,
        StyblinskiTang,
        DoubleWell,
        Plateau,
        Saddle,
        Ravine,
        SixHumpCamel,
        RandomLandscape,
        PenguinMass,
        PenguinMassUnscaled,
        PenguinSpecies,
        PenguinSpeciesUnscaled,
    )
}


def list_landscapes() -> list[str]:
    """Names accepted by :func:`get_landscape` (``"random"`` is the seeded generator)."""
    return list(LANDSCAPES)


def get_landscape(name: str, **params) -> Landscape:
    """Build the landscape called ``name`` with its parameters, e.g.
    ``get_landscape("quadratic", scales=(2,))`` or ``get_landscape("random", seed=7, dim=1)``.

    Raises ValueError for an unknown name and TypeError/ValueError for bad parameters.
    """
    key = name.strip().lower().replace("-", "_")
    try:
        cls = LANDSCAPES[key]
    except KeyError:
        known = ", ".join(LANDSCAPES)
        raise ValueError(f"unknown landscape {name!r}; choose one of: {known}") from None
    return cls(**params)
