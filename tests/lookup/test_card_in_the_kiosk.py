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
def live_reader(shell: KioskShell, village: Village) -> Iterator[KioskShell]:
    """The shell with the real PC/SC reader started, as `kiosk run` does after its first frame."""
    lookup_key = village.demo.keys.lookup_key
    village.services.card_factory = lambda: CardService(
        create_backend("pcsc"), lookup_key, reader=reader_name(PORT), poll_seconds=0.2)
    shell.start_background_work()
    yield shell
    assert village.services.cards is not None
    village.services.cards.stop()


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
    assert village.services.cards is not None
    assert village.services.cards.last_result is None
