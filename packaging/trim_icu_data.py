"""Make a smaller ICU data library for the Linux build (30 MB -> about 3 MB).

PySide6's Qt links ICU, whose data library (libicudata.so.NN, ~31 MB) is the largest
file in the app. Qt only uses ICU for collation (QCollator, e.g. sorting a file dialog),
legacy text codecs (QStringConverter) and time-zone display names; gdgame needs none of
the display-name, break-iterator, number-spelling, transliteration, character-name,
StringPrep, IDNA or spoof-check data, and no legacy
codec (it reads and writes UTF-8; UTF-8/16/32, ASCII and Latin-1 are built into ICU's
code, not its data). Collation keeps the root order (the Unicode collation algorithm's
default, right for English) but no locale's tailoring; likewise only the root and
English locale data stay. ICU supports data subsets
(its "data build tool" filters the same categories), and looks items up by name, so
removing whole categories is safe: a lookup for a removed item reports a missing
resource, exactly as in a filtered ICU build.

This rewrites ICU's "common data" package (CmnD: header, table of contents sorted by
name, 16-byte aligned items) without the dropped categories and assembles it into a
shared library exporting the same ``icudtNN_dat`` symbol and SONAME. Linux only; needs
readelf and a C compiler (gcc or cc). Used by packaging/gdgame.spec; verified by
tests/packaging/test_trim_icu_data.py (collation and codecs still work).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

# Categories (folders inside icudtNNl/) that gdgame's Qt never reads.
DROPPED_TREES = ("brkitr", "curr", "lang", "rbnf", "region", "translit", "unit", "zone")
# Per-locale data (a file named like a locale id, in the root or coll/): only these stay.
LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*\.res$")
KEPT_LOCALE_FILES = re.compile(r"^(root|res_index|en(_[A-Za-z0-9]+)*)\.res$")
DROPPED_SUFFIXES = (".cnv", ".spp")  # legacy codec tables; StringPrep profiles (below)
# Data only ICU APIs Qt never calls read (Qt imports ucol_*, ucnv_*, ucal_* and
# u_strToLower/Upper, nothing else: `readelf --dyn-syms` of every Qt library): character
# names (u_charName, unames.icu), StringPrep profiles (usprep_*, the *.spp files), IDNA's
# UTS #46 mapping (uidna_*; Qt's QUrl has its own IDNA code) and the spoof checker
# (uspoof_*, confusables.cfu). Together 0.55 MiB.
DROPPED_LEAVES = (
    "unames.icu",
    "uts46.nrm",
    "confusables.cfu",
    # Read by ICU's locale matcher, plural rules, date formatting's day periods and measure
    # units: none reached from collation, converters or calendars.
    "langInfo.res",
    "plurals.res",
    "dayPeriods.res",
    "units.res",
)


def _readelf(*args: str) -> str:
    return subprocess.run(["readelf", *args], capture_output=True, text=True, check=True).stdout


def data_symbol(library: Path) -> tuple[str, int, int]:
    """(symbol name, file offset, size) of the icudtNN_dat blob inside the library."""
    symbols = _readelf("-s", "--wide", str(library))
    match = re.search(r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+\w+\s+\w+\s+(\d+)\s+"
                      r"(icudt\d+_dat)\s*$", symbols, re.MULTILINE)  # fmt: skip
    if not match:
        raise ValueError(f"{library} exports no icudtNN_dat symbol")
    address, size, section, name = match.groups()
    sections = _readelf("-S", "--wide", str(library))
    header = re.search(
        rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections
    )  # [Nr] Name Type Address Off
    if not header:
        raise ValueError(f"section {section} not found in {library}")
    section_address, section_offset = int(header.group(1), 16), int(header.group(2), 16)
    return name, int(address, 16) - section_address + section_offset, int(size, 0)


def read_common_data(blob: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """(header bytes, [(item name, item bytes)]) from an ICU CmnD package."""
    (header_size,) = struct.unpack_from("<H", blob, 0)
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package (little-endian CmnD)")
    toc = blob[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * index) for index in range(count)]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name = toc[name_offset : toc.index(b"\0", name_offset)]
        end = entries[index + 1][1] if index + 1 < count else len(toc)
        items.append((name, toc[data_offset:end]))
    return blob[:header_size], items


def build_common_data(header: bytes, items: list[tuple[bytes, bytes]]) -> bytes:
    """A CmnD package of ``items`` (kept in the given, name-sorted order)."""
    count = len(items)
    names = b"".join(name + b"\0" for name, _ in items)
    names_start = 4 + 8 * count
    data_start = names_start + len(names)
    data_start += -(len(header) + data_start) % 16  # items 16-aligned from the blob start
    toc_entries, body, name_offset, data_offset = b"", b"", names_start, data_start
    for name, data in items:
        padded = data + b"\0" * (-len(data) % 16)
        toc_entries += struct.pack("<II", name_offset, data_offset)
        name_offset += len(name) + 1
        data_offset += len(padded)
        body += padded
    gap = b"\0" * (data_start - names_start - len(names))
    return header + struct.pack("<I", count) + toc_entries + names + gap + body


def trimmed_items(items, dropped=DROPPED_TREES):
    def keep(name: bytes) -> bool:
        parts = name.decode("ascii", "replace").split("/")
        if len(parts) > 2 and parts[1] in dropped:
            return False
        leaf = parts[-1]
        if leaf.endswith(DROPPED_SUFFIXES) or leaf in DROPPED_LEAVES:
            return False
        return not (LOCALE_FILE.match(leaf) and not KEPT_LOCALE_FILES.match(leaf))

    return [item for item in items if keep(item[0])]


def soname(library: Path) -> str:
    match = re.search(r"\(SONAME\)\s+Library soname: \[(.+)\]", _readelf("-d", str(library)))
    return match.group(1) if match else library.name


def assemble_library(blob: bytes, symbol: str, library_soname: str, target: Path) -> None:
    """Write a shared library exporting ``symbol`` = blob (read-only, 16-byte aligned)."""
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:
        raise FileNotFoundError("no C compiler (gcc/cc) to assemble the ICU data library")
    with tempfile.TemporaryDirectory() as work:
        data_file = Path(work) / "icudata.bin"
        data_file.write_bytes(blob)
        source = Path(work) / "icudata.s"
        source.write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f'\t.balign 16\n{symbol}:\n\t.incbin "{data_file}"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            [compiler, "-shared", "-nostdlib", f"-Wl,-soname,{library_soname}",
             "-o", str(target), str(source)],
            check=True,
        )  # fmt: skip


def trim_library(library: Path, target: Path) -> tuple[int, int]:
    """Write the trimmed copy of ``library`` to ``target``; return (old, new) file sizes."""
    symbol, offset, size = data_symbol(library)
    with open(library, "rb") as handle:
        handle.seek(offset)
        blob = handle.read(size)
    header, items = read_common_data(blob)
    new_blob = build_common_data(header, trimmed_items(items))
    assemble_library(new_blob, symbol, soname(library), target)
    return library.stat().st_size, target.stat().st_size


def can_trim() -> bool:
    return bool(shutil.which("readelf") and (shutil.which("gcc") or shutil.which("cc")))


def trim_entries(entries: list, work_dir: Path) -> tuple[list, tuple[int, int] | None]:
    """Swap the libicudata entry of a PyInstaller TOC for a trimmed copy in work_dir.

    Returns (entries, (old size, new size)), or the entries unchanged and None when
    there is no ICU data library or no tools to rebuild it.
    """
    if not can_trim():
        return entries, None
    result, sizes = [], None
    for dest, src, kind in entries:
        name = Path(dest.replace("\\", "/")).name
        if name.startswith("libicudata.so") and kind != "SYMLINK":
            target = work_dir / "icu-trimmed" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            sizes = trim_library(Path(src), target)
            src = str(target)
        result.append((dest, src, kind))
    return result, sizes
