"""Finding text that does not fit: a label or button smaller than its own text needs, or
buttons squeezed on top of each other (a layout given less room than its rows need keeps each
button at full height but overlaps them).

Used by `kiosk screenshots` (and its tests) so "nothing is cut off" is checked on every page,
not only by looking.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def clipped_widgets(root: QWidget) -> list[str]:
    """Descriptions of visible labels and buttons whose text needs more room than they have."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                need_w, need_h = 0, widget.heightForWidth(widget.width())
            else:
                need_w, need_h = widget.minimumSizeHint().width(), widget.sizeHint().height()
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.sizeHint()
            need_w, need_h = hint.width(), widget.minimumSizeHint().height()
        else:
            continue
        if need_w > widget.width() + 1 or need_h > widget.height() + 1:
            text = (widget.text() if hasattr(widget, "text") else "")[:30].replace("\n", " ")
            problems.append(f"{type(widget).__name__} {text!r}: needs {need_w}x{need_h}, "
                            f"has {widget.width()}x{widget.height()}")
    return problems + overlapping_buttons(root)


def overlapping_buttons(root: QWidget) -> list[str]:
    """Visible sibling buttons whose rectangles cross (touching borders do not count)."""
    problems = []
    for parent in [root, *root.findChildren(QWidget)]:
        buttons = [child for child in parent.children()
                   if isinstance(child, QAbstractButton) and child.isVisibleTo(root)]
        for index, first in enumerate(buttons):
            for second in buttons[index + 1:]:
                shared = first.geometry().intersected(second.geometry())
                if shared.width() > 2 and shared.height() > 2:
                    problems.append(f"buttons {first.text()[:12]!r} and {second.text()[:12]!r} "
                                    f"overlap by {shared.width()}x{shared.height()}")
    return problems
