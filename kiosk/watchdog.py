"""Telling systemd that the kiosk is up and that its event loop is still turning.

The session unit runs with `Type=notify` and `WatchdogSec=`: systemd waits for READY=1, then
expects WATCHDOG=1 at least once per watchdog period, and aborts and restarts the session when
the heartbeats stop. The UI sends them from a timer on the Qt event loop, so a hung loop (a
blocking call on the UI thread, a deadlock) is exactly what stops them. This module is the
socket side only (the sd_notify protocol: one datagram to $NOTIFY_SOCKET), with no Qt and no
libsystemd, so it is unit-tested with a plain socket and works the same in the frozen build.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_INTERVAL_S = 10.0  # when systemd gave no WATCHDOG_USEC: still cheap, still useful


@dataclass(frozen=True)
class Notifier:
    """Sends sd_notify messages to one socket; never raises (a lost beat is not a crash)."""

    address: str
    interval_s: float

    @property
    def interval_ms(self) -> int:
        return max(100, int(self.interval_s * 1000))

    def send(self, message: str) -> bool:
        address = self.address
        if address.startswith("@"):  # abstract namespace socket
            address = "\0" + address[1:]
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.connect(address)
                sock.sendall(message.encode("utf-8"))
        except OSError:
            return False
        return True

    def ready(self) -> bool:
        """The kiosk shows its first page: systemd may consider the service started."""
        return self.send(f"READY=1\nSTATUS=kiosk running\nMAINPID={os.getpid()}")

    def alive(self) -> bool:
        """One heartbeat: call it from the event loop, at `interval_ms`."""
        return self.send("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.send("STOPPING=1")


def from_environment(environ: Mapping[str, str] | None = None) -> Notifier | None:
    """A notifier when systemd asked for one ($NOTIFY_SOCKET), else None.

    Beats at half the watchdog period ($WATCHDOG_USEC), as sd_watchdog_enabled(3) advises.
    WATCHDOG_PID is not checked: under `NotifyAccess=all` the kiosk is a child of the session
    script, not the main process, and its beats are the ones that matter.
    """
    env = os.environ if environ is None else environ
    address = env.get("NOTIFY_SOCKET", "")
    if not address or not (address.startswith("/") or address.startswith("@")):
        return None
    interval = DEFAULT_INTERVAL_S
    usec = env.get("WATCHDOG_USEC", "")
    if usec.isdigit() and int(usec) > 0:
        interval = int(usec) / 1e6 / 2
    return Notifier(address, interval)
