"""Optional sound cues: off by default, a remembered menu toggle, one cue per step."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtWidgets import QApplication

from gdgame.ui.hike.screen import HikeScreen
from gdgame.ui.hike.sound import TONES, StepSounds, tone_wav


def test_tones_are_short_valid_wav_files(tmp_path):
    for kind, (start, end, seconds) in TONES.items():
        path = tone_wav(tmp_path / f"{kind}.wav", start, end, seconds)
        with wave.open(str(path)) as wav:
            assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
            assert abs(wav.getnframes() / wav.getframerate() - seconds) < 0.01


def test_sound_is_off_by_default_and_the_choice_is_remembered(ctx, qtbot):
    sounds = StepSounds(ctx.settings)
    assert not sounds.enabled and not sounds.action.isChecked()
    sounds.play("won")
    assert sounds.played == []
    sounds.action.trigger()
    assert sounds.enabled
    assert StepSounds(ctx.settings).action.isChecked()


# With PySide6-Addons on a machine without a sound system, QtMultimedia reports it.
@pytest.mark.qt_log_ignore("pipewire", "PulseAudioService", "Couldn't (load|resolve) va")
def test_steps_play_their_cue_when_switched_on(ctx, qtbot, monkeypatch):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    screen = HikeScreen(ctx)
    qtbot.addWidget(screen)
    try:
        assert screen.sounds.action in screen.menu_actions()
        screen.sounds.set_enabled(True)
        screen.start_level("steep-bowl")
        screen.play.rate.set_rate(5.0)  # far too big on a steep bowl: divergence
        screen.take_step()
        assert screen.sounds.played[-1] == "divergence"
        has_multimedia = bool(screen.sounds._effects)
        assert beeps == ([] if has_multimedia else [1])
    finally:
        screen.shutdown()
