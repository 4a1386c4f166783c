"""Find the shipped data folder (lesson text, glossary, levels, icons).

The same data lives in three places depending on how gdgame runs:

* a source checkout: ``<repo>/resources``
* an installed wheel: ``<site-packages>/gdgame/_resources`` (copied by setup.py)
* a frozen PyInstaller build: ``<sys._MEIPASS>/resources``
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_MARKER = "RESOURCES.md"


def _candidates() -> list[Path]:
    found = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "resources")
    found.append(_PACKAGE_DIR / "_resources")
    found.append(_PACKAGE_DIR.parent / "resources")
    return found


@cache
def root() -> Path:
    """The resources folder, wherever this copy of gdgame was started from."""
    for candidate in _candidates():
        if (candidate / _MARKER).is_file():
            return candidate
    searched = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(f"gdgame's resources folder is missing (looked in: {searched})")


def path(*parts: str) -> Path:
    """Path of a file or folder inside resources, e.g. ``path("levels")``."""
    return root().joinpath(*parts)
