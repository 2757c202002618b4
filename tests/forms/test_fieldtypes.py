"""Field types one by one: what is tidied, what is refused and with which message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from forms import evaluate
from forms.identity import make_bank_card, make_id_number
from tests.forms.conftest import TODAY, build, field, t

VALID_ID = make_id_number("330781", dt.date(1950, 5, 12), 123)


def _issues(kind: str, value: Any, **extra: Any) -> list[tuple[str, str]]:
    definition = build({"id": "p", "title": t("页", "Page"),
                        "fields": [field("x", kind, **extra)]})
    result = evaluate(definition, {"x": value}, today=TODAY, pages=["p"])
    return [(i.code, i.severity) for i in (*result.report.errors, *result.report.warnings)]


def _value(kind: str, value: Any, **extra: Any) -> Any:
    definition = build({"id": "p", "title": t("页", "Page"),
                        "fields": [field("x", kind, **extra)]})
    return evaluate(definition, {"x": value}, today=TODAY, pages=["p"]).answers.get("x")


def test_id_number_accepts_valid_full_width_and_lowercase_x() -> None:
    assert _issues("id_number", VALID_ID) == []
    full_width = VALID_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert _value("id_number", full_width) == VALID_ID
    with_x = make_id_number("330102", dt.date(1949, 10, 1), 3)
    if with_x.endswith("X"):
        assert _value("id_number", with_x.lower()) == with_x


def test_id_number_of_an_elderly_villager_in_a_newer_county_is_accepted() -> None:
    # 余杭区 (330110) exists since 2001; people born long before carry the code.
    assert _issues("id_number", make_id_number("330110", dt.date(1940, 2, 2), 17)) == []


@pytest.mark.parametrize(("value", "code"), [
    (VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1"), "id_checksum"),
    ("33078119500512", "id_length"),
    ("330781500512123", "id_old_format"),
    (VALID_ID[:5] + "A" + VALID_ID[6:], "id_format"),
    (make_id_number("330781", dt.date(2027, 1, 1), 5), "id_birth_future"),
    (make_id_number("999999", dt.date(1980, 1, 1), 5), "id_region"),
])
def test_id_number_rejections(value: str, code: str) -> None:
    assert _issues("id_number", value) == [(code, "error")]


def test_id_number_with_impossible_birth_date() -> None:
    body = "33078119500231123"  # 31 February
    from stdnum.cn import ric

    assert _issues("id_number", body + ric.calc_check_digit(body + "0")) == [
        ("id_birth_date", "error")]


def test_phone_strips_country_code_and_separators() -> None:
    assert _value("phone", "+86 139-0579-1234") == "13905791234"
    assert _issues("phone", "12905791234") == [("phone_format", "error")]
    assert _issues("phone", "0579-1234567") == [("phone_format", "error")]


def test_bank_card_luhn_failure_is_only_a_warning() -> None:
    good = make_bank_card("621700")
    assert _issues("bank_card", good) == []
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert _issues("bank_card", bad) == [("card_luhn", "warning")]
    assert _issues("bank_card", "1234") == [("card_format", "error")]


def test_money_reads_yuan_text_and_keeps_fen_integers() -> None:
    assert _value("money", "1,200.5元") == 120050
    assert _value("money", "￥３０") == 3000
    assert _value("money", 99) == 99
    assert _issues("money", "12.345") == [("wrong_type", "error")]
    assert _issues("money", 1.5) == [("wrong_type", "error")]
    assert _issues("money", -1) == [("too_small", "error")]
    assert _issues("money", 5000, max_fen=4000) == [("too_large", "error")]


def test_integer_refuses_booleans_and_respects_limits() -> None:
    assert _value("integer", " 42 ") == 42
    assert _issues("integer", True) == [("wrong_type", "error")]
    assert _issues("integer", 0, min=1) == [("too_small", "error")]


def test_dates_in_chinese_form_and_today_limit() -> None:
    assert _value("date", "2026年1月5日") == "2026-01-05"
    assert _value("date", "2026/1/5") == "2026-01-05"
    assert _issues("date", "2026-02-30") == [("bad_date", "error")]
    assert _issues("date", "2026-12-01", max="today") == [("too_late", "error")]
    assert _issues("date", "2026-11-30", max="today") == []


def test_choices() -> None:
    options = [{"value": "a", "label": t("甲", "A")}, {"value": "b", "label": t("乙", "B")}]
    assert _issues("choice", "c", options=options) == [("not_an_option", "error")]
    assert _value("multi_choice", ["b", "a", "b"], options=options) == ["a", "b"]
    assert _issues("multi_choice", ["a"], options=options, min_selected=2) == [
        ("too_few", "error")]


def test_yes_no_text_and_consent_must_be_true_when_required() -> None:
    assert _value("yes_no", "是") is True
    assert _value("yes_no", "no") is False
    assert _issues("yes_no", "maybe") == [("wrong_type", "error")]
    assert _issues("consent", False, required=True, statement=t("同意", "Agree")) == [
        ("required", "error")]
    assert _issues("consent", True, required=True, statement=t("同意", "Agree")) == []


def test_text_length_and_control_characters() -> None:
    assert _value("text", "  王   秀英 ") == "王 秀英"
    assert _issues("text", "x" * 31, max_length=30) == [("too_long", "error")]
    assert _issues("text", "a\x00b") == [("bad_characters", "error")]
    assert _value("long_text", "第一行\n第二行") == "第一行\n第二行"


def test_address_from_text_or_parts() -> None:
    assert _value("address", " 上塘路 12 号 ") == {"detail": "上塘路 12 号"}
    assert _issues("address", {"township": "诸葛镇"}) == [("address_detail", "error")]
    assert _issues("address", {"street": "x", "detail": "y"}) == [("wrong_type", "error")]


def _blob(media_type: str = "image/jpeg", size: int = 500) -> dict[str, Any]:
    return {"sha256": "a" * 64, "filename": "x.jpg", "media_type": media_type, "size": size}


def test_attachment_type_size_and_count_limits() -> None:
    limits = {"accept": ["image/jpeg"], "max_size_bytes": 1000, "max_files": 2}
    assert _issues("attachment", [_blob()], **limits) == []
    assert _issues("attachment", [_blob("application/pdf")], **limits) == [
        ("file_type", "error")]
    assert _issues("attachment", [_blob(size=1001)], **limits) == [("file_too_large", "error")]
    assert _issues("attachment", [_blob()] * 3, **limits) == [("too_many_files", "error")]
    assert _issues("attachment", [{"sha256": "zz"}], **limits) == [("bad_file", "error")]


def test_signature_must_be_a_png_blob() -> None:
    png = {"sha256": "b" * 64, "media_type": "image/png", "size": 900}
    assert _issues("signature", png) == []
    assert _issues("signature", {**png, "media_type": "image/jpeg"}) == [
        ("bad_signature", "error")]
    assert _issues("signature", "signed") == [("bad_signature", "error")]
