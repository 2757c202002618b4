"""The social-security card (社会保障卡): the SSSE application, files EF05 and EF06.

Records are read by record identifier (READ RECORD P1 = the record's tag, P2 = SFI<<3|4); each
answer is tag, length, value. EF05 holds the card identification code (its first 6 digits are
the issuing region), the spec version and the 9-character card number; EF06 the ID number and
the name (GBK, 00-padded, continued in the extension record 4E for long names). Generation 3
cards guard EF06 with a PSAM (6982): the card number and region are still a useful result.
Cards that refuse the SFI form (6A86/6A82/6D00 on READ RECORD) are read by selecting the EF.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices.cards.apdu import CardChannel, Response
from kiosk.devices.cards.result import CardRead
from kiosk.devices.errors import CardBlockedError, CardUnreadableError

SSSE_AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")  # "sx1.sh." + GBK 社会保障
EF05, EF06 = 5, 6
TAG_CARD_ID_CODE, TAG_SPEC_VERSION, TAG_CARD_NUMBER = 0x01, 0x03, 0x07
TAG_ID_NUMBER, TAG_NAME, TAG_NAME_EXTENSION = 0x08, 0x09, 0x4E
SW_SECURITY = 0x6982
SW_NOT_FOUND = (0x6A83, 0x6A82)
SW_SFI_UNSUPPORTED = (0x6A86, 0x6A81, 0x6D00, 0x6B00)
EF05_FILE_ID, EF06_FILE_ID = bytes.fromhex("EF05"), bytes.fromhex("EF06")
BLOCKED = (0x6283, 0x6A81)


@dataclass
class _Reader:
    channel: CardChannel
    use_select: bool = False

    def record(self, sfi: int, tag: int) -> bytes | None:
        """The value of record `tag`, None when absent; raises PermissionError on 6982."""
        response = self._read(sfi, tag)
        if response.sw in SW_SFI_UNSUPPORTED and not self.use_select:
            self.use_select = True
            response = self._read(sfi, tag)
        if response.sw == SW_SECURITY:
            raise PermissionError(sfi)
        if response.sw in SW_NOT_FOUND:
            return None
        if not response.ok:
            raise CardUnreadableError(
                f"社保卡记录读取失败 / record {tag:02X} of EF{sfi:02X} answered {response}")
        return _record_value(response.data, tag)

    def _read(self, sfi: int, tag: int) -> Response:
        if not self.use_select:
            return self.channel.read_record(tag, sfi)
        file_id = EF05_FILE_ID if sfi == EF05 else EF06_FILE_ID
        selected = self.channel.select_file(file_id)
        if selected.sw == SW_SECURITY or not selected.ok:
            return selected
        return self.channel.read_record(tag, None)


def _record_value(data: bytes, tag: int) -> bytes:
    if len(data) < 2 or data[0] != tag or 2 + data[1] > len(data):
        raise CardUnreadableError(f"社保卡记录格式有误 / record {tag:02X} is malformed")
    return data[2:2 + data[1]]


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
