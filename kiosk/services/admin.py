"""The admin console's work: device health, sync now, backups, exports and first-run setup.

Health reuses `kiosk doctor`'s checks (config, database integrity and size, disk, secrets,
card reader, printers and their state reasons, province reachability, outbox) and adds what
the sync engine knows: outbox depth and its oldest item, quarantine, last pull per dataset,
the clock offset learned from the province, and the app version. Everything an admin changes
or takes off the terminal is audit-logged; every call first checks for a signed-in admin.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.config import Settings, starter_file
from kiosk.errors import KioskError
from kiosk.paths import DataPaths
from kiosk.services.audit import AuditLog
from kiosk.services.auth import AuthService
from kiosk.storage.database import Database

SETUP_KEYS = {
    ("terminal", "id"), ("terminal", "village_code"), ("terminal", "village_name"),
    ("province", "url"), ("printer", "backend"), ("printer", "receipt_queue"),
    ("printer", "a4_queue"), ("card_reader", "name"), ("kiosk", "idle_timeout_s"),
    ("kiosk", "form_idle_timeout_s"), ("kiosk", "countdown_s"), ("kiosk", "language"),
}


@dataclass(frozen=True)
class HealthItem:
    name: str
    status: str  # ok, warn, fail
    detail: str


class AdminService:
    def __init__(self, db: Database, settings: Settings, paths: DataPaths, config_file: Path,
                 auth: AuthService, audit: AuditLog,
                 print_job: Callable[[str, dict[str, Any]], int] | None = None,
                 printer_status: Callable[[str], Any] | None = None):
        self.print_job = print_job  # the registry's print queue: sent on the print worker
        self.printer_status = printer_status  # what that worker last saw of the printers
        self.db = db
        self.settings = settings
        self.paths = paths
        self.config_file = config_file
        self.auth = auth
        self.audit = audit

    def _context(self) -> Any:
        from kiosk.context import Context

        return Context(self.paths, self.config_file, _settings=self.settings)

    # --- health ----------------------------------------------------------------------
    def health(self, *, probe_province: bool = True) -> list[HealthItem]:
        from kiosk.services import doctor

        self.auth.require("admin")
        ctx = self._context()
        checks = [self._printer_check if c is doctor.check_printer else c
                  for c in doctor.CHECKS if probe_province or c is not doctor.check_province]
        try:
            items = [HealthItem(r.name, r.status, r.detail)
                     for r in doctor.run_checks(ctx, checks)]
        finally:
            ctx.close()
        return items + self._sync_items() + [HealthItem("app.version", "ok", __version__)]

    def _printer_check(self, ctx: Any) -> list[Any]:
        """The printer lines from the print worker's last look, not a new question."""
        from kiosk.services.doctor import CheckResult
        from kiosk.services.print_doctor import printer_check_results

        return [CheckResult(name, status, detail)  # type: ignore[arg-type]
                for name, status, detail in printer_check_results(ctx, self.printer_status)]

    def _sync_items(self) -> list[HealthItem]:
        from kiosk.storage.datasets import DatasetStore
        from sync import outbox

        stats = outbox.stats(self.db.conn)
        age = stats.oldest_pending_age_s(time.time())
        items = [
            HealthItem("outbox.depth", "warn" if age > 86400 else "ok",
                       f"{stats.pending + stats.sending} pending, oldest {age} s, "
                       f"{stats.sent} sent"),
            HealthItem("outbox.quarantine", "warn" if stats.quarantined else "ok",
                       f"{stats.quarantined} quarantined"),
        ]
        paused = outbox.get_state(self.db.conn, "push_paused")
        if paused:
            items.append(HealthItem("outbox.paused", "fail", paused))
        offset = float(outbox.get_state(self.db.conn, "clock_offset_s") or 0)
        items.append(HealthItem("clock.offset", "warn" if abs(offset) > 300 else "ok",
                                f"{offset:+.0f} s against the province"))
        for state in DatasetStore(self.db).states():
            items.append(HealthItem(f"pull.{state.dataset}", "ok" if state.synced_at else "warn",
                                    f"last {state.synced_at or 'never'} (cursor {state.cursor})"))
        return items

    # --- actions ---------------------------------------------------------------------
    def sync_now(self) -> dict[str, Any]:
        from kiosk.services.sync_service import SyncService

        session = self.auth.require("admin")
        self.audit.record(session.user_id, "sync_requested", "", {})
        return SyncService(self.paths, self.settings).run(once=True).as_json()

    def backup_now(self) -> Path:
        from kiosk.storage.maintenance import backup_to

        session = self.auth.require("admin")
        target = backup_to(self.db, self.paths.backups)
        self.audit.record(session.user_id, "backup_made", target.name, {})
        return target

    def backups(self) -> list[Path]:
        from kiosk.storage.maintenance import list_backups

        self.auth.require("admin")
        return list_backups(self.paths.backups)

    def restore(self, backup: Path) -> Path | None:
        """Check and restore a backup; the kiosk must restart afterwards (the UI quits)."""
        from kiosk.storage.maintenance import check_backup_file, restore_from

        session = self.auth.require("admin")
        check_backup_file(backup)
        self.audit.record(session.user_id, "database_restored", backup.name, {})
        return restore_from(backup, self.paths.database, self.paths.backups)

    def export(self, folder: Path) -> Path:
        """Logs and the audit log (with its verification) into `folder/kiosk-export-<time>`."""
        session = self.auth.require("admin")
        if not folder.is_dir():
            raise KioskError(f"找不到文件夹 / no folder {folder}: insert the USB stick and "
                             "choose its folder")
        target = folder / f"kiosk-export-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
        try:
            target.mkdir(parents=True)
            if self.paths.logs.is_dir():
                shutil.copytree(self.paths.logs, target / "logs")
        except OSError as error:
            raise KioskError(f"导出失败 / cannot write to {folder}: {error.strerror}") from None
        self.audit.export(target, actor=session.user_id)
        self.audit.record(session.user_id, "logs_exported", str(target), {})
        return target

    def print_test_page(self) -> int:
        from kiosk.services.print_service import service_from_context
        from printing.model import TestPageData, to_dict

        session = self.auth.require("admin")
        page = TestPageData(printer=str(self.settings.get("printer", "backend")),
                            terminal_id=str(self.settings.get("terminal", "id")),
                            generated_at=datetime.now().strftime("%Y-%m-%d %H:%M"), paper="roll")
        if self.print_job is not None:
            job = self.print_job("test_page", to_dict(page))
        else:
            ctx = self._context()
            try:
                service = service_from_context(ctx)
                job = service.enqueue("test_page", page)
                service.process_queue()
            finally:
                ctx.close()
        self.audit.record(session.user_id, "printer_tested", str(job), {})
        return job

    def test_card_reader(self) -> HealthItem:
        from kiosk.devices.card_check import card_reader_results

        self.auth.require("admin")
        name, status, detail = card_reader_results(str(self.settings.get("card_reader", "name")))[0]
        return HealthItem(name, status, detail)

    # --- setup -----------------------------------------------------------------------
    def save_settings(self, changes: dict[tuple[str, str], Any]) -> Settings:
        """Validate and write the configuration file; the kiosk applies it on restart."""
        session = self.auth.require("admin")
        unknown = [f"[{s}] {k}" for s, k in changes if (s, k) not in SETUP_KEYS]
        if unknown:
            raise KioskError("不能在此修改 / these settings cannot be changed here: "
                             + ", ".join(unknown))
        updated = self.settings.with_values(**{f"{s}__{k}": v for (s, k), v in changes.items()})
        self.config_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.config_file.with_suffix(".tmp")
        temporary.write_text(starter_file(dict(updated.values)), encoding="utf-8")
        temporary.replace(self.config_file)
        changed = {f"{s}.{k}": v for (s, k), v in changes.items()
                   if self.settings.get(s, k) != v}
        self.audit.record(session.user_id, "config_changed", str(self.config_file), changed)
        self.settings = updated
        return updated

    def enroll_staff_card(self, user_id: str, card: object) -> list[str]:
        """The admin console's card enrolment: the card in the reader becomes `user_id`'s
        sign-in card (card + PIN). Returns the masked labels of what was enrolled."""
        from kiosk.secrets import load_secrets
        from kiosk.services import staff_cards

        session = self.auth.require("admin")
        keys = staff_cards.keys_from_card(load_secrets(self.paths.secrets).lookup_key, card)
        staff_cards.enroll_card(self.auth, user_id, keys, actor=session.user_id)
        return [k.label for k in keys]

    def enroll(self, url: str, terminal_id: str, code: str,
               village_code: str | None = None) -> dict[str, Any]:
        """The contract's enrollment with the one-time code (through the sync engine)."""
        from kiosk.services.sync_service import enroll

        session = self.auth.require("admin")
        if len(code) > 200 or not code.strip():
            raise KioskError("注册码无效 / the enrollment code is empty or too long")
        self.settings.with_values(province__url=url, terminal__id=terminal_id)  # validates
        result = enroll(self.paths, self.settings, self.config_file, url, terminal_id,
                        code.strip(), village_code, actor=session.user_id)
        from kiosk.config import load_settings

        self.settings = load_settings(self.config_file)
        self.audit.record(session.user_id, "terminal_enrolled", terminal_id,
                          {"url": url, "village": result.get("village", {})})
        return result
