"""docs/accessibility.md documents `kiosk a11y-report`, its flags, and the settings it relies on."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands import a11y
from kiosk.config import SPEC

DOC = (Path(__file__).resolve().parents[2] / "docs" / "accessibility.md").read_text("utf-8")
SETTINGS = ("voice", "elderly_mode", "idle_timeout_s", "form_idle_timeout_s", "countdown_s",
            "attract_after_s", "hide_cursor")


def test_a11y_report_and_its_flags_are_documented() -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    a11y.register(subparsers)
    command = subparsers.choices["a11y-report"]
    assert "kiosk a11y-report" in DOC
    flags = [f for a in command._actions for f in a.option_strings if f != "--help"
             and f.startswith("--")]
    assert "--json" in flags
    for flag in flags:
        assert flag in DOC, f"{flag} of kiosk a11y-report is undocumented"


def test_accessibility_settings_exist_and_are_documented() -> None:
    known = {s.key for s in SPEC if s.section == "kiosk"}
    for key in SETTINGS:
        assert key in known, key
        assert key in DOC, f"[kiosk] {key} is not in docs/accessibility.md"
