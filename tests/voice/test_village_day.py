"""A village day, end to end, over HTTP against the emulator with faults, real pcscd + vpcd and
real CUPS (cups-pdf): a resident's card in, payments shown, a complaint about one (slip printed),
an application with a scan (receipt printed), sync, the clerk accepts it, the status and the
complaint's reply come back, the villager rates the case, the idle reset wipes everything, and
the province holds each item exactly once.

Run it rarely, holding both locks:
`flock /tmp/vpcd.lock flock /tmp/cups.lock .venv/bin/pytest tests/voice/test_village_day.py`.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.demo.village import TERMINAL_ID, VILLAGE, DemoVillage, Scale, export_demo
from kiosk.devices.backends import create_backend
from kiosk.services.card_service import CardService
from kiosk.services.demo_keys import DemoKeys
from sync import outbox
from tests.support.cards import SocialSecurityCard
from tests.support.village import TODAY, Village, demo_village
from tests.support.virtual_card import VirtualCard, reader_name
from tests.sync.support import REPO, Emulator, start_emulator

pytestmark = pytest.mark.system
PORT = 35963  # the kiosk's virtual reader (the card tests use 35964)
SCALE = Scale(residents=300, subsidy_months=24, disclosure_quarters=8)
QUEUE = "kiosk-pdf"


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Emulator]:
    if subprocess.run(["lpstat", "-p", QUEUE], capture_output=True).returncode != 0:
        subprocess.run([str(REPO / "scripts" / "services.sh")], check=True, capture_output=True)
    seed = tmp_path / "seed"
    export_demo(seed, DemoVillage(2026, SCALE, TODAY, DemoKeys.for_seed(2026)))
    running = start_emulator(tmp_path / "province", "--random-seed", "16", seed=seed)
    yield running
    running.stop()


@pytest.fixture
def village(data_dir: Path, province: Emulator) -> Iterator[Village]:
    yield from demo_village(
        data_dir, SCALE, card_factory=lambda key: CardService(
            create_backend("pcsc"), key, reader=reader_name(PORT), poll_seconds=0.2),
        province__url=province.url, terminal__id=TERMINAL_ID,
        terminal__village_code=VILLAGE["code"], terminal__village_name=VILLAGE["name"],
        printer__backend="cups", printer__receipt_queue=QUEUE, printer__a4_queue=QUEUE)


@pytest.fixture
def shell(qtbot: QtBot, village: Village) -> Iterator[Any]:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import KioskShell, install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    kiosk = KioskShell(app, village.services, pool, width=1920, height=1080)
    qtbot.addWidget(kiosk.window)
    kiosk.window.show()
    kiosk.start_background_work()
    kiosk.sync.stop()  # the test syncs itself, round by round
    yield kiosk
    assert village.services.cards is not None
    village.services.cards.stop()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    kiosk.dispose()
    pool.shutdown(wait=True)


def _sync_until_quiet(village: Village, rounds: int = 60) -> None:
    """`kiosk sync --once` until nothing waits and every dataset has come through whole since
    the last item the province received (each round may lose pages to the faults)."""
    from sync.pull import DATASETS

    result: Any = None
    complete: set[str] = set()
    for _ in range(rounds):
        result = village.services.sync.run(once=True)
        if (result.push or {}).get("sent"):
            complete.clear()  # the province changed: pull everything again
        complete |= {d["dataset"] for d in (result.pull or {}).get("datasets", [])
                     if d["complete"] and not d["error"]}
        stats = outbox.stats(village.db.conn)
        if not stats.pending and not stats.sending and complete >= set(DATASETS):
            assert stats.quarantined == 0, village.services.sync.outbox_items()
            return
    raise AssertionError(f"the outbox did not drain through the faults: {stats}, "
                         f"{json.dumps(result.as_json(), ensure_ascii=False)[:3000]}")


def _click(qtbot: QtBot, shell: Any, button: Any) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)


def _printed(village: Village, kind: str) -> list[str]:
    """The states of the print jobs of a kind, once CUPS has finished each one."""
    from kiosk.services.print_service import build_print_service

    service = build_print_service(village.db, village.services.settings, village.paths)
    rows = village.db.conn.execute("SELECT id FROM print_jobs WHERE kind = ?", (kind,))
    return [service.wait_for(int(job_id), timeout=60).state for job_id, in rows.fetchall()]


def test_a_village_day(qtbot: QtBot, shell: Any, village: Village, province: Emulator) -> None:
    from kiosk.ui.voice_pages.hooks import _open_payment_feedback
    from tests.applications.helpers import filled_session

    province.faults(error_rate=0.3, drop_rate=0.05, commit_drop_rate=0.1, retry_after="1")
    window = shell.window
    holder = village.holder_with_payments()
    card = SocialSecurityCard(2, name=holder.name, id_number=holder.id_number,
                              card_number=holder.ssc_number)
    subsidy = window.pages["subsidy"]
    with VirtualCard(card, port=PORT):  # 1. the card in: payments shown
        qtbot.waitUntil(lambda: window.current_page.page_id == "subsidy"
                        and subsidy.faces.currentIndex() == 1, timeout=15_000)
        payment_id = subsidy._result.payments[0].payment_id
        _open_payment_feedback(subsidy)  # 2. a complaint about one payment
        feedback = window.pages["feedback"]
        qtbot.waitUntil(lambda: window.current_page is feedback)
        feedback.choices.setCurrentRow(0)
        _click(qtbot, shell, feedback.reasons.buttons["amount_wrong"])
        _click(qtbot, shell, feedback.submit)
        ticket = feedback.code.text()
        assert len(ticket) == 11
    assert _printed(village, "feedback_slip") == ["done"]
    apps = village.services.applications  # 3. an application with a scan, receipt printed
    draft = apps.start_draft("svc-elderly-allowance")
    submission = apps.submit_draft(draft.application_id,
                                   filled_session(apps, draft).to_json())
    assert apps.print_receipts() == ""
    assert _printed(village, "receipt") == ["done"]
    _sync_until_quiet(village)  # 4. sync through the faults
    staff = village.services.staff  # 5. the clerk accepts it
    staff.auth.add_user("1001", "王代办", "clerk", "258036")
    staff.auth.sign_in("1001", "258036")
    staff.clerk.act(submission.application_id, "accept", "材料齐全")
    staff.auth.sign_out()
    sent = json.loads(province.query("SELECT body FROM feedback")[0][0])
    province.control(f"feedback/{sent['feedback_id']}/reply",
                     {"text": "经核对，该笔按新标准发放，差额已补发。", "replied_by": "分水镇"})
    _sync_until_quiet(village)  # 6. the status and the reply come back
    window.show_page("progress", submission.receipt_code_display)
    progress = window.pages["progress"]
    qtbot.waitUntil(lambda: progress.views.currentIndex() == 1)
    assert "已受理" in _texts(progress)
    window.show_page("feedback-reply", ticket)
    qtbot.waitUntil(lambda: "差额已补发" in window.pages["feedback-reply"].reply.text())
    window.show_page("progress", submission.receipt_code_display)  # 7. the villager rates it
    qtbot.waitUntil(lambda: progress.views.currentIndex() == 1)
    rate_button = next(b for b in progress.findChildren(type(feedback.submit))
                       if b.text() == "评价这件事" and b.isVisible())
    _click(qtbot, shell, rate_button)
    rate = window.pages["rate"]
    assert window.current_page is rate
    _click(qtbot, shell, rate.face_buttons[5])
    assert "谢谢" in rate.thanks.text()
    _sync_until_quiet(village)
    window.wipe_session()  # 8. the idle reset wipes everything
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # labels it dropped
    for page_id in ("subsidy", "feedback", "feedback-reply", "rate", "progress"):
        shown = _texts(window.pages[page_id])
        for secret in (holder.name[1:], ticket, submission.receipt_code_display, "差额已补发"):
            assert not secret or secret not in shown, (page_id, secret)
    _each_once(village, province, submission.application_id, payment_id)


def _texts(widget: Any) -> str:
    from PySide6.QtWidgets import QWidget

    found = []
    for child in widget.findChildren(QWidget):
        text = getattr(child, "text", None)
        if callable(text):
            found.append(str(text()))
    return "\n".join(found)


def _each_once(village: Village, province: Emulator, application_id: str,
               payment_id: str) -> None:
    """Every item the terminal made is at the province once, with the bytes it sent."""
    local = {(i.kind, i.item_id): i.payload for i in outbox.list_items(
        village.db.conn, ("pending", "sending", "sent", "quarantined"))}
    assert all(state == "sent" for state, in village.db.conn.execute(
        "SELECT state FROM sync_outbox"))
    applications = province.query("SELECT application_id, body FROM applications")
    assert [(a, bytes(b)) for a, b in applications] == [
        (application_id, local[("application", application_id)])]
    [(feedback_id, body)] = province.query("SELECT feedback_id, body FROM feedback")
    assert bytes(body) == local[("feedback", feedback_id)]
    assert json.loads(body)["subject"] == {"type": "payment", "id": payment_id, "line": None}
    [(evaluation_id, body)] = province.query("SELECT evaluation_id, body FROM evaluations")
    assert bytes(body) == local[("evaluation", evaluation_id)]
    assert json.loads(body)["subject"]["application_id"] == application_id
    assert "id_number" not in bytes(body).decode()
    assert len(province.query("SELECT 1 FROM actions")) == 1
    events = province.query("SELECT seq FROM events")
    assert sorted(s for s, in events) == sorted(int(k[1]) for k in local if k[0] == "audit_event")
