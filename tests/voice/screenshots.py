"""Screenshots of the voice flows for docs/voice.md, driven through the real pages over a demo
data folder: `python -m tests.voice.screenshots DATA_DIR OUT_DIR [1920x1080] [--elderly]`
(`kiosk --data-dir DATA_DIR demo` first). Prints clipped text like `kiosk screenshots`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def main(argv: list[str]) -> int:
    from kiosk.app import build_runtime
    from kiosk.config import load_settings
    from kiosk.context import Context
    from kiosk.paths import DataPaths
    from kiosk.storage.datasets import DatasetStore
    from kiosk.tools.layout_check import clipped_widgets
    from kiosk.ui.shell import KioskShell, _settle, make_application

    data_dir, out = Path(argv[0]), Path(argv[1])
    size = next((a for a in argv[2:] if "x" in a), "1920x1080")
    width, height = (int(v) for v in size.split("x"))
    suffix = "-elderly" if "--elderly" in argv else ""
    ctx = Context(DataPaths(data_dir), data_dir / "none.toml",
                  _settings=load_settings(None, environ={}).with_values(
                      terminal__village_name="桐溪村"))
    runtime = build_runtime(ctx, demo=False)
    services = runtime.services
    app = make_application("zh_CN")
    shell = KioskShell(app, services, runtime.executor, width=width, height=height)
    window = shell.window
    if suffix:
        window.large_button.setChecked(True)
    window.setFixedSize(width, height)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    clipped: list[str] = []

    def grab(name: str) -> None:
        _settle(app, shell.tasks)
        window.grab().save(str(out / f"{name}{suffix}.png"))
        clipped.extend(f"{name}: {p}" for p in clipped_widgets(window))
        print(out / f"{name}{suffix}.png")

    def click(button: Any) -> None:
        button.click()
        _settle(app, shell.tasks)

    rate: Any = window.pages["rate"]
    window.show_page("rate", {"next": "home", "about": "高龄津贴申领 K7M-29Q-XD4"})
    grab("voice-rate")
    click(rate.face_buttons[2])
    click(rate.reasons.buttons["slow"])
    click(rate.reasons.buttons["repeated_visits"])
    grab("voice-rate-reasons")
    click(rate.phone_button)
    for digit in "139057912":
        rate.phone_entry.pad.buttons[digit].click()
    grab("voice-rate-phone")
    rate.wipe()
    for rating in (5, 5, 4, 5, 3, 4, 5):  # a few ratings for the admin's monthly counts
        window.show_page("rate", {"next": "home"})
        click(rate.face_buttons[rating])
        rate.wipe()
    window.show_page("rate", {"next": "home"})
    click(rate.face_buttons[1])
    click(rate.reasons.buttons["device_problem"])
    click(rate.submit)
    grab("voice-rate-thanks")
    rate.wipe()

    subsidy: Any = window.pages["subsidy"]
    window.show_page("subsidy")
    subsidy._typed = argv_id(argv)
    subsidy._on_lookup_requested()
    grab("voice-subsidy")
    from kiosk.ui.voice_pages.hooks import _open_payment_feedback

    _open_payment_feedback(subsidy)
    _settle(app, shell.tasks)
    feedback: Any = window.pages["feedback"]
    feedback.choices.setCurrentRow(2)
    click(feedback.reasons.buttons["amount_wrong"])
    feedback.text.setText("这个月比上个月少了五十元")
    grab("voice-feedback")
    click(feedback.submit)
    grab("voice-ticket")
    ticket = feedback.code.text()
    entry = services.voice.ticket(ticket)
    DatasetStore(services.db).apply_page("feedback_replies", [{
        "key": entry["feedback_id"], "op": "upsert", "data": {
            "feedback_id": entry["feedback_id"], "ticket": ticket, "status": "answered",
            "updated_at": "2026-12-03T09:00:00Z", "replied_by": "分水镇社会事务办",
            "reply": "经核对，本月按新标准发放，少的五十元是上月多发的部分，已在公示中说明。"}}],
        next_cursor="demo-1", total=1, synced_at="2026-12-03T09:00:00Z")
    window.show_page("feedback-reply", ticket)
    grab("voice-reply")
    window.show_page("policies", "GLJT")
    grab("voice-policies")
    window.show_page("disclosure-document")
    grab("voice-disclosure")

    staff: Any = window.pages["staff"]
    window.show_page("staff")
    staff._on_sign_in_requested("9001", "369147")
    _settle(app, shell.tasks)
    button = next(b for b in staff.workbench.findChildren(type(rate.submit))
                  if b.text() == "意见箱")
    click(button)
    grab("voice-staff-feedback")
    staff._show("console")
    button = next(b for b in staff.console.findChildren(type(rate.submit))
                  if b.text() == "好差评统计")
    click(button)
    grab("voice-staff-ratings")
    for problem in clipped:
        print("clipped:", problem, file=sys.stderr)
    shell.dispose()
    runtime.close()
    QApplication.processEvents()
    return 1 if clipped else 0


def argv_id(argv: list[str]) -> str:
    """The demo holder to look up: `--id N`, else the first sample of `kiosk demo --json`."""
    if "--id" in argv:
        return argv[argv.index("--id") + 1]
    from kiosk.demo.village import DemoVillage, sample_holders

    village = DemoVillage.make(seed=2026)
    return sample_holders(village.residents())[0]["id_number"]


if __name__ == "__main__":
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
