"""The data key: made once, even by processes starting together; kept by enrollment/demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.data_key import ensure_data_key, keep_data_keys
from kiosk.secrets import Secrets, load_secrets
from tests.sync.support import REPO

MAKE = "import sys; from pathlib import Path; from kiosk.data_key import " \
       "ensure_data_key; print(ensure_data_key(Path(sys.argv[1])).data_key_id)"


def test_processes_starting_together_share_one_key(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    runs = [subprocess.Popen([sys.executable, "-c", MAKE, str(path)], cwd=REPO,
                             stdout=subprocess.PIPE, text=True) for _ in range(4)]
    ids = {run.communicate(timeout=60)[0].strip() for run in runs}
    assert len(ids) == 1
    assert ids == {load_secrets(path).data_key_id}
    assert path.stat().st_mode & 0o077 == 0


def test_enrollment_keeps_the_data_keys(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    made = ensure_data_key(path)
    fresh = keep_data_keys(path, Secrets(b"t" * 32, b"l" * 32, {}))
    assert fresh.data_key_id == made.data_key_id
    assert fresh.data_keys == made.data_keys
    assert fresh.terminal_secret == b"t" * 32


def test_a_save_without_data_keys_keeps_the_ones_on_disk(tmp_path: Path) -> None:
    from kiosk.secrets import save_secrets

    path = tmp_path / "secrets.toml"
    made = ensure_data_key(path)
    save_secrets(path, Secrets(b"t" * 32, b"l" * 32, {}))  # e.g. an enrollment's fresh secrets
    kept = load_secrets(path)
    assert (kept.data_key_id, kept.data_keys) == (made.data_key_id, made.data_keys)
    assert kept.terminal_secret == b"t" * 32
