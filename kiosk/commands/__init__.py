"""Subcommands of `kiosk`; each module has `register(subparsers)`.

The modules are imported statically (the frozen build finds them; no plugin discovery), but
inside `all_modules()`, so that `kiosk run`, which starts the kiosk against a measured
start-up budget, imports only its own module (`modules_for`).
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

GLOBAL_OPTIONS_WITH_VALUE = ("--data-dir", "--config")


def all_modules() -> list[ModuleType]:
    from kiosk.commands import a11y as a11y_commands
    from kiosk.commands import applications as application_commands
    from kiosk.commands import audit as audit_commands
    from kiosk.commands import authorisation as authorisation_commands
    from kiosk.commands import backup, demo, doctor, init, run
    from kiosk.commands import card as card_commands
    from kiosk.commands import disclosures as disclosure_commands
    from kiosk.commands import evaluations as evaluation_commands
    from kiosk.commands import feedback as feedback_commands
    from kiosk.commands import forms as forms_commands
    from kiosk.commands import idcard as idcard_commands
    from kiosk.commands import printing as print_commands
    from kiosk.commands import privacy as privacy_commands
    from kiosk.commands import selftest as selftest_command
    from kiosk.commands import subsidies as subsidy_commands
    from kiosk.commands import sync as sync_commands
    from kiosk.commands import users as user_commands

    return [
        run,
        demo,
        init,
        doctor,
        backup,
        forms_commands,
        card_commands,
        idcard_commands,
        print_commands,
        sync_commands,
        subsidy_commands,
        disclosure_commands,
        application_commands,
        user_commands,
        audit_commands,
        privacy_commands,
        authorisation_commands,
        evaluation_commands,
        feedback_commands,
        a11y_commands,
        selftest_command,
    ]


def subcommand_of(argv: Sequence[str]) -> str | None:
    """The first word that is not a global option or its value."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL_OPTIONS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def modules_for(argv: Sequence[str]) -> list[ModuleType]:
    if subcommand_of(argv) == "run" and not {"-h", "--help"} & set(argv):
        from kiosk.commands import run

        return [run]
    return all_modules()
