"""Shown-only-if conditions, constraint rules and computed values, as plain JSON data.

Definitions come from the province and are stored on the terminal: they are data, never code.
There is no parser and no `eval`: an expression is a JSON value walked by `evaluate`, and a
condition a JSON object walked by `holds`. Every operator is listed in `VALUE_OPERATORS` and
`CONDITION_OPERATORS`; `check_*` reports unknown operators and unknown field names when a
definition is loaded, so a typo never hides a field forever. Evaluation never raises: a missing
answer, a type mismatch or a division by zero gives `None` (a value) or `False` (a condition).

Arithmetic is exact (`fractions.Fraction`); a computed field rounds its result half up.

Bounded, because a definition is data from elsewhere (docs/security.md, finding 4): a number
beyond `MAX_MAGNITUDE` (or a fraction whose denominator passes `MAX_DENOMINATOR`) is "no
value", never a bigger number, so `mul[c, c]` chained twenty times stays as cheap as once;
`evaluate_bounded` says when that happened so validation reports it as an error; a
`Budget` in the `Env` stops an evaluation that runs past its time; literals beyond the bound,
and computed fields on computed fields deeper than `MAX_COMPUTED_DEPTH`, are definition
problems.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

VALUE_OPERATORS = ("field", "count", "count_if", "sum", "add", "sub", "mul", "div", "age")
CONDITION_OPERATORS = (
    "all", "any", "not", "eq", "ne", "gt", "ge", "lt", "le", "in", "contains", "answered",
)
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ID_BIRTH = re.compile(r"^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$")
_MAX_DEPTH = 12
MAX_MAGNITUDE = 10**15  # fen: ten trillion yuan; persons, hectares, years: far beyond any form
MAX_DENOMINATOR = 10**12
MAX_COMPUTED_DEPTH = 4  # a computed field on a computed field on ... at most this deep
BUDGET_S = 1.0  # wall time one validation of a form may spend in expressions


class TooLarge(OverflowError):
    """A value beyond `MAX_MAGNITUDE`/`MAX_DENOMINATOR`: the expression has no value."""


class OutOfTime(OverflowError):
    """The evaluation ran past its `Budget`: the expression has no value."""


@dataclass
class Budget:
    """A deadline shared by every expression of one validation; `exceeded` once it passed."""

    seconds: float = BUDGET_S
    deadline: float = 0.0
    exceeded: bool = False
    steps: int = 0

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def check(self) -> None:
        """Called at every step; looks at the clock every 32nd (a step is microseconds)."""
        self.steps += 1
        if self.exceeded or (self.steps & 31 == 1 and time.monotonic() > self.deadline):
            self.exceeded = True
            raise OutOfTime("expression time budget exceeded")


@dataclass(frozen=True)
class Scope:
    """Names an expression may use: top-level fields, and inside a repeat its own subfields.

    `repeats` maps each repeat field id to its subfield ids (for `count` and `sum`).
    """

    fields: frozenset[str]
    repeats: Mapping[str, frozenset[str]] = field(default_factory=dict)
    item_fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Env:
    """Answers an expression is evaluated against. `item` (a repeat item) shadows `answers`."""

    answers: Mapping[str, Any]
    today: dt.date
    item: Mapping[str, Any] | None = None
    budget: Budget | None = None

    def lookup(self, name: str) -> Any:
        if self.item is not None and name in self.item:
            return self.item[name]
        return self.answers.get(name)


# -- checking, at load time -------------------------------------------------------------------


def check_value(expr: Any, scope: Scope, where: str, depth: int = 0) -> list[str]:
    """Problems of a value expression, as English sentences naming `where`."""
    if depth > _MAX_DEPTH:
        return [f"{where}: expression nested too deeply"]
    if isinstance(expr, int) and not isinstance(expr, bool) and abs(expr) > MAX_MAGNITUDE:
        return [f"{where}: the number {expr} is too large (at most {MAX_MAGNITUDE})"]
    if expr is None or isinstance(expr, (bool, int, str)):
        return []
    if isinstance(expr, float):
        return [f"{where}: floats are not allowed (use integers, money in fen)"]
    if isinstance(expr, list):
        return [
            problem
            for index, item in enumerate(expr)
            for problem in _check_literal(item, f"{where}[{index}]")
        ]
    if not isinstance(expr, dict) or len(expr) != 1:
        return [f"{where}: an expression object must have exactly one operator"]
    ((operator, argument),) = expr.items()
    if operator == "field":
        if not isinstance(argument, str) or not _known(argument, scope):
            return [f"{where}: unknown field {argument!r}"]
        return []
    if operator == "count":
        if argument not in scope.repeats:
            return [f"{where}: 'count' needs the id of a repeat field, got {argument!r}"]
        return []
    if operator == "count_if":
        if not isinstance(argument, list) or len(argument) != 2 or argument[0] not in \
                scope.repeats:
            return [f"{where}: 'count_if' needs [repeat field id, condition], got {argument!r}"]
        inner = Scope(scope.fields, scope.repeats, scope.repeats[argument[0]])
        return check_condition(argument[1], inner, f"{where}.count_if", depth + 1)
    if operator == "sum":
        if (
            not isinstance(argument, list)
            or len(argument) != 2
            or argument[0] not in scope.repeats
            or argument[1] not in scope.repeats[argument[0]]
        ):
            return [f"{where}: 'sum' needs [repeat field id, subfield id], got {argument!r}"]
        return []
    if operator in ("add", "mul", "sub", "div"):
        if not isinstance(argument, list) or len(argument) < 2:
            return [f"{where}: {operator!r} needs a list of at least two expressions"]
        if operator in ("sub", "div") and len(argument) != 2:
            return [f"{where}: {operator!r} needs exactly two expressions"]
        return [
            problem
            for index, item in enumerate(argument)
            for problem in check_value(item, scope, f"{where}.{operator}[{index}]", depth + 1)
        ]
    if operator == "age":
        return check_value(argument, scope, f"{where}.age", depth + 1)
    return [f"{where}: unknown operator {operator!r} (known: {', '.join(VALUE_OPERATORS)})"]


def check_condition(cond: Any, scope: Scope, where: str, depth: int = 0) -> list[str]:
    """Problems of a condition, as English sentences naming `where`."""
    if depth > _MAX_DEPTH:
        return [f"{where}: condition nested too deeply"]
    if not isinstance(cond, dict) or len(cond) != 1:
        return [f"{where}: a condition is an object with exactly one operator"]
    ((operator, argument),) = cond.items()
    if operator in ("all", "any"):
        if not isinstance(argument, list) or not argument:
            return [f"{where}: {operator!r} needs a non-empty list of conditions"]
        return [
            problem
            for index, item in enumerate(argument)
            for problem in check_condition(item, scope, f"{where}.{operator}[{index}]", depth + 1)
        ]
    if operator == "not":
        return check_condition(argument, scope, f"{where}.not", depth + 1)
    if operator == "answered":
        if not isinstance(argument, str) or not _known(argument, scope):
            return [f"{where}: 'answered' needs a known field id, got {argument!r}"]
        return []
    if operator in ("eq", "ne", "gt", "ge", "lt", "le", "in", "contains"):
        if not isinstance(argument, list) or len(argument) != 2:
            return [f"{where}: {operator!r} needs a list of exactly two expressions"]
        return [
            problem
            for index, item in enumerate(argument)
            for problem in check_value(item, scope, f"{where}.{operator}[{index}]", depth + 1)
        ]
    return [f"{where}: unknown condition {operator!r} (known: {', '.join(CONDITION_OPERATORS)})"]


def referenced_fields(expr: Any) -> set[str]:
    """Every field id an expression or condition names (for order checks)."""
    found: set[str] = set()
    if isinstance(expr, list):
        for item in expr:
            found |= referenced_fields(item)
    elif isinstance(expr, dict):
        for operator, argument in expr.items():
            if operator in ("field", "answered", "count") and isinstance(argument, str):
                found.add(argument)
            elif operator in ("sum", "count_if") and isinstance(argument, list) and argument:
                if isinstance(argument[0], str):
                    found.add(argument[0])
            else:
                found |= referenced_fields(argument)
    return found


def _known(name: str, scope: Scope) -> bool:
    return name in scope.item_fields or name in scope.fields


def _check_literal(item: Any, where: str) -> list[str]:
    if item is None or isinstance(item, (bool, int, str)):
        return []
    return [f"{where}: a list may only hold literal strings, integers, booleans or null"]


# -- evaluation -------------------------------------------------------------------------------


def evaluate(expr: Any, env: Env) -> Any:
    """The value of an expression; `None` when it cannot be computed (never raises)."""
    return evaluate_bounded(expr, env)[0]


def evaluate_bounded(expr: Any, env: Env) -> tuple[Any, str | None]:
    """The value and, when it is `None` for that reason, "too_large" or "too_slow"."""
    try:
        return _evaluate(expr, env), None
    except TooLarge:
        return None, "too_large"
    except OutOfTime:
        return None, "too_slow"
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, KeyError, IndexError,
            RecursionError):
        return None, None


def holds(cond: Any, env: Env) -> bool:
    """Whether a condition is true; `False` when it cannot be decided (never raises)."""
    try:
        return _holds(cond, env)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, KeyError, IndexError,
            RecursionError):
        return False


def _bounded(value: Any) -> Any:
    """`value`, or `TooLarge` when it is a number past the bounds (integer comparisons only:
    this runs at every step)."""
    kind = type(value)
    if kind is int:
        if -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
            return value
        raise TooLarge("a number beyond the bound")
    if kind is Fraction:
        if value.denominator <= MAX_DENOMINATOR and \
                abs(value.numerator) <= MAX_MAGNITUDE * value.denominator:
            return value
        raise TooLarge("a fraction beyond the bound")
    return value


def _evaluate(expr: Any, env: Env) -> Any:
    if env.budget is not None:
        env.budget.check()
    if not isinstance(expr, dict):
        return _bounded(expr)
    return _bounded(_operate(expr, env))


def _operate(expr: dict[str, Any], env: Env) -> Any:
    ((operator, argument),) = expr.items()
    if operator == "field":
        return env.lookup(argument)
    if operator == "count":
        items = env.answers.get(argument)
        return len(items) if isinstance(items, list) else 0
    if operator == "count_if":
        items = env.answers.get(argument[0])
        return sum(
            1 for item in (items if isinstance(items, list) else [])
            if isinstance(item, dict)
            and _holds(argument[1], Env(env.answers, env.today, item, env.budget))
        )
    if operator == "sum":
        items = env.answers.get(argument[0])
        total: Fraction = Fraction(0)
        for item in items if isinstance(items, list) else []:
            value = item.get(argument[1]) if isinstance(item, dict) else None
            if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
                total = _bounded(total + _bounded(value))
        return total
    if operator == "age":
        return _age(_evaluate(argument, env), env.today)
    values = [_evaluate(item, env) for item in argument]
    if not all(_is_number(value) for value in values):
        return None
    numbers = [Fraction(value) for value in values]
    if operator == "add":
        return sum(numbers, Fraction(0))
    if operator == "mul":
        product = Fraction(1)
        for number in numbers:
            product = _bounded(product * number)  # each step bounded: no runaway size
        return product
    if operator == "sub":
        return numbers[0] - numbers[1]
    if operator == "div":
        return None if numbers[1] == 0 else numbers[0] / numbers[1]
    return None


def _holds(cond: Any, env: Env) -> bool:
    if env.budget is not None:
        env.budget.check()
    ((operator, argument),) = cond.items()
    if operator == "all":
        return all(_holds(item, env) for item in argument)
    if operator == "any":
        return any(_holds(item, env) for item in argument)
    if operator == "not":
        return not _holds(argument, env)
    if operator == "answered":
        return not _is_blank(env.lookup(argument))
    left, right = (_evaluate(item, env) for item in argument)
    if operator == "eq":
        return _same(left, right)
    if operator == "ne":
        return not _same(left, right)
    if operator == "in":
        return isinstance(right, list) and any(_same(left, item) for item in right)
    if operator == "contains":
        return isinstance(left, list) and any(_same(item, right) for item in left)
    if _is_number(left) and _is_number(right):
        return _COMPARISONS[operator](left, right)
    if isinstance(left, str) and isinstance(right, str):
        return _COMPARISONS[operator](left, right)  # ISO dates compare as text
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Fraction)) and not isinstance(value, bool)


def _same(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    return type(left) is type(right) and bool(left == right)


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _age(value: Any, today: dt.date) -> int | None:
    """Whole years from a birth date (ISO text) or an 18-character ID number to `today`."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value) or _ID_BIRTH.match(value)
    if match is None:
        return None
    born = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return years if years >= 0 else None


def round_half_up(value: Any) -> int | None:
    """A computed number as an integer (fen, persons), rounded half up; `None` stays `None`."""
    if not _is_number(value):
        return None
    fraction = Fraction(value)
    return int((fraction + Fraction(1, 2)) // 1) if fraction >= 0 else -int(
        (-fraction + Fraction(1, 2)) // 1
    )
