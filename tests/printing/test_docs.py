"""docs/printing.md documents every `kiosk print` subcommand, each of its flags, and every
`[printer]` setting."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk.commands import printing
from kiosk.config import SPEC

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "printing.md").read_text("utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    printing.register(commands)
    command = commands.choices["print"]
    sub = next(a for a in command._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_print_subcommand_and_flag_is_documented(name: str) -> None:
    line = next((ln for ln in DOC.splitlines() if ln.startswith(f"kiosk print {name}")), "")
    assert line, f"kiosk print {name} is not in docs/printing.md"
    for action in _subcommands()[name]._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert flag in line, f"{flag} of kiosk print {name} is not on its docs line"


@pytest.mark.parametrize("key", sorted(s.key for s in SPEC if s.section == "printer"))
def test_every_printer_setting_is_documented(key: str) -> None:
    assert f"`{key}`" in DOC


def test_the_readme_lists_every_print_subcommand() -> None:
    row = next(ln for ln in (ROOT / "README.md").read_text("utf-8").splitlines()
               if ln.startswith("| `kiosk print "))
    for name in _subcommands():
        assert name in row, f"kiosk print {name} is missing from the README's command table"
