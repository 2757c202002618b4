"""The app's side of sync: wires settings, secrets and the database to the `sync` engine.

The UI calls `SyncService` on a worker thread (never the UI thread); each call opens its own
database connection, so the network code never holds the UI's. The CLI (`kiosk sync`,
`kiosk outbox`, `kiosk enroll`) and `kiosk doctor` use the same functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.config import Settings, starter_file
from kiosk.errors import KioskError
from kiosk.paths import DataPaths
from kiosk.storage.database import Database


class SyncNotConfigured(KioskError):
    """No province URL, or the terminal is not enrolled yet."""


@dataclass(frozen=True)
class DatasetAge:
    dataset: str
    cursor: str
    synced_at: str | None


@dataclass(frozen=True)
class SyncStatus:
    """What the header and the admin page show."""

    configured: bool
    pending: int
    oldest_pending_age_s: int
    quarantined: int
    sent: int
    paused: str | None
    datasets: list[DatasetAge]
    rejected: list[dict[str, Any]]


@dataclass
class SyncResult:
    push: dict[str, Any] | None = None
    pull: dict[str, Any] | None = None
    heartbeat: dict[str, Any] | None = None
    cursors: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"push": self.push, "pull": self.pull, "heartbeat": self.heartbeat,
                "cursors": self.cursors}


class SyncService:
    def __init__(self, paths: DataPaths, settings: Settings):
        self._paths = paths
        self._settings = settings

    @property
    def files_dir(self) -> Path:
        """Disclosure attachments, stored by SHA-256."""
        return self._paths.root / "files"

    @contextmanager
    def _database(self) -> Iterator[Database]:
        from kiosk.data_key import open_protected

        db = open_protected(self._paths, check_same_thread=False)
        try:
            yield db
        finally:
            db.close()

    def _client(self, db: Database, timeout_s: float = 15.0) -> Any:
        from kiosk.secrets import load_secrets
        from sync.client import ProvinceClient
        from sync.outbox import get_state
        from sync.signing import Clock

        url = str(self._settings.get("province", "url"))
        if not url:
            raise SyncNotConfigured("未配置省平台地址 / no province URL: set [province] url, "
                                    "or run `kiosk enroll URL --terminal-id T --code C`")
        secrets = load_secrets(self._paths.secrets)
        if not secrets.enrolled:
            raise SyncNotConfigured("终端未注册 / this terminal is not enrolled: run "
                                    "`kiosk enroll URL --terminal-id T --code C`")
        offset = float(get_state(db.conn, "clock_offset_s") or 0)
        return ProvinceClient(url, str(self._settings.get("terminal", "id")),
                              secrets.terminal_secret, clock=Clock(offset), timeout_s=timeout_s)

    def run(self, *, push: bool = True, pull: bool = True, once: bool = False,
            datasets: Sequence[str] | None = None,
            progress: Callable[[str, int, int], None] | None = None,
            cancel: Callable[[], bool] | None = None,
            card_reader: Mapping[str, Any] | None = None) -> SyncResult:
        """One sync: push the outbox, heartbeat, pull. `once` ignores backoff (send now)."""
        from kiosk.secrets import load_secrets
        from kiosk.storage.datasets import DatasetStore
        from sync import heartbeat as beat
        from sync import pull as puller
        from sync import push as pusher
        from sync.outbox import set_state

        result = SyncResult()
        with self._database() as db, self._client(db) as client:
            store = DatasetStore(db)
            if push:
                def on_item(done: int, total: int, outcome: Any) -> None:
                    if progress is not None:
                        progress("push", done, total)

                report = pusher.push(db.conn, client, ignore_backoff=once, progress=on_item,
                                     cancel=cancel, max_consecutive_failures=0 if once else 5)
                result.push = report.as_json()
                from kiosk.storage.voice import scrub_sent_phones

                scrub_sent_phones(db)  # call-back phones are not kept once the province has them
            body = beat.health_body(db.conn, store, app_version=__version__,
                                    now=client.clock.local(), data_dir=self._paths.root,
                                    printer=self._printer_health(db), card_reader=card_reader)
            answer = beat.heartbeat(client, store, body)
            result.heartbeat = {"status": answer.answer.status, "resync": answer.resync,
                                "error": answer.answer.reason if not answer.answer.ok else "",
                                "key_list": self._rotate_keys(db, answer.key_list)}
            if pull and not (cancel is not None and cancel()):
                keys = load_secrets(self._paths.secrets).publisher_keys
                report_pull = puller.pull(
                    client, store, db.conn, datasets=datasets or puller.DATASETS,
                    publisher_keys=keys, files_dir=self.files_dir, cancel=cancel,
                    village_code=str(self._settings.get("terminal", "village_code")))
                result.pull = report_pull.as_json()
            set_state(db.conn, "clock_offset_s", str(client.clock.offset_s))
            set_state(db.conn, "last_sync_at", str(time.time()))
            result.cursors = {s.dataset: s.cursor for s in store.states()}
        return result

    def _rotate_keys(self, db: Database, key_list: Mapping[str, Any] | None) -> str:
        """Apply a signed publisher key list from the heartbeat (audited); what happened."""
        if key_list is None:
            return ""
        from kiosk.services.audit import AuditLog
        from kiosk.services.publisher_keys import apply_key_list
        from kiosk.storage.database import transaction

        with transaction(db):
            return apply_key_list(self._paths.secrets, key_list, AuditLog(db))

    def _printer_health(self, db: Database) -> dict[str, Any]:
        """The receipt printer's state and reasons for the heartbeat; never fails the sync."""
        from kiosk.services.print_service import build_print_service

        try:
            status = build_print_service(db, self._settings, self._paths).printer_status("roll")
        except Exception as error:  # a broken printer must not stop the heartbeat
            return {"state": "unknown", "reasons": [type(error).__name__]}
        return {"state": status.state, "reasons": list(status.reasons)}

    def status(self) -> SyncStatus:
        from kiosk.storage.datasets import DatasetStore
        from sync import outbox
        from sync.pull import rejected_items

        with self._database() as db:
            stats = outbox.stats(db.conn)
            states = DatasetStore(db).states()
            return SyncStatus(
                configured=bool(self._settings.get("province", "url")),
                pending=stats.pending + stats.sending,
                oldest_pending_age_s=stats.oldest_pending_age_s(time.time()),
                quarantined=stats.quarantined, sent=stats.sent,
                paused=outbox.get_state(db.conn, "push_paused"),
                datasets=[DatasetAge(s.dataset, s.cursor, s.synced_at) for s in states],
                rejected=rejected_items(db.conn),
            )

    def outbox_items(self, include_sent: bool = False) -> list[dict[str, Any]]:
        from sync import outbox

        states: tuple[outbox.State, ...] = ("pending", "sending", "quarantined")
        if include_sent:
            states += ("sent",)
        with self._database() as db:
            return [item.summary() for item in outbox.list_items(db.conn, states)]

    def retry(self, item_id: int) -> bool:
        from sync import outbox

        with self._database() as db:
            return outbox.retry_quarantined(db.conn, item_id)

    def export(self, item_id: int) -> tuple[dict[str, Any], bytes]:
        """A quarantined item's record and exact payload, for the admin to hand on."""
        from sync import outbox

        with self._database() as db:
            item = outbox.get_item(db.conn, item_id)
        if item is None:
            raise KioskError(f"没有这一项 / no outbox item {item_id}")
        return item.summary(), item.payload

    def probe(self, timeout_s: float = 5.0) -> tuple[bool, str]:
        """Is the province reachable and does it accept our signature? (a heartbeat)"""
        from kiosk.storage.datasets import DatasetStore
        from sync import heartbeat as beat

        with self._database() as db, self._client(db, timeout_s) as client:
            store = DatasetStore(db)
            body = beat.health_body(db.conn, store, app_version=__version__,
                                    now=client.clock.local(), data_dir=self._paths.root)
            answer = beat.heartbeat(client, store, body).answer
        return answer.ok, answer.reason if not answer.ok else f"HTTP {answer.status}"


def enroll(paths: DataPaths, settings: Settings, config_file: Path, url: str, terminal_id: str,
           code: str, village_code: str | None = None, *, accept_key_changes: bool = False,
           actor: str = "cli-admin") -> dict[str, Any]:
    """Enroll with the province: secrets to the 0600 file, URL and ids to the configuration.

    https only (plain http to this machine for the emulator). Publisher keys that differ from
    the ones this terminal already trusts wait for an admin's confirmation unless
    `accept_key_changes` (see `kiosk.services.publisher_keys`); every change is audited."""
    from kiosk.secrets import load_secrets, save_secrets
    from kiosk.services.publisher_keys import adopt_enrollment
    from sync.heartbeat import EnrollmentError
    from sync.heartbeat import enroll as enroll_terminal
    from sync.transport import transport_problem

    problem = transport_problem(url)
    if problem:
        raise KioskError(problem)
    existing = load_secrets(paths.secrets)  # refused (0644, a link) before the code is spent
    village = village_code or str(settings.get("terminal", "village_code"))
    try:
        enrollment = enroll_terminal(url, terminal_id, village, code)
    except EnrollmentError as error:
        raise KioskError(str(error)) from None
    keyed, action, diff = adopt_enrollment(existing, enrollment.publisher_keys,
                                           enrollment.key_list, accept=accept_key_changes)
    save_secrets(paths.secrets, keyed.replace(terminal_secret=enrollment.terminal_secret,
                                              lookup_key=enrollment.lookup_key))
    updated = settings.with_values(
        province__url=url, terminal__id=terminal_id,
        terminal__village_code=enrollment.village.get("code", village),
        terminal__village_name=enrollment.village.get("name", settings.village_name))
    config_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = config_file.with_suffix(".tmp")
    temporary.write_text(starter_file(dict(updated.values)), encoding="utf-8")
    temporary.replace(config_file)
    _record_enrollment(paths, enrollment.village, actor, action, diff.as_json())
    return {"terminal_id": terminal_id, "village": enrollment.village,
            "publisher_keys": sorted(keyed.publisher_keys), "config": str(config_file),
            "secrets": str(paths.secrets),
            "publisher_key_changes": {"action": action or "unchanged", **diff.as_json()},
            "pending_confirmation": action == "publisher_keys_change_pending"}


def _record_enrollment(paths: DataPaths, village: dict[str, str], actor: str, action: str,
                       diff: dict[str, Any]) -> None:
    """Village facts (a convenience) and the audit record of a publisher key change."""
    from kiosk.services.audit import AuditLog
    from kiosk.storage.database import open_database, transaction
    from kiosk.storage.facts import write_facts

    try:
        db = open_database(paths.database)
    except KioskError:
        return
    try:
        write_facts(db, {f"village_{k}" if k in ("code", "name") else k: v
                         for k, v in village.items()})
        if action:
            with transaction(db):
                AuditLog(db).record(actor, action, "publisher_keys", diff)
    finally:
        db.close()


def province_check(ctx: Any) -> list[Any]:
    """`kiosk doctor`: province reachable with our signature; outbox depth and quarantine."""
    from kiosk.services.checks import CheckResult

    service = SyncService(ctx.paths, ctx.settings)
    results: list[CheckResult] = []
    if not ctx.settings.get("province", "url"):
        return [CheckResult("province", "warn", "no [province] url: the terminal stays offline")]
    try:
        ok, detail = service.probe()
        results.append(CheckResult("province", "ok" if ok else "fail", detail))
    except KioskError as problem:
        results.append(CheckResult("province", "fail", str(problem)))
    try:
        status = service.status()
    except KioskError as problem:
        return [*results, CheckResult("outbox", "fail", str(problem))]
    day = 86400
    state = "ok"
    if status.quarantined or status.paused or status.oldest_pending_age_s > day:
        state = "warn"
    results.append(CheckResult(
        "outbox", state,  # type: ignore[arg-type]
        f"{status.pending} pending (oldest {status.oldest_pending_age_s} s), "
        f"{status.quarantined} quarantined" + (f", paused: {status.paused}" if status.paused
                                               else "")))
    return results
