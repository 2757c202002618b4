"""Filling the wizard the way a villager does, for screenshots and end-to-end tests.

Each widget is operated through its own controls (text typed into the box, option buttons
pressed, photos taken with the photo button, a signature drawn with the mouse), with the values
of the form's example answers (`forms.example_answers`). Nothing here reaches a service
directly: photos and signatures go through the page's task runner like a real touch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from forms import example_answers
from forms.fieldtypes import yuan
from kiosk.ui.wizard.fields import (
    AddressField,
    AttachmentField,
    ChoiceField,
    FieldWidget,
    LineField,
    LongTextField,
)
from kiosk.ui.wizard.repeat import RepeatField
from kiosk.ui.wizard.signature_pad import SignatureField
from kiosk.ui.wizard.wizard_page import WizardPage

Settle = Callable[[], None]


def type_into(widget: LineField, text: str) -> None:
    widget.edit.setText(text)
    widget.edit.textEdited.emit(text)


def text_for(widget: FieldWidget, value: Any) -> str:
    if widget.field.type == "money" and isinstance(value, int):
        return yuan(value).replace(",", "")
    return str(value)


def fill_widget(widget: FieldWidget, value: Any, settle: Settle) -> None:
    """Operate one widget until it holds `value` (an example answer)."""
    if isinstance(widget, LineField):
        type_into(widget, text_for(widget, value))
    elif isinstance(widget, LongTextField):
        widget.edit.setPlainText(str(value))
    elif isinstance(widget, AddressField):
        for key, edit in widget.parts.items():
            edit.setText(str(value.get(key, "")))
            edit.textEdited.emit(edit.text())
    elif isinstance(widget, ChoiceField):
        chosen = value if isinstance(value, list) else [value]
        for option, button in widget.buttons.items():
            if any(option is c if isinstance(c, bool) else option == c for c in chosen) \
                    and not button.isChecked():
                QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    elif isinstance(widget, AttachmentField):
        for _ in range(max(1, len(value) if isinstance(value, list) else 1)):
            QTest.mouseClick(widget.take, Qt.MouseButton.LeftButton)
            settle()
    elif isinstance(widget, SignatureField):
        draw_signature(widget)
        QTest.mouseClick(widget.confirm, Qt.MouseButton.LeftButton)
        settle()
    elif isinstance(widget, RepeatField):
        entries = value if isinstance(value, list) else []
        for _ in entries:
            QTest.mouseClick(widget.add, Qt.MouseButton.LeftButton)
            QApplication.processEvents()
        for entry, card in zip(entries, widget.cards, strict=False):
            for sub_id, sub_widget in card.items():
                if sub_id in entry and sub_widget.field.type != "computed":
                    fill_widget(sub_widget, entry[sub_id], settle)
                    widget.refresh_shown({})


def draw_signature(widget: SignatureField) -> None:
    pad = widget.pad
    width, height = max(pad.width(), 200), max(pad.height(), 80)
    points = [QPoint(int(width * x), int(height * y)) for x, y in
              ((0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.45, 0.35), (0.6, 0.65), (0.8, 0.4))]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       points[-1])


def fill_current_step(page: WizardPage, settle: Settle,
                      skip: tuple[str, ...] = ()) -> None:
    """Answer every question shown on the current step with the example answers."""
    assert page.session is not None
    examples = example_answers(page.session.definition, today=dt.date.today())
    for field_id, widget in list(page.widgets.items()):
        settle()  # what is shown follows the answers, evaluated off the UI thread
        if field_id in skip or not widget.isVisibleTo(page) or field_id not in examples:
            continue
        if widget.field.type == "computed":
            continue
        if page.session.value(field_id) == examples[field_id]:
            continue
        fill_widget(widget, examples[field_id], settle)
