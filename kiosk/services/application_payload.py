"""The bytes of one application as the province receives it (contract section 6).

Built once, inside the submitting transaction, and frozen: the outbox sends exactly these bytes
and the audit log records their SHA-256. The `application_id` in them is the one made when the
draft started, the idempotency key a resend must repeat.
"""

from __future__ import annotations

from forms import FrozenAnswers, canonical_json
from kiosk.config import Settings


def application_payload(application_id: str, frozen: FrozenAnswers, settings: Settings,
                        submitted_at: str, clerk_id: str | None) -> bytes:
    return canonical_json({
        "application_id": application_id,
        "form_id": frozen.form_id, "form_version": frozen.form_version,
        "form_sha256": frozen.form_sha256,
        "terminal_id": str(settings.get("terminal", "id")),
        "village_code": str(settings.get("terminal", "village_code")),
        "submitted_at": submitted_at,
        "channel": "clerk_assisted" if clerk_id else "self_service",
        "clerk_id": clerk_id,
        "applicant": frozen.applicant, "answers": frozen.answers,
        "attachments": frozen.attachments, "supersedes": None,
    })
