"""A second-generation ID card reader of our own on a pseudo-terminal, for tests and benches.

It speaks GA/T 467 byte for byte, written from the protocol description and NOT from the
kiosk's code (so the two cannot agree on a misreading): command frames
`AA AA AA 96 69 | LEN(2) | CMD PARA | CHK`, answers `AA AA AA 96 69 | LEN(2) | 00 00 SW3 |
DATA | CHK`, CHK the XOR of every byte after the preamble. `20 01` find card (9F found,
80 none), `20 02` select (90, 81 none), `30 01` read basic information (90 + text length 0100
+ photo length 0400 + 256 bytes of UCS-2 LE text + 1024 bytes of photo).

The kiosk opens `reader.device`: a symlink in a folder of the test's choosing to the pty's
slave, so `unplug()` makes the device vanish (the pty closes: reads fail with EIO) and
`plug()` brings a new pty back under the same name, like a USB-serial reader replugged.

Run by hand to try the kiosk with an ID card (`l` lays the card, `u` lifts it, `q` quits):
`python -m tests.support.fake_id_reader --folder /tmp/idr --name 王秀英 --id 330122195801022553`,
then `KIOSK__ID_READER__DEVICE='"/tmp/idr/ttyIDR0"' kiosk run --windowed`.

Faults, set on `reader.fault`: "bad_checksum" and "truncated" (on the 30 01 answer),
"lift_after_select" (the card is taken away right after it was selected), "vanish_mid_read"
(half the 30 01 answer, then the device is gone), or a dict {command: SW3} answering that
status instead, e.g. {"read": 0x41}.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
import tty
from dataclasses import dataclass, field
from pathlib import Path

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
COMMANDS = {b"\x20\x01": "find", b"\x20\x02": "select", b"\x30\x01": "read"}


@dataclass
class FakeIdCard:
    """What is printed on the card; the fake encodes it as the card's text block."""

    name: str = "张三"
    sex: str = "1"
    nation: str = "01"
    birth: str = "19900101"
    address: str = "浙江省杭州市桐庐县分水镇桐溪村12号"
    id_number: str = "330102199001011234"
    issuer: str = "桐庐县公安局"
    valid_from: str = "20200101"
    valid_to: str = "20400101"
    photo: bytes = field(default=bytes(range(256)) * 4)

    def text(self) -> bytes:
        out = b""
        for value, size in ((self.name, 30), (self.sex, 2), (self.nation, 4), (self.birth, 16),
                            (self.address, 70), (self.id_number, 36), (self.issuer, 30),
                            (self.valid_from, 16), (self.valid_to, 16), ("", 36)):
            raw = value.encode("utf-16-le")
            assert len(raw) <= size, f"{value!r} does not fit {size} bytes"
            out += raw + b"\x20\x00" * ((size - len(raw)) // 2)
        assert len(out) == 256
        return out


def _xor(data: bytes) -> int:
    value = 0
    for byte in data:
        value ^= byte
    return value


def answer(sw3: int, data: bytes = b"") -> bytes:
    body = (3 + len(data) + 1).to_bytes(2, "big") + b"\x00\x00" + bytes([sw3]) + data
    return PREAMBLE + body + bytes([_xor(body)])


class FakeIdReader:
    def __init__(self, folder: Path, *, name: str = "ttyIDR0",
                 bytes_per_second: float | None = None) -> None:
        self.device = str(folder / name)
        self.card: FakeIdCard | None = None
        self.fault: str | dict[str, int] | None = None
        self.bytes_per_second = bytes_per_second  # None: as fast as the pty goes
        self.commands: list[str] = []
        self.bad_frames = 0
        self._master = self._slave = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- life cycle ----------------------------------------------------------------------------
    def __enter__(self) -> FakeIdReader:
        return self.plug()

    def __exit__(self, *exc: object) -> None:
        self.unplug()

    def plug(self) -> FakeIdReader:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.device)
        os.symlink(os.ttyname(self._slave), self.device)
        self._stop.clear()
        self._thread = threading.Thread(target=self._serve, name="fake-id-reader", daemon=True)
        self._thread.start()
        return self

    def unplug(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None
        self._close()

    def _close(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.device)
        for fd in (self._master, self._slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = -1

    # --- the card ------------------------------------------------------------------------------
    def lay(self, card: FakeIdCard) -> None:
        self.card = card

    def lift(self) -> None:
        self.card = None

    # --- serving -------------------------------------------------------------------------------
    def _serve(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self._master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self._master, 4096)
            except OSError:
                return
            buffer += chunk
            while True:
                start = buffer.find(PREAMBLE)
                if start < 0 or len(buffer) < start + 7:
                    break
                length = int.from_bytes(buffer[start + 5:start + 7], "big")
                if len(buffer) < start + 7 + length:
                    break
                frame, buffer = buffer[start:start + 7 + length], buffer[start + 7 + length:]
                if not self._handle(frame):
                    return

    def _handle(self, frame: bytes) -> bool:
        """Answer one command frame; False once the device has vanished."""
        body = frame[5:-1]
        if _xor(body) != frame[-1]:
            self.bad_frames += 1
            return self._send(answer(0x10))  # checksum error, as a real reader says
        command = COMMANDS.get(frame[7:9])
        if command is None:
            return self._send(answer(0x21))
        self.commands.append(command)
        forced = self.fault.get(command) if isinstance(self.fault, dict) else None
        if forced is not None:
            return self._send(answer(forced))
        handled: bool = getattr(self, f"_{command}")()
        return handled

    def _find(self) -> bool:
        return self._send(answer(0x9F, bytes(4)) if self.card else answer(0x80))

    def _select(self) -> bool:
        if self.card is None:
            return self._send(answer(0x81))
        sent = self._send(answer(0x90, bytes(8)))
        if self.fault == "lift_after_select":
            self.card = None
        return sent

    def _read(self) -> bool:
        if self.card is None:
            return self._send(answer(0x41))
        data = b"\x01\x00\x04\x00" + self.card.text() + self.card.photo.ljust(1024, b"\x00")
        frame = answer(0x90, data)
        if self.fault == "bad_checksum":
            frame = frame[:-1] + bytes([frame[-1] ^ 0x5A])
        elif self.fault == "truncated":
            frame = frame[:len(frame) // 2]
        elif self.fault == "vanish_mid_read":
            self._send(frame[:len(frame) // 2])
            time.sleep(0.05)
            self._close()
            return False
        return self._send(frame)

    def _send(self, data: bytes) -> bool:
        if self.bytes_per_second:
            time.sleep(len(data) / self.bytes_per_second)
        try:
            os.write(self._master, data)
        except OSError:
            return False
        return True



def main() -> None:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="a fake GA/T 467 ID card reader on a pty")
    parser.add_argument("--folder", default="/tmp", help="where the device symlink goes")
    parser.add_argument("--name", default="张三")
    parser.add_argument("--id", dest="id_number", default="330102199001011234")
    args = parser.parse_args()
    card = FakeIdCard(name=args.name, id_number=args.id_number, birth=args.id_number[6:14])
    with FakeIdReader(Path(args.folder)) as reader:
        print(f"ID card reader at {reader.device}; l = lay the card, u = lift it, q = quit",
              flush=True)
        for line in sys.stdin:
            command = line.strip()[:1]
            if command == "l":
                reader.lay(card)
            elif command == "u":
                reader.lift()
            elif command == "q":
                break


if __name__ == "__main__":
    main()
