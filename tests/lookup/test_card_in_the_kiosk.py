"""A villager's social-security card, put in the real reader (pcscd + vpcd) while the kiosk shows
its home page: the kiosk reads it, opens the subsidy lookup and shows that holder's payments;
pulling the card out wipes them. The whole path is real: pyscard, the card protocols, the
card service's monitor thread, the Qt bridge, the page and the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.devices.backends import create_backend
from kiosk.services.card_service import CardService
from kiosk.ui.shell import KioskShell
from tests.support.cards import SocialSecurityCard
from tests.support.village import Village
from tests.support.virtual_card import VirtualCard, reader_name

PORT = 35963  # the card tests use the other virtual reader (35964)

pytestmark = pytest.mark.system


def _all_text(shell: KioskShell) -> str:
    texts = []
    for widget in shell.window.findChildren(QWidget):
        text = getattr(widget, "text", None)
        if callable(text) and widget.isVisibleTo(shell.window):
            texts.append(str(text()))
    return "\n".join(texts)


@pytest.fixture
def live_reader(qtbot: QtBot, village: Village) -> Iterator[KioskShell]:
    """A shell with the real PC/SC reader started, as `kiosk run` does after its first frame:
    the composition root hands the services their card factory when it builds them."""
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtWidgets import QApplication

    from kiosk.services.registry import Services
    from kiosk.ui.shell import install_language

    lookup_key = village.demo.keys.lookup_key
    services = Services.build(
        village.db, village.services.settings, village.paths,
        card_factory=lambda: CardService(create_backend("pcsc"), lookup_key,
                                         reader=reader_name(PORT), poll_seconds=0.2))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    shell = KioskShell(app, services, pool, width=1920, height=1080)
    qtbot.addWidget(shell.window)
    shell.window.show()
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    shell.start_background_work()
    yield shell
    assert services.cards is not None
    services.cards.stop()
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    shell.dispose()
    pool.shutdown(wait=True)


def test_a_card_put_in_at_home_shows_that_holders_payments(
        qtbot: QtBot, live_reader: KioskShell, village: Village) -> None:
    shell = live_reader
    holder = village.holder_with_payments()
    expected = village.services.subsidies.lookup_id_number(holder.id_number)
    card = SocialSecurityCard(2, name=holder.name, id_number=holder.id_number,
                              card_number=holder.ssc_number)
    assert shell.window.current_page.page_id == "home"
    with VirtualCard(card, port=PORT):
        qtbot.waitUntil(lambda: shell.window.current_page.page_id == "subsidy", timeout=10_000)
        qtbot.waitUntil(lambda: expected.holder_name_masked in _all_text(shell), timeout=10_000)
        shown = _all_text(shell)
        for year, totals in expected.by_year():
            assert year in shown
            assert str(totals.count) in shown
        assert holder.id_number not in shown  # never the plain number on screen
    # the card came out: what it showed is gone
    qtbot.waitUntil(lambda: expected.holder_name_masked not in _all_text(shell), timeout=10_000)
    assert shell.services.cards is not None
    assert shell.services.cards.last_result is None
