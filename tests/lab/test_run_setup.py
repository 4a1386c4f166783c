"""Qt-free helpers of the Lab: landscape choices and safe parameter text."""

from __future__ import annotations

import numpy as np
import pytest

from gdgame.engine.formula import FormulaError
from gdgame.engine.presets import HikerSpec
from gdgame.ui.lab.run_setup import (
    CUSTOM,
    RANDOM,
    LandscapeChoice,
    build_landscape,
    fit_start,
    format_params,
    optimizer_hyper,
    parse_params,
)


def test_params_round_trip():
    params = {"scales": (1.0, 4.0), "condition": 50, "angle": -30.5}
    assert parse_params(format_params(params)) == params
    assert parse_params("  ") == {}
    assert parse_params("scales=[1, 2]") == {"scales": (1, 2)}


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "a=open('x')", "a=1, 2", "a='text'", "a=True", "**{'a': 1}", "a=(1, 'b')"],
)
def test_params_reject_anything_but_numbers(text):
    with pytest.raises(ValueError):
        parse_params(text)


def test_build_every_kind_of_choice():
    assert build_landscape(LandscapeChoice(kind="ravine", params={"condition": 5})).dim == 2
    assert build_landscape(LandscapeChoice(kind=RANDOM, seed=3, dim=1)).dim == 1
    assert build_landscape(LandscapeChoice(kind=CUSTOM, formula="x**2")).dim == 1
    with pytest.raises(FormulaError):
        build_landscape(LandscapeChoice(kind=CUSTOM, formula="1/0"))
    with pytest.raises(ValueError, match="Unknown parameter"):
        build_landscape(LandscapeChoice(kind="ravine", params={"colour": 1}))
    with pytest.raises(ValueError, match="1D and 2D"):
        build_landscape(LandscapeChoice(kind="rastrigin", params={"dim": 3}))


def test_start_is_fitted_to_the_landscape():
    bowl = build_landscape(LandscapeChoice(kind="quadratic", params={"scales": (1.0, 1.0)}))
    np.testing.assert_allclose(fit_start((9.0,), bowl), [bowl.bounds[0][1], 0.0])
    np.testing.assert_allclose(fit_start((1.0, -1.0, 7.0), bowl), [1.0, -1.0])


def test_adam_betas_are_passed_as_a_pair():
    spec = HikerSpec("adam", 0.1, (0.0,), {"beta1": 0.8})
    assert optimizer_hyper(spec) == {"betas": (0.8, 0.999)}
    assert optimizer_hyper(HikerSpec("momentum", 0.1, (0.0,))) == {"momentum": 0.9}
