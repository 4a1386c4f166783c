"""Save Lab plots as PNG or SVG (one file per plot).

PNG uses pyqtgraph's ImageExporter. SVG tries pyqtgraph's SVGExporter and, where it fails
on the SVG that newer Qt versions write (pyqtgraph issue #3485), paints the plot widget
through Qt's own QSvgGenerator instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters
from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSettings, QSize, QStandardPaths
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QWidget

from gdgame.ui import settings_store
from gdgame.ui.save_targets import may_write

EMPTY_PATH = re.compile(r'<path[^>]*\sd=""[^>]*/>')


def _qt_svg(widget: pg.PlotWidget, target: Path, title: str) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(target))
    size = widget.size() if widget.width() > 10 else QSize(640, 480)
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setResolution(widget.logicalDpiX())  # else text and axes shift against the data
    painter = QPainter(generator)
    items = [i for i in widget.scene().items() if hasattr(i, "setExportMode")]
    try:
        for item in items:  # e.g. scatter symbols drawn one by one, not from a pixmap atlas
            item.setExportMode(True, {"antialias": True, "painter": painter})
        widget.render(painter)
    finally:
        for item in items:
            item.setExportMode(False)
        painter.end()
    # curves with a single point are written as empty paths, which SVG readers reject
    text = target.read_text(encoding="utf-8")
    target.write_text(EMPTY_PATH.sub("", text), encoding="utf-8")


def _lay_out_unshown(widget: pg.PlotWidget) -> None:
    """A plot on a hidden tab has never been painted, so its axes have not measured their
    tick labels yet (a saved picture had the axis title over the numbers): paint it once
    off screen and let its layout settle before it is saved."""
    widget.grab()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    widget.getPlotItem().layout.activate()


def plot_paths(names: list[str], path: str | Path) -> list[Path]:
    """``lab.png`` -> ``lab-loss.png``, ``lab-sweep.png``...; unknown suffixes become PNG."""
    path = Path(path)
    suffix = path.suffix.lower() if path.suffix.lower() in (".png", ".svg") else ".png"
    return [path.with_name(f"{path.stem}-{name}{suffix}") for name in names]


def export_plots(plots: dict[str, pg.PlotWidget], path: str | Path) -> list[Path]:
    """Write every plot next to ``path``; returns the written paths."""
    written = []
    for (name, widget), target in zip(plots.items(), plot_paths(list(plots), path), strict=True):
        item = widget.getPlotItem()
        if not widget.isVisible():
            _lay_out_unshown(widget)
        if target.suffix == ".svg":
            try:
                pg.exporters.SVGExporter(item).export(str(target))
            except (ValueError, IndexError):
                _qt_svg(widget, target, f"gdgame Lab: {name}")
        else:
            exporter = pg.exporters.ImageExporter(item)
            exporter.parameters()["width"] = max(int(item.sceneBoundingRect().width()), 400)
            if exporter.export(str(target)) is False:  # Qt's image writer reports, not raises
                raise OSError(f"could not write {target}")
        written.append(target)
    return written


def ask_save_path(
    parent: QWidget, settings: QSettings, title: str, name: str, formats: dict[str, str]
) -> Path | None:
    """Ask where to save; remembers the folder (``lab/export_dir``), adds the type's suffix."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(settings_store.read(settings, "lab/export_dir") or documents or Path.home())
    first = next(iter(formats.values()))
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, str(folder / (name + first)), ";;".join(formats)
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in formats.values():
        target = target.with_name(target.name + formats.get(chosen, first))
        if target.exists() and not may_write(parent, [target]):  # the dialog asked about
            return None  # the name without the suffix, not about this file
    settings.setValue("lab/export_dir", str(target.parent))
    return target
