"""Reading aloud with real QtTextToSpeech engines (the ``speech`` extra, PySide6-Addons).

Skipped where QtTextToSpeech or its engines are missing (the main CI environment). Every
installed engine is tried: Qt's silent "mock" engine always works; a system engine such as
speech-dispatcher is skipped when it cannot start or cannot finish a word (no audio output).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from gdgame.lesson.model import Dialogue, DialogueLine, DialoguePart
from gdgame.ui.learn.conversation_view import ConversationView
from gdgame.ui.learn.read_aloud import (
    MOCK_ENGINE,
    SPEAKER_PITCH,
    ReadAloud,
    VoiceLoader,
    make_speech_engine,
    unloaded_speech_engine,
)

# ImportError too: PySide6-Addons may be installed without its system libraries (libpulse)
QTextToSpeech = pytest.importorskip("PySide6.QtTextToSpeech", exc_type=ImportError).QTextToSpeech
ENGINES = QTextToSpeech.availableEngines()
if not ENGINES:
    pytest.skip("QtTextToSpeech has no engines here", allow_module_level=True)

# One marker with every pattern: pytest-qt reads only the closest qt_log_ignore marker.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints",
    # QtMultimedia (loaded by the engines) on systems without PipeWire; not our bug.
    "pipewire",
    # the speechd plug-in is installed but its system library is not
    "Error loading text-to-speech plug-in",
)

LINES = [
    ("teacher", "Take one small step down the slope, then look again."),
    ("student", "Like this?"),
    ("teacher", "Yes."),
]
SPEAKING = QTextToSpeech.State.Speaking
READY = QTextToSpeech.State.Ready
SLOW_MS = 60_000  # a generous bound for a real engine to say a few words
_FINISHES_A_WORD: dict[str, bool] = {}  # engine name -> it got through "Ready." here


def _finishes_a_word(engine, qtbot) -> bool:
    states = []
    engine.stateChanged.connect(states.append)
    engine.say("Ready.")
    try:
        qtbot.waitUntil(lambda: SPEAKING in states and states[-1] == READY, timeout=15_000)
    except qtbot.TimeoutError:
        return False  # not stopped: a stuck speech-dispatcher deadlocks when told to stop
    finally:
        engine.stateChanged.disconnect(states.append)
    return True


def test_the_default_engine_loads_in_a_worker_while_the_gui_thread_runs(qtbot):
    # First in this file: before any test could leave a speech-dispatcher stuck.
    from PySide6.QtCore import QThread, QTimer

    engine = unloaded_speech_engine()
    if engine is None:
        pytest.skip("only Qt's silent mock engine is installed here")
    loader = VoiceLoader(engine)
    results, ticks_while_loading = [], []
    loader.loaded.connect(lambda eng, voices: results.append((eng, voices)))
    ticker = QTimer()
    ticker.timeout.connect(lambda: loader.is_loading() and ticks_while_loading.append(1))
    ticker.start(10)
    loader.start()
    try:
        qtbot.waitUntil(lambda: bool(results), timeout=SLOW_MS)
    finally:
        ticker.stop()
    loaded, voices = results[0]
    if loaded is None:
        pytest.skip("the default speech engine could not start here")
    assert loaded.thread() is QThread.currentThread()
    assert loaded.engine() in [name for name in ENGINES if name != MOCK_ENGINE]
    if ticks_while_loading == [] and len(loaded.availableVoices()) > 100:
        pytest.fail("the GUI thread ran no timer while many voices were listed")
    if voices:
        assert set(voices) == {"teacher", "student"}
    loaded.deleteLater()


@pytest.fixture(params=ENGINES)
def tts(request, qtbot):
    name = request.param
    if not _FINISHES_A_WORD.get(name, True):
        pytest.skip(f"the {name} engine never finished speaking here (no audio output?)")
    engine = QTextToSpeech(name)
    if engine.state() == QTextToSpeech.State.Error:
        pytest.skip(f"the {name} engine cannot start here: {engine.errorString()}")
    if name != MOCK_ENGINE and name not in _FINISHES_A_WORD:
        _FINISHES_A_WORD[name] = _finishes_a_word(engine, qtbot)  # asked once per run
        if not _FINISHES_A_WORD[name]:
            pytest.skip(f"the {name} engine never finished speaking here (no audio output?)")
    yield engine
    engine.stop()
    engine.deleteLater()


def test_reads_each_line_in_turn_with_a_voice_and_pitch_per_speaker(tts, qtbot):
    reader = ReadAloud(tts, LINES)
    spoken = []  # (index, voice name, pitch) as each line starts
    states = []
    reader.line_changed.connect(lambda i: spoken.append((i, tts.voice().name(), tts.pitch())))
    tts.stateChanged.connect(lambda state: states.append(state))
    reader.play()
    qtbot.waitUntil(lambda: reader.state == "stopped", timeout=SLOW_MS)
    assert [index for index, _, _ in spoken] == [0, 1, 2, -1]
    assert states.count(SPEAKING) >= 3 and states[-1] == READY
    teacher, student, teacher_again = spoken[:3]
    assert teacher[2] == pytest.approx(SPEAKER_PITCH["teacher"], abs=0.011)
    assert student[2] == pytest.approx(SPEAKER_PITCH["student"], abs=0.011)
    if reader.voice_for("student") is not None:
        assert teacher[1] != student[1] and teacher_again[1] == teacher[1]
    if any(loc.language() == QLocale.Language.English for loc in tts.availableLocales()):
        assert tts.locale().language() == QLocale.Language.English


def test_pause_resume_and_stop_with_a_real_engine(tts, qtbot):
    reader = ReadAloud(tts, LINES)
    reader.play()
    qtbot.waitUntil(lambda: tts.state() == SPEAKING, timeout=SLOW_MS)
    reader.pause()
    qtbot.waitUntil(lambda: tts.state() == READY, timeout=SLOW_MS)  # really silent
    qtbot.wait(200)
    assert reader.state == "paused" and reader.index == 0
    reader.resume()
    qtbot.waitUntil(lambda: reader.index == 1, timeout=SLOW_MS)
    reader.stop()
    assert reader.state == "stopped" and reader.index == -1
    qtbot.waitUntil(lambda: tts.state() == READY, timeout=SLOW_MS)


def test_the_conversation_highlights_the_line_being_spoken(tts, qtbot):
    dialogue = Dialogue(
        speakers={"teacher": "Teacher", "student": "Student"},
        parts=(DialoguePart("Steps", tuple(DialogueLine(s, t) for s, t in LINES)),),
    )
    view = ConversationView(dialogue, engine_factory=lambda parent: tts, speech=True)
    qtbot.addWidget(view)
    highlighted = []
    view.listen_button.click()
    view.read_aloud.line_changed.connect(lambda i: highlighted.append(view.highlighted_index()))
    assert view.highlighted_index() == 0 and view.listen_button.text() == "Pause"
    qtbot.waitUntil(lambda: view.listen_button.text() == "Listen", timeout=SLOW_MS)
    assert highlighted == [1, 2, -1] and not view.listen_status.text()
    view.listen_button.click()
    view.stop_button.click()
    assert view.highlighted_index() == -1 and view.listen_button.text() == "Listen"


def test_the_default_engine_is_a_system_engine_never_the_silent_mock(qtbot):
    system_engines = [name for name in ENGINES if name != MOCK_ENGINE]
    if not all(_FINISHES_A_WORD.values()):
        pytest.skip("a system speech engine is stuck here; creating another could hang")
    engine = make_speech_engine()
    if not system_engines:
        assert engine is None  # only Qt's mock: reading aloud is reported unavailable
        return
    if engine is None:
        pytest.skip(f"no system speech engine ({', '.join(system_engines)}) can start here")
    assert engine.engine() in system_engines
    assert engine.state() != QTextToSpeech.State.Error
    engine.deleteLater()
