"""What one health check found (`kiosk doctor`), in a leaf module of its own.

Every area's check returns `CheckResult`s (the province check in `sync_service`, the printer,
the card reader); they import this module, never `kiosk.services.doctor`, which imports each
of them: the result type lives below both, so neither import goes in a circle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str

    def as_json(self) -> dict[str, str]:
        return asdict(self)
