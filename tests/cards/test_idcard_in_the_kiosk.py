"""A villager's ID card laid on the (fake, pty) ID card reader while the kiosk shows its home
page: the kiosk reads it, opens the subsidy lookup with that holder's payments; the villager
takes the card back (the payments stay: they are still reading), and the idle reset wipes
them. Real parts on the whole path but the reader's hardware: pyserial on a pseudo-terminal,
the GA/T 467 frames, the watcher thread, the card service, the Qt bridge, the page, the
database of a demo village."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.demo.village import Scale
from kiosk.devices.idcard.reader import IdCardReader
from kiosk.devices.reader import NullReaderBackend
from kiosk.services.card_service import CardService
from kiosk.services.id_card_watch import IdCardWatcher
from kiosk.ui.shell import KioskShell
from tests.lookup.conftest import shell  # the demo village's kiosk
from tests.support.fake_id_reader import FakeIdCard, FakeIdReader
from tests.support.village import Village, demo_village

pytestmark = pytest.mark.system
__all__ = ["shell"]


def _all_text(shell: KioskShell) -> str:
    texts = []
    for widget in shell.window.findChildren(QWidget):
        text = getattr(widget, "text", None)
        if callable(text) and widget.isVisibleTo(shell.window):
            texts.append(str(text()))
    return "\n".join(texts)


@pytest.fixture
def id_reader(tmp_path: Path) -> Iterator[FakeIdReader]:
    with FakeIdReader(tmp_path) as fake:
        yield fake


@pytest.fixture
def village(data_dir: Path, id_reader: FakeIdReader) -> Iterator[Village]:
    """The lookup tests' demo village, its card service reading the fake ID card reader."""
    def cards(lookup_key: bytes) -> CardService:
        watcher = IdCardWatcher(IdCardReader(id_reader.device), lookup_key, poll_seconds=0.1)
        return CardService(NullReaderBackend(), lookup_key, id_watcher=watcher)

    yield from demo_village(data_dir, Scale(residents=300, subsidy_months=24,
                                            disclosure_quarters=8), card_factory=cards)


@pytest.fixture
def live(shell: KioskShell, village: Village) -> Iterator[KioskShell]:
    """The shell with the ID card reader started, as `kiosk run` does after its first frame."""
    shell.start_background_work()
    yield shell
    assert village.services.cards is not None
    village.services.cards.stop()


def _card_of(village: Village, **changes: Any) -> FakeIdCard:
    holder = village.holder_with_payments()
    return FakeIdCard(name=holder.name, id_number=holder.id_number,
                      birth=holder.birth.strftime("%Y%m%d"), sex="1" if holder.male else "2",
                      **changes)


def test_an_id_card_shows_the_holders_payments_until_the_idle_reset(
        qtbot: QtBot, live: KioskShell, village: Village, id_reader: FakeIdReader) -> None:
    shell = live
    holder = village.holder_with_payments()
    expected = village.services.subsidies.lookup_id_number(holder.id_number)
    assert shell.window.current_page.page_id == "home"
    id_reader.lay(_card_of(village))
    qtbot.waitUntil(lambda: shell.window.current_page.page_id == "subsidy", timeout=10_000)
    qtbot.waitUntil(lambda: expected.holder_name_masked in _all_text(shell), timeout=10_000)
    shown = _all_text(shell)
    for year, totals in expected.by_year():
        assert year in shown
        assert str(totals.count) in shown
    assert holder.id_number not in shown
    assert holder.name not in shown or len(holder.name) == 1
    cards = village.services.cards
    assert cards is not None
    assert cards.last_result is not None

    id_reader.lift()  # taken back: still on screen while the villager reads
    watcher = cards.id_watcher
    assert watcher is not None
    qtbot.waitUntil(lambda: not watcher.card_present, timeout=5_000)
    assert expected.holder_name_masked in _all_text(shell)

    shell.idle.countdown_s = 1  # the real idle monitor, with short times
    shell.idle.set_idle_seconds(1)
    qtbot.waitUntil(lambda: shell.window.current_page.page_id == "home", timeout=10_000)
    assert expected.holder_name_masked not in _all_text(shell)
    assert cards.last_result is None


def test_an_expired_id_card_still_looks_up_and_says_so(
        qtbot: QtBot, live: KioskShell, village: Village, id_reader: FakeIdReader) -> None:
    shell = live
    expected = village.services.subsidies.lookup_id_number(
        village.holder_with_payments().id_number)
    id_reader.lay(_card_of(village, valid_from="20000101", valid_to="20200101"))
    qtbot.waitUntil(lambda: expected.holder_name_masked in _all_text(shell), timeout=10_000)
    qtbot.waitUntil(lambda: "身份证已过期" in _all_text(shell), timeout=5_000)


def test_an_id_card_on_the_progress_page_looks_up_that_persons_applications(
        qtbot: QtBot, live: KioskShell, village: Village, id_reader: FakeIdReader) -> None:
    shell = live
    shell.window.show_page("progress")
    id_reader.lay(_card_of(village))
    qtbot.waitUntil(lambda: village.services.cards is not None
                    and village.services.cards.last_result is not None, timeout=10_000)
    qtbot.waitUntil(lambda: shell.tasks.pending == 0, timeout=5_000)
    assert shell.window.current_page.page_id == "progress"
    text = _all_text(shell)
    assert "本机没有您的申请。" in text  # looked up by the card's ID number: none made here


def test_an_id_card_read_fills_in_the_applicant_of_a_form(
        qtbot: QtBot, live: KioskShell, village: Village, id_reader: FakeIdReader) -> None:
    shell = live
    holder = village.holder_with_payments()
    id_reader.lay(_card_of(village, address="浙江省杭州市桐庐县分水镇桐溪村8号"))
    qtbot.waitUntil(lambda: shell.window.current_page.page_id == "subsidy", timeout=10_000)
    shell.window.show_page("services")
    catalog = shell.window.current_page
    catalog.show_detail(village.services.catalog.detail("svc-dibao"))  # type: ignore[attr-defined]
    catalog._on_apply()  # type: ignore[attr-defined]  # the villager presses 申请
    qtbot.waitUntil(lambda: shell.window.current_page.page_id == "wizard", timeout=5_000)
    wizard = shell.window.current_page
    qtbot.waitUntil(lambda: getattr(wizard, "session", None) is not None, timeout=5_000)
    answers = wizard.session.evaluation().answers  # type: ignore[attr-defined]
    assert holder.name in answers.values()
    assert holder.id_number in answers.values()
