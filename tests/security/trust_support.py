"""Shared pieces of the transport-and-keys tests: an enrolled terminal against the emulator,
and disclosures signed by keys of the test's choosing."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.cli import main
from tests.sync.support import (
    ENROLLMENT_CODE,
    LOOKUP_KEY,
    SECRET,
    TERMINAL_ID,
    VILLAGE_CODE,
    Emulator,
    canonical,
    signed_disclosure,
    start_emulator,
    write_seed,
)


def key_pair(name: str) -> tuple[Ed25519PrivateKey, bytes]:
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(name.encode()).digest())
    return private, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def sign(document: dict[str, Any], private: Ed25519PrivateKey, key_id: str) -> dict[str, Any]:
    unsigned = {k: v for k, v in document.items() if k != "signature"}
    value = b64(private.sign(canonical(unsigned)))
    return {**unsigned, "signature": {"key_id": key_id, "alg": "ed25519", "value": value}}


def disclosure(index: int, *, private: Ed25519PrivateKey | None = None, key_id: str = "",
               **changes: Any) -> dict[str, Any]:
    """The sync tests' signed disclosure, changed and signed again (by another key if given)."""
    from tests.sync.support import KEY_ID, signer

    item = {**signed_disclosure(index), **changes}
    return sign(item, private or signer()[0], key_id or KEY_ID)


def key_list(version: int, keys: dict[str, bytes], private: Ed25519PrivateKey,
             key_id: str) -> dict[str, Any]:
    return sign({"version": version, "issued_at": "2026-12-01T00:00:00Z",
                 "keys": [{"key_id": k, "public_key": b64(v)} for k, v in keys.items()]},
                private, key_id)


def kiosk(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str,
          stdin: str | None = None) -> tuple[int, str]:
    import io
    import sys

    base = ["--data-dir", str(tmp_path / "data"), "--config", str(tmp_path / "kiosk.toml")]
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main([*base, *argv])
    finally:
        sys.stdin = saved
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def enroll(capsys: pytest.CaptureFixture[str], tmp_path: Path, emulator: Emulator,
           *extra: str, code: str = ENROLLMENT_CODE) -> tuple[int, str]:
    return kiosk(capsys, tmp_path, "enroll", emulator.url, "--terminal-id", TERMINAL_ID,
                 "--code", code, "--village-code", VILLAGE_CODE, "--json", *extra)


def new_enrollment_code(emulator: Emulator, code: str) -> None:
    """The province issues the terminal a new one-time code (a re-enrollment)."""
    emulator.control("terminals", {"terminal_id": TERMINAL_ID, "village_code": VILLAGE_CODE,
                                   "secret": SECRET.hex(), "lookup_key": LOOKUP_KEY.hex(),
                                   "enrollment_code": code})


def audit_actions(tmp_path: Path) -> list[tuple[str, str]]:
    from kiosk.storage.database import open_database

    db = open_database(tmp_path / "data" / "kiosk.sqlite3")
    try:
        return [(str(r[0]), str(r[1])) for r in db.execute(
            "SELECT action, details FROM audit_log ORDER BY seq")]
    finally:
        db.close()


def stored_disclosure(tmp_path: Path, item_id: str) -> dict[str, Any] | None:
    from kiosk.storage.database import open_database

    db = open_database(tmp_path / "data" / "kiosk.sqlite3")
    try:
        row = db.execute("SELECT data FROM disclosures WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))
    finally:
        db.close()


@pytest.fixture(name="province")
def province_fixture(tmp_path: Path) -> Iterator[Emulator]:
    """The emulator seeded like the sync tests' (import this to use `province`)."""
    running = start_emulator(tmp_path / "province", "--random-seed", "7",
                             seed=write_seed(tmp_path / "seed"))
    yield running
    running.stop()
