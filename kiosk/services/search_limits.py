"""How long a search may be: 40 characters in every search box and every search service.

A villager's search is a word or two (低保, 路灯, dbsq). Without a bound a pasted or stuck-key
query of thousands of characters became thousands of SQL terms (SQLite: "too many terms in
compound SELECT") and slowed every keystroke (docs/security.md, finding 8). The UI boxes stop at
`MAX_QUERY_CHARS`; the services refuse longer text in words (`SearchTooLong`), and the
storage layer bounds its query on its own as well.
"""

from __future__ import annotations

from kiosk.errors import KioskError

MAX_QUERY_CHARS = 40


class SearchTooLong(KioskError):
    """A search longer than `MAX_QUERY_CHARS`: refused, nothing is searched."""

    exit_code = 2

    def __init__(self, length: int) -> None:
        super().__init__(f"搜索词太长：最多 {MAX_QUERY_CHARS} 个字（现在 {length} 个）/ the "
                         f"search is {length} characters long; at most {MAX_QUERY_CHARS} "
                         "are searched")


def checked_query(text: str) -> str:
    """`text` when it is short enough; `SearchTooLong` otherwise."""
    if len(text) > MAX_QUERY_CHARS:
        raise SearchTooLong(len(text))
    return text
