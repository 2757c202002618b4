"""Helpers for the sync tests: a seed in the `kiosk demo --export` format, a running emulator
subprocess, applications and terminals."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

TERMINAL_ID = "T-330110-0001"
VILLAGE_CODE = "330110001001"
ENROLLMENT_CODE = "ENROL-1234-5678"
SECRET = bytes(range(32))
LOOKUP_KEY = bytes(range(32, 64))
KEY_ID = "township-2026"
REPO = Path(__file__).resolve().parents[2]


def canonical(item: dict[str, Any]) -> bytes:
    unsigned = {k: v for k, v in item.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def signer() -> tuple[Ed25519PrivateKey, bytes]:
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"publisher").digest())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private, public


def signed_disclosure(index: int, attachments: list[dict[str, Any]] | None = None
                      ) -> dict[str, Any]:
    private, _ = signer()
    item = {
        "id": f"d-{index:04d}", "kind": "finance", "category": "各项支出",
        "title": f"2026年10月村级财务收支公开 {index}", "period": "2026-10",
        "published_at": "2026-11-01T08:00:00Z", "publisher": "某某镇", "body": "收支明细如下。",
        "tables": [], "ledger": [{"date": "2026-10-03", "item": "道路维修", "direction": "expense",
                                  "amount_fen": 1250000, "fund_source": "村集体",
                                  "handler": "王某", "voucher_no": f"V{index}"}],
        "attachments": attachments or [],
    }
    value = base64.b64encode(private.sign(canonical(item))).decode()
    return {**item, "signature": {"key_id": KEY_ID, "alg": "ed25519", "value": value}}


def subsidy(index: int) -> dict[str, Any]:
    return {"payment_id": f"p-{index:07d}", "holder_keys": [f"{index:064x}"],
            "holder_name_masked": "张*", "item_code": "GDLB", "item_name": "耕地地力保护补贴",
            "department": "县农业农村局", "level": "county", "period": "202610",
            "standard": "120元/亩", "amount_fen": 12000 + index, "paid_on": "2026-10-20",
            "bank_card_tail": "5341", "status": "paid", "note": ""}


def service(index: int) -> dict[str, Any]:
    return {"id": f"s-{index:03d}", "category": "社会救助", "name": f"事项{index}",
            "summary": "…", "materials": ["身份证"], "time_limit_days": 20, "fee_fen": 0,
            "legal_basis": "…", "form": {"fields": []}, "form_version": 1,
            "form_sha256": "0" * 64}


def write_seed(folder: Path, *, services: int = 3, disclosures: int = 4, subsidies: int = 20
               ) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    private, public = signer()
    seed_bytes = private.private_bytes_raw()
    provisioning = {
        "terminal_id": TERMINAL_ID, "village_code": VILLAGE_CODE,
        "enrollment_code": ENROLLMENT_CODE, "terminal_secret": SECRET.hex(),
        "lookup_key": LOOKUP_KEY.hex(),
        "publisher_keys": [{"key_id": KEY_ID, "public_key": base64.b64encode(public).decode()}],
        "publisher_private_keys": {KEY_ID: base64.b64encode(seed_bytes).decode()},
        "village": {"code": VILLAGE_CODE, "name": "某某村", "township": "某某镇",
                    "county": "西湖区"},
    }
    (folder / "provisioning.json").write_text(json.dumps(provisioning, ensure_ascii=False))
    for name, maker, count in (("services", service, services),
                               ("disclosures", signed_disclosure, disclosures),
                               ("subsidies", subsidy, subsidies)):
        lines = [json.dumps(maker(i), ensure_ascii=False) for i in range(count)]
        (folder / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@dataclass
class Emulator:
    url: str
    data: Path
    process: subprocess.Popen[bytes]

    @property
    def database(self) -> Path:
        return self.data / "province.sqlite3"

    def control(self, path: str, document: Any = None, method: str = "POST") -> Any:
        response = requests.request(method, f"{self.url}/_emulator/{path}",
                                    data=json.dumps(document or {}).encode(), timeout=30)
        response.raise_for_status()
        return response.json()

    def faults(self, **values: Any) -> Any:
        return self.control("faults", values)

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.database)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_emulator(data: Path, *args: str, seed: Path | None = None) -> Emulator:
    data.mkdir(parents=True, exist_ok=True)
    port_file = data / "port"
    if port_file.exists():
        port_file.unlink()
    command = [sys.executable, "-m", "sync.emulator", "--host", "127.0.0.1", "--port", "0",
               "--data", str(data), "--port-file", str(port_file), *args]
    if seed is not None:
        command += ["--seed", str(seed)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 20
    while not port_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the emulator did not start")
        time.sleep(0.05)
    return Emulator(f"http://127.0.0.1:{port_file.read_text()}", data, process)


def application(index: int, *, attachments: list[dict[str, Any]] | None = None,
                application_id: str | None = None, income: int = 1000) -> tuple[str, bytes]:
    """An application body as the terminal freezes it (exact bytes)."""
    app_id = application_id or str(uuid.uuid4())
    body = {
        "application_id": app_id, "form_id": "dibao-apply", "form_version": 3,
        "form_sha256": "a" * 64, "terminal_id": TERMINAL_ID, "village_code": VILLAGE_CODE,
        "submitted_at": "2026-11-30T10:00:00Z", "channel": "self_service", "clerk_id": None,
        "applicant": {"name": "张三", "id_number": "330106199001011234", "phone": "13800000000"},
        "answers": {"income": income, "members": index % 5 + 1, "note": f"第{index}份"},
        "attachments": attachments or [], "supersedes": None,
    }
    return app_id, json.dumps(body, ensure_ascii=False).encode("utf-8")
