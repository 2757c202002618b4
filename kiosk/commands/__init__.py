"""Subcommands of `kiosk`; each module has `register(subparsers)`. Imported statically so the
frozen build finds them (no plugin discovery)."""

from __future__ import annotations

from types import ModuleType

from kiosk.commands import backup, demo, doctor, init

COMMAND_MODULES: list[ModuleType] = [
    demo,
    init,
    doctor,
    backup,
]
