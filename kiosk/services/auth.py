"""Staff accounts and sign-in: roles, scrypt-hashed PINs, persisted lockouts, sessions.

Villagers are anonymous. Clerks and admins sign in with their staff number and a PIN of 6 to 12
digits. The PIN is hashed with scrypt (`hashlib.scrypt`, a random 16-byte salt per account) and
the cost parameters are stored with each hash, so they can be raised later and old hashes still
verify. Five wrong PINs in a row lock the account for five minutes; the count and the lock are
in the database, so restarting the kiosk does not reset them. A session ends after five minutes
without activity or on "sign out". There is no default account and no default PIN: accounts
are made by an admin (`kiosk users add`), or by `kiosk demo` for the demo village only.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from kiosk.errors import KioskError
from kiosk.services.audit import AuditLog, utc_now
from kiosk.storage import users as store
from kiosk.storage.database import Database, transaction

Role = Literal["clerk", "admin"]
ROLES: tuple[Role, ...] = ("clerk", "admin")
MAX_FAILURES = 5
LOCK_SECONDS = 300
SESSION_IDLE_S = 300
PIN_MIN, PIN_MAX = 6, 12
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_USER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")


class AuthError(KioskError):
    """An account cannot be made or changed as asked; the message says why."""

    exit_code = 1


class SignInFailed(AuthError):
    """Wrong staff number or PIN; `tries_left` before the account locks (None: unknown)."""

    def __init__(self, message: str, tries_left: int | None = None):
        super().__init__(message)
        self.tries_left = tries_left


class AccountLocked(SignInFailed):
    """Too many wrong PINs: no PIN is checked until `seconds_left` have passed."""

    def __init__(self, message: str, seconds_left: int):
        super().__init__(message, 0)
        self.seconds_left = seconds_left


class NotSignedIn(AuthError):
    """The action needs a signed-in clerk or admin (or the session has ended)."""


def hash_pin(pin: str, salt: bytes, params: dict[str, int]) -> str:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=params["n"], r=params["r"],
                          p=params["p"], dklen=params["dklen"], maxmem=64 * 1024 * 1024).hex()


def pin_problem(pin: str) -> str | None:
    """Why a new PIN is not acceptable, in Chinese and English; None when it is."""
    if not pin.isascii() or not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        return (f"PIN 须为 {PIN_MIN}-{PIN_MAX} 位数字 / the PIN must be {PIN_MIN} to {PIN_MAX} "
                "digits")
    if len(set(pin)) == 1 or pin in "01234567890123" or pin in "98765432109876":
        return "PIN 过于简单 / the PIN is too easy to guess (repeated or consecutive digits)"
    return None


def user_id_problem(user_id: str) -> str | None:
    if not _USER_ID.fullmatch(user_id):
        return ("工号格式不对 / a staff number is 1-32 letters, digits or '-', starting with a "
                "letter or digit")
    return None


@dataclass
class StaffSession:
    user_id: str
    name: str
    role: Role
    started_at: float
    last_active: float
    token: str = field(default_factory=lambda: secrets.token_hex(16))

    def allows(self, role: Role) -> bool:
        return self.role == "admin" or self.role == role


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    name: str
    role: str
    disabled: bool
    locked: bool

    def as_json(self) -> dict[str, object]:
        return dict(self.__dict__)


class AuthService:
    def __init__(self, db: Database, audit: AuditLog, clock: Callable[[], float] = time.time,
                 *, session_idle_s: int = SESSION_IDLE_S):
        self.db = db
        self.audit = audit
        self.clock = clock
        self.session_idle_s = session_idle_s
        self._session: StaffSession | None = None

    # --- accounts (admin) ------------------------------------------------------------
    def add_user(self, user_id: str, name: str, role: str, pin: str, *,
                 actor: str = "admin") -> UserInfo:
        problem = user_id_problem(user_id) or pin_problem(pin)
        if role not in ROLES:
            problem = problem or "角色须为 clerk 或 admin / role must be clerk or admin"
        name = name.strip()
        if not name or len(name) > 40:
            problem = problem or "姓名须为 1-40 个字 / the name must be 1 to 40 characters"
        if problem:
            raise AuthError(problem)
        salt = secrets.token_bytes(16)
        now = utc_now()
        row = store.UserRow(user_id, name, role, hash_pin(pin, salt, SCRYPT), salt.hex(),
                            dict(SCRYPT), False, 0, 0.0, now, now)
        with transaction(self.db):
            if store.get(self.db, user_id) is not None:
                raise AuthError(f"工号已存在 / staff number {user_id} already exists")
            store.insert(self.db, row)
            self.audit.record(actor, "user_added", user_id, {"role": role})
        return self._info(row)

    def reset_pin(self, user_id: str, pin: str, *, actor: str = "admin") -> None:
        problem = pin_problem(pin)
        if problem:
            raise AuthError(problem)
        salt = secrets.token_bytes(16)
        with transaction(self.db):
            if not store.set_pin(self.db, user_id, hash_pin(pin, salt, SCRYPT), salt.hex(),
                                 dict(SCRYPT), utc_now()):
                raise AuthError(f"没有这个工号 / no staff number {user_id}")
            self.audit.record(actor, "pin_reset", user_id, {})

    def set_disabled(self, user_id: str, disabled: bool, *, actor: str = "admin") -> None:
        with transaction(self.db):
            if not store.set_disabled(self.db, user_id, disabled, utc_now()):
                raise AuthError(f"没有这个工号 / no staff number {user_id}")
            self.audit.record(actor, "user_disabled" if disabled else "user_enabled", user_id, {})
        if disabled and self._session is not None and self._session.user_id == user_id:
            self._session = None

    def users(self) -> list[UserInfo]:
        return [self._info(row) for row in store.list_users(self.db)]

    def _info(self, row: store.UserRow) -> UserInfo:
        return UserInfo(row.user_id, row.name, row.role, row.disabled,
                        row.locked_until > self.clock())

    # --- sign-in ---------------------------------------------------------------------
    def sign_in(self, user_id: str, pin: str) -> StaffSession:
        """A new session, or `SignInFailed` / `AccountLocked` with a message to show."""
        now = self.clock()
        wrong = "工号或密码不对 / wrong staff number or PIN"
        if len(user_id) > 32 or len(pin) > PIN_MAX or user_id_problem(user_id):
            with transaction(self.db):
                self.audit.record("unknown", "staff_sign_in_failed", user_id[:32],
                                  {"reason": "malformed"})
            raise SignInFailed(wrong)
        with transaction(self.db):
            row = store.get(self.db, user_id)
            if row is None or row.disabled:
                hash_pin(pin, b"0" * 16, SCRYPT)  # the same time as a real check
                self.audit.record("unknown", "staff_sign_in_failed", user_id,
                                  {"reason": "disabled" if row else "unknown_user"})
                failure: AuthError = SignInFailed(wrong)
            elif row.locked_until > now:
                left = int(row.locked_until - now + 0.999)
                self.audit.record(user_id, "staff_sign_in_failed", user_id, {"reason": "locked"})
                failure = AccountLocked(
                    f"账号已锁定，请 {max(1, (left + 59) // 60)} 分钟后再试 / this account is "
                    f"locked: try again in {left} s", left)
            else:
                expected = hash_pin(pin, bytes.fromhex(row.pin_salt), row.pin_params)
                if hmac.compare_digest(expected, row.pin_hash):
                    store.clear_failures(self.db, user_id)
                    self.audit.record(user_id, "staff_signed_in", user_id, {"role": row.role})
                    self._session = StaffSession(user_id, row.name, row.role,  # type: ignore[arg-type]
                                                 now, now)
                    return self._session
                failed = (0 if row.locked_until else row.failed_count) + 1
                if failed >= MAX_FAILURES:
                    store.record_failure(self.db, user_id, 0, now + LOCK_SECONDS)
                    self.audit.record(user_id, "staff_locked_out", user_id,
                                      {"failures": failed, "seconds": LOCK_SECONDS})
                    failure = AccountLocked(
                        f"密码错误 {failed} 次，账号锁定 5 分钟 / {failed} wrong PINs: the "
                        "account is locked for 5 minutes", LOCK_SECONDS)
                else:
                    store.record_failure(self.db, user_id, failed, 0)
                    self.audit.record(user_id, "staff_sign_in_failed", user_id,
                                      {"reason": "wrong_pin", "failures": failed})
                    failure = SignInFailed(
                        f"{wrong}（还可尝试 {MAX_FAILURES - failed} 次 / "
                        f"{MAX_FAILURES - failed} tries left）", MAX_FAILURES - failed)
        raise failure

    # --- the session -----------------------------------------------------------------
    def current(self) -> StaffSession | None:
        """The live session, ending it first when it has been idle too long."""
        session = self._session
        if session is not None and self.clock() - session.last_active > self.session_idle_s:
            self._end("staff_session_expired")
            return None
        return session

    def touch(self) -> None:
        session = self.current()
        if session is not None:
            session.last_active = self.clock()

    def require(self, role: Role) -> StaffSession:
        """The live session when it may act as `role`; `NotSignedIn` otherwise."""
        session = self.current()
        if session is None:
            raise NotSignedIn("请先登录 / please sign in first (the session has ended)")
        if not session.allows(role):
            raise NotSignedIn(f"此操作需要{'管理员' if role == 'admin' else '办事员'}权限 / "
                              f"this needs a signed-in {role}")
        session.last_active = self.clock()
        return session

    def sign_out(self, reason: str = "staff_signed_out") -> None:
        if self._session is not None:
            self._end(reason)

    def _end(self, action: str) -> None:
        session, self._session = self._session, None
        if session is not None:
            self.audit.record(session.user_id, action, session.user_id, {})


def authorize_exit(auth: AuthService, user_id: str, pin: str) -> StaffSession:
    """The lockdown hook ("admin gesture + admin PIN" leaves the kiosk): an admin's PIN, with the
    same lockout as any sign-in. Records `kiosk_exited` and ends the session; raises
    `SignInFailed` / `AccountLocked` / `NotSignedIn` (not an admin) otherwise."""
    session = auth.sign_in(user_id, pin)
    if session.role != "admin":
        auth.sign_out()
        raise NotSignedIn("只有管理员可以退出 / only an admin may leave the kiosk")
    auth.audit.record(session.user_id, "kiosk_exited", session.user_id, {})
    auth.sign_out()
    return session


# The demo village's staff (fictional). Only `kiosk demo` creates them; a real terminal has no
# account until an admin adds one with `kiosk users add`.
DEMO_STAFF: tuple[tuple[str, str, Role, str], ...] = (
    ("1001", "王晓梅", "clerk", "258036"),
    ("9001", "李建国", "admin", "369147"),
)


def add_demo_staff(db: Database) -> list[dict[str, str]]:
    """Create (or reset) the demo clerk and admin; returns their ids and PINs to print."""
    auth = AuthService(db, AuditLog(db))
    for user_id, name, role, pin in DEMO_STAFF:
        if store.get(db, user_id) is None:
            auth.add_user(user_id, name, role, pin, actor="demo")
        else:
            auth.reset_pin(user_id, pin, actor="demo")
            store.set_disabled(db, user_id, False, utc_now())
    return [{"user_id": u, "name": n, "role": r, "pin": p} for u, n, r, p in DEMO_STAFF]
