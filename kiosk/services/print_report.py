"""What one pass over the print queue did, for the screen, the CLI and the print worker."""

from __future__ import annotations

from dataclasses import dataclass, field

from printing.backends.base import PrinterStatus


@dataclass
class QueueReport:
    """What one pass over the queue did; `messages` are for the villager, by job id."""

    busy: bool = False
    printed: list[int] = field(default_factory=list)
    sending: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    recovered: list[int] = field(default_factory=list)
    discarded_orphans: list[str] = field(default_factory=list)
    messages: dict[int, str] = field(default_factory=dict)
    statuses: dict[str, PrinterStatus] = field(default_factory=dict)  # by paper, last seen

    def message_for(self, job_id: int) -> str:
        return self.messages.get(job_id, "")

    def merge(self, later: QueueReport) -> None:
        """Add a later pass: what printed accumulates, what waits is the later pass's."""
        self.busy = later.busy
        for name in ("printed", "failed", "recovered", "discarded_orphans"):
            getattr(self, name).extend(x for x in getattr(later, name)
                                       if x not in getattr(self, name))
        self.sending, self.waiting = list(later.sending), list(later.waiting)
        self.messages = dict(later.messages)
        self.statuses.update(later.statuses)
