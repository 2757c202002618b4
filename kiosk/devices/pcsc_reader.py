"""The real reader backend: pyscard's PC/SC layer on pcscd.

Why the low-level `smartcard.scard` calls and not pyscard's `CardMonitor`: that monitor is a
process-wide singleton whose thread stops for good when pcscd goes away (SCARD_E_NO_SERVICE),
blocks up to 60 s before it notices a stop request, and prints tracebacks. Here the reader
service owns one monitoring thread that calls `wait_for_change`; this class keeps one PC/SC
context for that thread, drops it when pcscd disappears and builds a new one when pcscd is
back, and `cancel()` (SCardCancel) wakes it at once. Each card connection gets its own context,
released on close, so no handle outlives a read.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from smartcard import scard

from kiosk.devices.errors import CardError, CardRemovedError, CardUnreadableError, NoReaderError
from kiosk.devices.reader import Snapshot

_PCSCLITE_PRESENT = 0x0004  # SCardStatus state bit (pcsc-lite); pyscard does not export it
PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
_SERVICE_GONE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED,
                 scard.SCARD_E_INVALID_HANDLE, scard.SCARD_F_COMM_ERROR,
                 scard.SCARD_E_NO_READERS_AVAILABLE, scard.SCARD_E_UNKNOWN_READER,
                 scard.SCARD_E_READER_UNAVAILABLE}
_CARD_GONE = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD,
              scard.SCARD_W_UNPOWERED_CARD}
_CARD_MUTE = {scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_E_PROTO_MISMATCH,
              scard.SCARD_W_UNSUPPORTED_CARD, scard.SCARD_E_NOT_TRANSACTED}


def _message(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"


def _error(hresult: int, what: str) -> CardError:
    if hresult in _CARD_GONE:
        return CardRemovedError()
    if hresult in _SERVICE_GONE:
        return NoReaderError(f"读卡器不可用 / card reader unavailable: {what}: {_message(hresult)}")
    if hresult in _CARD_MUTE:
        return CardUnreadableError(
            f"卡片没有应答，请检查插卡方向 / the card does not answer ({_message(hresult)})")
    return CardUnreadableError(f"读卡失败 / {what} failed: {_message(hresult)}")


def _establish() -> Any:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        raise _error(hresult, "SCardEstablishContext")
    return context


def _list_readers(context: Any) -> list[str]:
    hresult, names = scard.SCardListReaders(context, [])
    if hresult in (scard.SCARD_E_NO_READERS_AVAILABLE,):
        return []
    if hresult != scard.SCARD_S_SUCCESS:
        raise _error(hresult, "SCardListReaders")
    return list(names)


class PcscConnection:
    """A card connection with its own context; `close()` releases both."""

    def __init__(self, reader: str) -> None:
        self._context = _establish()
        self._card: Any = None
        try:
            hresult, card, protocol = scard.SCardConnect(
                self._context, reader, scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
            if hresult != scard.SCARD_S_SUCCESS:
                if hresult == scard.SCARD_E_UNKNOWN_READER:
                    raise NoReaderError(f"没有这个读卡器 / no reader named {reader!r}")
                raise _error(hresult, "SCardConnect")
        except BaseException:
            scard.SCardReleaseContext(self._context)
            raise
        self._card = card
        self.protocol = "T0" if protocol == scard.SCARD_PROTOCOL_T0 else "T1"
        self._pci = scard.SCARD_PCI_T0 if self.protocol == "T0" else scard.SCARD_PCI_T1
        self.atr = self._read_atr()

    def _read_atr(self) -> bytes:
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self._card)
        return bytes(atr) if hresult == scard.SCARD_S_SUCCESS else b""

    def transmit(self, apdu: bytes) -> bytes:
        if self._card is None:
            raise CardRemovedError()
        hresult, answer = scard.SCardTransmit(self._card, self._pci, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS:
            raise _error(hresult, "SCardTransmit")
        if len(answer) < 2:  # a driver losing the card mid-command answers nothing at all
            raise self._lost_or_mute()
        return bytes(answer)

    def _lost_or_mute(self, wait: float = 1.0) -> CardError:
        """Removed when the reader soon reports no card; otherwise a card that went mute."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            hresult, _reader, state, _protocol, _atr = scard.SCardStatus(self._card)
            if hresult in _CARD_GONE or (hresult == scard.SCARD_S_SUCCESS
                                         and not state & _PCSCLITE_PRESENT):
                return CardRemovedError()
            if hresult != scard.SCARD_S_SUCCESS:
                return _error(hresult, "SCardStatus")
            time.sleep(0.05)
        return CardUnreadableError("卡片没有应答 / the card stopped answering")

    def close(self) -> None:
        card, self._card = self._card, None
        if card is not None:
            scard.SCardDisconnect(card, scard.SCARD_RESET_CARD)
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None


class PcscReaderBackend:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._context: Any = None

    def _monitor_context(self) -> Any:
        with self._lock:
            if self._context is None:
                self._context = _establish()
            return self._context

    def _drop_context(self) -> None:
        with self._lock:
            context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def readers(self) -> list[str]:
        context = _establish()
        try:
            return _list_readers(context)
        finally:
            scard.SCardReleaseContext(context)

    def wait_for_change(self, previous: Snapshot | None, timeout: float) -> dict[str, bool]:
        try:
            return self._wait(previous, timeout)
        except NoReaderError:
            self._drop_context()
            raise

    def _wait(self, previous: Snapshot | None, timeout: float) -> dict[str, bool]:
        context = self._monitor_context()
        names = _list_readers(context)
        if previous is None or set(previous) != set(names):
            return self._snapshot(context, names)
        states = [(name, scard.SCARD_STATE_PRESENT if previous[name] else scard.SCARD_STATE_EMPTY)
                  for name in names]
        # the PnP pseudo-reader wakes us when a reader is plugged in or out
        states.append((PNP_NOTIFICATION, len(names) << 16))
        hresult, _ = scard.SCardGetStatusChange(context, int(timeout * 1000), states)
        if hresult not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT, scard.SCARD_E_CANCELLED):
            raise _error(hresult, "SCardGetStatusChange")
        return self._snapshot(context, _list_readers(context))

    @staticmethod
    def _snapshot(context: Any, names: list[str]) -> dict[str, bool]:
        if not names:
            return {}
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(name, scard.SCARD_STATE_UNAWARE) for name in names])
        if hresult not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
            raise _error(hresult, "SCardGetStatusChange")
        return {name: bool(event & scard.SCARD_STATE_PRESENT) and not event & scard.SCARD_STATE_MUTE
                for name, event, _atr in states}

    def cancel(self) -> None:
        with self._lock:
            context = self._context
            if context is not None:
                scard.SCardCancel(context)

    def connect(self, reader: str) -> PcscConnection:
        return PcscConnection(reader)

    def close(self) -> None:
        self.cancel()
        self._drop_context()
