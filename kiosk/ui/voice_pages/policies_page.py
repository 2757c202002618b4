"""补贴政策: what each subsidy is, who qualifies, the standard, how to apply, whom to call.

Reached from the lookup result ("为什么没有这项补贴?"); the list is the pulled
`subsidy_policies` dataset. Touching a name shows its policy; a complaint button leads to the
意见箱 with that item as the subject ("a payment I expected is missing").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label


class PoliciesPage(Page):
    page_id = "policies"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.policies: list[dict[str, Any]] = []
        self.wanted = ""
        row = QHBoxLayout()
        self.names = QListWidget()
        self.names.setObjectName("policyList")
        self.names.setAccessibleName(self.tr("Subsidies"))
        self.names.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.names.setWordWrap(True)
        self.names.currentRowChanged.connect(self._show)
        row.addWidget(self.names, 2)
        detail = QVBoxLayout()
        self.name = text_label("", role="cardTitle")
        self.facts = text_label("", role="instruction")
        detail.addWidget(self.name)
        detail.addWidget(self.facts)
        detail.addStretch(1)
        self.missing = big_button(self.tr("I expected this and did not get it"))
        self.missing.clicked.connect(self._on_missing)
        detail.addWidget(self.missing)
        row.addLayout(detail, 3)
        self.layout_.addLayout(row, 1)
        self.empty = text_label(self.tr("The policy list has not arrived yet. Please ask the "
                                        "clerk."), role="hint")
        self.layout_.addWidget(self.empty)

    def title_text(self) -> str:
        return self.tr("Subsidy policies")

    def on_enter(self, argument: Any = None) -> None:
        self.wanted = str(argument) if isinstance(argument, str) else ""
        self.tasks.run(lambda: self.services.voice.policy_list(), self.show_policies)

    def show_policies(self, policies: list[dict[str, Any]]) -> None:
        self.policies = policies
        self.names.blockSignals(True)
        self.names.clear()
        for policy in policies:
            self.names.addItem(QListWidgetItem(str(policy.get("item_name", ""))))
        self.names.blockSignals(False)
        self.empty.setVisible(not policies)
        self.missing.setVisible(bool(policies))
        codes = [str(p.get("item_code")) for p in policies]
        if policies:
            self.names.setCurrentRow(codes.index(self.wanted) if self.wanted in codes else 0)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.policies):
            return
        policy = self.policies[row]
        self.name.setText(str(policy.get("item_name", "")))
        self.facts.setText("\n".join([
            self.tr("Standard: %1").replace("%1", str(policy.get("standard", ""))),
            self.tr("Who qualifies: %1").replace("%1", str(policy.get("who_qualifies", ""))),
            self.tr("How to apply: %1").replace("%1", str(policy.get("how_to_apply", ""))),
            self.tr("Ask: %1").replace("%1", str(policy.get("contact", ""))),
        ]))

    def _on_missing(self) -> None:
        row = self.names.currentRow()
        if not 0 <= row < len(self.policies):
            return
        policy = self.policies[row]
        self.navigate_requested.emit("feedback", {
            "kind": "complaint", "kinds": ["complaint", "question"], "subject_type": "subsidy",
            "subject_id": policy.get("item_code"),
            "about": self.tr("Missing payment: %1").replace("%1",
                                                            str(policy.get("item_name")))})

    def wipe(self) -> None:
        self.wanted = ""
        self.names.setCurrentRow(-1)
