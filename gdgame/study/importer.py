"""Read a deck from a .csv/.tsv file, refusing anything that is not plain card text (no Qt).

Accepted: UTF-8 (with or without BOM) or UTF-16 with BOM; either a header row naming
the ``front`` and ``back`` columns (also ``term``/``definition``,
``question``/``answer``) or exactly two columns per row. Leading ``#key:value`` lines
(as Anki writes) are skipped. Everything else raises :class:`DeckFileError` with one
clear message, with the line number where it applies; nothing is imported then.

Only regular files are read: a named pipe, device, socket or folder is refused before
it is opened (opening or reading one can block forever), and reading gives up after
``timeout`` seconds. A cell that our exporter protected against spreadsheet formulas
(``'=...``, see :func:`gdgame.study.exporter.neutralise_cell`) gets its ``'`` back off.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
import time
from pathlib import Path

from gdgame.study.editing import CardTextError, clean_card_text

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
READ_TIMEOUT = 20.0  # seconds; a local file of MAX_FILE_BYTES reads in milliseconds
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's list)."""
DELIMITERS = {".csv": ",", ".tsv": "\t", ".txt": "\t"}
_HEADER_NAMES = {
    "front": ("front", "term", "question", "word"),
    "back": ("back", "definition", "answer", "meaning"),
}
_DIRECTIVE = re.compile(r"^#[a-z ]+:", re.IGNORECASE)
_MARKUP = re.compile(
    r"<\s*/?\s*(script|style|iframe|img|a|b|i|u|s|p|br|hr|div|span|html|body|head|object|"
    r"embed|svg|math|link|meta|form|input|button|table|tr|td|th|font|em|strong|h[1-6]|ul|ol|"
    r"li|sub|sup|code|pre|audio|video|source|base)\b[^>]*>|<!--|javascript:|\[sound:",
    re.IGNORECASE,
)


class DeckFileError(ValueError):
    """A deck file that cannot be imported; ``str()`` is the message for the user."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


def _line_of(data: bytes | str, offset: int) -> int:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data[:offset].count(newline) + 1  # type: ignore[arg-type]


def decode_deck_bytes(data: bytes) -> str:
    """Decode by BOM (UTF-8, UTF-16 LE/BE), else strict UTF-8; reject binary content."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise DeckFileError("UTF-32 files are not supported; save the file as UTF-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
        if b"\x00" in body:
            raise DeckFileError(
                "the file contains NUL bytes: it looks like a binary file, not CSV/TSV text "
                "(UTF-16 files need a byte-order mark)",
                _line_of(body, body.index(b"\x00")),
            )
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            raise DeckFileError("the file is not valid UTF-16 text") from exc
        raise DeckFileError(
            f"the file is not UTF-8 text (unexpected byte 0x{body[exc.start]:02X}); "
            "save it as UTF-8 and try again",
            _line_of(body, exc.start),
        ) from exc
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        kind = "NUL bytes" if bad.group() == "\x00" else f"control character {ord(bad.group())}"
        raise DeckFileError(
            f"the file contains {kind}: it looks like a binary file, not CSV/TSV text",
            _line_of(text, bad.start()),
        )
    return text


def _header_columns(row: list[str], line: int) -> tuple[int, int] | None:
    cells = [cell.strip().lower() for cell in row]
    found = {}
    for role, names in _HEADER_NAMES.items():
        found[role] = next((i for i, c in enumerate(cells) if c in names), None)
    if found["front"] is None and found["back"] is None:
        return None
    for role, index in found.items():
        if index is None:
            raise DeckFileError(f"the header row has no '{role}' column", line)
    return found["front"], found["back"]


def _check_field(text: str, side: str, line: int) -> None:
    markup = _MARKUP.search(text)
    if markup:
        raise DeckFileError(
            f"the {side} contains markup ({markup.group()[:30]!r}); cards are plain text, "
            "so remove the HTML or script and import again",
            line,
        )


def parse_deck_text(text: str, delimiter: str = ",") -> list[tuple[str, str]]:
    """(front, back) pairs from decoded CSV/TSV text; raises DeckFileError."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns: tuple[int, int] | None = None
    pairs: list[tuple[str, str]] = []
    seen_content = False
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if not seen_content and _DIRECTIVE.match(row[0]):
                continue
            if not seen_content:
                seen_content = True
                columns = _header_columns(row, line)
                if columns is not None:
                    continue
            pairs.append(_pair_from_row(row, columns, line))
            if len(pairs) > MAX_ROWS:
                raise DeckFileError(
                    f"the file has more than {MAX_ROWS:,} cards; split it into smaller files",
                    line,
                )
    except csv.Error as exc:
        raise DeckFileError(f"the file is not valid CSV/TSV ({exc})", reader.line_num) from exc
    if not pairs:
        raise DeckFileError("the file contains no cards")
    return pairs


def restore_cell(text: str) -> str:
    """Undo :func:`gdgame.study.exporter.neutralise_cell`: drop the ``'`` it added."""
    if text.startswith("'") and text[1:].lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _pair_from_row(row: list[str], columns: tuple[int, int] | None, line: int) -> tuple[str, str]:
    if columns is None:
        if len(row) != 2:
            what = "only 1 column" if len(row) < 2 else f"{len(row)} columns"
            hint = (
                " (the columns look separated by semicolons: save the file with commas, or as .tsv)"
                if len(row) == 1 and ";" in row[0]
                else ", or add a header row naming the front and back columns"
            )
            raise DeckFileError(
                f"found {what}; each row needs exactly two (front, back){hint}", line
            )
        front, back = row
    else:
        if len(row) <= max(columns):
            raise DeckFileError("the row is missing the front or back column", line)
        front, back = row[columns[0]], row[columns[1]]
    front, back = restore_cell(front.strip()), restore_cell(back.strip())
    _check_field(front, "front", line)
    _check_field(back, "back", line)
    try:
        return clean_card_text(front, back)
    except CardTextError as exc:
        raise DeckFileError(str(exc), line) from exc


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_regular_file(path: Path, mode: int) -> DeckFileError:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return DeckFileError(f"{path} is {kind}, not a deck file; choose a .csv or .tsv file")


def _read_regular_file(path: Path, timeout: float) -> bytes:
    """The bytes of ``path``, refusing anything but a regular file before opening it."""
    deadline = time.monotonic() + timeout
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise _not_a_regular_file(path, info.st_mode)
    if info.st_size > MAX_FILE_BYTES:
        raise DeckFileError(
            f"the file is {info.st_size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    # O_NONBLOCK: should the name have been swapped for a pipe since stat(), opening it
    # does not wait for a writer (and fstat below refuses it).
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_regular_file(path, mode)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise DeckFileError(f"the file is over {MAX_FILE_BYTES // 1024 // 1024} MB")
            if time.monotonic() > deadline:
                raise DeckFileError(
                    f"reading {path.name} took longer than {timeout:g} s; if it is on a "
                    "network drive, copy it to this computer first"
                )
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_deck_file(path: str | Path, timeout: float = READ_TIMEOUT) -> list[tuple[str, str]]:
    """Read and validate a deck file (.csv or .tsv) without touching any collection."""
    path = Path(path)
    delimiter = DELIMITERS.get(path.suffix.lower())
    if delimiter is None:
        raise DeckFileError(f"cannot import '{path.suffix or path.name}' files; use .csv or .tsv")
    try:
        data = _read_regular_file(path, timeout)
    except FileNotFoundError as exc:
        raise DeckFileError(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise DeckFileError(f"{path} is a folder, not a deck file") from exc
    except OSError as exc:
        raise DeckFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_deck_text(decode_deck_bytes(data), delimiter)
