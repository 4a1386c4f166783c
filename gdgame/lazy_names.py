"""Packages that hand out their names on first use (no Qt).

``gdgame.engine``, ``gdgame.game`` and ``gdgame.lesson`` list where each public name lives
(``_HOMES``) and import that module only when the name is first asked for, so importing a
package costs nothing and the app's start-up can load the modules one per event-loop turn.
"""

from __future__ import annotations

import importlib
import importlib.util


def lazy_names(package: str, homes: dict[str, str], namespace: dict):
    """``(__getattr__, __dir__)`` for ``package``: a listed name is imported from its home
    module (and kept in ``namespace``); any other name may be a submodule."""

    def getattr_(name: str):
        home = homes.get(name)
        if home is None:
            if name.startswith("__") or importlib.util.find_spec(f"{package}.{name}") is None:
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            return importlib.import_module(f"{package}.{name}")  # a submodule (sets it too)
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted(set(namespace) | set(homes))

    return getattr_, dir_
