"""The spec, installer scripts and metadata agree on names, version and contents."""

from __future__ import annotations

import configparser
import plistlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import gdgame

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="module")
def cfg(load_packaging):
    return load_packaging("freeze_config")


def test_version_is_read_from_the_package(cfg):
    assert cfg.version() == gdgame.__version__
    assert cfg.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert cfg.version_tuple("2.0rc1") == (2, 0, 1, 0)


def test_spec_never_strips_and_ships_resources_and_hooks(cfg):
    spec = (PACKAGING / "gdgame.spec").read_text()
    code = "\n".join(line.split("#", 1)[0] for line in spec.splitlines())
    assert "strip=True" not in code
    assert spec.count("strip=False") >= 2  # EXE and COLLECT
    assert '"resources")' in spec and "RESOURCES_DIR" in spec
    assert (cfg.RESOURCES_DIR / "RESOURCES.md").is_file()  # gdgame.resources' marker
    assert "cfg.RUNTIME_HOOKS" in spec and "cfg.EXCLUDES" in spec
    for hook in cfg.RUNTIME_HOOKS:
        assert (PACKAGING / hook).is_file()
    assert (PACKAGING / "launch_gdgame.py").is_file()


def test_excludes_cover_unused_qt_and_test_packages(cfg):
    for name in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtPdf", "QtCharts"):
        assert f"PySide6.{name}" in cfg.EXCLUDES
    for name in ("tkinter", "pytest", "_pytest", "hypothesis"):
        assert name in cfg.EXCLUDES
    # Speech (optional extra) needs these, so they stay allowed.
    assert "PySide6.QtTextToSpeech" not in cfg.EXCLUDES
    assert "PySide6.QtMultimedia" not in cfg.EXCLUDES
    assert cfg.DROPPED_DATA_PREFIXES == ("PySide6/Qt/translations",)


def _qt_modules_used_by_gdgame() -> set[str]:
    used = set()
    pattern = re.compile(r"PySide6\.(Qt\w+)|from PySide6 import ([\w, ()\n]+)")
    for path in (ROOT / "gdgame").rglob("*.py"):
        for dotted, listed in pattern.findall(path.read_text(encoding="utf-8")):
            used.update([dotted] if dotted else re.findall(r"Qt\w+", listed))
    return used


def test_no_qt_module_gdgame_imports_is_excluded(cfg):
    used = _qt_modules_used_by_gdgame()
    assert "QtWidgets" in used
    excluded = {name.split(".", 1)[1] for name in cfg.QT_EXCLUDES}
    assert not used & excluded, f"gdgame uses excluded Qt modules: {used & excluded}"


def test_gdgame_never_turns_on_opengl_plotting():
    """The frozen app replaces PySide6.QtOpenGL with a placeholder (rthook_qtopengl_stub)."""
    optional_3d = ROOT / "gdgame" / "ui" / "surface3d.py"  # guarded import; frozen: a note
    for path in (ROOT / "gdgame").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("useOpenGL", "enableExperimental", "pyqtgraph.opengl", "QtOpenGL"):
            if path == optional_3d and needle == "pyqtgraph.opengl":
                continue
            assert needle not in text, f"{path} uses {needle}"


def test_gdgame_never_needs_numpy_fft():
    """The frozen app leaves numpy.fft out (freeze_config.PYTHON_EXCLUDES): pyqtgraph uses
    it only for a plot's FFT mode, reachable through the plot context menu gdgame turns
    off on every plot."""
    for path in (ROOT / "gdgame").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("fft", "Fft", "setMenuEnabled(True", "enableMenu=True"):
            assert needle not in text, f"{path} uses {needle}"


def _iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'#define\s+(\w+)\s+"([^"]*)"', text))


def test_inno_setup_script_matches_the_build(cfg):
    text = (PACKAGING / "windows" / "gdgame.iss").read_text()
    defines = _iss_defines(text)
    assert defines["AppVersion"] == cfg.version()
    assert defines["AppName"] == cfg.APP_NAME
    assert defines["AppExeName"] == f"{cfg.APP_NAME}.exe"
    assert defines["AppPublisher"] == cfg.PUBLISHER
    assert f"AppId={{{cfg.WINDOWS_APP_ID}" in text  # Inno escapes "{" as "{{"
    assert r'Source: "..\build\dist\gdgame\*"' in text
    assert "{uninstallexe}" in text and "{group}" in text  # uninstaller + Start menu
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.MULTILINE).group(1)
    assert (PACKAGING / "windows" / icon.replace("\\", "/")).resolve().is_file()
    assert (cfg.DIST_DIR / cfg.APP_NAME).relative_to(PACKAGING) == Path("build/dist/gdgame")


def test_macos_info_plist_matches_the_build(cfg):
    with open(PACKAGING / "macos" / "Info.plist", "rb") as handle:
        info = plistlib.load(handle)
    assert info["CFBundleExecutable"] == cfg.APP_NAME
    assert info["CFBundleName"] == cfg.DISPLAY_NAME
    assert info["CFBundleIdentifier"] == cfg.BUNDLE_ID
    assert info["CFBundleIconFile"] == "gdgame.icns"
    assert info["CFBundleShortVersionString"] == "@VERSION@"  # filled in by the spec
    assert (cfg.ICON_DIR / "gdgame.icns").is_file()


def test_dmgbuild_settings_use_the_app_bundle_and_version():
    settings = {"defines": {"app": "dist/gdgame.app", "version": "9.8.7"}}
    source = (PACKAGING / "macos" / "dmgbuild_settings.py").read_text()
    exec(compile(source, "dmgbuild_settings.py", "exec"), settings)
    assert settings["files"] == ["dist/gdgame.app"]
    assert settings["volume_name"] == "gdgame 9.8.7"
    assert "gdgame.app" in settings["icon_locations"]
    assert settings["symlinks"] == {"Applications": "/Applications"}


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PACKAGING / "linux" / "gdgame.desktop")
    return parser["Desktop Entry"]


def test_desktop_file_starts_gdgame_with_its_icon(cfg):
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == cfg.APP_NAME  # no %F: the app accepts no file arguments
    assert entry["Icon"] == cfg.APP_NAME
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert entry["StartupWMClass"] == cfg.APP_NAME


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_install_script_installs_and_uninstalls_under_a_prefix(tmp_path, cfg):
    bundle = tmp_path / "bundle"
    (bundle / "gdgame").mkdir(parents=True)
    app = bundle / "gdgame" / "gdgame"
    app.write_text("#!/bin/sh\necho hi\n")
    app.chmod(0o755)
    (bundle / "icons").mkdir()
    for icon in ("gdgame-48.png", "gdgame.svg"):
        shutil.copy(cfg.ICON_DIR / icon, bundle / "icons" / icon)
    shutil.copy(PACKAGING / "linux" / "gdgame.desktop", bundle)
    shutil.copy(PACKAGING / "linux" / "install.sh", bundle)
    prefix = tmp_path / "prefix"
    run = [str(bundle / "install.sh"), "--prefix", str(prefix)]
    subprocess.run(run, check=True, capture_output=True)
    desktop = (prefix / "share/applications/gdgame.desktop").read_text()
    assert f'Exec="{prefix}/opt/gdgame/gdgame"\n' in desktop  # gdgame takes no file arguments
    assert (prefix / "bin/gdgame").resolve() == (prefix / "opt/gdgame/gdgame").resolve()
    assert (prefix / "share/icons/hicolor/48x48/apps/gdgame.png").is_file()
    assert (prefix / "share/icons/hicolor/scalable/apps/gdgame.svg").is_file()
    subprocess.run(run + ["--uninstall"], check=True, capture_output=True)
    assert not (prefix / "opt/gdgame").exists()
    assert not (prefix / "bin/gdgame").exists()
    assert not (prefix / "share/applications/gdgame.desktop").exists()


def test_install_script_rejects_unknown_options():
    done = subprocess.run(
        ["bash", str(PACKAGING / "linux" / "install.sh"), "--bogus"], capture_output=True
    )
    assert done.returncode == 2
    assert b"unknown option" in done.stderr


def test_left_out_codecs_come_with_utf8_mode(cfg):
    # Without the legacy codecs, a non-UTF-8 locale (ja_JP.eucJP) would stop Python before
    # gdgame starts ("unknown encoding: EUC-JP"); UTF-8 mode never asks for one.
    spec = (PACKAGING / "gdgame.spec").read_text()
    if any(name.startswith("_codecs_") for name in cfg.EXCLUDES):
        assert '[("X utf8", None, "OPTION")]' in spec


def test_left_out_encodings_spare_the_ones_python_and_gdgame_use(cfg):
    # Python in UTF-8 mode, gdgame's UTF-8/UTF-16 deck files, zipfile's cp437 member
    # names and Windows' code pages must stay; every left-out name must be a real codec.
    import importlib.util

    left_out = set(cfg.LEGACY_ENCODINGS)
    assert left_out <= set(cfg.EXCLUDES)
    for name in ("utf_8", "utf_8_sig", "utf_16", "latin_1", "ascii", "iso8859_1", "cp437"):
        assert f"encodings.{name}" not in left_out
    for name in ("cp1252", "mbcs", "oem", "idna", "aliases", "base64_codec"):
        assert f"encodings.{name}" not in left_out
    assert all(importlib.util.find_spec(name) for name in left_out)
    spec = (PACKAGING / "gdgame.spec").read_text()
    assert '[("X utf8", None, "OPTION")]' in spec


def test_bytecode_optimisation_matches_the_interpreter_flag(cfg):
    # Code compiled without docstrings must run with sys.flags.optimize at the same level
    # (NumPy checks it before attaching docstrings), so the EXE gets one "O" per level.
    spec = (PACKAGING / "gdgame.spec").read_text()
    assert "optimize=cfg.BYTECODE_OPTIMIZE" in spec
    assert '[("O", None, "OPTION")] * cfg.BYTECODE_OPTIMIZE' in spec
    assert cfg.BYTECODE_OPTIMIZE in (0, 1, 2)


def test_gdgame_reads_no_docstring_at_run_time():
    """The frozen app is built at bytecode level 2 (no docstrings, no asserts)."""
    for path in (ROOT / "gdgame").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("__doc__", "getdoc(", "description=__", "__debug__"):
            assert needle not in text, f"{path} uses {needle}"


def test_no_left_out_python_module_is_imported_by_a_smoke_run_and_a_deck_export(cfg, tmp_path):
    """Every screen exercised (gdgame --smoke-test) and an Anki export (genanki): none of
    the Python modules the frozen app leaves out may be imported on the way."""
    import json
    import os
    import sys

    script = (
        "import json, sys\n"
        "from gdgame.cli import main\n"
        "from gdgame.study.deck_cli import main as deck\n"
        f"folder = {str(tmp_path)!r}\n"
        "assert main(['--data-dir', folder, '--smoke-test']) == 0\n"
        "assert deck(['export', folder + '/cards.apkg', '--data-dir', folder]) == 0\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    left_out = [
        name
        for name in cfg.PYTHON_EXCLUDES
        if any(module == name or module.startswith(name + ".") for module in loaded)
    ]
    # Imported in a try block with a fallback when absent (PyYAML's C parser, OpenSSL's
    # hashes and TLS): left out on purpose, the frozen smoke test runs without them.
    assert set(left_out) <= {"_hashlib", "_ssl", "_yaml", "ssl", "yaml._yaml"}
