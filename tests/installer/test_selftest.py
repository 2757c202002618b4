"""`kiosk selftest` from source: passes on a complete tree, and names what is missing when a
resource is broken (the same code runs inside the frozen bundle, see test_frozen.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.paths import resources_dir


def _selftest(tmp_path: Path, **extra: str) -> tuple[int, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(tmp_path / "data"),
               KIOSK_CONFIG=str(tmp_path / "kiosk.toml"), **extra)
    result = subprocess.run([sys.executable, "-m", "kiosk", "selftest", "--json"], env=env,
                            capture_output=True, text=True, timeout=240)
    return result.returncode, json.loads(result.stdout)


def test_passes_from_source(tmp_path: Path) -> None:
    code, report = _selftest(tmp_path)
    assert code == 0, report
    assert report["ok"] is True
    assert not (tmp_path / "data").exists()


def test_names_a_broken_form_and_a_missing_translation(tmp_path: Path) -> None:
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    next((copy / "forms").glob("*.json")).write_text('{"form_id": "broken"}', encoding="utf-8")
    for qm in (copy / "translations").glob("*.qm"):
        qm.unlink()

    code, report = _selftest(tmp_path, KIOSK_RESOURCES=str(copy))

    assert code == 1
    checks = {c["name"]: c for c in report["checks"]}  # type: ignore[attr-defined]
    assert checks["forms"]["ok"] is False
    assert checks["translations"]["ok"] is False
    assert ".qm" in checks["translations"]["detail"]
    assert checks["virtual keyboard"]["ok"] is True
