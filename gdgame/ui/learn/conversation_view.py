"""The teacher-student conversation as speech bubbles, with optional read-aloud controls."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gdgame.lesson import Dialogue
from gdgame.ui.learn.common import ReadingPage, TintedPanel, heading, plain_label, rich_label
from gdgame.ui.learn.read_aloud import (
    ReadAloud,
    VoiceLoader,
    needs_loading,
    speech_available,
    unloaded_speech_engine,
)

BUBBLE_TINT = {"teacher": 0.07, "student": 0.22}
PREPARING_TEXT = "Preparing voices\u2026"
LOAD_PATIENCE_MS = 30_000  # listing the voices takes seconds; an engine that never answers
NOT_ANSWERING = "The speech engine did not answer, so reading aloud is not available now."


class SpeechBubble(TintedPanel):
    """One line of the dialogue: the speaker's name above their words."""

    def __init__(self, speaker_id: str, label: str, text: str, parent: QWidget | None = None):
        super().__init__(BUBBLE_TINT.get(speaker_id, 0.12), parent)
        self.speaker_id = speaker_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.name_label = rich_label(f"<b>{html.escape(label)}</b>")
        self.text_label = plain_label(text)
        layout.addWidget(self.name_label)
        layout.addWidget(self.text_label)
        self.setAccessibleName(f"{label}: {text}")

    def text(self) -> str:
        return self.text_label.text()


class ConversationView(ReadingPage):
    """Both parts of the dialogue; teacher bubbles on the left, student bubbles on the right.

    The first Listen click asks ``engine_factory(None)`` for an engine. One that still has to
    load (see :func:`needs_loading`) is loaded by a :class:`VoiceLoader` in a worker thread
    while the button says "Preparing voices..." and is disabled; reading starts when it is
    ready (unless Stop or leaving the screen came first).
    """

    def __init__(
        self,
        dialogue: Dialogue,
        parent: QWidget | None = None,
        engine_factory: Callable = unloaded_speech_engine,
        speech: bool | None = None,
        notify: Callable[[str], None] = lambda text: None,
    ):
        super().__init__(parent)
        self._engine_factory = engine_factory
        self._notify = notify
        self.read_aloud: ReadAloud | None = None
        self.loader: VoiceLoader | None = None
        self._play_when_loaded = False
        self._patience = QTimer(self)
        self._patience.setSingleShot(True)
        self._patience.timeout.connect(self._loading_took_too_long)
        self.add(heading("A conversation about finding the bottom", 1))
        self.add(self._listen_bar(speech_available() if speech is None else speech))
        self.bubbles: list[SpeechBubble] = []
        self._lines: list[tuple[str, str]] = []
        for part in dialogue:
            self.add(heading(part.title, 2))
            for line in part.lines:
                bubble = SpeechBubble(line.speaker, dialogue.label(line.speaker), line.text)
                self.add(self._row(bubble))
                self.bubbles.append(bubble)
                self._lines.append((line.speaker, line.text))
        self.finish()

    def _row(self, bubble: SpeechBubble) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if bubble.speaker_id == "student":
            layout.addStretch(1)
            layout.addWidget(bubble, 5)
        else:
            layout.addWidget(bubble, 5)
            layout.addStretch(1)
        return row

    def _listen_bar(self, available: bool) -> QWidget:
        self.listen_bar = QWidget()
        layout = QHBoxLayout(self.listen_bar)
        layout.setContentsMargins(0, 0, 0, 0)
        self.listen_button = QPushButton("Listen")
        self.listen_button.setToolTip(
            "Read the conversation aloud, a voice for each speaker (Resume repeats the line)"
        )
        self.stop_button = QPushButton("Stop")
        self.stop_button.setEnabled(False)
        self.listen_status = plain_label("")
        self.listen_button.clicked.connect(self._toggle_listening)
        self.stop_button.clicked.connect(self.stop_listening)
        layout.addWidget(self.listen_button)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.listen_status, 1)
        self.listen_bar.setVisible(available)
        return self.listen_bar

    def listen_controls_available(self) -> bool:
        return not self.listen_bar.isHidden()

    def _toggle_listening(self) -> None:
        if self.read_aloud is not None:
            self.read_aloud.toggle()
            return
        if self.loader is not None:
            return  # still preparing the voices
        engine = self._engine_factory(None)
        if engine is None:
            self._unavailable()
        elif needs_loading(engine):
            self._load(engine)
        else:
            self._use(engine, None)
            self.read_aloud.toggle()

    def _unavailable(self) -> None:
        self.listen_bar.hide()
        self._notify("Reading aloud is not available on this system.")

    def _load(self, engine) -> None:
        self.loader = VoiceLoader(engine, self)
        self.loader.loaded.connect(self._loaded)
        self._play_when_loaded = True
        self.listen_button.setEnabled(False)
        self.listen_button.setText(PREPARING_TEXT)
        self.listen_button.setAccessibleDescription("The voices are being prepared")
        self.listen_status.setText("The first time takes a few seconds.")
        self._patience.start(LOAD_PATIENCE_MS)
        self.loader.start()

    def _loaded(self, engine, voices) -> None:
        self._patience.stop()
        self.loader = None
        self.listen_button.setText("Listen")
        self.listen_button.setAccessibleDescription("")
        self.listen_status.setText("")
        if engine is None:
            self.listen_button.setEnabled(True)
            self._unavailable()
            return
        engine.setParent(self)
        self._use(engine, voices)
        self.listen_button.setEnabled(True)
        if self._play_when_loaded:
            self.read_aloud.toggle()

    def _loading_took_too_long(self) -> None:
        if self.loader is not None:
            self.loader.abandon()  # kept: its worker must finish (or be stopped at exit)
            self.listen_button.setText("Listen")
            self.listen_status.setText(NOT_ANSWERING)

    def _use(self, engine, voices) -> None:
        self.read_aloud = ReadAloud(engine, self._lines, self, voices=voices)
        self.read_aloud.line_changed.connect(self._highlight)
        self.read_aloud.state_changed.connect(self._show_state)

    def is_preparing(self) -> bool:
        return self.loader is not None and not self.loader.abandoned

    def stop_listening(self) -> None:
        self._play_when_loaded = False  # leaving or Stop while preparing: do not start then
        if self.read_aloud is not None:
            self.read_aloud.stop()

    def _highlight(self, index: int) -> None:
        for number, bubble in enumerate(self.bubbles):
            bubble.set_emphasised(number == index)
        if 0 <= index < len(self.bubbles):
            self.ensureWidgetVisible(self.bubbles[index])

    def _show_state(self, state: str) -> None:
        self.listen_button.setText({"speaking": "Pause", "paused": "Resume"}.get(state, "Listen"))
        self.stop_button.setEnabled(state in ("speaking", "paused"))
        reader = self.read_aloud
        stalled = reader is not None and reader.engine_stalled
        self.listen_button.setEnabled(not stalled)  # a stuck engine could freeze the app
        message = (
            reader.error_message if reader is not None and (state == "error" or stalled) else ""
        )
        self.listen_status.setText("Paused" if state == "paused" else message)

    def highlighted_index(self) -> int:
        for number, bubble in enumerate(self.bubbles):
            if bubble.emphasised():
                return number
        return -1
