"""Home: what gdgame is, where to go next, and a live demo of three learning rates."""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gdgame.ui import theme
from gdgame.ui.log_axis import Log10Axis
from gdgame.ui.preload import ModulePreloader
from gdgame.ui.screen import Screen, Wait

DEMO_RATES = (0.02, 0.4, 0.97)
DEMO_LABELS = ("Too small: crawls", "Just right", "Too big: bounces")
DEMO_STEPS = 30
LOSS_FLOOR = 1e-12  # a loss this small is drawn as this (log scale)
FIELD_X, FIELD_Y = (-1.6, 1.6), (-0.1, 2.6)
FRAME_MS = 150
HOLD_FRAMES = 12  # pause on the final picture before the demo starts again
STAGE_GAP_MS = 30  # a real pause between build steps, so the repaint a step causes and
# the next step never share one event-loop turn (a 0 ms timer is a posted event that
# runs before any timer, so back-to-back steps would block the loop as one long turn)
DEMO_MODULES = ("gdgame.engine.registry", "gdgame.engine.descent", "gdgame.engine.optimizers")
IMPORT_BUDGET_S = 0.010  # start no further import in a turn after this (one takes <= 25 ms)
_DONE = object()

DESTINATIONS = (
    ("hike", "Play the Hike", "Find the valley floor blindfolded, one learning rate at a time."),
    ("lab", "Open the Lab", "Race optimisers, sweep learning rates, try your own surface."),
    ("learn", "Read the lesson", "A conversation, six chapters and memory aids."),
    ("cards", "Review cards", "Spaced repetition for every term of the lesson."),
)


class DescentDemo(QWidget):
    """Three hikers on the same bowl, each with its own learning rate, stepping live.

    Built in small steps, one per event-loop turn, after the window is first shown (the
    engine's modules one at a time, then each plot's axes, plot item, curves and place in
    the layout, each with the repaint it causes well under 50 ms), so the app answers the
    user as soon as it appears; anything that needs the demo builds the rest at once.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.steps_drawn = 0
        self.frames_drawn = 0
        self._frames = None
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.advance)
        self.loss_history = np.full((DEMO_STEPS + 1, len(DEMO_RATES)), np.nan)
        self.position_history = np.full((DEMO_STEPS + 1, len(DEMO_RATES)), np.nan)
        self._hold = 0
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # Empty places for the two plots, so each plot first paints at its final size
        # (adding the second plot later would make the first one lay out and paint again).
        self._places = (QWidget(self), QWidget(self))
        self._layout.addWidget(self._places[0], 3)
        self._layout.addWidget(self._places[1], 2)
        self._steps = self._build_steps()  # a generator: each yield ends a turn
        self._step_queued = False  # one build step waits on a timer (never two)
        self._playing = False

    # --- building in steps ------------------------------------------------------------------
    @property
    def built(self) -> bool:
        return self._steps is None

    def ensure_built(self) -> None:
        """Finish building now (a test, the smoke test or a restart needs the demo)."""
        if self._steps is not None:
            for _ in self._steps:
                pass
            self._steps = None

    def build_soon(self) -> None:
        """Build one step per event-loop turn while the demo plays, then start it."""
        self._queue_step(STAGE_GAP_MS)

    def _queue_step(self, gap_ms: int) -> None:
        if self._steps is not None and not self._step_queued:
            self._step_queued = True
            QTimer.singleShot(gap_ms, self._next_step)

    def _next_step(self) -> None:
        self._step_queued = False
        if self._steps is None or not self._playing:
            return  # finished meanwhile by ensure_built, or paused (play() goes on)
        gap = next(self._steps, _DONE)
        if gap is not _DONE:
            self._queue_step(gap or STAGE_GAP_MS)
            return
        self._steps = None
        self.timer.start()

    def _build_steps(self) -> Iterator[int | None]:
        """Yields the pause before the next step (None: STAGE_GAP_MS)."""
        loader = ModulePreloader(self)  # the engine, a few modules per turn (after the show)
        loader.queue(DEMO_MODULES)
        more = True
        while more:
            deadline = time.perf_counter() + IMPORT_BUDGET_S
            more = loader.import_next()
            while more and time.perf_counter() < deadline:
                more = loader.import_next()
            if more:
                yield loader.gap_ms  # an import repaints nothing: a shorter pause will do
        from gdgame.engine.descent import iter_descent
        from gdgame.engine.optimizers import make_optimizer
        from gdgame.engine.registry import get_landscape

        self._iter_descent, self._make_optimizer = iter_descent, make_optimizer
        self.landscape = get_landscape("quadratic", scales=(2.0,))
        yield
        self.field = yield from _plot_in_steps(None)
        self._draw_bowl()
        yield
        self._add_hikers()
        yield
        self.losses = yield from _plot_in_steps(Log10Axis("left"))
        self._style_losses()
        yield
        self._restart()  # step 0 drawn while both plots are still off screen
        yield
        self._put_in_place(0, self.field)  # first paint of the bowl
        yield
        self._put_in_place(1, self.losses)  # first paint of the losses

    def _put_in_place(self, index: int, plot: pg.PlotWidget) -> None:
        place = self._places[index]
        self._layout.replaceWidget(place, plot)
        place.deleteLater()

    def _draw_bowl(self) -> None:
        self.field.setAccessibleName("Demo: three hikers on a bowl")
        self.field.setMouseEnabled(False, False)
        self.field.hideButtons()
        self.field.setTitle("Same valley, three learning rates")
        xs = np.linspace(-1.6, 1.6, 200)  # the hikers start at 1.4 and bounce within
        self.field.plot(xs, self.landscape.value(xs[:, None]), pen=pg.mkPen("#888888", width=2))
        self.field.setRange(xRange=FIELD_X, yRange=FIELD_Y)
        theme.style_plot(self.field)

    def _add_hikers(self) -> None:
        self.balls = []
        self.trails = []
        legend = self.field.addLegend(offset=(10, 10))
        for index, label in enumerate(DEMO_LABELS):
            colour = theme.SERIES_COLORS[index]
            trail = pg.PlotDataItem(
                pen=pg.mkPen(colour, width=1),
                symbol="o",
                symbolSize=5,
                symbolBrush=colour,
                symbolPen=None,
            )
            self.field.addItem(trail)
            self.trails.append(trail)
            ball = pg.ScatterPlotItem(
                size=14, brush=pg.mkBrush(colour), pen=pg.mkPen(None), name=label
            )
            self.field.addItem(ball)
            self.balls.append(ball)
        theme.style_legend(legend)

    def _style_losses(self) -> None:
        self.losses.setAccessibleName("Demo: loss per step")
        self.losses.setTitle("Loss per step (log scale)")
        self.losses.setLabel("bottom", "step")
        self.loss_curves = [
            self.losses.plot(pen=theme.series_pen(i, 2)) for i in range(len(DEMO_RATES))
        ]
        theme.style_plot(self.losses)

    def restart(self) -> None:
        self.ensure_built()
        self._restart()

    def _restart(self) -> None:
        start = np.full((len(DEMO_RATES), 1), 1.4)
        optimizer = self._make_optimizer("sgd", np.array(DEMO_RATES))
        records = list(self._iter_descent(self.landscape, start, optimizer, DEMO_STEPS))
        self._frames = iter(records)
        # Both plots keep one frame for the whole run (no axis relayout on every step, so a
        # frame is a cheap repaint and the picture does not jump).
        start_losses = np.asarray(self.landscape.value(start)).reshape(-1)
        logs = np.log10(np.maximum([start_losses, *(r.losses for r in records)], LOSS_FLOOR))
        self.losses.setXRange(0, DEMO_STEPS, padding=0.02)
        self.losses.setYRange(float(logs.min()), float(logs.max()), padding=0.05)
        self.loss_history[:] = np.nan
        self.position_history[:] = np.nan
        self._hold = 0
        self.steps_drawn = 0
        # The descent yields from step 1: draw the shared starting point as step 0 first.
        self._draw(0, start, np.asarray(self.landscape.value(start)))
        self.frames_drawn += 1

    def advance(self) -> None:
        if self._frames is None:
            self.restart()
        record = next(self._frames, None)
        if record is None:
            self._hold += 1
            if self._hold > HOLD_FRAMES:
                self.restart()
            return
        self._draw(record.step, record.positions, record.losses)
        self.steps_drawn += 1
        self.frames_drawn += 1

    def _draw(self, step: int, positions, losses) -> None:
        positions = np.asarray(positions).reshape(len(DEMO_RATES), 1)
        losses = np.asarray(losses).reshape(len(DEMO_RATES))
        self.loss_history[step] = np.maximum(losses, LOSS_FLOOR)
        self.position_history[step] = positions[:, 0]
        steps = np.arange(step + 1)
        for index, ball in enumerate(self.balls):
            ball.setData([positions[index, 0]], [losses[index]])
            self.trails[index].setData(
                self.position_history[: step + 1, index],
                self.loss_history[: step + 1, index],
            )
        for index, curve in enumerate(self.loss_curves):
            curve.setData(steps, np.log10(self.loss_history[: step + 1, index]))

    def play(self) -> None:
        self._playing = True
        if self.built:
            self.timer.start()
        else:
            self.build_soon()  # starts the timer when the last stage is in

    def pause(self) -> None:
        self._playing = False
        self.timer.stop()  # a build step already queued does nothing; play() goes on


def _plot_in_steps(left_axis: pg.AxisItem | None) -> Iterator[int | None]:
    """A menu-less PlotWidget made over three turns: axes, plot item, widget (returned)."""
    axes = {name: pg.AxisItem(name) for name in ("right", "top", "bottom")}
    axes["left"] = left_axis if left_axis is not None else pg.AxisItem("left")
    yield
    item = pg.PlotItem(axisItems=axes, enableMenu=False)
    for name in ("right", "top"):  # made with the others; hidden, as pyqtgraph does
        item.hideAxis(name)
    yield
    return pg.PlotWidget(plotItem=item)


class HomeScreen(Screen):
    screen_id = "home"
    title = "Home"

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        heading = QLabel("Learn gradient descent by walking it")
        theme.enlarge_font(heading, 1.8)
        intro = QLabel(
            "Imagine standing blindfolded on a mountain, trying to reach the lowest valley. "
            "All you can feel is how high you are and which way the ground tilts. Each stride "
            "is the learning rate times that tilt: the rate is how boldly you answer the "
            "slope. Too bold and you overshoot the bottom or fly off; too timid and you "
            "barely move. Below, three hikers start at the same spot with different rates."
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo = DescentDemo()
        self.demo.setMinimumHeight(260)
        self.demo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        buttons = QGridLayout()
        for index, (screen_id, label, blurb) in enumerate(DESTINATIONS):
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.setToolTip(blurb)
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _=False, sid=screen_id: self.ctx.navigate(sid))
            caption = QLabel(blurb)
            caption.setWordWrap(True)
            buttons.addWidget(button, 0, index)
            buttons.addWidget(caption, 1, index, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.demo, 1)
        layout.addLayout(buttons)

    def activate(self) -> None:
        self.demo.play()

    def deactivate(self) -> None:
        self.demo.pause()

    def smoke(self, wait: Wait) -> list[str]:
        self.demo.restart()
        before = self.demo.frames_drawn
        self.demo.play()
        wait(2000)
        self.demo.pause()
        drawn = self.demo.frames_drawn - before
        if drawn < 5:
            raise RuntimeError(f"the animated descent drew only {drawn} frames in 2 s")
        return [f"home: animated descent drew {drawn} frames with a live loss plot"]
