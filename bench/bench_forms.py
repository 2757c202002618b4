"""Benchmark: validating and freezing answers, against the floor of serialising them.

Prints, per demo form, the time to `check_answers_document` (normalise, show/hide, compute,
check, freeze) one example document, and its ratio to `canonical_json` of the same document
measured in the same run, the least any submission must do with the answers anyway.
Run: .venv/bin/python bench/bench_forms.py [N]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from forms import canonical_json, check_answers_document, example_document, load_definition

ROOT = Path(__file__).resolve().parents[1]


def per_call(call: Callable[[], Any], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        call()
    return (time.perf_counter() - start) / n


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(f"{'form':<26}{'floor µs':>10}{'check µs':>10}{'ratio':>8}")
    total_check = 0.0
    paths = sorted((ROOT / "resources" / "forms").glob("*.json"))
    for path in paths:
        definition = load_definition(path)
        document = example_document(definition)
        floor = per_call(partial(canonical_json, document), n)
        check = per_call(partial(check_answers_document, definition, document), n)
        total_check += check
        print(f"{definition.form_id:<26}{floor * 1e6:>10.1f}{check * 1e6:>10.1f}"
              f"{check / floor:>8.1f}")
    print(f"{n} validations of each form; mean check {total_check / len(paths) * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
