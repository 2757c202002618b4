"""A receipt code already taken picks the id's next code; the application id never changes.

The id made at draft time is the idempotency key the province deduplicates on: a resend after a
lost answer must carry the same id, so a collision of the short code (one in 10^12) may change
only the code.
"""

from __future__ import annotations

import json

import pytest

from kiosk.services import receipt_codes
from kiosk.services.applications import ApplicationService
from kiosk.storage.database import Database
from sync import outbox
from tests.applications.helpers import filled_session


def test_a_taken_code_gets_the_next_code_of_the_same_id(
        apps: ApplicationService, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    real = receipt_codes.receipt_code_for
    first = apps.start_draft("svc-dibao")
    taken = real(first.application_id)

    def everyone_gets_the_same_first_code(application_id: str, attempt: int = 0) -> str:
        return taken if attempt == 0 else real(application_id, attempt)

    monkeypatch.setattr(receipt_codes, "receipt_code_for", everyone_gets_the_same_first_code)
    one = apps.submit_draft(first.application_id, filled_session(apps, first).to_json())
    second = apps.start_draft("svc-dibao")
    two = apps.submit_draft(second.application_id, filled_session(apps, second).to_json())

    assert one.receipt_code == taken
    assert two.application_id == second.application_id  # the idempotency key is kept
    assert two.receipt_code != taken
    assert two.receipt_code == real(second.application_id, 1)
    assert receipt_codes.is_valid(two.receipt_code)
    sent = {json.loads(i.payload)["application_id"] for i in outbox.list_items(db.conn)
            if i.kind == "application"}
    assert sent == {first.application_id, second.application_id}


def test_next_codes_are_valid_distinct_and_repeatable() -> None:
    application_id = "0b6f2c1e-5d4a-4b7e-9f00-1234567890ab"
    codes = [receipt_codes.receipt_code_for(application_id, n) for n in range(6)]
    assert len(set(codes)) == 6
    assert all(receipt_codes.is_valid(code) for code in codes)
    assert codes == [receipt_codes.receipt_code_for(application_id, n) for n in range(6)]
