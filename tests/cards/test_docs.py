"""docs/cards.md documents every `kiosk card` command and flag, and every virtual card profile."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands import card
from tests.support.cards import ALL_PROFILES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "cards.md").read_text(encoding="utf-8")


def test_every_card_command_and_flag_is_documented() -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    card.register(subparsers)
    choices = subparsers.choices
    sub = next(a for a in choices["card"]._actions
               if isinstance(a, argparse._SubParsersAction)).choices
    assert set(sub) == {"read", "readers"}
    for name, command in sub.items():
        assert f"kiosk card {name}" in DOC
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in DOC, f"{flag} of kiosk card {name} is undocumented"


def test_every_profile_is_documented() -> None:
    for profile in ALL_PROFILES:
        assert f"`{profile}`" in DOC
