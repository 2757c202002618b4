"""The lookup and disclosure pages driven like a villager would (pytest-qt, real services)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.devices.cards.result import CardRead
from kiosk.services.card_service import CardReadDone, CardRemoved
from kiosk.services.subsidies import yuan
from kiosk.ui.card_bridge import CardBridge
from kiosk.ui.disclosure.browser import DisclosurePage
from kiosk.ui.disclosure.document_view import DisclosureDocumentPage
from kiosk.ui.disclosure.ledger_view import LedgerPage
from kiosk.ui.subsidy_page import SubsidyPage
from tests.support.village import Village


def _subsidy_page(shell) -> SubsidyPage:  # type: ignore[no-untyped-def]
    shell.window.show_page("subsidy")
    page = shell.window.pages["subsidy"]
    assert isinstance(page, SubsidyPage)
    return page


def _type(qtbot: QtBot, page: SubsidyPage, number: str) -> None:
    keys = {b.text(): b for b in page.pad.findChildren(QPushButton)}
    for ch in number:
        qtbot.mouseClick(keys[ch], Qt.MouseButton.LeftButton)


def _shown_amounts(page: SubsidyPage) -> list[str]:
    table = page.table
    return [item.text() for r in range(table.rowCount())
            if (item := table.item(r, 1)) is not None]


def test_typed_id_shows_payments_and_totals(qtbot: QtBot, shell, village: Village) -> None:  # type: ignore[no-untyped-def]
    resident = village.holder_with_payments()
    expected = village.services.subsidies.lookup_id_number(resident.id_number)
    page = _subsidy_page(shell)
    _type(qtbot, page, resident.id_number)
    assert page.search_button.isEnabled()
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.faces.currentIndex() == 1)
    assert sorted(_shown_amounts(page)) == sorted(yuan(p.amount_fen) for p in expected.payments)
    assert resident.masked_name in page.holder.text()
    assert resident.card_tail in page.holder.text()
    for year, totals in expected.by_year():
        assert f"{year}" in page.summary.text()
        assert yuan(totals.amount_fen) in page.summary.text()
    assert any("尾号" in (item.text() if (item := page.table.item(r, 4)) else "")
               for r in range(page.table.rowCount()))
    assert page.as_of.text().startswith("数据截至")
    assert "2026" in page.as_of.text()
    page.year_box.setCurrentIndex(1)
    page.year_box.activated.emit(1)
    year = page.year_box.currentData()
    assert sorted(_shown_amounts(page)) == sorted(
        yuan(p.amount_fen) for p in expected.payments if p.year == year)


def test_wrong_check_digit_is_said_at_the_18th(qtbot: QtBot, shell, village: Village) -> None:  # type: ignore[no-untyped-def]
    resident = village.holder_with_payments()
    wrong = resident.id_number[:17] + ("1" if resident.id_number[17] != "1" else "2")
    page = _subsidy_page(shell)
    _type(qtbot, page, wrong[:17])
    assert not page.entry.status.message.isVisible()
    _type(qtbot, page, wrong[17])
    assert page.entry.status.message.text() == "⚠ 第18位校验码不对，请核对"
    assert page.entry.status.message.isVisible()
    assert not page.search_button.isEnabled()  # nothing to look up with a number that is wrong
    assert page.faces.currentIndex() == 0
    assert wrong not in page.entry.status.message.text()
    qtbot.mouseClick(page.pad.buttons["⌫"], Qt.MouseButton.LeftButton)
    _type(qtbot, page, resident.id_number[17])
    assert not page.entry.status.message.isVisible()
    assert page.search_button.isEnabled()


def test_typed_id_is_large_grouped_6_8_4_and_counted(qtbot: QtBot, shell, village: Village) -> None:  # type: ignore[no-untyped-def]
    number = village.holder_with_payments().id_number
    page = _subsidy_page(shell)
    _type(qtbot, page, number[:12])
    assert page.entry.box.text() == f"{number[:6]} {number[6:12]}"
    assert page.entry.status.count.text() == "已输入 12/18"
    _type(qtbot, page, number[12:])
    assert page.entry.box.text() == f"{number[:6]} {number[6:14]} {number[14:]}"
    assert page.entry.status.count.text() == "已输入 18/18"
    points = shell.theme.pt_equivalent(page.entry.box.fontInfo().pixelSize())
    assert points >= 30  # a main element: readable by an elderly eye from the screen's distance
    assert page.entry.box.width() >= page.entry.box.fontMetrics().horizontalAdvance(
        page.entry.box.text())


def test_idle_reset_wipes_the_result(qtbot: QtBot, shell, village: Village) -> None:  # type: ignore[no-untyped-def]
    page = _subsidy_page(shell)
    _type(qtbot, page, village.holder_with_payments().id_number)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    shell.idle.session_expired.emit()
    assert shell.window.current_page.page_id == "home"
    assert page.table.rowCount() == 0
    assert page._result is None
    assert page._typed == ""
    assert page.holder.text() == ""
    assert page.year_box.count() == 0
    assert page.faces.currentIndex() == 0


def test_virtual_card_read_shows_that_holders_payments(  # type: ignore[no-untyped-def]
        qtbot: QtBot, shell, village: Village) -> None:
    resident = village.holder_with_payments()
    expected = village.services.subsidies.lookup_id_number(resident.id_number)
    page = _subsidy_page(shell)
    bridge = CardBridge()
    page.attach_card_bridge(bridge)
    card = CardRead(kind="social_security", card_number=resident.ssc_number,
                    bank_card_number=resident.bank_card).with_lookup_keys(
        village.demo.keys.lookup_key)
    bridge.listener(CardReadDone("vpcd 0", card))
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    assert sorted(_shown_amounts(page)) == sorted(yuan(p.amount_fen) for p in expected.payments)
    bridge.listener(CardRemoved("vpcd 0"))
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)


def test_nothing_found_says_whom_to_ask(qtbot: QtBot, shell) -> None:  # type: ignore[no-untyped-def]
    page = _subsidy_page(shell)
    _type(qtbot, page, "11010519491231002X")
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.faces.currentIndex() == 1)
    assert "代办员" in page.nothing.text()
    assert page.nothing.isVisible()


def _listed(page: DisclosurePage) -> list[str]:
    return [page.results.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(page.results.count())]


def test_search_and_tampered_items(qtbot: QtBot, shell, village: Village) -> None:  # type: ignore[no-untyped-def]
    shell.window.show_page("disclosure")
    page = shell.window.pages["disclosure"]
    assert isinstance(page, DisclosurePage)
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    assert page.results.count() == 40
    page.search_box.setText("低保")
    page.search_requested.emit()
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    hits = _listed(page)
    assert hits
    assert all("低保" in village.services.disclosures.show(h).item["body"]
                        or "低保" in village.services.disclosures.show(h).item["category"]
                        for h in hits)
    village.tamper(hits[0], body="低保名单已更改")
    page.search_requested.emit()
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    assert hits[0] not in _listed(page)
    assert len(_listed(page)) == len(hits) - 1
    shell.window.show_page("disclosure-document", hits[0])
    document = shell.window.pages["disclosure-document"]
    assert isinstance(document, DisclosureDocumentPage)
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    assert "签名" in document.meta.text()
    assert "低保名单已更改" not in document.title.text()
    assert not document.print_button.isVisible()


def test_ledger_opens_with_its_chart(qtbot: QtBot, shell) -> None:  # type: ignore[no-untyped-def]
    shell.window.show_page("ledger")
    page = shell.window.pages["ledger"]
    assert isinstance(page, LedgerPage)
    qtbot.waitUntil(lambda: page._ledger is not None)
    chart = page.chart.chart()
    assert len(chart.series()) == 2
    assert "收入" in page.totals.text()


def test_a_waiting_statement_says_so(qtbot: QtBot, shell, village: Village) -> None:  # type: ignore[no-untyped-def]
    """Never "take your paper" while nothing came out: the waiting job's own message."""
    import shutil

    printed = village.paths.printed_pdfs
    shutil.rmtree(printed, ignore_errors=True)
    printed.parent.mkdir(parents=True, exist_ok=True)
    printed.write_text("not a folder: the printer is offline")
    page = _subsidy_page(shell)
    _type(qtbot, page, village.holder_with_payments().id_number)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    qtbot.mouseClick(page.print_roll, Qt.MouseButton.LeftButton)
    message = page.print_message
    qtbot.waitUntil(lambda: bool(message.text()) and "…" not in message.text())
    assert "请取走" not in message.text()
    assert "打印机" in message.text()
    printed.unlink()  # the printer is back: the next statement comes out
    qtbot.mouseClick(page.print_roll, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "请取走" in message.text())
