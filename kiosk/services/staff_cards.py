"""Staff cards: an admin enrolls a clerk's social-security card or ID card for card + PIN sign-in.

A card is known by the province contract's holder keys (`kiosk.services.holder_keys`): a
social-security card gives its `SSC:` key and, with the holder's ID number on it, the `ID:` key;
a second-generation ID card gives the `ID:` key. Enrolling either kind (or the clerk's typed ID
number, which gives the `ID:` key) therefore lets any of the clerk's own cards that carry that
number sign in. Only a keyed hash of each holder key is stored (`AuthService.card_key`), and
a card never signs anyone in without the account's PIN.

The holder keys depend on the lookup key from enrollment: after a re-enrollment that changes
it, cards are enrolled again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.errors import KioskError
from kiosk.services.audit import utc_now
from kiosk.services.auth import AuthError, AuthService
from kiosk.services.holder_keys import id_number_key, social_security_card_key
from kiosk.services.masking import mask_card_number, mask_id_number
from kiosk.storage import users as store
from kiosk.storage.database import transaction


@dataclass(frozen=True)
class CardKey:
    kind: str        # "ID" or "SSC": which holder key of the contract this is
    holder_key: str  # lowercase hex, as the card service computes it
    label: str       # masked, for the admin's list


def keys_from_numbers(lookup_key: bytes, *, id_number: str | None = None,
                      ssc_number: str | None = None) -> list[CardKey]:
    """The holder keys a card (or a typed ID number) gives, with masked labels."""
    if not lookup_key:
        raise KioskError("终端未注册，无法登记卡 / no lookup key: enroll the terminal first "
                         "(kiosk enroll)")
    keys: list[CardKey] = []
    if id_number:
        keys.append(CardKey("ID", id_number_key(lookup_key, id_number),
                            f"ID {mask_id_number(id_number)}"))
    if ssc_number:
        keys.append(CardKey("SSC", social_security_card_key(lookup_key, ssc_number),
                            f"SSC {mask_card_number(ssc_number)}"))
    return keys


def keys_from_card(lookup_key: bytes, card: object) -> list[CardKey]:
    """From a `CardRead`: a social-security card (`SSC:`, and `ID:` when it holds the number) or
    an ID card (the ID card reader's `CardRead` of kind "id_card": `ID:`)."""
    kind = getattr(card, "kind", "")
    id_number = getattr(card, "id_number", None)
    ssc = getattr(card, "card_number", None) if kind == "social_security" else None
    keys = keys_from_numbers(lookup_key, id_number=id_number if id_number and
                             len(id_number) == 18 else None, ssc_number=ssc)
    if not keys:
        raise KioskError("这张卡不能用于登录 / this card gives no ID or social-security number: "
                         "use the clerk's social-security card or ID card")
    return keys


def enroll_card(auth: AuthService, user_id: str, keys: Sequence[CardKey], *,
                actor: str = "admin") -> int:
    """Bind these card keys to an enabled account; audited with masked labels only."""
    if not keys:
        raise KioskError("没有可登记的卡号 / nothing to enroll")
    with transaction(auth.db):
        row = store.get(auth.db, user_id)
        if row is None or row.disabled:
            raise AuthError(f"没有这个可用的工号 / no enabled staff number {user_id}")
        now = utc_now()
        store.add_cards(auth.db, [store.CardRow(auth.card_key(k.holder_key), user_id, k.kind,
                                                k.label, now, actor) for k in keys])
        auth.audit.record(actor, "staff_card_enrolled", user_id,
                          {"cards": [k.label for k in keys]})
    return len(keys)


def remove_cards(auth: AuthService, user_id: str, *, actor: str = "admin") -> int:
    with transaction(auth.db):
        if store.get(auth.db, user_id) is None:
            raise AuthError(f"没有这个工号 / no staff number {user_id}")
        removed = store.remove_cards(auth.db, user_id)
        auth.audit.record(actor, "staff_cards_removed", user_id, {"removed": removed})
    return removed


def cards_of(auth: AuthService, user_id: str) -> list[dict[str, str]]:
    return [{"kind": c.kind, "label": c.label, "enrolled_at": c.enrolled_at,
             "enrolled_by": c.enrolled_by} for c in store.cards_of(auth.db, user_id)]
