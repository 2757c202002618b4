"""Small sample scans for `kiosk forms example FORM --files DIR` (bulk-entry practice).

The example answers document names its materials by hash only, so it cannot be submitted as
is. With `--files DIR` each attachment and signature becomes a real little file in DIR (a
ruled grey page: PNG from our own encoder, JPEG through Pillow, a one-page PDF written by
hand) and the document names it as `{"file": name}`: saved as DIR/answers.json it passes
every check of `kiosk.services.answer_files` (content type, accept list, size) unchanged.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from forms import FormDefinition
from forms.definition import Field
from kiosk.services.answer_files import FileRule
from kiosk.services.document_camera import png_page

_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


def sample_bytes(media_type: str, seed: int) -> bytes:
    """A small valid file of `media_type` (one of `_EXTENSIONS`)."""
    if media_type == "image/png":
        return png_page(120, 170, seed)
    if media_type == "image/jpeg":
        from PIL import Image

        image = Image.open(io.BytesIO(png_page(120, 170, seed)))
        out = io.BytesIO()
        image.convert("L").save(out, format="JPEG", quality=70)
        return out.getvalue()
    return _pdf_page(seed)


def _pdf_page(seed: int) -> bytes:
    """A one-page PDF with a few ruled lines, cross-reference offsets computed exactly."""
    lines = "".join(f"40 {700 - 30 * i - seed % 7} m 555 {700 - 30 * i - seed % 7} l S\n"
                    for i in range(12))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(lines), lines.encode())]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def file_for(self, field: Field) -> dict[str, str]:
        rule = FileRule.for_field(field)
        media_type = next((t for t in rule.accept if t in _EXTENSIONS), "image/png")
        self.count += 1
        name = f"{field.id}-{self.count}.{_EXTENSIONS[media_type]}"
        data = sample_bytes(media_type, self.count)
        if len(data) > rule.limit:
            raise ValueError(f"field {field.id} takes at most {rule.limit} bytes")
        (self.folder / name).write_bytes(data)
        return {"file": name}

    def value(self, field: Field, value: Any) -> Any:
        if field.type == "attachment" and isinstance(value, list):
            return [self.file_for(field) for _ in value]
        if field.type == "signature" and value is not None:
            return self.file_for(field)
        return value


def with_sample_files(definition: FormDefinition, document: dict[str, Any],
                      folder: Path) -> dict[str, Any]:
    """`document` with every attachment and signature written as a sample file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = _Writer(folder)
    answers = dict(document["answers"])
    for _page, field in definition.all_fields():
        if field.id not in answers:
            continue
        value = answers[field.id]
        if field.type == "repeat" and isinstance(value, list):
            answers[field.id] = [
                {key: writer.value(sub, item_value) if (sub := field.subfield(key)) else item_value
                 for key, item_value in item.items()} if isinstance(item, dict) else item
                for item in value]
        else:
            answers[field.id] = writer.value(field, value)
    return {**document, "answers": answers}
