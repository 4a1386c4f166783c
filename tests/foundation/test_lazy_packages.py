"""gdgame.engine, gdgame.game, gdgame.lesson and gdgame.study hand out their names on first use.

Importing the package alone brings in none of its modules (start-up imports stay small and
the preloader can import them one per turn); every public name still resolves, to the very
object its home module defines.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

LAZY_PACKAGES = ("gdgame.engine", "gdgame.game", "gdgame.lesson", "gdgame.study")

IMPORT_ALONE = """
import json, sys
import {package}
print(json.dumps(sorted(m for m in sys.modules if m.startswith("{package}."))))
"""


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_no_public_name_is_shadowed_by_a_submodule_of_the_same_name(package):
    """Importing every submodule must leave each public name bound to its object (Python
    binds a submodule's name on its package when it is imported)."""
    import pkgutil

    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(module.__path__):
        importlib.import_module(f"{package}.{info.name}")
    for name, home in getattr(module, "_HOMES", {}).items():
        assert getattr(module, name) is getattr(importlib.import_module(home), name), name


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_importing_the_package_loads_none_of_its_modules(package):
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALONE.format(package=package)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_public_name_resolves_to_its_home_object(package):
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        home = getattr(module, "_HOMES", {}).get(name)
        if home is None:  # a submodule, e.g. gdgame.game.hints
            assert value is importlib.import_module(f"{package}.{name}")
        else:
            assert value is getattr(importlib.import_module(home), name)
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


def test_a_submodule_is_reachable_as_an_attribute():
    import gdgame.game

    assert gdgame.game.levels is importlib.import_module("gdgame.game.levels")
