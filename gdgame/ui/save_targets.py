"""Before writing files the user named: never block on a pipe or device, never replace a
file the user did not agree to replace.

A save dialog asks about the one name typed; a save that also writes files beside it
(``run.csv`` + ``run-results.csv``, one PNG per plot) or adds a missing suffix after the
dialog closed must ask about those itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget


def not_a_file(paths: Iterable[Path]) -> str | None:
    """A message when one of ``paths`` exists but is not a regular file (a folder, a pipe,
    a device): writing there would fail or wait forever. None when all are fine."""
    for path in paths:
        if path.exists() and not path.is_file():
            return (
                f"{path.name} is not a regular file (a folder, pipe or device): "
                "choose another name."
            )
    return None


def confirm_replace(parent: QWidget | None, paths: list[Path]) -> bool:
    """Ask before replacing ``paths`` (existing files); the default answer is No."""
    names = "\n".join(f"  {path.name}" for path in paths)
    where = paths[0].parent if paths else ""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Replace files?",
        f"Saving also writes these files, which already exist in {where}:\n{names}\n\n"
        "Replace them?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def may_write(
    parent: QWidget | None, paths: list[Path], confirmed: Iterable[Path] = (), notify=None
) -> bool:
    """Whether writing ``paths`` is safe and agreed: none is a pipe, folder or device, and
    the user agreed to replace every existing one not already in ``confirmed`` (the name the
    save dialog itself asked about). ``notify(message)`` says why not."""
    problem = not_a_file(paths)
    if problem is not None:
        if notify is not None:
            notify(problem)
        return False
    agreed = {Path(p) for p in confirmed}
    existing = [p for p in paths if p.exists() and p not in agreed]
    return not existing or confirm_replace(parent, existing)
