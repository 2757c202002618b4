"""Receipt codes (回执号): short, read out over the phone, typed on a pad, derived from the id.

A code is 8 characters taken from the first 40 bits of the application id (a UUID made when the
draft starts: random in those bits), plus one check character computed with the Luhn mod N
algorithm over the same alphabet. The alphabet is Crockford's base 32 without the letters a
villager confuses with digits (I, L, O, U), so `0`/`O` and `1`/`I`/`L` typed either way mean the
same thing. Luhn mod 32 catches every single wrong character and almost every swap of two
neighbours, so a mistyped code says "check the code" instead of showing someone else's case.

Shown as three groups of three (`K7M-29Q-XD4`); typed or scanned with or without dashes.

Two applications whose ids share those 40 bits (about one in a trillion per pair) cannot share a
code: the second takes the next code of its own id (`attempt` 1, 2, ...: bits from a hash of the
id and the attempt). The id never changes for it: it was made when the draft started and is the
idempotency key the province deduplicates on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 8
CODE_LENGTH = BODY_LENGTH + 1
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_ALIASES = {"O": "0", "I": "1", "L": "1", "U": "V"}


def check_character(body: str) -> str:
    """The Luhn mod 32 check character of `body` (characters of `ALPHABET`)."""
    base = len(ALPHABET)
    factor = 2
    total = 0
    for char in reversed(body):
        addend = factor * _VALUE[char]
        factor = 1 if factor == 2 else 2
        total += addend // base + addend % base
    return ALPHABET[(base - total % base) % base]


def receipt_code_for(application_id: str, attempt: int = 0) -> str:
    """The 9-character code of an application id (no dashes); `attempt` > 0 gives the id's
    next codes, for when the first is already another application's."""
    if attempt == 0:
        bits = uuid.UUID(application_id).int >> (128 - 5 * BODY_LENGTH)
    else:
        import hashlib

        digest = hashlib.sha256(f"{uuid.UUID(application_id)}:{attempt}".encode()).digest()
        bits = int.from_bytes(digest[:5], "big")
    body = "".join(ALPHABET[(bits >> (5 * (BODY_LENGTH - 1 - i))) & 31]
                   for i in range(BODY_LENGTH))
    return body + check_character(body)


def first_free_code(application_id: str, taken: Callable[[str], bool]) -> str:
    """The id's code, or its next one while `taken` says another application holds it (1 in
    10^12): a new code, never a new id (the id made at draft time is the idempotency key)."""
    attempt = 0
    code = receipt_code_for(application_id)
    while taken(code):
        attempt += 1
        code = receipt_code_for(application_id, attempt)
    return code


def normalize(text: str) -> str:
    """What a person typed or a scanner sent, as a bare upper-case code (may still be invalid).

    Dashes, spaces and full-width characters are dropped; O, I, L and U read as 0, 1, 1 and V.
    A scanned query URL (`…?code=K7M29QXD4`) yields its last path or query value.
    """
    import unicodedata

    value = unicodedata.normalize("NFKC", text).strip()
    for separator in ("=", "/"):
        if separator in value:
            value = value.rsplit(separator, 1)[-1]
    value = "".join(char for char in value.upper() if char.isalnum())
    return "".join(_ALIASES.get(char, char) for char in value)


def is_valid(code: str) -> bool:
    """A complete code whose check character matches (after `normalize`)."""
    value = normalize(code)
    return (len(value) == CODE_LENGTH and all(char in _VALUE for char in value)
            and check_character(value[:-1]) == value[-1])


def display(code: str) -> str:
    """`K7M29QXD4` -> `K7M-29Q-XD4` (easier to read out)."""
    value = normalize(code)
    return "-".join(value[i:i + 3] for i in range(0, len(value), 3))
