"""packaging/build.py and packaging/freeze_filters.py helpers (no PyInstaller run)."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

LDCONFIG = """\
1000 libs found in cache `/etc/ld.so.cache'
\tlibxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1
\tlibxcb-cursor.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-cursor.so.0
\tlibxkbcommon.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxkbcommon.so.0
"""


@pytest.fixture(scope="module")
def build(load_packaging):
    return load_packaging("build")


@pytest.fixture(scope="module")
def filters(load_packaging):
    return load_packaging("freeze_filters")


def test_xcb_check_names_the_apt_packages_to_install(build):
    missing = build.missing_xcb_packages(LDCONFIG)
    assert "libxcb-icccm4" in missing and "libxcb-keysyms1" in missing
    assert "libxcb1" not in missing and "libxcb-cursor0" not in missing
    assert missing == sorted(missing)


def test_xcb_check_passes_when_everything_is_there(build, load_packaging):
    cfg = load_packaging("freeze_config")
    listing = "".join(f"\t{lib} (libc6,x86-64) => /usr/lib/{lib}\n" for lib in cfg.XCB_LIBRARIES)
    assert build.missing_xcb_packages(listing) == []


def _fake_onedir(tmp_path):
    onedir = tmp_path / "gdgame"
    (onedir / "_internal").mkdir(parents=True)
    (onedir / "gdgame").write_bytes(b"x" * 3000)
    (onedir / "gdgame").chmod(0o755)
    (onedir / "_internal" / "big.so").write_bytes(b"y" * 5000)
    (onedir / "_internal" / "small.txt").write_bytes(b"z" * 10)
    (onedir / "link.so").symlink_to("_internal/big.so")
    return onedir


def test_sizes_skip_symlinks_and_list_largest_first(build, tmp_path):
    onedir = _fake_onedir(tmp_path)
    assert build.folder_size(onedir) == 8010
    largest = build.largest_files(onedir, count=2)
    assert [(size, path.name) for size, path in largest] == [(5000, "big.so"), (3000, "gdgame")]


def test_budget_verdict(build, capsys):
    assert build.within_budget("onedir", 150 * build.MIB, 150)
    assert not build.within_budget("onedir", 150 * build.MIB + 1, 150)
    assert "OVER BUDGET" in capsys.readouterr().out


def test_linux_archive_carries_app_desktop_file_icons_and_installer(build, tmp_path):
    archive = build.make_linux_archive(_fake_onedir(tmp_path), tmp_path / "out", "1.2.3")
    assert archive.name.startswith("gdgame-1.2.3-linux-") and archive.name.endswith(".tar.xz")
    with tarfile.open(archive, "r:xz") as tar:
        members = {member.name: member for member in tar.getmembers()}
    top = archive.name.removesuffix(".tar.xz")
    for name in ("gdgame/gdgame", "gdgame.desktop", "install.sh", "icons/gdgame.svg"):
        assert f"{top}/{name}" in members, name
    assert members[f"{top}/gdgame/gdgame"].mode & 0o111
    assert members[f"{top}/install.sh"].mode & 0o111
    assert members[f"{top}/gdgame/link.so"].issym()
    assert members[f"{top}/icons/gdgame-256.png"].uname == "root"


def test_build_arguments(build):
    assert not build.parse_args([]).skip_freeze
    args = build.parse_args(["--skip-freeze", "--strict-xcb"])
    assert args.skip_freeze and args.strict_xcb


def entry(dest, kind="BINARY"):
    return (dest, f"/src/{dest}", kind)


def test_unused_plugins_and_system_libraries_are_dropped(filters):
    entries = [
        entry("PySide6/Qt/plugins/platforms/libqxcb.so"),
        entry("PySide6/Qt/plugins/platforms/libqvnc.so"),
        entry("PySide6/Qt/plugins/platformthemes/libqgtk3.so"),
        entry("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so"),
        entry("PySide6/Qt/plugins/tls/libqopensslbackend.so"),
        entry("libX11.so.6"),
        entry("libxcb-icccm.so.4"),
    ]
    kept, dropped = filters.drop_unused_plugins(entries)
    assert [e[0] for e in kept] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libX11.so.6",
        "libxcb-icccm.so.4",
    ]
    assert len(dropped) == 4
    kept, dropped = filters.drop_system_libraries(kept)
    assert [e[0] for e in dropped] == ["libX11.so.6"]


def test_wayland_keeps_the_desktop_client_plugins_only(filters):
    folder = "PySide6/Qt/plugins/"
    keep = [
        "platforms/libqwayland.so",
        "wayland-shell-integration/libxdg-shell.so",
        "wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
        "wayland-decoration-client/libbradient.so",
        "wayland-decoration-client/libadwaita.so",
    ]
    drop = [
        "wayland-graphics-integration-client/libdmabuf-server.so",
        "wayland-graphics-integration-client/libvulkan-server.so",
        "wayland-shell-integration/libfullscreen-shell-v1.so",
        "wayland-shell-integration/libivi-shell.so",
        "wayland-shell-integration/libqt-shell.so",
        "wayland-shell-integration/libwl-shell-plugin.so",
    ]
    kept, dropped = filters.drop_unused_plugins([entry(folder + name) for name in keep + drop])
    assert [e[0] for e in kept] == [folder + name for name in keep]
    assert [e[0] for e in dropped] == [folder + name for name in drop]


def test_opengl_integrations_and_ico_reader_are_dropped(filters):
    names = [
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-egl-integration.so",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "PySide6/Qt/plugins/platforms/libqminimal.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",  # the smoke test's platform
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
    ]
    kept, dropped = filters.drop_unused_plugins([entry(name) for name in names])
    assert [e[0] for e in dropped] == names[:4]
    assert [e[0] for e in kept] == names[4:]


def test_compression_libraries_count_as_system_libraries(filters):
    names = ["libzstd.so.1", "liblzma.so.5", "libbz2.so.1.0", "libsqlite3.so.0", "libffi.so.8"]
    kept, dropped = filters.drop_system_libraries([entry(name) for name in names])
    assert [e[0] for e in dropped] == names[:3]
    assert [e[0] for e in kept] == ["libsqlite3.so.0", "libffi.so.8"]  # not on every system


def test_unused_data_files_are_dropped(filters):
    names = [
        "pyqtgraph/icons/peegee/peegee_512px@2x.png",
        "pyqtgraph/icons/auto.png",  # the plot's auto-range button
        "pyqtgraph/colors/maps/viridis.csv",
        "numpy-2.4.6.dist-info/RECORD",
        "numpy-2.4.6.dist-info/licenses/LICENSE.txt",
        "resources/icons/gdgame.icns",
        "resources/icons/gdgame.ico",
        "resources/icons/gdgame.svg",  # the window icon
        "resources/RESOURCES.md",
        "pyqtgraph/colors/maps/CET-L17.csv",
        "pyqtgraph/colors/maps/turbo.csv",
    ]
    kept, dropped = filters.drop_unused_data([entry(name, "DATA") for name in names])
    assert [e[0] for e in dropped] == [names[0], names[3], names[5], names[6], names[9]]
    assert len(kept) == 6


def test_every_colour_map_the_source_names_ships_and_no_colour_bar_offers_others(filters):
    import re

    root = Path(__file__).resolve().parents[2] / "gdgame"
    source = "\n".join(path.read_text(encoding="utf-8") for path in root.rglob("*.py"))
    names = set(re.findall(r"colormap\.get\(\s*[\"']([^\"']+)[\"']", source))
    assert names == {"viridis"}
    files = [entry(f"pyqtgraph/colors/maps/{name}.csv", "DATA") for name in names]
    assert filters.drop_unused_data(files)[1] == []
    bars = re.findall(r"ColorBarItem\((.*?)\n\s*\)", source, flags=re.S)
    assert bars and all("colorMapMenu=False" in bar for bar in bars)


def test_prune_keeps_what_extensions_and_plugins_link_to(filters):
    needed = {
        "/src/numpy/core.cpython-311-x86_64-linux-gnu.so": ["libopenblas.so"],
        "/src/libopenblas.so": ["libgfortran.so.5"],
        "/src/PySide6/Qt/plugins/platforms/libqxcb.so": ["libQt6XcbQpa.so.6"],
    }
    entries = [
        entry("numpy/core.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
        entry("libopenblas.so"),
        entry("libgfortran.so.5"),
        entry("PySide6/Qt/plugins/platforms/libqxcb.so"),
        entry("PySide6/Qt/lib/libQt6XcbQpa.so.6"),
        entry("libcairo.so.2"),  # only a dropped plugin needed it
        entry("libxcb-cursor.so.0"),  # dlopen()ed: always kept
    ]
    kept, dropped = filters.prune_unreachable(entries, lambda src: needed.get(src, []))
    assert [e[0] for e in dropped] == ["libcairo.so.2"]
    assert len(kept) == 6


def test_dangling_symlinks_are_dropped(filters):
    entries = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        entry("PySide6/Qt/lib/libQt6Core.so.6"),
    ]
    kept, dropped = filters.drop_dangling_symlinks(entries, {"PySide6/Qt/lib/libQt6Core.so.6"})
    assert [e[0] for e in dropped] == ["libQt6Network.so.6"]
    assert len(kept) == 2


def test_elf_needed_reads_a_real_library(filters):
    import _ctypes

    if getattr(_ctypes, "__file__", None):
        assert isinstance(filters.elf_needed(_ctypes.__file__), list)
    assert filters.elf_needed("/nonexistent/file.so") == []


LIBRARY_SOURCE = """
static int hidden_helper(int x) { return x * 3; }
int exported_triple(int x) { return hidden_helper(x) + 0; }
"""


@pytest.mark.skipif(
    not (shutil.which("gcc") and shutil.which("strip") and shutil.which("readelf")),
    reason="needs gcc, strip and readelf (binutils)",
)
def test_symbol_tables_are_stripped_and_the_library_still_loads(filters, tmp_path):
    source = tmp_path / "triple.c"
    source.write_text(LIBRARY_SOURCE)
    library = tmp_path / "libtriple.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-O0", "-o", library, source], check=True)
    entries = [("lib/libtriple.so", str(library), "BINARY"), ("lib/link.so", "x", "SYMLINK")]
    work = tmp_path / "work"
    stripped, saved = filters.strip_symbol_tables(entries, work)
    (dest, copy, kind), symlink = stripped
    assert (dest, kind) == ("lib/libtriple.so", "BINARY") and symlink == entries[1]
    assert copy != str(library) and saved == library.stat().st_size - Path(copy).stat().st_size
    assert saved > 0 and " .symtab " not in filters._elf_sections(copy)
    assert filters.program_headers(copy) == filters.program_headers(str(library))
    assert ctypes.CDLL(copy).exported_triple(14) == 42  # dynamic symbols still there
    again, saved_again = filters.strip_symbol_tables(stripped, work)
    assert again == stripped and saved_again == 0  # nothing left to strip


def test_a_strip_that_moves_segments_is_not_shipped(filters, tmp_path, monkeypatch):
    library = tmp_path / "libfake.so"
    library.write_bytes(b"\x7fELF")
    monkeypatch.setattr(filters, "_elf_sections", lambda path: "  [27] .symtab  SYMTAB")
    monkeypatch.setattr(filters.shutil, "which", lambda tool: "/usr/bin/true")
    headers = {str(library): [["LOAD", "0x0", "0x1000"]]}
    monkeypatch.setattr(filters, "program_headers", lambda path: headers.get(path, [["LOAD"]]))
    entries = [("libfake.so", str(library), "BINARY")]
    assert filters.strip_symbol_tables(entries, tmp_path / "work") == (entries, 0)
