"""What the emulator checks in request bodies before it acts: the contract's own rules for an
application (section 3), so a terminal that breaks them gets the `422` a real province sends."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from sync.emulator.replies import error

APPLICATION_FIELDS = ("application_id", "form_id", "form_version", "form_sha256", "terminal_id",
                      "village_code", "submitted_at", "channel", "clerk_id", "applicant",
                      "answers", "attachments", "supersedes")


def parse_object(body: bytes) -> dict[str, Any]:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise error(400, "invalid_json", "the body is not UTF-8 JSON") from None
    if not isinstance(document, dict):
        raise error(400, "invalid_json", "the body must be a JSON object")
    return document


def application_problems(document: dict[str, Any], application_id: str,
                          terminal: sqlite3.Row) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name in APPLICATION_FIELDS:
        if name not in document:
            problems[name] = "required"
    if document.get("application_id") != application_id:
        problems["application_id"] = "must equal the id in the path"
    if document.get("terminal_id") != terminal["terminal_id"]:
        problems["terminal_id"] = "must be the sending terminal"
    channel = document.get("channel")
    if channel not in ("self_service", "clerk_assisted"):
        problems["channel"] = "self_service or clerk_assisted"
    elif channel == "clerk_assisted" and not document.get("clerk_id"):
        problems["clerk_id"] = "required for clerk_assisted"
    attachments = document.get("attachments")
    if not isinstance(attachments, list) or not all(
            isinstance(a, dict) and re.fullmatch(r"[0-9a-f]{64}", str(a.get("sha256", "")))
            for a in attachments):
        problems["attachments"] = "a list of {sha256, filename, media_type, size}"
    answers = document.get("answers")
    if not isinstance(answers, dict):
        problems["answers"] = "an object"
    elif isinstance(answers.get("income"), (int, float)) and answers["income"] < 0:
        problems["answers.income"] = "must not be negative"
    return problems
