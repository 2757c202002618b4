"""`kiosk selftest`: prove that this build of the kiosk is complete, then exit 0.

Written for the frozen bundle (CI runs `dist/kiosk/kiosk selftest` on every build) but runs the
same from source. It checks that every resource file reads, every form definition passes the
form engine, the printing font embeds, every translation loads, a Chinese screen font exists,
every Qt plugin shipped loads, the virtual keyboard's QML input panel appears, and the home page
renders offscreen from a throw-away demo database, never the terminal's own data.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.paths import DataPaths, resource, resources_dir

Result = tuple[bool, str]


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "selftest", help="check that this build is complete (resources, Qt, keyboard, fonts)",
        description="Check, inside this program (frozen or not), that every resource, "
        "translation, font, form definition and Qt plugin loads, that the virtual keyboard "
        "appears, and that a page renders offscreen. Exit 0 when all pass, 1 otherwise. "
        "Uses a temporary demo database; the terminal's data is not touched.")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--screenshot", metavar="FILE",
                        help="also save the rendered home page as a PNG file")
    parser.set_defaults(handler=run_selftest)


def check_resources() -> Result:
    root = resources_dir()
    if not root.is_dir():
        return False, f"no resources folder at {root}"
    count = 0
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".json":
            try:
                json.loads(data.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                return False, f"{path.relative_to(root)} is not valid JSON: {error}"
        count += 1
    for needed in (("styles", "kiosk.qss"), ("demo", "services.json")):
        if not resource(*needed).is_file():
            return False, f"missing {'/'.join(needed)}"
    return True, f"{count} files in {root}"


def check_forms() -> Result:
    from forms import DefinitionError, load_definition

    files = sorted(resource("forms").glob("*.json"))
    if not files:
        return False, f"no form definitions in {resource('forms')}"
    for path in files:
        try:
            load_definition(path)
        except DefinitionError as error:
            return False, f"{path.name}: {'; '.join(error.problems[:3])}"
    return True, f"{len(files)} definitions"


def check_print_font() -> Result:
    from printing.errors import PrintingError
    from printing.fonts import cjk_font, find_font_file

    try:
        path = find_font_file()
        name = cjk_font()
    except PrintingError as error:
        return False, str(error)
    return True, f"{name} from {path}"


def run_selftest(ctx: Context, args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.bundle_manifest import VIRTUAL_KEYBOARD_IM_MODULE

    os.environ["QT_IM_MODULE"] = VIRTUAL_KEYBOARD_IM_MODULE  # must precede the QApplication
    results: list[CheckResult] = []

    def run(name: str, check: Callable[[], Result]) -> None:
        started = time.perf_counter()
        try:
            ok, detail = check()
        except Exception as error:  # a check that crashes has failed; the others still run
            ok, detail = False, f"{type(error).__name__}: {error}"
        results.append(CheckResult(name, ok, detail, round(time.perf_counter() - started, 3)))

    run("resources", check_resources)
    run("forms", check_forms)
    run("print font", check_print_font)

    from kiosk.translations import TranslationMissing
    from kiosk.ui import selfcheck
    from kiosk.ui.shell import make_application

    try:
        app = make_application("zh_CN")
    except TranslationMissing:  # the translations check says so; the other checks still run
        app = make_application("en")
    run("translations", lambda: selfcheck.check_translations(app))
    run("screen font", selfcheck.check_fonts)
    run("qt plugins", lambda: selfcheck.check_plugins(app))
    run("virtual keyboard", lambda: selfcheck.check_virtual_keyboard(app))
    with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as scratch:
        run("render", lambda: _render(app, Path(scratch), args.screenshot))

    if args.json:
        emit_json({"ok": all(r.ok for r in results), "checks": [asdict(r) for r in results]})
    else:
        for r in results:
            print(f"{'✓' if r.ok else '✗'} {r.name}: {r.detail}")
        failed = sum(not r.ok for r in results)
        print("selftest passed" if not failed else f"selftest FAILED: {failed} check(s)")
    code = 0 if all(r.ok for r in results) else 1
    # Once the virtual keyboard has been shown, Qt aborts while tearing it down at interpreter
    # exit ("QPixmap: Must construct a QGuiApplication"): a Qt/PySide bug. Leave without the
    # teardown so the exit code is ours.
    ctx.close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _render(app: Any, scratch: Path, screenshot: str | None) -> Result:
    """Home page of a throw-away demo terminal: migrations, demo data, services, widgets."""
    from kiosk.app import build_runtime
    from kiosk.ui import selfcheck
    from kiosk.ui.shell import KioskShell

    context = Context(DataPaths(scratch / "data"), scratch / "kiosk.toml")
    runtime = build_runtime(context, demo=True)
    try:
        return selfcheck.check_render(
            app, lambda: KioskShell(app, runtime.services, runtime.executor,
                                    width=1920, height=1080),
            Path(screenshot) if screenshot else None)
    finally:
        runtime.close()
        context.close()
