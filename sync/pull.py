"""Pull of the province's datasets (contract section 7): cursors, pages, tombstones, rebuilds.

Each page and the cursor after it are applied in one local transaction by the `DatasetSink`
(the kiosk's `DatasetStore`), so a crash never leaves a cursor ahead of its rows. When the last
page's `total` disagrees with the terminal's count, or the server answers `410 cursor_expired`,
the dataset is rebuilt from `0` into shadow tables that are swapped in at once: lookups keep
answering from the old copy until then. Disclosures whose Ed25519 signature does not verify are
never applied (an older copy is removed too) and are reported; so are disclosures signed for
another village (`village_code`, when the item carries one) and older signed versions of an item
than the newest already accepted (`published_at`, see `sync.versions`: a rollback keeps the
newer copy).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import quote

from sync.client import Answer, ProvinceClient
from sync.outbox import immediate
from sync.signing import rfc3339, sha256_hex
from sync.verify import verify_disclosure
from sync.versions import instant, newest, remember

DATASETS = ("services", "disclosures", "subsidies", "application_status", "feedback_replies",
            "subsidy_policies")
ROLLBACK = "an older published_at than the version already accepted (rollback refused)"
Cancel = Callable[[], bool]
PullStage = Literal["page_did_fetch", "page_did_apply"]
PullHook = Callable[[PullStage, str, Mapping[str, Any]], None]


class CursorState(Protocol):
    @property
    def cursor(self) -> str: ...


class DatasetSink(Protocol):
    """Where pulled pages go; `kiosk.storage.datasets.DatasetStore` is the real one."""

    def state(self, dataset: str) -> CursorState: ...

    def apply_page(self, dataset: str, changes: Iterable[Mapping[str, Any]], *,
                   next_cursor: str, total: int | None, synced_at: str,
                   shadow: bool = False) -> None: ...

    def count(self, dataset: str, *, shadow: bool = False) -> int: ...

    def rebuild_cursor(self, dataset: str) -> str | None: ...

    def begin_rebuild(self, dataset: str) -> None: ...

    def finish_rebuild(self, dataset: str) -> None: ...


@dataclass
class DatasetOutcome:
    dataset: str
    pages: int = 0
    upserts: int = 0
    deletes: int = 0
    cursor: str = "0"
    rebuilt: bool = False
    rebuild_reason: str = ""
    rejected: list[str] = field(default_factory=list)
    files_fetched: int = 0
    count: int | None = None
    total: int | None = None
    error: str = ""
    complete: bool = False

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PullReport:
    datasets: list[DatasetOutcome] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return all(d.complete and not d.error for d in self.datasets)

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "cancelled": self.cancelled,
                "datasets": [d.as_json() for d in self.datasets]}


class _Cancelled(Exception):
    pass


@dataclass
class _Run:
    """Where one dataset's pull stands between its steps."""

    cursor: str
    shadow: bool
    rebuilds: int = 0
    ahead: Future[tuple[Answer, Any]] | None = None  # the next page, fetched meanwhile


@dataclass(frozen=True)
class _Page:
    raw: Mapping[str, Any]
    items: list[Any]
    next_cursor: str
    has_more: bool
    total: int | None


def _read_page(decoded: Any) -> _Page | str:
    """A page's fields, or what is wrong with it (the error reported for the dataset)."""
    try:
        if isinstance(decoded, ValueError):
            raise decoded
        return _Page(decoded, list(decoded["items"]), str(decoded["next_cursor"]),
                     bool(decoded["has_more"]),
                     int(decoded["total"]) if decoded.get("total") is not None else None)
    except (ValueError, KeyError, TypeError, AttributeError) as problem:
        return f"malformed page: {problem}"


@dataclass
class Puller:
    client: ProvinceClient
    sink: DatasetSink
    conn: sqlite3.Connection                 # for the sync tables (rejected items)
    publisher_keys: Mapping[str, bytes] = field(default_factory=dict)
    files_dir: Path | None = None
    limit: int = 1000
    cancel: Cancel | None = None
    on_stage: PullHook | None = None
    max_rebuilds: int = 1
    village_code: str = ""                   # disclosures signed for another village: refused

    def pull(self, datasets: Sequence[str] = DATASETS) -> PullReport:
        report = PullReport()
        for name in datasets:
            outcome = DatasetOutcome(name)
            report.datasets.append(outcome)
            try:
                self._dataset(outcome)
            except _Cancelled:
                report.cancelled = True
                break
        return report

    def _dataset(self, out: DatasetOutcome) -> None:
        name = out.dataset
        rebuild_cursor = self.sink.rebuild_cursor(name)
        shadow = rebuild_cursor is not None
        cursor = rebuild_cursor if rebuild_cursor is not None else self.sink.state(name).cursor
        if shadow:
            out.rebuilt, out.rebuild_reason = True, "resumed"
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-prefetch") as pool:
            self._loop(out, cursor, shadow, pool)

    def _fetch(self, name: str, cursor: str) -> tuple[Answer, Any]:
        """The answer and, when it is a page, its decoded JSON (or the ValueError decoding it
        raised): decoding in the prefetch thread overlaps it with writing the previous page."""
        answer = self.client.request(
            "GET", f"/v1/datasets/{name}/changes?since={quote(cursor, safe='')}"
                   f"&limit={self.limit}")
        if not answer.ok:
            return answer, None
        try:
            return answer, answer.json()
        except ValueError as problem:
            return answer, problem

    def _loop(self, out: DatasetOutcome, cursor: str, shadow: bool,
              pool: ThreadPoolExecutor) -> None:
        """Pages in order; the next page is fetched while this one is written (one request in
        flight at a time), so the network and SQLite overlap. Each turn is one named step:
        fetch, restart on an expired cursor, read the page, apply it, and after the last page
        check the count (rebuilding once more when it is off)."""
        run = _Run(cursor, shadow)
        while True:
            answer, decoded = self._next_answer(run, out.dataset)
            if answer.status == 410:
                if not self._restart(out, run, "cursor_expired"):
                    out.error = "cursor_expired again during a rebuild"
                    return
                continue
            if not answer.ok:
                out.error = answer.reason
                return
            page = _read_page(decoded)
            if isinstance(page, str):
                out.error = page
                return
            self._apply(out, run, page, pool)
            if page.has_more:
                continue
            if self._settle(out, run, page.total):
                return

    def _may_rebuild(self, run: _Run) -> bool:
        """The one spelling of the limit: `max_rebuilds` restarts from 0 after the first."""
        return run.rebuilds <= self.max_rebuilds

    def _next_answer(self, run: _Run, name: str) -> tuple[Answer, Any]:
        """The prefetched answer, or a fetch now; a cancel waits for the one in flight."""
        ahead, run.ahead = run.ahead, None
        if self.cancel is not None and self.cancel():
            if ahead is not None:
                ahead.result()
            raise _Cancelled()
        return ahead.result() if ahead is not None else self._fetch(name, run.cursor)

    def _restart(self, out: DatasetOutcome, run: _Run, reason: str) -> bool:
        """Rebuild the dataset from cursor 0 into the shadow tables, if the limit allows."""
        if not self._may_rebuild(run):
            return False
        run.rebuilds += 1
        self._begin(out, reason)
        run.shadow, run.cursor = True, "0"
        return True

    def _apply(self, out: DatasetOutcome, run: _Run, page: _Page,
               pool: ThreadPoolExecutor) -> None:
        """Write one page and its cursor in one transaction (prefetching the next meanwhile,
        except beside disclosure file downloads), then fetch the page's files."""
        name = out.dataset
        with_files = name == "disclosures" and self.files_dir is not None
        if self.on_stage is not None:
            self.on_stage("page_did_fetch", name, page.raw)
        if page.has_more and not with_files:
            run.ahead = pool.submit(self._fetch, name, page.next_cursor)
        changes = self._checked(name, page.items, out, run.shadow)
        self.sink.apply_page(name, changes, next_cursor=page.next_cursor, total=page.total,
                             synced_at=rfc3339(self.client.clock.now()), shadow=run.shadow)
        if self.on_stage is not None:
            self.on_stage("page_did_apply", name, page.raw)
        out.pages += 1
        out.cursor = run.cursor = page.next_cursor
        if with_files:
            out.files_fetched += self._fetch_files(changes, out)

    def _settle(self, out: DatasetOutcome, run: _Run, total: int | None) -> bool:
        """After the last page: True when the dataset is done (complete, or with its error);
        False when a count that disagrees with `total` started one more rebuild."""
        name = out.dataset
        count = self.sink.count(name, shadow=run.shadow) + rejected_count(self.conn, name,
                                                                           run.shadow)
        out.count, out.total = count, total
        if total is not None and count != total:
            if not run.shadow and self._restart(out, run, f"count {count} != total {total}"):
                return False
            out.error = f"count {count} != total {total} after a rebuild"
        if run.shadow:
            self.sink.finish_rebuild(name)
            settle_rejected(self.conn, name)
            out.count = self.sink.count(name) + rejected_count(self.conn, name, False)
        out.complete = True
        return True

    def _begin(self, out: DatasetOutcome, reason: str) -> None:
        self.sink.begin_rebuild(out.dataset)
        with immediate(self.conn):
            self.conn.execute("DELETE FROM sync_rejected WHERE dataset = ? AND shadow = 1",
                              (out.dataset,))
        out.rebuilt, out.rebuild_reason = True, reason

    def _checked(self, name: str, items: list[Mapping[str, Any]], out: DatasetOutcome,
                 shadow: bool) -> list[Mapping[str, Any]]:
        """Verify disclosures; a bad one becomes a delete (never shown) and is recorded."""
        if name != "disclosures":  # nothing to verify: count, and pass the page on as it is
            deletes = sum(1 for change in items if change["op"] == "delete")
            out.deletes += deletes
            out.upserts += len(items) - deletes
            return items
        good_keys: list[str] = []
        bad: list[tuple[str, str]] = []
        changes: list[Mapping[str, Any]] = []
        accepted: list[tuple[str, str, float]] = []
        seen = newest(self.conn, [str(c["key"]) for c in items if c["op"] != "delete"])
        for change in items:
            key = str(change["key"])
            if change["op"] == "delete":
                out.deletes += 1
                good_keys.append(key)
                changes.append(change)
                continue
            problem = self._disclosure_problem(key, change["data"], seen)
            if problem == "rollback" and not shadow:
                out.rejected.append(key)  # the newer copy stays where it is: skip the change
                continue
            if problem:
                bad.append((key, ROLLBACK if problem == "rollback" else problem))
                out.rejected.append(key)
                changes.append({"key": key, "op": "delete", "data": None})
                continue
            good_keys.append(key)
            out.upserts += 1
            changes.append(change)
            published = str(change["data"].get("published_at"))
            accepted.append((key, published, instant(published) or 0.0))
        if bad or good_keys:
            flag = int(shadow)
            with immediate(self.conn):
                remember(self.conn, accepted)
                self.conn.executemany(
                    "DELETE FROM sync_rejected WHERE dataset = ? AND key = ? AND shadow = ?",
                    [(name, k, flag) for k in good_keys])
                self.conn.executemany(
                    "INSERT OR REPLACE INTO sync_rejected (dataset, key, shadow, reason, at)"
                    " VALUES (?, ?, ?, ?, ?)", [(name, k, flag, r, time.time()) for k, r in bad])
        return changes

    def _disclosure_problem(self, key: str, item: Any, seen: Mapping[str, float]) -> str:
        """Why a disclosure is not applied ("" when it is): signature, id, village, version."""
        problem = verify_disclosure(item, self.publisher_keys)
        if problem:
            return problem
        if str(item.get("id")) != key:
            return f"signed for id {item.get('id')!r}, delivered as {key!r}"
        village = item.get("village_code")
        if village is not None and self.village_code and str(village) != self.village_code:
            return f"signed for village {village}, not this terminal's {self.village_code}"
        published = instant(item.get("published_at"))
        if published is None:
            return "no valid published_at"
        if key in seen and published < seen[key]:
            return "rollback"
        return ""

    def _fetch_files(self, changes: list[Mapping[str, Any]], out: DatasetOutcome) -> int:
        """Download the attachments of verified disclosures by hash; ETag-checked."""
        assert self.files_dir is not None
        fetched = 0
        for change in changes:
            data = change.get("data")
            if not isinstance(data, Mapping):
                continue
            for attachment in data.get("attachments") or []:
                sha = str(attachment.get("sha256", ""))
                target = self.files_dir / sha
                if not sha or (target.is_file() and _file_sha256(target) == sha):
                    continue  # a file changed on disk is fetched again
                answer = self.client.request("GET", f"/v1/files/{sha}")
                if not answer.ok or sha256_hex(answer.body) != sha or \
                        answer.headers.get("ETag", f'"{sha}"').strip('"') != sha:
                    out.error = out.error or f"attachment {sha}: {answer.reason or 'bad hash'}"
                    continue
                self.files_dir.mkdir(parents=True, exist_ok=True)
                temporary = target.with_suffix(".part")
                with temporary.open("wb") as handle:
                    handle.write(answer.body)
                    handle.flush()
                    os.fsync(handle.fileno())
                temporary.replace(target)
                fetched += 1
        return fetched


def _file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def rejected_count(conn: sqlite3.Connection, dataset: str, shadow: bool) -> int:
    return int(conn.execute("SELECT count(*) FROM sync_rejected WHERE dataset = ? AND shadow = ?",
                            (dataset, int(shadow))).fetchone()[0])


def settle_rejected(conn: sqlite3.Connection, dataset: str) -> None:
    """After a swap, the rebuild's rejections replace the old copy's."""
    with immediate(conn):
        conn.execute("DELETE FROM sync_rejected WHERE dataset = ? AND shadow = 0", (dataset,))
        conn.execute("UPDATE sync_rejected SET shadow = 0 WHERE dataset = ?", (dataset,))


def rejected_items(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT dataset, key, reason, at FROM sync_rejected WHERE shadow = 0"
                        " ORDER BY at").fetchall()
    return [{"dataset": r[0], "key": r[1], "reason": r[2], "at": r[3]} for r in rows]


def pull(client: ProvinceClient, sink: DatasetSink, conn: sqlite3.Connection, *,
         datasets: Sequence[str] = DATASETS, publisher_keys: Mapping[str, bytes] | None = None,
         files_dir: Path | None = None, limit: int = 1000, cancel: Cancel | None = None,
         on_stage: PullHook | None = None, village_code: str = "") -> PullReport:
    """Bring each dataset up to date; see `Puller`."""
    return Puller(client, sink, conn, dict(publisher_keys or {}), files_dir, limit, cancel,
                  on_stage, village_code=village_code).pull(datasets)


def dumps(report: PullReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False)
