"""Every document renders with the Chinese extractable and every font embedded; the roll page
is as long as its content; long ledgers paginate with repeated headers and "page x of y"."""

from __future__ import annotations

import pytest

from printing import samples
from printing.documents.text import wrap
from printing.documents.voice_slips import EvaluationFormData, FeedbackSlipData
from printing.errors import DocumentDataError, FontNotFound
from printing.fonts import FONT_NAME, cjk_font, find_font_file
from printing.model import TestPageData, mask_id_number, mask_name
from printing.render import DOCUMENTS, parse, render
from printing.rendered import Rendered
from tests.printing.conftest import pdf_fonts, pdf_page_size_pt, pdf_pages, pdf_text

MM = 72 / 25.4

SAMPLES = {
    "receipt": samples.receipt(),
    "application_form": samples.application_form(),
    "subsidy_statement_a4": samples.subsidy_statement(),
    "subsidy_statement_roll": samples.subsidy_statement(4),
    "ledger": samples.ledger(),
    "test_page": TestPageData(printer="kiosk-pdf", paper="roll"),
    "feedback_slip": FeedbackSlipData("62F-E74-Z8D", "桐溪村", "异议", "2026年三季度财务公开",
                                      "2026-12-03 14:00"),
    "evaluation_form": EvaluationFormData("桐溪村", "高龄津贴申领", "K7M-29Q-XD4"),
}
EXPECTED_TEXT = {
    "receipt": ["申 报 回 执", "HZ20261130-0042", "残疾人两项补贴申请", "户口簿原件及复印件",
                "办件查询"],
    "application_form": ["残疾人两项补贴申请表", "申请人(签名/手印)", "户籍地址"],
    "subsidy_statement_a4": ["惠民惠农补贴发放明细", "困难残疾人生活补贴", "5341"],
    "subsidy_statement_roll": ["惠民惠农补贴发放明细", "合计"],
    "ledger": ["村级财务支出公开表", "开支项目", "第 1 页 / 共 3 页"],
    "test_page": ["打印测试页", "中文字体"],
    "feedback_slip": ["意 见 回 执", "62F-E74-Z8D", "如何查看答复"],
    "evaluation_form": ["政务服务评价表", "K7M-29Q-XD4", "非常不满意", "跑了好几趟"],
}


def test_every_document_kind_has_a_sample() -> None:
    assert set(SAMPLES) == set(DOCUMENTS)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_chinese_is_extractable_and_every_font_embedded(kind: str) -> None:
    rendered = render(kind, SAMPLES[kind])
    text = _squash(pdf_text(rendered.pdf))
    for expected in EXPECTED_TEXT[kind]:
        assert _squash(expected) in text, f"{expected!r} not found by pdftotext in {kind}"
    fonts = pdf_fonts(rendered.pdf)
    assert fonts, "no fonts at all?"
    assert all(emb == "yes" for _, emb in fonts), fonts
    assert all("WenQuanYi" in name for name, _ in fonts), fonts  # no stray Helvetica


@pytest.mark.parametrize("kind", ["receipt", "subsidy_statement_roll", "test_page"])
def test_roll_page_is_80mm_wide_and_as_long_as_said(kind: str) -> None:
    rendered = render(kind, SAMPLES[kind])
    width, height = pdf_page_size_pt(rendered.pdf)
    assert rendered.paper.kind == "roll"
    assert width == pytest.approx(80 * MM, abs=0.5)
    assert height == pytest.approx(rendered.paper.height_mm * MM, abs=0.5)
    assert rendered.paper.cups_media == f"Custom.80x{rendered.paper.height_mm:g}mm"


def test_receipt_length_follows_content() -> None:
    short = render("receipt", {**_receipt_json(), "materials_to_bring": []})
    materials = [f"材料{i}" for i in range(8)]
    long = render("receipt", {**_receipt_json(), "materials_to_bring": materials})
    assert long.paper.height_mm > short.paper.height_mm + 20


def test_receipt_masks_the_applicant() -> None:
    text = pdf_text(render("receipt", samples.receipt()).pdf)
    assert "张秀英" not in text
    assert "张**" in text
    assert "330110195203151226" not in text
    assert "330110********1226" in text


def test_ledger_repeats_headers_and_numbers_pages() -> None:
    rendered = render("ledger", samples.ledger(75))
    assert rendered.pages == 3 == pdf_pages(rendered.pdf)
    for page in (1, 2, 3):
        text = _squash(pdf_text(rendered.pdf, page))
        assert "开支项目" in text, f"header missing on page {page}"
        assert "凭证号" in text, f"header missing on page {page}"
        assert f"第{page}页/共3页" in text
    assert "75" in pdf_text(rendered.pdf, 3)


def test_a4_documents_are_a4() -> None:
    for kind in ("application_form", "subsidy_statement_a4", "ledger"):
        width, height = pdf_page_size_pt(render(kind, SAMPLES[kind]).pdf)
        assert (width, height) == pytest.approx((595.3, 841.9), abs=0.5)


def test_json_round_trip_renders_the_same_document() -> None:
    from printing.model import to_dict

    data = to_dict(samples.application_form())
    assert parse("application_form", data) == samples.application_form()
    assert isinstance(render("application_form", data), Rendered)


def test_bad_data_names_the_field() -> None:
    with pytest.raises(DocumentDataError, match="missing field 'service'"):
        parse("receipt", {"receipt_code": "A", "village": "v", "applicant_name": "x",
                          "submitted_at": "t"})
    with pytest.raises(DocumentDataError, match=r"materials_to_bring: expected a list"):
        parse("receipt", {**_receipt_json(), "materials_to_bring": "户口簿"})
    with pytest.raises(DocumentDataError, match="unknown document kind"):
        render("nope", {})
    with pytest.raises(DocumentDataError, match="rows"):
        parse("ledger", {"title": "t", "village": "v", "columns": ["a", "b"], "rows": [["1"]]})


def test_masks() -> None:
    assert mask_name("张三丰") == "张**"
    assert mask_name("张*") == "张*"
    assert mask_id_number("330102199001011234") == "330102********1234"
    assert mask_id_number("330102********1234") == "330102********1234"


def test_wrap_keeps_words_and_punctuation() -> None:
    font = cjk_font()
    text = "凭回执号 HZ20261130-0042 在本终端查询进度,或拨打12345热线。" * 3
    lines = wrap(text, font, 10, 150)
    from printing.documents.text import width

    assert all(width(line, font, 10) <= 150 + 0.01 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith((",", "。", "，")) for line in lines)
    assert any("HZ20261130-0042" in line for line in lines)  # the code is never split


def test_font_registered_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once per process: later calls never touch reportlab again (what that saves is measured
    in bench/bench_printing.py, the font loading cost)."""
    from reportlab.pdfbase import pdfmetrics

    cjk_font()
    registered: list[object] = []
    monkeypatch.setattr(pdfmetrics, "registerFont", registered.append)
    for _ in range(100):
        assert cjk_font() == FONT_NAME
    assert registered == []


def test_font_override_must_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_CJK_FONT", "/nonexistent/font.ttc")
    with pytest.raises(FontNotFound, match="KIOSK_CJK_FONT"):
        find_font_file()


def _receipt_json() -> dict[str, object]:
    return {"receipt_code": "R-1", "village": "示范村", "service": "低保申请",
            "applicant_name": "王大明", "submitted_at": "2026-11-30T11:00:00+08:00"}


def _squash(text: str) -> str:
    """pdftotext decides the spacing itself: compare without blanks."""
    return "".join(text.split())
