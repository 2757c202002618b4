"""Staff accounts and sign-in: roles, peppered scrypt PIN hashes, lengthening lockouts, sessions.

Villagers are anonymous. Clerks and admins sign in with their staff number (digits) and a PIN of
6 to 12 digits, or with an enrolled card and the PIN (never the card alone). The PIN is hashed
with scrypt (`hashlib.scrypt`, a random 16-byte salt per account) over HMAC-SHA256 of the PIN
keyed with the pepper from secrets.toml, so a copy of the database alone is not enough to try
PINs offline. The parameters are stored with each hash: hashes made before the pepper still
verify and are re-made with it at the next good sign-in.

Every failed sign-in (unknown number, disabled, locked, wrong PIN, malformed input) gets the
same message and does the same work (one scrypt hash with today's parameters, one counter
update, one audit record), so neither the words nor the time tell which accounts exist or are
locked. Five wrong PINs lock the account for 1 minute, the next five for 5 minutes, then 30
minutes, then until an admin resets it (`kiosk users unlock` or `reset-pin`). The counters are
in the database, so restarting the kiosk does not reset them. What is typed into the staff
number field is never written to the audit log unless it is a real staff number.

A session ends after five minutes without activity or on "sign out". There is no default
account and no default PIN: accounts are made by an admin (`kiosk users add`), or by
`kiosk demo` for the demo village only.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kiosk.errors import KioskError
from kiosk.services.audit import AuditLog, utc_now
from kiosk.services.demo_keys import DEMO_STAFF
from kiosk.storage import users as store
from kiosk.storage.database import Database, transaction

Role = Literal["clerk", "admin"]
ROLES: tuple[Role, ...] = ("clerk", "admin")
MAX_FAILURES = 5
LOCK_STEPS_S = (60, 300, 1800)  # then locked until an admin resets the account
LOCKED_FOR_GOOD = 1e18           # `locked_until` of an account only an admin can unlock
SESSION_IDLE_S = 300
PIN_MIN, PIN_MAX = 6, 12
ID_MAX = 12
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
_USER_ID = re.compile(r"[0-9]{1,12}")
_LEGACY_USER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")
_DUMMY_SALT = b"\x00" * 16
FAILED = ("登录失败：工号、卡或密码不对，或此账号暂时不能登录。"
          "多次失败会锁定，请稍后再试或找管理员 / "
          "Sign-in failed: wrong staff number, card or PIN, or the account cannot sign in now. "
          "Repeated failures lock it: wait, or ask an admin.")


class AuthError(KioskError):
    """An account cannot be made or changed as asked; the message says why."""

    exit_code = 1


class SignInFailed(AuthError):
    """Any refused sign-in. One message for every cause, so nobody at the screen learns
    whether a staff number exists, is disabled or locked, or how many tries are left."""

    def __init__(self, message: str = FAILED):
        super().__init__(message)


class NotSignedIn(AuthError):
    """The action needs a signed-in clerk or admin (or the session has ended)."""


def hash_pin(pin: str, salt: bytes, params: dict[str, int], pepper: bytes = b"") -> str:
    """scrypt over the PIN, or over HMAC(pepper, PIN) when `params` say it was peppered."""
    secret = pin.encode("utf-8")
    if params.get("pepper"):
        secret = hmac.new(pepper, secret, hashlib.sha256).digest()
    return hashlib.scrypt(secret, salt=salt, n=params["n"], r=params["r"], p=params["p"],
                          dklen=params["dklen"], maxmem=64 * 1024 * 1024).hex()


def pin_problem(pin: str) -> str | None:
    """Why a new PIN is not acceptable, in Chinese and English; None when it is."""
    if not pin.isascii() or not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        return (f"PIN 须为 {PIN_MIN}-{PIN_MAX} 位数字 / the PIN must be {PIN_MIN} to {PIN_MAX} "
                "digits")
    if len(set(pin)) == 1 or pin in "01234567890123" or pin in "98765432109876":
        return "PIN 过于简单 / the PIN is too easy to guess (repeated or consecutive digits)"
    return None


def user_id_problem(user_id: str) -> str | None:
    """Staff numbers are digits only: the sign-in field takes nothing else."""
    if not _USER_ID.fullmatch(user_id):
        return f"工号须为 1-{ID_MAX} 位数字 / a staff number is 1 to {ID_MAX} digits"
    return None


def lock_seconds(level: int) -> float | None:
    """How long the `level`-th lockout in a row lasts; None: until an admin resets it."""
    return LOCK_STEPS_S[level - 1] if 1 <= level <= len(LOCK_STEPS_S) else None


@dataclass
class StaffSession:
    user_id: str
    name: str
    role: Role
    started_at: float
    last_active: float
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    method: str = "pin"  # "pin" (staff number + PIN) or "card" (card + PIN)

    def allows(self, role: Role) -> bool:
        return self.role == "admin" or self.role == role


@dataclass(frozen=True)
class UserInfo:
    user_id: str
    name: str
    role: str
    disabled: bool
    locked: bool
    cards: int = 0

    def as_json(self) -> dict[str, object]:
        return dict(self.__dict__)


class AuthService:
    def __init__(self, db: Database, audit: AuditLog, clock: Callable[[], float] = time.time,
                 *, session_idle_s: int = SESSION_IDLE_S, pepper: bytes = b""):
        self.db = db
        self.audit = audit
        self.clock = clock
        self.session_idle_s = session_idle_s
        self._pepper = pepper
        self._session: StaffSession | None = None

    @property
    def params(self) -> dict[str, int]:
        """The scrypt parameters new hashes get (peppered when this terminal has a pepper)."""
        return {**SCRYPT, "pepper": 1} if self._pepper else dict(SCRYPT)

    def _new_hash(self, pin: str) -> tuple[str, str, dict[str, int]]:
        salt = secrets.token_bytes(16)
        params = self.params
        return hash_pin(pin, salt, params, self._pepper), salt.hex(), params

    def card_key(self, holder_key: str) -> str:
        """What `staff_cards` keeps of a contract holder key: HMAC with the pepper."""
        return hmac.new(self._pepper or b"staff-card", holder_key.encode("ascii"),
                        hashlib.sha256).hexdigest()

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
        pin_hash, salt, params = self._new_hash(pin)
        now = utc_now()
        row = store.UserRow(user_id, name, role, pin_hash, salt, params, False, 0, 0.0, now, now)
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
        pin_hash, salt, params = self._new_hash(pin)
        with transaction(self.db):
            if not store.set_pin(self.db, user_id, pin_hash, salt, params, utc_now()):
                raise AuthError(f"没有这个工号 / no staff number {user_id}")
            self.audit.record(actor, "pin_reset", user_id, {})

    def unlock(self, user_id: str, *, actor: str = "admin") -> None:
        """The admin's reset of a lockout (the last lockout step waits for this)."""
        with transaction(self.db):
            if not store.clear_failures(self.db, user_id):
                raise AuthError(f"没有这个工号 / no staff number {user_id}")
            self.audit.record(actor, "user_unlocked", user_id, {})

    def set_disabled(self, user_id: str, disabled: bool, *, actor: str = "admin") -> None:
        with transaction(self.db):
            if not store.set_disabled(self.db, user_id, disabled, utc_now()):
                raise AuthError(f"没有这个工号 / no staff number {user_id}")
            self.audit.record(actor, "user_disabled" if disabled else "user_enabled", user_id, {})
        if disabled and self._session is not None and self._session.user_id == user_id:
            self._session = None

    def users(self) -> list[UserInfo]:
        return [self._info(row) for row in store.list_users(self.db)]

    def enabled_staff(self, user_id: str) -> UserInfo | None:
        """The account when it exists and is not disabled (for `--clerk`), else None."""
        row = store.get(self.db, user_id)
        return None if row is None or row.disabled else self._info(row)

    def _info(self, row: store.UserRow) -> UserInfo:
        return UserInfo(row.user_id, row.name, row.role, row.disabled,
                        row.locked_until > self.clock(), len(store.cards_of(self.db, row.user_id)))

    # --- sign-in ---------------------------------------------------------------------
    def sign_in(self, user_id: str, pin: str) -> StaffSession:
        """A new session, or `SignInFailed` with the one message for every failure."""
        well_formed = bool(_LEGACY_USER_ID.fullmatch(user_id)) and len(pin) <= PIN_MAX
        with transaction(self.db):
            row = store.get(self.db, user_id) if well_formed else None
            subject = user_id if row is not None else "-"
            outcome = self._attempt(row, subject, pin, "pin",
                                    "unknown_user" if well_formed else "malformed")
        return _session_or_raise(outcome)

    def sign_in_with_card(self, holder_keys: Sequence[str], pin: str) -> StaffSession:
        """Card + PIN: the card names the account, the PIN proves it is its owner."""
        keys = [self.card_key(k) for k in holder_keys if k.isascii()]
        with transaction(self.db):
            owner = store.card_owner(self.db, keys) if len(pin) <= PIN_MAX else None
            row = store.get(self.db, owner) if owner is not None else None
            outcome = self._attempt(row, row.user_id if row else "-", pin, "card",
                                    "unknown_card")
        return _session_or_raise(outcome)

    def _attempt(self, row: store.UserRow | None, subject: str, pin: str, method: str,
                 missing: str) -> StaffSession | SignInFailed:
        """Every sign-in, found or not, runs this: one hash, one counter write, one record.
        A failure is returned, not raised, so the transaction around it commits."""
        now = self.clock()
        if row is None:
            hash_pin(pin, _DUMMY_SALT, self.params, self._pepper)  # the same work as a check
            store.record_attempt(self.db, "", 0, 0.0, 0)
            return self._failed(subject, missing, method)
        matches = hmac.compare_digest(
            hash_pin(pin, bytes.fromhex(row.pin_salt), row.pin_params, self._pepper),
            row.pin_hash)
        if row.disabled or row.locked_until > now:
            store.record_attempt(self.db, row.user_id, row.failed_count, row.locked_until,
                                 row.lockout_level)
            return self._failed(subject, "disabled" if row.disabled else "locked", method)
        if not matches:
            return self._wrong_pin(row, now, method)
        store.record_attempt(self.db, row.user_id, 0, 0.0, 0)
        if row.pin_params != self.params:
            store.upgrade_pin_hash(self.db, row.user_id, *self._new_hash(pin))
        self.audit.record(row.user_id, "staff_signed_in", row.user_id,
                          {"role": row.role, "method": method})
        self._session = StaffSession(row.user_id, row.name, row.role,  # type: ignore[arg-type]
                                     now, now, method=method)
        return self._session

    def _wrong_pin(self, row: store.UserRow, now: float, method: str) -> SignInFailed:
        failed = row.failed_count + 1
        if failed < MAX_FAILURES:
            store.record_attempt(self.db, row.user_id, failed, 0.0, row.lockout_level)
            return self._failed(row.user_id, "wrong_pin", method, failures=failed)
        level = row.lockout_level + 1
        seconds = lock_seconds(level)
        until = LOCKED_FOR_GOOD if seconds is None else now + seconds
        store.record_attempt(self.db, row.user_id, 0, until, level)
        self.audit.record(row.user_id, "staff_locked_out", row.user_id,
                          {"failures": failed, "level": level,
                           "seconds": "until_admin_reset" if seconds is None else seconds})
        return SignInFailed()

    def _failed(self, subject: str, reason: str, method: str,
                **details: object) -> SignInFailed:
        """Audit the failure; the typed text only when it is a real staff number."""
        self.audit.record(subject if subject != "-" else "unknown", "staff_sign_in_failed",
                          subject, {"reason": reason, "method": method, **details})
        return SignInFailed()

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


def _session_or_raise(outcome: StaffSession | SignInFailed) -> StaffSession:
    if isinstance(outcome, SignInFailed):
        raise outcome
    return outcome


def authorize_exit(auth: AuthService, user_id: str, pin: str) -> StaffSession:
    """The lockdown hook ("admin gesture + admin PIN" leaves the kiosk): an admin's PIN, with the
    same lockout as any sign-in. Records `kiosk_exited` and ends the session; raises
    `SignInFailed` / `NotSignedIn` (not an admin) otherwise."""
    session = auth.sign_in(user_id, pin)
    if session.role != "admin":
        auth.sign_out()
        raise NotSignedIn("只有管理员可以退出 / only an admin may leave the kiosk")
    auth.audit.record(session.user_id, "kiosk_exited", session.user_id, {})
    auth.sign_out()
    return session


# The demo village's staff (fictional). Only `kiosk demo` creates them; a real terminal has no
# account until an admin adds one with `kiosk users add`.


def add_demo_staff(db: Database, pepper: bytes = b"") -> list[dict[str, str]]:
    """Create (or reset) the demo clerk and admin; returns their ids and PINs to print."""
    auth = AuthService(db, AuditLog(db), pepper=pepper)
    for user_id, name, role, pin in DEMO_STAFF:
        if store.get(db, user_id) is None:
            auth.add_user(user_id, name, role, pin, actor="demo")
        else:
            auth.reset_pin(user_id, pin, actor="demo")
            store.set_disabled(db, user_id, False, utc_now())
    return [{"user_id": u, "name": n, "role": r, "pin": p} for u, n, r, p in DEMO_STAFF]
