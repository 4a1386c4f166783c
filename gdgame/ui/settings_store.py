"""The thin QSettings side of :mod:`gdgame.settings_schema`.

:func:`validate` runs once when the context is created: every known key in ``gdgame.ini``
is checked against the schema; a bad value is logged (once: it is rewritten with the
default, so the next start finds a good one). Screens then read plain, valid values.
:func:`read` gives one checked value (for code that wants a typed value without parsing);
:func:`reset_group` forgets a screen's settings (the "reset this screen's settings" button).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings

from gdgame.settings_schema import Checked, check, setting_for, stored_form

log = logging.getLogger("gdgame.settings")


def _apply(settings: QSettings, key: str, raw: object, result: Checked) -> None:
    if result.problem:
        log.warning("settings file %s: %s", settings.fileName(), result.problem)
    if result.remove:
        settings.remove(key)
    elif result.problem or (isinstance(raw, str) and stored_form(result.value) != raw):
        settings.setValue(key, result.value)


def validate(settings: QSettings) -> list[str]:
    """Check every known key now; rewrite bad ones. Returns the problems (also logged)."""
    problems = []
    for key in settings.allKeys():
        setting = setting_for(key)
        if setting is None:  # not ours (or from a newer gdgame): leave it alone
            continue
        raw = settings.value(key)
        result = check(setting, raw, key)
        _apply(settings, key, raw, result)
        if result.problem:
            problems.append(result.problem)
    if problems:
        settings.sync()
    return problems


def read(settings: QSettings, key: str):
    """The value of a known ``key``: its default when missing, never a bad value."""
    setting = setting_for(key)
    if setting is None:
        raise KeyError(f"{key} is not a known setting (add it to gdgame.settings_schema)")
    if not settings.contains(key):
        return setting.default
    raw = settings.value(key)
    result = check(setting, raw, key)
    _apply(settings, key, raw, result)
    return result.value


def reset_group(settings: QSettings, group: str) -> None:
    """Forget every setting of one screen (``lab`` removes ``lab/...``)."""
    settings.remove(group)
    settings.sync()
    log.info("settings of %s reset to their defaults", group)
