"""The one value a card read gives: what the card is, who holds it, and the lookup keys.

Plain numbers stay inside this value; anything that leaves it for a screen, a log or JSON goes
through `as_json(reveal=False)`, which masks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from kiosk.personal.holder_keys import bank_card_key, id_number_key, social_security_card_key
from kiosk.personal.masking import mask_card_number, mask_id_number, mask_name

CardKind = Literal["social_security", "bank", "id_card"]

ID_TYPES = {0: "身份证", 1: "军官证", 2: "护照", 3: "入境证", 4: "临时身份证", 5: "其他"}


@dataclass(frozen=True)
class CardRead:
    kind: CardKind
    card_number: str  # social-security: the 9-character card number; bank: the PAN
    id_number: str | None = None
    id_type: str | None = None
    name: str | None = None
    region: str | None = None  # 6-digit issuing region code (social-security cards)
    bank_card_number: str | None = None  # the PAN (a social-security card's financial app)
    expiry: str | None = None  # YYYY-MM
    spec_version: str | None = None
    application: str | None = None  # AID, hex
    lookup_keys: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    apdu_count: int = 0
    address: str | None = None  # ID cards only (the wizard prefills it); never in JSON
    expired: bool = False  # an ID card past its validity: a warning on screen, not a refusal

    def with_lookup_keys(self, lookup_key: bytes) -> CardRead:
        """The holder keys of contract section 7 for every number this card gave."""
        if not lookup_key:
            return replace(self, lookup_keys=(), warnings=(
                *self.warnings, "终端未注册，无法查询补贴 / no lookup key (terminal not enrolled)"))
        keys: list[str] = []
        if self.id_number and len(self.id_number) == 18:
            keys.append(id_number_key(lookup_key, self.id_number))
        if self.kind == "social_security":
            keys.append(social_security_card_key(lookup_key, self.card_number))
        if self.bank_card_number:
            keys.append(bank_card_key(lookup_key, self.bank_card_number))
        return replace(self, lookup_keys=tuple(keys))

    def as_json(self, *, reveal: bool = False) -> dict[str, Any]:
        def card(value: str | None) -> str | None:
            return value if reveal or value is None else mask_card_number(value)

        return {
            "kind": self.kind,
            "card_number": card(self.card_number),
            "id_number": self.id_number if reveal else (mask_id_number(self.id_number) or None),
            "id_type": self.id_type,
            "name": self.name if reveal else (mask_name(self.name) or None),
            "region": self.region,
            "bank_card_number": card(self.bank_card_number),
            "expiry": self.expiry,
            "spec_version": self.spec_version,
            "application": self.application,
            "lookup_keys": list(self.lookup_keys),
            "warnings": list(self.warnings),
            "apdu_count": self.apdu_count,
            "masked": not reveal,
        }

    def __repr__(self) -> str:  # never let a plain number slip into a log through repr()
        return f"CardRead({self.as_json(reveal=False)!r})"
