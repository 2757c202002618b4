"""Voice guidance: pages, errors and lookup results read aloud in Mandarin (QtTextToSpeech).

`Voice` wraps one QTextToSpeech engine ("speechd" on a terminal, "mock" in tests). When no
engine works it says so once in the log (and `kiosk doctor` reports it) and then stays
silent: the kiosk never waits for speech. speech-dispatcher is probed over its socket before
Qt connects, because Qt's speechd plugin blocks the UI thread forever when the daemon is
stuck (seen when its audio output is missing); the probe itself (up to a second's timeout) runs
on the "speech" worker (`kiosk.ui.background`), and the engine opens when it answers. What is
asked to be said meanwhile is said then (only the latest page: old news is not read out).

`VoiceGuide` decides what to say: each page's title and instructions when it is shown, every
new text of a label whose role is spoken (errors and results, see `widgets.text_label`), the
idle countdown; "Read again" repeats the page and what it said since. It forgets what it
said when the session is wiped.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.ui.widgets import KioskLabel, big_button

log = logging.getLogger(__name__)

INSTRUCTION_ROLES = ("instruction",)
MANDARIN_HINTS = ("Mandarin", "cmn", "Chinese")


class Voice(QObject):
    """One speech engine, or silence. `spoken` carries every text handed to the engine."""

    spoken = Signal(str)
    ready = Signal()  # the engine opened (after the speech-dispatcher probe, when there is one)

    def __init__(self, engine: str | None = None, *, enabled: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.problem = ""
        self._tts: Any = None
        self._engine = engine or os.environ.get("KIOSK_TTS_ENGINE") or None
        self._opened = False
        self._enabled = False
        self.probing = False  # the speech-dispatcher probe is still out
        self._waiting = ""  # asked to be said while probing: said once the engine is open
        self.enabled = enabled

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        """The engine is opened the first time voice is switched on, never before: a kiosk
        that does not speak does not start speech-dispatcher."""
        self._enabled = on
        if on and not self._opened:
            self._opened = True
            self._open(self._engine)

    @property
    def available(self) -> bool:
        return self._tts is not None

    def _open(self, engine: str | None) -> None:
        if engine is None and QGuiApplication.platformName() == "offscreen":
            self._unavailable("offscreen rendering: no one to listen")
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:  # pragma: no cover - the add-ons wheel is a dependency
            self._unavailable("PySide6.QtTextToSpeech is not installed (pyside6-addons)")
            return
        engines = list(QTextToSpeech.availableEngines())
        name = engine or ("speechd" if "speechd" in engines else "")
        if not name or name not in engines:
            self._unavailable(f"no speech engine (found {engines or 'none'}); install "
                              "speech-dispatcher and espeak-ng (scripts/setup.sh)")
            return
        if name == "speechd":
            self._probe_then_open()
            return
        self._start_engine(name)

    def _probe_then_open(self) -> None:
        """Ask speech-dispatcher over its socket, off the UI thread, then open Qt's engine."""
        from kiosk.services.speech_check import speechd_responds  # only with voice on
        from kiosk.ui.background import runner

        self.probing = True

        def answered(problem: str | None) -> None:
            self.probing = False
            if problem:
                self._unavailable(f"speech-dispatcher: {problem}")
            else:
                self._start_engine("speechd")

        def failed(error: Exception) -> None:
            self.probing = False
            self._unavailable(f"speech-dispatcher: probe failed ({type(error).__name__})")

        self._probe = runner("speech", self)
        self._probe.run(speechd_responds, answered, failed)

    def _start_engine(self, name: str) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = QTextToSpeech(name, self)
        if tts.state() == QTextToSpeech.State.Error:
            self._unavailable(f"{name}: {tts.errorString() or 'engine failed to start'}")
            return
        self._tts = tts
        self._pick_mandarin()
        self.ready.emit()
        waiting, self._waiting = self._waiting, ""
        if waiting:
            self.say(waiting)

    def _pick_mandarin(self) -> None:
        """zh_CN where the engine knows it; else a voice whose name says Mandarin (espeak-ng's
        cmn voice reaches Qt with no locale, only its name)."""
        tts = self._tts
        tts.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        if tts.locale().language() == QLocale.Language.Chinese:
            return
        for hint in MANDARIN_HINTS:
            for voice in tts.availableVoices():
                if hint in voice.name() and "+" not in voice.name():
                    tts.setVoice(voice)
                    return
        if tts.engine() != "mock":
            log.warning("voice: the speech engine has no Mandarin voice; install espeak-ng")

    def _unavailable(self, problem: str) -> None:
        self.problem = problem
        log.warning("voice guidance off: %s", problem)

    def say(self, text: str) -> None:
        """Read `text` now, interrupting whatever was being read; silent when off."""
        text = text.strip()
        if not text or not self.enabled:
            return
        if self._tts is None:
            if self.probing:
                self._waiting = text
            return
        self._tts.stop()
        self._tts.say(text)
        self.spoken.emit(text)

    def queue(self, text: str) -> None:
        """Read `text` after whatever is being read now."""
        text = text.strip()
        if not text or not self.enabled or self._tts is None:
            return
        self._tts.enqueue(text)
        self.spoken.emit(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()


class VoiceGuide(QObject):
    """What the kiosk reads aloud, wired to a `MainWindow`."""

    def __init__(self, voice: Voice, window: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.voice = voice
        self.window = window
        self._messages: list[str] = []  # what changed on the current page since it was shown
        self.read_again_button = self._add_read_again_button()
        window.page_changed.connect(self._on_page_changed)
        voice.ready.connect(lambda: self.set_enabled(self.voice.enabled))
        self._connect_spoken_labels()
        self.set_enabled(voice.enabled)

    def _add_read_again_button(self) -> QPushButton:
        button = big_button(self.tr("Read again"), name="readAgain")
        button.clicked.connect(self.read_again)
        footer = self.window.findChild(QWidget, "footer")
        layout = footer.layout() if footer is not None else None
        if layout is not None:
            layout.insertWidget(max(0, layout.count() - 1), button)
        return button

    def set_enabled(self, enabled: bool) -> None:
        self.voice.enabled = enabled
        self.read_again_button.setVisible(enabled and self.voice.available)
        if not enabled:
            self.voice.stop()

    def page_text(self) -> str:
        """The current page's title and its visible instructions, in reading order."""
        page = self.window.current_page
        parts = [page.title_text()]
        for label in page.findChildren(QLabel):
            if label.objectName() in INSTRUCTION_ROLES and label.isVisibleTo(page) \
                    and label.text().strip():
                parts.append(label.text())
        return "。".join(part.strip().rstrip("。") for part in parts if part.strip()) + "。"

    def read_again(self) -> None:
        """The page's title and instructions again, then what it has said since."""
        self.voice.say(self.page_text())
        for message in self._messages:
            self.voice.queue(message)

    def announce_countdown(self, overlay: QWidget) -> None:
        texts = [label.text() for label in overlay.findChildren(QLabel)
                 if label.objectName() in ("pageTitle", "instruction") and label.text()]
        self.voice.say(" ".join(texts))

    def forget(self) -> None:
        """The session was wiped: nothing of the last villager may be read again."""
        self._messages.clear()
        self.voice.stop()

    def _on_page_changed(self, _page_id: str) -> None:
        self._connect_spoken_labels()
        self._messages.clear()
        self.voice.say(self.page_text())

    def _connect_spoken_labels(self) -> None:
        for label in self.window.findChildren(KioskLabel):
            if label.spoken and not label.voice_connected:
                label.voice_connected = True
                label.text_shown.connect(
                    lambda text, shown=label: self._on_text_shown(shown, text))

    def _on_text_shown(self, label: QWidget, text: str) -> None:
        if self.window.current_page.isAncestorOf(label):
            self._messages = [*self._messages[-4:], text]
            self.voice.queue(text)
