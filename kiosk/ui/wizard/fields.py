"""One widget per form field type: big controls, the question in words, errors in words below.

Dumb widgets: a value goes in with `set_value`, a change comes out as `changed(value)` (the raw
value as the villager gave it; the form engine tidies and checks it), issues go in with
`show_issues`. Photographs and signatures need the services: the widget asks its
`BlobBroker`, the wizard page does the work and hands the blob reference back (`add_blob`).
Errors are shown as text with a "⚠" sign and never by colour alone.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms import Field
from forms.fieldtypes import FIELD_TYPES, yuan
from kiosk.ui.widgets import big_button, text_label


def ui_language() -> str:
    """"en" when the screens are English, else "zh" (the villager's default)."""
    return "en" if QLocale().name().startswith("en") else "zh"


class BlobBroker(QObject):
    """Where field widgets ask for a photo or hand over a drawn signature."""

    photo_requested = Signal(object)  # the FieldWidget asking
    signature_drawn = Signal(object, bytes)  # the FieldWidget, PNG bytes


class FieldWidget(QWidget):
    changed = Signal(object)

    def __init__(self, field: Field, broker: BlobBroker, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.broker = broker
        self.language = ui_language()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        label = field.label.get(self.language)
        if field.required and field.type not in ("computed", "consent"):
            label += self.tr(" (required)")
        self.label = text_label(label, role="fieldLabel")
        self._layout.addWidget(self.label)
        if field.help is not None:
            self._layout.addWidget(text_label(field.help.get(self.language), role="hint"))
        self.build()
        self.error = text_label("", role="error")
        self.error.hide()
        self._layout.addWidget(self.error)

    def build(self) -> None:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show a stored value (never emits `changed`)."""

    def add_blob(self, entry: dict[str, Any]) -> None:
        """A photo or signature stored for this field (blob fields only)."""

    def show_issues(self, messages: list[str]) -> None:
        self.error.setText("\n".join(f"⚠ {message}" for message in messages))
        self.error.setVisible(bool(messages))

    def clear_issues(self) -> None:
        self.show_issues([])


class LineField(FieldWidget):
    """Text, numbers, money (typed in yuan) and dates."""

    def build(self) -> None:
        self.edit = QLineEdit()
        self.edit.setObjectName("fieldInput")
        self.edit.setMaxLength(int(self.field.params.get("max_length", 120)) + 20)
        hints = {
            "money": self.tr("Amount in yuan, e.g. 1200 or 1200.50"),
            "date": self.tr("Year-month-day, e.g. 1958-03-12"),
        }
        self.edit.setPlaceholderText(hints.get(self.field.type, ""))
        self.edit.textEdited.connect(self.changed.emit)
        self._layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        if value is None:
            text = ""
        elif self.field.type == "money" and isinstance(value, int):
            text = yuan(value).replace(",", "")
        else:
            text = str(value)
        self.edit.setText(text)


class NumberField(LineField):
    """ID, mobile and bank card numbers: a large box in groups, a count, mistakes at once.

    A LineField still (`edit` is the line typed into), so whatever fills lines fills these."""

    def build(self) -> None:
        from kiosk.ui.digit_entry import DigitLineEdit

        self.number = DigitLineEdit(self.field.type)
        self.edit = self.number.edit  # what demo filling and the keyboard type into
        hints = {
            "id_number": self.tr("18 characters; the last may be X"),
            "phone": self.tr("11-digit mobile number"),
            "bank_card": self.tr("Card number, digits only"),
        }
        self.edit.setPlaceholderText(hints[self.field.type])
        self.number.edited.connect(self.changed.emit)
        self._layout.addWidget(self.number)

    def set_value(self, value: Any) -> None:
        self.number.show_number("" if value is None else str(value))


class LongTextField(FieldWidget):
    def build(self) -> None:
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("fieldInput")
        self.edit.textChanged.connect(lambda: self.changed.emit(self.edit.toPlainText()))
        self._layout.addWidget(self.edit)

    def set_value(self, value: Any) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText("" if value is None else str(value))
        self.edit.blockSignals(False)


class AddressField(FieldWidget):
    def build(self) -> None:
        self.parts: dict[str, QLineEdit] = {}
        row = QHBoxLayout()
        for key, hint in (("township", self.tr("Township")), ("village", self.tr("Village")),
                          ("detail", self.tr("Street and number"))):
            edit = QLineEdit()
            edit.setObjectName("fieldInput")
            edit.setPlaceholderText(hint)
            edit.textEdited.connect(self._on_part_edited)
            self.parts[key] = edit
            row.addWidget(edit, 2 if key == "detail" else 1)
        self._layout.addLayout(row)

    def _on_part_edited(self, _text: str) -> None:
        self.changed.emit({key: edit.text() for key, edit in self.parts.items()})

    def set_value(self, value: Any) -> None:
        parts = value if isinstance(value, dict) else {"detail": value or ""}
        for key, edit in self.parts.items():
            edit.setText(str(parts.get(key, "")))


class ChoiceField(FieldWidget):
    """Single and multiple choice, yes/no, and consent: large buttons that stay pressed."""

    def build(self) -> None:
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.field.type in ("choice", "yes_no"))
        self.buttons: dict[Any, QPushButton] = {}
        if self.field.type == "yes_no":
            options: list[tuple[Any, str]] = [(True, self.tr("Yes")), (False, self.tr("No"))]
        elif self.field.type == "consent":
            if self.field.statement is not None:
                self._layout.addWidget(text_label(self.field.statement.get(self.language),
                                                  role="statement"))
            options = [(True, self.tr("I have read this and agree"))]
            self.group.setExclusive(False)
        else:
            options = [(o.value, o.label.get(self.language)) for o in self.field.options]
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = 1 if self.field.type == "consent" else (2 if len(options) > 4 else
                                                          max(1, len(options)))
        for index, (value, text) in enumerate(options):
            button = big_button(("✔ " if self.field.type == "consent" else "") + text,
                                name="choice")
            button.setCheckable(True)
            self.group.addButton(button)
            self.buttons[value] = button
            button.clicked.connect(self._on_clicked)
            grid.addWidget(button, index // columns, index % columns)
        self._layout.addLayout(grid)

    def _on_clicked(self) -> None:
        chosen = [value for value, button in self.buttons.items() if button.isChecked()]
        if self.field.type == "multi_choice":
            self.changed.emit(chosen)
        elif self.field.type == "consent":
            self.changed.emit(True if chosen else None)
        else:
            self.changed.emit(chosen[0] if chosen else None)

    def set_value(self, value: Any) -> None:
        chosen = value if isinstance(value, list) else [value]
        for option, button in self.buttons.items():
            button.setChecked(any(option is c if isinstance(c, bool) else option == c
                                  for c in chosen))


class ComputedField(FieldWidget):
    def build(self) -> None:
        self.shown = text_label("—", role="computed")
        self._layout.addWidget(self.shown)

    def set_value(self, value: Any) -> None:
        self.shown.setText(FIELD_TYPES["computed"].display(self.field, value, self.language))


class AttachmentField(FieldWidget):
    """Materials photographed with the document camera, page by page."""

    def build(self) -> None:
        self.value: list[dict[str, Any]] = []
        row = QHBoxLayout()
        self.count = text_label("", role="instruction")
        row.addWidget(self.count, 1)
        self.take = big_button(self.tr("📷 Photograph a page"), primary=True)
        self.take.clicked.connect(lambda: self.broker.photo_requested.emit(self))
        row.addWidget(self.take)
        self.remove = big_button(self.tr("Remove last"))
        self.remove.clicked.connect(self._on_remove)
        row.addWidget(self.remove)
        self._layout.addLayout(row)
        self.set_value([])

    def add_blob(self, entry: dict[str, Any]) -> None:
        self.set_value([*self.value, entry])
        self.changed.emit(list(self.value))

    def _on_remove(self) -> None:
        self.set_value(self.value[:-1])
        self.changed.emit(list(self.value))

    def set_value(self, value: Any) -> None:
        self.value = [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
        self.count.setText(self.tr("%n page(s) photographed", "", len(self.value)))
        self.remove.setEnabled(bool(self.value))


_KINDS: dict[str, type[FieldWidget]] = {}
_REGISTERED_ELSEWHERE = ("repeat", "signature")  # kiosk.ui.wizard.repeat, .signature_pad


def register_widget(field_type: str, kind: type[FieldWidget]) -> None:
    """A widget defined in a module that itself builds on this one (a repeat builds its items
    with `make_field`): it registers here, so this module never imports it back."""
    _KINDS[field_type] = kind


def make_field(field: Field, broker: BlobBroker,
               parent: QWidget | None = None) -> FieldWidget:
    """The widget for one field (a repeat builds its items from this too)."""
    kind = _KINDS.get(field.type)
    if kind is None and field.type in _REGISTERED_ELSEWHERE:
        raise LookupError(f"no widget registered for {field.type!r}: import "
                          "kiosk.ui.wizard.repeat and kiosk.ui.wizard.signature_pad first")
    return (kind or LineField)(field, broker, parent)


for _type, _kind in {
    "long_text": LongTextField, "address": AddressField, "choice": ChoiceField,
    "multi_choice": ChoiceField, "yes_no": ChoiceField, "consent": ChoiceField,
    "computed": ComputedField, "attachment": AttachmentField,
    "id_number": NumberField, "phone": NumberField, "bank_card": NumberField,
}.items():
    register_widget(_type, _kind)
