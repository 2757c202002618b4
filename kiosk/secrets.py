"""The terminal's provisioned secrets: kept in one file readable only by the kiosk user.

`secrets.toml` in the data folder (mode 0600) holds what enrollment returns: the terminal
secret (signs requests), the lookup key (turns ID and card numbers into holder keys) and the
publishers' Ed25519 public keys (verify disclosures). Never in the database, logs or backups.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.errors import ConfigError


@dataclass(frozen=True)
class Secrets:
    terminal_secret: bytes = b""
    lookup_key: bytes = b""
    publisher_keys: dict[str, bytes] = field(default_factory=dict)  # key_id -> raw 32 bytes

    @property
    def enrolled(self) -> bool:
        return bool(self.terminal_secret and self.lookup_key)


def load_secrets(path: Path) -> Secrets:
    """Read the secrets file; an absent file means 'not enrolled yet' (empty secrets)."""
    import base64

    if not path.exists():
        return Secrets()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        return Secrets(
            terminal_secret=bytes.fromhex(document.get("terminal_secret", "")),
            lookup_key=bytes.fromhex(document.get("lookup_key", "")),
            publisher_keys={
                str(k): base64.b64decode(v)
                for k, v in document.get("publisher_keys", {}).items()
            },
        )
    except (tomllib.TOMLDecodeError, ValueError, UnicodeDecodeError) as error:
        raise ConfigError(f"密钥文件有误 / the secrets file {path} is damaged: {error}") from None


def save_secrets(path: Path, secrets: Secrets) -> None:
    """Write atomically with mode 0600 from the first byte (never briefly world-readable)."""
    import base64

    lines = [
        f'terminal_secret = "{secrets.terminal_secret.hex()}"',
        f'lookup_key = "{secrets.lookup_key.hex()}"',
        "",
        "[publisher_keys]",
        *(f'"{k}" = "{base64.b64encode(v).decode()}"' for k, v in secrets.publisher_keys.items()),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def permission_problem(path: Path) -> str | None:
    """A warning when the secrets file can be read by anyone but its owner."""
    if not path.exists():
        return None
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return f"{path} has mode {mode:o}; it must be 600 (chmod 600 {path})"
    return None
