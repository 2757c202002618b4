"""Progress lookup (办件查询): where an application stands, in plain words, and what to do next.

Found by receipt code (typed, or the receipt's QR code read by a scanner acting as a keyboard)
or by the applicant's ID number (read from the card). The timeline joins what the terminal
knows itself (submitted here; waiting for the network, or sent) with the province's
`application_status` item (received, accepted, needs materials, in review, approved, rejected,
completed). Status words are given as stable codes; the screens and the CLI word them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.services import receipt_codes
from kiosk.services.applications import ApplicationError, applicant_key
from kiosk.storage import applications as store
from kiosk.storage.database import Database

STATUS_WORDS_ZH = {
    "submitted": "已在本机提交", "waiting": "等待联网发送", "sent": "已发送到省平台",
    "send_problem": "发送遇到问题，代办员会处理",
    "received": "已收件", "accepted": "已受理", "needs_materials": "需要补充材料",
    "in_review": "审核中", "approved": "已批准", "rejected": "未通过", "completed": "已办结",
    "withdrawn": "已撤回",
}
NEXT_STEP_ZH = {
    "waiting": "不用再来，终端联网后会自动发送。",
    "send_problem": "请把回执交给村代办员，他会帮您处理。",
    "sent": "请等待乡镇受理，几天后再来查询。",
    "received": "请等待受理，几天后再来查询。",
    "accepted": "已受理，请等待审核结果。",
    "needs_materials": "请带上要补充的材料到村便民服务中心。",
    "in_review": "正在审核，请耐心等待。",
    "approved": "已批准，请按通知办理后续事项。",
    "rejected": "未通过。如有疑问，请问村代办员。",
    "completed": "已办结。",
    "withdrawn": "申请已撤回。",
}


@dataclass(frozen=True)
class Step:
    at: str
    status: str
    note: str = ""

    def to_json(self) -> dict[str, str]:
        return {"at": self.at, "status": self.status, "words": STATUS_WORDS_ZH.get(self.status,
                                                                                 self.status),
                "note": self.note}


@dataclass(frozen=True)
class Progress:
    application_id: str
    receipt_code: str
    service_name: str
    applicant_name_masked: str
    submitted_at: str
    status: str
    case_no: str | None
    steps: tuple[Step, ...]
    next_step: str
    pickup: str
    materials_to_bring: tuple[str, ...]

    @property
    def receipt_code_display(self) -> str:
        return receipt_codes.display(self.receipt_code)

    def to_json(self) -> dict[str, Any]:
        return {"application_id": self.application_id, "receipt_code": self.receipt_code,
                "receipt_code_display": self.receipt_code_display,
                "service": self.service_name, "applicant": self.applicant_name_masked,
                "submitted_at": self.submitted_at, "status": self.status,
                "status_words": STATUS_WORDS_ZH.get(self.status, self.status),
                "case_no": self.case_no, "timeline": [s.to_json() for s in self.steps],
                "next_step": self.next_step, "pickup": self.pickup,
                "materials_to_bring": list(self.materials_to_bring)}


class BadReceiptCode(ApplicationError):
    """A code whose check character is wrong: a typing mistake, not someone else's case."""


class ProgressService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def by_code(self, code: str) -> Progress | None:
        """The application with this receipt code, or None; `BadReceiptCode` when mistyped."""
        value = receipt_codes.normalize(code)
        if not receipt_codes.is_valid(value):
            raise BadReceiptCode(f"回执号不正确，请核对 / {code!r} is not a valid receipt code")
        row = store.by_code(self.db, value)
        return self._progress(row) if row else None

    def by_id_number(self, id_number: str) -> list[Progress]:
        """Every application of this applicant made at this terminal, newest first."""
        return [self._progress(row) for row in store.by_applicant(self.db,
                                                                  applicant_key(id_number))]

    def list(self, status: str | None = None, limit: int = 1000) -> list[Progress]:
        return [self._progress(row, found) for row, found in
                store.list_applications(self.db, status, limit)]

    def _progress(self, row: store.ApplicationRow,
                  found: store.StatusRow | None = None) -> Progress:
        from sync import outbox

        status = found or store.status_of(self.db, row.application_id)
        steps = [Step(row.submitted_at, "submitted")]
        item = (outbox.get_item(self.db.conn, row.outbox_id, with_payload=False)
                if row.outbox_id else None)
        local = "waiting"
        if item is not None and item.state == "sent":
            local = "sent"
        elif item is not None and item.state == "quarantined":
            local = "send_problem"
        if status is None:
            if local != "waiting":
                steps.append(Step(_when(item), local))
            return Progress(row.application_id, row.receipt_code, row.service_name,
                            row.applicant_name_masked, row.submitted_at, local, None,
                            tuple(steps), NEXT_STEP_ZH[local], "",
                            tuple(row.materials_to_bring))
        steps.append(Step(_when(item), "sent"))
        for entry in status.data.get("history") or []:
            if isinstance(entry, dict):
                steps.append(Step(str(entry.get("at", "")), str(entry.get("status", "")),
                                  str(entry.get("note") or "")))
        if steps[-1].status != status.status:
            steps.append(Step(status.updated_at, status.status))
        next_step = str(status.data.get("next_step") or NEXT_STEP_ZH.get(status.status, ""))
        return Progress(row.application_id, row.receipt_code, row.service_name,
                        row.applicant_name_masked, row.submitted_at, status.status,
                        status.case_no, tuple(steps), next_step,
                        str(status.data.get("pickup") or ""), tuple(row.materials_to_bring))


def _when(item: Any) -> str:
    if item is None or item.sent_at is None:
        return ""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(float(item.sent_at), UTC).isoformat(
        timespec="seconds").replace("+00:00", "Z")
