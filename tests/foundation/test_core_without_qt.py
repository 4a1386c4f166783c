"""The Qt-free core imports and works in a process where Qt cannot be imported at all."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CORE = [
    "gdgame.engine",
    "gdgame.game",
    "gdgame.study",
    "gdgame.lesson",
    "gdgame.storage",
    "gdgame.paths",
    "gdgame.resources",
    "gdgame.logs",
]

BLOCK_QT = textwrap.dedent(
    """
    import importlib, importlib.abc, os, pkgutil, sys
    os.environ.pop("DISPLAY", None)
    os.environ.pop("WAYLAND_DISPLAY", None)
    os.environ["QT_QPA_PLATFORM"] = "none-such-platform"

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"PySide6", "pyqtgraph", "shiboken6"}:
                raise ImportError(f"Qt is blocked in this test: {name}")
            return None

    sys.meta_path.insert(0, NoQt())
    imported = []
    for package_name in sys.argv[1:]:
        package = importlib.import_module(package_name)
        imported.append(package_name)
        for info in pkgutil.walk_packages(getattr(package, "__path__", []), package_name + "."):
            importlib.import_module(info.name)
            imported.append(info.name)
    print(len(imported))
    """
)


def test_core_packages_import_without_qt_or_display():
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *CORE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= len(CORE)
