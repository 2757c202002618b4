"""BER-TLV as EMV and PBOC cards use it: parse untrusted card answers without ever crashing.

A card is outside input: a bad byte must give a `TlvError` (a `ValueError`) the reader can turn
into "unreadable card", never an IndexError or a hang. Lengths are checked against the data
left, tags are limited to 4 bytes, nesting depth is bounded, and 00/FF padding between objects
(allowed by EMV Book 3, annex B) is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_DEPTH = 8


class TlvError(ValueError):
    """The bytes are not well-formed BER-TLV."""


@dataclass(frozen=True)
class Tlv:
    tag: int
    value: bytes
    children: tuple[Tlv, ...] = field(default=())

    @property
    def constructed(self) -> bool:
        return _is_constructed(self.tag)

    def walk(self) -> Iterator[Tlv]:
        """This object and every object nested in it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


def _is_constructed(tag: int) -> bool:
    first = tag
    while first > 0xFF:
        first >>= 8
    return bool(first & 0x20)


def _read_tag(data: bytes, pos: int) -> tuple[int, int]:
    first = data[pos]
    tag = first
    pos += 1
    if first & 0x1F == 0x1F:  # multi-byte tag: continue while bit 8 is set
        for count in range(3):
            if pos >= len(data):
                raise TlvError("tag runs past the end")
            byte = data[pos]
            tag = (tag << 8) | byte
            pos += 1
            if not byte & 0x80:
                break
            if count == 2:
                raise TlvError("tag longer than 4 bytes")
    return tag, pos


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise TlvError("length missing")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 3:
        raise TlvError(f"unsupported length form {first:02X}")
    if pos + count > len(data):
        raise TlvError("length runs past the end")
    return int.from_bytes(data[pos:pos + count], "big"), pos + count


def parse(data: bytes, *, depth: int = 0) -> tuple[Tlv, ...]:
    """All objects in `data`, constructed ones parsed recursively. Raises only `TlvError`."""
    if depth > MAX_DEPTH:
        raise TlvError("nesting too deep")
    objects: list[Tlv] = []
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF):  # inter-object padding
            pos += 1
            continue
        tag, pos = _read_tag(data, pos)
        length, pos = _read_length(data, pos)
        if pos + length > len(data):
            raise TlvError(f"tag {tag:X} says {length} bytes, only {len(data) - pos} left")
        value = bytes(data[pos:pos + length])
        pos += length
        children = parse(value, depth=depth + 1) if _is_constructed(tag) else ()
        objects.append(Tlv(tag, value, children))
    return tuple(objects)


def find(objects: tuple[Tlv, ...], tag: int) -> Tlv | None:
    """The first object with `tag` anywhere in the tree, or None."""
    for top in objects:
        for item in top.walk():
            if item.tag == tag:
                return item
    return None


def find_all(objects: tuple[Tlv, ...], tag: int) -> list[Tlv]:
    return [item for top in objects for item in top.walk() if item.tag == tag]


def flatten(objects: tuple[Tlv, ...]) -> dict[int, bytes]:
    """Primitive values by tag (first occurrence wins), for the fields a card reader wants."""
    values: dict[int, bytes] = {}
    for top in objects:
        for item in top.walk():
            if not item.constructed:
                values.setdefault(item.tag, item.value)
    return values


def parse_dol(data: bytes) -> list[tuple[int, int]]:
    """A data object list (PDOL, CDOL): tag and length pairs without values."""
    entries: list[tuple[int, int]] = []
    pos = 0
    while pos < len(data):
        tag, pos = _read_tag(data, pos)
        length, pos = _read_length(data, pos)
        entries.append((tag, length))
    return entries


def encode(tag: int, value: bytes) -> bytes:
    """One object, for building commands (GPO's 83 template) and test cards."""
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return tag_bytes + length + value
