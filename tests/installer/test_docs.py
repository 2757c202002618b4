"""docs/installer.md documents `kiosk selftest` with its flags and every `build.py` option."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from kiosk.commands import selftest

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "installer.md").read_text(encoding="utf-8")


def test_selftest_and_its_flags_are_documented() -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    selftest.register(subparsers)
    command = subparsers.choices["selftest"]
    assert "kiosk selftest" in DOC
    flags = [f for a in command._actions for f in a.option_strings
             if f.startswith("--") and f != "--help"]
    assert flags
    for flag in flags:
        assert flag in DOC, f"{flag} of kiosk selftest is undocumented"


def test_build_options_are_documented() -> None:
    usage = subprocess.run([sys.executable, str(REPO / "installer" / "build.py"), "--help"],
                           capture_output=True, text=True, check=True).stdout
    for word in usage.replace(",", " ").split():
        if word.startswith("--") and word != "--help":
            assert f"`{word.rstrip(']')}" in DOC, f"build.py {word} is undocumented"
