"""Tooling lives in kiosk/tools, which the frozen build leaves out; its commands say so there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.commands.tooling import load
from kiosk.errors import KioskError

REPO = Path(__file__).resolve().parents[2]


def test_the_frozen_build_excludes_the_tools() -> None:
    spec = (REPO / "installer" / "kiosk.spec").read_text(encoding="utf-8")
    excludes = re.search(r"excludes=\[([^\]]*)\]", spec)
    assert excludes is not None
    assert '"kiosk.tools"' in excludes.group(1)


def test_a_missing_tool_is_a_clear_message_not_a_traceback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KioskError, match="source checkout"):
        load("not_in_this_build")
    import sys

    monkeypatch.setitem(sys.modules, "kiosk.tools", None)  # the package itself is absent
    with pytest.raises(KioskError, match="source checkout"):
        load("screenshots")


def test_the_tools_load_from_a_checkout() -> None:
    assert callable(load("screenshots").render_screenshots)
    assert callable(load("a11y").run_report)


def test_no_tool_is_left_in_the_ui_package() -> None:
    ui = REPO / "kiosk" / "ui"
    for name in ("a11y.py", "layout_check.py", "wizard/screenshots.py", "wizard/demo_fill.py"):
        assert not (ui / name).exists(), name
