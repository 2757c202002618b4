"""Ed25519 signatures on published disclosure items (contract section 7, `disclosures`).

The signed bytes are the canonical JSON of the item without its `signature` field: keys sorted,
separators `,` and `:`, no ASCII escaping, UTF-8. The township signs; the terminal verifies
with the publishers' public keys from its provisioning and never shows an item that fails.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def canonical_item_bytes(item: Mapping[str, Any]) -> bytes:
    unsigned = {k: v for k, v in item.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def sign_item(
    item: Mapping[str, Any], private_key: Ed25519PrivateKey, key_id: str
) -> dict[str, Any]:
    """A copy of the item with its `signature` field set."""
    value = base64.b64encode(private_key.sign(canonical_item_bytes(item))).decode("ascii")
    return {**item, "signature": {"key_id": key_id, "alg": "ed25519", "value": value}}


def verify_item(item: Mapping[str, Any], public_keys: Mapping[str, bytes]) -> bool:
    """True only for a well-formed Ed25519 signature by a known publisher over this item."""
    signature = item.get("signature")
    if not isinstance(signature, Mapping) or signature.get("alg") != "ed25519":
        return False
    raw_key = public_keys.get(str(signature.get("key_id")))
    if raw_key is None:
        return False
    try:
        value = base64.b64decode(str(signature.get("value")), validate=True)
        Ed25519PublicKey.from_public_bytes(raw_key).verify(value, canonical_item_bytes(item))
    except (InvalidSignature, ValueError):
        return False
    return True
