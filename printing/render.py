"""Document kinds and their renderers: the one entry point from stored data to a PDF.

The print queue stores a kind and its data as JSON; `render(kind, data)` turns them into a PDF
again, today or after a restart. Adding a document means adding one line to `DOCUMENTS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from printing.documents import form, ledger, receipt, statement, testpage, voice_slips
from printing.errors import DocumentDataError
from printing.model import (
    ApplicationFormData,
    LedgerData,
    ReceiptData,
    SubsidyStatementData,
    TestPageData,
    from_dict,
)
from printing.rendered import PaperKind, Rendered


@dataclass(frozen=True)
class Document:
    kind: str
    data_type: type[Any]
    paper: PaperKind | None  # None: the data says (the test page)
    render: Callable[[Any], Rendered]
    label: str


DOCUMENTS: dict[str, Document] = {d.kind: d for d in (
    Document(receipt.KIND, ReceiptData, "roll", receipt.render, "申报回执 application receipt"),
    Document(form.KIND, ApplicationFormData, "a4", form.render, "申请表 application form"),
    Document(statement.KIND_A4, SubsidyStatementData, "a4", statement.render_a4,
             "补贴明细 subsidy statement (A4)"),
    Document(statement.KIND_ROLL, SubsidyStatementData, "roll", statement.render_roll,
             "补贴明细 subsidy statement (roll)"),
    Document(ledger.KIND, LedgerData, "a4", ledger.render, "公开台账 disclosure ledger"),
    Document(testpage.KIND, TestPageData, None, testpage.render, "打印测试页 test page"),
    Document(voice_slips.SLIP_KIND, voice_slips.FeedbackSlipData, "roll",
             voice_slips.render_slip, "意见回执 feedback ticket slip"),
    Document(voice_slips.FORM_KIND, voice_slips.EvaluationFormData, "roll",
             voice_slips.render_form, "评价表 paper rating form"),
)}


def document(kind: str) -> Document:
    try:
        return DOCUMENTS[kind]
    except KeyError:
        raise DocumentDataError(
            f"unknown document kind {kind!r}; known: {', '.join(sorted(DOCUMENTS))}") from None


def parse(kind: str, data: Mapping[str, Any]) -> Any:
    """The typed data of a document from its JSON form (a `DocumentDataError` if wrong)."""
    return from_dict(document(kind).data_type, data, where=kind)


def paper_of(kind: str, data: Any) -> PaperKind:
    """Which paper (roll or A4) a document goes on, without rendering it."""
    spec = document(kind)
    if spec.paper is not None:
        return spec.paper
    paper = getattr(data, "paper", None) if not isinstance(data, Mapping) else data.get("paper")
    return "a4" if paper == "a4" else "roll"


def render(kind: str, data: Any) -> Rendered:
    """Render typed data, or its JSON form, as the document `kind`."""
    spec = document(kind)
    if isinstance(data, Mapping):
        data = parse(kind, data)
    if not isinstance(data, spec.data_type):
        raise DocumentDataError(f"{kind}: expected {spec.data_type.__name__} data")
    return spec.render(data)
