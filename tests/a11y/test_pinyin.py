"""A name typed in Pinyin through Qt's on-screen keyboard, on a real (virtual) X display."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("pinyin_probe.py")
REPO = PROBE.parents[2]


@pytest.mark.slow
def test_pinyin_entry_of_a_name() -> None:
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: scripts/setup.sh installs xvfb"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_IM_MODULE")}
    env["PYTHONPATH"] = str(REPO)
    run = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1920x1080x24", sys.executable, str(PROBE),
         "zhang", "san"],
        capture_output=True, text=True, timeout=120, env=env, cwd=REPO, check=False)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    assert lines, run.stderr[-2000:]
    result = json.loads(lines[-1])
    assert result["ok"], result
    assert result["opened"], "touching the field opened the keyboard"
    assert result["locale"] == "zh_CN"
    assert result["text"] == "张三"
    assert result["keyboard_hidden_after_forget"]
