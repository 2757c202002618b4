"""Talking to a second-generation ID card reader over its serial line (pyserial).

One `exchange` writes a command frame and waits for one answer frame; `read_card` is the
whole read: find card (20 01), select (20 02), read basic information (30 01). A reader that
is unplugged makes the port fail (or the device file vanish): that is `NoReaderError`, the
port is closed, and the next call opens the device again, so a replugged reader is found
without a restart. A read that fails after the card was selected asks "is a card there?"
once more: no card means it was lifted (`CardRemovedError`), otherwise the failure in words.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import termios
import time
from collections.abc import Callable
from typing import Protocol

from kiosk.devices.errors import (
    CardError,
    CardRemovedError,
    CardTimeoutError,
    CardUnreadableError,
    NoReaderError,
)
from kiosk.devices.idcard import protocol
from kiosk.devices.idcard.basic_info import (
    BasicInfoError,
    IdCardInfo,
    parse_basic_info,
    problems,
)

log = logging.getLogger(__name__)
DEFAULT_BAUD = 115200
ANSWER_TIMEOUT_S = 3.0  # a real 30 01 takes ~0.5-1 s at 115200
# serial.SerialException is an OSError; a pty or USB-serial line that went away can also fail
# in termios (tcflush: EIO)
LINE_ERRORS: tuple[type[BaseException], ...] = (OSError, termios.error)


class Port(Protocol):
    """What we use of `serial.Serial`."""

    def write(self, data: bytes) -> int | None: ...

    def read(self, size: int = 1) -> bytes: ...

    @property
    def in_waiting(self) -> int: ...

    def reset_input_buffer(self) -> None: ...

    def close(self) -> None: ...


Opener = Callable[[str, int], Port]


def open_serial(device: str, baud: int) -> Port:
    """8N1 at `baud`; a short read timeout so waits can be cut to the answer deadline."""
    import serial

    try:
        port: Port = serial.Serial(device, baudrate=baud, bytesize=8, parity="N", stopbits=1,
                                   timeout=0.05, write_timeout=1.0, exclusive=True)
    except (serial.SerialException, OSError, ValueError) as error:
        if "Permission denied" in str(error) or getattr(error, "errno", None) == errno.EACCES:
            raise NoReaderError(f"没有权限打开身份证阅读器 / no permission to open {device}: the "
                                f"kiosk's user must be in the device's group (dialout)") from None
        if "exclusively lock" in str(error):
            raise ReaderBusyError(f"身份证阅读器正被占用 / the ID card reader {device} is in use "
                                  f"by another program (the running kiosk?)") from None
        raise NoReaderError(f"身份证阅读器打不开，请检查连线和 [id_reader] device / cannot open "
                            f"the ID card reader {device}: {error}") from None
    return port


class ReaderBusyError(NoReaderError):
    """Another process holds the port (opened exclusively, so two never mix their frames)."""


class NoIdCard(CardTimeoutError):
    default_message = "阅读器上没有身份证 / no ID card on the reader"


class IdCardReader:
    def __init__(self, device: str, baud: int = DEFAULT_BAUD, *,
                 answer_timeout: float = ANSWER_TIMEOUT_S, opener: Opener = open_serial) -> None:
        self.device, self.baud = device, baud
        self.answer_timeout = answer_timeout
        self._opener = opener
        self._port: Port | None = None
        self._dirty = True  # flush the input before the next command (new port, bad answer)
        self.frames_sent = 0

    # --- the line ----------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self._port is not None

    def open(self) -> None:
        if self._port is None:
            if not self.device:
                raise NoReaderError("没有设置身份证阅读器 / no [id_reader] device configured")
            self._port = self._opener(self.device, self.baud)
            self._dirty = True

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            with contextlib.suppress(Exception):
                port.close()

    def _lost(self, error: BaseException) -> NoReaderError:
        self.close()
        return NoReaderError(f"身份证阅读器断开了 / the ID card reader {self.device} went away: "
                             f"{error}")

    def exchange(self, command: tuple[int, int], data: bytes = b"") -> protocol.Answer:
        """One command, one checked answer; raises a `CardError` in words otherwise."""
        self.open()
        port = self._port
        assert port is not None
        try:
            if self._dirty:  # what is left of a garbled or late answer must not pass for ours
                port.reset_input_buffer()
                self._dirty = False
            port.write(protocol.command_frame(command, data))
            self.frames_sent += 1
            frame = self._receive(port)
        except LINE_ERRORS as error:
            raise self._lost(error) from None
        except CardError:  # garbled, cut short or silent: a late answer may still come
            self._dirty = True
            raise
        try:
            return protocol.parse_answer(frame)
        except protocol.FrameError as error:
            self._dirty = True
            raise CardUnreadableError(f"阅读器应答有误，请重新放卡 / {error}") from None

    def _receive(self, port: Port) -> bytes:
        parser = protocol.FrameParser()
        deadline = time.monotonic() + self.answer_timeout
        while time.monotonic() < deadline:
            chunk = port.read(max(parser.needed, port.in_waiting))
            if chunk:
                frames = parser.feed(chunk)
                if frames:
                    return frames[0]
        if parser.pending:
            raise CardUnreadableError(
                f"阅读器应答不完整，请重新放卡 / truncated answer: {parser.pending} byte(s) "
                f"then nothing for {self.answer_timeout:g} s")
        raise NoReaderError(  # nothing at all: not a reader (or not at this baud rate)
            f"身份证阅读器没有应答 / the ID card reader {self.device} did not answer in "
            f"{self.answer_timeout:g} s (wrong device or baud rate?)")

    # --- the card ----------------------------------------------------------------------------
    def find(self) -> bool:
        """True when a card lies on the reader (SW3 9F); False for 80 (none)."""
        answer = self.exchange(protocol.FIND_CARD)
        if answer.sw3 == protocol.SW3_CARD_FOUND:
            return True
        if answer.sw3 == protocol.SW3_NO_CARD:
            return False
        raise CardUnreadableError(f"找卡失败 / find card: {answer.words}")

    def read_selected(self) -> IdCardInfo:
        """Select the found card and read its basic information."""
        selected = self.exchange(protocol.SELECT_CARD)
        if selected.sw3 != protocol.SW3_OK:
            raise self._failure("选卡 / select card", selected)
        answer = self.exchange(protocol.READ_BASIC)
        if answer.sw3 != protocol.SW3_OK:
            raise self._failure("读卡 / read", answer)
        try:
            info = parse_basic_info(answer.data)
        except BasicInfoError as error:
            raise CardUnreadableError(f"身份证信息格式有误 / {error}") from None
        found = problems(info)
        if found:
            raise CardUnreadableError("；".join(found) + "，请重新放卡 / please lay the card again")
        return info

    def _failure(self, step: str, answer: protocol.Answer) -> CardError:
        """Lifted (no card any more) or a failure of the reader or card, in words."""
        try:
            still_there = self.find()
        except CardUnreadableError:
            still_there = True
        if not still_there:
            return CardRemovedError("读卡时身份证被拿开了，请重新放好 / the ID card was lifted "
                                    "while it was being read")
        return CardUnreadableError(f"{step}: {answer.words}")

    def read_card(self) -> IdCardInfo:
        """A card on the reader now, read; `NoIdCard` when there is none."""
        if not self.find():
            raise NoIdCard()
        return self.read_selected()

    def wait_and_read(self, timeout: float, poll: float = 0.2) -> IdCardInfo:
        """Blocking: the first card laid on the reader within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            if self.find():
                return self.read_selected()
            if time.monotonic() >= deadline:
                raise NoIdCard(f"{timeout:g} 秒内阅读器上没有身份证 / no ID card on the reader "
                               f"within {timeout:g} s")
            time.sleep(min(poll, max(0.0, deadline - time.monotonic())))
