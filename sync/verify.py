"""Ed25519 verification of disclosure items (contract section 7).

The signed bytes are the canonical JSON of the item without its `signature` field: keys sorted,
separators `,` and `:`, no ASCII escaping, UTF-8. Kept here because the sync library may not
import the app; the kiosk's own copy (kiosk.services.signatures) follows the same text.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def canonical_bytes(item: Mapping[str, Any]) -> bytes:
    unsigned = {k: v for k, v in item.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def verify_disclosure(item: Any, public_keys: Mapping[str, bytes]) -> str:
    """An empty string when the signature verifies, else the reason it does not."""
    if not isinstance(item, Mapping):
        return "not an object"
    signature = item.get("signature")
    if not isinstance(signature, Mapping) or signature.get("alg") != "ed25519":
        return "no ed25519 signature"
    raw_key = public_keys.get(str(signature.get("key_id")))
    if raw_key is None:
        return f"unknown publisher key {signature.get('key_id')!r}"
    try:
        value = base64.b64decode(str(signature.get("value")), validate=True)
        Ed25519PublicKey.from_public_bytes(raw_key).verify(value, canonical_bytes(item))
    except (InvalidSignature, ValueError, binascii.Error):
        return "signature does not verify"
    return ""


def verify_key_list(document: Any, trusted: Mapping[str, bytes], current_version: int
                    ) -> tuple[dict[str, bytes], int] | str:
    """A signed publisher key list (docs/sync.md, "Publisher key rotation"): the new keys and
    the list's version, or the reason it is not accepted.

    Accepted only when its `version` is newer than `current_version` and it is signed (Ed25519,
    the disclosures' canonical JSON without `signature`) by a key the terminal trusts now; so a
    rotation needs the old key's consent, and an old list can never be replayed."""
    if not isinstance(document, Mapping):
        return "not an object"
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return "no positive integer version"
    if version <= current_version:
        return f"version {version} is not newer than {current_version}"
    keys: dict[str, bytes] = {}
    entries = document.get("keys")
    if not isinstance(entries, list) or not entries:
        return "no keys"
    for entry in entries:
        try:
            raw = base64.b64decode(str(entry["public_key"]), validate=True)
            Ed25519PublicKey.from_public_bytes(raw)
        except (KeyError, TypeError, ValueError, binascii.Error):
            return "a key is not a base64 Ed25519 public key"
        keys[str(entry["key_id"])] = raw
    problem = verify_disclosure(document, trusted)
    if problem:
        return problem
    return keys, version
