"""The one CJK font every document uses, found and registered once per process.

reportlab's built-in `STSong-Light` is a CID font that is *not* embedded: after CUPS and
Ghostscript it comes out garbled. We embed (and reportlab subsets) a TrueType CJK font instead:
WenQuanYi Zen Hei, face 0 of its `.ttc`. Noto CJK `.ttc` files hold PostScript outlines that
reportlab refuses, so they are never picked. Registration parses a 10+ MB file (~0.2 s), so it is
lazy and cached: the first document pays it, the rest of the process does not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

from printing.errors import FontNotFound

FONT_NAME = "KioskCJK"
ENV_FONT = "KIOSK_CJK_FONT"

# Searched in order after $KIOSK_CJK_FONT; fc-match is asked last (it costs a subprocess).
KNOWN_PATHS: tuple[Path, ...] = (
    Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-zenhei.ttc",
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc"),
)
FC_FAMILIES = ("WenQuanYi Zen Hei", "WenQuanYi Zen Hei Sharp")

_lock = threading.Lock()
_registered: Path | None = None


def find_font_file() -> Path:
    """Path of an embeddable CJK TrueType font, or a `FontNotFound` saying how to get one."""
    override = os.environ.get(ENV_FONT)
    if override:
        path = Path(override)
        if path.is_file():
            return path
        raise FontNotFound(f"{ENV_FONT}={override} does not name a font file")
    for path in KNOWN_PATHS:
        if path.is_file():
            return path
    found = _ask_fontconfig()
    if found is not None:
        return found
    raise FontNotFound(
        "找不到中文字体 / no Chinese TrueType font found for printing. Install fonts-wqy-zenhei "
        f"(apt-get install fonts-wqy-zenhei) or set {ENV_FONT} to a .ttf/.ttc with TrueType "
        "outlines."
    )


def _ask_fontconfig() -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    for family in FC_FAMILIES:
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True,
                                 text=True, timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return None
        # fc-match always answers something; accept only a WenQuanYi TrueType file.
        if out and "wqy" in out.lower() and out.lower().endswith((".ttc", ".ttf")):
            return Path(out)
    return None


def cjk_font() -> str:
    """Register the CJK font with reportlab (once per process) and return its name."""
    global _registered
    if _registered is not None:
        return FONT_NAME
    with _lock:
        if _registered is None:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFError, TTFont

            path = find_font_file()
            try:
                font = TTFont(FONT_NAME, str(path), subfontIndex=0)
            except TTFError as error:
                raise FontNotFound(
                    f"字体无法使用 / the font {path} cannot be embedded ({error}); use a font "
                    "with TrueType outlines such as WenQuanYi Zen Hei"
                ) from None
            pdfmetrics.registerFont(font)
            _registered = path
    return FONT_NAME


def registered_font_file() -> Path | None:
    """The file registered so far (None before the first document): for `kiosk doctor`."""
    return _registered
