"""Screenshots of every Hike level: at the start, mid-play, after a divergence, at the reveal.

Run under a real X server (Xvfb) so fonts and plots render as on a desktop::

    Xvfb :14 -screen 0 1600x1000x24 &
    DISPLAY=:14 python packaging/screenshots/make_hike_screenshots.py [--out DIR] [--keep DIR]

Each level gets one contact sheet in ``packaging/screenshots/hike/`` (ImageMagick
``montage``): rows are 1280x800 light, 1280x800 dark, 1024x640 light, 1024x640 dark;
columns are the four moments. ``--keep DIR`` also keeps the full-size shots there.
The app runs on a throw-away data folder with every level unlocked; nothing is saved
to the user's folders. Scripted rates come from each level's written solution.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = ((1280, 800), (1024, 640))
THEMES = ("light", "dark")
MOMENTS = ("start", "midplay", "divergence", "reveal")
TILE_SCALE = 0.5
HERE = Path(__file__).resolve().parent


def _solution_rates(level) -> list[float]:
    solution = getattr(level, "solution", None)
    rates = list(getattr(solution, "rates", ()) or ())
    return [float(r) for r in rates] or [0.1]


def _solution_steps(level, rates) -> int:
    """How many steps the written solution takes (played on a Hike of its own)."""
    from gdgame.game import Hike

    hike = Hike(level)
    solution = getattr(level, "solution", None)
    if level.allow_schedule and solution is not None:
        hike.set_decay(solution.decay)
    while not hike.finished:
        hike.step(rates[min(hike.steps_used, len(rates) - 1)])
    return hike.steps_used


def _divergent_rate(hike) -> float:
    """A rate past the local speed limit 2/L here (the script may ask the rules; a view not)."""
    from gdgame.game import terrain

    limit = terrain.safe_rate(hike.landscape, hike.position)
    return min(9.0, 1.3 * limit) if limit < 1e3 else 5.0


def _play(screen, rates, steps: int | None) -> None:
    solution = getattr(screen.hike.level, "solution", None)
    if screen.hike.level.allow_schedule and solution is not None:
        screen.play.decay.setValue(solution.decay)
    taken = 0
    while not screen.hike.finished and (steps is None or taken < steps):
        rate = rates[min(taken, len(rates) - 1)]
        screen.play.rate.set_rate(rate)
        screen.take_step()
        taken += 1


def _grab(window, app, path: Path) -> None:
    for _ in range(3):
        app.processEvents()
    window.grab().save(str(path))


def shoot(out: Path, levels: list[str] | None = None) -> list[Path]:
    os.environ.setdefault("GDGAME_DATA_DIR", tempfile.mkdtemp(prefix="gdgame-shots-"))
    from PySide6.QtWidgets import QApplication

    from gdgame.game.progress import ProgressStore
    from gdgame.paths import resolve
    from gdgame.ui import theme
    from gdgame.ui.context import AppContext
    from gdgame.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = resolve(Path(os.environ["GDGAME_DATA_DIR"])).ensure()
    ctx = AppContext.for_folder(paths)
    ctx.settings.setValue("view/reduce_motion", True)  # shots of finished states
    window = MainWindow(ctx)
    window.show()
    window.navigate("hike")
    screen = window.current_screen()
    store = ProgressStore.open(paths.database)
    for level in screen.campaign.levels:
        store.unlock(level.id)
    store.close()
    screen.recording = False
    wanted = levels or [level.id for level in screen.campaign.levels]
    shots = []
    for width, height in SIZES:
        window.resize(width, height)
        for dark in (False, True):
            window.set_appearance("dark" if dark else "light")
            theme.restyle_plots(window)
            tag = f"{width}x{height}-{'dark' if dark else 'light'}"
            for level_id in wanted:
                level = screen.campaign.get(level_id)
                rates = _solution_rates(level)
                screen.start_level(level_id)
                shots.append(out / f"{level_id}-{tag}-start.png")
                _grab(window, app, shots[-1])
                _play(screen, rates, max(1, _solution_steps(level, rates) // 2))
                if not screen.hike.finished:
                    screen.show_hint()
                shots.append(out / f"{level_id}-{tag}-midplay.png")
                _grab(window, app, shots[-1])
                screen.start_level(level_id)
                _play(screen, rates, 1)
                if not screen.hike.finished:
                    screen.play.rate.set_rate(_divergent_rate(screen.hike))
                    screen.take_step()
                shots.append(out / f"{level_id}-{tag}-divergence.png")
                _grab(window, app, shots[-1])
                screen.start_level(level_id)
                screen.play.rate.set_rate(_divergent_rate(screen.hike))
                screen.take_step()
                screen.undo()  # a failed leap the reveal draws dashed
                _play(screen, rates, None)
                screen.play.reveal.finish_animation()
                shots.append(out / f"{level_id}-{tag}-reveal.png")
                _grab(window, app, shots[-1])
    window.shutdown()
    window.close()
    return shots


def contact_sheets(shots_dir: Path, sheets_dir: Path, levels: list[str]) -> None:
    sheets_dir.mkdir(parents=True, exist_ok=True)
    for level_id in levels:
        tiles = []
        for width, height in SIZES:
            for theme_name in THEMES:
                for moment in MOMENTS:
                    tiles.append(
                        shots_dir / f"{level_id}-{width}x{height}-{theme_name}-{moment}.png"
                    )
        target = sheets_dir / f"{level_id}.png"
        scaled = []
        for tile in tiles:
            small = tile.with_suffix(".small.png")
            subprocess.run(
                ["convert", str(tile), "-resize", f"{int(TILE_SCALE * 100)}%", str(small)],
                check=True,
            )
            scaled.append(str(small))
        subprocess.run(
            [
                "montage",
                *scaled,
                "-tile",
                f"{len(MOMENTS)}x",
                "-geometry",
                "+4+4",
                "-background",
                "#888888",
                "-colors",
                "256",
                f"PNG8:{target}",
            ],
            check=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "hike")
    parser.add_argument("--keep", type=Path, default=None, help="keep full-size shots here")
    parser.add_argument("--level", action="append", help="only this level (repeatable)")
    args = parser.parse_args(argv)
    shots_dir = args.keep or Path(tempfile.mkdtemp(prefix="gdgame-hike-shots-"))
    shots_dir.mkdir(parents=True, exist_ok=True)
    shots = shoot(shots_dir, args.level)
    levels = sorted({p.name.split("-1280x")[0].split("-1024x")[0] for p in shots})
    contact_sheets(shots_dir, args.out, levels)
    if args.keep is None:
        shutil.rmtree(shots_dir, ignore_errors=True)
    print(f"{len(shots)} shots, {len(levels)} contact sheets in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
