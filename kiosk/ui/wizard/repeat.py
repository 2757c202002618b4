"""Repeat groups (household members): one card per entry, add and remove, errors per entry.

The widget keeps the list of entries; any change in a card sends the whole list out as the
field's value. Issues arrive with paths like `members[1].id_number` and go to that card's
widget. Which questions of a card are shown depends on that entry's answers (`refresh_shown`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLayout, QVBoxLayout, QWidget

from forms.expressions import Env, holds
from forms.issues import Issue
from kiosk.ui.widgets import big_button, text_label
from kiosk.ui.wizard.fields import FieldWidget, make_field, register_widget


class RepeatField(FieldWidget):
    def build(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.cards: list[dict[str, FieldWidget]] = []
        self.holder = QVBoxLayout()
        self.holder.setSpacing(20)
        self._layout.addLayout(self.holder)
        label = (self.field.item_label or self.field.label).get(self.language)
        self.add = big_button(self.tr("+ Add %1").replace("%1", label))
        self.add.clicked.connect(self._on_add)
        self._layout.addWidget(self.add)
        self._answers: Mapping[str, Any] = {}

    def set_value(self, value: Any) -> None:
        self.items = [dict(v) for v in value if isinstance(v, dict)] \
            if isinstance(value, list) else []
        self._rebuild()

    def _rebuild(self) -> None:
        while self.holder.count():
            item = self.holder.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.cards = []
        label = (self.field.item_label or self.field.label).get(self.language)
        for index, entry in enumerate(self.items):
            card = QWidget()
            card.setObjectName("repeatCard")
            layout = QVBoxLayout(card)
            layout.setSpacing(12)
            # a card's wrapped labels need their full height inside the scroll area
            layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
            layout.addWidget(text_label(f"{label} {index + 1}", role="cardTitle"))
            widgets: dict[str, FieldWidget] = {}
            for sub in self.field.fields:
                widget = make_field(sub, self.broker)
                widget.set_value(entry.get(sub.id))
                widget.changed.connect(
                    lambda value, i=index, key=sub.id: self._on_sub_changed(i, key, value))
                layout.addWidget(widget)
                widgets[sub.id] = widget
            remove = big_button(self.tr("Remove %1 %2").replace("%1", label)
                                .replace("%2", str(index + 1)), name="quiet")
            remove.clicked.connect(lambda _=False, i=index: self._on_remove(i))
            layout.addWidget(remove)
            self.holder.addWidget(card)
            self.cards.append(widgets)
        maximum = int(self.field.params.get("max_items", 20))
        self.add.setEnabled(len(self.items) < maximum)
        self.refresh_shown(self._answers if hasattr(self, "_answers") else {})

    def _on_add(self) -> None:
        self.items.append({})
        self._rebuild()
        self.changed.emit([dict(item) for item in self.items])

    def _on_remove(self, index: int) -> None:
        del self.items[index]
        self._rebuild()
        self.changed.emit([dict(item) for item in self.items])

    def _on_sub_changed(self, index: int, key: str, value: Any) -> None:
        if value is None or value == "":
            self.items[index].pop(key, None)
        else:
            self.items[index][key] = value
        self.changed.emit([dict(item) for item in self.items])

    def refresh_shown(self, answers: Mapping[str, Any]) -> None:
        """Show each card's questions that apply to that entry; update computed ones."""
        self._answers = answers
        today = dt.date.today()
        for entry, widgets in zip(self.items, self.cards, strict=False):
            for _sub_id, widget in widgets.items():
                sub = widget.field
                shown = sub.shown_if is None or holds(sub.shown_if, Env(answers, today, entry))
                widget.setVisible(shown)

    def route_issues(self, issues: list[Issue], language: str) -> None:
        own: list[str] = []
        per_card: dict[tuple[int, str], list[str]] = {}
        prefix = self.field.id + "["
        for found in issues:
            rest = found.path[len(prefix):] if found.path.startswith(prefix) else ""
            index_text, _, sub = rest.partition("].")
            if index_text.isdigit() and sub:
                per_card.setdefault((int(index_text), sub.split(".")[0].split("[")[0]),
                                    []).append(found.message(language))
            else:
                own.append(found.message(language))
        self.show_issues(own)
        for index, widgets in enumerate(self.cards):
            for sub_id, widget in widgets.items():
                widget.show_issues(per_card.get((index, sub_id), []))


register_widget("repeat", RepeatField)
