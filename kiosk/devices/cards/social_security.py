"""The social-security card (社会保障卡): the SSSE application, files EF05 and EF06.

Each file is a list of records numbered from 1 in file order, each record tag, length, value.
EF05: 01 card identification code (first 6 digits = issuing region), 02 card type, 03 spec
version, 04 issuing body, 05 issue date, 06 expiry, 07 card number. EF06: 08 ID number,
09 name (GBK, 00-padded), 0A sex, 0B nation, 0C birthplace, 0D birth date, 4E name extension.
The tag is NOT the record number outside EF05 (record 1 of EF06 is tag 08).

How a file is read, first way the card accepts (remembered per card):
1. by record identifier with the SFI: `00 B2 <tag> <SFI<<3|0>` (the first record whose tag
   is P1: order-free, as the standard intends);
2. by record identifier after SELECT of the EF: `00 A4 02 00 02 EF0x`, `00 B2 <tag> 00`;
3. by record number after SELECT of the EF, `00 B2 01 04`, `02 04`, ... until 6A83, picking
   the items by their tag (what public reader code does).
A refusal (6A86, 6A81, 6D00, 6B00), an answer with another tag than asked, or "no record"
(6A83) for an item every card has (07, 08, 09) moves on to the next way. Every answer's tag
and length are checked. Generation 3 guards EF06 with a PSAM (6982): the card number and
region are still a useful result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kiosk.devices.cards.apdu import CardChannel, Response
from kiosk.devices.cards.result import CardRead
from kiosk.devices.errors import CardBlockedError, CardUnreadableError

SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")  # "sx1.sh." + GBK 社会保障
EF05, EF06 = 5, 6
TAG_CARD_ID_CODE, TAG_SPEC_VERSION, TAG_CARD_NUMBER = 0x01, 0x03, 0x07
TAG_ID_NUMBER, TAG_NAME, TAG_NAME_EXTENSION = 0x08, 0x09, 0x4E
MAX_LENGTH = {TAG_CARD_NUMBER: 9, TAG_ID_NUMBER: 18, TAG_NAME: 30, TAG_NAME_EXTENSION: 20,
              TAG_SPEC_VERSION: 4}
REQUIRED = frozenset({TAG_CARD_NUMBER, TAG_ID_NUMBER, TAG_NAME})  # on every card
SW_SECURITY = 0x6982
SW_NOT_FOUND = (0x6A83, 0x6A82)
SW_REFUSED = (0x6A86, 0x6A81, 0x6D00, 0x6B00)
FILE_IDS = {EF05: bytes.fromhex("EF05"), EF06: bytes.fromhex("EF06")}
MAX_RECORDS = 32
BLOCKED = (0x6283, 0x6A81)
Way = Literal["identifier_sfi", "identifier_selected", "number"]
WAYS: tuple[Way, ...] = ("identifier_sfi", "identifier_selected", "number")


class _Refused(Exception):
    """This way of reading is not what the card does: try the next one."""


@dataclass
class _Reader:
    channel: CardChannel
    way: int = 0  # index into WAYS, only ever moves on
    selected: int | None = None  # the EF selected last, for the ways that need it
    by_number: dict[int, dict[int, bytes]] = field(default_factory=dict)  # sfi -> tag -> value

    def record(self, sfi: int, tag: int) -> bytes | None:
        """The value of item `tag`, None when absent; raises PermissionError on 6982."""
        while True:
            try:
                return self._record(WAYS[self.way], sfi, tag)
            except _Refused:
                if self.way == len(WAYS) - 1:
                    raise CardUnreadableError(
                        f"社保卡不接受读记录命令 / the card refuses every way of reading "
                        f"item {tag:02X} of EF{sfi:02X}") from None
                self.way += 1

    def _record(self, way: Way, sfi: int, tag: int) -> bytes | None:
        if way == "identifier_sfi":
            return _item(self.channel.read_record_by_identifier(tag, sfi), sfi, tag)
        self._select(sfi)
        if way == "identifier_selected":
            return _item(self.channel.read_record_by_identifier(tag, None), sfi, tag)
        if sfi not in self.by_number:
            self.by_number[sfi] = self._all_records(sfi)
        return self.by_number[sfi].get(tag)

    def _select(self, sfi: int) -> None:
        if self.selected == sfi:
            return
        response = self.channel.select_file(FILE_IDS[sfi])
        _check(response, sfi, None)
        self.selected = sfi

    def _all_records(self, sfi: int) -> dict[int, bytes]:
        """Records 1, 2, ... of the selected EF until 6A83, by their tags."""
        items: dict[int, bytes] = {}
        for number in range(1, MAX_RECORDS + 1):
            response = self.channel.read_record(number, None)
            if response.sw in SW_NOT_FOUND:
                break
            _check(response, sfi, None)
            tag, value = _tlv(response.data, sfi)
            items.setdefault(tag, value)
        return items


def _check(response: Response, sfi: int, tag: int | None) -> None:
    if response.sw == SW_SECURITY:
        raise PermissionError(sfi)
    if response.sw in SW_REFUSED:
        raise _Refused()
    if not response.ok:
        what = f"item {tag:02X} of " if tag is not None else ""
        raise CardUnreadableError(
            f"社保卡记录读取失败 / {what}EF{sfi:02X} answered {response}")


def _item(response: Response, sfi: int, tag: int) -> bytes | None:
    """The value of an answer read by identifier; another tag, or no item that every card
    has, means the card took P1 as a record number: read another way."""
    if response.sw in SW_NOT_FOUND:
        if tag in REQUIRED:
            raise _Refused()
        return None
    _check(response, sfi, tag)
    found, value = _tlv(response.data, sfi)
    if found != tag:
        raise _Refused()
    return value


def _tlv(data: bytes, sfi: int) -> tuple[int, bytes]:
    """One record: tag (1 byte), length (1 byte), value; the length must fit and be sane."""
    if len(data) < 2 or 2 + data[1] > len(data) or data[1] > MAX_LENGTH.get(data[0], 255):
        raise CardUnreadableError(
            f"社保卡记录格式有误 / a record of EF{sfi:02X} is malformed: {data[:4].hex()}")
    return data[0], data[2:2 + data[1]]


def _text(value: bytes | None) -> str | None:
    if value is None:
        return None
    text = value.rstrip(b"\x00\xff ").decode("gbk", errors="replace").strip()
    return text or None


def select(channel: CardChannel) -> bool:
    """True when the card has the SSSE application; a blocked one is an error, not 'absent'."""
    response = channel.select(SSSE_AID)
    if response.sw in BLOCKED:
        raise CardBlockedError()
    return response.ok


def read(channel: CardChannel) -> CardRead:
    """Read a card whose SSSE application is selected (call `select` first)."""
    reader = _Reader(channel)
    id_code = _text(reader.record(EF05, TAG_CARD_ID_CODE))
    version = _text(reader.record(EF05, TAG_SPEC_VERSION))
    card_number = _text(reader.record(EF05, TAG_CARD_NUMBER))
    if not card_number:
        raise CardUnreadableError("社保卡没有卡号 / the social-security card gave no card number")
    region = id_code[:6] if id_code and id_code[:6].isdigit() else None
    warnings: list[str] = []
    id_number = name = None
    try:
        id_number = _text(reader.record(EF06, TAG_ID_NUMBER))
        name_bytes = (reader.record(EF06, TAG_NAME) or b"").rstrip(b"\x00\xff ")
        extension = reader.record(EF06, TAG_NAME_EXTENSION)
        if extension:
            name_bytes += extension.rstrip(b"\x00\xff ")
        name = _text(name_bytes)
    except PermissionError:
        warnings.append("第三代社保卡：身份信息需要PSAM，只读取了卡号和发卡地 / "
                        "generation-3 card: EF06 needs a PSAM, card number and region only")
    return CardRead(
        kind="social_security",
        card_number=card_number.upper(),
        id_number=id_number.upper() if id_number else None,
        id_type="身份证" if id_number else None,
        name=name,
        region=region,
        spec_version=version,
        application=SSSE_AID.hex().upper(),
        warnings=tuple(warnings),
    )
