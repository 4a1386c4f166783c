"""The stats never swallow an unexpected error: it is logged with its traceback and the
learner gets one short line."""

from __future__ import annotations

import logging

from gdgame.game import levels
from gdgame.study import Collection
from gdgame.study.stats import read_stats_file
from gdgame.study.stats_sources import LEVELS_UNREADABLE


def test_unreadable_level_files_are_logged_and_noted(tmp_path, monkeypatch, caplog):
    path = tmp_path / "gdgame.sqlite3"
    Collection.open(path).close()

    def broken(**_kwargs):
        raise ValueError("levels.toml: line 3: bad par")

    monkeypatch.setattr(levels, "load_levels", broken)
    with caplog.at_level(logging.ERROR, logger="gdgame"):
        data = read_stats_file(path)
    records = [r for r in caplog.records if r.exc_info]
    assert len(records) == 1
    assert "bad par" in caplog.text and "Traceback" in caplog.text
    assert LEVELS_UNREADABLE in data.notes
    assert len(LEVELS_UNREADABLE.splitlines()) == 1
