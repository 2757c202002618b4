"""Loading the tooling (`kiosk.tools`) for `kiosk screenshots` and `kiosk a11y-report`.

The frozen build leaves the whole `kiosk.tools` package out (installer/kiosk.spec), so this
lives outside it: in an installed kiosk the commands end with a clear message, not a traceback.
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
