"""Subcommands of `kiosk`; each module has `register(subparsers)`. Imported statically so the
frozen build finds them (no plugin discovery)."""

from __future__ import annotations

from types import ModuleType

COMMAND_MODULES: list[ModuleType] = []
