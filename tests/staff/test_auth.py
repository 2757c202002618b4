"""Sign-in, PIN hashing, lockout (persisted across a restart), sessions and account rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.services.audit import AuditLog
from kiosk.services.auth import (
    FAILED,
    LOCK_STEPS_S,
    AuthError,
    AuthService,
    NotSignedIn,
    SignInFailed,
    authorize_exit,
)
from kiosk.storage.database import Database, open_database
from tests.staff.conftest import ADMIN, CLERK, Clock


def test_pin_is_stored_only_as_salted_scrypt_with_its_parameters(db: Database,
                                                                auth: AuthService) -> None:
    rows = db.execute("SELECT pin_hash, pin_salt, pin_params FROM staff_users").fetchall()
    assert len(rows) == 2
    hashes = {row[0] for row in rows}
    assert len(hashes) == 2
    assert all(len(h) == 64 for h in hashes)
    assert len({row[1] for row in rows}) == 2  # a salt per account
    assert json.loads(rows[0][2]) == {"dklen": 32, "n": 16384, "p": 1, "r": 8}
    dump = "\n".join(db.conn.iterdump())
    assert CLERK[3] not in dump
    assert ADMIN[3] not in dump


def test_sign_in_and_out_are_audited(auth: AuthService, audit: AuditLog) -> None:
    session = auth.sign_in(CLERK[0], CLERK[3])
    assert (session.role, session.name) == ("clerk", "王晓梅")
    assert auth.current() is session
    auth.sign_out()
    assert auth.current() is None
    actions = [e["action"] for e in audit.recent()]
    assert actions[-2:] == ["staff_signed_in", "staff_signed_out"]


@pytest.mark.parametrize("pin", ["12345", "1234567890123", "abcdef", "111111", "123456",
                                 "654321", "１２３４５６"])
def test_weak_or_malformed_pins_are_refused(auth: AuthService, pin: str) -> None:
    with pytest.raises(AuthError, match="PIN"):
        auth.add_user("2001", "赵六", "clerk", pin)


def test_five_wrong_pins_lock_for_a_minute_and_every_failure_reads_the_same(
        auth: AuthService, clock: Clock, audit: AuditLog) -> None:
    for _ in range(5):
        with pytest.raises(SignInFailed) as failed:
            auth.sign_in(CLERK[0], "000999")
        assert str(failed.value) == FAILED  # no count of tries left
    with pytest.raises(SignInFailed) as locked:  # even the right PIN, while locked
        auth.sign_in(CLERK[0], CLERK[3])
    assert str(locked.value) == FAILED
    assert "staff_locked_out" in [e["action"] for e in audit.recent()]
    clock.now += LOCK_STEPS_S[0] + 1
    assert auth.sign_in(CLERK[0], CLERK[3]).user_id == CLERK[0]


def test_lockout_survives_a_restart(data_dir: Path, db: Database, auth: AuthService,
                                    clock: Clock) -> None:
    for _ in range(5):
        with pytest.raises(SignInFailed):
            auth.sign_in(CLERK[0], "000999")
    db.close()
    reopened = open_database(data_dir / "kiosk.sqlite3")
    try:
        fresh = AuthService(reopened, AuditLog(reopened), clock)
        with pytest.raises(SignInFailed):
            fresh.sign_in(CLERK[0], CLERK[3])
        assert fresh.users()[0].locked
    finally:
        reopened.close()


def test_unknown_disabled_and_huge_inputs_fail_the_same_way(auth: AuthService,
                                                            audit: AuditLog) -> None:
    auth.set_disabled(CLERK[0], True)
    for user_id, pin in (("4242", "258036"), (CLERK[0], CLERK[3]), ("x" * 10_000, "1" * 10_000),
                         ("1' OR '1'='1", "' OR 1=1 --"), ("1001; DROP TABLE staff_users", "1")):
        with pytest.raises(SignInFailed, match="wrong staff number, card or PIN"):
            auth.sign_in(user_id, pin)
    assert len(auth.users()) == 2
    assert all(len(e["subject"]) <= 200 for e in audit.recent())


def test_session_ends_after_five_idle_minutes(auth: AuthService, clock: Clock,
                                              audit: AuditLog) -> None:
    auth.sign_in(CLERK[0], CLERK[3])
    clock.now += 299
    auth.touch()
    clock.now += 299
    assert auth.require("clerk").user_id == CLERK[0]
    clock.now += 301
    with pytest.raises(NotSignedIn):
        auth.require("clerk")
    assert audit.recent()[-1]["action"] == "staff_session_expired"


def test_a_clerk_is_not_an_admin(auth: AuthService) -> None:
    auth.sign_in(CLERK[0], CLERK[3])
    with pytest.raises(NotSignedIn, match="admin"):
        auth.require("admin")
    auth.sign_in(ADMIN[0], ADMIN[3])
    assert auth.require("clerk").role == "admin"  # an admin may do a clerk's work


def test_reset_pin_clears_a_lockout(auth: AuthService) -> None:
    for _ in range(5):
        with pytest.raises(SignInFailed):
            auth.sign_in(CLERK[0], "000999")
    auth.reset_pin(CLERK[0], "470215")
    assert auth.sign_in(CLERK[0], "470215").user_id == CLERK[0]


def test_exit_needs_an_admin_pin(auth: AuthService, audit: AuditLog) -> None:
    with pytest.raises(NotSignedIn):
        authorize_exit(auth, CLERK[0], CLERK[3])
    with pytest.raises(SignInFailed):
        authorize_exit(auth, ADMIN[0], "000999")
    authorize_exit(auth, ADMIN[0], ADMIN[3])
    assert auth.current() is None
    assert "kiosk_exited" in [e["action"] for e in audit.recent()]
