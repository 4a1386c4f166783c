"""Folders and shipped data: --data-dir / GDGAME_DATA_DIR and the resources finder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gdgame import resources
from gdgame.paths import DATABASE_NAME, resolve


def test_data_dir_argument_moves_everything(tmp_path):
    paths = resolve(tmp_path / "mine").ensure()
    assert paths.database == (tmp_path / "mine" / DATABASE_NAME).resolve()
    for folder in (paths.data_dir, paths.log_dir, paths.config_dir, paths.backups_dir.parent):
        assert folder.is_dir()
        assert folder.resolve().is_relative_to((tmp_path / "mine").resolve())


def test_environment_variable_is_used_when_no_argument(tmp_path, monkeypatch):
    monkeypatch.setenv("GDGAME_DATA_DIR", str(tmp_path / "env"))
    assert resolve().data_dir == (tmp_path / "env").resolve()
    assert resolve(tmp_path / "arg").data_dir == (tmp_path / "arg").resolve()


def test_platformdirs_default_without_override(monkeypatch):
    monkeypatch.delenv("GDGAME_DATA_DIR", raising=False)
    paths = resolve()
    assert "gdgame" in str(paths.data_dir)
    assert "gdgame" in str(paths.log_dir)


def test_resources_found_in_checkout():
    assert resources.root() == Path(__file__).resolve().parents[2] / "resources"
    assert resources.path("RESOURCES.md").is_file()


def test_resources_found_in_frozen_layout(tmp_path, monkeypatch):
    frozen = tmp_path / "frozen"
    (frozen / "resources").mkdir(parents=True)
    (frozen / "resources" / "RESOURCES.md").write_text("marker")
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    resources.root.cache_clear()
    try:
        assert resources.root() == frozen / "resources"
    finally:
        resources.root.cache_clear()


def test_missing_resources_raise_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "_candidates", lambda: [tmp_path / "nowhere"])
    resources.root.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="resources folder is missing"):
            resources.root()
    finally:
        resources.root.cache_clear()
