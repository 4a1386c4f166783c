"""Reading the conversation aloud, driven by a fake speech engine (QtTextToSpeech is optional)."""

from __future__ import annotations

import enum
import threading

import pytest
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from gdgame.lesson import load_lesson
from gdgame.ui.learn.conversation_view import NOT_ANSWERING, PREPARING_TEXT, ConversationView
from gdgame.ui.learn.read_aloud import (
    SPEAKER_PITCH,
    UNLOADED,
    ReadAloud,
    make_speech_engine,
    speech_available,
    unloaded_speech_engine,
)


class State(enum.Enum):  # the names QTextToSpeech.State uses
    Ready = 0
    Speaking = 1
    Paused = 2
    Error = 3


class FakeVoice:
    def __init__(self, name, gender):
        self.name, self._gender = name, gender

    def gender(self):
        return self._gender


class FakeEngine(QObject):
    """Records calls; ``finish()`` plays the end of the current utterance."""

    stateChanged = Signal(object)  # noqa: N815 (mirrors the Qt API)

    def __init__(self, parent=None, voices=()):
        super().__init__(parent)
        self.said: list[str] = []
        self.calls: list[str] = []
        self.pitch = None
        self.voice = None
        self.voices = list(voices)
        self.announce_speech = True

    def availableVoices(self):  # noqa: N802
        return self.voices

    def setVoice(self, voice):  # noqa: N802
        self.voice = voice

    def setPitch(self, pitch):  # noqa: N802
        self.pitch = pitch

    def say(self, text):
        self.said.append(text)
        if self.announce_speech:
            self.stateChanged.emit(State.Speaking)

    def finish(self):
        self.stateChanged.emit(State.Ready)

    def pause(self):
        self.calls.append("pause")
        self.stateChanged.emit(State.Paused)

    def resume(self):
        self.calls.append("resume")
        self.stateChanged.emit(State.Speaking)

    def stop(self):
        self.calls.append("stop")
        self.stateChanged.emit(State.Ready)


LINES = [("teacher", "Hello."), ("student", "Hi!"), ("teacher", "Bye.")]


@pytest.fixture
def engine(qapp):
    return FakeEngine(
        voices=[
            FakeVoice("low", "male"),
            FakeVoice("also-low", "male"),
            FakeVoice("high", "female"),
        ]
    )


def test_reads_every_line_in_turn_with_two_voices(engine, qtbot):
    reader = ReadAloud(engine, LINES)
    seen = []
    reader.line_changed.connect(seen.append)
    reader.play()
    assert engine.said == ["Hello."] and reader.index == 0
    assert engine.voice.name == "low" and engine.pitch == SPEAKER_PITCH["teacher"]
    qtbot.wait(1)  # the queued "Speaking" arrives
    engine.finish()
    qtbot.waitUntil(lambda: reader.index == 1)
    assert engine.voice.name == "high" and engine.pitch == SPEAKER_PITCH["student"]
    qtbot.wait(1)
    engine.finish()
    qtbot.waitUntil(lambda: reader.index == 2)
    qtbot.wait(1)
    engine.finish()
    qtbot.waitUntil(lambda: reader.state == "stopped")
    assert engine.said == ["Hello.", "Hi!", "Bye."]
    assert seen == [0, 1, 2, -1]


def test_a_ready_before_speech_starts_does_not_skip_a_line(engine, qtbot):
    engine.announce_speech = False
    reader = ReadAloud(engine, LINES)
    reader.play()
    engine.stateChanged.emit(State.Ready)  # e.g. the engine stopping a previous utterance
    engine.stateChanged.emit(State.Speaking)  # then the new line starts
    qtbot.wait(5)
    assert reader.index == 0
    engine.finish()
    qtbot.waitUntil(lambda: reader.index == 1)


def test_pause_stops_the_engine_and_resume_says_the_line_again(engine, qtbot):
    # The engine's own pause() is not used: speech-dispatcher <= 0.11.4 never reports
    # "Paused", and Qt then ignores resume(), leaving speech stuck.
    reader = ReadAloud(engine, LINES)
    states = []
    reader.state_changed.connect(states.append)
    reader.toggle()
    qtbot.wait(1)
    reader.toggle()
    assert reader.state == "paused" and engine.calls == ["stop"]
    qtbot.wait(5)  # the engine's "Ready" after stopping must not move on to the next line
    assert reader.index == 0
    reader.toggle()
    assert reader.state == "speaking" and reader.index == 0
    assert engine.said == ["Hello.", "Hello."] and engine.calls == ["stop"]
    qtbot.wait(1)
    engine.finish()
    qtbot.waitUntil(lambda: reader.index == 1)
    reader.stop()
    qtbot.wait(5)
    assert reader.state == "stopped" and reader.index == -1
    assert states == ["speaking", "paused", "speaking", "stopped"]
    assert engine.said == ["Hello.", "Hello.", "Hi!"]


def test_an_engine_that_never_finishes_is_reported(engine, qtbot):
    reader = ReadAloud(engine, LINES)
    reader.patience_base_ms, reader.patience_per_char_ms = 20, 0
    reader.play()
    qtbot.waitUntil(lambda: reader.state == "error")
    assert reader.index == -1 and "stopped responding" in reader.error_message
    # A stuck speech-dispatcher deadlocks on the next call, so the engine is left alone.
    reader.play()
    reader.stop()
    assert reader.engine_stalled and engine.calls == [] and engine.said == ["Hello."]


def test_the_conversation_keeps_a_stalled_engine_notice_and_disables_listen(qtbot):
    engines = []

    def factory(parent):
        engines.append(FakeEngine(parent))
        return engines[-1]

    view = ConversationView(load_lesson().dialogue, engine_factory=factory, speech=True)
    qtbot.addWidget(view)
    view.listen_button.click()
    view.read_aloud.patience_base_ms = view.read_aloud.patience_per_char_ms = 0
    view.read_aloud.play()  # restarts the first line with the short watchdog
    qtbot.waitUntil(lambda: view.read_aloud.state == "error")
    assert "stopped responding" in view.listen_status.text()
    assert not view.listen_button.isEnabled() and not view.stop_button.isEnabled()
    view.stop_listening()  # e.g. leaving the screen: the notice stays
    assert "stopped responding" in view.listen_status.text() and engines[0].calls == []


def test_an_english_voice_is_chosen_for_the_english_lesson(qapp):
    from PySide6.QtCore import QLocale

    class GermanEngine(FakeEngine):
        def __init__(self):
            super().__init__()
            self.current = QLocale("de_DE")

        def locale(self):
            return self.current

        def availableLocales(self):  # noqa: N802
            return [QLocale("de_DE"), QLocale("en_GB"), QLocale("fr_FR")]

        def setLocale(self, locale):  # noqa: N802
            self.current = locale

    engine = GermanEngine()
    ReadAloud(engine, LINES)
    assert engine.current.language() == QLocale.Language.English


def test_engine_error_stops_reading(engine, qtbot):
    engine.errorString = lambda: "no audio device"
    reader = ReadAloud(engine, LINES)
    reader.play()
    engine.stateChanged.emit(State.Error)
    qtbot.waitUntil(lambda: reader.state == "error")
    assert reader.index == -1 and "no audio device" in reader.error_message


def test_conversation_highlights_the_spoken_bubble(qtbot):
    engines = []

    def factory(parent):
        engines.append(FakeEngine(parent))
        return engines[-1]

    view = ConversationView(load_lesson().dialogue, engine_factory=factory, speech=True)
    qtbot.addWidget(view)
    assert view.listen_controls_available()
    qtbot.mouseClick(view.listen_button, Qt.MouseButton.LeftButton)
    assert view.highlighted_index() == 0 and view.listen_button.text() == "Pause"
    assert view.stop_button.isEnabled()
    qtbot.wait(1)
    engines[0].finish()
    qtbot.waitUntil(lambda: view.highlighted_index() == 1)
    assert engines[0].said[1] == view.bubbles[1].text()
    qtbot.mouseClick(view.listen_button, Qt.MouseButton.LeftButton)
    assert view.listen_button.text() == "Resume" and view.listen_status.text() == "Paused"
    qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
    assert view.highlighted_index() == -1 and view.listen_button.text() == "Listen"


def test_missing_engine_hides_the_controls(qtbot):
    messages = []
    view = ConversationView(
        load_lesson().dialogue,
        engine_factory=lambda parent: None,
        speech=True,
        notify=messages.append,
    )
    qtbot.addWidget(view)
    view.listen_button.click()
    assert not view.listen_controls_available()
    assert messages and "not available" in messages[0]


def test_real_engine_factory_is_safe_without_the_addon(qapp):
    if speech_available():
        pytest.skip("QtTextToSpeech is installed; this checks the fallback without it")
    assert make_speech_engine() is None
    assert unloaded_speech_engine() is None


class LoadingEngine(FakeEngine):
    """Starts unloaded, like ``QTextToSpeech("none")``; ``setEngine`` is the slow part.

    It waits for the test to open ``gate`` (speech-dispatcher listing its voices), so the
    test can look at the window while the voices are being prepared.
    """

    engineChanged = Signal(str)  # noqa: N815 (mirrors the Qt API)

    def __init__(self, voices, gate: threading.Event, loads_as: str = "speechd"):
        super().__init__(None, voices)
        self.name, self.gate, self.loads_as = UNLOADED, gate, loads_as
        self.loaded_in = None

    def engine(self):
        return self.name

    def state(self):
        return State.Ready if self.name == self.loads_as else State.Error

    @Slot(str)
    def setEngine(self, name):  # noqa: N802
        self.loaded_in = QThread.currentThread()
        assert self.gate.wait(20), "the test never opened the gate"
        self.name = self.loads_as
        self.engineChanged.emit(self.name)


VOICES = [FakeVoice("low", "male"), FakeVoice("also-low", "male"), FakeVoice("high", "female")]


@pytest.fixture
def gate():
    gate = threading.Event()
    yield gate
    gate.set()  # never leave a worker waiting


def _view(qtbot, engine, **kwargs):
    view = ConversationView(
        load_lesson().dialogue, engine_factory=lambda parent: engine, speech=True, **kwargs
    )
    qtbot.addWidget(view)
    return view


def test_voices_are_prepared_in_a_worker_while_listen_shows_a_busy_state(qtbot, gate):
    engine = LoadingEngine(VOICES, gate)
    view = _view(qtbot, engine)
    view.listen_button.click()
    assert view.is_preparing() and view.listen_button.text() == PREPARING_TEXT
    assert not view.listen_button.isEnabled() and view.read_aloud is None
    ticked = []
    QTimer.singleShot(20, lambda: ticked.append(True))  # the GUI thread goes on meanwhile
    qtbot.waitUntil(lambda: bool(ticked))
    assert engine.loaded_in is not None and engine.loaded_in is not QThread.currentThread()
    view.listen_button.click()  # ignored while preparing
    gate.set()
    qtbot.waitUntil(lambda: view.read_aloud is not None)
    assert engine.thread() is QThread.currentThread() and engine.parent() is view
    assert view.listen_button.isEnabled() and view.listen_button.text() == "Pause"
    assert view.highlighted_index() == 0 and engine.said == [view.bubbles[0].text()]
    assert view.read_aloud.voice_for("student").name == "high"  # chosen in the worker
    assert not view.is_preparing() and not view.listen_status.text()
    view.stop_listening()


def test_stop_while_preparing_keeps_the_voices_but_does_not_start(qtbot, gate):
    engine = LoadingEngine(VOICES, gate)
    view = _view(qtbot, engine)
    view.listen_button.click()
    view.stop_listening()  # e.g. the learner left the Learn screen
    gate.set()
    qtbot.waitUntil(lambda: view.read_aloud is not None)
    assert engine.said == [] and view.listen_button.text() == "Listen"
    view.listen_button.click()
    assert engine.said == [view.bubbles[0].text()]
    view.stop_listening()


def test_an_engine_that_fails_to_load_hides_the_controls(qtbot, gate):
    messages = []
    engine = LoadingEngine(VOICES, gate, loads_as="")
    view = _view(qtbot, engine, notify=messages.append)
    view.listen_button.click()
    gate.set()
    qtbot.waitUntil(lambda: not view.is_preparing())
    assert not view.listen_controls_available() and view.read_aloud is None
    assert messages == ["Reading aloud is not available on this system."]


def test_an_engine_that_never_answers_is_reported_and_dropped(qtbot, gate, monkeypatch):
    from gdgame.ui.learn import conversation_view

    monkeypatch.setattr(conversation_view, "LOAD_PATIENCE_MS", 20)
    engine = LoadingEngine(VOICES, gate)
    view = _view(qtbot, engine)
    view.listen_button.click()
    qtbot.waitUntil(lambda: view.listen_status.text() == NOT_ANSWERING)
    assert not view.listen_button.isEnabled() and not view.is_preparing()
    loader = view.loader
    gate.set()  # it answers after all: too late, the engine is not used
    qtbot.waitUntil(lambda: not loader.is_loading())
    qtbot.wait(10)  # the loader's queued hand-over runs
    assert view.read_aloud is None and engine.said == []
