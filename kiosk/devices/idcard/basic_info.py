"""The basic information of a second-generation ID card (answer of `30 01`), pure.

DATA = text length (2, big-endian) + photo length (2) + text + photo. The 256 bytes of text
are UCS-2 little-endian, space-padded fields: name 30, sex 2 (`1` male, `2` female), nation
code 4 (GB 3304), birth date 16 (YYYYMMDD), address 70, ID number 36, issuing office 30,
valid from 16, valid to 16 (a date or `长期`), reserved 36. The 1024-byte photo is in the
proprietary WLT format, which no open code decodes: it is kept as bytes and never shown.

Checks (`check`): the ID number's check character (GB 11643, ISO 7064 MOD 11-2), the birth
date equal to the one in the ID number, the validity: an expired card is a warning in plain
words, never a refusal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kiosk.devices.idcard.nations import nation_name

TEXT_LENGTH, PHOTO_LENGTH = 256, 1024
FIELDS: tuple[tuple[str, int], ...] = (
    ("name", 30), ("sex", 2), ("nation", 4), ("birth_date", 16), ("address", 70),
    ("id_number", 36), ("issuer", 30), ("valid_from", 16), ("valid_to", 16), ("reserved", 36),
)
LONG_TERM = "长期"
SEXES = {"1": "男", "2": "女"}
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"


class BasicInfoError(ValueError):
    """The text block is not a card's basic information (wrong size, not UCS-2, bad dates)."""


@dataclass(frozen=True)
class IdCardInfo:
    name: str
    sex: str  # 男 / 女
    nation_code: str  # GB 3304, two digits
    birth_date: dt.date
    address: str
    id_number: str
    issuer: str
    valid_from: dt.date
    valid_to: dt.date | None  # None: 长期 (no end)
    photo_wlt: bytes = field(default=b"", repr=False)  # WLT, not decodable with open code

    @property
    def nation(self) -> str:
        return nation_name(self.nation_code) or self.nation_code

    def __repr__(self) -> str:  # no plain name or number in a log through repr()
        return f"IdCardInfo(nation={self.nation!r}, valid_to={self.valid_to!r})"


def check_character(first17: str) -> str:
    """The 18th character of an ID number (GB 11643-1999)."""
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def _date(text: str, what: str) -> dt.date:
    """YYYYMMDD (no strptime: it costs more than the rest of the parse)."""
    try:
        if len(text) != 8 or not (text.isascii() and text.isdigit()):
            raise ValueError(text)
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise BasicInfoError(f"{what} 不是日期 / {what} is not a date: {text!r}") from None


def _fields(text: bytes) -> dict[str, str]:
    values: dict[str, str] = {}
    offset = 0
    for name, size in FIELDS:
        try:
            values[name] = text[offset:offset + size].decode("utf-16-le").strip(" \x00")
        except UnicodeDecodeError:
            raise BasicInfoError(f"{name} 不是 UCS-2 文本 / {name} is not UCS-2 text") from None
        offset += size
    return values


def parse_text(text: bytes, photo: bytes = b"") -> IdCardInfo:
    """The 256-byte text block as fields; dates parsed, nothing checked yet."""
    if len(text) != TEXT_LENGTH:
        raise BasicInfoError(f"文字信息长度 {len(text)} / text block of {len(text)} bytes")
    values = _fields(text)
    valid_to = None if values["valid_to"] == LONG_TERM else _date(values["valid_to"], "valid_to")
    return IdCardInfo(
        name=values["name"], sex=SEXES.get(values["sex"], values["sex"]),
        nation_code=values["nation"], birth_date=_date(values["birth_date"], "birth_date"),
        address=values["address"], id_number=values["id_number"].upper(),
        issuer=values["issuer"], valid_from=_date(values["valid_from"], "valid_from"),
        valid_to=valid_to, photo_wlt=photo)


def parse_basic_info(data: bytes) -> IdCardInfo:
    """The DATA of a `30 01` answer: the two lengths, the text, the photo."""
    if len(data) < 4:
        raise BasicInfoError("基本信息太短 / basic information shorter than its header")
    text_length = int.from_bytes(data[0:2], "big")
    photo_length = int.from_bytes(data[2:4], "big")
    if text_length != TEXT_LENGTH or len(data) != 4 + text_length + photo_length:
        raise BasicInfoError(
            f"基本信息长度不对 / lengths {text_length}+{photo_length} do not match {len(data) - 4}")
    return parse_text(data[4:4 + text_length], data[4 + text_length:])


def encode_text(info: IdCardInfo) -> bytes:
    """The inverse of `parse_text` (the fake reader and the tests build cards with it)."""
    values = {
        "name": info.name, "sex": {v: k for k, v in SEXES.items()}.get(info.sex, info.sex),
        "nation": info.nation_code, "birth_date": info.birth_date.strftime("%Y%m%d"),
        "address": info.address, "id_number": info.id_number, "issuer": info.issuer,
        "valid_from": info.valid_from.strftime("%Y%m%d"),
        "valid_to": info.valid_to.strftime("%Y%m%d") if info.valid_to else LONG_TERM,
        "reserved": "",
    }
    out = b""
    for name, size in FIELDS:
        encoded = values[name].encode("utf-16-le")[:size]
        out += encoded + " ".encode("utf-16-le") * ((size - len(encoded)) // 2)
    return out


def problems(info: IdCardInfo) -> list[str]:
    """What makes the read unusable: a wrong check character, a birth date not the ID's."""
    found: list[str] = []
    number = info.id_number
    if len(number) != 18 or not number[:17].isdigit():
        return [f"身份证号码格式不对 / the ID number has {len(number)} characters, not 18 digits"]
    if check_character(number[:17]) != number[17]:
        found.append("身份证号码校验位不对 / the ID number's check character is wrong")
    born = info.birth_date
    if number[6:14] != f"{born.year:04d}{born.month:02d}{born.day:02d}":
        found.append("出生日期与身份证号码不一致 / the birth date differs from the ID number's")
    return found


def is_expired(info: IdCardInfo, today: dt.date | None = None) -> bool:
    return info.valid_to is not None and info.valid_to < (today or dt.date.today())


def warnings(info: IdCardInfo, today: dt.date | None = None) -> list[str]:
    """What the villager should hear but that does not stop the lookup: expiry, odd codes."""
    today = today or dt.date.today()
    found: list[str] = []
    if info.valid_to is not None and is_expired(info, today):
        found.append(f"这张身份证已于{info.valid_to:%Y年%m月%d日}过期，请尽快换领 / "
                     f"this ID card expired on {info.valid_to:%Y-%m-%d}; please renew it")
    if nation_name(info.nation_code) is None:
        found.append(f"民族代码 {info.nation_code} 不在 GB 3304 中 / unknown nation code")
    if info.sex not in SEXES.values():
        found.append(f"性别代码 {info.sex} 不认识 / unknown sex code")
    return found
