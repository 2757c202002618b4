"""Screenshots of the application path for docs/: catalog, every wizard step, review, receipt,
progress. Run: `python -m kiosk.tools.wizard_screenshots DATA_DIR OUT_DIR [1920x1080] [--elderly]`
over a demo data folder (`kiosk --data-dir DATA_DIR demo`). Reports clipped text like
`kiosk screenshots` does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def main(argv: list[str]) -> int:
    from kiosk.app import build_runtime
    from kiosk.config import load_settings
    from kiosk.context import Context
    from kiosk.paths import DataPaths
    from kiosk.tools.demo_fill import fill_current_step
    from kiosk.tools.layout_check import clipped_widgets
    from kiosk.ui.shell import KioskShell, _settle, make_application
    from kiosk.ui.wizard.receipt_page import ReceiptPage
    from kiosk.ui.wizard.wizard_page import WizardPage

    data_dir, out = Path(argv[0]), Path(argv[1])
    size = next((a for a in argv[2:] if "x" in a), "1920x1080")
    width, height = (int(v) for v in size.split("x"))
    elderly = "--elderly" in argv
    suffix = "-elderly" if elderly else ""
    ctx = Context(DataPaths(data_dir), data_dir / "none.toml",
                  _settings=load_settings(None, environ={}).with_values(
                      terminal__village_name="桐溪村"))
    # the UI never opens the database itself; demo: photographs come from the simulated camera
    runtime = build_runtime(ctx, demo=True)
    services, pool = runtime.services, runtime.executor
    app = make_application("zh_CN")
    shell = KioskShell(app, services, pool, width=width, height=height)
    window = shell.window
    if elderly:
        window.large_button.setChecked(True)
    window.setFixedSize(width, height)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    clipped: list[str] = []

    def settle() -> None:
        _settle(app, shell.tasks)

    def grab(name: str) -> None:
        settle()
        window.grab().save(str(out / f"{name}{suffix}.png"))
        clipped.extend(f"{name}: {p}" for p in clipped_widgets(window))
        print(out / f"{name}{suffix}.png")

    window.show_page("services")
    grab("catalog")
    window.pages["services"].on_enter("svc-dibao")
    grab("catalog-detail")
    window.show_page("wizard", {"service_id": "svc-dibao"})
    settle()
    page = window.pages["wizard"]
    assert isinstance(page, WizardPage)
    assert page.session is not None
    step = 1
    while page.session is not None and page.session.state == "filling":
        if step > 40:
            print(f"the wizard does not get past step {page.session.step_number}: "
                  f"{page.message.text()}", file=sys.stderr)
            return 1
        fill_current_step(page, settle)
        page.scroller.verticalScrollBar().setValue(0)
        grab(f"wizard-{step}")
        page.next.click()
        settle()
        step += 1
    grab("wizard-review")
    page.next.click()
    settle()
    grab("receipt")
    receipt = window.pages["receipt"]
    assert isinstance(receipt, ReceiptPage)
    code = receipt.submission.receipt_code_display if receipt.submission else ""
    window.show_page("progress")
    grab("progress-entry")
    window.pages["progress"].on_enter(code)
    grab("progress")
    for problem in clipped:
        print("clipped:", problem, file=sys.stderr)
    shell.dispose()
    runtime.close()
    QApplication.processEvents()
    return 1 if clipped else 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # PySide6 can abort while tearing down this many widgets at exit
