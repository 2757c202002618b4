"""The privacy notice step: what is collected, why, who receives it, how long it stays here,
whom to ask; one large 同意 button, and the clerk for a villager who declines.

The notice is the page's instruction text, so the 长辈版 voice reads it aloud like every page's
instructions. Agreeing records `privacy_consent` (frozen into `answers.privacy` with the
notice's version, forms.shared_pages); declining deletes the draft at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from forms.shared_pages import NOTICE_VERSION, PRIVACY_PAGE_ID


def is_notice(page_id: str) -> bool:
    return page_id == PRIVACY_PAGE_ID


def notice_title() -> str:
    return QCoreApplication.translate("PrivacyNotice",
                                      "Before you start: your personal information")


def notice_text(keep_days: int) -> str:
    """Five short sentences in plain words (notice version `NOTICE_VERSION`)."""
    lines = (
        QCoreApplication.translate(
            "PrivacyNotice",
            "What we collect: the answers you give and the papers you photograph here."),
        QCoreApplication.translate("PrivacyNotice", "Why: only to handle this application."),
        QCoreApplication.translate(
            "PrivacyNotice", "Who receives it: the government office in charge, through the "
            "provincial service platform."),
        QCoreApplication.translate(
            "PrivacyNotice", "How long it stays on this machine: until the office has "
            "received it and finished your case, then {days} more days; then it is deleted."
        ).replace("{days}", str(keep_days)),
        QCoreApplication.translate(
            "PrivacyNotice", "Questions: ask the village clerk at the service desk."),
    )
    return "\n".join(lines)


def agree_label() -> str:
    return QCoreApplication.translate("PrivacyNotice", "Agree")


def decline_label() -> str:
    return QCoreApplication.translate("PrivacyNotice", "I do not agree")


def declined_title() -> str:
    return QCoreApplication.translate("PrivacyNotice", "The clerk can do it for you")


def declined_text() -> str:
    return QCoreApplication.translate(
        "PrivacyNotice", "That is fine. Nothing you entered was kept on this machine. Please "
        "go to the service desk: the village clerk will help you apply on paper.")


def home_label() -> str:
    return QCoreApplication.translate("PrivacyNotice", "Back to the home page")


__all__ = ["NOTICE_VERSION", "agree_label", "decline_label", "declined_text",
           "declined_title", "home_label", "is_notice", "notice_text", "notice_title"]
