"""Simulated cards that answer APDUs like the real ones, for the fake reader and the vpcd card.

Each profile is a `SimulatedCard`: `atr`, `answer(apdu) -> data + SW`, `reset()`, and a log of
every APDU it received (tests check that nothing but read-only instructions ever arrives).
Wrappers turn any card into a T=0-style one (61xx everywhere) or one that answers 6Cxx.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.devices.cards.tlv import encode
from kiosk.devices.fake_reader import CardPulledOut

ATR_SSC = bytes.fromhex("3B6D00000081534943534D4B2D4E5A534B")
ATR_BANK = bytes.fromhex("3B6C00000A0D3A1024000101A0019000")[:15]
SW_OK = b"\x90\x00"
READ_ONLY = {0xA4, 0xB2, 0xA8, 0xC0, 0xCA}
TRACE = Path(__file__).resolve().parents[1] / "data" / "emv-visa-debit-trace.txt"  # in the repo


def _sw(value: int) -> bytes:
    return value.to_bytes(2, "big")


@dataclass
class Expected:
    """What a correct read of a profile gives (compared in tests)."""

    kind: str
    card_number: str
    id_number: str | None = None
    name: str | None = None
    region: str | None = None
    bank_card_number: str | None = None
    expiry: str | None = None
    error: str | None = None  # a reason code when reading must fail


class SimulatedCard:
    atr = ATR_BANK
    expected: Expected

    def __init__(self) -> None:
        self.log: list[bytes] = []

    def reset(self) -> None:
        """Power-on / reset: forget the selected application."""

    def answer(self, apdu: bytes) -> bytes:
        self.log.append(bytes(apdu))
        if len(apdu) < 4:
            return _sw(0x6700)
        if apdu[1] not in READ_ONLY:  # a real card would spend a PIN try or write: flag it
            raise AssertionError(f"non read-only command reached the card: {apdu.hex()}")
        return self.respond(apdu)

    def respond(self, apdu: bytes) -> bytes:
        raise NotImplementedError


def _data(apdu: bytes) -> bytes:
    return apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""


class ApplicationCard(SimulatedCard):
    """A card with applications selected by name (AID) and records per (sfi, number)."""

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None
        self.current_ef: int | None = None

    def reset(self) -> None:
        self.selected = None
        self.current_ef = None


ReadWay = Literal["identifier", "number"]


class SocialSecurityCard(ApplicationCard):
    """Generations 2 and 3 of the 社会保障卡 as the published file structure lays them out,
    optionally with a PBOC financial application.

    EF05 and EF06 are lists of records numbered from 1 in file order, each tag, length, value
    (EF06: 08 ID number, 09 name, 0A sex, 0B nation, 0C birthplace, 0D birth date, 4E name
    extension). READ RECORD follows ISO 7816-4: P2 = SFI<<3 | mode, SFI 0 = the selected EF;
    mode 100 = record number P1, mode 000 = the first record whose identifier (tag) is P1.
    `ways` says which modes this card answers (others get `refusal`); `sfi_form=False` makes
    it refuse a non-zero SFI (select the EF first).
    """

    AID = bytes.fromhex("7378312E73682EC9E7BBE1B1A3D5CF")

    def __init__(self, generation: int = 2, *, name: str = "张三",
                 id_number: str = "33010219900101123X", card_number: str = "A12345678",
                 region: str = "330100", name_extension: str = "",
                 bank: BankCard | None = None,
                 ways: tuple[ReadWay, ...] = ("identifier", "number"),
                 sfi_form: bool = True, refusal: int = 0x6A86) -> None:
        super().__init__()
        self.atr = ATR_SSC
        self.generation = generation
        self.ways, self.sfi_form, self.refusal = ways, sfi_form, refusal
        full_name = name + name_extension
        self.bank = bank
        self.files: dict[int, list[tuple[int, bytes]]] = {
            5: [
                (0x01, (region + "D156000005" + "A1B2C3D4E5F6A7B8").encode()),
                (0x02, b"3"),
                (0x03, f"{generation}.00".encode()),
                (0x04, (region + "000000").encode()),
                (0x05, bytes.fromhex("20200101")),
                (0x06, bytes.fromhex("20300101")),
                (0x07, card_number.encode()),
            ],
            6: [
                (0x08, id_number.encode()),
                (0x09, name.encode("gbk")[:30].ljust(30, b"\x00")),
                (0x0A, b"1"),
                (0x0B, b"01"),
                (0x0C, region[:6].encode()[:3]),
                (0x0D, bytes.fromhex(id_number[6:14])),
                (0x4E, name_extension.encode("gbk").ljust(20, b"\x00")),
            ],
        }
        self.expected = Expected(
            "social_security", card_number, None if generation >= 3 else id_number,
            None if generation >= 3 else full_name, region,
            bank_card_number=bank.pan if bank else None,
            expiry=bank.expected.expiry if bank else None)

    def respond(self, apdu: bytes) -> bytes:
        ins, p1 = apdu[1], apdu[2]
        if ins == 0xA4 and p1 == 0x04:
            if _data(apdu) == self.AID:
                self.selected = "ssse"
                return encode(0x6F, encode(0x84, self.AID)) + SW_OK
            self.selected = None
            if self.bank is not None:
                return self.bank.respond(apdu)
            return _sw(0x6A82)
        if self.selected != "ssse":
            return self.bank.respond(apdu) if self.bank is not None else _sw(0x6D00)
        if ins == 0xA4 and p1 == 0x02:
            self.current_ef = {b"\xef\x05": 5, b"\xef\x06": 6}.get(_data(apdu))
            if self.current_ef is None:
                return _sw(0x6A82)
            if self.current_ef == 6 and self.generation >= 3:
                return _sw(0x6982)
            return SW_OK
        if ins == 0xB2:
            return self._read_record(p1, apdu[3])
        return _sw(0x6D00)

    def _read_record(self, p1: int, p2: int) -> bytes:
        sfi, mode = p2 >> 3, p2 & 0x07
        if sfi and not self.sfi_form:
            return _sw(self.refusal)
        ef = sfi or self.current_ef
        way = {0x04: "number", 0x00: "identifier"}.get(mode)
        if way is None or way not in self.ways:
            return _sw(self.refusal)
        if ef not in self.files:
            return _sw(0x6A82)
        if ef == 6 and self.generation >= 3:
            return _sw(0x6982)
        records = self.files[ef]
        if way == "number":
            found = records[p1 - 1] if 1 <= p1 <= len(records) else None
        else:
            found = next((record for record in records if record[0] == p1), None)
        if found is None:
            return _sw(0x6A83)
        tag, value = found
        return bytes([tag, len(value)]) + value + SW_OK


class BankCard(ApplicationCard):
    """A PBOC debit card: PSE and/or PPSE, a PDOL, GPO format 80 or 77, records by AFL."""

    def __init__(self, *, pan: str = "6217001234567890122", name: str = "ZHANG/SAN",
                 id_number: str | None = "330102199001011234", expiry: str = "301231",
                 aid: str = "A000000333010101", pse: bool = True, ppse: bool = True,
                 gpo_format: int = 0x80, gpo_needs_empty_pdol: bool = False,
                 blocked: bool = False) -> None:
        super().__init__()
        self.pan, self.aid, self.pse, self.ppse = pan, bytes.fromhex(aid), pse, ppse
        self.gpo_format, self.gpo_needs_empty_pdol, self.blocked = (
            gpo_format, gpo_needs_empty_pdol, blocked)
        self.pdol = bytes.fromhex("9F7A019F02065F2A029F1A02")
        self.pdol_length = 1 + 6 + 2 + 2
        pan_bcd = bytes.fromhex(pan + ("F" if len(pan) % 2 else ""))
        track2 = bytes.fromhex(pan + "D" + expiry[:4] + "2201000000000" + "F")
        holder = encode(0x5F20, name.encode("gbk"))
        if id_number:
            holder += encode(0x9F61, id_number.encode()) + encode(0x9F62, b"\x00")
        self.records = {
            (1, 1): encode(0x70, encode(0x57, track2) + holder),
            (2, 1): encode(0x70, encode(0x5A, pan_bcd) + encode(0x5F24, bytes.fromhex(expiry))
                           + encode(0x5F34, b"\x01")),
            (2, 2): encode(0x70, encode(0x8E, bytes(10)) + encode(0x9F07, b"\xff\x00")),
        }
        self.afl = bytes.fromhex("08010100" "10010201")
        label = b"UnionPay Debit"
        self.entry = encode(0x61, encode(0x4F, self.aid) + encode(0x50, label)
                            + encode(0x87, b"\x01"))
        self.expected = Expected("bank", pan, id_number, name.replace("/", " "),
                                 bank_card_number=pan, expiry=f"20{expiry[:2]}-{expiry[2:4]}")

    def respond(self, apdu: bytes) -> bytes:
        ins, p1, p2 = apdu[1], apdu[2], apdu[3]
        if ins == 0xA4 and p1 == 0x04:
            return self._select(_data(apdu))
        if ins == 0xB2:
            sfi = p2 >> 3
            if self.selected == "pse" and sfi == 1:
                return (encode(0x70, self.entry) + SW_OK) if p1 == 1 else _sw(0x6A83)
            if self.selected != "app":
                return _sw(0x6985)
            record = self.records.get((sfi, p1))
            return record + SW_OK if record else _sw(0x6A83)
        if ins == 0xA8:
            if self.selected != "app":
                return _sw(0x6985)
            pdol_data = _data(apdu)[2:]
            if self.gpo_needs_empty_pdol and pdol_data:
                return _sw(0x6985)
            if not self.gpo_needs_empty_pdol and len(pdol_data) != self.pdol_length:
                return _sw(0x6700)
            if not self.gpo_needs_empty_pdol and pdol_data[-4:] != bytes.fromhex("01560156"):
                return _sw(0x6985)
            if self.gpo_format == 0x80:
                return encode(0x80, b"\x7c\x00" + self.afl) + SW_OK
            return encode(0x77, encode(0x82, b"\x7c\x00") + encode(0x94, self.afl)) + SW_OK
        return _sw(0x6D00)

    def _select(self, name: bytes) -> bytes:
        if name == b"1PAY.SYS.DDF01" and self.pse:
            self.selected = "pse"
            fci = encode(0x6F, encode(0x84, name) + encode(0xA5, encode(0x88, b"\x01")))
            return fci + SW_OK
        if name == b"2PAY.SYS.DDF01" and self.ppse:
            self.selected = "ppse"
            fci = encode(0x6F, encode(0x84, name) + encode(0xA5, encode(0xBF0C, self.entry)))
            return fci + SW_OK
        if name == self.aid:
            if self.blocked:
                return _sw(0x6283)
            self.selected = "app"
            pdol = b"" if self.gpo_needs_empty_pdol else encode(0x9F38, self.pdol)
            fci = encode(0x6F, encode(0x84, name) + encode(0xA5, encode(0x50, b"UnionPay Debit")
                                                          + pdol))
            return fci + SW_OK
        self.selected = None
        return _sw(0x6A82)


class UnknownCard(SimulatedCard):
    """A card with some other application (a transit or loyalty card): nothing we know."""

    expected = Expected("unknown", "", error="unknown_card")

    def respond(self, apdu: bytes) -> bytes:
        if apdu[1] == 0xA4 and _data(apdu) == bytes.fromhex("A0000006320101"):
            return encode(0x6F, encode(0x84, _data(apdu))) + SW_OK
        return _sw(0x6A82) if apdu[1] == 0xA4 else _sw(0x6D00)


class GetResponseCard(SimulatedCard):
    """T=0 style: every answer with data comes as 61xx, fetched by GET RESPONSE in pieces."""

    def __init__(self, inner: SimulatedCard, chunk: int = 0x40) -> None:
        super().__init__()
        self.inner, self.chunk, self.pending = inner, chunk, b""
        self.atr, self.expected = inner.atr, inner.expected

    def reset(self) -> None:
        self.pending = b""
        self.inner.reset()

    def respond(self, apdu: bytes) -> bytes:
        if apdu[1] == 0xC0:
            if not self.pending:
                return _sw(0x6985)
            wanted = apdu[4] if len(apdu) > 4 and apdu[4] else 256
            piece, self.pending = self.pending[:wanted], self.pending[wanted:]
            tail = self.pending[-2:] if len(self.pending) == 2 else None
            if tail is not None:  # only the SW left
                self.pending = b""
                return piece + tail
            return piece + _sw(0x6100 | min(len(self.pending) - 2, self.chunk))
        answer = self.inner.answer(apdu)
        if len(answer) <= 2:
            return answer
        self.pending = answer
        return _sw(0x6100 | min(len(answer) - 2, self.chunk))


class WrongLengthCard(SimulatedCard):
    """Answers 6Cxx (the exact Le) to any READ RECORD or SELECT sent with Le = 00."""

    def __init__(self, inner: SimulatedCard) -> None:
        super().__init__()
        self.inner, self.atr, self.expected = inner, inner.atr, inner.expected

    def reset(self) -> None:
        self.inner.reset()

    def respond(self, apdu: bytes) -> bytes:
        answer = self.inner.answer(apdu)
        le = apdu[-1] if apdu[1] in (0xB2, 0xA4) and len(apdu) in (5, 6 + apdu[4]) else None
        if len(answer) > 2 and le == 0 and len(answer) - 2 < 256:
            self.inner.log.pop()
            return _sw(0x6C00 | (len(answer) - 2))
        return answer


class PulledCard(SimulatedCard):
    """A card pulled out after `after` APDUs: the next one finds no card."""

    def __init__(self, inner: SimulatedCard, after: int = 4) -> None:
        super().__init__()
        self.inner, self.after, self.atr = inner, after, inner.atr
        self.expected = Expected(inner.expected.kind, "", error="removed")

    def reset(self) -> None:
        self.inner.reset()

    def respond(self, apdu: bytes) -> bytes:
        if len(self.log) > self.after:
            raise CardPulledOut()
        return self.inner.answer(apdu)


class ReplayCard(SimulatedCard):
    """Replays a recorded card's answers (C/R lines); GPO answers whatever PDOL it gets."""

    def __init__(self, trace: Path = TRACE) -> None:
        super().__init__()
        self.answers: dict[bytes, bytes] = {}
        self.gpo: bytes = _sw(0x6985)
        command = None
        for line in trace.read_text(encoding="utf-8").splitlines():
            match = re.fullmatch(r"([CR]) ([0-9a-fA-F]+)", line.strip())
            if not match:
                continue
            value = bytes.fromhex(match.group(2))
            if match.group(1) == "C":
                command = value
            elif command is not None:
                if command[1] == 0xA8:
                    self.gpo = value
                self.answers[_key(command)] = value
        self.expected = Expected("bank", "4921828094896752", bank_card_number="4921828094896752",
                                 expiry="2025-02")

    def respond(self, apdu: bytes) -> bytes:
        if apdu[1] == 0xA8:
            return self.gpo
        return self.answers.get(_key(apdu), _sw(0x6A82) if apdu[1] == 0xA4 else _sw(0x6A83))


def _key(apdu: bytes) -> bytes:
    """A command without its Le, so SELECT with or without Le finds the same answer."""
    if len(apdu) > 5 and len(apdu) == 6 + apdu[4]:
        return apdu[:-1]
    if len(apdu) == 5 and apdu[1] == 0xB2:
        return apdu[:4]
    return apdu


PROFILES: dict[str, Callable[[], SimulatedCard]] = {
    "ssc-gen2": lambda: SocialSecurityCard(2, bank=BankCard(
        pan="6230580000012345679", name="ZHANG/SAN", id_number=None, pse=True)),
    "ssc-gen3": lambda: SocialSecurityCard(3, name="王小明", card_number="B87654321",
                                           id_number="330381198512120017", region="330300"),
    "ssc-long-name": lambda: SocialSecurityCard(2, name="阿依古丽·买买提", name_extension="艾力",
                                                id_number="330102198001010011"),
    "ssc-by-number": lambda: SocialSecurityCard(2, name="李四", card_number="C11223344",
                                                id_number="33012219650808002X",
                                                region="330122", ways=("number",),
                                                refusal=0x6A81),
    "ssc-by-identifier": lambda: SocialSecurityCard(2, name="王五", card_number="D55667788",
                                                    id_number="330182197703030010",
                                                    region="330182", ways=("identifier",)),
    "ssc-no-sfi": lambda: SocialSecurityCard(2, name="赵六", card_number="E99887766",
                                             id_number="330183195612120034",
                                             region="330183", sfi_form=False, refusal=0x6B00),
    "pboc-pse": lambda: BankCard(),
    "pboc-ppse": lambda: BankCard(pan="6228480012345678903", pse=False, gpo_format=0x77,
                                  name="LI/SI", id_number="330102196501012345"),
    "pboc-t0": lambda: GetResponseCard(BankCard(pan="6212261234567890128")),
    "pboc-6c": lambda: WrongLengthCard(BankCard(pan="6222021234567890128", gpo_format=0x77)),
    "pboc-empty-pdol": lambda: BankCard(pan="6217851234567890123", gpo_needs_empty_pdol=True),
    "pboc-blocked": lambda: _blocked(),
    "unknown": UnknownCard,
    "pulled": lambda: PulledCard(BankCard(), after=4),
    "visa-replay": ReplayCard,
}


def _blocked() -> SimulatedCard:
    card = BankCard(blocked=True)
    card.expected = Expected("bank", "", error="blocked")
    return card


def make(profile: str) -> SimulatedCard:
    try:
        return PROFILES[profile]()
    except KeyError:
        raise SystemExit(f"unknown profile {profile!r}; one of {', '.join(PROFILES)}") from None


ALL_PROFILES = tuple(PROFILES)
GOOD_PROFILES = tuple(name for name in PROFILES if make(name).expected.error is None)
__all__ = ["ALL_PROFILES", "GOOD_PROFILES", "PROFILES", "Expected", "SimulatedCard", "make"]
