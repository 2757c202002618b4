"""Finding 8: a 10,000-character search is refused in words, never an SQL error.

Through the command line and both services on a small demo village, through the storage layer
directly (bounded on its own), and in both search boxes of the UI (they stop at 40).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.demo.village import Scale
from kiosk.services.search_limits import MAX_QUERY_CHARS, SearchTooLong
from kiosk.storage import disclosures as disclosure_store
from tests.security.conftest import run
from tests.support.village import Village, demo_village

LONG = "低保" * 5000  # 10,000 characters: 9,999 bigram terms before the cap


@pytest.fixture
def village(data_dir: Path) -> Iterator[Village]:
    yield from demo_village(data_dir, Scale(residents=60, subsidy_months=2,
                                            disclosure_quarters=4))


def test_services_refuse_a_long_search_in_words(village: Village) -> None:
    with pytest.raises(SearchTooLong, match="at most 40") as refused:
        village.services.disclosures.browse(search=LONG)
    assert "10000" in str(refused.value)
    assert "最多 40 个字" in str(refused.value)
    with pytest.raises(SearchTooLong, match="at most 40"):
        village.services.catalog.search("a" * 10_000)
    word = village.services.disclosures.browse(limit=1)[0].title[:2]
    found = village.services.disclosures.browse(search=word)
    assert found
    assert village.services.disclosures.browse(search=" ".join([word] * 13)) == found  # 38
    assert village.services.catalog.search("dbsq")


def test_the_storage_query_is_bounded_whatever_it_is_given(village: Village) -> None:
    assert disclosure_store.QUERY_CHARS == MAX_QUERY_CHARS
    filters = disclosure_store.Filters(search=LONG)
    sql, params = disclosure_store.list_sql(filters, 10)
    assert sql.count("SELECT id FROM disclosure_terms") < MAX_QUERY_CHARS
    assert len(params) < 2 * MAX_QUERY_CHARS
    try:
        disclosure_store.list_items(village.db, filters)
    except sqlite3.OperationalError as error:  # the bug: too many terms in compound SELECT
        pytest.fail(f"unbounded query: {error}")


def test_the_command_line_refuses_it(capsys: pytest.CaptureFixture[str],
                                     village: Village) -> None:
    code, _out, err = run(capsys, "disclosures", "list", "--search", LONG)
    assert code == 2
    assert "at most 40" in err
    assert "Traceback" not in err
    assert "OperationalError" not in err


def test_both_search_boxes_stop_at_40(qtbot: QtBot, village: Village) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import KioskShell

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    shell: Any = KioskShell(app, village.services, pool, width=1920, height=1080)
    shell.window.show()
    try:
        for page_name, box in (("services", "search"), ("disclosure", "search_box")):
            shell.window.show_page(page_name)
            qtbot.waitUntil(lambda: shell.tasks.pending == 0)
            line = getattr(shell.window.pages[page_name], box)
            assert line.maxLength() == MAX_QUERY_CHARS
            line.setText(LONG)
            assert len(line.text()) == MAX_QUERY_CHARS
            line.insert("路灯")  # what a key press does: refused at the maximum
            assert len(line.text()) == MAX_QUERY_CHARS
        shell.window.pages["disclosure"].search_requested.emit()
        qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    finally:
        qtbot.waitUntil(lambda: shell.tasks.pending == 0)
        shell.dispose()
        pool.shutdown(wait=True)
