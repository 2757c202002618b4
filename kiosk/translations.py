"""Which compiled translation the kiosk needs, and a clear refusal to start without it.

English is the source language of the screens; every other language comes from a `.qm` file
compiled from resources/translations (scripts/setup.sh, the wheel's build hook, the frozen
build). A kiosk that silently fell back to English would put villagers in front of screens
they cannot read, and in English the 长辈版 header does not even fit: a missing or unreadable
file stops start-up with a message in words instead. No Qt here (checked before Qt starts).
"""

from __future__ import annotations

from pathlib import Path

from kiosk.errors import KioskError
from kiosk.paths import resource

SOURCE_LANGUAGE = "en"
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")  # first 16 bytes of every .qm


class TranslationMissing(KioskError):
    """The compiled translation for the configured language is not there or is damaged."""

    exit_code = 3


def translation_file(language: str) -> Path | None:
    """The `.qm` file to load for `language` (None for English); raises TranslationMissing."""
    if language == SOURCE_LANGUAGE:
        return None
    path = resource("translations", f"kiosk_{language}.qm")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(QM_MAGIC))
    except OSError:
        raise missing(language, path, "is missing") from None
    if head != QM_MAGIC:
        raise missing(language, path, "is not a compiled Qt translation")
    return path


def missing(language: str, path: Path, what: str) -> TranslationMissing:
    return TranslationMissing(
        f"界面翻译文件缺失,终端不能启动 / the {language} translation of the screens {path} "
        f"{what}, so the kiosk will not start (it would show English to villagers). Build it "
        "with `python -m kiosk.i18n_build` (scripts/setup.sh does), or reinstall the package.")
