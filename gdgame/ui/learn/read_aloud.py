"""Read the conversation aloud, one line at a time, with a voice per speaker.

Speech needs QtTextToSpeech, which ships in the optional PySide6-Addons (the ``speech``
extra). It is imported lazily; when it is missing, :func:`speech_available` is False and
the Listen controls are hidden. The controller works with any object that behaves like
``QTextToSpeech`` (``say``, ``pause``, ``resume``, ``stop``, ``setPitch``, ``setVoice``,
``availableVoices`` and a ``stateChanged`` signal), so tests can drive it with a fake.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal

SPEAKER_PITCH = {"teacher": -0.15, "student": 0.3}
_SPEAKING_STATES = {"Speaking", "Synthesizing"}


def speech_available() -> bool:
    """True when the QtTextToSpeech module is installed (without importing it)."""
    try:
        return importlib.util.find_spec("PySide6.QtTextToSpeech") is not None
    except (ImportError, ValueError):
        return False


def make_speech_engine(parent: QObject | None = None):
    """A QTextToSpeech on the default engine, or None when speech is unavailable."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    if not QTextToSpeech.availableEngines():
        return None
    engine = QTextToSpeech(parent)
    state = getattr(engine.state(), "name", "")
    return None if state == "Error" else engine


def _state_name(state: object) -> str:
    return getattr(state, "name", str(state))


def _pick_voices(engine) -> dict[str, object]:
    """A voice per speaker: two different ones (another gender if possible) when available."""
    try:
        voices = list(engine.availableVoices())
    except (AttributeError, RuntimeError):
        return {}
    if len(voices) < 2:
        return {}
    teacher = voices[0]

    def gender(voice):
        try:
            return voice.gender()
        except AttributeError:
            return None

    different = [v for v in voices[1:] if gender(v) != gender(teacher)]
    return {"teacher": teacher, "student": (different or voices[1:])[0]}


class ReadAloud(QObject):
    """Speaks ``lines`` ((speaker, text) pairs) in order and reports the line being spoken.

    ``line_changed(index)`` gives the index of the line now spoken (-1: none);
    ``state_changed(state)`` is "stopped", "speaking", "paused" or "error".
    """

    line_changed = Signal(int)
    state_changed = Signal(str)

    def __init__(self, engine, lines: Sequence[tuple[str, str]], parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.lines = list(lines)
        self.index = -1
        self.state = "stopped"
        self._heard_speech = False
        self._voices = _pick_voices(engine)
        engine.stateChanged.connect(self._on_engine_state, Qt.ConnectionType.QueuedConnection)

    def play(self, start: int = 0) -> None:
        if not self.lines:
            return
        self._set_state("speaking")
        self._speak(max(0, min(start, len(self.lines) - 1)))

    def toggle(self) -> None:
        """Listen / Pause / Resume, for a single button."""
        if self.state == "speaking":
            self.pause()
        elif self.state == "paused":
            self.resume()
        else:
            self.play(0)

    def pause(self) -> None:
        if self.state == "speaking":
            self.engine.pause()
            self._set_state("paused")

    def resume(self) -> None:
        if self.state == "paused":
            self.engine.resume()
            self._set_state("speaking")

    def stop(self) -> None:
        if self.state == "stopped":
            return
        self._set_state("stopped")
        self.engine.stop()
        self._set_index(-1)

    def _speak(self, index: int) -> None:
        speaker, text = self.lines[index]
        voice = self._voices.get(speaker)
        if voice is not None:
            self.engine.setVoice(voice)
        self.engine.setPitch(SPEAKER_PITCH.get(speaker, 0.0))
        self._heard_speech = False
        self._set_index(index)
        self.engine.say(text)

    def _on_engine_state(self, state: object) -> None:
        name = _state_name(state)
        if self.state == "stopped":
            return
        if name in _SPEAKING_STATES:
            self._heard_speech = True
        elif name == "Error":
            self._set_state("error")
            self._set_index(-1)
        elif name == "Ready" and self.state == "speaking" and self._heard_speech:
            if self.index + 1 < len(self.lines):
                self._speak(self.index + 1)
            else:
                self.stop()

    def _set_index(self, index: int) -> None:
        if index != self.index:
            self.index = index
            self.line_changed.emit(index)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
