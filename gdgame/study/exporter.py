"""Write the deck to .csv, .tsv or an Anki package (.apkg, via genanki) (no Qt).

CSV/TSV files are UTF-8 with a ``front,back`` header, so they import back unchanged.
A cell a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage
return) gets a leading ``'`` as OWASP recommends; the importer takes it off again, so a
round trip is lossless. Anki renders fields as HTML, so card text is escaped (and
newlines become ``<br>``): what the learner sees in Anki is exactly our plain text. The
file is written to a temporary name and renamed at the end, so a failed export never
leaves half a file.
"""

from __future__ import annotations

import csv
import html
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from gdgame.study.importer import FORMULA_STARTS
from gdgame.study.model import Card

EXPORT_FORMATS = (".csv", ".tsv", ".apkg")
DECK_NAME = "gdgame: Gradient Descent and the Learning Rate"
# Stable ids so re-importing into Anki updates the same deck and note type.
_DECK_ID = 1_724_001_311
_MODEL_ID = 1_724_001_312


@cache
def _anki_model():
    """The note type; genanki (and the asyncio it pulls in) is imported on the first .apkg."""
    import genanki

    return genanki.Model(
        _MODEL_ID,
        "gdgame card",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=".card { font-family: sans-serif; font-size: 22px; text-align: center; }",
    )


def _user_file_mode(path: Path) -> int:
    """Permissions for the exported file: those of the file it replaces, else what any
    new file gets (0o666 less the umask) -- never the private 0o600 of a temp file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        pass
    try:  # read the umask without changing it (os.umask would race other threads)
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


class ExportError(ValueError):
    """The deck could not be written; ``str()`` is the message for the user."""


class ExportCancelled(ExportError):
    """The caller stopped the export before the file was put in place."""


def _as_anki_html(text: str) -> str:
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def _anki_tag(tag: str) -> str:
    return "".join(ch if not ch.isspace() else "_" for ch in tag)


def neutralise_cell(text: str) -> str:
    """``'=1+1`` for ``=1+1``: a spreadsheet shows the text instead of running it.

    Text already starting with quotes before such a character gets one more quote, so
    that :func:`gdgame.study.importer.restore_cell` can always take exactly one off.
    """
    if text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _write_table(cards: Sequence[Card], handle, delimiter: str) -> None:
    writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["front", "back"])
    for card in cards:
        writer.writerow([neutralise_cell(card.front), neutralise_cell(card.back)])


def _write_apkg(cards: Sequence[Card], target: str) -> None:
    import genanki

    deck = genanki.Deck(_DECK_ID, DECK_NAME)
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=_anki_model(),
                fields=[_as_anki_html(card.front), _as_anki_html(card.back)],
                guid=genanki.guid_for("gdgame", card.term_id or card.front),
                tags=[_anki_tag(t) for t in card.tags],
            )
        )
    genanki.Package(deck).write_to_file(target)


def _refuse_special_target(path: Path) -> None:
    """Never replace a folder, device or pipe (as root, /dev/null could be replaced)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # no such file yet: it will be created
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise ExportError(f"{path} is {kind}; choose a file name to export to")


def export_cards(
    cards: Sequence[Card],
    path: str | Path,
    keep_going: Callable[[], bool] = lambda: True,
) -> int:
    """Write ``cards`` to ``path`` (format by extension); returns the number written.

    ``keep_going()`` is asked just before the finished file takes its name: False (the
    caller gave up waiting) leaves no file behind and raises :class:`ExportCancelled`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ExportError(
            f"cannot export to '{suffix or path.name}'; use one of {', '.join(EXPORT_FORMATS)}"
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    _refuse_special_target(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".gdgame-export-", suffix=suffix, dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write to {folder}: {exc.strerror or exc}") from exc
    try:
        if suffix == ".apkg":
            os.close(fd)
            _write_apkg(cards, temp_name)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                _write_table(cards, handle, "\t" if suffix == ".tsv" else ",")
        if os.name != "nt":
            os.chmod(temp_name, _user_file_mode(path))
        if not keep_going():
            raise ExportCancelled(f"the export to {path} was stopped; no file was written")
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return len(cards)
