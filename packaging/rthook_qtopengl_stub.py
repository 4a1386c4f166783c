"""PyInstaller runtime hook: a placeholder for PySide6.QtOpenGL in the frozen app.

pyqtgraph imports PySide6.QtOpenGL unconditionally (pyqtgraph/Qt/OpenGLHelpers.py,
PlotCurveItem.py) but only *uses* it when OpenGL plotting is switched on, which gdgame
never does. The real module is 9 MB, so the spec leaves it out and this hook serves a
placeholder instead. The finder sits at the END of sys.meta_path: if a build ever does
bundle the real module, PyInstaller's importer finds that first and this does nothing.
Touching any attribute of the placeholder raises AttributeError (ImportError for
``from PySide6.QtOpenGL import X``) with an explanation, never a silent wrong value.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types

STUBBED_MODULES = frozenset({"PySide6.QtOpenGL"})
REASON = "is not part of gdgame's frozen build (gdgame never turns on OpenGL plotting)"


class _Placeholder(types.ModuleType):
    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        raise AttributeError(f"{self.__name__}.{name}: {self.__name__} {REASON}")


class PlaceholderFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Provides a _Placeholder module for names in ``modules`` nobody else can find."""

    def __init__(self, modules=STUBBED_MODULES):
        self.modules = frozenset(modules)

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.modules:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, origin="placeholder")

    def create_module(self, spec):
        return _Placeholder(spec.name, f"Placeholder: {spec.name} {REASON}.")

    def exec_module(self, module):
        return None


def install(modules=STUBBED_MODULES) -> PlaceholderFinder:
    finder = PlaceholderFinder(modules)
    sys.meta_path.append(finder)
    return finder


if getattr(sys, "frozen", False):
    install()
