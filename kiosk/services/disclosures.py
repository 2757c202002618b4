"""Three-affairs disclosure (三务公开): browse, search, read a document, read a year's ledger.

Every item is verified (Ed25519, the publishers' keys from provisioning) again before it is
shown: the pull verifies before storing, but the file on disk could still be changed. A result
of verification is bound to the exact stored bytes (their SHA-256), so the check is repeated
whenever the bytes differ and costs a hash otherwise. An item that fails is never returned, and
is recorded for the admin (`kiosk disclosures verify`, the doctor, the heartbeat).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.storage import disclosures as store
from kiosk.storage.database import Database
from kiosk.storage.disclosures import Filters

KINDS = ("party", "village", "finance")
KIND_NAMES = {"party": "党务", "village": "村务", "finance": "财务"}


def read_regular_file(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file (not a link) of at most `limit` bytes, else None."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


class DisclosureUnavailable(KioskError):
    """No such item, or it failed verification: either way it is not shown."""


@dataclass(frozen=True)
class Summary:
    id: str
    kind: str
    category: str
    title: str
    period: str
    published_at: str
    publisher: str
    has_ledger: bool
    attachments: int

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "category": self.category, "title": self.title,
                "period": self.period, "published_at": self.published_at,
                "publisher": self.publisher, "has_ledger": self.has_ledger,
                "attachments": self.attachments}


def _summary(item: Mapping[str, Any]) -> Summary:
    return Summary(str(item["id"]), str(item.get("kind", "")), str(item.get("category", "")),
                   str(item.get("title", "")), str(item.get("period", "")),
                   str(item.get("published_at", "")), str(item.get("publisher", "")),
                   bool(item.get("ledger")), len(item.get("attachments") or []))


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # the contract's blob limit


@dataclass(frozen=True)
class Attachment:
    sha256: str
    filename: str
    media_type: str
    size: int
    path: Path | None  # the downloaded file, only when its bytes hash to `sha256` right now
    content: bytes | None = field(default=None, repr=False)  # those very bytes (images)

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


@dataclass(frozen=True)
class Document:
    summary: Summary
    body: str
    tables: tuple[dict[str, Any], ...]
    ledger: tuple[dict[str, Any], ...]
    attachments: tuple[Attachment, ...]
    item: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class MonthTotals:
    month: str  # "2026-03"
    income_fen: int
    expense_fen: int
    balance_fen: int  # income minus expense since the start of the year, at the month's end

    @property
    def net_fen(self) -> int:
        return self.income_fen - self.expense_fen


@dataclass(frozen=True)
class Ledger:
    year: str
    months: tuple[MonthTotals, ...]
    lines: tuple[dict[str, Any], ...]
    sources: tuple[str, ...]  # ids of the finance items the lines come from

    @property
    def income_fen(self) -> int:
        return sum(m.income_fen for m in self.months)

    @property
    def expense_fen(self) -> int:
        return sum(m.expense_fen for m in self.months)

    @property
    def balance_fen(self) -> int:
        return self.income_fen - self.expense_fen

    def as_json(self) -> dict[str, Any]:
        return {"year": self.year, "income_fen": self.income_fen,
                "expense_fen": self.expense_fen, "balance_fen": self.balance_fen,
                "months": [{"month": m.month, "income_fen": m.income_fen,
                            "expense_fen": m.expense_fen, "balance_fen": m.balance_fen}
                           for m in self.months], "sources": list(self.sources)}


def month_totals(year: str, lines: list[dict[str, Any]]) -> tuple[MonthTotals, ...]:
    """Twelve months, each with income, expense and the running balance of the year."""
    months: list[MonthTotals] = []
    balance = 0
    for number in range(1, 13):
        key = f"{year}-{number:02d}"
        here = [line for line in lines if str(line.get("date", "")).startswith(key)]
        income = sum(int(x["amount_fen"]) for x in here if x.get("direction") == "income")
        expense = sum(int(x["amount_fen"]) for x in here if x.get("direction") == "expense")
        balance += income - expense
        months.append(MonthTotals(key, income, expense, balance))
    return tuple(months)


@dataclass(frozen=True)
class VerifyReport:
    checked: int
    failed: list[dict[str, str]]

    @property
    def ok(self) -> bool:
        return not self.failed


class DisclosureService:
    def __init__(self, db: Database,
                 public_keys: Mapping[str, bytes] | Callable[[], Mapping[str, bytes]],
                 files_dir: Path | None = None,
                 print_job: Callable[[str, dict[str, Any]], int] | None = None,
                 village_code: str = "") -> None:
        """`public_keys` may be a callable (`kiosk.secrets.LivePublisherKeys`): a running kiosk
        then follows a key rotation or an admin's confirmation without a restart. With a
        `village_code`, an item signed for another village is never shown."""
        self._db = db
        self._village = village_code
        self._key_source = public_keys if callable(public_keys) else None
        self._keys = {} if callable(public_keys) else dict(public_keys)
        self._files = files_dir
        self._print_job = print_job
        self._verified: dict[str, bytes] = {}  # id -> SHA-256 of the bytes that verified

    # --- verification -------------------------------------------------------------------
    def _current_keys(self) -> dict[str, bytes]:
        if self._key_source is not None:
            keys = dict(self._key_source())
            if keys != self._keys:  # another set: every earlier verdict is void
                self._keys = keys
                self._verified.clear()
        return self._keys

    def _problem(self, item: Mapping[str, Any]) -> str:
        from kiosk.services.signatures import verify_item  # cryptography: off the start-up path

        self._current_keys()
        if not verify_item(item, self._keys):
            return "签名验证失败 / signature does not verify"
        village = item.get("village_code")
        if village is not None and self._village and str(village) != self._village:
            return f"不是本村的公开信息 / signed for village {village}, not this one"
        return ""

    def _checked(self, item_id: str, data: str) -> dict[str, Any] | None:
        """The item if its stored bytes verify; else None, and the admin is told."""
        digest = hashlib.sha256(data.encode("utf-8")).digest()
        item: dict[str, Any] = json.loads(data)
        self._current_keys()
        if self._verified.get(item_id) == digest:
            return item
        problem = self._problem(item)
        if problem:
            self._verified.pop(item_id, None)
            store.record_rejected(self._db, item_id, problem, str(item.get("title", "")))
            return None
        self._verified[item_id] = digest
        return item

    def refresh(self) -> int:
        return store.refresh_index(self._db, self._problem)

    # --- browsing and searching -----------------------------------------------------------
    def browse(self, *, kind: str | None = None, category: str | None = None,
             period: str | None = None, search: str = "", limit: int = 100) -> list[Summary]:
        """Newest first; `search` finds every term (two characters or longer) in any order.

        A search longer than `MAX_QUERY_CHARS` raises `SearchTooLong` in words."""
        from kiosk.services.search_limits import checked_query

        checked_query(search)
        self.refresh()
        rows = store.list_items(self._db, Filters(kind, category, period, search), limit)
        return [_summary(item) for item_id, data in rows
                if (item := self._checked(item_id, data)) is not None]

    def facets(self) -> dict[str, Any]:
        """What there is to filter by: kinds, their categories and periods, with counts."""
        self.refresh()
        kinds: dict[str, dict[str, Any]] = {}
        for kind, category, period, count in store.facets(self._db):
            entry = kinds.setdefault(kind, {"count": 0, "categories": {}, "periods": []})
            entry["count"] += count
            entry["categories"][category] = entry["categories"].get(category, 0) + count
            if period not in entry["periods"]:
                entry["periods"].append(period)
        for entry in kinds.values():
            entry["periods"].sort(reverse=True)
        return kinds

    def show(self, item_id: str) -> Document:
        data = store.get_item(self._db, item_id)
        item = None if data is None else self._checked(item_id, data)
        if item is None:
            raise DisclosureUnavailable(
                f"找不到这条公开信息,或它没有通过签名验证 / disclosure {item_id} is not available"
                " (missing, or its signature does not verify)")
        attachments = tuple(self._attachment(item_id, a) for a in item.get("attachments") or [])
        return Document(_summary(item), str(item.get("body", "")),
                        tuple(item.get("tables") or []), tuple(item.get("ledger") or []),
                        attachments, item)

    def _attachment(self, item_id: str, entry: Mapping[str, Any]) -> Attachment:
        """The attachment with its bytes re-hashed now: a file changed on disk after the pull
        is not shown (and is reported), and what is shown is exactly the bytes that matched."""
        sha = str(entry.get("sha256", ""))
        media_type = str(entry.get("media_type", ""))
        content = self._verified_file(item_id, sha)
        return Attachment(sha, str(entry.get("filename", "")), media_type,
                          int(entry.get("size", 0)),
                          None if content is None else self._files / sha,  # type: ignore[operator]
                          content if content is not None and media_type.startswith("image/")
                          else None)

    def _verified_file(self, item_id: str, sha: str) -> bytes | None:
        if self._files is None or len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
            return None
        content = read_regular_file(self._files / sha, MAX_ATTACHMENT_BYTES)
        if content is None:
            return None
        if hashlib.sha256(content).hexdigest() != sha:
            store.record_rejected(self._db, item_id, f"附件内容与签名不符 / attachment {sha[:12]}… "
                                  "on disk does not match its signed hash", "")
            return None
        return content

    # --- the finance ledger ----------------------------------------------------------------
    def ledger_years(self) -> list[str]:
        return sorted({s.period[:4] for s in self.browse(kind="finance", limit=10_000)
                       if s.has_ledger}, reverse=True)

    def ledger(self, year: str) -> Ledger:
        """A year's income and expense lines from every verified finance item, month by month."""
        lines: list[dict[str, Any]] = []
        sources: list[str] = []
        self.refresh()
        for data in store.finance_items(self._db, year):
            item = self._checked(str(json.loads(data)["id"]), data)
            if item is None or not item.get("ledger"):
                continue
            sources.append(str(item["id"]))
            lines += [dict(line) for line in item["ledger"]]
        lines.sort(key=lambda line: (str(line.get("date", "")), str(line.get("voucher_no", ""))))
        return Ledger(year, month_totals(year, lines), tuple(lines), tuple(sources))

    # --- the admin's checks ----------------------------------------------------------------
    def verify_all(self) -> VerifyReport:
        """Check every stored signature now; failures are recorded, passes clear old records."""
        checked = 0
        failed: list[dict[str, str]] = []
        passed: list[str] = []
        for item_id, data in store.all_items(self._db):
            checked += 1
            item = json.loads(data)
            problem = self._problem(item)
            if problem:
                failed.append({"id": item_id, "title": str(item.get("title", "")),
                               "reason": problem})
                store.record_rejected(self._db, item_id, problem, str(item.get("title", "")))
            else:
                passed.append(item_id)
        store.clear_rejected(self._db, passed)
        return VerifyReport(checked, failed)

    def rejected(self) -> list[dict[str, str]]:
        return store.rejected(self._db)

    def data_as_of(self) -> str | None:
        return store.synced_at(self._db, "disclosures")

    # --- printing ----------------------------------------------------------------------------
    def ledger_print_data(self, ledger: Ledger, village: str = "") -> dict[str, Any]:
        direction = {"income": "收入", "expense": "支出"}
        rows = [[str(i + 1), str(x.get("date", "")), str(x.get("item", "")),
                 direction.get(str(x.get("direction")), ""), f"{int(x['amount_fen']) / 100:,.2f}",
                 str(x.get("fund_source", "")), str(x.get("handler", "")),
                 str(x.get("voucher_no", ""))] for i, x in enumerate(ledger.lines)]
        return {"title": f"{ledger.year}年村级财务收支明细", "village": village,
                "columns": ["序号", "日期", "开支项目", "收支", "金额(元)", "资金来源",
                            "经手人", "凭证号"],
                "rows": rows, "period": ledger.year, "numeric_columns": [4],
                "column_weights": [0.5, 1.1, 2.4, 0.6, 1.1, 1.3, 1.2, 1.1],
                "note": (f"收入合计 {ledger.income_fen / 100:,.2f} 元,支出合计 "
                         f"{ledger.expense_fen / 100:,.2f} 元,结余 "
                         f"{ledger.balance_fen / 100:,.2f} 元。")}

    def document_print_data(self, document: Document, village: str = "") -> dict[str, Any]:
        """A document on A4: its first table (or its ledger), with the body as the note."""
        s = document.summary
        base = {"title": s.title, "village": village, "period": s.period,
                "publisher": s.publisher, "published_at": s.published_at[:10],
                "note": document.body}
        if document.ledger:
            ledger = Ledger(s.period[:4], (), document.ledger, (s.id,))
            return {**self.ledger_print_data(ledger, village), **base}
        if document.tables:
            table = document.tables[0]
            return {**base, "columns": [str(c) for c in table.get("columns") or ["内容"]],
                    "rows": [[str(c) for c in row] for row in table.get("rows") or []]}
        return {**base, "columns": ["内容"], "rows": [[document.body]]}

    def print_ledger(self, year: str, village: str = "") -> int:
        return self._print("ledger", self.ledger_print_data(self.ledger(year), village))

    def print_document(self, item_id: str, village: str = "") -> int:
        return self._print("ledger", self.document_print_data(self.show(item_id), village))

    def _print(self, kind: str, data: dict[str, Any]) -> int:
        if self._print_job is None:
            raise KioskError("打印机未配置 / no printer is configured on this terminal")
        return self._print_job(kind, data)
