"""A number as a villager types it, digit by digit: its groups, a count, and the first mistake.

An 18-digit ID number typed into plain text cannot be checked by an elderly eye. Shown in the
groups printed on the card itself (6-8-4: region, birth date, sequence and check character) with
a count (已输入 12/18), it can; and a mistake is said as soon as it can be known (a letter in the
middle at once, an impossible birth date once digits 7-14 are in, a wrong check character as the
18th is typed), naming the position to look at, instead of after the whole number is sent.

Pure Python: the Qt widget (kiosk.ui.digit_entry) and any other front end share it. The full
checks on submission stay in `forms.identity`; this module only finds what can be found early.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum.cn import ric

from forms import identity


@dataclass(frozen=True)
class EntryKind:
    name: str
    groups: tuple[int, ...]  # digits per group, the last one repeated for longer numbers
    max_length: int
    min_length: int
    extra_key: str = ""  # a non-digit allowed as the last character ("X" for ID numbers)

    @property
    def fixed_length(self) -> bool:
        return self.min_length == self.max_length


KINDS: dict[str, EntryKind] = {
    "id_number": EntryKind("id_number", (6, 8, 4), 18, 18, "X"),
    "phone": EntryKind("phone", (3, 4, 4), 11, 11),
    "bank_card": EntryKind("bank_card", (4,), 19, 12),
}


@dataclass(frozen=True)
class EntryProblem:
    """What to look at: `code` names the mistake, `first`..`last` the positions (from 1)."""

    code: str  # id_format | id_birth_date | id_checksum | phone_prefix | card_luhn
    first: int
    last: int
    warning: bool = False  # a warning may be right after all (old bank cards fail Luhn)


@dataclass(frozen=True)
class EntryState:
    typed: str
    grouped: str
    count: int
    kind: EntryKind
    problem: EntryProblem | None

    @property
    def complete(self) -> bool:
        return self.kind.min_length <= self.count <= self.kind.max_length

    @property
    def acceptable(self) -> bool:
        """Complete and without an error (a warning does not stop the villager)."""
        return self.complete and (self.problem is None or self.problem.warning)


def grouped(typed: str, groups: tuple[int, ...]) -> str:
    """`typed` split by `groups` with spaces, e.g. 330122 19580312 123X."""
    parts = []
    start = 0
    index = 0
    while start < len(typed):
        size = groups[min(index, len(groups) - 1)]
        parts.append(typed[start:start + size])
        start += size
        index += 1
    return " ".join(parts)


def accepts_key(kind: EntryKind, typed: str, key: str) -> bool:
    """Whether one more `key` may be typed: digits up to the length, the extra key only last."""
    if len(typed) >= kind.max_length:
        return False
    if key.isascii() and key.isdigit():
        return True
    return bool(kind.extra_key) and key == kind.extra_key and len(typed) == kind.max_length - 1


def entry_state(kind_name: str, typed: str, today: dt.date | None = None) -> EntryState:
    kind = KINDS[kind_name]
    typed = identity.clean_number(typed)
    problem = _PROBLEM_FINDERS[kind.name](typed, today or dt.date.today())
    return EntryState(typed, grouped(typed, kind.groups), len(typed), kind, problem)


def _id_problem(typed: str, today: dt.date) -> EntryProblem | None:
    for position, char in enumerate(typed[:17], start=1):
        if not char.isdigit():
            return EntryProblem("id_format", position, position)
    if len(typed) == 18 and not (typed[17].isdigit() or typed[17] == "X"):
        return EntryProblem("id_format", 18, 18)
    if len(typed) >= 14:
        born = identity.id_birth_date(typed)
        if born is None or born.year < 1900 or born > today:
            return EntryProblem("id_birth_date", 7, 14)
    if len(typed) == 18 and ric.calc_check_digit(typed) != typed[17]:
        return EntryProblem("id_checksum", 18, 18)
    return None


def _phone_problem(typed: str, _today: dt.date) -> EntryProblem | None:
    for position, char in enumerate(typed, start=1):
        if not char.isdigit():
            return EntryProblem("phone_format", position, position)
    if typed[:1] and typed[0] != "1":
        return EntryProblem("phone_prefix", 1, 1)
    if len(typed) >= 2 and typed[1] not in "3456789":
        return EntryProblem("phone_prefix", 2, 2)
    return None


def _card_problem(typed: str, _today: dt.date) -> EntryProblem | None:
    for position, char in enumerate(typed, start=1):
        if not char.isdigit():
            return EntryProblem("card_format", position, position)
    if len(typed) in (16, 19):
        _error, warning = identity.bank_card_problem(typed)
        if warning is not None:
            return EntryProblem("card_luhn", 1, len(typed), warning=True)
    return None


_PROBLEM_FINDERS = {"id_number": _id_problem, "phone": _phone_problem, "bank_card": _card_problem}
