"""`kiosk print ...`: test page, receipts, the print queue (list, cancel, retry), status.

Every document command goes through the durable queue, exactly as the kiosk does, and waits a
little for the outcome; `--save-pdf PATH` writes the rendered PDF there instead of printing,
to look at a document without paper.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("print", help="print test pages and receipts, manage the "
                                   "print queue", description="Printing and the print queue.")
    sub = parser.add_subparsers(dest="print_command", metavar="PRINT_COMMAND", required=True)

    test = sub.add_parser("test", help="print the printer test page (fonts, alignment, QR)")
    test.add_argument("--printer", metavar="NAME",
                      help="CUPS queue to print on (default: from [printer] settings)")
    test.add_argument("--paper", choices=("roll", "a4"), default="roll",
                      help="80 mm roll (default) or A4")
    _document_flags(test)
    test.set_defaults(handler=run_test)

    receipt = sub.add_parser("receipt", help="print the receipt of an application again",
                             description="Print the receipt with this receipt code. Without "
                             "--data the receipt data stored with an earlier receipt job is "
                             "used.")
    receipt.add_argument("code", metavar="CODE", help="receipt code (回执号)")
    receipt.add_argument("--data", metavar="FILE", type=Path,
                         help="JSON file with the receipt data to store and print")
    receipt.add_argument("--printer", metavar="NAME", help="CUPS queue to print on")
    _document_flags(receipt)
    receipt.set_defaults(handler=run_receipt)

    queue = sub.add_parser("queue", help="list print jobs (newest first)")
    queue.add_argument("--json", action="store_true", help="print the jobs as JSON")
    queue.add_argument("--process", action="store_true",
                       help="first send what is waiting (recovers interrupted jobs)")
    queue.add_argument("--limit", type=int, default=50, metavar="N", help="at most N jobs")
    queue.set_defaults(handler=run_queue)

    resume = sub.add_parser("resume", help="send every queued job, oldest first (after the "
                            "printer is back)", description="Send every job that waits in the "
                            "print queue, in order, each exactly once; waits up to --wait "
                            "seconds for a printer that is not ready yet.")
    resume.add_argument("--json", action="store_true", help="print the outcome as JSON")
    resume.add_argument("--wait", type=float, default=20.0, metavar="S",
                        help="seconds to wait for the printer and the jobs (default 20)")
    resume.set_defaults(handler=run_resume)

    retry = sub.add_parser("retry", help="send a queued or failed job (again)")
    retry.add_argument("id", type=int, metavar="ID", help="job id from `kiosk print queue`")
    retry.add_argument("--json", action="store_true", help="print the job as JSON")
    retry.add_argument("--wait", type=float, default=20.0, metavar="S",
                       help="seconds to wait for the printer (default 20)")
    retry.set_defaults(handler=run_retry)

    cancel = sub.add_parser("cancel", help="withdraw a job that has not printed")
    cancel.add_argument("id", type=int, metavar="ID", help="job id from `kiosk print queue`")
    cancel.add_argument("--json", action="store_true", help="print the job as JSON")
    cancel.set_defaults(handler=run_cancel)

    status = sub.add_parser("status", help="printer state and state reasons")
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.set_defaults(handler=run_status)


def _document_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--save-pdf", metavar="PATH", type=Path,
                        help="write the PDF to PATH instead of printing it")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--wait", type=float, default=20.0, metavar="S",
                        help="seconds to wait for the printer (default 20)")


def _finish(ctx: Context, args: argparse.Namespace, kind: str, data: Any,
            reference: str = "") -> int:
    from kiosk.services.print_service import PrintFailed, service_from_context
    from printing.errors import PrintingError
    from printing.render import render

    if args.save_pdf:
        try:
            rendered = render(kind, data)
        except PrintingError as error:
            raise PrintFailed(f"无法生成 / cannot render {kind}: {error}") from None
        args.save_pdf.write_bytes(rendered.pdf)
        result = {"saved": str(args.save_pdf), "kind": kind, "pages": rendered.pages,
                  "media": rendered.paper.cups_media}
        if args.json:
            emit_json(result)
        else:
            print(f"已保存 / saved {args.save_pdf} ({rendered.pages} page(s), "
                  f"{rendered.paper.cups_media})")
        return 0
    service = service_from_context(ctx, printer=getattr(args, "printer", None))
    job_id = service.enqueue(kind, data, reference=reference)
    job = service.wait_for(job_id, timeout=args.wait)
    return _report_job(args, job.as_json())


def _report_job(args: argparse.Namespace, job: dict[str, Any]) -> int:
    if args.json:
        emit_json(job)
    else:
        print(f"打印任务 / job {job['id']}: {job['state']}  {job['printer']}  "
              f"{job['backend_ref'] or ''}")
        if job["message"]:
            print(f"  {job['message']}")
    return 0 if job["state"] in ("done", "sending", "cancelled") else 1


def run_test(ctx: Context, args: argparse.Namespace) -> int:
    data = {"printer": args.printer or "", "terminal_id": str(ctx.settings.get("terminal", "id")),
            "generated_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "paper": args.paper}
    return _finish(ctx, args, "test_page", data)


def run_receipt(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.print_service import PrintFailed, service_from_context
    from printing.errors import PrintingError
    from printing.render import parse

    if args.data:
        try:
            raw = json.loads(args.data.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise PrintFailed(f"无法读取回执数据 / cannot read {args.data}: {error}") from None
        raw.setdefault("receipt_code", args.code)
        try:
            receipt = parse("receipt", raw)
        except PrintingError as error:
            raise PrintFailed(f"回执数据有误 / bad receipt data in {args.data}: {error}") from None
    else:
        service = service_from_context(ctx, printer=args.printer)
        found = service.receipt_lookup(service.db, args.code)
        if found is None:
            raise PrintFailed(f"找不到回执号 {args.code} / no receipt with code {args.code} is "
                              "stored; give its data with --data FILE")
        receipt = found
    return _finish(ctx, args, "receipt", receipt, reference=receipt.receipt_code)


def run_queue(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.print_service import service_from_context

    service = service_from_context(ctx)
    if args.process:
        service.process_queue()
    jobs = [job.as_json() for job in service.list_jobs(limit=args.limit)]
    if args.json:
        emit_json(jobs)
        return 0
    if not jobs:
        print("打印队列为空 / the print queue is empty")
    for job in jobs:
        print(f"{job['id']:>5}  {job['state']:<9} {job['kind']:<24} {job['reference'] or '-':<18}"
              f" {job['created_at'][:19]}  tries {job['attempts']}")
        if job["message"]:
            print(f"       {job['message']}")
    return 0


def run_retry(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.print_service import service_from_context

    service = service_from_context(ctx)
    service.retry(args.id)
    return _report_job(args, service.wait_for(args.id, timeout=args.wait).as_json())


def run_resume(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.print_service import service_from_context
    from kiosk.storage import print_jobs as store

    service = service_from_context(ctx)
    report = service.resume(timeout=args.wait)
    left = [job.as_json() for job in reversed(store.list_jobs(service.db, ("queued", "sending")))]
    result = {"printed": report.printed, "failed": report.failed, "busy": report.busy,
              "waiting": left, "watched": service.watched()}
    if args.json:
        emit_json(result)
    else:
        print(f"已打印 / printed: {len(report.printed)}  失败 / failed: {len(report.failed)}  "
              f"仍在排队 / still queued: {len(left)}")
        for job in left:
            print(f"  {job['id']:>5}  {job['state']:<8} {job['printer']}  {job['message']}")
        if left and result["watched"]:
            print("  运行中的终端会在打印机恢复后自动打印 / the running kiosk prints them when "
                  "the printer is back")
    return 0 if not left and not report.failed else 1


def run_cancel(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.print_service import service_from_context

    return _report_job(args, service_from_context(ctx).cancel(args.id).as_json())


def run_status(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.print_service import service_from_context
    from printing.rendered import PaperKind

    service = service_from_context(ctx)
    result: list[dict[str, Any]] = []
    papers: tuple[PaperKind, ...] = ("roll", "a4")
    for paper in papers:
        status = service.printer_status(paper)
        result.append({"paper": paper, "printer": status.printer, "ready": status.ready,
                       "state": status.state, "reasons": list(status.reasons),
                       "problem": status.problem, "detail": status.detail,
                       "villager_message": status.villager_message()})
    if args.json:
        emit_json(result)
    else:
        for item in result:
            ok = "ok" if item["ready"] else f"NOT READY: {item['villager_message']}"
            if item["ready"] and item["detail"]:
                ok += f" ({item['detail']})"  # e.g. an ESC/POS device file: at most once
            print(f"{item['paper']:<5} {item['printer']}: {item['state']} "
                  f"[{', '.join(item['reasons']) or 'none'}] {ok}")
    return 0 if all(item["ready"] for item in result) else 1
