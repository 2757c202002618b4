"""`kiosk doctor`: health checks an admin runs on a terminal.

Each check is a function `(Context) -> list[CheckResult]`; the list `CHECKS` names them in the
order they are shown. Areas add their own check (card reader, printer, province) by appending
one function here. A check never raises: a failure is a result with status "fail".
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

from kiosk.context import Context
from kiosk.errors import KioskError
from kiosk.services.checks import CheckResult, Status

__all__ = ["CHECKS", "Check", "CheckResult", "Status", "run_checks"]


Check = Callable[[Context], list[CheckResult]]

MIN_FREE_MB = 500


def check_config(ctx: Context) -> list[CheckResult]:
    try:
        settings = ctx.settings
    except KioskError as error:
        return [CheckResult("config", "fail", str(error))]
    where = str(settings.source) if settings.source else f"defaults ({ctx.config_file} not found)"
    return [CheckResult("config", "ok", f"loaded from {where}")]


def check_database(ctx: Context) -> list[CheckResult]:
    from kiosk.storage.maintenance import database_report

    try:
        report = database_report(ctx.database())
    except KioskError as error:
        return [CheckResult("database", "fail", str(error))]
    results = [
        CheckResult("database.integrity", "ok" if not report.problems else "fail",
                    "integrity_check ok" if not report.problems
                    else "; ".join(report.problems[:5])),
        CheckResult("database.journal_mode", "ok" if report.journal_mode == "wal" else "fail",
                    report.journal_mode),
        CheckResult("database.synchronous", "ok" if report.synchronous == 2 else "fail",
                    {2: "FULL"}.get(report.synchronous, str(report.synchronous))),
        CheckResult("database.size", "ok", f"{report.size_bytes / 1e6:.1f} MB"),
    ]
    if report.pending_migrations:
        results.append(CheckResult("database.schema", "warn",
                                   "pending: " + ", ".join(report.pending_migrations)))
    return results


def check_disk(ctx: Context) -> list[CheckResult]:
    folder = ctx.paths.root if ctx.paths.root.exists() else ctx.paths.root.parent
    try:
        free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    except OSError as error:
        return [CheckResult("disk", "fail", f"{folder}: {error.strerror}")]
    status: Status = "ok" if free_mb >= MIN_FREE_MB else "warn"
    return [CheckResult("disk", status, f"{free_mb} MB free in {folder}")]


def check_secrets(ctx: Context) -> list[CheckResult]:
    from kiosk.secrets import load_secrets, permission_problem

    problem = permission_problem(ctx.paths.secrets)
    if problem:  # the kiosk refuses such a file (kiosk.secrets): nothing signs or verifies
        return [CheckResult("secrets", "fail", problem)]
    try:
        secrets = load_secrets(ctx.paths.secrets)
    except KioskError as error:
        return [CheckResult("secrets", "fail", str(error))]
    if not secrets.enrolled:
        return [CheckResult("secrets", "warn", "not enrolled yet (kiosk enroll, or kiosk demo)")]
    keys = len(secrets.publisher_keys)
    if secrets.pending_publisher_keys:
        return [CheckResult("secrets", "warn", f"enrolled, {keys} publisher key(s); a publisher "
                            "key change waits for an admin: kiosk keys, then accept or reject")]
    return [CheckResult("secrets", "ok", f"enrolled, {keys} publisher key(s)")]


def check_privacy(ctx: Context) -> list[CheckResult]:
    from kiosk.services.privacy_status import key_results

    try:
        rows = key_results(ctx)
    except KioskError as error:
        return [CheckResult("privacy", "fail", str(error))]
    return [CheckResult(name, status, detail)  # type: ignore[arg-type]
            for name, status, detail in rows]


def check_card_reader(ctx: Context) -> list[CheckResult]:
    from kiosk.devices.card_check import card_reader_results

    return [CheckResult(name, status, detail) for name, status, detail in card_reader_results(
        str(ctx.settings.get("card_reader", "name") or ""))]


def check_id_reader(ctx: Context) -> list[CheckResult]:
    from kiosk.devices.card_check import id_reader_results

    return [CheckResult(name, status, detail) for name, status, detail in id_reader_results(
        str(ctx.settings.get("id_reader", "device") or ""),
        int(ctx.settings.get("id_reader", "baud")))]


def check_printer(ctx: Context) -> list[CheckResult]:
    from kiosk.services.print_doctor import printer_check_results

    return [CheckResult(name, status, detail)  # type: ignore[arg-type]
            for name, status, detail in printer_check_results(ctx)]


def check_province(ctx: Context) -> list[CheckResult]:
    from kiosk.services.sync_service import province_check

    return province_check(ctx)


def check_voice(ctx: Context) -> list[CheckResult]:
    from kiosk.services.speech_check import speech_results

    return [CheckResult(name, status, detail)  # type: ignore[arg-type]
            for name, status, detail in speech_results()]


def check_demo(ctx: Context) -> list[CheckResult]:
    from kiosk.services.demo_guard import check_demo as demo_results

    return demo_results(ctx)


CHECKS: list[Check] = [
    check_config,
    check_database,
    check_disk,
    check_secrets,
    check_demo,
    check_privacy,
    check_card_reader,
    check_id_reader,
    check_printer,
    check_province,
    check_voice,
]


def run_checks(ctx: Context, checks: list[Check] | None = None) -> list[CheckResult]:
    results: list[CheckResult] = []
    for check in checks or CHECKS:
        try:
            results.extend(check(ctx))
        except Exception as error:  # a broken check must not hide the others
            results.append(CheckResult(getattr(check, "__name__", "check"), "fail",
                                       f"{type(error).__name__}: {error}"))
    return results
