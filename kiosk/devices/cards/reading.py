"""Reading any supported card over one channel: social-security first, then bank.

A social-security card usually carries a financial (PBOC) application too; its card number is
what subsidies are paid to, so it is read as well when present. A failure there only adds a
warning: the social-security part is already a good answer.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.devices.cards import bank, social_security, tlv
from kiosk.devices.cards.apdu import CardChannel, Transport
from kiosk.devices.cards.result import CardRead
from kiosk.devices.errors import CardError, CardRemovedError, CardUnreadableError, NoReaderError


def read_card(transport: Transport, lookup_key: bytes = b"") -> CardRead:
    channel = CardChannel(transport)
    try:
        result = _read(channel)
    except tlv.TlvError as error:
        raise CardUnreadableError(f"卡片数据格式有误 / malformed card data: {error}") from None
    return replace(result, apdu_count=channel.apdu_count).with_lookup_keys(lookup_key)


def _read(channel: CardChannel) -> CardRead:
    if not social_security.select(channel):
        return bank.read(channel)
    result = social_security.read(channel)
    try:
        financial = bank.read(channel)
    except (CardRemovedError, NoReaderError):
        raise
    except CardError:
        return result
    return replace(result, bank_card_number=financial.card_number,
                   expiry=result.expiry or financial.expiry,
                   warnings=result.warnings + financial.warnings)
