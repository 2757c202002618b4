"""Display names for statuses, channels and actions (translated through Qt)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffLabels", text)


def status_text(status: str) -> str:
    return {
        "received": _tr("Received"), "accepted": _tr("Accepted"),
        "needs_materials": _tr("Needs materials"), "in_review": _tr("In review"),
        "approved": _tr("Approved"), "rejected": _tr("Rejected"),
        "completed": _tr("Completed"), "withdrawn": _tr("Withdrawn"),
        "submitted": _tr("Submitted"),
    }.get(status, status)


def channel_text(channel: str) -> str:
    return {"self_service": _tr("Self-service"),
            "clerk_assisted": _tr("Assisted (代办)")}.get(channel, channel)


def action_text(action: str) -> str:
    return {"accept": _tr("Accept"), "request_materials": _tr("Request materials"),
            "reject": _tr("Reject"), "forward": _tr("Forward"),
            "complete": _tr("Complete")}.get(action, action)


def outbox_text(state: str | None) -> str:
    return {None: _tr("Not queued"), "pending": _tr("Waiting to send"),
            "sending": _tr("Sending"), "sent": _tr("Sent"),
            "quarantined": _tr("Refused by the province")}.get(state, str(state))


def date_range_text(key: str) -> str:
    return {"today": _tr("Today"), "7d": _tr("Last 7 days"), "30d": _tr("Last 30 days"),
            "all": _tr("All dates")}.get(key, key)
