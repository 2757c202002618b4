"""A purge or a key rotation in its own process, announcing each commit on stdout, so a test
can SIGKILL it in the middle: `python -m tests.privacy.driver purge|rotate DATA_DIR`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kiosk.data_key import open_protected
from kiosk.paths import DataPaths
from tests.privacy.conftest import settings_for

DAY = 86400.0


def main(argv: list[str]) -> int:
    command, folder = argv[0], Path(argv[1])
    paths = DataPaths(folder)
    db = open_protected(paths)

    def announce(what: str, subject: object) -> None:
        print(f"{what} {subject}", flush=True)
        time.sleep(0.02)  # room for the kill to land between (and inside) transactions

    if command == "purge":
        from kiosk.services.privacy import PrivacyService

        later = time.time() + 400 * DAY
        PrivacyService(db, settings_for(), clock=lambda: later,
                       on_committed=announce, batch=2).purge()
    else:
        from kiosk.services.key_rotation import rotate_key

        rotate_key(db, paths.secrets, batch=3, on_batch=announce)
    print("done", flush=True)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
