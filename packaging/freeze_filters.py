"""Trim PyInstaller's collected binaries so the onedir app fits its size budget.

Used by packaging/gdgame.spec after Analysis. Entries are PyInstaller TOC tuples
``(dest_name, src_name, typecode)``. Steps, each safe on its own:

1. ``drop_unused_plugins``: Qt plugins gdgame never needs (framebuffer/VNC/EGLFS
   platforms, evdev input, the GTK3 theme that drags in half of GTK, network plugins,
   rare image formats, Wayland server-buffer and non-desktop shell integrations);
   ``drop_unused_data``: data files nothing reads (pyqtgraph's logo, NumPy's RECORD).
2. ``drop_system_libraries`` (Linux only): base libraries every desktop has.
3. ``prune_unreachable`` (Linux only): shared libraries that no kept extension module,
   plugin or libpython links to any more (they came in only for dropped plugins).
4. ``strip_debug_info`` (Linux only): removes *debug sections only* from libraries that
   do not come from a wheel (libpython, lib-dynload, system libraries).
5. ``strip_symbol_tables`` (Linux only): removes the static symbol table (``.symtab``,
   names only a debugger reads; the dynamic symbols the loader uses stay) from every
   library that still has one, wheels included (OpenBLAS, NumPy, ICU: about 5 MiB). A
   strip with some binutils versions moved OpenBLAS's segments and broke NumPy 2.x
   (pyinstaller#9463: "ELF load command address/offset not page-aligned"), which is
   why the spec keeps PyInstaller's own strip=False: here each stripped copy is kept
   only when its program headers (the segments the loader maps) are unchanged.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]

DROPPED_PLUGIN_PATTERNS = (
    "*/plugins/networkinformation/*",
    "*/plugins/tls/*",
    "*/plugins/generic/*",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/sqldrivers/*",
    "*/plugins/platforms/*linuxfb*",
    "*/plugins/platforms/*vnc*",
    "*/plugins/platforms/*eglfs*",
    "*/plugins/platforms/*minimalegl*",
    "*/plugins/platforms/libqminimal.so",  # draws nothing; tests use offscreen (kept)
    "*/plugins/platforms/*vkkhrdisplay*",
    "*/plugins/platformthemes/*gtk3*",
    # The desktop-portal theme is Qt's choice only inside a Flatpak or Snap sandbox (or when
    # QT_QPA_PLATFORMTHEME asks for it); gdgame ships neither, and outside a sandbox Qt's
    # built-in GNOME and KDE themes read the light/dark colour scheme themselves.
    "*/plugins/platformthemes/*xdgdesktopportal*",
    "*/plugins/imageformats/*qwebp*",
    "*/plugins/imageformats/*qtiff*",
    "*/plugins/imageformats/*qtga*",
    "*/plugins/imageformats/*qwbmp*",
    "*/plugins/imageformats/*qjpeg*",  # gdgame reads and writes PNG and SVG only
    "*/plugins/imageformats/*qgif*",
    "*/plugins/imageformats/*qicns*",  # macOS icons come from the bundle, not Qt
    "*/plugins/imageformats/*qico*",  # the window icon is SVG; no .ico is ever read
    # X11 OpenGL (GLX/EGL) integrations: the xcb plugin loads one only for a window that
    # renders with OpenGL, and the frozen app has none (no QOpenGLWidget; QtOpenGL is a
    # placeholder, rthook_qtopengl_stub.py), so widgets paint with the raster engine just
    # as on an X server without GLX. Checked with the frozen smoke test under xvfb-run
    # (--platform xcb). libxcb-glx then falls away (prune_unreachable).
    "*/plugins/xcbglintegrations/*",
    "*opengl32sw.dll",  # Windows software OpenGL (20 MB); gdgame draws without OpenGL
    # Wayland: server-buffer integrations are for Qt-based compositors sharing buffers
    # with their clients (a client loads one only when a Qt compositor offers it and
    # falls back to shared memory otherwise); the fullscreen-shell (kiosks), IVI shell
    # (cars), qt-shell (Qt's own compositor) and the long-deprecated wl-shell are not
    # offered by desktop compositors. Native Wayland keeps the wayland platform plugin,
    # xdg-shell (every desktop compositor), the wayland-egl client integration and both
    # decoration plugins.
    "*/plugins/wayland-graphics-integration-client/*-server.so",
    "*/plugins/wayland-shell-integration/*fullscreen-shell*",
    "*/plugins/wayland-shell-integration/*ivi-shell*",
    "*/plugins/wayland-shell-integration/*qt-shell*",
    "*/plugins/wayland-shell-integration/*wl-shell*",
)

# Base libraries every Linux desktop provides (after linuxdeployqt's excludelist, plus
# D-Bus): bundling the build host's copies only adds size and risks clashing with the
# user's fonts, X server or session bus. Their own dependencies then fall away too.
SYSTEM_LIBRARY_PATTERNS = (
    "libX11.so.*",
    "libfontconfig.so.*",
    "libfreetype.so.*",
    "libharfbuzz.so.*",
    "libexpat.so.*",
    "libz.so.*",
    "libgcc_s.so.*",
    "libstdc++.so.*",  # manylinux wheels (PySide6, NumPy) rely on the system copy too
    "libglib-2.0.so.*",
    "libgthread-2.0.so.*",
    "libgobject-2.0.so.*",
    "libgio-2.0.so.*",
    "libgmodule-2.0.so.*",
    "libgpg-error.so.*",
    "libcom_err.so.*",
    "libuuid.so.*",
    "libdbus-1.so.*",
    # Compression libraries dpkg itself depends on (Debian 12, Ubuntu 22.04+), and rpm and
    # pacman likewise, so every Linux desktop has them: Qt Core's zstd, Python's lzma/bz2.
    "libzstd.so.*",
    "liblzma.so.*",
    "libbz2.so.*",
)

# Collected data files (dest paths) nothing in the app reads. pyqtgraph's "peegee" logo is
# only loaded by pg.mkQApp() when pyqtgraph creates the QApplication itself (gdgame makes
# its own, gdgame/ui/app.py), and a missing icon file would only leave QIcon empty; the
# toolbar icons pyqtgraph does load (auto.png, ctrl.png, ...) stay. NumPy's RECORD is
# pip's list of installed files (its METADATA and licences stay). The Windows .ico and
# macOS .icns are build inputs (EXE/BUNDLE icon=), read from resources/icons at build
# time; at run time gdgame loads gdgame.svg (gdgame/ui/app.py).
DROPPED_DATA_PATTERNS = (
    "pyqtgraph/icons/peegee/*",
    # CET colour maps: pyqtgraph offers them only in a colour bar's right-click menu, which
    # gdgame's one colour bar turns off (gdgame/ui/lab/phase_panel.py); gdgame draws with
    # viridis (tests/packaging checks every colour map the source names stays).
    "pyqtgraph/colors/maps/CET-*",
    "numpy-*.dist-info/RECORD",
    "resources/icons/*.ico",
    "resources/icons/*.icns",
)

# Loaded at run time with dlopen(), so no NEEDED entry points at them: always keep.
ALWAYS_KEEP_PATTERNS = ("libxcb-cursor.so*",)


def _posix(dest: str) -> str:
    return dest.replace("\\", "/")


def _split(
    entries: Iterable[Entry], patterns: tuple[str, ...], by_name: bool = False
) -> tuple[list[Entry], list[Entry]]:
    """(kept, dropped): dropped are the entries whose dest path (or, ``by_name``, file
    name) matches one of ``patterns``."""
    kept, dropped = [], []
    for entry in entries:
        dest = _posix(entry[0])
        subject = PurePosixPath(dest).name if by_name else dest
        matched = any(fnmatch.fnmatch(subject, pattern) for pattern in patterns)
        (dropped if matched else kept).append(entry)
    return kept, dropped


def drop_unused_plugins(entries: Iterable[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Split entries into (kept, dropped) by DROPPED_PLUGIN_PATTERNS."""
    return _split(entries, DROPPED_PLUGIN_PATTERNS)


def drop_unused_data(entries: Iterable[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Split entries into (kept, dropped) by DROPPED_DATA_PATTERNS (dest paths)."""
    return _split(entries, DROPPED_DATA_PATTERNS)


def drop_system_libraries(entries: Iterable[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Split entries into (kept, dropped) by SYSTEM_LIBRARY_PATTERNS (Linux only)."""
    return _split(entries, SYSTEM_LIBRARY_PATTERNS, by_name=True)


def _is_root(entry: Entry) -> bool:
    dest = _posix(entry[0])
    name = PurePosixPath(dest).name
    return (
        entry[2] == "EXTENSION"
        or "/plugins/" in dest
        or name.startswith("libpython")
        or ".cpython-" in name
        or ".abi3." in name
        or any(fnmatch.fnmatch(name, pattern) for pattern in ALWAYS_KEEP_PATTERNS)
    )


def prune_unreachable(
    entries: list[Entry], needed: Callable[[str], Iterable[str]]
) -> tuple[list[Entry], list[Entry]]:
    """Keep roots (extensions, plugins, libpython) and the libraries they link to.

    ``needed(src_path)`` returns the library names a binary links against (DT_NEEDED).
    A library is matched by file name, as the dynamic loader does with RUNPATH/$ORIGIN.
    """
    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(PurePosixPath(_posix(entry[0])).name, []).append(entry)
    reachable: set[Entry] = set()
    queue = [entry for entry in entries if _is_root(entry)]
    while queue:
        entry = queue.pop()
        if entry in reachable:
            continue
        reachable.add(entry)
        for library in needed(entry[1]):
            queue.extend(by_name.get(PurePosixPath(library).name, []))
    kept = [entry for entry in entries if entry in reachable]
    dropped = [entry for entry in entries if entry not in reachable]
    return kept, dropped


def drop_dangling_symlinks(
    entries: Iterable[Entry], kept_dests: set[str]
) -> tuple[list[Entry], list[Entry]]:
    """Drop SYMLINK entries (src is the link target, relative to the link's folder)
    that point at a file no longer collected."""
    import posixpath

    kept, dropped = [], []
    for entry in entries:
        if entry[2] == "SYMLINK":
            dest = _posix(entry[0])
            target = posixpath.normpath(posixpath.join(posixpath.dirname(dest), _posix(entry[1])))
            if target not in kept_dests:
                dropped.append(entry)
                continue
        kept.append(entry)
    return kept, dropped


def elf_needed(path: str) -> list[str]:
    """DT_NEEDED names of an ELF file, via readelf (empty if unreadable)."""
    try:
        output = subprocess.run(
            ["readelf", "-d", path], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return []
    names = []
    for line in output.splitlines():
        if "(NEEDED)" in line and "[" in line:
            names.append(line.rsplit("[", 1)[1].rstrip("]"))
    return names


def _has_debug_info(path: str) -> bool:
    try:
        output = subprocess.run(
            ["readelf", "-S", "-W", path], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return False
    return ".debug_info" in output


def strip_debug_info(entries: list[Entry], work_dir: Path) -> tuple[list[Entry], int]:
    """Replace non-wheel binaries that carry debug sections with debug-stripped copies.

    Returns (entries, bytes saved). Does nothing when `strip` is not installed.
    """
    strip = shutil.which("strip")
    if strip is None:
        return entries, 0
    target_dir = work_dir / "debug-stripped"
    target_dir.mkdir(parents=True, exist_ok=True)
    result, saved = [], 0
    for dest, src, kind in entries:
        if "site-packages" in _posix(src) or not _has_debug_info(src):
            result.append((dest, src, kind))
            continue
        copy = target_dir / _posix(dest).replace("/", "__")
        shutil.copy2(src, copy)
        done = subprocess.run([strip, "--strip-debug", str(copy)], check=False)
        if done.returncode != 0:
            result.append((dest, src, kind))
            continue
        saved += Path(src).stat().st_size - copy.stat().st_size
        result.append((dest, str(copy), kind))
    return result, saved


def _elf_sections(path: str) -> str:
    try:
        return subprocess.run(
            ["readelf", "-S", "-W", path], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return ""


def program_headers(path: str) -> list[str]:
    """The segment lines (LOAD, DYNAMIC, ...) of ``readelf -lW``: what the loader maps."""
    try:
        output = subprocess.run(
            ["readelf", "-l", "-W", path], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return []
    headers = output.split("Program Headers:", 1)[-1].split("Section to Segment", 1)[0]
    return [line.split() for line in headers.splitlines() if line.strip()]


def strip_symbol_tables(entries: list[Entry], work_dir: Path) -> tuple[list[Entry], int]:
    """Replace binaries that carry a static symbol table with ``strip --strip-unneeded``
    copies whose program headers are unchanged. Returns (entries, bytes saved)."""
    strip = shutil.which("strip")
    if strip is None:
        return entries, 0
    target_dir = work_dir / "symbols-stripped"
    target_dir.mkdir(parents=True, exist_ok=True)
    result, saved = [], 0
    for dest, src, kind in entries:
        if kind == "SYMLINK" or " .symtab " not in _elf_sections(src):
            result.append((dest, src, kind))
            continue
        copy = target_dir / _posix(dest).replace("/", "__")
        shutil.copy2(src, copy)
        done = subprocess.run([strip, "--strip-unneeded", str(copy)], check=False)
        if done.returncode != 0 or program_headers(str(copy)) != program_headers(src):
            result.append((dest, src, kind))  # the loader would see another file: keep
            continue
        saved += Path(src).stat().st_size - copy.stat().st_size
        result.append((dest, str(copy), kind))
    return result, saved
