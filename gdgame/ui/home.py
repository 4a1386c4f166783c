"""Home: what gdgame is, where to go next, and a live demo of three learning rates."""

from __future__ import annotations

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
from gdgame.ui.screen import Screen, Wait

DEMO_RATES = (0.02, 0.4, 0.97)
DEMO_LABELS = ("Too small: crawls", "Just right", "Too big: bounces")
DEMO_STEPS = 30
FRAME_MS = 150
HOLD_FRAMES = 12  # pause on the final picture before the demo starts again
STAGE_GAP_MS = 30  # a real pause between build stages, so the repaint a stage causes and
# the next stage never share one event-loop turn (a 0 ms timer is a posted event that
# runs before any timer, so back-to-back stages would block the loop as one long turn)

DESTINATIONS = (
    ("hike", "Play the Hike", "Find the valley floor blindfolded, one learning rate at a time."),
    ("lab", "Open the Lab", "Race optimisers, sweep learning rates, try your own surface."),
    ("learn", "Read the lesson", "A conversation, six chapters and memory aids."),
    ("cards", "Review cards", "Spaced repetition for every term of the lesson."),
)


class DescentDemo(QWidget):
    """Three hikers on the same bowl, each with its own learning rate, stepping live.

    Built in stages, one per event-loop turn, after the window is first shown (the
    landscapes, the descent core, the bowl plot, the loss plot: each well under 50 ms), so
    the app answers the user as soon as it appears; anything that needs the demo builds the
    rest at once.
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
        self._stages = [
            self._load_landscapes,
            self._load_descent,
            self._build_field,
            self._add_hikers,
            self._build_losses,
        ]
        self._staging = False
        self._playing = False

    # --- staged building --------------------------------------------------------------------
    @property
    def built(self) -> bool:
        return not self._stages

    def ensure_built(self) -> None:
        """Finish building now (a test, the smoke test or a restart needs the demo)."""
        while self._stages:
            self._stages.pop(0)()
        self._staging = False

    def build_soon(self) -> None:
        """Build one stage per event-loop turn, then start playing."""
        if self._stages and not self._staging:
            self._staging = True
            QTimer.singleShot(STAGE_GAP_MS, self._next_stage)

    def _next_stage(self) -> None:
        if not self._staging:
            return  # finished meanwhile by ensure_built
        if self._stages:
            self._stages.pop(0)()
        if self._stages:
            QTimer.singleShot(STAGE_GAP_MS, self._next_stage)
            return
        self._staging = False
        self.restart()
        if self._playing:
            self.timer.start()

    def _load_landscapes(self) -> None:
        from gdgame.engine.registry import get_landscape  # after the window shows

        self.landscape = get_landscape("quadratic", scales=(2.0,))

    def _load_descent(self) -> None:
        from gdgame.engine.descent import iter_descent
        from gdgame.engine.optimizers import make_optimizer

        self._iter_descent, self._make_optimizer = iter_descent, make_optimizer

    def _build_field(self) -> None:
        self.field = pg.PlotWidget()
        self.field.setAccessibleName("Demo: three hikers on a bowl")
        self.field.setMenuEnabled(False)
        self.field.setMouseEnabled(False, False)
        self.field.hideButtons()
        self.field.setTitle("Same valley, three learning rates")
        xs = np.linspace(-1.6, 1.6, 200)
        self.field.plot(xs, self.landscape.value(xs[:, None]), pen=pg.mkPen("#888888", width=2))
        self.field.setYRange(-0.1, 2.6)
        theme.style_plot(self.field)
        self._layout.addWidget(self.field, 3)

    def _add_hikers(self) -> None:
        self.balls = []
        self.trails = []
        self.field.addLegend(offset=(10, 10))
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

    def _build_losses(self) -> None:
        self.losses = pg.PlotWidget(axisItems={"left": Log10Axis("left")})
        self.losses.setAccessibleName("Demo: loss per step")
        self.losses.setMenuEnabled(False)
        self.losses.setTitle("Loss per step (log scale)")
        self.losses.setLabel("bottom", "step")
        self.loss_curves = [
            self.losses.plot(pen=theme.series_pen(i, 2)) for i in range(len(DEMO_RATES))
        ]
        theme.style_plot(self.losses)
        self._layout.addWidget(self.losses, 2)

    def restart(self) -> None:
        self.ensure_built()
        start = np.full((len(DEMO_RATES), 1), 1.4)
        optimizer = self._make_optimizer("sgd", np.array(DEMO_RATES))
        self._frames = self._iter_descent(self.landscape, start, optimizer, DEMO_STEPS)
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
        self.loss_history[step] = np.maximum(losses, 1e-12)
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
        self.timer.stop()
        self._staging = False  # a stage already queued does nothing; play() starts again


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
