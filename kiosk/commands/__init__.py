"""Subcommands of `kiosk`; each module has `register(subparsers)`. Imported statically so the
frozen build finds them (no plugin discovery)."""

from __future__ import annotations

from types import ModuleType

from kiosk.commands import a11y as a11y_commands
from kiosk.commands import applications as application_commands
from kiosk.commands import audit as audit_commands
from kiosk.commands import backup, demo, doctor, init, run
from kiosk.commands import card as card_commands
from kiosk.commands import disclosures as disclosure_commands
from kiosk.commands import forms as forms_commands
from kiosk.commands import printing as print_commands
from kiosk.commands import selftest as selftest_command
from kiosk.commands import subsidies as subsidy_commands
from kiosk.commands import sync as sync_commands
from kiosk.commands import users as user_commands

COMMAND_MODULES: list[ModuleType] = [
    run,
    demo,
    init,
    doctor,
    backup,
    forms_commands,
    card_commands,
    print_commands,
    sync_commands,
    subsidy_commands,
    disclosure_commands,
    application_commands,
    user_commands,
    audit_commands,
    a11y_commands,
    selftest_command,
]
