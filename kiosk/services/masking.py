"""Masking of personal numbers and names: lives in the leaf `kiosk.personal.masking` (the card
reader needs it too, and `kiosk.devices` must not import `kiosk.services`)."""

from __future__ import annotations

from kiosk.personal.masking import card_tail, mask_card_number, mask_id_number, mask_name

__all__ = ["card_tail", "mask_card_number", "mask_id_number", "mask_name"]
