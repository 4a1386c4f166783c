"""One place for the names, version, excludes and budgets every packaging file shares.

Read by packaging/gdgame.spec, packaging/build.py and tests/packaging/. No third-party
imports here: PyInstaller's spec runner, the build script and the tests all load it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PACKAGING_DIR = Path(__file__).resolve().parent
ROOT = PACKAGING_DIR.parent
RESOURCES_DIR = ROOT / "resources"
ICON_DIR = RESOURCES_DIR / "icons"
BUILD_DIR = PACKAGING_DIR / "build"  # ignored by ruff (pyproject) and should be by git
WORK_DIR = BUILD_DIR / "work"
DIST_DIR = BUILD_DIR / "dist"

APP_NAME = "gdgame"  # executable, onedir folder, .desktop id, Inno/DMG names
DISPLAY_NAME = "gdgame"
DESCRIPTION = "A study game about gradient descent and the learning rate"
PUBLISHER = "The gdgame team"
BUNDLE_ID = "org.gdgame.gdgame"  # macOS CFBundleIdentifier
WINDOWS_APP_ID = "{8C0F3D52-6B1E-4E57-9A4C-2D7B1F0E6A31}"  # Inno Setup AppId, never change
COPYRIGHT = "Copyright (c) 2026 The gdgame team"

# MiB (1 MiB = 1,048,576 bytes; the sum of the files' sizes). Issue 17's budget: a Linux
# onedir of at most 110 (a build is 109.8 today, NumPy's OpenBLAS alone 24.2) and an
# archive of at most 45.
ONEDIR_BUDGET_MB = 110
ARCHIVE_BUDGET_MB = 45

# Qt modules gdgame never imports. PySide6-Essentials ships some of them; the rest come
# with PySide6-Addons (only installed for the optional speech extra, so QtTextToSpeech
# and the QtMultimedia it needs stay allowed). pyqtgraph imports QtOpenGL and
# QtOpenGLWidgets unconditionally but uses them only for OpenGL plotting: the small
# QtOpenGLWidgets ships, the 9 MB QtOpenGL is replaced by a placeholder
# (packaging/rthook_qtopengl_stub.py). QtDBus: Qt's own C++ library stays, the unused
# Python module does not.
QT_EXCLUDES = [
    "PySide6." + name
    for name in [
        "Qt3DAnimation",
        "Qt3DCore",
        "Qt3DExtras",
        "Qt3DInput",
        "Qt3DLogic",
        "Qt3DRender",
        "QtBluetooth",
        "QtCanvasPainter",
        "QtCharts",
        "QtConcurrent",
        "QtDataVisualization",
        "QtDBus",
        "QtDesigner",
        "QtGraphs",
        "QtGraphsWidgets",
        "QtHelp",
        "QtHttpServer",
        "QtLocation",
        "QtNetwork",
        "QtNetworkAuth",
        "QtNfc",
        "QtOpenGL",
        "QtPdf",
        "QtPdfWidgets",
        "QtPositioning",
        "QtQml",
        "QtQuick",
        "QtQuick3D",
        "QtQuickControls2",
        "QtQuickTest",
        "QtQuickWidgets",
        "QtRemoteObjects",
        "QtScxml",
        "QtSensors",
        "QtSerialBus",
        "QtSerialPort",
        "QtSpatialAudio",
        "QtSql",
        "QtStateMachine",
        "QtTest",
        "QtUiTools",
        "QtWebChannel",
        "QtWebEngineCore",
        "QtWebEngineQuick",
        "QtWebEngineWidgets",
        "QtWebSockets",
        "QtWebView",
        "QtXml",
    ]
]

# Single-byte legacy code pages (encodings.cp1251, mac_roman, koi8_r, ...: 0.4 MiB of
# base_library.zip). The app runs in Python's UTF-8 mode (gdgame.spec), so Python never
# asks for the locale's code page, and gdgame reads and writes only UTF-8 and UTF-16
# (gdgame.study.importer.decode_deck_bytes). Kept: the Unicode codecs, ASCII/Latin-1,
# cp437 (zipfile's default for ZIP member names), cp1252/mbcs/oem (Windows' ANSI and
# console code pages), iso8859_1 (a Latin-1 spelling), idna/punycode and the
# bytes-to-bytes codecs (base64, zlib, ...).
LEGACY_ENCODINGS = [
    "encodings." + name
    for name in (
        [f"cp{n}" for n in (273, 424, 500, 720, 737, 775, 850, 852, 855, 856, 857, 858, 860)]
        + [f"cp{n}" for n in (861, 862, 863, 864, 865, 866, 869, 874, 875, 1006, 1026)]
        + [f"cp{n}" for n in (1125, 1140, 1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258)]
        + ["cp037"]
        + [f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)]
        + ["mac_arabic", "mac_croatian", "mac_cyrillic", "mac_farsi", "mac_greek"]
        + ["mac_iceland", "mac_latin2", "mac_roman", "mac_romanian", "mac_turkish"]
        + ["koi8_r", "koi8_t", "koi8_u", "kz1048", "ptcp154", "hp_roman8", "palmos"]
        + ["tis_620"]
        # East Asian codec wrappers: their C halves (_codecs_jp, ...) are left out below.
        + ["big5", "big5hkscs", "cp932", "cp949", "cp950", "euc_jis_2004", "euc_jisx0213"]
        + ["euc_jp", "euc_kr", "gb18030", "gb2312", "gbk", "hz", "johab", "iso2022_kr"]
        + ["iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3"]
        + ["iso2022_jp_ext", "shift_jis", "shift_jis_2004", "shift_jisx0213"]
    )
]

# Python packages that must never ride along: test tools, Tk, other Qt bindings, and
# pyqtgraph's optional extras (3D/OpenGL, notebooks, GPU and SciPy helpers).
PYTHON_EXCLUDES = [
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "importlinter",
    "grimp",
    "ruff",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "OpenGL",
    "OpenGL_accelerate",
    "pyqtgraph.opengl",
    "pyqtgraph.examples",
    "pyqtgraph.jupyter",
    "jupyter_rfb",
    "IPython",
    "matplotlib",
    "scipy",
    "pandas",
    "h5py",
    "cupy",
    "numba",
    "colorcet",
    "torch",  # fsrs' optional optimizer; gdgame only schedules reviews
    "yaml._yaml",  # PyYAML's optional C speed-up (genanki works with the pure-Python one)
    "_yaml",
    "readline",  # interactive-prompt support (with libreadline/libtinfo)
    # No network use: without these the app needs no OpenSSL (hashlib, hmac, random and
    # urllib fall back to their built-in code when the modules are absent).
    "ssl",
    "_ssl",
    "_hashlib",
    # East Asian legacy codecs (1 MB): gdgame reads and writes UTF-8 only.
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_multibytecodec",
    # Developer tools nothing in the app imports (checked: sys.modules after a full source
    # smoke run, and PyInstaller's warn file names no top-level importer left behind):
    # NumPy's Fortran wrapper generator, test helpers and C test module (its PyInstaller
    # hook says it is "used in tests"), pydoc's help-topic texts (pydoc itself stays:
    # pyqtgraph.parametertree imports it), debuggers, unit-test and doctest frameworks.
    # Not asyncio: genanki's cached_property imports it.
    "numpy.f2py",
    "numpy.testing",
    "numpy._core._multiarray_tests",
    "pydoc_data",
    "doctest",
    "pdb",
    "bdb",
    "unittest",
    # Network servers and mail/FTP/XML-RPC clients (no network use, see ssl above; only
    # imported inside functions the app never calls, e.g. logging's SMTPHandler).
    "http.server",
    "xmlrpc",
    "smtplib",
    "ftplib",
    # Their clients too: URL fetching and cookies (imported only inside functions: NumPy's
    # DataSource for np.load of a URL, xml.dom's entity resolver, logging's HTTPHandler),
    # the e-mail parser they and importlib.metadata use (no bundled library asks for
    # package metadata at run time: importlib's path finder imports it only when asked
    # for distributions), tar archives (shutil imports tarfile inside its archive
    # functions), multiprocessing's Manager server and the SAX parser (minidom parses with
    # expat). None is in sys.modules after a full source smoke run plus a deck export.
    "urllib.request",
    "http.client",
    "http.cookiejar",
    "email",
    "importlib.metadata",
    "tarfile",
    "multiprocessing.managers",
    "xml.sax",
    # pyqtgraph sub-packages gdgame never uses (pyqtgraph's own __init__ does not import
    # them): the flowchart editor, the Python console widget and the dock area.
    "pyqtgraph.flowchart",
    "pyqtgraph.console",
    "pyqtgraph.dockarea",
    # NumPy sub-packages numpy/__init__.py loads only on first attribute access (np.fft,
    # np.polynomial), which nothing in the app makes: gdgame has no FFT or polynomial
    # code, and pyqtgraph's only FFT is a plot's "Transforms > FFT" context-menu entry,
    # while every gdgame plot turns its context menu off (all 25 plot items of a full
    # smoke run report menuEnabled() False; tests/packaging guard the source).
    "numpy.fft",
    "numpy.polynomial",
    # decimal's pure-Python twin, only imported when the C _decimal is missing (it ships).
    "_pydecimal",
    *LEGACY_ENCODINGS,
]

EXCLUDES = QT_EXCLUDES + PYTHON_EXCLUDES

# Bytecode optimisation of the bundled modules, and the frozen interpreter's matching -O
# flags (gdgame.spec passes one "O" option per level, so NumPy sees sys.flags.optimize 2
# and skips attaching its docstrings). Level 2 drops docstrings and asserts: the archive
# of Python modules shrinks by 1.1 MiB. Safe because nothing in the app reads a docstring
# at run time: gdgame never uses __doc__ (its argparse texts are literal strings); in the
# bundled libraries the only readers are pydoc's help browser, pyqtgraph's interact()
# (parameter trees built from a function's docstring; gdgame never calls it) and code
# that checks for None first (ctypes, email, pyqtgraph's gradient list). NumPy supports
# -OO. The two asserts in gdgame (review_panel, learn/screen) only check invariants.
BYTECODE_OPTIMIZE = 2

RUNTIME_HOOKS = ["rthook_frozen_logging.py", "rthook_qtopengl_stub.py"]  # in packaging/

# Imported by name at run time (importlib), so PyInstaller cannot see them.
# secrets: NumPy's random bit generators (compiled Cython) import it, which PyInstaller
# cannot see; it used to come along only because urllib and email (left out) import it.
HIDDEN_IMPORTS = ["PySide6.QtOpenGLWidgets", "secrets"]

# Collected data paths dropped after analysis (we ship no Qt translations).
DROPPED_DATA_PREFIXES = ("PySide6/Qt/translations",)

# Shared libraries the xcb platform plugin needs on a Linux build host, and the Debian
# or Ubuntu package that provides each one.
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
}


def version() -> str:
    """gdgame.__version__, read from the source without importing the package."""
    text = (ROOT / "gdgame" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise RuntimeError("gdgame/__init__.py has no __version__")
    return match.group(1)


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    """Four numbers for Windows version resources: '0.1.0' -> (0, 1, 0, 0)."""
    numbers = [int(part) for part in re.findall(r"\d+", text or version())[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def platform_tag() -> str:
    """'linux', 'windows' or 'macos' for the host."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def onedir_path(dist_dir: Path = DIST_DIR) -> Path:
    """The folder PyInstaller produces (the .app bundle on macOS)."""
    if platform_tag() == "macos":
        return dist_dir / f"{APP_NAME}.app"
    return dist_dir / APP_NAME


def executable_path(dist_dir: Path = DIST_DIR) -> Path:
    """The frozen program inside the onedir folder or app bundle."""
    tag = platform_tag()
    if tag == "windows":
        return dist_dir / APP_NAME / f"{APP_NAME}.exe"
    if tag == "macos":
        return dist_dir / f"{APP_NAME}.app" / "Contents" / "MacOS" / APP_NAME
    return dist_dir / APP_NAME / APP_NAME
