"""The framed serial protocol of second-generation ID card readers (GA/T 467), pure.

To the reader: `AA AA AA 96 69 | LEN (2, big-endian) | CMD | PARA | DATA | CHK`; from it:
`AA AA AA 96 69 | LEN | SW1 SW2 SW3 | DATA | CHK`. LEN counts everything after itself up to
and including CHK; CHK is the XOR of every byte after the 5-byte preamble (LEN included).
SW3 says how it went: `90` done, `9F` card found, anything else a failure (`SW3_WORDS`).

`FrameParser` takes bytes as they arrive from the line (any chunking, noise before a
preamble) and hands out complete, checked frames; it is what the hypothesis fuzz test drives.
"""

from __future__ import annotations

from dataclasses import dataclass

PREAMBLE = bytes.fromhex("AAAAAA9669")
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_BASIC = (0x30, 0x01)
SW3_OK, SW3_CARD_FOUND = 0x90, 0x9F
SW3_NO_CARD, SW3_SELECT_FAILED, SW3_READ_FAILED = 0x80, 0x81, 0x41
MAX_LENGTH = 0x0F00  # longest answer of any command we send is 1288 bytes (30 01)

SW3_WORDS: dict[int, str] = {
    0x90: "操作成功 / done",
    0x91: "没有内容 / nothing to read",
    0x9F: "找到身份证 / card found",
    0x10: "阅读器收到的数据校验和错 / the reader got a bad checksum",
    0x11: "阅读器收到的数据长度错 / the reader got a bad length",
    0x21: "阅读器不认识这个命令 / the reader does not know the command",
    0x23: "越权操作 / operation not allowed",
    0x24: "阅读器内部错误 / unrecognised error in the reader",
    0x31: "身份证认证阅读器失败 / the card did not accept the reader",
    0x32: "阅读器认证身份证失败 / the reader did not accept the card (not a genuine card?)",
    0x33: "身份证信息验证错误 / the card's data failed verification",
    0x40: "无法识别的卡类型 / not an ID card",
    0x41: "读卡失败 / reading the card failed",
    0x47: "取随机数失败 / the card gave no random number",
    0x60: "阅读器安全模块自检失败 / the reader's security module failed its self-test",
    0x66: "阅读器安全模块未授权 / the reader's security module is not authorised",
    0x80: "没有找到身份证 / no ID card on the reader",
    0x81: "选卡失败 / selecting the card failed",
}


class FrameError(ValueError):
    """A frame that is not one: bad checksum, impossible length, too short."""


def checksum(body: bytes) -> int:
    """XOR of every byte (LEN .. last DATA byte). Folded as one big integer, halving its width
    each step: byte-wise XOR survives the fold, and 1,290 bytes take 11 steps instead of
    1,290 Python calls (which cost more than the rest of a read on a fast line)."""
    value, width = int.from_bytes(body, "big"), len(body)
    while width > 1:
        half = width // 2
        value = (value >> (8 * half)) ^ (value & ((1 << (8 * half)) - 1))
        width -= half
    return value


def command_frame(command: tuple[int, int], data: bytes = b"") -> bytes:
    """A frame to the reader: preamble, LEN, CMD, PARA, DATA, CHK."""
    payload = bytes(command) + data
    body = (len(payload) + 1).to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


def answer_frame(sw3: int, data: bytes = b"", sw12: bytes = b"\x00\x00") -> bytes:
    """A frame from the reader (what a fake reader sends; also used by the parser tests)."""
    payload = sw12 + bytes([sw3]) + data
    body = (len(payload) + 1).to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


@dataclass(frozen=True)
class Answer:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def words(self) -> str:
        return sw3_words(self.sw3)


def sw3_words(sw3: int) -> str:
    return SW3_WORDS.get(sw3, f"阅读器报告错误 / the reader reported error {sw3:02X}")


def parse_answer(frame: bytes) -> Answer:
    """Check and split one whole answer frame (preamble included)."""
    if len(frame) < len(PREAMBLE) + 2 or not frame.startswith(PREAMBLE):
        raise FrameError("不是阅读器的应答 / not a reader answer (no preamble)")
    length = int.from_bytes(frame[5:7], "big")
    if length < 4 or len(frame) != 7 + length:
        raise FrameError(f"应答长度不对 / answer length {length} does not match the frame")
    body, chk = frame[5:-1], frame[-1]
    if checksum(body) != chk:
        raise FrameError(f"应答校验和错 / bad checksum: {chk:02X}, expected {checksum(body):02X}")
    return Answer(frame[7], frame[8], frame[9], bytes(frame[10:-1]))


class FrameParser:
    """Bytes in, whole frames out: resynchronises on the preamble, keeps partial frames."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        frames: list[bytes] = []
        while True:
            start = self._buffer.find(PREAMBLE)
            if start < 0:  # keep a tail that may be the start of a preamble
                del self._buffer[:max(0, len(self._buffer) - len(PREAMBLE) + 1)]
                return frames
            del self._buffer[:start]
            if len(self._buffer) < 7:
                return frames
            length = int.from_bytes(self._buffer[5:7], "big")
            if length < 4 or length > MAX_LENGTH:
                del self._buffer[:1]  # not a real frame start: look for the next preamble
                continue
            if len(self._buffer) < 7 + length:
                return frames
            frames.append(bytes(self._buffer[:7 + length]))
            del self._buffer[:7 + length]

    @property
    def needed(self) -> int:
        """Bytes still missing from the frame under way (at least 1): what to read next."""
        buffer = self._buffer
        if len(buffer) >= 7 and buffer.startswith(PREAMBLE):
            return max(1, 7 + int.from_bytes(buffer[5:7], "big") - len(buffer))
        return max(1, 7 - len(buffer))

    @property
    def pending(self) -> int:
        """Bytes held that do not yet make a frame (a truncated frame leaves some)."""
        return len(self._buffer)
