"""The service catalog (办事指南) as the villager browses and searches it.

Categories, then items; each item in plain words: what it is for, who may apply, the materials
to bring, the time limit, the fee and the legal basis. Search works on Chinese (two-character
terms like 低保 included: SQLite's trigram FTS finds nothing for those, so the catalog, a few
hundred items at most, is searched in memory) and on pinyin, whole (`dibao`) or by initials
(`dbsq` finds 低保申请). The index is rebuilt only when the services dataset changes.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from kiosk.storage.database import Database


@dataclass(frozen=True)
class ServiceSummary:
    id: str
    category: str
    name: str
    summary: str


@dataclass(frozen=True)
class ServiceDetail:
    """Everything the guide page shows about one item, in the villager's words."""

    id: str
    category: str
    name: str
    summary: str
    eligibility: str
    materials: tuple[str, ...]
    time_limit_days: int | None
    fee_fen: int
    legal_basis: str
    form_id: str | None
    form_version: int | None
    form_title: str

    @property
    def fee_text(self) -> str:
        if self.fee_fen == 0:
            return "免费"
        return f"{self.fee_fen // 100}.{self.fee_fen % 100:02d} 元"

    @property
    def can_apply(self) -> bool:
        return self.form_id is not None


@dataclass(frozen=True)
class _Entry:
    summary: ServiceSummary
    name: str
    text: str
    pinyin: str
    initials: str
    name_initials: str


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace(" ", "")


def _pinyin(text: str) -> tuple[str, str]:
    """Whole pinyin without tones, and the initials of every syllable (ASCII kept as is)."""
    from pypinyin import Style, lazy_pinyin

    whole = "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default"))
    initials = "".join(s[:1] for s in lazy_pinyin(text, style=Style.FIRST_LETTER,
                                                  errors="default"))
    return _fold(whole), _fold(initials)


def _entry(item: dict[str, Any]) -> _Entry:
    summary = ServiceSummary(item["id"], item["category"], item["name"], item.get("summary", ""))
    name = _fold(item["name"])
    text = _fold(" ".join([item.get("category", ""), item.get("summary", ""),
                           item.get("eligibility", ""), *item.get("materials", [])]))
    whole, initials = _pinyin(item["name"] + item.get("category", ""))
    _, name_initials = _pinyin(item["name"])
    return _Entry(summary, name, text, whole, initials, name_initials)


def detail_of(item: dict[str, Any]) -> ServiceDetail:
    form = item.get("form") or {}
    title = form.get("title", {}) if isinstance(form, dict) else {}
    form_id = form.get("form_id") if isinstance(form, dict) and form.get("pages") else None
    return ServiceDetail(
        id=item["id"], category=item["category"], name=item["name"],
        summary=item.get("summary", ""), eligibility=item.get("eligibility", ""),
        materials=tuple(item.get("materials", [])),
        time_limit_days=item.get("time_limit_days"), fee_fen=int(item.get("fee_fen", 0)),
        legal_basis=item.get("legal_basis", ""), form_id=form_id,
        form_version=item.get("form_version") if form_id else None,
        form_title=str(title.get("zh", "")) if isinstance(title, dict) else "")


class CatalogService:
    def __init__(self, db: Database):
        self._db = db
        self._lock = threading.Lock()
        self._index: list[_Entry] = []
        self._fingerprint: tuple[int, str] | None = None

    def by_category(self) -> dict[str, list[ServiceSummary]]:
        from kiosk.storage.catalog import list_services

        grouped: dict[str, list[ServiceSummary]] = {}
        for item in list_services(self._db):
            grouped.setdefault(item["category"], []).append(
                ServiceSummary(item["id"], item["category"], item["name"], item.get("summary", ""))
            )
        return grouped

    def get(self, service_id: str) -> dict[str, Any] | None:
        from kiosk.storage.catalog import get_service

        return get_service(self._db, service_id)

    def detail(self, service_id: str) -> ServiceDetail | None:
        item = self.get(service_id)
        return detail_of(item) if item else None

    def listing(self) -> list[dict[str, Any]]:
        """`kiosk services list`: id, name, category, form id and version."""
        from kiosk.storage.catalog import list_services

        rows = []
        for item in list_services(self._db):
            detail = detail_of(item)
            rows.append({"id": detail.id, "name": detail.name, "category": detail.category,
                         "form_id": detail.form_id, "form_version": detail.form_version})
        return rows

    def search(self, query: str, limit: int = 30) -> list[ServiceSummary]:
        """Services matching `query`, best first: name hits, then pinyin, then other text.

        A query longer than `MAX_QUERY_CHARS` raises `SearchTooLong` (the search box stops
        there)."""
        from kiosk.services.search_limits import checked_query

        needle = _fold(checked_query(query))
        if not needle:
            return []
        scored: list[tuple[int, int, ServiceSummary]] = []
        for position, entry in enumerate(self._entries()):
            score = _score(entry, needle)
            if score:
                scored.append((-score, position, entry.summary))
        scored.sort()
        return [summary for _s, _p, summary in scored[:limit]]

    def _entries(self) -> list[_Entry]:
        from kiosk.storage.catalog import catalog_fingerprint, list_services

        fingerprint = catalog_fingerprint(self._db)
        with self._lock:
            if fingerprint != self._fingerprint:
                self._index = [_entry(item) for item in list_services(self._db)]
                self._fingerprint = fingerprint
            return self._index


def _score(entry: _Entry, needle: str) -> int:
    if needle == entry.name:
        return 100
    if entry.name.startswith(needle):
        return 90
    if needle in entry.name:
        return 80
    if needle.isascii():
        if entry.name_initials.startswith(needle):
            return 70
        if needle in entry.initials or needle in entry.pinyin:
            return 60
        return 0
    if needle in entry.text:
        return 40
    return 0
