"""The publishers' Ed25519 keys: who may sign what the terminal shows, and how that changes.

Three ways the set changes, each audited with key fingerprints (never silently):

- First enrollment: the keys in the enrollment answer are adopted (over https, see
  `sync.transport`).
- Re-enrollment with different keys: held as *pending* until an admin confirms them
  (`kiosk keys accept`, or `kiosk enroll --accept-key-changes`); until then the old keys stay
  in force. Someone who could re-enroll the terminal (a leaked enrollment code) cannot swap in
  keys of their own without an admin seeing the change.
- Rotation in-band: a signed publisher key list (docs/sync.md "Publisher key rotation", an
  addition to the contract) in the enrollment or heartbeat answer, newer than the last one
  applied and signed by a key trusted now, replaces the set without an admin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.secrets import Secrets, load_secrets, save_secrets
from kiosk.services.audit import AuditLog


def fingerprint(raw: bytes) -> str:
    """SHA-256 of the raw key, the first 16 hex digits in groups of four (for people)."""
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4))


def describe(keys: Mapping[str, bytes]) -> dict[str, str]:
    return {key_id: fingerprint(raw) for key_id, raw in sorted(keys.items())}


@dataclass(frozen=True)
class KeyChanges:
    added: dict[str, str]
    removed: dict[str, str]
    replaced: dict[str, str]  # same key_id, another key: the new fingerprint

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.replaced)

    def as_json(self) -> dict[str, Any]:
        return {"added": self.added, "removed": self.removed, "replaced": self.replaced}


def changes(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> KeyChanges:
    return KeyChanges(
        added={k: fingerprint(v) for k, v in new.items() if k not in old},
        removed={k: fingerprint(v) for k, v in old.items() if k not in new},
        replaced={k: fingerprint(v) for k, v in new.items() if k in old and old[k] != v})


def adopt_enrollment(existing: Secrets, offered: Mapping[str, bytes],
                     key_list: Mapping[str, Any] | None, *, accept: bool
                     ) -> tuple[Secrets, str, KeyChanges]:
    """The secrets' key fields after an enrollment answer, the audit action, the changes.

    `existing` is what the terminal had; the caller sets the new terminal secret and lookup
    key. Action: "" (no change), "publisher_keys_set" (first enrollment),
    "publisher_keys_changed" (confirmed or signed), "publisher_keys_change_pending"."""
    from sync.verify import verify_key_list

    new_keys, version, signed = dict(offered), existing.key_list_version, False
    if key_list is not None:
        trusted = existing.publisher_keys or dict(offered)
        verified = verify_key_list(key_list, trusted, existing.key_list_version)
        if not isinstance(verified, str):
            new_keys, version = verified
            signed = bool(existing.publisher_keys)
    diff = changes(existing.publisher_keys, new_keys)
    if not existing.publisher_keys:
        return (existing.replace(publisher_keys=new_keys, key_list_version=version,
                                 pending_publisher_keys={}), "publisher_keys_set", diff)
    if not diff.any:
        return existing.replace(pending_publisher_keys={}, key_list_version=version), "", diff
    if accept or signed:
        return (existing.replace(publisher_keys=new_keys, key_list_version=version,
                                 pending_publisher_keys={}), "publisher_keys_changed", diff)
    return (existing.replace(pending_publisher_keys=new_keys), "publisher_keys_change_pending",
            diff)


def apply_key_list(path: Path, key_list: Mapping[str, Any], audit: AuditLog) -> str:
    """A signed key list from a heartbeat: applied (audited) when newer and signed by a trusted
    key. Returns what happened: "rotated", "" (not newer: nothing to do) or the refusal."""
    from sync.verify import verify_key_list

    current = load_secrets(path)
    verified = verify_key_list(key_list, current.publisher_keys, current.key_list_version)
    if isinstance(verified, str):
        if "not newer" in verified:
            return ""
        audit.record("province", "publisher_key_list_refused", "publisher_keys",
                     {"reason": verified, "version": key_list.get("version")})
        return f"refused: {verified}"
    keys, version = verified
    diff = changes(current.publisher_keys, keys)
    save_secrets(path, current.replace(publisher_keys=keys, key_list_version=version))
    audit.record("province", "publisher_keys_rotated", "publisher_keys",
                 {"version": version, **diff.as_json()})
    return "rotated"


def pending(path: Path) -> dict[str, Any]:
    current = load_secrets(path)
    return {"keys": describe(current.publisher_keys),
            "pending": describe(current.pending_publisher_keys),
            "changes": changes(current.publisher_keys,
                               current.pending_publisher_keys).as_json()
            if current.pending_publisher_keys else None,
            "key_list_version": current.key_list_version}


def decide_pending(path: Path, accept: bool, audit: AuditLog, actor: str) -> dict[str, Any]:
    """The admin's answer to keys a re-enrollment brought: take them, or keep the old ones."""
    current = load_secrets(path)
    if not current.pending_publisher_keys:
        raise KioskError("没有待确认的发布者密钥 / no publisher key change is waiting for "
                         "confirmation")
    diff = changes(current.publisher_keys, current.pending_publisher_keys)
    if accept:
        updated = current.replace(publisher_keys=current.pending_publisher_keys,
                                  pending_publisher_keys={})
    else:
        updated = current.replace(pending_publisher_keys={})
    save_secrets(path, updated)
    audit.record(actor, "publisher_keys_changed" if accept else "publisher_keys_change_rejected",
                 "publisher_keys", diff.as_json())
    return {"accepted": accept, **diff.as_json(), "keys": describe(updated.publisher_keys)}
