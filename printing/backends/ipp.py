"""Just enough IPP to ask CUPS about a printer and a job, with no build dependency.

`lpstat` prints localised sentences and cannot tell a completed job from a cancelled one;
pycups needs libcups headers and a compiler on every terminal. Three read-only operations
(Get-Printer-Attributes, Get-Job-Attributes) over HTTP to the local cupsd, encoded by hand
(RFC 8010), give the numbers: `printer-state`, `printer-state-reasons`, `job-state`. Jobs are
still submitted and changed with `lp` and `cancel`, which handle authentication.
"""

from __future__ import annotations

import http.client
import os
import socket
import struct
from dataclasses import dataclass, field
from typing import Any

GET_JOB_ATTRIBUTES = 0x0009
GET_JOBS = 0x000A
GET_PRINTER_ATTRIBUTES = 0x000B
DEFAULT_SOCKET = "/run/cups/cups.sock"

_INTEGER_TAGS = {0x21, 0x23}  # integer, enum
_BOOLEAN_TAG = 0x22
_END_TAG = 0x03

JOB_STATES = {3: "pending", 4: "pending-held", 5: "processing", 6: "processing-stopped",
              7: "canceled", 8: "aborted", 9: "completed"}
PRINTER_STATES = {3: "idle", 4: "processing", 5: "stopped"}


class IppError(Exception):
    """cupsd could not be reached, or answered with an IPP error status."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class IppResponse:
    status: int
    groups: list[tuple[int, dict[str, list[Any]]]] = field(default_factory=list)

    def first(self, group_tag: int) -> dict[str, list[Any]]:
        for tag, attrs in self.groups:
            if tag == group_tag:
                return attrs
        return {}


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(self.timeout)
            sock.connect(self._path)
        except OSError:
            sock.close()  # no cupsd there: the connection never owned it, so close it here
            raise
        self.sock = sock


def _attr(tag: int, name: str, value: bytes) -> bytes:
    raw_name = name.encode()
    return (struct.pack(">BH", tag, len(raw_name)) + raw_name
            + struct.pack(">H", len(value)) + value)


def encode_request(operation: int, request_id: int, printer_uri: str,
                   job_id: int | None = None, requested: tuple[str, ...] = (),
                   which_jobs: str = "") -> bytes:
    body = struct.pack(">BBHI", 1, 1, operation, request_id) + b"\x01"
    body += _attr(0x47, "attributes-charset", b"utf-8")
    body += _attr(0x48, "attributes-natural-language", b"en")
    body += _attr(0x45, "printer-uri", printer_uri.encode())
    if job_id is not None:
        body += _attr(0x21, "job-id", struct.pack(">i", job_id))
    body += _attr(0x42, "requesting-user-name", os.environ.get("USER", "kiosk").encode())
    if which_jobs:
        body += _attr(0x44, "which-jobs", which_jobs.encode())
    for i, name in enumerate(requested):
        body += _attr(0x44, "requested-attributes" if i == 0 else "", name.encode())
    return body + bytes([_END_TAG])


def decode_response(data: bytes) -> IppResponse:
    if len(data) < 8:
        raise IppError("short IPP response")
    _, _, status, _ = struct.unpack(">BBHI", data[:8])
    response = IppResponse(status)
    pos = 8
    current: dict[str, list[Any]] | None = None
    last_name = ""
    while pos < len(data):
        tag = data[pos]
        pos += 1
        if tag == _END_TAG:
            break
        if tag < 0x10:  # a new attribute group
            current = {}
            response.groups.append((tag, current))
            continue
        (name_len,) = struct.unpack(">H", data[pos:pos + 2])
        name = data[pos + 2:pos + 2 + name_len].decode("utf-8", "replace")
        pos += 2 + name_len
        (value_len,) = struct.unpack(">H", data[pos:pos + 2])
        raw = data[pos + 2:pos + 2 + value_len]
        pos += 2 + value_len
        value: Any
        if tag in _INTEGER_TAGS and value_len == 4:
            value = struct.unpack(">i", raw)[0]
        elif tag == _BOOLEAN_TAG and value_len == 1:
            value = raw != b"\x00"
        else:
            value = raw.decode("utf-8", "replace")
        if name:
            last_name = name
        if current is not None:
            current.setdefault(last_name, []).append(value)
    return response


class CupsIpp:
    """Read-only questions to the local cupsd (its socket, or `$CUPS_SERVER`)."""

    def __init__(self, server: str | None = None, timeout: float = 5.0) -> None:
        self.server = server or os.environ.get("CUPS_SERVER") or (
            DEFAULT_SOCKET if os.path.exists(DEFAULT_SOCKET) else "localhost:631")
        self.timeout = timeout
        self._request_id = 0

    def _connection(self) -> http.client.HTTPConnection:
        if self.server.startswith("/"):
            return _UnixHTTPConnection(self.server, self.timeout)
        host, _, port = self.server.partition(":")
        return http.client.HTTPConnection(host, int(port or 631), timeout=self.timeout)

    def _call(self, queue: str, operation: int, job_id: int | None,
              requested: tuple[str, ...], which_jobs: str = "") -> IppResponse:
        self._request_id += 1
        uri = f"ipp://localhost/printers/{queue}"
        body = encode_request(operation, self._request_id, uri, job_id, requested, which_jobs)
        conn = self._connection()
        try:
            conn.request("POST", f"/printers/{queue}", body, {"Content-Type": "application/ipp"})
            reply = conn.getresponse()
            data = reply.read()
        except OSError as error:
            raise IppError(f"cannot reach CUPS at {self.server}: {error}") from None
        finally:
            conn.close()
        if reply.status != 200:
            raise IppError(f"CUPS answered HTTP {reply.status} for {queue}")
        response = decode_response(data)
        if response.status >= 0x0400:
            raise IppError(f"CUPS IPP status 0x{response.status:04x} for {queue}",
                           response.status)
        return response

    def printer_attributes(self, queue: str) -> dict[str, list[Any]]:
        """`printer-state`, `printer-state-reasons`, `printer-is-accepting-jobs`, message."""
        response = self._call(queue, GET_PRINTER_ATTRIBUTES, None, (
            "printer-state", "printer-state-reasons", "printer-is-accepting-jobs",
            "printer-state-message"))
        return response.first(0x04)

    def job_state(self, queue: str, job_id: int) -> tuple[str, tuple[str, ...]]:
        """(`job-state` name, `job-state-reasons`) of one job; IppError 0x0406 if unknown."""
        response = self._call(queue, GET_JOB_ATTRIBUTES, job_id,
                              ("job-state", "job-state-reasons"))
        attrs = response.first(0x02)
        state = attrs.get("job-state", [0])[0]
        return JOB_STATES.get(state, f"state-{state}"), tuple(attrs.get("job-state-reasons", []))

    def unfinished_jobs(self, queue: str) -> dict[int, str]:
        """The queue's jobs not yet completed, cancelled or aborted: id -> `job-state`."""
        response = self._call(queue, GET_JOBS, None, ("job-id", "job-state"), "not-completed")
        return {int(attrs["job-id"][0]): JOB_STATES.get(attrs.get("job-state", [0])[0], "?")
                for tag, attrs in response.groups if tag == 0x02 and "job-id" in attrs}

    def held_jobs(self, queue: str) -> list[int]:
        """Ids of the queue's jobs that are on hold (`pending-held`)."""
        return [job for job, state in self.unfinished_jobs(queue).items()
                if state == "pending-held"]
