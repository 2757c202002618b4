"""Keeping the demo village off a real terminal (docs/security.md, finding 3).

The demo writes keys derived from a public seed into secrets.toml (anyone with the source could
then sign disclosures the terminal accepts), creates the demo clerk and admin with published
PINs, and replaces the reference data. So:

- `refuse_unless_demo_folder` stops `kiosk demo` and `kiosk run --demo` before they write a
  byte when the data folder is enrolled or holds anything the demo did not make, and says how
  to use another folder;
- `check_demo` (a `kiosk doctor` check) fails when demo keys, demo staff or demo data sit on an
  enrolled terminal, and warns when a real terminal "prints" into a folder (`file`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.context import Context
from kiosk.errors import KioskError
from kiosk.services.checks import CheckResult
from kiosk.storage.database import Database

DEMO_SEED = 2026


class DemoRefused(KioskError):
    """The data folder belongs to a real terminal: the demo would overwrite it."""

    exit_code = 2


@dataclass(frozen=True)
class Findings:
    real: tuple[str, ...]  # why the folder is a real terminal's, in words
    demo: tuple[str, ...]  # demo keys, staff or data present, in words
    enrolled: bool


def _demo_seeds(facts: dict[str, str]) -> set[int]:
    seeds = {DEMO_SEED}
    if facts.get("demo_seed", "").isdigit():
        seeds.add(int(facts["demo_seed"]))
    return seeds


def _secrets_findings(ctx: Context, seeds: set[int]) -> tuple[bool, bool]:
    """(enrolled with keys of its own, holds demo keys)."""
    from kiosk.secrets import load_secrets
    from kiosk.services.demo_keys import DemoKeys, derive

    if not ctx.paths.secrets.exists():
        return False, False
    try:
        secrets = load_secrets(ctx.paths.secrets)
    except KioskError:
        return True, False  # a file we cannot read is not the demo's to overwrite
    # the lookup key first (hashing only); the publisher keys (Ed25519) only when it differs
    is_demo = secrets.lookup_key in {derive("lookup", seed) for seed in seeds} or bool(
        {DemoKeys.for_seed(seed).publisher_public for seed in seeds}
        & set(secrets.publisher_keys.values()))
    return secrets.enrolled and not is_demo, is_demo


def inspect(ctx: Context) -> Findings:
    """What the data folder (and, for `enrolled`, the configuration) says it belongs to.

    Read through a plain connection of its own: the kiosk's protected one makes a data key in
    secrets.toml on first use, and a refusal must leave the folder exactly as it was."""
    from kiosk.storage.database import open_database

    db = open_database(ctx.paths.database)
    try:
        return _inspect(ctx, db)
    finally:
        db.close()


def _inspect(ctx: Context, db: Database) -> Findings:
    from kiosk.services.demo_keys import DEMO_STAFF
    from kiosk.storage import demo_traces
    from kiosk.storage.facts import read_facts

    facts = read_facts(db)
    own_keys, demo_keys = _secrets_findings(ctx, _demo_seeds(facts))
    real: list[str] = []
    demo: list[str] = []
    if own_keys:
        real.append("已在省平台注册（secrets.toml 有本机密钥）/ it is enrolled: secrets.toml "
                    "holds this terminal's own keys")
    if datasets := demo_traces.province_datasets(db):
        real.append(f"有从省平台同步的数据 / it holds data pulled from the province "
                    f"({', '.join(datasets)})")
    demo_ids = {user_id for user_id, *_rest in DEMO_STAFF}
    staff = demo_traces.staff_made_by(db)
    if own_staff := sorted(u for u, actor in staff.items()
                           if u not in demo_ids or actor != "demo"):
        real.append(f"有本机添加的工作人员账号 / it has staff accounts made here "
                    f"({', '.join(own_staff)})")
    if facts.get("demo") != "1" and (count := demo_traces.application_count(db)):
        real.append(f"有 {count} 份在本机提交的申请 / it holds {count} application(s) "
                    "submitted here")
    if demo_keys:
        demo.append("演示密钥（公开的种子）/ demo keys derived from a public seed in "
                    "secrets.toml")
    if demo_staff := sorted(u for u, actor in staff.items() if u in demo_ids and actor == "demo"):
        demo.append(f"演示工作人员账号（公开的 PIN）/ demo staff accounts with published PINs "
                    f"({', '.join(demo_staff)})")
    if facts.get("demo") == "1" or demo_traces.demo_datasets(db):
        demo.append("演示村数据 / demo village data (演示数据)")
    configured = bool(ctx.settings.get("province", "url")) and bool(
        ctx.settings.get("terminal", "id"))
    return Findings(tuple(real), tuple(demo), own_keys or configured)


def refuse_unless_demo_folder(ctx: Context) -> None:
    """Raise `DemoRefused` (nothing written) unless the folder is empty or the demo's own."""
    findings = inspect(ctx)
    if not findings.real:
        return
    raise DemoRefused(
        f"演示不能使用这个数据文件夹 / the demo will not use the data folder {ctx.paths.root}: "
        "it belongs to a real terminal:\n  " + "\n  ".join(findings.real)
        + "\n演示会覆盖密钥、工作人员和数据。请换一个文件夹 / the demo would overwrite its "
        "keys, staff and data. Use another folder, for example:\n"
        "  kiosk --data-dir /tmp/kiosk-demo demo\n"
        "  kiosk --data-dir /tmp/kiosk-demo run --demo")


def check_demo(ctx: Context) -> list[CheckResult]:
    """`kiosk doctor`: demo keys, staff or data on an enrolled terminal fail; `file` warns."""
    findings = inspect(ctx)
    results: list[CheckResult] = []
    if findings.enrolled and findings.demo:
        results.append(CheckResult(
            "demo", "fail", "演示内容在已注册的终端上 / DEMO ON AN ENROLLED TERMINAL: "
            + "; ".join(findings.demo) + ". Re-enroll (kiosk enroll) to replace the keys, "
            "disable the demo accounts (kiosk users disable 1001 / 9001) and pull the data "
            "again (kiosk sync)"))
    else:
        results.append(CheckResult("demo", "ok", "no demo keys, staff or data on a real "
                                   "terminal" if findings.enrolled or findings.real
                                   else "demo folder" if findings.demo else "no demo data"))
    real_terminal = findings.enrolled or bool(findings.real)
    if real_terminal and ctx.settings.get("printer", "backend") == "file":
        results.append(CheckResult(
            "printer backend", "warn", "打印机设为 file：只把 PDF 存进文件夹，不会打印 / "
            "printer.backend is `file`: receipts go into a folder, nothing is printed (file is "
            "for the demo); set backend = \"cups\" (or \"escpos\") in the configuration"))
    return results
