"""The applicant lookup key ("show my cases" by card), keyed so the file alone gives nothing.

The applications service hands storage a SHA-256 of the applicant's ID number. An ID number
has little entropy (region, birth date, a sequence number): from the file alone that hash
would give the number back by trying them all. With a data key attached, storage keeps
HMAC-SHA256(index key, that hash) instead, the index key derived from the data key named in
`privacy_state` (`index_key_id`, the first key the terminal had: old keys stay in
secrets.toml, so rotation does not change it). Rows from before are converted once, in one
transaction, when a key is first attached.
"""

from __future__ import annotations

import hashlib
import hmac

from kiosk.storage.database import Database, transaction
from kiosk.storage.sealing import codec_of

STATE_KEY = "index_key_id"
_LABEL = b"kiosk applicant index v1"


def _index_key(db: Database) -> bytes | None:
    codec = codec_of(db)
    if codec is None:
        return None
    cached = getattr(db.conn, "applicant_index_key", None)
    if cached is not None:
        return bytes(cached)
    row = db.execute("SELECT value FROM privacy_state WHERE key = ?", (STATE_KEY,)).fetchone()
    if row is None:
        return None
    key = codec.ring().keys.get(str(row[0]))
    if key is None:
        return None
    derived = hmac.new(key, _LABEL, hashlib.sha256).digest()
    db.conn.applicant_index_key = derived  # type: ignore[attr-defined]
    return derived


def indexed(db: Database, applicant_key: str) -> str:
    """What the `applicant_key` column holds for this lookup key."""
    if not applicant_key:
        return ""
    key = _index_key(db)
    if key is None:
        return applicant_key
    return hmac.new(key, applicant_key.encode("ascii"), hashlib.sha256).hexdigest()


def adopt(db: Database) -> bool:
    """Key the index with the current data key when it is not keyed yet (converting every
    existing row in the same transaction); True when it converted."""
    codec = codec_of(db)
    if codec is None or not codec.ring().can_seal:
        return False
    with transaction(db):
        if db.execute("SELECT 1 FROM privacy_state WHERE key = ?", (STATE_KEY,)).fetchone():
            return False
        db.execute("INSERT INTO privacy_state (key, value) VALUES (?, ?)",
                   (STATE_KEY, codec.ring().current_id))
        rows = db.execute("SELECT rowid, applicant_key FROM applications"
                          " WHERE applicant_key != ''").fetchall()
        for rowid, plain in rows:
            db.execute("UPDATE applications SET applicant_key = ? WHERE rowid = ?",
                       (indexed(db, str(plain)), rowid))
    return True
