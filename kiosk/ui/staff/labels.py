"""Display names for statuses, channels and actions (translated through Qt, context
"StaffLabels"; written as literal `translate` calls so lupdate finds them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_text(status: str) -> str:
    return {
        "received": QCoreApplication.translate("StaffLabels", "Received"),
        "accepted": QCoreApplication.translate("StaffLabels", "Accepted"),
        "needs_materials": QCoreApplication.translate("StaffLabels", "Needs materials"),
        "in_review": QCoreApplication.translate("StaffLabels", "In review"),
        "approved": QCoreApplication.translate("StaffLabels", "Approved"),
        "rejected": QCoreApplication.translate("StaffLabels", "Rejected"),
        "completed": QCoreApplication.translate("StaffLabels", "Completed"),
        "withdrawn": QCoreApplication.translate("StaffLabels", "Withdrawn"),
        "submitted": QCoreApplication.translate("StaffLabels", "Submitted"),
    }.get(status, status)


def channel_text(channel: str) -> str:
    return {"self_service": QCoreApplication.translate("StaffLabels", "Self-service"),
            "clerk_assisted": QCoreApplication.translate("StaffLabels", "Assisted (代办)"),
            }.get(channel, channel)


def action_text(action: str) -> str:
    return {"accept": QCoreApplication.translate("StaffLabels", "Accept"),
            "request_materials": QCoreApplication.translate("StaffLabels", "Request materials"),
            "reject": QCoreApplication.translate("StaffLabels", "Reject"),
            "forward": QCoreApplication.translate("StaffLabels", "Forward"),
            "complete": QCoreApplication.translate("StaffLabels", "Complete")}.get(action, action)


def outbox_text(state: str | None) -> str:
    return {None: QCoreApplication.translate("StaffLabels", "Not queued"),
            "pending": QCoreApplication.translate("StaffLabels", "Waiting to send"),
            "sending": QCoreApplication.translate("StaffLabels", "Sending"),
            "sent": QCoreApplication.translate("StaffLabels", "Sent"),
            "quarantined": QCoreApplication.translate("StaffLabels", "Refused by the province"),
            }.get(state, str(state))


def date_range_text(key: str) -> str:
    return {"today": QCoreApplication.translate("StaffLabels", "Today"),
            "7d": QCoreApplication.translate("StaffLabels", "Last 7 days"),
            "30d": QCoreApplication.translate("StaffLabels", "Last 30 days"),
            "all": QCoreApplication.translate("StaffLabels", "All dates")}.get(key, key)
