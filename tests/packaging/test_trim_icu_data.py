"""packaging/trim_icu_data.py: the smaller ICU data still serves collation and codecs."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def trim(load_packaging):
    return load_packaging("trim_icu_data")


def _header() -> bytes:
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0)
    header += b"CmnD" + bytes(8) + bytes(32 - 24)
    return header


def test_common_data_round_trip_keeps_names_sorted_and_items_aligned(trim):
    items = [
        (b"icudt73l/coll/sv.res", b"S" * 37),
        (b"icudt73l/lang/de.res", b"L" * 5),
        (b"icudt73l/root.res", b"R" * 16),
    ]
    blob = trim.build_common_data(_header(), items)
    header, read = trim.read_common_data(blob)
    assert len(header) == 32
    assert [name for name, _ in read] == [name for name, _ in items]
    for (_, original), (_, padded) in zip(items, read, strict=True):
        assert padded[: len(original)] == original and len(padded) % 16 == 0
    toc = blob[32:]
    for index in range(3):
        _, data_offset = struct.unpack_from("<II", toc, 4 + 8 * index)
        assert (32 + data_offset) % 16 == 0


def test_only_the_unused_categories_are_dropped(trim):
    items = [(f"icudt73l/{tree}/x.res".encode(), b"") for tree in ("coll", "lang", "zone")]
    items += [(b"icudt73l/root.res", b""), (b"icudt73l/ibm-5348_P100-1997.cnv", b"")]
    kept = [name.decode() for name, _ in trim.trimmed_items(items)]
    assert kept == ["icudt73l/coll/x.res", "icudt73l/root.res", "icudt73l/ibm-5348_P100-1997.cnv"]


def test_rejects_data_that_is_not_a_common_data_package(trim):
    with pytest.raises(ValueError):
        trim.read_common_data(b"\x20\x00\xda\x27" + bytes(8) + b"ToCP" + bytes(40))


def _pyside_icu_dir() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    folder = Path(PySide6.__file__).parent / "Qt" / "lib"
    return folder if list(folder.glob("libicudata.so.*")) else None


ICU_CHECK = """
import ctypes, sys
version = sys.argv[1]
uc = ctypes.CDLL(f"libicuuc.so.{version}")
i18n = ctypes.CDLL(f"libicui18n.so.{version}")
ucol_open = getattr(i18n, f"ucol_open_{version}")
ucol_open.restype = ctypes.c_void_p
strcoll = getattr(i18n, f"ucol_strcoll_{version}")
pointer, length = ctypes.c_void_p, ctypes.c_int32
strcoll.argtypes = [pointer, pointer, length, pointer, length]
ucnv_open = getattr(uc, f"ucnv_open_{version}")
ucnv_open.restype = ctypes.c_void_p
status = ctypes.c_int(0)
swedish = ucol_open(b"sv", ctypes.byref(status))
a_umlaut, z = (ctypes.c_uint16 * 1)(0xE4), (ctypes.c_uint16 * 1)(0x7A)
print("collation", status.value, strcoll(swedish, a_umlaut, 1, z, 1))
status = ctypes.c_int(0)
print("codec", status.value, bool(ucnv_open(b"ISO-8859-2", ctypes.byref(status))))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the trimmed library is built on Linux")
def test_trimmed_library_still_collates_and_converts(trim, tmp_path):
    source = _pyside_icu_dir()
    if source is None or not trim.can_trim():
        pytest.skip("needs PySide6's ICU libraries, readelf and a C compiler")
    data_lib = next(source.glob("libicudata.so.*"))
    version = data_lib.name.rsplit(".", 1)[1]
    old, new = trim.trim_library(data_lib, tmp_path / data_lib.name)
    assert new < old * 0.6
    for name in (f"libicuuc.so.{version}", f"libicui18n.so.{version}"):
        shutil.copy2(source / name, tmp_path / name)
    script = tmp_path / "check.py"
    script.write_text(textwrap.dedent(ICU_CHECK))
    env = dict(os.environ, LD_LIBRARY_PATH=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(script), version], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    # Swedish sorts "ä" after "z" (tailored collation data is still there); codec opens.
    assert done.stdout.splitlines() == ["collation 0 1", "codec 0 True"]


def test_trim_entries_leaves_other_libraries_alone(trim, tmp_path):
    entries = [("libfoo.so.1", "/x/libfoo.so.1", "BINARY")]
    kept, sizes = trim.trim_entries(entries, tmp_path)
    assert kept == entries and sizes is None
