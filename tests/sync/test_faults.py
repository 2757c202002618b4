"""Exactly once through injected faults, and a terminal whose clock is hours wrong."""

from __future__ import annotations

import time

from kiosk.storage.database import Database, transaction
from sync import outbox
from sync.client import ProvinceClient
from sync.push import Backoff, push
from sync.signing import Clock
from tests.sync.support import SECRET, TERMINAL_ID, Emulator, application


def test_500_applications_through_30_percent_faults_arrive_exactly_once(
        db: Database, emulator: Emulator) -> None:
    emulator.faults(error_rate=0.12, drop_rate=0.06, commit_drop_rate=0.08, stall_rate=0.04,
                    stall_s=0.6, retry_after="1", seed=11)
    sent = dict(application(i) for i in range(500))
    with transaction(db):
        for app_id, body in sent.items():
            outbox.enqueue(db.conn, "application", app_id, body)
    rounds = 0
    outcomes: dict[str, int] = {}
    with ProvinceClient(emulator.url, TERMINAL_ID, SECRET, timeout_s=0.3) as client:
        while outbox.stats(db.conn).pending and rounds < 40:
            report = push(db.conn, client, ignore_backoff=True)
            for outcome in report.outcomes:
                outcomes[outcome.result] = outcomes.get(outcome.result, 0) + 1
            rounds += 1
    assert outbox.stats(db.conn).pending == 0
    assert outbox.stats(db.conn).quarantined == 0
    assert outcomes["retry"] > 100  # the faults really happened
    assert outcomes["replayed"] > 10  # commit-then-drop answers were replays the second time
    rows = emulator.query("SELECT application_id, body FROM applications")
    assert len(rows) == 500
    assert dict(rows) == sent


def test_a_terminal_two_hours_wrong_and_30_days_offline_syncs_cleanly(
        db: Database, emulator: Emulator) -> None:
    skew = 2 * 3600.0
    fake_now = [time.time() + skew]
    clock = Clock(local=lambda: fake_now[0])
    apps = dict(application(i) for i in range(20))
    with transaction(db):
        for app_id, body in apps.items():
            outbox.enqueue(db.conn, "application", app_id, body, now=fake_now[0])
    # offline: every attempt fails at the network and backs off (up to the cap)
    with ProvinceClient("http://127.0.0.1:9", TERMINAL_ID, SECRET, clock=clock,
                        timeout_s=0.3, connect_timeout_s=0.3) as offline:
        backoff = Backoff(base_s=60, cap_s=6 * 3600)
        for _ in range(3):
            report = push(db.conn, offline, backoff=backoff, max_consecutive_failures=3)
            assert report.sent == 0
            fake_now[0] += 10 * 86400.0
    # the network returns 30 days later: the delays computed under the jumping clock lie
    # weeks ahead of the real clock, which is still two hours fast
    clock_back = Clock(local=lambda: time.time() + skew)
    with ProvinceClient(emulator.url, TERMINAL_ID, SECRET, clock=clock_back) as online:
        report = push(db.conn, online, backoff=Backoff(base_s=60, cap_s=6 * 3600))
        assert abs(online.clock.offset_s + skew) < 5  # learned from clock_skew / Date
    assert report.sent == 20
    assert not report.quarantined
    assert dict(emulator.query("SELECT application_id, body FROM applications")) == apps
