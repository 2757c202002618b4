"""Issue 17, finding 6: staff accounts cannot be enumerated, guessed for ever or cracked from a
backup, a PIN typed in the wrong field is not kept, and `--clerk` names a real clerk."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiosk.services import auth as auth_module
from kiosk.services.audit import AuditLog
from kiosk.services.auth import (
    FAILED,
    LOCK_STEPS_S,
    MAX_FAILURES,
    AuthService,
    SignInFailed,
)
from kiosk.storage import users as users_store
from kiosk.storage.database import Database
from tests.staff.conftest import ADMIN, CLERK, Clock

PEPPER = bytes(range(100, 132))


def _fail(auth: AuthService, user_id: str, pin: str) -> str:
    with pytest.raises(SignInFailed) as failed:
        auth.sign_in(user_id, pin)
    return str(failed.value)


def _lock(auth: AuthService) -> None:
    for _ in range(MAX_FAILURES):
        _fail(auth, CLERK[0], "000999")


def _calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Record the work each attempt does: scrypt hashes (with their cost) and counter writes."""
    calls: list[tuple[str, object]] = []
    real_hash: Callable[..., str] = auth_module.hash_pin
    real_attempt: Callable[..., None] = users_store.record_attempt

    def hashing(pin: str, salt: bytes, params: dict[str, int], pepper: bytes = b"") -> str:
        calls.append(("hash", tuple(sorted(params.items()))))
        return real_hash(pin, salt, params, pepper)

    def attempt(*args: Any) -> None:
        calls.append(("attempt", None))
        real_attempt(*args)

    monkeypatch.setattr(auth_module, "hash_pin", hashing)
    monkeypatch.setattr(users_store, "record_attempt", attempt)
    return calls


def test_every_failure_has_one_message_and_does_the_same_work(
        db: Database, audit: AuditLog, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    auth = AuthService(db, audit, clock, pepper=PEPPER)
    for user_id, name, role, pin in (CLERK, ADMIN, ("2002", "钱七", "clerk", "470215")):
        auth.add_user(user_id, name, role, pin)
    auth.set_disabled("2002", True)
    for _ in range(MAX_FAILURES):
        _fail(auth, ADMIN[0], "000999")  # the admin is now locked
    calls = _calls(monkeypatch)
    cases = {"unknown": ("4242", "258036"), "disabled": ("2002", "470215"),
             "locked, right PIN": (ADMIN[0], ADMIN[3]), "wrong": (CLERK[0], "000999"),
             "malformed": ("1' OR 1=1", "1")}
    work: dict[str, list[tuple[str, object]]] = {}
    for case, (user_id, pin) in cases.items():
        calls.clear()
        seq_before = len(audit.recent(10_000))
        assert _fail(auth, user_id, pin) == FAILED, case
        work[case] = [*calls, ("audit", len(audit.recent(10_000)) - seq_before)]
    expected = [("hash", tuple(sorted(auth.params.items()))), ("attempt", None), ("audit", 1)]
    assert work == dict.fromkeys(cases, expected)
    assert "tries" not in FAILED


def test_lockouts_lengthen_then_wait_for_an_admin(auth: AuthService, clock: Clock) -> None:
    for seconds in LOCK_STEPS_S:  # 1 min, 5 min, 30 min
        _lock(auth)
        clock.now += seconds - 2
        assert _fail(auth, CLERK[0], CLERK[3]) == FAILED  # still locked: the right PIN fails
        clock.now += 3
    # the right PIN now would work; instead five more wrong ones: locked until an admin acts
    _lock(auth)
    clock.now += 10 * 365 * 86400
    assert _fail(auth, CLERK[0], CLERK[3]) == FAILED
    auth.unlock(CLERK[0], actor=ADMIN[0])
    assert auth.sign_in(CLERK[0], CLERK[3]).user_id == CLERK[0]
    # a good sign-in starts the steps again from one minute
    _lock(auth)
    clock.now += LOCK_STEPS_S[0] + 1
    assert auth.sign_in(CLERK[0], CLERK[3]).user_id == CLERK[0]


def test_after_a_lock_expires_the_next_five_guesses_lock_longer(auth: AuthService,
                                                                clock: Clock) -> None:
    _lock(auth)
    clock.now += LOCK_STEPS_S[0] + 1
    _lock(auth)
    clock.now += LOCK_STEPS_S[0] + 1  # the first step's time is not enough any more
    assert _fail(auth, CLERK[0], CLERK[3]) == FAILED
    clock.now += LOCK_STEPS_S[1]
    assert auth.sign_in(CLERK[0], CLERK[3]).user_id == CLERK[0]


def test_hashes_are_peppered_and_old_ones_are_upgraded_at_sign_in(
        db: Database, audit: AuditLog, clock: Clock) -> None:
    legacy = AuthService(db, audit, clock)  # as before the pepper: scrypt over the PIN alone
    legacy.add_user(*CLERK)
    before = users_store.get(db, CLERK[0])
    assert before is not None
    assert "pepper" not in before.pin_params

    peppered = AuthService(db, audit, clock, pepper=PEPPER)
    assert peppered.sign_in(CLERK[0], CLERK[3]).user_id == CLERK[0]  # the old hash verifies
    after = users_store.get(db, CLERK[0])
    assert after is not None
    assert after.pin_params == {**auth_module.SCRYPT, "pepper": 1}
    assert after.pin_hash != before.pin_hash
    # the database alone (here: a service with another pepper) cannot check a PIN any more
    wrong_pepper = AuthService(db, audit, clock, pepper=bytes(32))
    assert _fail(wrong_pepper, CLERK[0], CLERK[3]) == FAILED
    assert peppered.sign_in(CLERK[0], CLERK[3]).user_id == CLERK[0]


def test_a_pin_typed_into_the_staff_number_field_is_never_kept(
        auth: AuthService, db: Database, caplog: pytest.LogCaptureFixture) -> None:
    typed = "8675309"  # a PIN, typed where the staff number goes
    with caplog.at_level("DEBUG"):
        _fail(auth, typed, "")
        _fail(auth, "12" + typed, CLERK[3])
    dump = "\n".join(db.conn.iterdump())
    assert typed not in dump  # not in the audit log, not in the outbox
    assert typed not in caplog.text
    failures = [e for e in AuditLog(db).recent() if e["action"] == "staff_sign_in_failed"]
    assert [(e["actor"], e["subject"]) for e in failures] == [("unknown", "-")] * 2


def test_staff_numbers_are_digits(auth: AuthService) -> None:
    from kiosk.services.auth import AuthError

    with pytest.raises(AuthError, match="digits"):
        auth.add_user("c-01", "赵六", "clerk", "470215")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    from kiosk.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_applications_submit_needs_an_enabled_clerk(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.storage.database import open_database

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {}}), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("470215\n"))
    assert _run(capsys, "users", "add", "2003", "--name", "孙八", "--role", "clerk",
                "--pin-stdin")[0] == 0
    assert _run(capsys, "users", "disable", "2003")[0] == 0
    for clerk in ("NOSUCHCLERK", "2003"):
        code, out = _run(capsys, "applications", "submit", "--form", "dibao-apply",
                         "--answers", str(answers), "--clerk", clerk)
        assert code != 0
        assert "not an enabled clerk" in out
    db = open_database(tmp_path / "data" / "kiosk.sqlite3")
    try:
        assert db.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM sync_outbox WHERE kind = 'application'"
                          ).fetchone()[0] == 0
    finally:
        db.close()
