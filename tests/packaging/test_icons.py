"""The app icon: one SVG source and valid PNG/ICO/ICNS files made from it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest


@pytest.fixture(scope="module")
def icons(load_packaging):
    return load_packaging("make_icons")


def test_svg_source_is_a_square_svg(icons):
    root = ET.parse(icons.ICON_DIR / icons.SVG_NAME).getroot()
    assert root.tag.endswith("svg")
    assert root.get("viewBox") == "0 0 512 512"


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_sizes_exist_and_match_their_names(icons, size):
    data = (icons.ICON_DIR / icons.png_name(size)).read_bytes()
    assert icons.png_size(data) == (size, size)


def test_png_size_rejects_other_files(icons):
    with pytest.raises(ValueError):
        icons.png_size(b"GIF89a" + bytes(30))


def test_ico_holds_one_png_per_windows_size(icons):
    images = icons.read_ico((icons.ICON_DIR / "gdgame.ico").read_bytes())
    assert [size for size, _ in images] == list(icons.ICO_SIZES)
    for size, payload in images:
        assert icons.png_size(payload) == (size, size)


def test_icns_holds_png_chunks_of_the_declared_sizes(icons):
    chunks = icons.read_icns((icons.ICON_DIR / "gdgame.icns").read_bytes())
    expected = {kind: size for kind, size in icons.ICNS_TYPES}
    assert [kind for kind, _ in chunks] == [kind for kind, _ in icons.ICNS_TYPES]
    for kind, payload in chunks:
        assert icons.png_size(payload) == (expected[kind], expected[kind])


def _fake_png(size: int) -> bytes:
    import struct

    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", size, size)


def test_ico_round_trip_stores_256_as_zero_and_reads_it_back(icons):
    pngs = {16: _fake_png(16), 256: _fake_png(256)}
    data = icons.build_ico(pngs)
    assert data[6 + 16] == 0  # width byte of the 256 entry
    assert icons.read_ico(data) == [(16, pngs[16]), (256, pngs[256])]


def test_icns_reader_rejects_a_truncated_file(icons):
    data = icons.build_icns({size: _fake_png(size) for size in icons.PNG_SIZES})
    with pytest.raises(ValueError):
        icons.read_icns(data[:-5])
