"""Load the scripts in packaging/ (a folder of scripts, not a package) for testing.

Each script is loaded under a private module name so that, e.g., packaging/build.py
never shadows the PyPI ``build`` package; ``freeze_config`` is registered under its
own name because the scripts import it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PACKAGING_DIR = Path(__file__).resolve().parents[2] / "packaging"


def _load(name: str):
    key = "freeze_config" if name == "freeze_config" else f"gdgame_packaging_{name}"
    if key in sys.modules:
        return sys.modules[key]
    if name != "freeze_config":
        _load("freeze_config")
    spec = importlib.util.spec_from_file_location(key, PACKAGING_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load_packaging():
    """``load_packaging("build")`` -> the packaging/build.py module."""
    return _load
