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


@pytest.mark.parametrize("text", ["edge=1e999", "edge=-1e999", "scales=(1e308, 1.0)", "bottom=1e7"])
def test_parameters_beyond_the_limit_are_refused_in_words(text):
    with pytest.raises(ValueError, match="finite number between"):
        parse_params(text)


def test_a_landscape_whose_map_has_no_finite_edges_is_refused(monkeypatch):
    from gdgame.engine import get_landscape
    from gdgame.ui.lab import run_setup

    def endless(kind, **params):
        landscape = get_landscape(kind, **params)
        monkeypatch.setattr(landscape, "bounds", ((-np.inf, 2.5),), raising=False)
        return landscape

    monkeypatch.setattr(run_setup, "get_landscape", endless)
    with pytest.raises(ValueError, match="without finite edges"):
        run_setup.build_landscape(run_setup.LandscapeChoice(kind="quadratic", params={}))
