"""The card readers' health for `kiosk doctor`: pcscd up, the configured reader attached;
the ID card reader (when configured) opens and answers "find card"."""

from __future__ import annotations

from typing import Literal

from kiosk.devices.backends import create_backend
from kiosk.devices.errors import NoReaderError
from kiosk.devices.reader import NullReaderBackend

Status = Literal["ok", "warn", "fail"]


def card_reader_results(configured: str) -> list[tuple[str, Status, str]]:
    backend = create_backend("pcsc")
    if isinstance(backend, NullReaderBackend):
        return [("card_reader", "fail", "pyscard/libpcsclite missing (scripts/setup.sh)")]
    try:
        snapshot = backend.wait_for_change(None, 0)
    except NoReaderError as error:
        return [("card_reader", "fail", f"{error} (start pcscd: scripts/services.sh)")]
    finally:
        backend.close()
    if not snapshot:
        return [("card_reader", "fail", "pcscd runs but no reader is attached")]
    if configured and configured not in snapshot:
        return [("card_reader", "fail",
                 f"configured reader {configured!r} not found; readers: {', '.join(snapshot)}")]
    shown = configured or next(iter(snapshot))
    present = "card present" if snapshot[shown] else "no card"
    others = f" (+{len(snapshot) - 1} more)" if len(snapshot) > 1 and not configured else ""
    return [("card_reader", "ok", f"{shown}: {present}{others}")]


def id_reader_results(device: str, baud: int) -> list[tuple[str, Status, str]]:
    from kiosk.devices.errors import CardError
    from kiosk.devices.idcard.reader import IdCardReader, ReaderBusyError

    if not device:
        return [("id_reader", "ok", "none configured ([id_reader] device is empty)")]
    reader = IdCardReader(device, baud, answer_timeout=1.0)
    try:
        present = reader.find()
    except ReaderBusyError as error:
        return [("id_reader", "warn", str(error))]
    except CardError as error:
        return [("id_reader", "fail", str(error))]
    finally:
        reader.close()
    return [("id_reader", "ok", f"{device} at {baud} baud answers: "
             f"{'card on the reader' if present else 'no card'}")]
