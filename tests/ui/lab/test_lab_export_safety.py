"""Lab exports never replace a file the user did not agree to, never hang on a pipe, and
never say "Saved" when nothing was written (found by the hostile-input review)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gdgame.ui.lab.screen import LabScreen

CSV = "CSV table (*.csv)"
PNG = "PNG images (*.png)"


@pytest.fixture
def lab(shown_screen, ctx):
    screen = shown_screen(LabScreen)
    ctx.messages = []
    ctx.notify = ctx.messages.append
    return screen


@pytest.fixture
def answer(monkeypatch):
    """answer(path, filter, replace=...) : what the save dialog and the question box say."""
    asked = []

    def set_answers(path, chosen, replace=False):
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), chosen))
        )
        reply = QMessageBox.StandardButton.Yes if replace else QMessageBox.StandardButton.No

        def exec_(box):
            asked.append(box.text())
            return reply

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        return asked

    return set_answers


def test_a_run_never_replaces_its_results_file_without_asking(lab, ctx, tmp_path, answer):
    mine = tmp_path / "run-results.csv"
    mine.write_text("my own table\n")
    asked = answer(tmp_path / "run.csv", CSV, replace=False)
    lab.save_run_dialog()
    assert asked and "run-results.csv" in asked[0]
    assert mine.read_text() == "my own table\n" and not (tmp_path / "run.csv").exists()
    asked = answer(tmp_path / "run.csv", CSV, replace=True)
    lab.save_run_dialog()
    assert mine.read_text().startswith("hiker,") and (tmp_path / "run.csv").exists()
    assert ctx.messages[-1].startswith("Saved run.csv")


def test_a_name_typed_without_a_suffix_asks_before_replacing(lab, ctx, tmp_path, answer):
    mine = tmp_path / "run.csv"
    mine.write_text("keep me\n")
    asked = answer(tmp_path / "run", CSV, replace=False)
    lab.save_run_dialog()
    assert asked and mine.read_text() == "keep me\n"


def test_a_pipe_is_refused_at_once(lab, ctx, tmp_path, answer):
    os.mkfifo(tmp_path / "run.csv")
    answer(tmp_path / "run.csv", CSV)
    lab.save_run_dialog()  # would block forever opening the pipe for writing
    assert "not a regular file" in ctx.messages[-1]


def test_plots_ask_before_replacing_their_files(lab, ctx, tmp_path, answer):
    mine = tmp_path / "p-loss.png"
    mine.write_bytes(b"mine")
    asked = answer(tmp_path / "p.png", PNG, replace=False)
    lab.save_plots_dialog()
    assert asked and "p-loss.png" in asked[0] and mine.read_bytes() == b"mine"
    assert not (tmp_path / "p-sweep.png").exists()


def test_an_image_that_could_not_be_written_is_not_reported_saved(lab, ctx, tmp_path, answer):
    answer(tmp_path / "no-such-folder" / "p.png", PNG)
    lab.save_plots_dialog()
    assert ctx.messages[-1].startswith("Could not save")
