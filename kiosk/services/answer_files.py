"""Scans named in an answers file (`{"file": "scan.jpg"}`), read without trusting the name.

`kiosk applications submit --answers DIR/answers.json` lets a clerk give each material as a
file next to the answers file. The answers file may come from anywhere (a USB stick, a
colleague), so a name is never simply opened (docs/security.md, finding 1):

- the path must stay inside the answers file's folder (no absolute names, no `..` out of it,
  no folder that is a link to elsewhere);
- the file itself must be a regular file, not a link (`lstat`, then `O_NOFOLLOW`, then `fstat`
  on what was opened, so a swap between the checks opens nothing else); FIFOs and devices
  such as /dev/zero are refused before a byte is read;
- its size is checked against the field's limit before reading, and never more than the
  limit is read;
- its media type comes from its first bytes (magic numbers), never from the name, and must be
  one the field accepts.

Each refusal is an `AnswerFileRefused` in words; nothing is read or stored after one.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms import FormDefinition
from forms.definition import Field
from forms.file_types import MAX_BLOB_BYTES, MAX_SIGNATURE_BYTES
from kiosk.errors import KioskError

DEFAULT_ACCEPT = ("image/jpeg", "image/png", "application/pdf")
MAX_ANSWERS_BYTES = 2 * 1024 * 1024  # the answers document itself: text, never megabytes


class AnswerFileRefused(KioskError):
    """A file named in an answers file that is not read (outside, a link, too big, wrong type)."""

    exit_code = 1


@dataclass(frozen=True)
class FileRule:
    """What one answer may hold: the media types it accepts and its size limit in bytes."""

    accept: tuple[str, ...]
    limit: int

    @classmethod
    def for_field(cls, field: Field) -> FileRule:
        if field.type == "signature":
            return cls(("image/png",), MAX_SIGNATURE_BYTES)
        return cls(tuple(field.params.get("accept", DEFAULT_ACCEPT)),
                   int(field.params.get("max_size_bytes", MAX_BLOB_BYTES)))


def sniff_media_type(head: bytes) -> str | None:
    """The media type told by a file's first bytes, or None when it is none we take."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _inside(base: Path, name: object) -> Path:
    """The path of `name` under `base`, refused when it is not a plain relative name inside."""
    if not isinstance(name, str) or not name or "\x00" in name:
        raise AnswerFileRefused(f"材料文件名无效 / not a file name: {name!r}")
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise AnswerFileRefused(
            f"材料文件必须放在答案文件所在的文件夹里 / {name!r} is outside the answers file's "
            "folder: give a name relative to that folder, without '..' or a leading '/'")
    path = base / relative
    folder = path.parent.resolve()
    if folder != base and base not in folder.parents:
        raise AnswerFileRefused(
            f"材料文件所在的文件夹指向别处 / the folder of {name!r} leads outside the answers "
            "file's folder (a link): copy the scan itself next to the answers file")
    return folder / path.name


def _refuse_kind(name: str, mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise AnswerFileRefused(f"材料文件是一个链接，不读取 / {name!r} is a link (symlink); "
                                "copy the scan itself next to the answers file")
    if not stat.S_ISREG(mode):
        raise AnswerFileRefused(f"材料文件不是普通文件，不读取 / {name!r} is not a regular "
                                "file (a device, pipe or folder)")


def _refuse_size(name: str, size: int, rule: FileRule) -> None:
    if size == 0:
        raise AnswerFileRefused(f"材料文件是空的 / {name!r} is empty")
    if size > rule.limit:
        raise AnswerFileRefused(
            f"材料文件太大（最大 {rule.limit // 1024} KB）/ {name!r} is {size // 1024} KB, "
            f"more than this field takes ({rule.limit // 1024} KB)")


def read_answer_file(base_dir: Path, name: object, rule: FileRule) -> tuple[bytes, str]:
    """The bytes and sniffed media type of `name` in `base_dir`, or `AnswerFileRefused`."""
    base = base_dir.resolve()
    path = _inside(base, name)
    shown = str(name)
    try:
        _refuse_kind(shown, os.lstat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise AnswerFileRefused(f"找不到材料文件 / no file {shown!r} next to the answers "
                                "file") from None
    except OSError as error:
        raise AnswerFileRefused(f"无法读取材料文件 / cannot read {shown!r}: "
                                f"{error.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        _refuse_kind(shown, opened.st_mode)
        _refuse_size(shown, opened.st_size, rule)
        data = handle.read(rule.limit + 1)
    _refuse_size(shown, len(data), rule)  # it grew after fstat
    media_type = sniff_media_type(data[:16])
    if media_type is None or media_type not in rule.accept:
        found = media_type or "不认识的内容 / unknown content"
        raise AnswerFileRefused(
            f"材料文件类型不可用 / {shown!r} is {found}; this field takes "
            f"{', '.join(rule.accept)} (the type is read from the file's content, not its name)")
    return data, media_type


def read_answers_text(path: Path) -> str:
    """The answers document the clerk named: a regular file of at most `MAX_ANSWERS_BYTES`
    (a device or pipe named by mistake is refused before it is read)."""
    shown = str(path)
    try:  # O_NONBLOCK: opening a pipe must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            _refuse_kind(shown, os.fstat(handle.fileno()).st_mode)
            data = handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        raise AnswerFileRefused(f"无法读取答案文件 / cannot read {shown}: "
                                f"{error.strerror}") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise AnswerFileRefused(f"答案文件太大 / {shown} is larger than "
                                f"{MAX_ANSWERS_BYTES // 1024} KB: it is not an answers file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswerFileRefused(f"答案文件不是 UTF-8 文本 / {shown} is not UTF-8 text") from None


def resolve_files(definition: FormDefinition, answers: dict[str, Any], base_dir: Path,
                  blob_data: dict[str, bytes]) -> dict[str, Any]:
    """Replace `{"file": name}` entries of attachment and signature answers (top level and in
    repeats) by blob references, collecting the bytes into `blob_data`."""

    def blob(field: Field, entry: Any) -> Any:
        if not (isinstance(entry, dict) and set(entry) == {"file"}):
            return entry
        data, media_type = read_answer_file(base_dir, entry["file"], FileRule.for_field(field))
        sha256 = hashlib.sha256(data).hexdigest()
        blob_data[sha256] = data
        return {"sha256": sha256, "filename": Path(str(entry["file"])).name, "size": len(data),
                "media_type": media_type}

    def value_of(field: Field, value: Any) -> Any:
        if field.type == "attachment" and isinstance(value, list):
            return [blob(field, entry) for entry in value]
        return blob(field, value) if field.type == "signature" else value

    result = dict(answers)
    for _page, field in definition.all_fields():
        if field.id not in result:
            continue
        if field.type == "repeat" and isinstance(result[field.id], list):
            result[field.id] = [
                {key: value_of(sub, value) if (sub := field.subfield(key)) else value
                 for key, value in item.items()} if isinstance(item, dict) else item
                for item in result[field.id]]
        else:
            result[field.id] = value_of(field, result[field.id])
    return result
