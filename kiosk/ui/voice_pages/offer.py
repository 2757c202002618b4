"""When the villager goes home after a visit, offer the rating page first (once per session).

A visit counts when something was done: a receipt shown, a lookup or progress answered, a
disclosure or ledger read, a clerk signed in to help (rated for that clerk). Only the
villager's own "home" (the footer button, a Finish button) is detoured; the idle reset goes
home directly, so a rating never waits for the next villager.
"""

from __future__ import annotations

from typing import Any

OFFERED = "_voice_rating_offered"


def _visit_subject(page: Any) -> dict[str, Any] | None:
    """What the current page's visit was about, or None when nothing was done there."""
    page_id = getattr(page, "page_id", "")
    if page_id == "staff":  # a clerk's service: rated for that clerk, who never sees by whom
        session = getattr(page, "session", None)
        if session is None or getattr(session, "role", "") != "clerk":
            return None
        return {"clerk_id": session.user_id, "about": session.name}
    if page_id == "receipt":
        submission = getattr(page, "submission", None)
        if submission is None:
            return None
        return {"receipt_code": submission.receipt_code, "about": submission.service_name}
    done = {
        "subsidy": lambda: page.faces.currentIndex() == 1,
        "progress": lambda: page.views.currentIndex() == 1,
        "disclosure-document": lambda: page._document is not None,
        "ledger": lambda: page._ledger is not None,
    }.get(page_id)
    if done is None or not done():
        return None
    return {}


def rating_detour(window: Any) -> dict[str, Any] | None:
    """The rating page's argument when going home should pass by it, else None."""
    if getattr(window, OFFERED, False):
        return None
    if not hasattr(window, OFFERED):
        window.session_wiped.connect(lambda: setattr(window, OFFERED, False))
        setattr(window, OFFERED, False)
    subject = _visit_subject(window.current_page)
    if subject is None:
        return None
    setattr(window, OFFERED, True)
    return {**subject, "next": "home"}
