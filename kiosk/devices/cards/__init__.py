"""Card protocols, pure and testable without hardware: BER-TLV, the APDU channel, the
social-security and bank card readers. `read_card(transport, lookup_key)` is the entry point."""

from kiosk.devices.cards.reading import read_card
from kiosk.devices.cards.result import CardRead

__all__ = ["CardRead", "read_card"]
