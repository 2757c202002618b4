"""Benchmark: the expression attack of the security review (finding 4), bounded.

The review chained computed fields `c[i] = mul[c[i-1], c[i-1]]` twenty times: the numbers
doubled in digits at every step and one evaluate took 23.5 s. A definition like that is now
refused at load (computed on computed at most 4 deep), and even evaluated by hand each step is
bounded at 10^15. This prints the time of those twenty steps against the floor of ONE
`mul[x, x]` of small integers measured in the same run, and the time of a whole validation
of the deepest chain a definition may hold (4) against the same floor.
Run: .venv/bin/python bench/bench_expressions.py [N]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forms import evaluate, parse_definition
from forms.expressions import MAX_COMPUTED_DEPTH, Env, evaluate_bounded

SQUARE = {"mul": [{"field": "c"}, {"field": "c"}]}
TODAY = __import__("datetime").date(2026, 11, 30)


def per_call(call: Callable[[], Any], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


def twenty_squares() -> None:
    value: Any = 10**6
    for _ in range(20):
        value = evaluate_bounded(SQUARE, Env({"c": value}, TODAY))[0]


def chain_document(depth: int) -> dict[str, Any]:
    def label(text: str) -> dict[str, str]:
        return {"zh": text, "en": text}

    fields: list[dict[str, Any]] = [
        {"id": "name", "type": "text", "label": label("name"), "required": True},
        {"id": "idno", "type": "id_number", "label": label("id"), "required": True},
        {"id": "phone", "type": "phone", "label": label("phone"), "required": True},
        {"id": "x", "type": "integer", "label": label("x")}]
    for number in range(1, depth + 1):
        operand = {"field": "x" if number == 1 else f"c{number - 1}"}
        fields.append({"id": f"c{number}", "type": "computed", "label": label(f"c{number}"),
                       "expression": {"mul": [operand, operand]}})
    return {"format": 1, "form_id": "bench-chain", "version": 1, "title": label("chain"),
            "applicant": {"name": "name", "id_number": "idno", "phone": "phone"},
            "pages": [{"id": "p", "title": label("p"), "fields": fields}]}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    floor = per_call(lambda: evaluate_bounded(SQUARE, Env({"c": 1234}, TODAY)), n)
    attack = per_call(twenty_squares, max(1, n // 10))
    definition = parse_definition(chain_document(MAX_COMPUTED_DEPTH))
    validation = per_call(lambda: evaluate(definition, {"x": 99_999}, today=TODAY), n // 4)
    print(f"{'what':<44}{'µs':>10}{'ratio':>8}")
    print(f"{'floor: one mul[x, x] of small integers':<44}{floor * 1e6:>10.1f}{1:>8.1f}")
    print(f"{'20 chained squares (was 23.5 s)':<44}{attack * 1e6:>10.1f}"
          f"{attack / floor:>8.1f}")
    print(f"{'validation, computed chain 4 deep':<44}{validation * 1e6:>10.1f}"
          f"{validation / floor:>8.1f}")


if __name__ == "__main__":
    main()
