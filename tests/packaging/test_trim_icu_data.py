"""packaging/trim_icu_data.py: the smaller ICU data still collates and opens UTF/Latin-1."""

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


def test_only_the_unused_categories_locales_and_codecs_are_dropped(trim):
    names = [f"icudt73l/{tree}/xyzw.res" for tree in ("coll", "lang", "zone")]
    names += ["icudt73l/coll/root.res", "icudt73l/coll/ucadata.icu", "icudt73l/coll/sv.res"]
    names += ["icudt73l/coll/en_US_POSIX.res", "icudt73l/coll/res_index.res"]
    names += ["icudt73l/root.res", "icudt73l/res_index.res", "icudt73l/de_AT.res"]
    names += ["icudt73l/en_GB.res", "icudt73l/pool.res", "icudt73l/likelySubtags.res"]
    names += ["icudt73l/ibm-5348_P100-1997.cnv", "icudt73l/cnvalias.icu", "icudt73l/nfkc.nrm"]
    names += ["icudt73l/unames.icu", "icudt73l/rfc3491.spp", "icudt73l/uts46.nrm"]
    names += ["icudt73l/confusables.cfu", "icudt73l/zoneinfo64.res"]
    kept = [name.decode() for name, _ in trim.trimmed_items([(n.encode(), b"") for n in names])]
    assert kept == [
        "icudt73l/coll/xyzw.res",  # not a locale's file: kept
        "icudt73l/coll/root.res",
        "icudt73l/coll/ucadata.icu",
        "icudt73l/coll/en_US_POSIX.res",
        "icudt73l/coll/res_index.res",
        "icudt73l/root.res",
        "icudt73l/res_index.res",
        "icudt73l/en_GB.res",
        "icudt73l/pool.res",
        "icudt73l/likelySubtags.res",
        "icudt73l/cnvalias.icu",
        "icudt73l/nfkc.nrm",
        "icudt73l/zoneinfo64.res",
    ]


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
def chars(text):
    return (ctypes.c_uint16 * len(text))(*map(ord, text)), len(text)
for locale in (b"en_US", b"sv"):
    status = ctypes.c_int(0)
    collator = ucol_open(locale, ctypes.byref(status))
    order = [strcoll(collator, *chars(a), *chars(b)) for a, b in (("a", "B"), ("\xe4", "z"))]
    print("collation", locale.decode(), status.value >= -128 and bool(collator), *order)
for codec in (b"UTF-8", b"ISO-8859-1", b"ISO-8859-2"):
    status = ctypes.c_int(0)
    print("codec", codec.decode(), bool(ucnv_open(codec, ctypes.byref(status))))
# The rest of what Qt Core asks of ICU: calendars and time-zone ids, case mapping.
ucal_open = getattr(i18n, f"ucal_open_{version}")
ucal_open.restype = ctypes.c_void_p
status = ctypes.c_int(0)
calendar = ucal_open(*chars("Europe/Berlin"), b"en_US", 0, ctypes.byref(status))
print("calendar", status.value <= 0 and bool(calendar))
canonical = getattr(i18n, f"ucal_getCanonicalTimeZoneID_{version}")
out, system, status = (ctypes.c_uint16 * 64)(), ctypes.c_int8(0), ctypes.c_int(0)
size = canonical(*chars("Asia/Kolkata"), out, 64, ctypes.byref(system), ctypes.byref(status))
print("zone", "".join(map(chr, out[:size])), status.value <= 0)
upper = getattr(uc, f"u_strToUpper_{version}")
out, status = (ctypes.c_uint16 * 16)(), ctypes.c_int(0)
size = upper(out, 16, *chars("stra\xdfe"), b"en", ctypes.byref(status))
print("upper", "".join(map(chr, out[:size])), status.value <= 0)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="the trimmed library is built on Linux")
def test_trimmed_library_still_collates_and_converts(trim, tmp_path):
    source = _pyside_icu_dir()
    if source is None or not trim.can_trim():
        pytest.skip("needs PySide6's ICU libraries, readelf and a C compiler")
    data_lib = next(source.glob("libicudata.so.*"))
    version = data_lib.name.rsplit(".", 1)[1]
    old, new = trim.trim_library(data_lib, tmp_path / data_lib.name)
    assert new < old * 0.2
    for name in (f"libicuuc.so.{version}", f"libicui18n.so.{version}"):
        shutil.copy2(source / name, tmp_path / name)
    script = tmp_path / "check.py"
    script.write_text(textwrap.dedent(ICU_CHECK))
    env = dict(os.environ, LD_LIBRARY_PATH=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(script), version], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    # The root order (not code points: "a" before "B", "ä" with the a's) for every
    # locale, Swedish too: its tailoring ("ä" after "z") is gone. UTF-8 and Latin-1 are
    # built into ICU's code; a legacy table such as ISO-8859-2 is not shipped.
    assert done.stdout.splitlines() == [
        "collation en_US True -1 -1",
        "collation sv True -1 -1",
        "codec UTF-8 True",
        "codec ISO-8859-1 True",
        "codec ISO-8859-2 False",
        "calendar True",
        "zone Asia/Calcutta True",
        "upper STRASSE True",
    ]


def test_trim_entries_leaves_other_libraries_alone(trim, tmp_path):
    entries = [("libfoo.so.1", "/x/libfoo.so.1", "BINARY")]
    kept, sizes = trim.trim_entries(entries, tmp_path)
    assert kept == entries and sizes is None
