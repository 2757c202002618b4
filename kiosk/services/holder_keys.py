"""Holder keys of the province contract: live in the leaf `kiosk.personal.holder_keys` (the card
reader computes them too, and `kiosk.devices` must not import `kiosk.services`)."""

from __future__ import annotations

from kiosk.personal.holder_keys import bank_card_key, id_number_key, social_security_card_key

__all__ = ["bank_card_key", "id_number_key", "social_security_card_key"]
