"""Sending commands to a card: GET RESPONSE (61xx), resend with Le (6Cxx), and a guard.

The same wrapper serves T=0 and T=1 cards. On T=0 a case-4 command cannot carry Le, so it is
sent without it and the card answers 61xx; T=1 cards may still answer 61xx or 6Cxx, and the
wrapper handles both the same way.

The guard is a whitelist of instructions that only read (SELECT, READ RECORD, GET PROCESSING
OPTIONS, GET RESPONSE, GET DATA): VERIFY or anything that writes or spends a PIN try can never
leave this module, whatever a caller builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kiosk.devices.errors import CardUnreadableError

INS_SELECT = 0xA4
INS_READ_RECORD = 0xB2
INS_GPO = 0xA8
INS_GET_RESPONSE = 0xC0
INS_GET_DATA = 0xCA
READ_ONLY_INSTRUCTIONS = frozenset({INS_SELECT, INS_READ_RECORD, INS_GPO, INS_GET_RESPONSE,
                                    INS_GET_DATA})
MAX_CHAIN = 32


class ForbiddenCommand(AssertionError):
    """A programming error: code tried to send an instruction that is not read-only."""


class Transport(Protocol):
    """One connected card: sends raw APDU bytes, returns data followed by SW1 SW2."""

    protocol: str  # "T0" or "T1"

    def transmit(self, apdu: bytes) -> bytes: ...


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == 0x9000

    def __str__(self) -> str:
        return f"{self.sw:04X}"


def command(cla: int, ins: int, p1: int, p2: int, data: bytes = b"", le: int | None = 0) -> bytes:
    """A short APDU; `le=None` for a case 1/3 command, `le=0` means 'up to 256 bytes'."""
    apdu = bytes([cla, ins, p1, p2])
    if data:
        apdu += bytes([len(data)]) + data
    if le is not None:
        apdu += bytes([le & 0xFF])
    return apdu


def _with_le(apdu: bytes, le: int) -> bytes:
    header, body = apdu[:4], apdu[4:]
    if not body:
        return header + bytes([le])
    lc = body[0]
    if len(body) == 1:  # only Le present
        return header + bytes([le])
    return header + body[:1 + lc] + bytes([le])


def _without_le(apdu: bytes) -> bytes:
    if len(apdu) > 5 and len(apdu) == 5 + apdu[4] + 1:
        return apdu[:-1]
    return apdu


class CardChannel:
    """Sends one logical command and returns its complete answer; counts the APDUs sent."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self.apdu_count = 0

    def _raw(self, apdu: bytes) -> Response:
        if len(apdu) < 4 or apdu[1] not in READ_ONLY_INSTRUCTIONS:
            raise ForbiddenCommand(f"refusing to send {apdu[:4].hex().upper()}: not read-only")
        self.apdu_count += 1
        answer = self._transport.transmit(apdu)
        if len(answer) < 2:
            raise CardUnreadableError(
                f"卡片应答不完整 / the card answered {len(answer)} byte(s), no status word")
        return Response(bytes(answer[:-2]), int.from_bytes(answer[-2:], "big"))

    def send(self, apdu: bytes) -> Response:
        if self._transport.protocol == "T0":
            apdu = _without_le(apdu)
        response = self._raw(apdu)
        data = b""
        for _ in range(MAX_CHAIN):
            sw1, sw2 = response.sw >> 8, response.sw & 0xFF
            if sw1 == 0x6C:  # wrong Le: resend the same command with the Le the card wants
                response = self._raw(_with_le(apdu, sw2))
            elif sw1 == 0x61:  # more data waiting: fetch it
                data += response.data
                response = self._raw(command(apdu[0] & 0x03, INS_GET_RESPONSE, 0, 0, le=sw2))
            else:
                return Response(data + response.data, response.sw)
        raise CardUnreadableError("卡片应答过长 / the card kept answering 61xx/6Cxx")

    def select(self, name: bytes, *, next_occurrence: bool = False) -> Response:
        return self.send(command(0x00, INS_SELECT, 0x04, 0x02 if next_occurrence else 0x00,
                                 name, le=0))

    def select_file(self, file_id: bytes) -> Response:
        return self.send(command(0x00, INS_SELECT, 0x02, 0x00, file_id, le=None))

    def read_record(self, record: int, sfi: int | None) -> Response:
        """P2 = SFI<<3|4 (record number P1 of that file), or 04 for the current file."""
        p2 = ((sfi << 3) | 0x04) if sfi is not None else 0x04
        return self.send(command(0x00, INS_READ_RECORD, record, p2, le=0))

    def read_record_by_identifier(self, identifier: int, sfi: int | None) -> Response:
        """P2 = SFI<<3|0 (or 00 for the current file): the first record whose tag is P1."""
        p2 = (sfi << 3) if sfi is not None else 0x00
        return self.send(command(0x00, INS_READ_RECORD, identifier, p2, le=0))

    def get_processing_options(self, pdol_data: bytes) -> Response:
        from kiosk.devices.cards.tlv import encode

        return self.send(command(0x80, INS_GPO, 0x00, 0x00, encode(0x83, pdol_data), le=0))
