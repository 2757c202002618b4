"""Plain data for every printable document: what the app hands the printing library.

Documents are rendered from these frozen dataclasses, never from the database, so the same data
can be stored in the print queue as JSON and rendered again after a crash. `from_dict` rebuilds
one from that JSON and says clearly which field is missing or wrong. Personal data is masked
here as well as upstream (defence in depth): a receipt lying on the counter shows `张*` and
`330102********1234`, never a whole name or ID number.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from printing.errors import DocumentDataError

T = TypeVar("T")

DEFAULT_PROGRESS_HINT = (
    "凭回执号在本终端「办件查询」查看进度,或扫描二维码、拨打 12345 政务服务热线查询。"
)


def mask_name(name: str) -> str:
    """`张三丰` -> `张**`; already masked or empty names stay as they are."""
    name = name.strip()
    if len(name) <= 1 or set(name[1:]) == {"*"}:
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_id_number(number: str) -> str:
    """`330102199001011234` -> `330102********1234`; short or masked values are kept."""
    number = number.strip()
    if "*" in number or len(number) < 11:
        return number
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_card_tail(card: str) -> str:
    """Only the last four digits of a card ever reach paper."""
    digits = re.sub(r"\D", "", card)
    return digits[-4:]


@dataclass(frozen=True)
class ReceiptData:
    """The application receipt (申报回执) printed on the 80 mm roll after a submission."""

    receipt_code: str
    village: str
    service: str
    applicant_name: str
    submitted_at: str
    applicant_id_number: str = ""
    materials_to_bring: tuple[str, ...] = ()
    progress_hint: str = DEFAULT_PROGRESS_HINT
    query_url: str = ""
    terminal_id: str = ""
    clerk: str = ""

    def __post_init__(self) -> None:
        if not self.receipt_code.strip():
            raise DocumentDataError("receipt_code: a receipt needs its receipt code")
        object.__setattr__(self, "applicant_name", mask_name(self.applicant_name))
        object.__setattr__(self, "applicant_id_number", mask_id_number(self.applicant_id_number))

    @property
    def qr_payload(self) -> str:
        return self.query_url or self.receipt_code


@dataclass(frozen=True)
class FormField:
    label: str
    value: str = ""
    wide: bool = False  # takes a whole row on the paper form


@dataclass(frozen=True)
class FormSection:
    title: str
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class ApplicationFormData:
    """An application laid out like the paper form (申请表), for signing and for the clerk."""

    title: str
    village: str
    sections: tuple[FormSection, ...]
    receipt_code: str = ""
    submitted_at: str = ""
    materials: tuple[str, ...] = ()
    declaration: str = (
        "本人承诺以上所填信息及所提交材料真实、完整、有效,如有虚假,愿承担相应法律责任。"
    )
    signatures: tuple[str, ...] = ("申请人(签名/手印)", "代办员(签名)")


@dataclass(frozen=True)
class SubsidyRow:
    item: str
    period: str
    amount: str
    paid_on: str = ""
    standard: str = ""
    department: str = ""
    status: str = "已发放"


@dataclass(frozen=True)
class SubsidyStatementData:
    """惠民惠农补贴 "一卡通" statement for one holder, on A4 or on the roll."""

    holder_name: str
    card_tail: str
    village: str
    rows: tuple[SubsidyRow, ...]
    period_label: str = ""
    generated_at: str = ""
    note: str = "本单据仅供查询核对,以财政部门发放记录为准。"

    def __post_init__(self) -> None:
        object.__setattr__(self, "holder_name", mask_name(self.holder_name))
        object.__setattr__(self, "card_tail", mask_card_tail(self.card_tail))


@dataclass(frozen=True)
class LedgerData:
    """A disclosure (三务公开) table, e.g. the expense ledger: A4, paginated, headers repeated."""

    title: str
    village: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    period: str = ""
    publisher: str = ""
    published_at: str = ""
    column_weights: tuple[float, ...] = ()
    numeric_columns: tuple[int, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        width = len(self.columns)
        if width == 0:
            raise DocumentDataError("columns: a ledger needs at least one column")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise DocumentDataError(
                    f"rows[{number}]: has {len(row)} cells, the ledger has {width} columns")
        if self.column_weights and len(self.column_weights) != width:
            raise DocumentDataError("column_weights: one weight per column")


@dataclass(frozen=True)
class TestPageData:
    """Printer diagnostics: fonts, alignment marks, a QR code, the paper size."""

    __test__ = False  # not a pytest test class despite the name

    printer: str = ""
    terminal_id: str = ""
    generated_at: str = ""
    paper: str = "roll"  # "roll" (80 mm) or "a4"

    def __post_init__(self) -> None:
        if self.paper not in ("roll", "a4"):
            raise DocumentDataError("paper: must be 'roll' or 'a4'")


def to_dict(data: Any) -> dict[str, Any]:
    """JSON-ready dict of a document dataclass (tuples become lists)."""
    return dataclasses.asdict(data)


def from_dict(cls: type[T], raw: Mapping[str, Any], *, where: str = "") -> T:
    """Rebuild a document dataclass from JSON data, naming the bad field on failure."""
    if not isinstance(raw, Mapping):
        raise DocumentDataError(f"{where or cls.__name__}: expected an object")
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise DocumentDataError(f"{where or cls.__name__}: unknown field(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, spec in known.items():
        if name not in raw:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise DocumentDataError(f"{where or cls.__name__}: missing field {name!r}")
            continue
        values[name] = _convert(hints[name], raw[name], f"{where or cls.__name__}.{name}")
    try:
        return cls(**values)
    except TypeError as error:
        raise DocumentDataError(f"{where or cls.__name__}: {error}") from None


def _convert(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_dict(hint, value, where=where)
    if origin is tuple:
        args = typing.get_args(hint)
        if not isinstance(value, list | tuple):
            raise DocumentDataError(f"{where}: expected a list")
        inner = args[0] if args else Any
        return tuple(_convert(inner, item, f"{where}[{i}]") for i, item in enumerate(value))
    if hint is str:
        if not isinstance(value, str):
            raise DocumentDataError(f"{where}: expected text, got {type(value).__name__}")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise DocumentDataError(f"{where}: expected true or false")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DocumentDataError(f"{where}: expected a number")
        return float(value)
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DocumentDataError(f"{where}: expected a whole number")
        return value
    if origin in (typing.Union, types.UnionType):
        return value
    return value

