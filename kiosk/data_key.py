"""The terminal's data key: made on first use, kept in secrets.toml, attached to the database.

Personal data at rest is sealed with AES-256-GCM (kiosk.storage.sealing) under a key that
lives only in `secrets.toml` (mode 0600) next to the database: never in the database, the logs
or a backup. A backup copied to another machine is ciphertext without its key.

`open_protected` is how the kiosk, its commands and the sync worker open the database: the
codec it attaches reads the key ring from the secrets file again whenever that file changes,
so a `kiosk privacy rotate-key` in another process is seen by a running kiosk.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.paths import DataPaths
from kiosk.secrets import Secrets, load_secrets, save_secrets
from kiosk.storage.database import Database
from kiosk.storage.sealing import Codec, KeyRing, new_key, new_key_id

_LOCK = threading.RLock()


class SecretsKeyRing:
    """A `KeyRing` source over secrets.toml, cached until the file changes (looked at no more
    than once per `RECHECK_S`: a stat per sealed value would cost as much as the AES)."""

    RECHECK_S = 1.0

    def __init__(self, path: Path):
        self.path = path
        self._name = os.fspath(path)
        self._stamp: tuple[int, int] | None = None
        self._checked = -1e9
        self._ring = KeyRing()

    def refresh(self) -> None:
        """Read the file again at the next call (after this process changed it)."""
        self._checked = -1e9

    def __call__(self) -> KeyRing:
        now = time.monotonic()
        if now - self._checked < self.RECHECK_S and self._stamp is not None:
            return self._ring
        self._checked = now
        try:
            info = os.stat(self._name)
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = (0, 0)
        if stamp != self._stamp:
            secrets = load_secrets(self.path)
            self._ring = KeyRing(secrets.data_key_id, dict(secrets.data_keys))
            self._stamp = stamp
        return self._ring


def ring_of(secrets: Secrets) -> KeyRing:
    return KeyRing(secrets.data_key_id, dict(secrets.data_keys))


def with_new_key(secrets: Secrets) -> Secrets:
    """The same secrets with a fresh current data key; older keys stay to open old rows."""
    key_id = new_key_id()
    return dataclasses.replace(secrets, data_key_id=key_id,
                               data_keys={**secrets.data_keys, key_id: new_key()})


@contextmanager
def secrets_lock(path: Path) -> Iterator[None]:
    """One writer of secrets.toml at a time, across threads and processes (the kiosk and a
    `kiosk sync` starting together must not each make a key and lose one)."""
    import fcntl

    with _LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def ensure_data_key(path: Path) -> Secrets:
    """The secrets, with a data key made and saved first when there is none yet."""
    secrets = load_secrets(path)
    if ring_of(secrets).can_seal:
        return secrets
    with secrets_lock(path):
        secrets = load_secrets(path)  # another process may have made it meanwhile
        if ring_of(secrets).can_seal:
            return secrets
        secrets = with_new_key(secrets)
        save_secrets(path, secrets)
        return secrets


def keep_data_keys(path: Path, fresh: Secrets) -> Secrets:
    """`fresh` secrets (enrollment, demo) with the data keys already on this terminal:
    replacing them would leave every sealed row unreadable."""
    old = load_secrets(path)
    if not old.data_keys:
        return fresh
    return dataclasses.replace(fresh, data_key_id=old.data_key_id,
                               data_keys={**old.data_keys, **fresh.data_keys})


def protect(db: Database, secrets_path: Path) -> Database:
    """Seal personal data written through `db` with the terminal's data key."""
    from kiosk.storage.applicant_index import adopt
    from kiosk.storage.sealing import attach

    ensure_data_key(secrets_path)
    attach(db, Codec(SecretsKeyRing(secrets_path)))
    adopt(db)  # once: the applicant lookup keys become keyed (kiosk.storage.applicant_index)
    return db


def open_protected(paths: DataPaths, *, check_same_thread: bool = True) -> Database:
    """The migrated database with the data key attached."""
    from kiosk.storage.database import open_database

    db = open_database(paths.database, check_same_thread=check_same_thread)
    try:
        return protect(db, paths.secrets)
    except BaseException:
        db.close()
        raise
