"""`kiosk privacy rotate-key`: a new data key, and every sealed row moved to it in batches.

The new key is saved to secrets.toml (atomically) BEFORE any row uses it, and the old keys stay
there, so at every instant each row opens with a key the file holds. The key being rotated to
is remembered in the database (`privacy_state`), so a run killed half-way resumes with the
same key instead of making another. `reseal` alone (no new key) also seals rows written before
encryption existed; the daily purge runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.data_key import ensure_data_key, secrets_lock, with_new_key
from kiosk.errors import KioskError
from kiosk.secrets import load_secrets, save_secrets
from kiosk.storage import privacy as privacy_store
from kiosk.storage import sealed_columns
from kiosk.storage.database import Database, transaction
from kiosk.storage.sealing import Codec, codec_of

TARGET_KEY = "rotation_target"
BATCH = 500


@dataclass
class RotationReport:
    key_id: str
    resumed: bool
    resealed: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"key_id": self.key_id, "resumed": self.resumed, "resealed": self.resealed,
                "total": sum(self.resealed.values())}


def _codec(db: Database) -> Codec:
    codec = codec_of(db)
    if codec is None:
        raise KioskError("数据库未加载数据密钥 / the database was opened without its data key")
    return codec


def reseal(db: Database, *, batch: int = BATCH,
           on_batch: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Seal under the current key every row that is plaintext or under an older key."""
    codec = _codec(db)
    codec.refresh()
    ring = codec.ring()
    if not ring.can_seal:
        raise KioskError("没有数据密钥 / there is no data key in secrets.toml")
    key = ring.keys[ring.current_id]
    done: dict[str, int] = {}
    with privacy_store.secure_deletion(db):  # plaintext rows must not linger in free pages
        for column in sealed_columns.COLUMNS:
            total = 0
            while count := sealed_columns.reseal_batch(db, codec, column, ring.current_id, key,
                                                       batch):
                total += count
                if on_batch is not None:
                    on_batch(column.label(), total)
            done[column.label()] = total
    return done


def rotate_key(db: Database, secrets_path: Path, *, batch: int = BATCH,
               on_batch: Callable[[str, int], None] | None = None) -> RotationReport:
    ensure_data_key(secrets_path)
    with secrets_lock(secrets_path):
        secrets = load_secrets(secrets_path)
        target = privacy_store.get_state(db, TARGET_KEY)
        resumed = target is not None and target == secrets.data_key_id
        if not resumed:
            secrets = with_new_key(secrets)
            save_secrets(secrets_path, secrets)  # first: no row may use a key the file lacks
            with transaction(db):
                privacy_store.set_state(db, TARGET_KEY, secrets.data_key_id)
    report = RotationReport(secrets.data_key_id, resumed)
    report.resealed = reseal(db, batch=batch, on_batch=on_batch)
    with transaction(db):
        privacy_store.set_state(db, TARGET_KEY, None)
    return report
