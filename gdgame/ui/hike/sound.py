"""Optional sound cues for Hike steps: off by default, toggled in the Hike menu.

With QtMultimedia (in PySide6-Addons, e.g. ``pip install "gdgame[speech]"``) each step kind
gets its own short tone, synthesised once into WAV files; without it the system beep
marks only the two moments worth a sound: a divergence and a win.
"""

from __future__ import annotations

import logging
import math
import struct
import tempfile
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

SETTING = "hike/sound"
RATE = 22050
# step kind -> (start Hz, end Hz, seconds): rising for good news, low and falling for bad.
TONES = {
    "won": (523.0, 1046.0, 0.35),
    "descent": (660.0, 700.0, 0.06),
    "overshoot": (520.0, 390.0, 0.15),
    "crawl": (300.0, 300.0, 0.10),
    "stuck": (250.0, 200.0, 0.20),
    "noisy": (480.0, 440.0, 0.08),  # a soft wobble: no mistake, the felt slope was off
    "divergence": (220.0, 110.0, 0.35),
}
BEEP_KINDS = ("won", "divergence")

log = logging.getLogger("gdgame")


def tone_wav(path: Path, start_hz: float, end_hz: float, seconds: float) -> Path:
    """Write a mono 16-bit sine sweep with soft edges (no clicks)."""
    count = int(RATE * seconds)
    phase, frames = 0.0, bytearray()
    for i in range(count):
        hz = start_hz + (end_hz - start_hz) * i / max(1, count - 1)
        phase += 2 * math.pi * hz / RATE
        envelope = min(1.0, i / (0.01 * RATE), (count - i) / (0.03 * RATE))
        frames += struct.pack("<h", int(0.3 * 32767 * envelope * math.sin(phase)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return path


class StepSounds(QObject):
    """Plays the cue for a step kind when the player has switched sound on."""

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings
        self.played: list[str] = []  # what was played this session (tests, diagnostics)
        self._effects: dict | None = None
        self.action = QAction("Sound &Effects", self, checkable=True)
        self.action.setChecked(self.enabled)
        self.action.setToolTip("Short sounds for each step (off by default)")
        self.action.toggled.connect(self.set_enabled)

    @property
    def enabled(self) -> bool:
        return str(self.settings.value(SETTING, "false")).lower() == "true"

    def set_enabled(self, on: bool) -> None:
        self.settings.setValue(SETTING, bool(on))
        if self.action.isChecked() != bool(on):
            self.action.setChecked(bool(on))

    def play(self, kind: str) -> None:
        if not self.enabled:
            return
        effects = self._load_effects()
        if kind in effects:
            effects[kind].play()
            self.played.append(kind)
        elif not effects and kind in BEEP_KINDS:
            QApplication.beep()
            self.played.append(kind)

    def _load_effects(self) -> dict:
        """QSoundEffect per kind, built on first use; {} when QtMultimedia is absent."""
        if self._effects is not None:
            return self._effects
        self._effects = {}
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            return self._effects
        if QMediaDevices.defaultAudioOutput().isNull():  # no sound card: beep instead
            return self._effects
        try:
            folder = Path(tempfile.mkdtemp(prefix="gdgame-sounds-"))
            for kind, (start, end, seconds) in TONES.items():
                effect = QSoundEffect(self)
                effect.setSource(
                    QUrl.fromLocalFile(str(tone_wav(folder / f"{kind}.wav", start, end, seconds)))
                )
                effect.setVolume(0.5)
                self._effects[kind] = effect
        except OSError as exc:  # no temp space: fall back to the beep
            log.warning("sound cues unavailable: %s", exc)
            self._effects = {}
        return self._effects
