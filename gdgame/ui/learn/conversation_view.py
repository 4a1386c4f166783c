"""The teacher-student conversation as speech bubbles, with optional read-aloud controls."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from gdgame.lesson import Dialogue
from gdgame.ui.learn.common import ReadingPage, TintedPanel, heading, plain_label, rich_label
from gdgame.ui.learn.read_aloud import ReadAloud, make_speech_engine, speech_available

BUBBLE_TINT = {"teacher": 0.07, "student": 0.22}


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
    """Both parts of the dialogue; teacher bubbles on the left, student bubbles on the right."""

    def __init__(
        self,
        dialogue: Dialogue,
        parent: QWidget | None = None,
        engine_factory: Callable = make_speech_engine,
        speech: bool | None = None,
        notify: Callable[[str], None] = lambda text: None,
    ):
        super().__init__(parent)
        self._engine_factory = engine_factory
        self._notify = notify
        self.read_aloud: ReadAloud | None = None
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
        if self.read_aloud is None:
            engine = self._engine_factory(self)
            if engine is None:
                self.listen_bar.hide()
                self._notify("Reading aloud is not available on this system.")
                return
            self.read_aloud = ReadAloud(engine, self._lines, self)
            self.read_aloud.line_changed.connect(self._highlight)
            self.read_aloud.state_changed.connect(self._show_state)
        self.read_aloud.toggle()

    def stop_listening(self) -> None:
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
