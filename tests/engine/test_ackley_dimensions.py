"""Ackley refuses a dimension it cannot have (0, negative, fractional) with a clear message
instead of warning "Mean of empty slice" later (issue 13, defect 9)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from gdgame.engine import get_landscape


@pytest.mark.parametrize("dim", [0, -2, 2.5, True])
def test_bad_dimensions_are_refused(dim):
    with pytest.raises(ValueError, match="ackley needs a whole number of dimensions"):
        get_landscape("ackley", dim=dim)


@pytest.mark.parametrize("dim", [1, 2, 3, 2.0])
def test_good_dimensions_work_without_warnings(dim):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ackley = get_landscape("ackley", dim=dim)
        assert ackley.value(np.zeros(int(dim))) == pytest.approx(0.0, abs=1e-12)
        assert np.all(ackley.gradient(np.ones(int(dim))) > 0)
