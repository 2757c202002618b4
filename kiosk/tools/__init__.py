"""Tooling that drives the kiosk's UI but is not the kiosk: screenshot harnesses
(`kiosk screenshots`, the docs' wizard screenshots), the a11y report (`kiosk a11y-report`),
the layout check they share, and the demo filling of wizard steps.

The frozen build leaves this package out (installer/kiosk.spec `excludes`): a terminal ships
only what a villager or clerk uses. The commands that need it say so when it is missing. It may
import Qt and `kiosk.ui`; `kiosk.ui` never imports it (import-linter contract).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from kiosk.errors import KioskError


def load(name: str) -> ModuleType:
    """`kiosk.tools.<name>`, or a clear message where the frozen build left the tools out."""
    try:
        return importlib.import_module(f"kiosk.tools.{name}")
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith("kiosk.tools"):
            raise
        raise KioskError(
            "此命令只在源码安装中可用 / this command is tooling and not part of the installed "
            "kiosk: run it from a source checkout (scripts/setup.sh).") from None
