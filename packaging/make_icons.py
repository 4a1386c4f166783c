"""Render the app icon from its one SVG source into every size each platform needs.

    python packaging/make_icons.py          # writes resources/icons/*.png, .ico, .icns

Qt's QSvgRenderer draws the PNGs (PySide6-Essentials ships QtSvg). The ICO and ICNS
containers are written here directly (both simply wrap PNG payloads), so no Pillow or
iconutil is needed. The generated files are committed; re-run after editing the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG_NAME = "gdgame.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS chunk types whose payload may be PNG, with their pixel sizes (@2x types included).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_name(size: int) -> str:
    return f"gdgame-{size}.png"


def render_png(svg_path: Path, size: int) -> bytes:
    """Draw the SVG into a transparent size x size image and return PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise ValueError(f"{svg_path} is not a valid SVG for Qt")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; ValueError if it is not a PNG."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return struct.unpack(">II", data[16:24])


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG-compressed image per size (Vista+ format)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def read_ico(data: bytes) -> list[tuple[int, bytes]]:
    """[(size, png bytes)] from an .ico written by build_ico (used by the tests)."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1:
        raise ValueError("not an .ico file")
    images = []
    for index in range(count):
        edge, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        images.append((edge or 256, data[offset : offset + length]))
    return images


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns whose chunks are PNG payloads (supported since OS X 10.7)."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = pngs[size]
        body += kind + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_icns(data: bytes) -> list[tuple[bytes, bytes]]:
    """[(chunk type, payload)] from an .icns file (used by the tests)."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an .icns file (bad magic or length)")
    chunks, position = [], 8
    while position < len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack(">I", data[position + 4 : position + 8])
        if length < 8 or position + length > len(data):
            raise ValueError(f"bad .icns chunk {kind!r}")
        chunks.append((kind, data[position + 8 : position + length]))
        position += length
    return chunks


def make_icons(icon_dir: Path = ICON_DIR) -> list[Path]:
    """Write every PNG size plus gdgame.ico and gdgame.icns; return the written paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg_path = icon_dir / SVG_NAME
    pngs = {size: render_png(svg_path, size) for size in PNG_SIZES}
    written = []
    for size, data in pngs.items():
        target = icon_dir / png_name(size)
        target.write_bytes(data)
        written.append(target)
    ico = icon_dir / "gdgame.ico"
    ico.write_bytes(build_ico({size: pngs[size] for size in ICO_SIZES}))
    icns = icon_dir / "gdgame.icns"
    icns.write_bytes(build_icns(pngs))
    written += [ico, icns]
    return written


def main() -> int:
    for path in make_icons():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
