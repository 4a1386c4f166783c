"""Bad values in gdgame.ini are checked once when the context is made: logged, rewritten,
and no screen ever sees them (issue 13, defect 1)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QSettings

from gdgame.settings_schema import LAB_SPEEDS, setting_for
from gdgame.ui import settings_store
from gdgame.ui.context import AppContext


def _write_ini(paths, text: str):
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    ini = paths.config_dir / "gdgame.ini"
    ini.write_text(text, encoding="utf-8")
    return ini


@pytest.mark.parametrize("bad", ["fast", "-99999999999", "nan", "1e400", ""])
def test_a_bad_lab_speed_is_replaced_logged_once_and_the_lab_opens(qtbot, app_paths, caplog, bad):
    from gdgame.ui.lab.screen import LabScreen

    ini = _write_ini(app_paths, f"[lab]\nspeed_index={bad}\nlog_loss=true\n")
    with caplog.at_level(logging.WARNING, logger="gdgame.settings"):
        ctx = AppContext.for_folder(app_paths)
        lab = LabScreen(ctx)
        qtbot.addWidget(lab)
    default = LAB_SPEEDS.index(20)
    assert lab.run_panel.speed.value() == default
    assert lab.plots.log_loss.isChecked()  # the good key next to it is kept
    warnings = [r for r in caplog.records if "lab/speed_index" in r.getMessage()]
    assert len(warnings) == 1 and repr(bad) in warnings[0].getMessage()
    assert f"speed_index={default}" in ini.read_text(encoding="utf-8")  # rewritten
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="gdgame.settings"):
        AppContext.for_folder(app_paths)  # the next start finds a good value: no new warning
    assert not caplog.records
    lab.shutdown()


def test_every_screen_reader_gets_a_valid_value_after_validation(app_paths):
    _write_ini(
        app_paths,
        "[hike]\nrate=nan\nlog_y=perhaps\nsound=2\n"
        "[quiz]\nlength=1e999\nmode=nonsense\n"
        "[learn]\nsection=zzz\nscroll\\summary=-5\nsummary_depth=\n"
        "[view]\nappearance=purple\n[window]\ngeometry=text\nscreen=\n",
    )
    AppContext.for_folder(app_paths).settings.sync()
    settings = QSettings(str(app_paths.config_dir / "gdgame.ini"), QSettings.Format.IniFormat)
    assert float(settings.value("hike/rate")) == 0.1
    assert str(settings.value("hike/log_y")).lower() == "false"  # what the Hike reads
    assert str(settings.value("hike/sound")).lower() == "false"
    assert int(settings.value("quiz/length")) == 10
    assert settings.value("quiz/mode") == setting_for("quiz/mode").default
    assert settings.value("learn/section") == "conversation"
    assert int(settings.value("learn/scroll/summary")) == 0
    assert settings.value("learn/summary_depth") == "basic"
    assert settings.value("view/appearance") == "system"
    assert not settings.contains("window/geometry")


def test_values_in_a_loose_form_are_rewritten_canonically_without_a_warning(app_paths, caplog):
    ini = _write_ini(app_paths, "[lab]\nlog_loss=1\nspeed_index= 7 \n")
    with caplog.at_level(logging.WARNING, logger="gdgame.settings"):
        settings = AppContext.for_folder(app_paths).settings
    settings.sync()
    text = ini.read_text(encoding="utf-8")
    assert "log_loss=true" in text and "speed_index=7" in text
    assert not caplog.records


def test_unknown_keys_are_left_alone(app_paths):
    ini = _write_ini(app_paths, "[future]\nthing=whatever\n")
    AppContext.for_folder(app_paths)
    assert "thing=whatever" in ini.read_text(encoding="utf-8")


def test_read_returns_defaults_and_repairs_values_changed_while_running(app_paths, caplog):
    settings = QSettings(str(app_paths.config_dir / "gdgame.ini"), QSettings.Format.IniFormat)
    assert settings_store.read(settings, "lab/speed_index") == LAB_SPEEDS.index(20)
    settings.setValue("lab/speed_index", "warp")
    with caplog.at_level(logging.WARNING, logger="gdgame.settings"):
        assert settings_store.read(settings, "lab/speed_index") == LAB_SPEEDS.index(20)
        assert settings_store.read(settings, "lab/speed_index") == LAB_SPEEDS.index(20)
    assert len(caplog.records) == 1  # logged once: the bad value was rewritten
    with pytest.raises(KeyError):
        settings_store.read(settings, "lab/not_a_key")


def test_reset_group_forgets_only_that_screen(app_paths):
    settings = AppContext.for_folder(app_paths).settings
    settings.setValue("lab/speed_index", 2)
    settings.setValue("hike/rate", 0.5)
    settings_store.reset_group(settings, "lab")
    assert not settings.contains("lab/speed_index")
    assert float(settings.value("hike/rate")) == 0.5


def test_hike_rate_limits_match_the_hike_rate_control():
    from gdgame.settings_schema import HIKE_RATE_RANGE
    from gdgame.ui.hike.rate_control import MAX_RATE, MIN_RATE

    low, high = HIKE_RATE_RANGE
    assert low == pytest.approx(MIN_RATE) and high == pytest.approx(MAX_RATE)


def test_a_huge_settings_file_is_set_aside_not_read_and_the_user_is_told(
    qtbot, app_paths, caplog, capsys
):
    from gdgame.ui.app import build_window
    from gdgame.ui.context import MAX_SETTINGS_BYTES

    junk = "".join(f"k{i}={'x' * 100}\n" for i in range(MAX_SETTINGS_BYTES // 100))
    ini = _write_ini(app_paths, "[view]\nappearance=dark\n[junk]\n" + junk)
    original = ini.read_bytes()
    with caplog.at_level(logging.WARNING, logger="gdgame.settings"):
        _app, window, _reporter = build_window(app_paths, interactive=False)
    qtbot.addWidget(window)
    kept = list(app_paths.config_dir.glob("gdgame.ini.too-big-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == original  # moved, never deleted
    assert not window.ctx.settings.contains("view/appearance")  # started with defaults
    notice = capsys.readouterr().out
    assert "far too large" in notice and kept[0].name in notice
    assert any("moved aside" in r.getMessage() for r in caplog.records)


def test_a_settings_file_of_normal_size_is_read_as_before(app_paths):
    _write_ini(app_paths, "[view]\nappearance=dark\n")
    ctx = AppContext.for_folder(app_paths)
    assert ctx.settings_notice is None and ctx.settings.value("view/appearance") == "dark"
    assert not list(app_paths.config_dir.glob("gdgame.ini.too-big-*"))


def test_a_linked_settings_file_is_saved_through_its_link(app_paths, tmp_path):
    """A dotfiles manager links gdgame.ini to its own copy: saving keeps the link and
    writes the linked file (QSettings' atomic save follows the link)."""
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "gdgame.ini"
    real.write_text("[view]\nappearance=dark\n", encoding="utf-8")
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    link = app_paths.config_dir / "gdgame.ini"
    link.symlink_to(real)
    ctx = AppContext.for_folder(app_paths)
    assert ctx.settings.value("view/appearance") == "dark"
    ctx.settings.setValue("view/appearance", "light")
    ctx.settings.sync()
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "appearance=light" in real.read_text(encoding="utf-8")


def test_a_link_that_goes_round_in_a_loop_still_starts_with_defaults(app_paths, caplog):
    app_paths.config_dir.mkdir(parents=True, exist_ok=True)
    link = app_paths.config_dir / "gdgame.ini"
    link.symlink_to(link)  # points at itself
    ctx = AppContext.for_folder(app_paths)
    assert ctx.settings.value("view/appearance") is None  # nothing readable: defaults


def test_a_huge_settings_file_that_cannot_be_moved_is_not_read_nor_written(app_paths, monkeypatch):
    """A read-only config folder: the huge file stays as it is, unread (reading it took
    minutes), the app starts with defaults in a throwaway file and says so."""
    import errno
    from pathlib import Path

    from gdgame.ui.context import MAX_SETTINGS_BYTES

    junk = "".join(f"k{i}={'x' * 100}\n" for i in range(MAX_SETTINGS_BYTES // 100))
    ini = _write_ini(app_paths, "[view]\nappearance=dark\n[junk]\n" + junk)
    original = ini.read_bytes()

    def refuse(self, target):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "rename", refuse)
    ctx = AppContext.for_folder(app_paths)
    assert "could not be moved aside" in ctx.settings_notice and str(ini) in ctx.settings_notice
    assert "will not save settings" in ctx.settings_notice
    assert not ctx.settings.contains("view/appearance")  # defaults, the file unread
    ctx.settings.setValue("view/appearance", "light")
    ctx.settings.sync()
    assert ini.read_bytes() == original and Path(ctx.settings.fileName()) != ini
