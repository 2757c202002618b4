"""A virtual card on the vpcd virtual reader: our own client of the vpcd protocol.

vpcd (vsmartcard-vpcd, loaded by pcscd) listens on TCP 35963 (reader "Virtual PCD 00 00") and
35964 ("... 00 01"). A card connects and then answers messages framed by a 2-byte big-endian
length: a 1-byte control (00 power off, 01 power on, 02 reset, 04 get ATR: answered with the
ATR) or an APDU (answered with data + SW). TCP_NODELAY, or every APDU waits ~40 ms for Nagle.
Closing the connection is pulling the card out.

Use as a thread (`VirtualCard(card).start()` ... `.stop()`) or a process:
`python -m tests.support.virtual_card --profile pboc-pse [--port 35963]`.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import socket
import threading
import time

from kiosk.devices.fake_reader import CardPulledOut
from tests.support.cards import ALL_PROFILES, SimulatedCard, make

HOST = "127.0.0.1"
PORTS = {35963: "Virtual PCD 00 00", 35964: "Virtual PCD 00 01"}
POWER_OFF, POWER_ON, RESET, GET_ATR = 0x00, 0x01, 0x02, 0x04
QUICKACK = getattr(socket, "TCP_QUICKACK", None)
PULL_SETTLE_SECONDS = 0.5  # vpcd needs this after a pull before the next card connects


def reader_name(port: int) -> str:
    return PORTS[port]


def _lock_reader(port: int, timeout: float = 120.0) -> int:
    """One card per virtual reader across processes (several test runs share one pcscd)."""
    fd = os.open(f"/tmp/kiosk-vpcd-{port}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise TimeoutError(f"virtual reader {port} busy for {timeout:g} s") from None
            time.sleep(0.05)


def _unlock(fd: int) -> None:
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


class VirtualCard:
    """One card inserted in one virtual reader, served from a background thread."""

    def __init__(self, card: SimulatedCard, port: int = 35963, *, reconnect: bool = False,
                 connect_timeout: float = 5.0) -> None:
        self.card, self.port, self.reconnect = card, port, reconnect
        self.connect_timeout = connect_timeout
        self._socket: socket.socket | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock: int | None = None
        self.connected = threading.Event()
        self.error: BaseException | None = None
        self.apdus = 0

    def __enter__(self) -> VirtualCard:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> VirtualCard:
        self._lock = _lock_reader(self.port)
        try:
            self._socket = self._connect()
        except BaseException:
            _unlock(self._lock)
            raise
        self._thread = threading.Thread(target=self._serve, name=f"vcard-{self.port}",
                                        daemon=True)
        self._thread.start()
        return self

    def _connect(self) -> socket.socket:
        deadline = time.monotonic() + self.connect_timeout
        while True:
            try:
                sock = socket.create_connection((HOST, self.port), timeout=1.0)
            except OSError:
                if time.monotonic() > deadline or self._stop.is_set():
                    raise
                time.sleep(0.05)
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(0.2)
            self.connected.set()
            return sock

    def stop(self, settle: bool = True) -> None:
        """Pull the card out; wait the settle time vpcd needs before another card comes."""
        self._stop.set()
        self._close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if settle:
            time.sleep(PULL_SETTLE_SECONDS)
        lock, self._lock = self._lock, None
        if lock is not None:
            _unlock(lock)

    def _close(self) -> None:
        sock, self._socket = self._socket, None
        self.connected.clear()
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _receive(self, sock: socket.socket, size: int) -> bytes | None:
        data = b""
        while len(data) < size:
            if self._stop.is_set():
                return None
            try:
                # vpcd writes the length and the APDU separately without TCP_NODELAY; acking at
                # once (Linux quick-ack, reset by the kernel after each segment) keeps its
                # second write from waiting ~40 ms for our delayed ACK
                if QUICKACK is not None:
                    sock.setsockopt(socket.IPPROTO_TCP, QUICKACK, 1)
                chunk = sock.recv(size - len(data))
            except TimeoutError:
                continue
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
        return data

    def _serve(self) -> None:
        try:
            while not self._stop.is_set():
                sock = self._socket
                if sock is None:
                    return
                if not self._serve_connection(sock):
                    return
                # vpcd went away (pcscd stopped): come back when it does, like a card left in
                self._close()
                if not self.reconnect or self._stop.is_set():
                    return
                try:
                    self._socket = self._connect_forever()
                except OSError:
                    return
        except BaseException as error:  # keep it for the test to see
            self.error = error
            self._close()

    def _connect_forever(self) -> socket.socket:
        while not self._stop.is_set():
            try:
                return self._connect()
            except OSError:
                time.sleep(0.1)
        raise OSError("stopped")

    def _serve_connection(self, sock: socket.socket) -> bool:
        """Answer until the connection ends; False when the card was pulled on purpose."""
        while not self._stop.is_set():
            header = self._receive(sock, 2)
            if header is None:
                return not self._stop.is_set()
            message = self._receive(sock, int.from_bytes(header, "big"))
            if message is None:
                return not self._stop.is_set()
            answer = self._handle(message)
            if answer is None:
                continue
            try:
                sock.sendall(len(answer).to_bytes(2, "big") + answer)
            except OSError:
                return not self._stop.is_set()
        return False

    def _handle(self, message: bytes) -> bytes | None:
        if len(message) == 1:
            if message[0] in (POWER_ON, RESET):
                self.card.reset()
            if message[0] == GET_ATR:
                return self.card.atr
            return None
        self.apdus += 1
        try:
            return self.card.answer(message)
        except CardPulledOut:
            self._stop.set()  # the villager pulled the card mid-read
            self._close()
            return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", required=True, choices=ALL_PROFILES)
    parser.add_argument("--port", type=int, default=35963)
    parser.add_argument("--reconnect", action="store_true",
                        help="stay inserted across pcscd restarts")
    args = parser.parse_args()
    card = VirtualCard(make(args.profile), args.port, reconnect=args.reconnect).start()
    print(f"card {args.profile} in {reader_name(args.port)}", flush=True)
    try:
        while card._thread is not None and card._thread.is_alive():
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        card.stop(settle=False)


if __name__ == "__main__":
    main()
