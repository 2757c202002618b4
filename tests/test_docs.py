"""Every `kiosk` subcommand, every flag and every setting is documented (after sqlite-utils'
tests/test_docs.py): the README's command table names each command and subcommand, the README or
the docs page of its area names each of its flags, and each setting appears as `[section] key`.

Nothing here is a hard-coded list: the commands come from walking the real argparse tree
(`kiosk.cli.build_parser`), the settings from the settings model (`kiosk.config.SPEC`), so a
command or setting added tomorrow is checked tomorrow.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.config import SPEC

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
PAGES = {path.name: path.read_text(encoding="utf-8")
         for path in sorted((REPO / "docs").glob("*.md"))}
EVERYTHING = "\n".join([README, *PAGES.values()])
ROWS = [line for line in README.splitlines() if line.startswith("| `kiosk ")]


def walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
         ) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every (sub)command below `parser`, as its words and its own parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from walk(sub, (*path, name))


COMMANDS = dict(walk(build_parser()))


def flags(parser: argparse.ArgumentParser) -> list[str]:
    return [flag for action in parser._actions for flag in action.option_strings
            if flag.startswith("--") and flag != "--help"]


def rows_for(words: tuple[str, ...]) -> list[str]:
    """README table rows of the command: `kiosk print test|receipt|...` covers `print test`."""
    top = f"`kiosk {words[0]}"
    found = []
    for row in ROWS:
        cell = re.split(r"(?<!\\)\|", row)[1]  # the first cell; `\|` separates choices
        names_top = re.search(re.escape(top) + r"[\s`\\\[]", cell) or f"{top}`" in cell
        last = rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])"
        if names_top and (len(words) == 1 or re.search(last, cell)):
            found.append(row)
    return found


def pages_for(words: tuple[str, ...]) -> list[str]:
    """Docs pages that mention the command by its words."""
    command = "kiosk " + " ".join(words)
    return [text for text in PAGES.values() if command in text]


@pytest.mark.parametrize("words", sorted(COMMANDS), ids=" ".join)
def test_every_command_is_in_the_readme_table(words: tuple[str, ...]) -> None:
    assert rows_for(words) or (len(words) > 1 and pages_for(words)), \
        f"`kiosk {' '.join(words)}` is in neither the README's command table nor a docs page"


@pytest.mark.parametrize(
    ("words", "flag"),
    sorted((words, flag) for words, parser in COMMANDS.items() for flag in flags(parser)),
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value))
def test_every_flag_is_documented(words: tuple[str, ...], flag: str) -> None:
    where = rows_for(words) + pages_for(words) + pages_for(words[:1])
    assert any(flag in text for text in where), \
        f"{flag} of `kiosk {' '.join(words)}` is in neither its README row nor its docs page"


@pytest.mark.parametrize("setting", SPEC, ids=lambda s: f"{s.section}.{s.key}")
def test_every_setting_is_documented(setting: object) -> None:
    section, key = setting.section, setting.key  # type: ignore[attr-defined]
    assert f"[{section}] {key}" in EVERYTHING or f"[{section}]` `{key}" in EVERYTHING, \
        f"setting [{section}] {key} is not documented in README.md or docs/"


def test_the_walk_finds_nested_subcommands() -> None:
    """The tree really is walked (not just the top level): `kiosk print test` is two deep."""
    assert ("print", "test") in COMMANDS
    assert ("run",) in COMMANDS
    assert "--json" in flags(COMMANDS[("doctor",)])
