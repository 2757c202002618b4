"""`kiosk screenshots`: every page (and the idle countdown) rendered offscreen to PNG, with a
report of any text that does not fit (`kiosk.tools.layout_check`)."""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.services.registry import Services
from kiosk.tools.layout_check import clipped_widgets
from kiosk.ui.shell import KioskShell, _settle, make_application


def render_screenshots(services: Services, executor: Executor, folder: Path, *,
                       width: int, height: int, elderly: bool) -> tuple[list[Path], list[str]]:
    """Render every page (and the idle countdown) to `folder/<page>.png`.

    Returns the files written and a description of every piece of text that did not fit.
    """
    app = make_application(services.settings.language)
    shell = KioskShell(app, services, executor, width=width, height=height)
    if elderly:
        shell.window.large_button.setChecked(True)
    window = shell.window
    window.setFixedSize(width, height)  # the real screen: content must fit, never grow it
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "-elderly" if elderly else ""
    written = []
    clipped = []
    for page_id in list(window.pages):
        window.show_page(page_id)
        _settle(app, shell.tasks)
        path = folder / f"{page_id}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
        clipped += [f"{page_id}: {problem}" for problem in clipped_widgets(window)]
    window.show_page("home")
    shell.idle.countdown_started.emit(services.settings.countdown_s)
    _settle(app, shell.tasks)
    path = folder / f"idle-countdown{suffix}.png"
    window.grab().save(str(path))
    written.append(path)
    clipped += [f"idle-countdown: {problem}" for problem in clipped_widgets(window.overlay)]
    window.close()
    return written, clipped
