"""Masking of personal numbers and names for every screen, printout, CLI answer and log line.

Rules from the field (domain facts): ID `330102********1234`, card number first 6 + last 4,
name `张*`. Short numbers (a 9-character social-security card number) keep only the last 4:
first 6 + last 4 of 9 characters would reveal all of it.
"""

from __future__ import annotations


def mask_id_number(id_number: str | None) -> str:
    if not id_number:
        return ""
    value = id_number.strip()
    if len(value) <= 10:
        return "*" * max(0, len(value) - 4) + value[-4:]
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_card_number(card_number: str | None) -> str:
    if not card_number:
        return ""
    value = card_number.strip()
    if len(value) >= 13:
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    keep = min(4, max(0, len(value) - 4))
    return "*" * (len(value) - keep) + value[len(value) - keep:]


def mask_name(name: str | None) -> str:
    if not name:
        return ""
    value = name.strip()
    if len(value) == 1:
        return "*"
    return value[0] + "*" * (len(value) - 1)


def card_tail(card_number: str | None) -> str:
    """The last 4 digits, as a payment notice shows them ("尾号为5341")."""
    return (card_number or "").strip()[-4:]
