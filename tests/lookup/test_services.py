"""Subsidy lookup and disclosure search/verification through the service layer (no Qt)."""

from __future__ import annotations

import json

import pytest

from kiosk.services.disclosures import DisclosureUnavailable
from kiosk.services.subsidies import InvalidIdNumber, validate_id_number
from kiosk.storage.disclosures import normalise, searchable_text
from tests.support.village import Village


def _raw_payments(village: Village, id_number: str) -> list[tuple[str, int]]:
    from kiosk.services.holder_keys import id_number_key

    key = id_number_key(village.demo.keys.lookup_key, id_number)
    return sorted(village.db.conn.execute(
        "SELECT p.payment_id, p.amount_fen FROM subsidy_payments p JOIN subsidy_holder_keys k"
        " ON k.payment_id = p.payment_id WHERE k.holder_key = ?", (key,)).fetchall())


def test_typed_id_finds_every_payment_with_totals(village: Village) -> None:
    resident = village.holder_with_payments()
    result = village.services.subsidies.lookup_id_number(resident.id_number.lower())
    expected = _raw_payments(village, resident.id_number)
    assert sorted((p.payment_id, p.amount_fen) for p in result.payments) == expected
    assert result.totals.amount_fen == sum(a for _, a in expected)
    assert sum(t.count for _, t in result.by_year()) == len(expected)
    assert result.holder_name_masked == resident.masked_name
    assert result.card_tails == (resident.card_tail,)
    assert result.data_as_of
    body = json.dumps(result.as_json(), ensure_ascii=False)
    assert resident.id_number not in body
    assert resident.name not in body
    assert {"payment_id", "amount_fen", "item_code", "paid_on"} <= set(
        result.as_json()["payments"][0])


def test_card_numbers_find_the_same_payments(village: Village) -> None:
    resident = village.holder_with_payments()
    by_id = village.services.subsidies.lookup_id_number(resident.id_number)
    by_bank = village.services.subsidies.lookup_card_number(resident.bank_card)
    by_ssc = village.services.subsidies.lookup_card_number(resident.ssc_number.lower())
    assert by_id.payments == by_bank.payments == by_ssc.payments


def test_filters_by_year_and_item(village: Village) -> None:
    result = village.services.subsidies.lookup_id_number(
        village.holder_with_payments().id_number)
    year, item = result.years[-1], result.items[0]
    only = result.filtered(year, item)
    assert only.payments
    assert all(p.year == year and p.item_name == item for p in only.payments)
    assert result.filtered().payments == result.payments
    assert village.services.subsidies.lookup_id_number(
        village.holder_with_payments().id_number, year).payments == result.filtered(
        year).payments


@pytest.mark.parametrize(("typed", "code"), [
    ("33012219571202416", "length"), ("3301221957120241XX", "format"),
    ("330122195702304163", "birth_date"), ("33012219571202416Y", "format"),
    ("330122195712024161", "check_digit"),
])
def test_bad_id_numbers_get_a_reason(typed: str, code: str) -> None:
    with pytest.raises(InvalidIdNumber) as caught:
        validate_id_number(typed)
    assert caught.value.code == code
    assert typed not in str(caught.value)


def test_nobody_found_is_not_an_error(village: Village) -> None:
    result = village.services.subsidies.lookup_id_number("11010519491231002X")
    assert not result.found
    assert result.payments == ()


def _brute_force(village: Village, term: str) -> set[str]:
    found = set()
    for (data,) in village.db.conn.execute("SELECT data FROM disclosures"):
        item = json.loads(data)
        if normalise(term) in searchable_text(item):
            found.add(item["id"])
    return found


@pytest.mark.parametrize("term", ["低保", "路灯", "党费", "公示", "村级财务收支", "强村公司",
                                  "季", "2025年", "不存在的词", "xq"])
def test_search_finds_exactly_the_items_containing_the_term(village: Village, term: str) -> None:
    found = {s.id for s in village.services.disclosures.browse(search=term, limit=1000)}
    assert found == _brute_force(village, term)


def test_search_with_two_terms_needs_both(village: Village) -> None:
    both = {s.id for s in village.services.disclosures.browse(search="低保 2025", limit=1000)}
    assert both
    assert both == _brute_force(village, "低保") & _brute_force(village, "2025")


def test_browse_is_newest_first_and_filters(village: Village) -> None:
    items = village.services.disclosures.browse(kind="finance", period="2025")
    assert items
    assert all(i.kind == "finance" and i.period.startswith("2025") for i in items)
    dates = [i.published_at for i in items]
    assert dates == sorted(dates, reverse=True)


def test_tampered_item_is_never_shown_and_is_reported(village: Village) -> None:
    service = village.services.disclosures
    victim = service.browse(search="低保")[0]
    service.show(victim.id)  # verified once: the cache must not hide a later change
    village.tamper(victim.id, title=victim.title + "(已篡改)", body="低保名单作废")
    assert victim.id not in {s.id for s in service.browse(limit=1000)}
    assert victim.id not in {s.id for s in service.browse(search="低保", limit=1000)}
    with pytest.raises(DisclosureUnavailable):
        service.show(victim.id)
    report = service.verify_all()
    assert not report.ok
    assert [f["id"] for f in report.failed] == [victim.id]
    assert victim.id in {r["id"] for r in service.rejected()}


def test_ledger_has_twelve_months_that_add_up(village: Village) -> None:
    service = village.services.disclosures
    year = service.ledger_years()[0]
    ledger = service.ledger(year)
    assert len(ledger.months) == 12
    income = sum(x["amount_fen"] for x in ledger.lines if x["direction"] == "income")
    assert ledger.income_fen == income > 0
    assert ledger.months[-1].balance_fen == ledger.income_fen - ledger.expense_fen


def test_printed_statement_names_the_village(village: Village) -> None:
    from kiosk.storage.print_jobs import get_job
    from tests.printing.conftest import pdf_text

    holder = village.holder_with_payments()
    result = village.services.subsidies.lookup_id_number(holder.id_number)
    job = get_job(village.db, village.services.subsidies.print_statement(result, "roll"))
    assert job is not None
    assert job.state == "done"  # printed, so its data in the queue is deleted (retention):
    assert job.backend_ref is not None  # read the page that came out instead
    printed = village.paths.printed_pdfs / job.backend_ref
    assert "桐溪村" in pdf_text(printed)  # from the terminal's facts, not left blank
