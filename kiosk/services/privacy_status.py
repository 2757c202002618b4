"""What `kiosk doctor` says about personal data: key presence, encryption, retention backlog.

Also the check `kiosk restore` runs before it touches anything: every data key the backup's
rows are sealed with must be in this terminal's secrets.toml, or the restore is refused with
the missing key ids named (a backup copied to another terminal is useless without its key).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.context import Context
from kiosk.errors import StorageError
from kiosk.secrets import load_secrets


def key_results(ctx: Context) -> list[tuple[str, str, str]]:
    """(name, status, detail) rows for the key, the sealed rows and the retention backlog."""
    from kiosk.services.privacy import PrivacyService
    from kiosk.storage import sealed_columns

    db = ctx.database()  # opening attaches the data key, making one on first use
    secrets = load_secrets(ctx.paths.secrets)
    results: list[tuple[str, str, str]] = []
    present = bool(secrets.data_key_id and secrets.data_keys.get(secrets.data_key_id))
    results.append(("privacy.key", "ok" if present else "fail",
                    f"data key {secrets.data_key_id} in {ctx.paths.secrets}" if present
                    else f"no data key in {ctx.paths.secrets}"))
    missing = sorted(sealed_columns.key_ids_used(db.conn) - set(secrets.data_keys))
    if missing:
        results.append(("privacy.key_missing", "fail",
                        "rows are sealed with key(s) not in secrets.toml: " + ", ".join(missing)))
    stale = {k: v for k, v in sealed_columns.count_not_current(
        db, secrets.data_key_id).items() if v}
    results.append(("privacy.encryption", "ok" if not stale else "warn",
                    "every personal record sealed with the current key" if not stale else
                    "not sealed with the current key: " + ", ".join(
                        f"{k} {v}" for k, v in stale.items())
                    + " (the daily purge or `kiosk privacy rotate-key` seals them)"))
    service = PrivacyService(db, ctx.settings)
    backlog = service.backlog()
    overdue = backlog.confirmed_not_cleared + backlog.expired + backlog.stale_clerk_drafts
    results.append(("privacy.retention", "ok" if not overdue else "warn",
                    f"past their date: {backlog.confirmed_not_cleared} confirmed copies, "
                    f"{backlog.expired} answers, {backlog.stale_clerk_drafts} clerk drafts; "
                    f"{backlog.unconfirmed} unconfirmed kept; last purge "
                    f"{service.last_purge() or 'never'}"))
    return results


def check_backup_keys(backup: Path, secrets_path: Path) -> None:
    """Refuse a backup whose sealed rows need a key this terminal does not have."""
    from kiosk.storage import sealed_columns

    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            used = sealed_columns.key_ids_used(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return  # not readable as a kiosk database: the integrity check explains that
    have = set(load_secrets(secrets_path).data_keys)
    missing = sorted(used - have)
    if missing:
        raise StorageError(
            f"无法恢复：缺少数据密钥 / cannot restore {backup}: its personal records are "
            f"encrypted with data key {', '.join(missing)}, and {secrets_path} on this terminal "
            "does not hold that key. Backups never contain the key. Copy secrets.toml from the "
            "terminal that made the backup (keep it mode 600), then restore again. Nothing "
            "was changed.")
