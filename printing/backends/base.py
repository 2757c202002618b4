"""The one interface every printer back end implements, and what a printer's state means.

Printing exactly once needs two steps a back end can undo or confirm: `stage` puts the job
where it cannot print yet (a CUPS job on hold, a hidden partial file) and returns a reference
that the queue records; `commit` lets it print. After a crash the queue asks `outcome(ref)`:
a staged job is committed, a finished one is marked done, and `orphans` finds staged jobs
whose reference never reached the database so they can be discarded instead of printed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from printing.rendered import PaperKind, Rendered

Problem = Literal["media-empty", "paused", "offline", "not-accepting", "jam", "door-open",
                  "error"]
OutcomeState = Literal["staged", "pending", "done", "failed", "unknown"]

# What a villager reads at the kiosk, by problem; the receipt code is appended when known.
VILLAGER_TEXT: dict[str, str] = {
    "media-empty": "打印机缺纸,请联系工作人员",
    "paused": "打印机暂停服务,请联系工作人员",
    "offline": "打印机未连接,请联系工作人员",
    "not-accepting": "打印机暂不接收打印任务,请联系工作人员",
    "jam": "打印机卡纸,请联系工作人员",
    "door-open": "打印机盖未关好,请联系工作人员",
    "error": "打印机故障,请联系工作人员",
}
# What happens to the saved job, said only when it is true: `automatic` when a running kiosk
# watches the printer (or the process that queued it will), otherwise what a person does.
PROMISE_AUTOMATIC = "打印任务已保存,打印机恢复后会自动打印。"
PROMISE_MANUAL = "打印任务已保存,打印机恢复后请工作人员运行 kiosk print resume 打印。"
ADMIN_TEXT: dict[str, str] = {
    "media-empty": "out of paper",
    "paused": "paused / disabled (cupsenable to resume)",
    "offline": "not connected or not found",
    "not-accepting": "rejecting jobs (cupsaccept to resume)",
    "jam": "paper jam",
    "door-open": "door or cover open",
    "error": "printer error",
}


@dataclass(frozen=True)
class PrinterStatus:
    printer: str
    ready: bool
    state: str  # idle, processing, stopped, offline, unknown
    reasons: tuple[str, ...] = ()
    problem: Problem | None = None
    detail: str = ""

    def villager_message(self, reference: str = "", *, automatic: bool = True) -> str:
        """"打印机缺纸,请联系工作人员,您的回执号是 ..." — words, never only a colour.

        `automatic` says whether something watches the printer and prints the saved job when
        it is back (the running kiosk); without it the message says who has to act."""
        if self.ready or self.problem is None:
            return ""
        text = VILLAGER_TEXT[self.problem]
        if reference:
            text += f",您的回执号是 {reference}"
        return f"{text}。{PROMISE_AUTOMATIC if automatic else PROMISE_MANUAL}"

    def admin_message(self) -> str:
        if self.ready:
            note = f"; {self.detail}" if self.detail else ""
            return f"{self.printer}: ready ({self.state}){note}"
        what = ADMIN_TEXT[self.problem] if self.problem else self.state
        extra = f"; {self.detail}" if self.detail else ""
        return f"{self.printer}: {what} [{', '.join(self.reasons) or 'none'}]{extra}"


@dataclass(frozen=True)
class JobOutcome:
    state: OutcomeState
    detail: str = ""


class PrinterBackend(Protocol):
    """A printer (or two: roll and A4) the print queue sends documents to."""

    name: str

    def printer_for(self, paper: PaperKind) -> str:
        """The queue, device or folder that takes this paper."""
        ...

    def status(self, paper: PaperKind) -> PrinterStatus:
        """Can the printer for this paper take a job now? Never raises."""
        ...

    def stage(self, document: Rendered, title: str) -> str:
        """Hand the job over without letting it print; returns the reference to record."""
        ...

    def commit(self, ref: str) -> JobOutcome:
        """Let a staged job print."""
        ...

    def outcome(self, ref: str) -> JobOutcome:
        """What became of a job (after a restart, or while it prints)."""
        ...

    def discard(self, ref: str) -> None:
        """Withdraw a staged or pending job (admin cancel, orphan clean-up)."""
        ...

    def orphans(self, known: set[str]) -> list[str]:
        """Staged jobs that are not in `known`: left by a crash before they were recorded."""
        ...


_BLOCKING = {
    "media-empty": "media-empty", "media-needed": "media-empty", "paused": "paused",
    "offline": "offline", "shutdown": "offline", "connecting-to-device": "offline",
    "media-jam": "jam", "door-open": "door-open", "cover-open": "door-open",
    "other": "error", "timed-out": "offline",
}


def interpret_cups(printer: str, state: int, reasons: tuple[str, ...], accepting: bool,
                   message: str = "") -> PrinterStatus:
    """Turn IPP `printer-state` (3 idle, 4 processing, 5 stopped) and its reasons into a status.

    A reason is blocking when it names a known problem and is not a `-warning` or `-report`
    (`media-low-warning` still prints). A stopped queue with no known reason is "paused".
    """
    names = {3: "idle", 4: "processing", 5: "stopped"}
    problem: Problem | None = None
    for reason in reasons:
        base = reason.removesuffix("-error").removesuffix("-report").removesuffix("-warning")
        if reason.endswith("-warning") or (reason.endswith("-report") and base != "offline"):
            continue
        if base in _BLOCKING:
            problem = _BLOCKING[base]  # type: ignore[assignment]
            break
    if problem is None and state == 5:
        problem = "paused"
    if problem is None and not accepting:
        problem = "not-accepting"
    return PrinterStatus(printer, problem is None, names.get(state, f"state-{state}"),
                         tuple(r for r in reasons if r != "none"), problem, message)
