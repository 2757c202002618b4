"""PBOC / UnionPay / EMV bank cards: the card number and holder fields, readable without a PIN.

Order (domain facts, "Cards"): the contact directory PSE `1PAY.SYS.DDF01` and its records, then
the contactless directory PPSE `2PAY.SYS.DDF01`, then the known AIDs. For each application:
SELECT, GET PROCESSING OPTIONS with the PDOL filled (country and currency 0156, unknown tags
zero-filled; 6985 -> once more with an empty PDOL), READ RECORD for every AFL entry. Both GPO
answer formats (80: AIP + AFL; 77: a template) are accepted. No VERIFY, no GENERATE AC.
"""

from __future__ import annotations

import datetime as dt
import os

from kiosk.devices.cards import tlv
from kiosk.devices.cards.apdu import CardChannel
from kiosk.devices.cards.result import ID_TYPES, CardRead
from kiosk.devices.errors import CardBlockedError, CardUnreadableError, UnknownCardError

PSE = b"1PAY.SYS.DDF01"
PPSE = b"2PAY.SYS.DDF01"
KNOWN_AIDS = tuple(bytes.fromhex(aid) for aid in (
    "A000000333010101",  # UnionPay debit
    "A000000333010102",  # UnionPay credit
    "A000000333010103",  # UnionPay quasi-credit
    "A0000000031010",  # Visa
    "A0000000041010",  # Mastercard
))
SW_NOT_FOUND, SW_CONDITIONS, SW_RECORD_NOT_FOUND = 0x6A82, 0x6985, 0x6A83
SW_BLOCKED = (0x6283, 0x6A81)
MAX_DIRECTORY_RECORDS = 16
# Terminal values for the PDOL (EMV Book 3 / PBOC 3.0); anything else is zero-filled.
NUMERIC_TAGS = {0x9F02, 0x9F03, 0x9F1A, 0x5F2A, 0x9A, 0x9C, 0x9F21}


def _terminal_values(today: dt.date) -> dict[int, bytes]:
    return {
        0x9F1A: bytes.fromhex("0156"),  # terminal country: China
        0x5F2A: bytes.fromhex("0156"),  # transaction currency: CNY
        0x9A: bytes.fromhex(today.strftime("%y%m%d")),  # BCD date
        0x9C: b"\x00",  # goods and services
        0x9F02: bytes(6),  # amount authorised: 0
        0x9F03: bytes(6),
        0x9F37: os.urandom(4),  # unpredictable number
        0x9F66: bytes.fromhex("26000000"),  # TTQ: contact-capable, online
        0x9F7A: b"\x00",  # electronic-cash terminal support: no
        0x95: bytes(5),  # TVR
        0x9F35: b"\x22",  # terminal type: attended, offline with online capability
        0x9F33: bytes.fromhex("E0F0C8"),  # terminal capabilities
        0x9F40: bytes.fromhex("6000F0A001"),
    }


def fill_pdol(pdol: bytes, today: dt.date | None = None) -> bytes:
    """The PDOL data: known terminal values fitted to each asked length, unknown tags zeros."""
    values = _terminal_values(today or dt.date.today())
    out = b""
    for tag, length in tlv.parse_dol(pdol):
        value = values.get(tag, b"")
        if len(value) == length:
            out += value
        elif tag in NUMERIC_TAGS:  # numbers are right-aligned
            out += value[-length:].rjust(length, b"\x00") if length else b""
        else:
            out += value[:length].ljust(length, b"\x00")
    return out


def _directory_aids(channel: CardChannel, fci: tuple[tlv.Tlv, ...]) -> list[tuple[int, bytes]]:
    """Application entries (priority, AID) from a PSE (records of its SFI) or a PPSE (in FCI)."""
    entries: list[tuple[int, bytes]] = []
    templates = list(tlv.find_all(fci, 0x61))
    sfi_object = tlv.find(fci, 0x88)
    if sfi_object and sfi_object.value:
        sfi = sfi_object.value[0]
        for record in range(1, MAX_DIRECTORY_RECORDS + 1):
            response = channel.read_record(record, sfi)
            if response.sw == SW_RECORD_NOT_FOUND or not response.ok:
                break
            templates.extend(tlv.find_all(tlv.parse(response.data), 0x61))
    for template in templates:
        values = tlv.flatten((template,))
        aid = values.get(0x4F)
        if aid:
            priority = values.get(0x87, b"\x0f")[:1] or b"\x0f"
            entries.append((priority[0] & 0x0F or 0x0F, aid))
    entries.sort(key=lambda entry: entry[0])
    return entries


def candidate_aids(channel: CardChannel) -> list[bytes]:
    """AIDs to try, in order: the PSE directory, else the PPSE one, else the known list."""
    for directory in (PSE, PPSE):
        response = channel.select(directory)
        if not response.ok:
            continue
        try:
            entries = _directory_aids(channel, tlv.parse(response.data))
        except tlv.TlvError:
            entries = []
        if entries:
            aids = [aid for _, aid in entries]
            return aids + [aid for aid in KNOWN_AIDS if aid not in aids]
    return list(KNOWN_AIDS)


def _afl_entries(afl: bytes) -> list[tuple[int, int]]:
    records: list[tuple[int, int]] = []
    for i in range(0, len(afl) - len(afl) % 4, 4):
        sfi, first, last = afl[i] >> 3, afl[i + 1], afl[i + 2]
        if not 1 <= sfi <= 30 or first == 0 or last < first:
            raise tlv.TlvError(f"bad AFL entry {afl[i:i + 4].hex()}")
        records.extend((sfi, record) for record in range(first, last + 1))
    return records


def _gpo(channel: CardChannel, pdol: bytes) -> dict[int, bytes]:
    response = channel.get_processing_options(fill_pdol(pdol))
    if response.sw == SW_CONDITIONS:
        response = channel.get_processing_options(b"")
    if not response.ok:
        raise CardUnreadableError(
            f"银行卡处理选项失败 / GET PROCESSING OPTIONS answered {response}")
    objects = tlv.parse(response.data)
    if objects and objects[0].tag == 0x80:  # format 1: AIP (2 bytes) then the AFL
        return {0x82: objects[0].value[:2], 0x94: objects[0].value[2:]}
    if objects and objects[0].tag == 0x77:  # format 2: a template
        return tlv.flatten(objects)
    raise CardUnreadableError("银行卡处理选项格式未知 / unknown GPO answer format")


def _read_application(channel: CardChannel, fci: bytes) -> dict[int, bytes]:
    """All primitive values of the GPO answer and every AFL record (first occurrence wins)."""
    pdol = tlv.flatten(tlv.parse(fci)).get(0x9F38, b"")
    values = _gpo(channel, pdol)
    for sfi, record in _afl_entries(values.get(0x94, b"")):
        response = channel.read_record(record, sfi)
        if not response.ok:
            raise CardUnreadableError(
                f"银行卡记录读取失败 / record {record} of SFI {sfi} answered {response}")
        for tag, value in tlv.flatten(tlv.parse(response.data)).items():
            values.setdefault(tag, value)
    return values


def _digits(value: bytes) -> str:
    return value.hex().upper().rstrip("F")


def _name(values: dict[int, bytes]) -> str | None:
    raw = values.get(0x9F0B) or values.get(0x5F20)
    if not raw:
        return None
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        text = raw.decode("gbk", errors="replace")
    text = text.replace("\x00", "").strip(" /")
    return " ".join(part for part in text.split("/") if part.strip()).strip() or None


def _result(aid: bytes, values: dict[int, bytes]) -> CardRead:
    pan = _digits(values[0x5A]) if 0x5A in values else None
    track2 = values.get(0x57, b"").hex().upper()
    if not pan and "D" in track2:
        pan = track2.split("D", 1)[0]
    if not pan or not pan.isdigit():
        raise CardUnreadableError("银行卡没有卡号 / the bank card gave no card number")
    expiry = None
    if 0x5F24 in values and len(values[0x5F24]) >= 2:
        yymm = values[0x5F24].hex()
        expiry = f"20{yymm[:2]}-{yymm[2:4]}"
    elif "D" in track2:
        yymm = track2.split("D", 1)[1][:4]
        expiry = f"20{yymm[:2]}-{yymm[2:4]}" if len(yymm) == 4 else None
    id_number = None
    if 0x9F61 in values:
        id_number = values[0x9F61].decode("ascii", errors="ignore").strip("\x00 ").upper() or None
    id_type = None
    if values.get(0x9F62):
        id_type = ID_TYPES.get(values[0x9F62][0], f"{values[0x9F62][0]:02X}")
    from stdnum import luhn

    warnings = () if luhn.is_valid(pan) else ("卡号校验位不符 / card number fails the Luhn check",)
    return CardRead(kind="bank", card_number=pan, bank_card_number=pan, id_number=id_number,
                    id_type=id_type, name=_name(values), expiry=expiry,
                    application=aid.hex().upper(), warnings=warnings)


def read(channel: CardChannel) -> CardRead:
    """Read the first bank application that answers; UnknownCardError when none does."""
    blocked = False
    for aid in candidate_aids(channel):
        response = channel.select(aid)
        if response.sw in SW_BLOCKED:
            blocked = True
            continue
        if not response.ok:
            continue
        try:
            return _result(aid, _read_application(channel, response.data))
        except tlv.TlvError as error:
            raise CardUnreadableError(
                f"银行卡数据格式有误 / malformed card data: {error}") from None
    if blocked:
        raise CardBlockedError()
    raise UnknownCardError()
