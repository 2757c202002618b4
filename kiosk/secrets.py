"""The terminal's provisioned secrets: kept in one file readable only by the kiosk user.

`secrets.toml` in the data folder (mode 0600) holds what enrollment returns: the terminal
secret (signs requests), the lookup key (turns ID and card numbers into holder keys) and the
publishers' Ed25519 public keys (verify disclosures); the PIN pepper (mixed into every staff PIN
hash, so a database backup alone does not let anyone try PINs offline); the version of the last
signed publisher key list applied, and publisher keys that a re-enrollment brought but an admin
has not confirmed yet. Never in the database, logs or backups.

The file is refused unless it is a regular file (not a symlink) with mode 0600: a secret that
anyone on the machine could have read, or replaced, is not trusted. It is written to a random
temporary name created with O_EXCL|O_NOFOLLOW (so a planted file or link is never written
through), synced, then renamed over the old one.

Adding a field: put it on `Secrets` and name it in `_HEX_FIELDS` (bytes kept as hex),
`_KEY_TABLES` (id -> raw bytes, kept as base64), `_INT_FIELDS` or `_TEXT_FIELDS`; load and
save follow.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import os
import secrets as random
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError

_HEX_FIELDS = ("terminal_secret", "lookup_key", "pin_pepper")
_KEY_TABLES = ("publisher_keys", "pending_publisher_keys", "data_keys")
_INT_FIELDS = ("key_list_version",)
_TEXT_FIELDS = ("data_key_id",)
MAX_SIZE = 256 * 1024
PEPPER_BYTES = 32


@dataclass(frozen=True)
class Secrets:
    terminal_secret: bytes = b""
    lookup_key: bytes = b""
    publisher_keys: dict[str, bytes] = field(default_factory=dict)  # key_id -> raw 32 bytes
    pin_pepper: bytes = b""
    key_list_version: int = 0
    pending_publisher_keys: dict[str, bytes] = field(default_factory=dict)
    # AES-256 data keys that seal personal data at rest (kiosk.storage.sealing): the current
    # one, and older ones kept so rows and backups from before a rotation still open.
    data_key_id: str = ""
    data_keys: dict[str, bytes] = field(default_factory=dict)  # key_id -> raw 32 bytes

    @property
    def enrolled(self) -> bool:
        return bool(self.terminal_secret and self.lookup_key)

    def replace(self, **changes: Any) -> Secrets:
        return dataclasses.replace(self, **changes)


class SecretsRefused(ConfigError):
    """The secrets file exists but is not safe to trust (mode, owner, kind of file)."""


def _damaged(path: Path, why: object) -> ConfigError:
    return ConfigError(f"密钥文件有误 / the secrets file {path} is damaged: {why}")


def _read_protected(path: Path) -> str | None:
    """The file's text, or None when absent; refused when it is not a private regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:  # ELOOP: a symlink
        raise SecretsRefused(
            f"密钥文件不可信 / the secrets file {path} is refused: it must be a regular file, "
            f"not a link ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SecretsRefused(f"密钥文件不可信 / {path} is not a regular file")
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077:
            raise SecretsRefused(
                f"密钥文件权限过宽 / the secrets file {path} has mode {mode:o}; it is not used "
                f"until it is 600 (check who could have read it, then: chmod 600 {path})")
        if info.st_size > MAX_SIZE:
            raise _damaged(path, f"{info.st_size} bytes is too large")
        data = handle.read(MAX_SIZE + 1)
    return data.decode("utf-8")


def _parse(document: dict[str, Any]) -> Secrets:
    values: dict[str, Any] = {}
    for name in _HEX_FIELDS:
        values[name] = bytes.fromhex(str(document.get(name, "")))
    for name in _KEY_TABLES:
        table = document.get(name, {})
        if not isinstance(table, dict):
            raise ValueError(f"[{name}] must be a table")
        values[name] = {str(k): base64.b64decode(str(v), validate=True)
                        for k, v in table.items()}
    for name in _INT_FIELDS:
        values[name] = int(document.get(name, 0))
    for name in _TEXT_FIELDS:
        values[name] = str(document.get(name, ""))
    return Secrets(**values)


def load_secrets(path: Path) -> Secrets:
    """Read the secrets file; an absent file means 'not enrolled yet' (empty secrets)."""
    try:
        text = _read_protected(path)
        if text is None:
            return Secrets()
        return _parse(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValueError, UnicodeDecodeError, binascii.Error) as error:
        raise _damaged(path, error) from None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(secrets: Secrets) -> str:
    lines = [f"{name} = {_quote(getattr(secrets, name).hex())}" for name in _HEX_FIELDS]
    lines += [f"{name} = {int(getattr(secrets, name))}" for name in _INT_FIELDS]
    lines += [f"{name} = {_quote(str(getattr(secrets, name)))}" for name in _TEXT_FIELDS]
    for name in _KEY_TABLES:
        lines += ["", f"[{name}]"]
        lines += [f"{_quote(k)} = {_quote(base64.b64encode(v).decode())}"
                  for k, v in getattr(secrets, name).items()]
    return "\n".join(lines) + "\n"


def save_secrets(path: Path, secrets: Secrets) -> None:
    """Write atomically with mode 0600 from the first byte (never briefly world-readable).

    A write that carries no PIN pepper keeps the one on disk: losing it would lock every clerk
    and admin out (their PIN hashes depend on it). The same for the data keys: losing them
    would leave every sealed record unreadable."""
    if not secrets.pin_pepper or not secrets.data_keys:
        try:
            existing = load_secrets(path)
        except ConfigError:
            existing = Secrets()
        if existing.pin_pepper and not secrets.pin_pepper:
            secrets = secrets.replace(pin_pepper=existing.pin_pepper)
        if existing.data_keys and not secrets.data_keys:
            secrets = secrets.replace(data_key_id=existing.data_key_id,
                                      data_keys=existing.data_keys)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{random.token_hex(8)}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(render(secrets))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def pin_pepper(path: Path) -> bytes:
    """The PIN pepper, made (32 random bytes) and saved the first time anything needs it."""
    current = load_secrets(path)
    if current.pin_pepper:
        return current.pin_pepper
    pepper = random.token_bytes(PEPPER_BYTES)
    save_secrets(path, current.replace(pin_pepper=pepper))
    return pepper


class LivePublisherKeys:
    """The publisher keys as they are in the file now: read again only when the file changed
    (a `stat` per call), so a running kiosk follows a rotation without a restart."""

    def __init__(self, path: Path):
        self._path = path
        self._stamp: tuple[int, int, int] | None = None
        self._keys: dict[str, bytes] = {}

    def __call__(self) -> dict[str, bytes]:
        try:
            info = self._path.stat()
            stamp: tuple[int, int, int] | None = (info.st_mtime_ns, info.st_size, info.st_ino)
        except FileNotFoundError:
            stamp = None
        if stamp != self._stamp:
            self._keys = load_secrets(self._path).publisher_keys if stamp else {}
            self._stamp = stamp
        return self._keys


def permission_problem(path: Path) -> str | None:
    """A warning when the secrets file can be read by anyone but its owner."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return f"{path} is a symbolic link; it must be a regular file"
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        return f"{path} has mode {mode:o}; it must be 600 (chmod 600 {path})"
    return None
