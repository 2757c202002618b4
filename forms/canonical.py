"""Canonical JSON: the one byte form used for hashing definitions and freezing answers.

The province contract signs and hashes "keys sorted, separators `,` and `:`, no ASCII escaping,
UTF-8". Every hash in the project (form definitions, frozen applications) must come from these
exact bytes, so the function lives here once and everyone imports it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(obj: Any) -> bytes:
    """The canonical UTF-8 bytes of a JSON value (sorted keys, compact, no ASCII escaping).

    Floats are refused: money is fen and counts are integers, and float formatting is the one
    place where two correct encoders may disagree byte for byte.
    """
    _refuse_floats(obj)
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def definition_sha256(document: Any) -> str:
    """SHA-256 hex of the canonical JSON of a form definition (the `form_sha256` of the wire)."""
    return sha256_hex(canonical_json(document))


def _refuse_floats(obj: Any) -> None:
    if isinstance(obj, float):
        raise ValueError(f"canonical JSON refuses floats (got {obj!r}); use integers (fen)")
    if isinstance(obj, dict):
        for value in obj.values():
            _refuse_floats(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            _refuse_floats(value)
