"""Every visible string is translated: Chinese complete in the .ts, nothing English on screen.

The villager sees Simplified Chinese by default. The .ts must have a finished Chinese
translation for every source string (English is the source language, so it must be there
and be English), and every page rendered in Chinese must show no English words: a string
that is not marked with tr(), or not translated, shows up as English there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "kiosk_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
NOT_WORDS = {"PDF", "USB", "SSC", "CUPS", "XXX"}  # names, not words to translate


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.append((name, message.findtext("source") or "", message))
    return out


def test_every_source_string_has_chinese_and_english() -> None:
    problems = []
    for context, source, message in _messages():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not all(f.strip() for f in forms):
            problems.append(f"{context}: {source!r} has no Chinese translation")
        if not source.strip() or (CJK.search(source) and not re.search("[A-Za-z]", source)):
            problems.append(f"{context}: source {source!r} is not English")
    assert problems == [], "\n".join(problems)


def _visible_texts(root: QWidget) -> list[tuple[str, str]]:
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text().strip():
            found.append((f"{type(widget).__name__}#{widget.objectName()}", widget.text()))
    return found


def test_no_english_on_any_chinese_page(qtbot: QtBot, shell: Any) -> None:
    window = shell.window
    english = []
    scanned = 0
    for elderly in (False, True):
        window.large_button.setChecked(elderly)
        for page_id in list(window.pages):
            window.show_page(page_id)
            qtbot.waitUntil(lambda: shell.tasks.pending == 0)
            for where, text in _visible_texts(window):
                scanned += 1
                words = [w for w in ENGLISH_WORD.findall(text) if w not in NOT_WORDS]
                if words:
                    english.append(f"{page_id}: {where} {text[:40]!r}")
        window.show_page("home")
        shell.idle.countdown_started.emit(5)
        for where, text in _visible_texts(window.overlay):
            if ENGLISH_WORD.search(text):
                english.append(f"countdown: {where} {text[:40]!r}")
        window.overlay.hide()
    assert scanned > 100, "the pages were really read"
    assert english == [], "\n".join(english)
