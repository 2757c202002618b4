"""CUPS printer states and reasons mean what the villager is told; the IPP codec round-trips."""

from __future__ import annotations

import struct

import pytest

from printing.backends.base import interpret_cups
from printing.backends.cups import split_ref
from printing.backends.ipp import decode_response, encode_request
from printing.rendered import A4, roll


@pytest.mark.parametrize(("state", "reasons", "accepting", "problem"), [
    (3, ("none",), True, None),
    (3, ("media-low-warning",), True, None),
    (4, ("media-empty-error",), True, "media-empty"),
    (3, ("media-needed",), True, "media-empty"),
    (5, ("paused",), True, "paused"),
    (5, (), True, "paused"),
    (3, ("offline-report",), True, "offline"),
    (3, ("cups-missing-filter-warning",), True, None),
    (3, ("media-jam-error",), True, "jam"),
    (3, ("none",), False, "not-accepting"),
])
def test_state_reasons(state: int, reasons: tuple[str, ...], accepting: bool,
                       problem: str | None) -> None:
    status = interpret_cups("q", state, reasons, accepting)
    assert status.problem == problem
    assert status.ready is (problem is None)


def test_villager_hears_words_and_the_receipt_code() -> None:
    status = interpret_cups("kiosk-receipt", 5, ("media-empty-error", "paused"), True)
    assert status.villager_message("HZ-1") == (
        "打印机缺纸,请联系工作人员,您的回执号是 HZ-1。打印任务已保存,打印机恢复后会自动打印。")
    assert "out of paper" in status.admin_message()
    assert interpret_cups("q", 3, ("none",), True).villager_message("x") == ""


def test_media_keeps_the_roll_its_own_size() -> None:
    assert roll(126).cups_media == "Custom.80x126mm"
    assert A4.cups_media == "A4"


def test_split_ref() -> None:
    assert split_ref("kiosk-pdf-12") == ("kiosk-pdf", 12)
    with pytest.raises(ValueError, match="not a CUPS request id"):
        split_ref("kiosk")


def test_ipp_codec() -> None:
    request = encode_request(0x0009, 7, "ipp://localhost/printers/q", job_id=12,
                             requested=("job-state", "job-state-reasons"))
    assert request[:8] == struct.pack(">BBHI", 1, 1, 0x0009, 7)
    assert request.endswith(b"\x03")
    assert b"job-state-reasons" in request

    def attr(tag: int, name: str, value: bytes) -> bytes:
        return struct.pack(">BH", tag, len(name)) + name.encode() + struct.pack(
            ">H", len(value)) + value

    reply = (struct.pack(">BBHI", 1, 1, 0, 7) + b"\x01"
             + attr(0x47, "attributes-charset", b"utf-8") + b"\x02"
             + attr(0x23, "job-state", struct.pack(">i", 9))
             + attr(0x44, "job-state-reasons", b"job-completed-successfully")
             + attr(0x44, "", b"other") + b"\x03")
    response = decode_response(reply)
    assert response.status == 0
    job = response.first(0x02)
    assert job["job-state"] == [9]
    assert job["job-state-reasons"] == ["job-completed-successfully", "other"]
