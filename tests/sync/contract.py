"""What the terminal relies on from any province server, as a suite any implementation runs.

The terminal is checked against independent implementations of the contract
(contracts/province-api.md, copied in the project's docs): this suite holds the contract's
promises that `ProvinceClient`, push and pull depend on, written once. A subclass provides the
`province` fixture (a running server seeded with `tests.sync.support.write_seed`, and the
terminal it knows); `tests/sync/test_province_contract.py` runs it against the project's
emulator. A real staging platform, or another emulator, subclasses it the same way.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from sync.client import ProvinceClient
from sync.signing import Clock, parse_rfc3339, signed_headers
from tests.sync.support import SECRET, TERMINAL_ID, application


@dataclass(frozen=True)
class ProvinceRig:
    url: str
    terminal_id: str
    secret: bytes
    subsidies: int  # items seeded into the subsidies dataset

    def client(self, *, terminal_id: str | None = None, secret: bytes | None = None,
               clock: Clock | None = None) -> ProvinceClient:
        return ProvinceClient(self.url, terminal_id or self.terminal_id, secret or self.secret,
                              clock=clock, timeout_s=10)


class ProvinceContract:
    """Subclasses give `province`; every test here must pass on every implementation."""

    @pytest.fixture
    def province(self) -> Iterator[ProvinceRig]:
        raise NotImplementedError  # pragma: no cover - each implementation provides it

    @pytest.fixture
    def client(self, province: ProvinceRig) -> Iterator[ProvinceClient]:
        with province.client() as client:
            yield client

    # -- 1. authentication ------------------------------------------------------------------

    def test_a_signed_request_is_answered_with_a_date(self, client: ProvinceClient) -> None:
        answer = client.request("GET", "/v1/datasets/services/changes?since=0&limit=1")
        assert answer.ok, answer.reason
        assert "date" in {name.lower() for name in answer.headers}

    def test_a_wrong_secret_is_refused_as_bad_signature(self, province: ProvinceRig) -> None:
        with province.client(secret=bytes(32)) as client:
            answer = client.request("GET", "/v1/datasets/services/changes?since=0&limit=1")
        assert answer.status == 401
        assert answer.error == "bad_signature"
        assert not answer.ok

    def test_an_unknown_terminal_is_refused(self, province: ProvinceRig) -> None:
        with province.client(terminal_id="T-330110-9999") as client:
            answer = client.request("GET", "/v1/datasets/services/changes?since=0&limit=1")
        assert answer.status == 401
        assert answer.error == "unknown_terminal"

    def test_a_clock_hours_wrong_is_corrected_from_server_time(self,
                                                              province: ProvinceRig) -> None:
        skewed = Clock(local=lambda: time.time() + 5 * 3600)
        with province.client(clock=skewed) as client:
            answer = client.request("GET", "/v1/datasets/services/changes?since=0&limit=1")
        assert answer.ok, answer.reason  # 401 clock_skew, then at once again with a new nonce
        assert abs(skewed.offset_s + 5 * 3600) < 60

    def test_a_replayed_nonce_is_refused(self, province: ProvinceRig) -> None:
        path = "/v1/datasets/services/changes?since=0&limit=1"
        target = urlsplit(province.url).path.rstrip("/") + path
        headers = signed_headers(key=province.secret, terminal_id=province.terminal_id,
                                 method="GET", path_and_query=target, body=b"",
                                 timestamp=int(time.time()))
        first = requests.get(province.url + path, headers=headers, timeout=10)
        again = requests.get(province.url + path, headers=headers, timeout=10)
        assert first.status_code == 200
        assert again.status_code == 401
        assert again.json()["error"] == "replayed_nonce"

    def test_a_stale_timestamp_is_clock_skew_with_the_server_time(
            self, province: ProvinceRig) -> None:
        path = "/v1/datasets/services/changes?since=0&limit=1"
        target = urlsplit(province.url).path.rstrip("/") + path
        headers = signed_headers(key=province.secret, terminal_id=province.terminal_id,
                                 method="GET", path_and_query=target, body=b"",
                                 timestamp=int(time.time()) - 3600)
        answer = requests.get(province.url + path, headers=headers, timeout=10)
        assert answer.status_code == 401
        body = answer.json()
        assert body["error"] == "clock_skew"
        assert abs(parse_rfc3339(body["server_time"]) - time.time()) < 60

    # -- 5. audit events -------------------------------------------------------------------

    def test_audit_events_are_acknowledged_and_a_resend_is_harmless(
            self, client: ProvinceClient, province: ProvinceRig) -> None:
        events: list[dict[str, Any]] = [
            {"seq": n, "at": "2026-11-30T10:00:00Z", "actor": "villager",
             "action": "application_submitted", "subject": f"a-{n}", "details": {},
             "prev_hash": f"{n - 1:064x}", "hash": f"{n:064x}"} for n in (1, 2)]
        path = f"/v1/terminals/{province.terminal_id}/events"
        body = json.dumps({"events": events}).encode()
        for _ in range(2):  # the second time changes nothing
            answer = client.request("POST", path, body=body)
            assert answer.status == 200, answer.reason
            assert answer.json()["acknowledged_through"] == 2
        forged = dict(events[1], hash="f" * 64)
        mismatch = client.request("POST", path, body=json.dumps({"events": [forged]}).encode())
        assert mismatch.status == 409
        assert mismatch.error == "chain_mismatch"
        assert mismatch.json()["seq"] == 2

    # -- 7. pull --------------------------------------------------------------------------------

    def test_paging_from_zero_yields_every_live_item_once(self, client: ProvinceClient,
                                                          province: ProvinceRig) -> None:
        cursor, keys, pages, total = "0", [], 0, None
        while True:
            answer = client.request("GET", f"/v1/datasets/subsidies/changes?since={cursor}"
                                           "&limit=7")
            assert answer.ok, answer.reason
            page = answer.json()
            assert page["dataset"] == "subsidies"
            assert len(page["items"]) <= 7
            for item in page["items"]:
                assert item["op"] in ("upsert", "delete")
                assert (item["data"] is None) == (item["op"] == "delete")
            keys += [item["key"] for item in page["items"] if item["op"] == "upsert"]
            cursor, total, pages = str(page["next_cursor"]), page["total"], pages + 1
            if not page["has_more"]:
                break
            assert pages < 100
        assert len(keys) == len(set(keys)) == total == province.subsidies
        again = client.request("GET", f"/v1/datasets/subsidies/changes?since={cursor}&limit=7")
        assert again.ok
        assert again.json()["items"] == []  # caught up: nothing new after the last cursor

    def test_a_limit_over_1000_is_answered_with_at_most_1000(self,
                                                             client: ProvinceClient) -> None:
        answer = client.request("GET", "/v1/datasets/subsidies/changes?since=0&limit=5000")
        if answer.ok:  # the server may send fewer, or refuse the limit; never more than 1000
            assert len(answer.json()["items"]) <= 1000
        else:
            assert answer.status == 400

    def test_subsidy_items_hold_holder_keys_never_plain_numbers(
            self, client: ProvinceClient) -> None:
        page = client.request("GET", "/v1/datasets/subsidies/changes?since=0&limit=50").json()
        for item in page["items"]:
            data = item["data"]
            assert all(len(key) == 64 and int(key, 16) >= 0 for key in data["holder_keys"])
            assert isinstance(data["amount_fen"], int)
            assert "id_number" not in data

    # -- 3. applications and blobs -----------------------------------------------------------

    def test_an_application_is_stored_once_and_a_replay_gets_the_same_answer(
            self, client: ProvinceClient) -> None:
        app_id, body = application(1)
        path = f"/v1/applications/{app_id}"
        headers = {"Idempotency-Key": app_id, "Content-Type": "application/json"}
        first = client.request("PUT", path, body=body, headers=headers)
        assert first.status == 201, first.reason
        stored = first.json()
        assert stored["application_id"] == app_id
        assert stored["status"] == "received"
        assert stored["case_no"]
        replay = client.request("PUT", path, body=body, headers=headers)
        assert replay.status == 200
        assert replay.json() == stored

    def test_the_same_id_with_another_body_is_a_conflict(self, client: ProvinceClient) -> None:
        app_id, body = application(2)
        other_id, other = application(3, application_id=app_id, income=2000)
        assert other_id == app_id
        headers = {"Idempotency-Key": app_id, "Content-Type": "application/json"}
        assert client.request("PUT", f"/v1/applications/{app_id}", body=body,
                              headers=headers).status == 201
        conflict = client.request("PUT", f"/v1/applications/{app_id}", body=other,
                                  headers=headers)
        assert conflict.status == 409
        assert conflict.error == "conflict"

    def test_a_missing_attachment_is_named_then_accepted_once_uploaded(
            self, client: ProvinceClient) -> None:
        data = b"\xff\xd8\xff" + uuid.uuid4().bytes * 100
        sha = hashlib.sha256(data).hexdigest()
        app_id, body = application(4, attachments=[{"sha256": sha, "filename": "a.jpg",
                                                    "media_type": "image/jpeg",
                                                    "size": len(data)}])
        headers = {"Idempotency-Key": app_id, "Content-Type": "application/json"}
        missing = client.request("PUT", f"/v1/applications/{app_id}", body=body,
                                 headers=headers)
        assert missing.status == 412
        assert missing.error == "missing_blobs"
        assert missing.json()["missing"] == [sha]
        assert client.request("HEAD", f"/v1/blobs/{sha}").status == 404
        uploaded = client.request("PUT", f"/v1/blobs/{sha}", body=data,
                                  headers={"Content-Type": "image/jpeg"})
        assert uploaded.status == 201
        assert client.request("PUT", f"/v1/blobs/{sha}", body=data,
                              headers={"Content-Type": "image/jpeg"}).status == 200
        assert client.request("HEAD", f"/v1/blobs/{sha}").status == 200
        assert client.request("PUT", f"/v1/applications/{app_id}", body=body,
                              headers=headers).status == 201

    def test_a_blob_whose_bytes_do_not_match_its_name_is_refused(
            self, client: ProvinceClient) -> None:
        answer = client.request("PUT", f"/v1/blobs/{'0' * 64}", body=b"not those bytes",
                                headers={"Content-Type": "image/jpeg"})
        assert answer.status == 400
        assert answer.error == "hash_mismatch"

    # -- 4. clerk actions --------------------------------------------------------------------

    def test_clerk_actions_are_stored_once_and_refused_after_a_final_status(
            self, client: ProvinceClient) -> None:
        app_id, body = application(5)
        headers = {"Idempotency-Key": app_id, "Content-Type": "application/json"}
        assert client.request("PUT", f"/v1/applications/{app_id}", body=body,
                              headers=headers).status == 201

        def act(action: str) -> tuple[str, bytes]:
            action_id = str(uuid.uuid4())
            return action_id, json.dumps({"action_id": action_id, "action": action,
                                          "note": "材料齐全", "clerk_id": "c-01",
                                          "at": "2026-11-30T10:05:00Z"}).encode()

        accept_id, accept = act("accept")
        path = f"/v1/applications/{app_id}/actions/{accept_id}"
        stored = client.request("PUT", path, body=accept)
        assert stored.status == 201, stored.reason
        assert client.request("PUT", path, body=accept).status == 200  # a replay
        reject_id, reject = act("reject")
        assert client.request("PUT", f"/v1/applications/{app_id}/actions/{reject_id}",
                              body=reject).status == 201
        late_id, late = act("complete")
        refused = client.request("PUT", f"/v1/applications/{app_id}/actions/{late_id}",
                                 body=late)
        assert refused.status == 409
        assert refused.error == "invalid_transition"
        assert refused.json()["status"] == "rejected"

    # -- 6. heartbeat ------------------------------------------------------------------------

    def test_a_heartbeat_is_answered_with_server_time_and_commands(
            self, client: ProvinceClient, province: ProvinceRig) -> None:
        body = json.dumps({
            "app_version": "contract", "outbox_pending": 0, "oldest_pending_age_s": 0,
            "quarantined": 0, "datasets": {}, "printer": {"state": "ready", "reasons": []},
            "card_reader": {"state": "absent"}, "disk_free_mb": 1000, "uptime_s": 1,
        }).encode()
        answer = client.request("POST", f"/v1/terminals/{province.terminal_id}/heartbeat",
                                body=body, headers={"Content-Type": "application/json"})
        assert answer.status == 200, answer.reason
        reply = answer.json()
        assert reply["server_time"].endswith("Z")
        assert isinstance(reply["commands"], list)


__all__ = ["SECRET", "TERMINAL_ID", "ProvinceContract", "ProvinceRig"]
