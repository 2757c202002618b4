"""A rendered roll page as a 1-bit image for a thermal head (203 dpi, 576 dots = 72 mm).

The thermal printer prints pictures, so Chinese needs no printer font: the same PDF the other
back ends print is rasterised with poppler's `pdftoppm`, cropped to the 72 mm printable width
(our roll layout keeps 4 mm margins on an 80 mm page) and thresholded, not dithered, so text
edges stay sharp.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from printing.errors import PrinterUnavailable

DPI = 203
HEAD_DOTS = 576


def rasterize(pdf: bytes, dpi: int = DPI, dots: int = HEAD_DOTS) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        raise PrinterUnavailable("找不到 pdftoppm / install poppler-utils to print on ESC/POS")
    with tempfile.TemporaryDirectory(prefix="kiosk-raster-") as tmp:
        source = Path(tmp) / "page.pdf"
        source.write_bytes(pdf)
        result = subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(source),
             str(Path(tmp) / "page")], capture_output=True, timeout=60, check=False)
        if result.returncode != 0:
            raise PrinterUnavailable(
                f"pdftoppm failed: {result.stderr.decode('utf-8', 'replace').strip()}")
        opened = Image.open(io.BytesIO((Path(tmp) / "page.png").read_bytes()))
        image = opened.convert("L")
    if image.width > dots:
        left = (image.width - dots) // 2
        image = image.crop((left, 0, left + dots, image.height))
    return image.point(lambda v: 255 if v > 160 else 0).convert("1")
