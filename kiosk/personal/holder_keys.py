"""Holder keys of the province contract (section 7, `subsidies`).

The terminal never stores or sends a plain ID or card number to look up payments: it computes
lowercase hex HMAC-SHA256 with the provisioned lookup key over a prefixed, normalised value.
The card reader, the typed-ID lookup and the demo generator all use these functions.
"""

from __future__ import annotations

import hashlib
import hmac


def _key(lookup_key: bytes, text: str) -> str:
    return hmac.new(lookup_key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def id_number_key(lookup_key: bytes, id_number: str) -> str:
    """`"ID:" + id_number`, 18 characters with a final `x` upper-cased."""
    return _key(lookup_key, "ID:" + id_number.strip().upper())


def bank_card_key(lookup_key: bytes, card_number: str) -> str:
    """`"CARD:" + digits`: spaces and dashes a person might type are dropped."""
    return _key(lookup_key, "CARD:" + "".join(ch for ch in card_number if ch.isdigit()))


def social_security_card_key(lookup_key: bytes, card_number: str) -> str:
    """`"SSC:" + the 9-character card number`, upper-cased."""
    return _key(lookup_key, "SSC:" + card_number.strip().upper())
