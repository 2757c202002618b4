"""The staff side's services, built together: they share one audit log and one sign-in.

`Services.staff` holds them; the UI's staff pages reach clerks' and admins' work only through
these objects, and each of their calls checks the signed-in session first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config import Settings
from kiosk.paths import DataPaths, default_config_file
from kiosk.services.admin import AdminService
from kiosk.services.audit import AuditLog
from kiosk.services.auth import AuthService
from kiosk.services.clerk import ClerkService
from kiosk.storage.database import Database


@dataclass
class StaffServices:
    audit: AuditLog
    auth: AuthService
    clerk: ClerkService
    admin: AdminService


def print_jobs(db: Database, settings: Settings,
               paths: DataPaths) -> Callable[[str, dict[str, Any]], int]:
    """Store a print job, then send the queue once; the back ends are built on first use."""
    built: list[Any] = []

    def print_job(kind: str, data: dict[str, Any]) -> int:
        if not built:
            from kiosk.services.print_service import build_print_service

            built.append(build_print_service(db, settings, paths))
        job_id = int(built[0].enqueue(kind, data))
        built[0].process_queue()
        return job_id

    return print_job


def build_staff(db: Database, settings: Settings, paths: DataPaths,
                config_file: Path | None = None,
                print_job: Callable[[str, dict[str, Any]], int] | None = None,
                printer_status: Callable[[str], Any] | None = None) -> StaffServices:
    """`print_job`: the registry's one print queue (without it, as in commands, one of its
    own); `printer_status`: what its print worker last saw of the printers."""
    from kiosk.secrets import pin_pepper

    audit = AuditLog(db)
    auth = AuthService(db, audit, pepper=pin_pepper(paths.secrets))
    printer = print_job or print_jobs(db, settings, paths)
    clerk = ClerkService(db, auth, audit, printer,
                         village=lambda: settings.village_name)
    admin = AdminService(db, settings, paths,
                         config_file or settings.source or default_config_file(), auth, audit,
                         print_job=printer, printer_status=printer_status)
    return StaffServices(audit, auth, clerk, admin)
