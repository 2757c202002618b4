"""The sender: pushes outbox items to the province and records a typed outcome for each.

A plain function over the outbox (`push`) that never raises for one bad item. Each answer is
handled as contract section 2 says: transient failures back off with full jitter (and honour
`Retry-After`), content rejections quarantine only that item, `401`/`403` pause the whole push
without touching any item, `412 missing_blobs` uploads the blobs and sends again. Blobs are
checked with `HEAD` and uploaded before the item that names them.

`on_stage(stage, item)` observes each step (`item_did_claim`, `blob_will_upload`,
`item_will_send`, `item_did_answer`, `item_did_finish`); tests use it to kill the process at an
exact point.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sync import outbox
from sync.client import Answer, ProvinceClient
from sync.outbox import OutboxItem

Result = Literal["sent", "replayed", "retry", "quarantined", "paused", "waiting", "cancelled"]
Stage = Literal["item_did_claim", "blob_will_upload", "item_will_send", "item_did_answer",
                "item_did_finish"]
Progress = Callable[[int, int, "ItemOutcome"], None]
Cancel = Callable[[], bool]
StageHook = Callable[[Stage, OutboxItem], None]

PAUSE_KEY = "push_paused"
_PATHS = {"evaluation": "evaluations", "feedback": "feedback"}
EVENTS_PER_POST = 200


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^n)]."""

    base_s: float = 5.0
    cap_s: float = 3600.0
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay(self, attempts: int, retry_after_s: float | None = None) -> float:
        wait = self.rng.uniform(0, min(self.cap_s, self.base_s * 2 ** min(attempts, 30)))
        if retry_after_s is not None:
            wait = max(wait, retry_after_s)
        return wait


@dataclass(frozen=True)
class ItemOutcome:
    outbox_id: int
    kind: str
    item_id: str
    result: Result
    status: int | None = None
    reason: str = ""

    def as_json(self) -> dict[str, object]:
        return {"outbox_id": self.outbox_id, "kind": self.kind, "item_id": self.item_id,
                "result": self.result, "status": self.status, "reason": self.reason}


@dataclass
class PushReport:
    outcomes: list[ItemOutcome] = field(default_factory=list)
    paused: str | None = None       # why pushing stopped (401/403), shown to the admin
    reclaimed: int = 0
    cancelled: bool = False

    def count(self, *results: Result) -> int:
        return sum(1 for o in self.outcomes if o.result in results)

    @property
    def sent(self) -> int:
        return self.count("sent", "replayed")

    @property
    def quarantined(self) -> list[ItemOutcome]:
        return [o for o in self.outcomes if o.result == "quarantined"]

    def as_json(self) -> dict[str, object]:
        return {"sent": self.sent, "retry": self.count("retry"),
                "quarantined": [o.as_json() for o in self.quarantined],
                "paused": self.paused, "reclaimed": self.reclaimed,
                "cancelled": self.cancelled, "outcomes": [o.as_json() for o in self.outcomes]}


class _Paused(Exception):
    def __init__(self, answer: Answer):
        super().__init__(answer.reason)
        self.answer = answer


class _Tally:
    """Outcomes into the report, each counted for the progress callback."""

    def __init__(self, report: PushReport, progress: Progress | None, total: int):
        self.report, self.progress, self.total, self.done = report, progress, total, 0

    def add(self, outcomes: list[ItemOutcome]) -> None:
        for outcome in outcomes:
            self.report.outcomes.append(outcome)
            self.done += 1
            if self.progress is not None:
                self.progress(self.done, self.total, outcome)


@dataclass
class Sender:
    conn: sqlite3.Connection
    client: ProvinceClient
    backoff: Backoff = field(default_factory=Backoff)
    lease_s: float = 120.0
    on_stage: StageHook | None = None
    owner: str = field(default_factory=outbox.lease_owner)

    def _stage(self, stage: Stage, item: OutboxItem) -> None:
        if self.on_stage is not None:
            self.on_stage(stage, item)

    def now(self) -> float:
        return self.client.clock.local()

    # --- one item ---------------------------------------------------------------------
    def send(self, item: OutboxItem) -> ItemOutcome:
        """Send one claimed item and record what happened (committed before returning)."""
        for sha in item.blobs:
            if not outbox.blob_uploaded(self.conn, sha):
                problem = self._ensure_blob(item, sha, check_first=True)
                if problem is not None:
                    return problem
        self._stage("item_will_send", item)
        answer = self._put_item(item)
        for _ in range(3):
            if answer.kind != "missing_blobs":
                break
            missing = _missing(answer)
            for sha in missing:
                problem = self._ensure_blob(item, sha, check_first=False)
                if problem is not None:
                    return problem
            self._stage("item_will_send", item)
            answer = self._put_item(item)
        self._stage("item_did_answer", item)
        return self._record(item, answer)

    def _put_item(self, item: OutboxItem) -> Answer:
        if item.kind == "application":
            return self.client.request("PUT", f"/v1/applications/{item.item_id}",
                                       body=item.payload,
                                       headers={"Idempotency-Key": item.item_id})
        if item.kind in ("evaluation", "feedback"):  # contract sections 9 and 10
            return self.client.request("PUT", f"/v1/{_PATHS[item.kind]}/{item.item_id}",
                                       body=item.payload,
                                       headers={"Idempotency-Key": item.item_id})
        if item.kind == "clerk_action":
            return self.client.request(
                "PUT", f"/v1/applications/{item.parent_id}/actions/{item.item_id}",
                body=item.payload)
        body = b'{"events":[' + item.payload + b"]}"
        return self.client.request("POST", f"/v1/terminals/{self.client.terminal_id}/events",
                                   body=body)

    def _ensure_blob(self, item: OutboxItem, sha: str, *, check_first: bool) -> ItemOutcome | None:
        """HEAD then PUT one blob; an outcome when the item cannot go on, else None."""
        if check_first:
            head = self.client.request("HEAD", f"/v1/blobs/{sha}")
            if head.ok:
                outbox.mark_blob_uploaded(self.conn, sha, self.now())
                return None
            if head.kind != "not_found":
                return self._record(item, head)
        stored = outbox.blob_bytes(self.conn, sha)
        if stored is None:
            outbox.quarantine(self.conn, item.id, "blob_unavailable",
                              f"attachment {sha} is not stored on this terminal")
            return ItemOutcome(item.id, item.kind, item.item_id, "quarantined", None,
                               f"blob_unavailable: {sha}")
        data, media_type = stored
        self._stage("blob_will_upload", item)
        answer = self.client.request("PUT", f"/v1/blobs/{sha}", body=data,
                                     headers={"Content-Type": media_type})
        if answer.ok:
            outbox.mark_blob_uploaded(self.conn, sha, self.now())
            return None
        return self._record(item, answer, blob=sha)

    def _record(self, item: OutboxItem, answer: Answer, blob: str | None = None) -> ItemOutcome:
        what = f"blob {blob}: " if blob else ""
        if answer.ok:
            result: Result = "replayed" if answer.status == 200 else "sent"
            if item.kind == "audit_event":
                result = "sent"
            outbox.mark_sent(self.conn, item.id, answer.body, self.now())
        elif answer.kind == "auth":
            outbox.mark_retry(self.conn, item.id, answer.reason, 0, count_attempt=False)
            raise _Paused(answer)
        elif answer.kind == "rejected" or (answer.kind == "missing_blobs"):
            detail = answer.body.decode("utf-8", "replace")[:2000]
            outbox.quarantine(self.conn, item.id, what + (answer.error or f"http_{answer.status}"),
                              detail)
            result = "quarantined"
        else:  # transient, not_found, unexpected: keep it and try later
            delay = self.backoff.delay(item.attempts, answer.retry_after_s)
            outbox.mark_retry(self.conn, item.id, what + answer.reason, self.now() + delay)
            result = "retry"
        outcome = ItemOutcome(item.id, item.kind, item.item_id, result, answer.status,
                              what + answer.reason if not answer.ok else "")
        self._stage("item_did_finish", item)
        return outcome

    # --- a round ----------------------------------------------------------------------
    def push(self, *, ignore_backoff: bool = False, progress: Progress | None = None,
             cancel: Cancel | None = None, limit: int = 100_000,
             max_consecutive_failures: int = 0) -> PushReport:
        """Try every due item once, oldest first; stop early on pause or cancel.

        `max_consecutive_failures` (0 = never) ends the round early when the network is plainly
        down, so a background run does not spend minutes timing out item after item.
        """
        report = PushReport()
        report.reclaimed = outbox.reclaim_leases(self.conn, self.now())
        queue = list(outbox.due_items(self.conn, self.now(), ignore_backoff=ignore_backoff,
                                      limit=limit))
        tally = _Tally(report, progress, len(queue))
        failures = 0
        while queue:
            if cancel is not None and cancel():
                report.cancelled = True
                break
            batch = _next_batch(queue)
            if self._waits_for_parent(batch[0]):
                tally.add([ItemOutcome(batch[0].id, batch[0].kind, batch[0].item_id, "waiting",
                                       None, "its application is not sent yet")])
                continue
            try:
                outcomes = self._claim_and_send(batch)
            except _Paused as paused:
                report.paused = paused.answer.reason
                outbox.set_state(self.conn, PAUSE_KEY, report.paused)
                break
            tally.add(outcomes)
            failures = self._after(outcomes, failures)
            if max_consecutive_failures and failures >= max_consecutive_failures:
                break
        return report

    def _waits_for_parent(self, item: OutboxItem) -> bool:
        """A clerk's action, or a case's rating, goes only after the application it names."""
        return bool(item.kind in ("clerk_action", "evaluation") and item.parent_id
                    and outbox.parent_unsent(self.conn, item.parent_id))

    def _claim_and_send(self, batch: list[OutboxItem]) -> list[ItemOutcome]:
        """Lease the batch, then send it (audit events together, anything else alone); a pause
        gives the lease back before it is raised on."""
        got = outbox.claim(self.conn, [i.id for i in batch], self.owner, self.now(),
                           self.lease_s)
        batch = [i for i in batch if i.id in got]
        if not batch:
            return []
        for claimed in batch:
            self._stage("item_did_claim", claimed)
        try:
            return (self._send_events(batch) if batch[0].kind == "audit_event"
                    else [self.send(batch[0])])
        except _Paused:
            outbox.release(self.conn, [i.id for i in batch])
            raise

    def _after(self, outcomes: list[ItemOutcome], failures: int) -> int:
        """The run of retry-only answers so far: an answer from the province ends it (and
        lifts a pause); a retry adds one."""
        if any(o.result in ("sent", "replayed", "quarantined") for o in outcomes):
            if outbox.get_state(self.conn, PAUSE_KEY) is not None:
                outbox.set_state(self.conn, PAUSE_KEY, None)
            return 0
        if any(o.result == "retry" for o in outcomes):
            return failures + 1
        return failures

    def _send_events(self, batch: Sequence[OutboxItem]) -> list[ItemOutcome]:
        """Audit events go in one POST, in seq order; the answer acknowledges a prefix."""
        body = b'{"events":[' + b",".join(i.payload for i in batch) + b"]}"
        for item in batch:
            self._stage("item_will_send", item)
        answer = self.client.request("POST", f"/v1/terminals/{self.client.terminal_id}/events",
                                     body=body)
        for item in batch:
            self._stage("item_did_answer", item)
        if answer.ok:
            try:
                through = int(answer.json()["acknowledged_through"])
            except (KeyError, TypeError, ValueError):
                through = -1
            outcomes = []
            for item in batch:
                if _seq(item) <= through:
                    outbox.mark_sent(self.conn, item.id, b"", self.now())
                    outcomes.append(ItemOutcome(item.id, item.kind, item.item_id, "sent",
                                                answer.status))
                else:
                    outbox.mark_retry(self.conn, item.id, "not acknowledged", self.now())
                    outcomes.append(ItemOutcome(item.id, item.kind, item.item_id, "retry",
                                                answer.status, "not acknowledged"))
            return outcomes
        if answer.kind == "rejected" and answer.error == "chain_mismatch":
            bad = _mismatch_seq(answer)
            outcomes = []
            for item in batch:
                if _seq(item) == bad:
                    outcomes.append(self._record(item, answer))
                else:  # the rest go again in the next round, without the bad one
                    outbox.mark_retry(self.conn, item.id, answer.reason, 0, count_attempt=False)
                    outcomes.append(ItemOutcome(item.id, item.kind, item.item_id, "retry",
                                                answer.status, "batch had a mismatched event"))
            return outcomes
        if answer.kind == "rejected" and len(batch) > 1:
            for item in batch:  # find the bad one by sending each alone next round
                outbox.mark_retry(self.conn, item.id, answer.reason, 0, count_attempt=False)
            return [self._send_events([batch[0]])[0]] + [
                ItemOutcome(i.id, i.kind, i.item_id, "retry", answer.status, answer.reason)
                for i in batch[1:]]
        return [self._record(item, answer) for item in batch]


def _seq(item: OutboxItem) -> int:
    try:
        return int(item.item_id)
    except ValueError:
        return -1


def _mismatch_seq(answer: Answer) -> int | None:
    try:
        return int(answer.json()["seq"])
    except (KeyError, TypeError, ValueError):
        return None


def _missing(answer: Answer) -> list[str]:
    try:
        return [str(s) for s in answer.json()["missing"]]
    except (KeyError, TypeError, ValueError):
        return []


def _next_batch(queue: list[OutboxItem]) -> list[OutboxItem]:
    """Pop the next unit of work: one item, or a run of consecutive audit events."""
    first = queue.pop(0)
    if first.kind != "audit_event":
        return [first]
    batch = [first]
    while queue and queue[0].kind == "audit_event" and len(batch) < EVENTS_PER_POST:
        batch.append(queue.pop(0))
    batch.sort(key=_seq)
    return batch


def push(conn: sqlite3.Connection, client: ProvinceClient, *, ignore_backoff: bool = False,
         progress: Progress | None = None, cancel: Cancel | None = None,
         backoff: Backoff | None = None, on_stage: StageHook | None = None,
         lease_s: float = 120.0, max_consecutive_failures: int = 0) -> PushReport:
    """Push every due outbox item once; see `Sender.push`."""
    sender = Sender(conn, client, backoff or Backoff(), lease_s, on_stage)
    return sender.push(ignore_backoff=ignore_backoff, progress=progress, cancel=cancel,
                       max_consecutive_failures=max_consecutive_failures)


def summarize(outcomes: Sequence[ItemOutcome]) -> str:
    return json.dumps([o.as_json() for o in outcomes], ensure_ascii=False)
