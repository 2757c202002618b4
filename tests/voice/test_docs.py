"""docs/voice.md documents every voice subcommand and flag, the emulator's reply flags, and
every screenshot it shows exists; the README's command table names the commands."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from kiosk.commands import evaluations, feedback, subsidies

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "voice.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    for module in (evaluations, feedback, subsidies):
        module.register(subparsers)
    found = {}
    for name in ("evaluations", "feedback"):
        actions = subparsers.choices[name]._subparsers._group_actions  # type: ignore[union-attr]
        for action in actions:
            for sub, command in action.choices.items():  # type: ignore[union-attr]
                found[f"kiosk {name} {sub}"] = command
    policies = subparsers.choices["subsidies"]._subparsers._group_actions[0]  # type: ignore[union-attr]
    found["kiosk subsidies policies"] = policies.choices["policies"]  # type: ignore[index]
    return found


def test_every_voice_command_and_flag_is_documented() -> None:
    commands = _commands()
    assert len(commands) == 7  # add, list, export; add, list, show; policies
    for name, command in commands.items():
        assert name in DOC, f"{name} is not in docs/voice.md"
        for flag in (f for a in command._actions for f in a.option_strings
                     if f.startswith("--") and f != "--help"):
            assert flag in DOC, f"{flag} of {name} is undocumented"


def test_the_readme_names_the_commands_and_the_emulator_flags_are_documented() -> None:
    for words in ("kiosk evaluations add", "kiosk feedback add", "kiosk subsidies policies"):
        assert words in README
    for flag in ("--reply FEEDBACK_ID TEXT", "--replied-by"):
        assert flag in DOC


def test_every_screenshot_shown_exists() -> None:
    shown = re.findall(r"\]\((screenshots/[^)]+)\)", DOC)
    assert len(shown) >= 10
    for path in shown:
        assert (REPO / "docs" / path).is_file(), path
