"""Choosing the reader backend once, in the composition root (app, CLI): real, fake or null."""

from __future__ import annotations

from typing import Literal

from kiosk.devices.reader import NullReaderBackend, ReaderBackend

BackendKind = Literal["pcsc", "fake", "null"]


def create_backend(kind: BackendKind = "pcsc") -> ReaderBackend:
    """`pcsc` falls back to the null backend when pyscard or libpcsclite is missing."""
    if kind == "fake":
        from kiosk.devices.fake_reader import FakeReaderBackend

        return FakeReaderBackend()
    if kind == "null":
        return NullReaderBackend()
    try:
        from kiosk.devices.pcsc_reader import PcscReaderBackend
    except ImportError:
        return NullReaderBackend()
    return PcscReaderBackend()
