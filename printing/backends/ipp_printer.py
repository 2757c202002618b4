"""IPP back end: a network printer (IPP Everywhere, or any CUPS queue) spoken to directly.

No `lp`, no local cupsd: the PDF goes in a Print-Job request to the printer's URI
(`ipp://host:631/ipp/print`, `ipp://localhost:631/printers/Q`). Exactly once the same way as
the CUPS back end: the job is created held (`job-hold-until=indefinite`), the printer's job id
is recorded by the queue, and only then the job is released (Release-Job). A crash before the
id was recorded leaves a held job that `orphans` finds (Get-Jobs, held, named by us) and the
queue cancels. The printer's own `printer-state-reasons` say paper out, cover open, paused.
A printer that cannot hold jobs answers Print-Job with an error and the job waits queued with
that message: nothing is sent that could print twice.
"""

from __future__ import annotations

import http.client
import os
import struct
from urllib.parse import urlsplit

from printing.backends.base import JobOutcome, PrinterStatus, interpret_cups
from printing.backends.ipp import JOB_STATES, IppError, IppResponse, decode_response
from printing.errors import PrinterUnavailable, PrintingError
from printing.rendered import PaperKind, Rendered

PRINT_JOB, CANCEL_JOB, GET_JOB_ATTRIBUTES, GET_JOBS = 0x0002, 0x0008, 0x0009, 0x000A
GET_PRINTER_ATTRIBUTES, RELEASE_JOB = 0x000B, 0x000D
NOT_FOUND = 0x0406
_OPERATION, _JOB, _END = 0x01, 0x02, 0x03
_INTEGER, _KEYWORD, _NAME, _URI, _CHARSET, _LANGUAGE, _MIME = (
    0x21, 0x44, 0x42, 0x45, 0x47, 0x48, 0x49)
TITLE_PREFIX = "kiosk-"

Attr = tuple[int, str, bytes]


def _attr(tag: int, name: str, value: bytes) -> bytes:
    raw = name.encode()
    return struct.pack(">BH", tag, len(raw)) + raw + struct.pack(">H", len(value)) + value


def encode(operation: int, request_id: int, operation_attrs: list[Attr],
           job_attrs: list[Attr] | None = None) -> bytes:
    body = struct.pack(">BBHI", 2, 0, operation, request_id) + bytes([_OPERATION])
    body += _attr(_CHARSET, "attributes-charset", b"utf-8")
    body += _attr(_LANGUAGE, "attributes-natural-language", b"en")
    body += b"".join(_attr(*a) for a in operation_attrs)
    if job_attrs:
        body += bytes([_JOB]) + b"".join(_attr(*a) for a in job_attrs)
    return body + bytes([_END])


def printer_uri(name: str) -> str:
    """A printer URI (`ipp://host[:port]/path`); a bare name is refused, since a local CUPS
    queue is printed on with `backend = cups` (and `lp`)."""
    if not name.startswith(("ipp://", "http://")):
        raise PrintingError(f"[printer] backend = ipp needs printer URIs (ipp://host:631/ipp/"
                            f"print), not {name!r}; use backend = cups for a local CUPS queue")
    return name


class IppPrinter:
    """One IPP printer URI per paper (the roll and A4 printers may be the same)."""

    name = "ipp"

    def __init__(self, receipt_uri: str, a4_uri: str, timeout: float = 10.0) -> None:
        self.uris: dict[PaperKind, str] = {"roll": printer_uri(receipt_uri),
                                           "a4": printer_uri(a4_uri)}
        self.timeout = timeout
        self._request_id = 0
        self._user = os.environ.get("USER", "kiosk").encode()

    def printer_for(self, paper: PaperKind) -> str:
        return self.uris[paper]

    def _call(self, uri: str, operation: int, attrs: list[Attr],
              job_attrs: list[Attr] | None = None, document: bytes = b"") -> IppResponse:
        self._request_id += 1
        parts = urlsplit(uri)
        body = encode(operation, self._request_id,
                      [(_URI, "printer-uri", uri.encode()), *attrs,
                       (_NAME, "requesting-user-name", self._user)], job_attrs) + document
        conn = http.client.HTTPConnection(parts.hostname or "localhost", parts.port or 631,
                                          timeout=self.timeout)
        try:
            conn.request("POST", parts.path or "/", body, {"Content-Type": "application/ipp"})
            reply = conn.getresponse()
            data = reply.read()
        except OSError as error:
            raise IppError(f"cannot reach the printer at {uri}: {error}") from None
        finally:
            conn.close()
        if reply.status != 200:
            raise IppError(f"{uri} answered HTTP {reply.status}")
        response = decode_response(data)
        if response.status >= 0x0400:
            message = response.first(_OPERATION).get("status-message", [""])[0]
            raise IppError(f"{uri}: IPP status 0x{response.status:04x} {message}".strip(),
                           response.status)
        return response

    def status(self, paper: PaperKind) -> PrinterStatus:
        uri = self.uris[paper]
        try:
            attrs = self._call(uri, GET_PRINTER_ATTRIBUTES, [(_KEYWORD, "requested-attributes",
                                                              b"printer-description")]).first(0x04)
        except IppError as error:
            return PrinterStatus(uri, False, "offline", (), "offline", str(error))
        return interpret_cups(
            uri, int(attrs.get("printer-state", [3])[0]),
            tuple(str(r) for r in attrs.get("printer-state-reasons", ["none"])),
            bool(attrs.get("printer-is-accepting-jobs", [True])[0]),
            str(attrs.get("printer-state-message", [""])[0]))

    def stage(self, document: Rendered, title: str) -> str:
        uri = self.uris[document.paper.kind]
        try:
            response = self._call(
                uri, PRINT_JOB,
                [(_NAME, "job-name", f"{TITLE_PREFIX}{title}".encode()),
                 (_MIME, "document-format", b"application/pdf")],
                [(_KEYWORD, "job-hold-until", b"indefinite"),
                 (_KEYWORD, "media", document.paper.cups_media.encode())], document.pdf)
        except IppError as error:
            raise PrinterUnavailable(f"Print-Job refused: {error}") from None
        job_id = response.first(_JOB).get("job-id", [None])[0]
        if not isinstance(job_id, int):
            raise PrinterUnavailable(f"{uri} gave no job id")
        return f"{uri}#{job_id}"

    def _job(self, ref: str) -> tuple[str, int]:
        uri, _, number = ref.rpartition("#")
        return uri, int(number)

    def _job_call(self, ref: str, operation: int) -> IppResponse:
        uri, job_id = self._job(ref)
        return self._call(uri, operation, [(_INTEGER, "job-id", struct.pack(">i", job_id))])

    def commit(self, ref: str) -> JobOutcome:
        try:
            self._job_call(ref, RELEASE_JOB)
        except IppError as error:
            raise PrinterUnavailable(f"Release-Job failed: {error}") from None
        return self.outcome(ref)

    def outcome(self, ref: str) -> JobOutcome:
        try:
            attrs = self._job_call(ref, GET_JOB_ATTRIBUTES).first(_JOB)
        except IppError as error:
            if error.status == NOT_FOUND:
                return JobOutcome("unknown", f"the printer has no record of job {ref}")
            return JobOutcome("pending", str(error))
        state = JOB_STATES.get(int(attrs.get("job-state", [0])[0]), "?")
        detail = f"{ref}: {state} [{', '.join(map(str, attrs.get('job-state-reasons', [])))}]"
        if state == "pending-held":
            return JobOutcome("staged", detail)
        if state == "completed":
            return JobOutcome("done", detail)
        if state in ("canceled", "aborted"):
            return JobOutcome("failed", detail)
        return JobOutcome("pending", detail)

    def discard(self, ref: str) -> None:
        try:
            self._job_call(ref, CANCEL_JOB)
        except IppError:
            return

    def orphans(self, known: set[str]) -> list[str]:
        found: list[str] = []
        for uri in sorted(set(self.uris.values())):
            try:
                response = self._call(uri, GET_JOBS, [
                    (_KEYWORD, "which-jobs", b"not-completed"),
                    (_KEYWORD, "requested-attributes", b"job-id"),
                    (_KEYWORD, "", b"job-state"), (_KEYWORD, "", b"job-name")])
            except IppError:
                continue
            for tag, attrs in response.groups:
                if tag != _JOB or int(attrs.get("job-state", [0])[0]) != 4:
                    continue
                ref = f"{uri}#{attrs['job-id'][0]}"
                if str(attrs.get("job-name", [""])[0]).startswith(TITLE_PREFIX) \
                        and ref not in known:
                    found.append(ref)
        return found
