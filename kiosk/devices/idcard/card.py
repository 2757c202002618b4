"""An ID card read as the kiosk uses it: the holder key, a `CardRead`, the CLI's JSON.

`holder_key(info, lookup_key)` is the contract's `ID:` key (section 7) of the card's holder:
the one pure function every user of an ID card read (subsidy lookup, staff sign-in) calls.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.devices.cards.result import CardRead
from kiosk.devices.idcard.basic_info import LONG_TERM, IdCardInfo, is_expired, warnings
from kiosk.personal.holder_keys import id_number_key
from kiosk.personal.masking import mask_id_number, mask_name

JSON_KEYS = ("name", "sex", "nation", "birth_date", "address", "id_number", "issuer",
             "valid_from", "valid_to")
ADDRESS_KEPT = 6  # characters of the address shown when masked (province and city)


def holder_key(info: IdCardInfo, lookup_key: bytes) -> str:
    """HMAC-SHA256(lookup_key, "ID:" + ID number), lowercase hex (contract section 7)."""
    return id_number_key(lookup_key, info.id_number)


def mask_address(address: str) -> str:
    value = address.strip()
    return value[:ADDRESS_KEPT] + "*" * max(0, min(8, len(value) - ADDRESS_KEPT))


def as_json(info: IdCardInfo, *, reveal: bool = False) -> dict[str, Any]:
    """Exactly the keys of `kiosk idcard read --json`; dates YYYY-MM-DD, `valid_to` may be 长期."""
    birth = info.birth_date.isoformat()
    return {
        "name": info.name if reveal else mask_name(info.name),
        "sex": info.sex,
        "nation": info.nation,
        "birth_date": birth if reveal else birth[:4] + "-**-**",
        "address": info.address if reveal else mask_address(info.address),
        "id_number": info.id_number if reveal else mask_id_number(info.id_number),
        "issuer": info.issuer,
        "valid_from": info.valid_from.isoformat(),
        "valid_to": info.valid_to.isoformat() if info.valid_to else LONG_TERM,
    }


def to_card_read(info: IdCardInfo, lookup_key: bytes = b"",
                 today: dt.date | None = None) -> CardRead:
    """The read as the kiosk's pages take any card: ID number, name, the `ID:` key, warnings."""
    found = warnings(info, today)
    keys: tuple[str, ...] = ()
    if lookup_key:
        keys = (holder_key(info, lookup_key),)
    else:
        found.append("终端未注册，无法查询补贴 / no lookup key (terminal not enrolled)")
    valid_to = info.valid_to
    return CardRead(kind="id_card", card_number=info.id_number, id_number=info.id_number,
                    id_type="身份证", name=info.name, region=info.id_number[:6],
                    expiry=f"{valid_to.year:04d}-{valid_to.month:02d}" if valid_to else None,
                    address=info.address, warnings=tuple(found), lookup_keys=keys,
                    expired=is_expired(info, today))
