"""docs/privacy.md and the README document the privacy commands, flags and settings."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands import authorisation, privacy
from kiosk.config import SPEC

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "privacy.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    privacy.register(subparsers)
    authorisation.register(subparsers)
    found = {"authorisation-letter": subparsers.choices["authorisation-letter"]}
    for action in subparsers.choices["privacy"]._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update({f"privacy {k}": v for k, v in action.choices.items()})
    return found


def test_every_privacy_command_and_flag_is_documented() -> None:
    commands = _commands()
    assert set(commands) == {"privacy purge", "privacy rotate-key", "authorisation-letter"}
    for name, command in commands.items():
        assert f"kiosk {name}" in DOC, name
        assert f"kiosk {name}" in README, name
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in DOC, f"{flag} of kiosk {name} is undocumented"


def test_privacy_settings_are_documented() -> None:
    keys = [s.key for s in SPEC if s.section == "privacy"]
    assert keys == ["keep_days", "draft_days"]
    for key in keys:
        assert f"`[privacy] {key}`" in DOC, key
