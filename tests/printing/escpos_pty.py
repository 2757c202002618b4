"""A thermal printer on the far end of a pseudo-terminal: the serial link of a real one.

The kiosk opens the pty's slave side with pyserial exactly as it opens /dev/ttyS0. This end
reads what arrives, answers `DLE EOT n` from its paper and cover state the way an Epson TM
printer does, skips raster image data (`GS v 0`, whose bytes may look like commands), and
counts cuts (`GS V`): one cut is one receipt out of the printer.
"""

from __future__ import annotations

import os
import select
import threading
import tty


class PtyPrinter:
    def __init__(self) -> None:
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        self._slave = slave  # kept open so the link stays up between the kiosk's opens
        self.paper = True
        self.cover_open = False
        self.answering = True
        self.cuts = 0
        self.received = bytearray()
        self._buffer = bytearray()
        self._skip = 0
        self._busy = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        os.close(self.master)
        os.close(self._slave)

    def status_byte(self, n: int) -> int:
        offline = not self.paper or self.cover_open
        if n == 1:
            return 0x12 | (0x08 if offline else 0) | 0x04
        if n == 2:
            return 0x12 | (0x04 if self.cover_open else 0) | (0x20 if not self.paper else 0)
        if n == 3:
            return 0x12
        return 0x12 | (0x60 if not self.paper else 0)

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            self._busy = True
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            self.received += data
            self._buffer += data
            self._parse()
            self._busy = False

    def drained(self) -> bool:
        """Everything written so far has been read and acted on."""
        pending, _, _ = select.select([self.master], [], [], 0)
        return not pending and not self._busy

    def _parse(self) -> None:
        buf = self._buffer
        while buf:
            if self._skip:
                taken = min(self._skip, len(buf))
                del buf[:taken]
                self._skip -= taken
                continue
            if buf[:2] == b"\x10\x04":
                if len(buf) < 3:
                    return
                if self.answering:
                    os.write(self.master, bytes([self.status_byte(buf[2])]))
                del buf[:3]
            elif buf[:3] == b"\x1dv0":
                if len(buf) < 8:
                    return
                width = buf[4] + 256 * buf[5]
                height = buf[6] + 256 * buf[7]
                del buf[:8]
                self._skip = width * height
            elif buf[:2] == b"\x1dV":
                if len(buf) < 3:
                    return
                self.cuts += 1
                # GS V m [n]: m = 65/66 takes one more byte
                size = 4 if buf[2] in (65, 66) else 3
                if len(buf) < size:
                    return
                del buf[:size]
            else:
                del buf[:1]
