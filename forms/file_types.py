"""Field types that refer to files: photographed or imported materials, and signatures.

The answer holds blob references (`sha256`, `media_type`, `size`, `filename`); the bytes
travel separately, uploaded by hash before the application that names them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from typing import Any

from forms.definition import Field
from forms.fieldbase import (
    DefinitionChecks,
    ExampleContext,
    FieldType,
    TypeParts,
    issue,
    type_issue,
)
from forms.issues import Issue

BLOB_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_BLOB_BYTES = 10 * 1024 * 1024  # the province refuses larger blobs (413)
MAX_SIGNATURE_BYTES = 1024 * 1024
_EXTENSIONS = {
    "image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf", "image/webp": "webp",
}


def _blob_problem(value: Any, with_filename: bool) -> str | None:
    if not isinstance(value, dict):
        return "not an object"
    required = {"sha256", "media_type", "size"} | ({"filename"} if with_filename else set())
    if not required <= set(value) or set(value) - {"sha256", "media_type", "size", "filename"}:
        return "keys"
    if not isinstance(value["sha256"], str) or not BLOB_SHA256.match(value["sha256"]):
        return "sha256"
    size = value["size"]
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        return "size"
    if not isinstance(value["media_type"], str):
        return "media_type"
    if "filename" in value and (not isinstance(value["filename"], str) or not value["filename"]):
        return "filename"
    return None


def example_blob(seed: str, media_type: str, size: int) -> dict[str, Any]:
    extension = _EXTENSIONS.get(media_type, "bin")
    return {
        "sha256": hashlib.sha256(seed.encode("utf-8")).hexdigest(),
        "filename": f"{seed.rsplit(':', 1)[-1]}.{extension}",
        "media_type": media_type,
        "size": size,
    }


class AttachmentType(FieldType):
    """A list of blob references `{"sha256", "filename", "media_type", "size"}`: photographed or
    imported materials. Type and size limits are checked here, when the form is finished,
    never at send time."""

    name = "attachment"
    keys = frozenset({"accept", "max_size_bytes", "min_files", "max_files"})

    def definition(self, raw: Mapping[str, Any], where: str,
                   checks: DefinitionChecks) -> TypeParts:
        """The limits, and `accept`: the media types a material may have."""
        parts = super().definition(raw, where, checks)
        accept = raw.get("accept", ["image/jpeg", "image/png", "application/pdf"])
        if not isinstance(accept, list) or not accept or not all(
            isinstance(item, str) and "/" in item for item in accept
        ):
            checks.fail(f"{where}.accept", "a non-empty list of media types (image/jpeg)")
        else:
            parts.params["accept"] = list(accept)
        return parts

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, list):
            return [type_issue(field, path, "材料文件", "a list of files")]
        found: list[Issue] = []
        accept = list(field.params.get("accept", ["image/jpeg", "image/png", "application/pdf"]))
        limit = int(field.params.get("max_size_bytes", MAX_BLOB_BYTES))
        for index, blob in enumerate(value):
            where = f"{path}[{index}]"
            if _blob_problem(blob, with_filename=True) is not None:
                found.append(issue(where, "bad_file", f"“{field.label.zh}”第 {index + 1} 个文件"
                                    "无法识别，请重新拍照或导入",
                                    f"“{field.label.en}”: file {index + 1} cannot be read; "
                                    "please photograph or import it again"))
            elif blob["media_type"] not in accept:
                found.append(issue(where, "file_type", f"“{field.label.zh}”第 {index + 1} 个文件"
                                    f"类型不可用（可用：{'、'.join(accept)}）",
                                    f"“{field.label.en}”: file {index + 1} has a type that is "
                                    f"not accepted (accepted: {', '.join(accept)})"))
            elif blob["size"] > limit:
                found.append(issue(where, "file_too_large",
                                    f"“{field.label.zh}”第 {index + 1} 个文件太大"
                                    f"（最大 {limit // 1024} KB），请重新拍照",
                                    f"“{field.label.en}”: file {index + 1} is too large "
                                    f"(at most {limit // 1024} KB); please take it again"))
        low = int(field.params.get("min_files", 1))
        high = int(field.params.get("max_files", 10))
        if len(value) < low:
            found.append(issue(path, "too_few_files", f"“{field.label.zh}”至少需要 {low} 个文件",
                                f"“{field.label.en}” needs at least {low} file(s)"))
        if len(value) > high:
            found.append(issue(path, "too_many_files", f"“{field.label.zh}”最多 {high} 个文件",
                                f"“{field.label.en}” takes at most {high} files"))
        return found

    def display(self, field: Field, value: Any, language: str) -> str:
        count = len(value) if isinstance(value, list) else 0
        return f"{count} file(s)" if language == "en" else f"{count} 个文件"

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        accept = list(field.params.get("accept", ["image/jpeg"]))
        count = max(1, int(field.params.get("min_files", 1)))
        size = min(180_000, int(field.params.get("max_size_bytes", MAX_BLOB_BYTES)))
        return [
            example_blob(f"example:{field.id}-{ctx.index}-{number + 1}", accept[0], size)
            for number in range(count)
        ]


class SignatureType(FieldType):
    """A signature drawn on the touch screen, stored as a PNG blob: `{"sha256",
    "media_type": "image/png", "size"}` (a `filename` is optional)."""

    name = "signature"

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if (
            _blob_problem(value, with_filename=False) is not None
            or value["media_type"] != "image/png"
            or value["size"] > MAX_SIGNATURE_BYTES
        ):
            return [issue(path, "bad_signature", f"“{field.label.zh}”签名无效，请重新签名",
                           f"“{field.label.en}”: the signature is not valid; please sign again")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        return "Signed" if language == "en" else "已签名"

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return example_blob(f"example:signature-{field.id}", "image/png", 8_432)
