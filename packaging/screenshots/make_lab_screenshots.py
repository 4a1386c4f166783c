"""Screenshots of the Lab's data tools (issue 15): the data panel mid-race and the
learning-rate range test, at 1280x800 in light and dark.

Run under a real X server (Xvfb) so fonts and plots render as on a desktop::

    Xvfb :11 -screen 0 1600x1000x24 &
    DISPLAY=:11 python packaging/screenshots/make_lab_screenshots.py [--out DIR]

Shots (``packaging/screenshots/lab/`` by default, 256-colour PNGs):

* ``data-line-<theme>.png``: the penguin line in mini-batches preset with four hikers,
  stopped mid-race, the data panel beside the map;
* ``data-species-<theme>.png``: four hikers separating two species, mid-race;
* ``data-disabled-<theme>.png``: a formula landscape: the data tab disabled with its reason;
* ``range-test-<theme>.png``: a sweep, then the range test on the standardised line;
* ``range-floor-<theme>.png``: the range test on a formula that goes below zero.

The app runs on a throw-away data folder; nothing is saved to the user's folders.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = (1280, 800)


def _wait(app, done, limit: int = 200_000) -> None:
    for _ in range(limit):
        if done():
            return
        app.processEvents()
    raise RuntimeError("the Lab did not get there")


def _grab(window, app, path: Path) -> None:
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(path))
    subprocess.run(["convert", str(path), "-colors", "256", f"PNG8:{path}"], check=True)


def _race(app, lab, steps: int) -> None:
    lab.reset_run()
    for _ in range(steps):
        count = lab.controller.recording.count
        lab.controller.step_once()
        _wait(app, lambda c=count: lab.controller.recording.count > c)
    lab._repaint()


def shoot(out: Path) -> list[Path]:
    os.environ.setdefault("GDGAME_DATA_DIR", tempfile.mkdtemp(prefix="gdgame-shots-"))
    from PySide6.QtWidgets import QApplication

    from gdgame.engine.presets import HikerSpec
    from gdgame.paths import resolve
    from gdgame.ui import theme
    from gdgame.ui.context import AppContext
    from gdgame.ui.lab.run_setup import CUSTOM, LandscapeChoice
    from gdgame.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = resolve(Path(os.environ["GDGAME_DATA_DIR"])).ensure()
    window = MainWindow(AppContext.for_folder(paths))
    window.resize(*SIZE)
    window.show()
    window.navigate("lab")
    lab = window.current_screen()
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    for name in ("light", "dark"):
        window.set_appearance(name)
        theme.restyle_plots(window)
        lab.apply_preset("penguin-batches")
        extra = [HikerSpec("adam", 0.3, (-1.0, 1.0)), HikerSpec("momentum", 0.05, (3.0, 6.0))]
        lab.hikers.set_specs([*lab.hikers.specs(), *extra])
        _race(app, lab, 12)
        lab.show_data_panel()
        shots.append(out / f"data-line-{name}.png")
        _grab(window, app, shots[-1])

        lab.landscapes.select(LandscapeChoice(kind="penguin_species"))
        lab.hikers.set_specs(
            [
                HikerSpec("sgd", 0.5, (2.0, -2.0)),
                HikerSpec("sgd", 3.0, (2.0, -2.0)),
                HikerSpec("adam", 0.1, (-2.0, 2.0)),
                HikerSpec("momentum", 0.3, (0.5, 3.0)),
            ]
        )
        _race(app, lab, 15)
        lab.show_data_panel()
        shots.append(out / f"data-species-{name}.png")
        _grab(window, app, shots[-1])

        lab.landscapes.select(LandscapeChoice(kind="rosenbrock"))
        lab.views.tools.setCurrentWidget(lab.range_panel)
        shots.append(out / f"data-disabled-{name}.png")
        _grab(window, app, shots[-1])

        lab.landscapes.select(LandscapeChoice(kind="penguin_mass", params={"batch_size": 16}))
        lab.hikers.set_specs([HikerSpec("sgd", 0.01, (-2.0, 0.5))])
        lab.sweep.count.setValue(60)
        lab.start_sweep()
        _wait(app, lambda: lab.sweep.best_rate is not None and not lab.sweep.is_running())
        lab.start_range_test()
        _wait(app, lambda: lab.range_panel.result is not None and not lab.range_panel.is_running())
        shots.append(out / f"range-test-{name}.png")
        _grab(window, app, shots[-1])

        lab.landscapes.select(LandscapeChoice(kind=CUSTOM, formula="x**4 - 3*x**2 + y**2"))
        _wait(app, lambda: not lab.landscapes.building())
        lab.hikers.set_specs([HikerSpec("sgd", 0.01, (0.3, 1.5))])
        lab.start_range_test()
        _wait(app, lambda: lab.range_panel.result is not None and not lab.range_panel.is_running())
        shots.append(out / f"range-floor-{name}.png")
        _grab(window, app, shots[-1])
    window.shutdown()
    window.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "lab")
    args = parser.parse_args(argv)
    shots = shoot(args.out)
    print(f"{len(shots)} shots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
