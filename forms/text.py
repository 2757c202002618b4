"""Bilingual text: every label, help line and message exists in Chinese and English.

The kiosk's default language is Chinese; English exists so that both UI languages work and so
that logs and tests can be read by everyone. A `Text` is never half-filled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def get(self, language: str) -> str:
        """The text in `language` ("zh" or "en"); anything else falls back to Chinese."""
        return self.en if language == "en" else self.zh

    def to_json(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    @classmethod
    def from_json(cls, value: Any) -> Text:
        """From a `{"zh", "en"}` object already checked by the definition schema."""
        return cls(zh=str(value["zh"]), en=str(value["en"]))
