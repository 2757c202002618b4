"""Printing command results: `--json` for machines, plain lines for people."""

from __future__ import annotations

import json
from typing import Any


def emit_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False, default=str))
