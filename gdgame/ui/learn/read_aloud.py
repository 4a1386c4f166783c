"""Read the conversation aloud, one line at a time, with a voice per speaker.

Speech needs QtTextToSpeech, which ships in the optional PySide6-Addons (the ``speech``
extra). It is imported lazily; when it is missing, :func:`speech_available` is False and
the Listen controls are hidden. The controller works with any object that behaves like
``QTextToSpeech`` (``say``, ``stop``, ``setPitch``, ``setVoice``, ``availableVoices`` and a
``stateChanged`` signal; ``locale``/``setLocale``/``availableLocales`` and ``errorString``
are used when present), so tests can drive it with a fake.

Lessons learnt from real engines (speech-dispatcher 0.11 with espeak-ng):

* The engine starts in the system language: with ``LANG=C`` its first voice is not English
  at all, and on a German desktop it reads English with a German voice. The lesson is in
  English, so an English locale is chosen when the engine has one.
* Pausing is done by stopping and, on resume, saying the current line again. The engine's
  own ``pause()`` is unusable with speech-dispatcher before 0.11.5: it never reports
  "Paused", so Qt then ignores ``resume()`` and speech stays stuck until the app quits.
* An engine that cannot reach the sound system may report "Speaking" forever. A watchdog
  gives up when a line takes far longer than speech could. The engine is then never called
  again: a speech-dispatcher stuck like this deadlocks once told to stop, and every later
  call (``stop``, ``say``, even creating a new engine) would freeze the GUI thread.
* Loading the speech-dispatcher engine takes seconds: it lists every voice of every output
  module (1,500 with espeak-ng) while the engine is created. :class:`VoiceLoader` does that in
  a worker thread. The engine is created unloaded (``QTextToSpeech("none")``, instant), moved
  to the worker and loaded by a queued ``setEngine`` call that the worker's own C++ event
  loop runs: no Python code, so no GIL, is held meanwhile (a Python worker calling the
  constructor would hold the GIL for those seconds and freeze the GUI all the same).
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Sequence

from PySide6.QtCore import (
    Q_ARG,
    QCoreApplication,
    QLocale,
    QMetaObject,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
)

log = logging.getLogger("gdgame")

SPEAKER_PITCH = {"teacher": -0.15, "student": 0.3}
MOCK_ENGINE = "mock"  # Qt's test plug-in, shipped with PySide6-Addons: it makes no sound
UNLOADED = "none"  # QTextToSpeech("none") loads no engine until setEngine is called
_SPEAKING_STATES = {"Speaking", "Synthesizing"}
STALLED_MESSAGE = "The speech engine stopped responding, so reading aloud has stopped."


def speech_available() -> bool:
    """True when the QtTextToSpeech module is installed (without importing it)."""
    try:
        return importlib.util.find_spec("PySide6.QtTextToSpeech") is not None
    except (ImportError, ValueError):
        return False


def make_speech_engine(parent: QObject | None = None):
    """A QTextToSpeech on the platform's default engine, or None when there is none usable."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    if not [name for name in QTextToSpeech.availableEngines() if name != MOCK_ENGINE]:
        return None  # asking for the default would only log "no plug-ins were found"
    engine = QTextToSpeech(parent)
    if engine.engine() == MOCK_ENGINE or _state_name(engine.state()) == "Error":
        engine.deleteLater()
        return None
    return engine


def unloaded_speech_engine(parent: QObject | None = None):
    """A QTextToSpeech with its engine not loaded yet (instant; :class:`VoiceLoader` loads it),
    or None when speech is not installed or only Qt's silent mock engine is."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    if not [name for name in QTextToSpeech.availableEngines() if name != MOCK_ENGINE]:
        return None
    return QTextToSpeech(UNLOADED, parent)


def needs_loading(engine) -> bool:
    """True for an engine made by :func:`unloaded_speech_engine` (and fakes that act alike)."""
    try:
        return engine.engine() == UNLOADED
    except AttributeError:
        return False


class VoiceLoader(QObject):
    """Loads an unloaded engine and picks the voices in a worker thread, never on the GUI's.

    ``start()`` moves the engine to a worker thread and has that thread's event loop call
    ``setEngine("")`` (the platform's default engine). When the engine reports the change,
    still in the worker, an English locale and the speakers' voices are chosen there, the
    engine is moved back to this object's thread, and ``loaded(engine, voices)`` is emitted
    here (``engine`` None when no usable engine came up). ``abandon()`` gives up waiting (a
    speech-dispatcher that never answers): a late engine is then dropped, and a worker
    still stuck when the app quits is stopped by force rather than left to crash the exit.
    """

    loaded = Signal(object, object)  # the engine or None, {speaker: voice}
    _done_in_worker = Signal(object, object)

    def __init__(self, engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.abandoned = False
        self._home = self.thread()
        self._worker = QThread()
        self._worker.setObjectName("gdgame-speech-loader")
        self._done_in_worker.connect(self._deliver)  # queued: emitted in the worker

    def start(self) -> None:
        self.engine.moveToThread(self._worker)
        self.engine.engineChanged.connect(self._engine_changed, Qt.ConnectionType.DirectConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_worker)
        self._worker.start()
        QMetaObject.invokeMethod(
            self.engine, "setEngine", Qt.ConnectionType.QueuedConnection, Q_ARG(str, "")
        )

    def is_loading(self) -> bool:
        return self._worker.isRunning()

    def abandon(self) -> None:
        self.abandoned = True

    def _engine_changed(self, name: str) -> None:
        """In the worker thread: the engine is loaded (or failed to)."""
        engine, voices = self.engine, {}
        usable = name not in ("", UNLOADED, MOCK_ENGINE) and _state_name(engine.state()) != "Error"
        if usable:
            _use_english(engine)
            voices = _pick_voices(engine)
        engine.moveToThread(self._home)  # pushed back from its own thread, as Qt requires
        self._worker.quit()
        self._done_in_worker.emit(engine if usable else None, voices)

    def _deliver(self, engine, voices) -> None:
        self._worker.wait()
        self.engine.engineChanged.disconnect(self._engine_changed)
        if engine is None or self.abandoned:
            self.engine.deleteLater()
            engine = None
        if not self.abandoned:
            self.loaded.emit(engine, voices)

    def _stop_worker(self) -> None:
        if self._worker.isRunning():
            self._worker.quit()
            if not self._worker.wait(1000):
                log.warning("the speech engine never finished loading; stopping its thread")
                self._worker.terminate()
                self._worker.wait(1000)


def _state_name(state: object) -> str:
    return getattr(state, "name", str(state))


def _use_english(engine) -> None:
    """Switch the engine to an English locale (the lesson's language) when it has one."""
    english = QLocale.Language.English
    try:
        if engine.locale().language() == english:
            return
        choices = [loc for loc in engine.availableLocales() if loc.language() == english]
    except (AttributeError, RuntimeError):
        return
    if choices:
        territory = QLocale.system().territory()
        choices.sort(key=lambda loc: loc.territory() != territory)  # the learner's own first
        engine.setLocale(choices[0])


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

    ``voices`` ({speaker: voice}) when already chosen, e.g. by a :class:`VoiceLoader`.

    ``line_changed(index)`` gives the index of the line now spoken (-1: none);
    ``state_changed(state)`` is "stopped", "speaking", "paused" or "error" (then
    ``error_message`` says what happened; when ``engine_stalled`` the engine is left alone for
    good). Resuming says the paused line again from its start.
    """

    line_changed = Signal(int)
    state_changed = Signal(str)

    # Allowed time for one line before the engine counts as stuck: far slower than speech.
    patience_base_ms = 10_000
    patience_per_char_ms = 200

    def __init__(
        self,
        engine,
        lines: Sequence[tuple[str, str]],
        parent: QObject | None = None,
        voices: dict[str, object] | None = None,
    ):
        super().__init__(parent)
        self.engine = engine
        self.lines = list(lines)
        self.index = -1
        self.state = "stopped"
        self.error_message = ""
        self.engine_stalled = False
        self._heard_speech = False
        if voices is None:  # not chosen yet (by a VoiceLoader): ask the engine now
            _use_english(engine)
            voices = _pick_voices(engine)
        self._voices = dict(voices)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._on_stalled)
        engine.stateChanged.connect(self._on_engine_state, Qt.ConnectionType.QueuedConnection)

    def voice_for(self, speaker: str):
        """The voice chosen for ``speaker`` (None: the engine's current voice)."""
        return self._voices.get(speaker)

    def play(self, start: int = 0) -> None:
        if not self.lines or self.engine_stalled:
            return
        self.error_message = ""
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
            self._set_state("paused")
            self._watchdog.stop()
            self.engine.stop()

    def resume(self) -> None:
        if self.state == "paused":
            self._set_state("speaking")
            self._speak(self.index)

    def stop(self) -> None:
        self._watchdog.stop()
        if self.state == "stopped":
            return
        self._set_state("stopped")
        if not self.engine_stalled:
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
        self._watchdog.start(self.patience_base_ms + self.patience_per_char_ms * len(text))
        self.engine.say(text)

    def _on_engine_state(self, state: object) -> None:
        name = _state_name(state)
        if self.state in ("stopped", "error") or self.engine_stalled:
            return
        if name == "Error":
            error = getattr(self.engine, "errorString", lambda: "")()
            self._fail(f"The speech engine reported an error: {error}" if error else "")
        elif self.state != "speaking":
            return  # paused: the engine is only confirming that it stopped
        elif name in _SPEAKING_STATES:
            self._heard_speech = True
        elif name == "Ready" and self._heard_speech:
            if self.index + 1 < len(self.lines):
                self._speak(self.index + 1)
            else:
                self.stop()

    def _on_stalled(self) -> None:
        if self.state == "speaking":
            self.engine_stalled = True
            self._fail(STALLED_MESSAGE)

    def _fail(self, message: str) -> None:
        self._watchdog.stop()
        self.error_message = message or "The speech engine reported an error."
        self._set_state("error")
        self._set_index(-1)

    def _set_index(self, index: int) -> None:
        if index != self.index:
            self.index = index
            self.line_changed.emit(index)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
