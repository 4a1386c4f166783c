"""Preloading the other screens' modules: one module per event-loop turn, dependencies first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from gdgame.ui.preload import ModulePreloader, module_imports

# A made-up package: every module notes in ``ORDER`` when its body has run.
FILES = {
    "__init__.py": "",
    "recorder.py": "ORDER = []\n",
    "eagerpkg/__init__.py": """
        from gdfakepkg import recorder
        from gdfakepkg.eagerpkg.part import thing
        recorder.ORDER.append(__name__)
    """,
    "eagerpkg/part.py": """
        from gdfakepkg import recorder
        from gdfakepkg.sub.leaf import VALUE
        thing = VALUE + 1
        recorder.ORDER.append(__name__)
    """,
    "sub/__init__.py": "",
    "sub/leaf.py": """
        from gdfakepkg import recorder
        VALUE = 41
        recorder.ORDER.append(__name__)
    """,
    "sub/other.py": """
        from gdfakepkg import recorder
        from gdfakepkg.sub.leaf import VALUE
        recorder.ORDER.append(__name__)
    """,
    "screen.py": """
        from gdfakepkg import recorder
        from gdfakepkg.eagerpkg import thing
        from gdfakepkg.sub import leaf, other
        from . import broken_helper_user
        import gdfakepkg.sub.leaf as again

        def later():
            import gdfakepkg.lazy  # inside a function: lazy on purpose, never preloaded

        recorder.ORDER.append(__name__)
    """,
    "broken_helper_user.py": """
        from gdfakepkg import recorder
        try:
            from gdfakepkg import broken
        except SyntaxError:
            broken = None
        recorder.ORDER.append(__name__)
    """,
    "lazypkg/__init__.py": """
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:  # what __getattr__ hands out, for readers (and the preloader)
            from gdfakepkg.lazypkg.heavy import Heavy

        def __getattr__(name):
            if name == "Heavy":
                from gdfakepkg.lazypkg.heavy import Heavy
                return Heavy
            raise AttributeError(name)
    """,
    "lazypkg/heavy.py": """
        from gdfakepkg import recorder
        Heavy = object
        recorder.ORDER.append(__name__)
    """,
    "lazy_user.py": """
        from gdfakepkg import recorder
        from gdfakepkg.lazypkg import Heavy
        recorder.ORDER.append(__name__)
    """,
    "broken.py": "def broken(:\n",
    "lazy.py": "from gdfakepkg import recorder\nrecorder.ORDER.append(__name__)\n",
}


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    root = tmp_path / "gdfakepkg"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in [m for m in sys.modules if m == "gdfakepkg" or m.startswith("gdfakepkg.")]:
        del sys.modules[name]


def _preload(qtbot, modules):
    preloader = ModulePreloader(gap_ms=0, root="gdfakepkg")
    steps = []
    original = preloader._import

    def counting_import(name):
        before = {m for m in sys.modules if m.startswith("gdfakepkg")}
        original(name)
        after = {m for m in sys.modules if m.startswith("gdfakepkg")}
        steps.append((name, sorted(after - before)))

    preloader._import = counting_import
    with qtbot.waitSignal(preloader.finished, timeout=10_000):
        preloader.start(modules)
    return preloader, steps


def test_each_module_is_imported_on_its_own_turn_dependencies_first(fake_package, qtbot):
    preloader, steps = _preload(qtbot, ["gdfakepkg.screen"])
    order = sys.modules["gdfakepkg.recorder"].ORDER
    assert order == [
        "gdfakepkg.sub.leaf",  # what eagerpkg's part needs from outside eagerpkg: first
        "gdfakepkg.eagerpkg.part",  # then the package, whose own code imports its part
        "gdfakepkg.eagerpkg",
        "gdfakepkg.sub.other",
        "gdfakepkg.broken_helper_user",
        "gdfakepkg.screen",
    ]
    for name, new in steps:  # one new module per turn, but a package's own imports
        if name == "gdfakepkg.eagerpkg":
            assert new == ["gdfakepkg.eagerpkg", "gdfakepkg.eagerpkg.part"]
        else:
            assert new == ([] if name in preloader.failed else [name]), (name, new)
    assert "gdfakepkg.lazy" not in sys.modules  # imports inside functions are left alone
    assert "gdfakepkg.broken" in preloader.failed  # skipped; the others still came in
    assert not preloader.is_running()


def test_an_already_imported_lazy_package_still_has_its_names_preloaded(fake_package, qtbot):
    import gdfakepkg.lazypkg  # a light use at start-up: the heavy module is not in yet
    import gdfakepkg.recorder  # noqa: F401

    assert "gdfakepkg.lazypkg.heavy" not in sys.modules
    _, steps = _preload(qtbot, ["gdfakepkg.lazy_user"])
    # The heavy module comes on a turn of its own, not inside its user's import.
    assert steps == [
        ("gdfakepkg.lazypkg.heavy", ["gdfakepkg.lazypkg.heavy"]),
        ("gdfakepkg.lazy_user", ["gdfakepkg.lazy_user"]),
    ]


def test_the_import_system_would_have_found_nothing_more(fake_package, qtbot):
    _preload(qtbot, ["gdfakepkg.screen"])
    before = set(sys.modules)
    import gdfakepkg.screen  # noqa: F401

    assert not {m for m in set(sys.modules) - before if m.startswith("gdfakepkg")}


def test_stop_ends_preloading_and_its_timer(fake_package, qtbot):
    preloader = ModulePreloader(gap_ms=0, root="gdfakepkg")
    preloader.start(["gdfakepkg.screen"], delay_ms=10_000)
    assert preloader.is_running()
    preloader.stop()
    assert not preloader.is_running() and "gdfakepkg.screen" not in sys.modules


def test_import_next_does_one_turn_at_a_time_for_a_caller_with_its_own_turns(fake_package):
    """The Home demo drives the preloader from its own build steps, without the timer."""
    preloader = ModulePreloader(root="gdfakepkg")
    preloader.queue(["gdfakepkg.sub.other"])
    turns = []
    while True:
        more = preloader.import_next()
        turns.append([m for m in ("gdfakepkg.sub.leaf", "gdfakepkg.sub.other") if m in sys.modules])
        if not more:
            break
    assert not preloader.is_running()  # the timer was never started
    assert turns[0] == [] or turns[0] == ["gdfakepkg.sub.leaf"]  # reading code, or the leaf
    assert ["gdfakepkg.sub.leaf"] in turns  # the dependency on a turn before its user
    assert turns[-1] == ["gdfakepkg.sub.leaf", "gdfakepkg.sub.other"]
    assert preloader.import_next() is False  # nothing left: a further call is harmless


def test_import_statements_are_read_from_compiled_code():
    code = compile(
        "import a.b\nfrom c import d, e\nfrom . import f\nfrom ..g import h\n"
        "from gdgame.x import y\ndef later():\n    import lazy\n",
        "m",
        "exec",
    )
    assert module_imports(code, "gdgame.pkg.mod") == [
        ("a.b", False),
        ("c", False),
        ("gdgame.pkg.mod", False),
        ("gdgame.pkg.mod.f", True),
        ("gdgame.pkg.g", False),
        ("gdgame.pkg.g.h", True),
        ("gdgame.x", False),
        ("gdgame.x.y", True),
    ]


PRELOAD_THE_SCREENS = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gdgame.ui.preload import ModulePreloader
from gdgame.ui.screens import SCREENS
preloader = ModulePreloader(gap_ms=0)
preloader.finished.connect(app.quit)
preloader.start([spec.module for spec in SCREENS])
app.exec()
preloaded = set(sys.modules)
for spec in SCREENS:
    spec.load()
left = sorted(m for m in set(sys.modules) - preloaded if m.startswith("gdgame"))
print(json.dumps({"left": left, "imports": len(preloader.timings)}))
"""


def test_preloading_leaves_nothing_for_building_the_screens_but_their_constructors():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PRELOAD_THE_SCREENS],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["left"] == []  # every gdgame module a screen imports was preloaded
    assert report["imports"] > 50  # one at a time, not a screen at once
