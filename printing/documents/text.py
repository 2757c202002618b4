"""Text measuring and wrapping for mixed Chinese and Latin text.

reportlab's `simpleSplit` breaks only at spaces, which Chinese does not have. Here a line may
break between any two CJK characters, but never inside a Latin word or number (a receipt code
split over two lines is unreadable), and never before closing punctuation (，。、) which must
stay with the character it follows (禁则).
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth

NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)%")
_TOKENS = re.compile(r"[A-Za-z0-9@#&_\-+./:%*]+|\s+|.", re.S)


def width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Lines of `text` no wider than `max_width` (a token wider than a line is cut)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, size, max_width))
    return lines


def _wrap_paragraph(text: str, font: str, size: float, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(text):
        candidate = current + token
        if width(candidate, font, size) <= max_width or not current.strip():
            if width(candidate, font, size) > max_width and len(token) > 1:
                # A single token longer than a line: cut it by characters.
                for char in token:
                    if width(current + char, font, size) > max_width and current:
                        lines.append(current)
                        current = ""
                    current += char
                continue
            current = candidate
            continue
        if token in NO_LINE_START and len(current) > 1:
            # Carry the last character down with the punctuation.
            lines.append(current[:-1])
            current = current[-1] + token
            continue
        lines.append(current.rstrip())
        current = "" if token.isspace() else token
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines
