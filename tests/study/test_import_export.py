"""Deck import/export and the `gdgame deck` CLI: good files, hostile files, Anki packages."""

from __future__ import annotations

import codecs
import os
import sqlite3
import stat
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gdgame.study import Collection
from gdgame.study.deck_cli import main
from gdgame.study.importer import (
    MAX_ROWS,
    DeckFileError,
    decode_deck_bytes,
    parse_deck_text,
    read_deck_file,
)


def snapshot(data_dir):
    """Every card and review, to prove a failed import changed nothing."""
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        return [(c.front, c.back, c.due, c.stability) for c in col.cards()], col.reviews()


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    Collection.open(folder / "gdgame.sqlite3").close()
    return folder


def run(data_dir, *argv):
    return main([*argv, "--data-dir", str(data_dir)])


@pytest.mark.parametrize(
    "encoded",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    ],
)
def test_import_good_files_in_each_encoding(tmp_path, data_dir, encoded, capsys):
    text = 'front,back\nÉtape,"Un pas, un seul"\n"Two\nlines",学习率\n'
    path = tmp_path / "deck.csv"
    path.write_bytes(encoded(text))
    assert run(data_dir, "import", str(path)) == 0
    assert "2 added" in capsys.readouterr().out
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        found = {c.front: c.back for c in col.cards(search="")}
    assert found["Étape"] == "Un pas, un seul"
    assert found["Two\nlines"] == "学习率"


def test_headerless_tsv_and_duplicates_are_updated_not_doubled(tmp_path, data_dir, capsys):
    path = tmp_path / "deck.tsv"
    path.write_text("Alpha\tfirst\nBeta\tsecond\n", encoding="utf-8")
    assert run(data_dir, "import", str(path)) == 0
    path.write_text("#separator:tab\nalpha\tfirst, revised\nBeta\tsecond\n", encoding="utf-8")
    assert run(data_dir, "import", str(path)) == 0
    assert "0 added, 1 updated, 1 unchanged" in capsys.readouterr().out
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        alphas = [c for c in col.cards() if c.front.lower() == "alpha"]
    assert [c.back for c in alphas] == ["first, revised"]


def test_a_front_repeated_in_one_file_is_one_card_and_the_summary_says_so(
    tmp_path, data_dir, capsys
):
    """Three rows with the same front (case and spacing aside) used to report one card as
    "1 added, 2 updated": the first row is the card, the others are named as skipped."""
    path = tmp_path / "deck.csv"
    path.write_text("Gamma,first\ngamma , second\nGAMMA,third\nDelta,d\n", encoding="utf-8")
    assert run(data_dir, "import", str(path)) == 0
    out = capsys.readouterr().out
    assert "2 added, 0 updated, 0 unchanged; 2 rows repeat an earlier front and were skipped" in out
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        gammas = [c for c in col.cards() if c.front.lower().strip() == "gamma"]
    assert [(c.front, c.back) for c in gammas] == [("Gamma", "first")]


def test_keep_mine_leaves_your_cards_and_still_adds_new_ones(tmp_path, data_dir, capsys):
    path = tmp_path / "deck.csv"
    path.write_text("Alpha,mine\n", encoding="utf-8")
    assert run(data_dir, "import", str(path)) == 0
    path.write_text("alpha,theirs\nOmega,new\n", encoding="utf-8")
    assert run(data_dir, "import", str(path), "--keep-mine") == 0
    assert "1 added, 0 updated, 0 unchanged; 1 of your cards kept as they were" in (
        capsys.readouterr().out
    )
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        backs = {c.front: c.back for c in col.cards(search="")}
        assert col.import_clashes([("ALPHA", "theirs"), ("Omega", "new")]) == ["Alpha"]
    assert backs["Alpha"] == "mine" and backs["Omega"] == "new"


def test_header_with_other_column_names(tmp_path, data_dir):
    path = tmp_path / "deck.csv"
    path.write_text("notes,Term,Definition\nx,Kappa,letter\n", encoding="utf-8")
    assert run(data_dir, "import", str(path)) == 0
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        assert col.cards(search="Kappa")[0].back == "letter"


HOSTILE = [
    ("junk.csv", bytes(range(256)) * 40, "binary"),
    ("latin1.csv", "front,back\ncafé,crème\n".encode("latin-1"), "line 2"),
    ("missing.csv", b"front,back\nonly one\n", "line 2"),
    ("three.csv", b"a,b\nc,d,e\n", "line 2"),
    ("nohead.csv", b"name,value\nx,\n", "line 2"),
    ("header.csv", b"front,tags\nx,y\n", "back"),
    ("nul.csv", b"front,back\nok,fine\nbad\x00,row\n", "line 3"),
    ("script.csv", b"front,back\nx,<script>alert(1)</script>\n", "line 2"),
    ("html.tsv", b"<b>bold</b>\tplain\n", "line 1"),
    ("img.csv", b'front,back\nx,"<img src=http://evil/x.png>"\n', "markup"),
    ("ctrl.csv", b"front,back\nx,y\x01\n", "line 2"),
    ("quote.csv", b'front,back\n"open,quote\n', "CSV"),
    ("empty.csv", b"", "no cards"),
    ("utf32.csv", "a,b\n".encode("utf-32"), "UTF-32"),
    ("deck.json", b'{"a": 1}', ".json"),
    ("odd16.csv", codecs.BOM_UTF16_LE + b"a\x00,\x00b", "UTF-16"),
]


@pytest.mark.parametrize(("name", "data", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_give_one_clear_message_and_change_nothing(
    tmp_path, data_dir, capsys, name, data, expected
):
    before = snapshot(data_dir)
    path = tmp_path / name
    path.write_bytes(data)
    assert run(data_dir, "import", str(path)) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1
    assert expected in captured.err
    assert snapshot(data_dir) == before


def test_too_big_and_too_many_rows(tmp_path, data_dir, capsys):
    before = snapshot(data_dir)
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)
    assert run(data_dir, "import", str(big)) == 2
    assert "MB" in capsys.readouterr().err
    many = tmp_path / "many.csv"
    many.write_bytes(b"".join(b"q%d,a\n" % i for i in range(1_000_000)))
    assert run(data_dir, "import", str(many)) == 2
    assert f"more than {MAX_ROWS:,}" in capsys.readouterr().err
    assert snapshot(data_dir) == before


def test_missing_file_and_bad_command(tmp_path, data_dir, capsys):
    assert run(data_dir, "import", str(tmp_path / "nope.csv")) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    assert main(["export"]) == 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_fuzz_random_bytes_parse_or_refuse(data):
    try:
        text = decode_deck_bytes(data)
        pairs = parse_deck_text(text, ",")
    except DeckFileError as exc:
        assert str(exc)
        return
    assert pairs and all(front.strip() and back.strip() for front, back in pairs)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))))
def test_fuzz_text_rows_parse_or_refuse(rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    try:
        pairs = parse_deck_text(buffer.getvalue(), ",")
    except DeckFileError as exc:
        assert str(exc)
        return
    assert len(pairs) <= len(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(min_size=1, max_size=300))
def test_fuzz_cli_import_never_crashes_and_is_all_or_nothing(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    Collection.open(folder / "gdgame.sqlite3").close()
    before = snapshot(folder)
    path = folder / "deck.csv"
    path.write_bytes(data)
    code = run(folder, "import", str(path))
    assert code in (0, 2)
    after = snapshot(folder)
    if code == 2:
        assert after == before
    else:
        assert len(after[0]) >= len(before[0])


def test_semicolon_files_get_a_hint(tmp_path, data_dir, capsys):
    path = tmp_path / "excel.csv"
    path.write_text("Alpha;first\n", encoding="utf-8")
    assert run(data_dir, "import", str(path)) == 2
    assert "semicolons" in capsys.readouterr().err


def test_export_round_trips_through_csv_and_tsv(tmp_path, data_dir):
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        col.add_card('Comma, quote " and\ttab', "multi\nline")
        expected = sorted((c.front, c.back) for c in col.cards())
    for suffix in (".csv", ".tsv"):
        target = tmp_path / f"out{suffix}"
        assert run(data_dir, "export", str(target)) == 0
        assert sorted(read_deck_file(target)) == expected
    again = tmp_path / "out.csv"
    before = snapshot(data_dir)
    assert run(data_dir, "import", str(again)) == 0
    assert snapshot(data_dir) == before


def test_export_apkg_is_a_valid_anki_package(tmp_path, data_dir):
    with Collection.open(data_dir / "gdgame.sqlite3") as col:
        col.add_card("<b>not bold</b>", "a < b & c")
        count = len(col.cards())
    target = tmp_path / "deck.apkg"
    assert run(data_dir, "export", str(target)) == 0
    with zipfile.ZipFile(target) as package:
        assert {"collection.anki2", "media"} <= set(package.namelist())
        assert package.read("media") == b"{}"
        (tmp_path / "c.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "c.anki2") as anki:
        notes = [row[0] for row in anki.execute("SELECT flds FROM notes")]
        assert anki.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == count
    assert len(notes) == count
    assert "&lt;b&gt;not bold&lt;/b&gt;\x1fa &lt; b &amp; c" in notes
    assert any(n.startswith("Gradient Descent\x1f") for n in notes)


def test_export_refuses_unknown_extension_and_missing_folder(tmp_path, data_dir, capsys):
    assert run(data_dir, "export", str(tmp_path / "deck.pdf")) == 2
    assert run(data_dir, "export", str(tmp_path / "nope" / "deck.csv")) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_module_entry_point_runs(tmp_path, data_dir):
    target = tmp_path / "deck.tsv"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gdgame.study.deck_cli",
            "export",
            str(target),
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("front\tback\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gdgame.study.deck_cli",
            "--data-dir",
            str(data_dir),
            "import",
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "binary" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_exported_files_get_normal_permissions(tmp_path, data_dir, umask, expected):
    old = os.umask(umask)
    try:
        for suffix in (".apkg", ".csv"):
            target = tmp_path / f"deck{suffix}"
            assert run(data_dir, "export", str(target)) == 0
            assert stat.S_IMODE(target.stat().st_mode) == expected
        target.chmod(0o640)  # replacing a file keeps the permissions it had
        assert run(data_dir, "export", str(target)) == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    finally:
        os.umask(old)
    assert not list(tmp_path.glob(".gdgame-export-*"))
