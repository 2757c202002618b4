"""docs/cards.md documents every `kiosk card` command and flag, and every virtual card profile."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands import card, idcard
from kiosk.config import SPEC
from tests.support.cards import ALL_PROFILES

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "cards.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_kiosk_idcard_read_and_its_flags_are_documented() -> None:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    idcard.register(subparsers)
    sub = next(a for a in subparsers.choices["idcard"]._actions
               if isinstance(a, argparse._SubParsersAction)).choices
    assert set(sub) == {"read"}
    assert "kiosk idcard read" in DOC
    assert "`kiosk idcard read`" in README
    flags = {f for a in sub["read"]._actions for f in a.option_strings
             if f.startswith("--") and f != "--help"}
    assert flags == {"--device", "--baud", "--timeout", "--json", "--reveal"}
    for flag in flags:
        assert flag in DOC, f"{flag} of kiosk idcard read is undocumented"


def test_the_reader_settings_are_documented() -> None:
    for setting in SPEC:
        if setting.section in ("card_reader", "id_reader"):
            assert f"`[{setting.section}] {setting.key}`" in DOC


def test_the_photo_format_is_said() -> None:
    assert "WLT" in DOC
    assert "not decoded" in DOC
